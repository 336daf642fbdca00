use authorizer_core::prelude::*;

#[authorizer]
fn authorize(request: TokenRequest) -> Result<Decision, Error> {
    Ok(Decision::allow_all(request.token()))
}

fn main() {}
