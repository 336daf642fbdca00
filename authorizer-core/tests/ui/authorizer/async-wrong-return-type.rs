use authorizer_core::prelude::*;

#[authorizer]
async fn authorize(request: TokenRequest) -> Option<Decision> {
    Some(Decision::allow_all(request.token()))
}
