use authorizer_core::prelude::*;

#[authorizer]
extern "C" fn authorize(request: TokenRequest) -> Result<Decision, Error> {
    Ok(Decision::allow_all(request.token()))
}
