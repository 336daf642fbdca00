use authorizer_core::prelude::*;

struct State;

fn build() -> Result<State, Error> {
    Ok(State)
}

#[authorizer(init = build)]
fn authorize(request: TokenRequest, lambda: LambdaContext, _state: &State) -> Result<Decision, Error> {
    let _ = request;
    Ok(Decision::allow(lambda.request_id()))
}
