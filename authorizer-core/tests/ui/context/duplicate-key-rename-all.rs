use authorizer_core::Context;

#[derive(Context)]
#[context(rename_all = "camelCase")]
#[allow(non_snake_case)]
struct Session {
    user_id: String,
    userId: String,
}

fn main() {}
