use authorizer_core::Context;

#[derive(Context)]
#[context(nested)]
#[context(rename_all = "camelCase", nested)]
struct Claims {
    roles: Vec<String>,
}

fn main() {}
