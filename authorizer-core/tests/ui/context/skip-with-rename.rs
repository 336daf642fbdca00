use authorizer_core::Context;

#[derive(Context)]
struct Session {
    user: String,
    #[context(skip, rename = "roles")]
    roles: Vec<String>,
}

fn main() {}
