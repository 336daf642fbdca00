//! `&'static str` fields make a context that can be a `const`.

use authorizer_core::prelude::*;

#[derive(Context)]
struct Session {
    tier: &'static str,
    version: u8,
}

const SESSION: Session = Session { tier: "gold", version: 2 };

const EVENT: &str = r#"{"type":"TOKEN","authorizationToken":"allow","methodArn":"arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets"}"#;

fn main() {
    let authorize = |_: TokenRequest| Decision::allow_all("user").context(SESSION);
    let context = authorizer_core::testing::invoke(authorize, EVENT).response().unwrap()["context"].clone();
    assert_eq!(context, serde_json::json!({"tier": "gold", "version": 2}));
}
