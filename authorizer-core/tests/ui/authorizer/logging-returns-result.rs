use authorizer_core::prelude::*;

struct AlreadySet;

fn init_logging() -> Result<(), AlreadySet> {
    Ok(())
}

#[authorizer(logging = init_logging)]
fn authorize(request: TokenRequest) -> Result<Decision, Error> {
    Ok(Decision::allow_all(request.token()))
}
