// A context the return type cannot name is still checked against the request's rule.
use authorizer_core::JsonContext;
use authorizer_core::prelude::*;

#[derive(Context)]
#[context(nested)]
struct Claims {
    roles: Vec<String>,
}

#[authorizer]
async fn authorize(request: RestRequest) -> Result<Decision<impl JsonContext>, Error> {
    let _ = request;
    Ok(Decision::allow_all("user").context(Claims { roles: Vec::new() }))
}
