use authorizer_core::Context;

#[derive(Context)]
struct Session {
    #[context(skip, skip)]
    user: String,
}

fn main() {}
