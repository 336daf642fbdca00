//! `rename` sets one key; `rename_all` converts every other field name.

use authorizer_core::prelude::*;

#[derive(Context)]
#[context(rename_all = "camelCase")]
struct Session {
    user_id: u64,
    #[context(rename = "x-plan")]
    plan_name: &'static str,
    r#type: &'static str,
}

const EVENT: &str = r#"{"type":"TOKEN","authorizationToken":"allow","methodArn":"arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets"}"#;

fn main() {
    let authorize =
        |_: TokenRequest| Decision::allow_all("user").context(Session { user_id: 7, plan_name: "pro", r#type: "human" });
    let context = authorizer_core::testing::invoke(authorize, EVENT).response().unwrap()["context"].clone();
    assert_eq!(context, serde_json::json!({"userId": 7, "x-plan": "pro", "type": "human"}));
}
