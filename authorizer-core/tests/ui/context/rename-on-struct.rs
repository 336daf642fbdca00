use authorizer_core::Context;

#[derive(Context)]
#[context(rename = "session")]
struct Session {
    user: String,
}

fn main() {}
