use authorizer_core::prelude::*;

struct State;

async fn build() -> Option<State> {
    Some(State)
}

#[authorizer(init = build)]
async fn authorize(request: TokenRequest, _state: &State) -> Result<Decision, Error> {
    Ok(Decision::allow_all(request.token()))
}
