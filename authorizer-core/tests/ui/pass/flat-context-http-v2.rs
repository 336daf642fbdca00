//! A flat context is a valid HTTP API payload 2.0 context too.

// The generated `main` starts the Lambda runtime, which fails outside Lambda: the test
// calls the function through `testing` instead.
#[allow(dead_code)]
mod lambda {
    use authorizer_core::prelude::*;

    #[derive(Context)]
    #[context(rename_all = "camelCase")]
    pub struct Session {
        pub user_id: u64,
        pub admin: bool,
    }

    #[authorizer]
    pub fn authorize(request: HttpV2Request) -> Decision<Session> {
        let _ = request;
        Decision::allow_all("user").context(Session { user_id: 7, admin: false })
    }
}

const EVENT: &str = r#"{"type":"REQUEST","version":"2.0","routeArn":"arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets","requestContext":{"http":{"method":"GET"},"timeEpoch":1}}"#;

fn main() {
    let invocation = authorizer_core::testing::invoke(lambda::authorize, EVENT);
    assert_eq!(invocation.response().unwrap()["context"], serde_json::json!({"userId": 7, "admin": false}));
}
