use authorizer_core::Context;

#[derive(Context)]
#[context(crate = "authorizer core")]
struct Session {
    user: String,
}

fn main() {}
