use authorizer_core::Context;

#[derive(Context)]
#[context(nest)]
struct Claims {
    roles: Vec<String>,
}

fn main() {}
