use authorizer_core::prelude::*;

#[authorizer]
fn authorize() -> Result<Decision, Error> {
    Ok(Decision::allow_all("user"))
}
