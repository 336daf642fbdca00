use authorizer_core::Context;

#[derive(Context)]
struct Session {
    roles: Vec<String>,
}

fn main() {}
