// A backend reads owned values: a context with a borrowed field still derives (an
// authorizer may send it), but reading it back does not compile.
use authorizer_core::prelude::*;

#[derive(Context)]
struct Session {
    org: &'static str,
}

fn main() {
    let _ = Session::from_authorizer(&serde_json::Value::Null);
}
