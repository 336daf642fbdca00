use authorizer_core::Context;

#[derive(Context)]
enum Session {
    Reader,
    Admin,
}

fn main() {}
