use authorizer_core::Context;

#[derive(Context)]
#[context(deny_unknown_fields)]
struct Session {
    user: String,
}

fn main() {}
