use authorizer_core::Context;

#[derive(Context)]
struct Session {
    #[context(flatten)]
    user: String,
}

fn main() {}
