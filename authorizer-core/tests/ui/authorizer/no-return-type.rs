use authorizer_core::prelude::*;

#[authorizer]
fn authorize(request: TokenRequest) {
    let _ = request;
}
