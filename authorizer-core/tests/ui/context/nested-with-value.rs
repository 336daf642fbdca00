use authorizer_core::Context;

#[derive(Context)]
#[context(nested = true)]
struct Claims {
    roles: Vec<String>,
}

fn main() {}
