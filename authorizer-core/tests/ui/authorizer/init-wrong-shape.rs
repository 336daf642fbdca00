use authorizer_core::prelude::*;

struct State;

fn build() -> String {
    String::new()
}

#[authorizer(init = build)]
fn authorize(request: TokenRequest, _state: &State) -> Result<Decision, Error> {
    Ok(Decision::allow_all(request.token()))
}
