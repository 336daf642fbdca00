use std::collections::HashMap;

use authorizer_core::Context;

struct Org {
    id: String,
}

#[derive(Context)]
struct Session {
    user: String,
    roles: Vec<String>,
    admin: bool,
    claims: HashMap<String, String>,
    org: Option<Org>,
    quota: (u32, u32),
}

fn main() {}
