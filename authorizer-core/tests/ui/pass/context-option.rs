//! An `Option` field sends its value, or leaves its key out.

use authorizer_core::prelude::*;

#[derive(Context)]
struct Session {
    plan: Option<String>,
    quota: Option<u32>,
}

const EVENT: &str = r#"{"type":"TOKEN","authorizationToken":"allow","methodArn":"arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets"}"#;

fn main() {
    let authorize = |_: TokenRequest| {
        Decision::allow_all("user").context(Session { plan: Some("pro".to_owned()), quota: None })
    };
    let context = authorizer_core::testing::invoke(authorize, EVENT).response().unwrap()["context"].clone();
    assert_eq!(context, serde_json::json!({"plan": "pro"}));
}
