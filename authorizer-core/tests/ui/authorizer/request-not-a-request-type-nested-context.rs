// One mistake, one error: the request type is wrong, so its context rule is not checked.
use authorizer_core::prelude::*;

#[derive(Context)]
#[context(nested)]
struct Claims {
    roles: Vec<String>,
}

#[authorizer]
fn authorize(token: String) -> Result<Decision<Claims>, Error> {
    Ok(Decision::allow_all(token))
}
