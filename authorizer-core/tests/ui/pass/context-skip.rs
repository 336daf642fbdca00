//! A `skip`ped field is not sent, whatever its type.

use authorizer_core::prelude::*;

#[derive(Context)]
struct Session {
    user: String,
    #[context(skip)]
    roles: Vec<String>,
}

const EVENT: &str = r#"{"type":"TOKEN","authorizationToken":"allow","methodArn":"arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets"}"#;

fn main() {
    let authorize = |_: TokenRequest| {
        Decision::allow_all("user").context(Session { user: "ana".to_owned(), roles: vec!["admin".to_owned()] })
    };
    let context = authorizer_core::testing::invoke(authorize, EVENT).response().unwrap()["context"].clone();
    assert_eq!(context, serde_json::json!({"user": "ana"}));
}
