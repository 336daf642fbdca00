use authorizer_core::Context;

#[derive(Context)]
#[context(rename_all = "camelCase", rename_all = "kebab-case")]
struct Session {
    user_id: String,
}

fn main() {}
