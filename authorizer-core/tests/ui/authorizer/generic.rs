use authorizer_core::prelude::*;

#[authorizer]
fn authorize<R>(_request: R) -> Result<Decision, Error> {
    Ok(Decision::allow_all("user"))
}
