// The backend fills a skipped field with its `Default`: one without cannot be read back.
use authorizer_core::prelude::*;

struct Cache;

#[derive(Context)]
struct Session {
    org: String,
    #[context(skip)]
    cache: Cache,
}

fn main() {
    let _ = Session::from_authorizer(&serde_json::Value::Null);
}
