use authorizer_core::prelude::*;

#[authorizer]
fn authorize(request: TokenRequest, args: ...) -> Result<Decision, Error> {
    Ok(Decision::allow_all(request.token()))
}
