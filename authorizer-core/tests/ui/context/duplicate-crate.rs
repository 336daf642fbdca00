use authorizer_core::Context;

#[derive(Context)]
#[context(crate = "authorizer_core", crate = "authorizer_core")]
struct Session {
    user: String,
}

fn main() {}
