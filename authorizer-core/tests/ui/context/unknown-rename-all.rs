use authorizer_core::Context;

#[derive(Context)]
#[context(rename_all = "camel")]
struct Session {
    user_id: String,
}

fn main() {}
