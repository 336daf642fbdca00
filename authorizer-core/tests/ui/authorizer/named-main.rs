use authorizer_core::prelude::*;

#[authorizer]
fn main(request: TokenRequest) -> Result<Decision, Error> {
    Ok(Decision::allow_all(request.token()))
}
