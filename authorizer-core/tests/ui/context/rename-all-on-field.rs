use authorizer_core::Context;

#[derive(Context)]
struct Session {
    #[context(rename_all = "camelCase")]
    user_id: String,
}

fn main() {}
