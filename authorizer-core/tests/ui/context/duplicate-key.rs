use authorizer_core::Context;

#[derive(Context)]
struct Session {
    user: String,
    #[context(rename = "user")]
    name: String,
}

fn main() {}
