use authorizer_core::prelude::*;

struct State;

fn build() -> Result<State, Error> {
    Ok(State)
}

#[authorizer(init = build)]
fn authorize(request: TokenRequest, _state: &State, _retries: u32) -> Result<Decision, Error> {
    Ok(Decision::allow_all(request.token()))
}
