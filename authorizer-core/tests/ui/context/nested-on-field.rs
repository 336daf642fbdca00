use authorizer_core::Context;

#[derive(Context)]
struct Claims {
    #[context(nested)]
    roles: Vec<String>,
}

fn main() {}
