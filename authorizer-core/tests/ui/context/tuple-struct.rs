use authorizer_core::Context;

#[derive(Context)]
struct Session(String, bool);

fn main() {}
