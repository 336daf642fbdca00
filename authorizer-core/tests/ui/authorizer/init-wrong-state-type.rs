use authorizer_core::prelude::*;

struct State;
struct Other;

fn build() -> Result<Other, Error> {
    Ok(Other)
}

#[authorizer(init = build)]
fn authorize(request: TokenRequest, _state: &State) -> Result<Decision, Error> {
    Ok(Decision::allow_all(request.token()))
}
