use authorizer_core::prelude::*;

struct Claims {
    roles: Vec<String>,
}

#[authorizer]
fn authorize(request: HttpV2Request) -> Result<Decision<Claims>, Error> {
    let _ = request;
    Ok(Decision::allow_all("user").context(Claims { roles: Vec::new() }))
}
