use authorizer_core::AuthorizerRequest;
use authorizer_core::prelude::*;

#[authorizer]
fn authorize(_request: impl AuthorizerRequest) -> Result<Decision, Error> {
    Ok(Decision::allow_all("user"))
}
