use authorizer_core::Context;

struct Org {
    id: String,
}

#[derive(Context)]
struct Session {
    org: Org,
}

fn main() {}
