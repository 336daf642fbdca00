use authorizer_core::prelude::*;

#[authorizer]
fn authorize(request: TokenRequest) -> Result<Decision, u32> {
    Ok(Decision::allow_all(request.token()))
}
