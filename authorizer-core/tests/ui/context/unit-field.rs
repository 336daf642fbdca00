use authorizer_core::Context;

#[derive(Context)]
struct Session {
    nothing: (),
}

fn main() {}
