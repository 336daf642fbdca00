use authorizer_core::Context;

#[derive(Context)]
struct Session {
    #[context(rename = "user", rename = "userId")]
    user: String,
}

fn main() {}
