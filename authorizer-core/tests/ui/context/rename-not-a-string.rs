use authorizer_core::Context;

#[derive(Context)]
struct Session {
    #[context(rename = user)]
    name: String,
}

fn main() {}
