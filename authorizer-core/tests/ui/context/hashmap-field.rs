use std::collections::HashMap;

use authorizer_core::Context;

#[derive(Context)]
struct Session {
    claims: HashMap<String, String>,
}

fn main() {}
