// An `async fn` returning `impl Future` gives a future once awaited, not a decision.
use std::future::Future;

use authorizer_core::prelude::*;

#[authorizer]
async fn authorize(request: TokenRequest) -> impl Future<Output = Result<Decision, Error>> {
    let user = request.token().to_owned();
    async move { Ok(Decision::allow_all(user)) }
}
