use authorizer_core::prelude::*;

fn init_logging(_level: &str) {}

#[authorizer(logging = init_logging)]
fn authorize(request: TokenRequest) -> Result<Decision, Error> {
    Ok(Decision::allow_all(request.token()))
}
