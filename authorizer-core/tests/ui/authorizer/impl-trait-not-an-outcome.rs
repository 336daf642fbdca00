// A return type that cannot be named is still checked against what an authorizer returns.
use authorizer_core::prelude::*;

#[authorizer]
fn authorize(request: TokenRequest) -> impl std::fmt::Debug {
    request.token().to_owned()
}
