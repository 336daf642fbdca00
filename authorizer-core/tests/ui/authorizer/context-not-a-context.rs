use authorizer_core::prelude::*;

struct Session {
    role: String,
}

#[authorizer]
fn authorize(request: TokenRequest) -> Result<Decision<Session>, Error> {
    Ok(Decision::allow_all(request.token()).context(Session { role: "reader".into() }))
}
