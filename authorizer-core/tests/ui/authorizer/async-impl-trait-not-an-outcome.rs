// `impl Trait` inside the return type of an `async fn`: checked once awaited.
use authorizer_core::prelude::*;

#[authorizer]
async fn authorize(request: TokenRequest) -> Result<impl Sized, Error> {
    Ok(request.token().to_owned())
}
