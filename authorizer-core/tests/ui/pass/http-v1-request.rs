//! An HTTP API payload 1.0 authorizer takes `HttpV1Request`, with a flat context.

// The generated `main` starts the Lambda runtime, which fails outside Lambda: the test
// calls the function through `testing` instead.
#[allow(dead_code)]
mod lambda {
    use authorizer_core::prelude::*;

    #[derive(Context)]
    pub struct Session {
        pub quota: u32,
    }

    #[authorizer]
    pub fn authorize(request: HttpV1Request) -> Decision<Session> {
        let _ = request;
        Decision::allow_all("user").context(Session { quota: 5 })
    }
}

const EVENT: &str = r#"{"type":"REQUEST","version":"1.0","methodArn":"arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets","requestContext":{}}"#;

fn main() {
    let invocation = authorizer_core::testing::invoke(lambda::authorize, EVENT);
    assert_eq!(invocation.response().unwrap()["context"]["quota"], 5);
}
