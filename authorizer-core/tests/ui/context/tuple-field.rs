use authorizer_core::Context;

#[derive(Context)]
struct Session {
    quota: (u32, u32),
}

fn main() {}
