use authorizer_core::prelude::*;

#[authorizer]
fn authorize(request: TokenRequest) -> Result<String, Error> {
    Ok(request.token().to_owned())
}
