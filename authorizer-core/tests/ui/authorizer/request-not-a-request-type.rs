use authorizer_core::prelude::*;

#[authorizer]
fn authorize(token: String) -> Result<Decision, Error> {
    Ok(Decision::allow_all(token))
}
