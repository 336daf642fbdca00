//! Built by the `renamed_dependency` test of `tests/ui.rs` as a crate whose Cargo.toml says
//! `renamed_core = { package = "authorizer-core", ... }`: no crate is called
//! `authorizer_core` here, so any generated path that ignored `crate = "..."` fails.

use renamed_core::prelude::*;

#[derive(Context)]
#[context(crate = "renamed_core")]
struct Session {
    admin: bool,
    plan: Option<&'static str>,
}

// Never built into a decision: only its impls are checked.
#[allow(dead_code)]
#[derive(Context)]
#[context(crate = "renamed_core", nested)]
struct Claims {
    roles: Vec<String>,
    session: Session,
}

struct Keys;

fn load_keys() -> Result<Keys, Error> {
    Ok(Keys)
}

#[authorizer(crate = "renamed_core", init = load_keys)]
fn authorize(request: TokenRequest, _keys: &Keys) -> Result<Decision<Session>, Error> {
    Ok(Decision::allow_all("user").context(Session { admin: request.token() == "admin", plan: None }))
}
