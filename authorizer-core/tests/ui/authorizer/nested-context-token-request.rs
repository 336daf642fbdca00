use authorizer_core::prelude::*;

#[derive(Context)]
#[context(nested)]
struct Claims {
    roles: Vec<String>,
}

#[authorizer]
fn authorize(request: TokenRequest) -> Result<Decision<Claims>, Error> {
    let _ = request;
    Ok(Decision::allow_all("user").context(Claims { roles: vec!["admin".to_owned()] }))
}
