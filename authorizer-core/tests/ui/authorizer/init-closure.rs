use authorizer_core::prelude::*;

struct State;

#[authorizer(init = || Ok(State))]
fn authorize(request: TokenRequest, _state: &State) -> Result<Decision, Error> {
    Ok(Decision::allow_all(request.token()))
}
