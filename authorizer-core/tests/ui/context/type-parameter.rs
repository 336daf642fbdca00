use authorizer_core::Context;

#[derive(Context)]
struct Session<T> {
    user: T,
}

fn main() {}
