use authorizer_core::prelude::*;

#[authorizer]
fn authorize(request: TokenRequest) -> Result<Decision, Error>
where
    TokenRequest: Send,
{
    Ok(Decision::allow_all(request.token()))
}
