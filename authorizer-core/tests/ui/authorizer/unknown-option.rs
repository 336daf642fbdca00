use authorizer_core::prelude::*;

#[authorizer(timeout = 3)]
fn authorize(request: TokenRequest) -> Result<Decision, Error> {
    Ok(Decision::allow_all(request.token()))
}
