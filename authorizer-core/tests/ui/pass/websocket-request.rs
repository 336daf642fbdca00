//! A WebSocket API `$connect` authorizer takes `WebSocketRequest`, with a flat context.

// The generated `main` starts the Lambda runtime, which fails outside Lambda: the test
// calls the function through `testing` instead.
#[allow(dead_code)]
mod lambda {
    use authorizer_core::prelude::*;

    #[derive(Context)]
    pub struct Session {
        pub user: String,
    }

    #[authorizer]
    pub fn authorize(request: WebSocketRequest) -> Result<Decision<Session>, Error> {
        let _ = request;
        Ok(Decision::allow_all("user").context(Session { user: "ana".to_owned() }))
    }
}

const EVENT: &str = r#"{"type":"REQUEST","methodArn":"arn:aws:execute-api:us-east-1:123456789012:abc/prod/$connect","requestContext":{"connectedAt":1,"requestTimeEpoch":1}}"#;

fn main() {
    let invocation = authorizer_core::testing::invoke(lambda::authorize, EVENT);
    assert_eq!(invocation.response().unwrap()["context"]["user"], "ana");
}
