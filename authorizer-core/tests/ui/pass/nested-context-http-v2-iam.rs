//! An HTTP API payload 2.0 authorizer answering with an IAM policy may nest its context too.

// The generated `main` starts the Lambda runtime, which fails outside Lambda: the test
// calls the function through `testing` instead.
#[allow(dead_code)]
mod lambda {
    use authorizer_core::prelude::*;

    #[derive(Context)]
    #[context(nested)]
    pub struct Claims {
        pub roles: Vec<&'static str>,
    }

    #[authorizer]
    pub async fn authorize(request: HttpV2Request<IamPolicy>) -> Result<Decision<Claims>, Error> {
        let _ = request;
        Ok(Decision::allow_all("user").context(Claims { roles: vec!["reader", "writer"] }))
    }
}

const EVENT: &str = r#"{"type":"REQUEST","version":"2.0","routeArn":"arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets","requestContext":{"http":{"method":"GET"},"timeEpoch":1}}"#;

fn main() {
    let invocation = authorizer_core::testing::invoke(lambda::authorize, EVENT);
    let response = invocation.response().expect("an IAM policy");
    assert_eq!(response["principalId"], "user");
    assert_eq!(response["context"], serde_json::json!({"roles": ["reader", "writer"]}));
}
