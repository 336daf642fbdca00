// A struct that derives `Context` is a value of a nested context only.
use authorizer_core::Context;

#[derive(Context)]
struct Org {
    id: String,
}

#[derive(Context)]
struct Session {
    org: Org,
}

fn main() {}
