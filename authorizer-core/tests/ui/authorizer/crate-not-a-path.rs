use authorizer_core::prelude::*;

#[authorizer(crate = "authorizer core")]
fn authorize(request: TokenRequest) -> Result<Decision, Error> {
    Ok(Decision::allow_all(request.token()))
}
