use authorizer_core::prelude::*;

fn build() -> Result<String, Error> {
    Ok(String::new())
}

#[authorizer(init = build)]
fn authorize(request: TokenRequest, _state: &impl AsRef<str>) -> Result<Decision, Error> {
    Ok(Decision::allow_all(request.token()))
}
