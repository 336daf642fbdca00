use authorizer_core::Context;

struct Org {
    id: String,
}

#[derive(Context)]
#[context(nested)]
struct Claims {
    orgs: Vec<Org>,
}

fn main() {}
