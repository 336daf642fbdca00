//! A context the return type cannot name (`impl JsonContext`) is inferred from the function.

// The generated `main` starts the Lambda runtime, which fails outside Lambda: the test
// calls the function through `testing` instead.
#[allow(dead_code)]
mod lambda {
    use authorizer_core::JsonContext;
    use authorizer_core::prelude::*;

    #[derive(Context)]
    #[context(nested)]
    pub struct Claims {
        pub roles: Vec<String>,
    }

    #[authorizer]
    pub async fn authorize(request: HttpV2Request) -> Result<Decision<impl JsonContext>, Error> {
        let _ = request;
        Ok(Decision::allow_all("user").context(Claims { roles: vec!["admin".to_owned()] }))
    }
}

const EVENT: &str = r#"{"type":"REQUEST","version":"2.0","routeArn":"arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets","requestContext":{"http":{"method":"GET"},"timeEpoch":1}}"#;

fn main() {
    let invocation = authorizer_core::testing::invoke(lambda::authorize, EVENT);
    assert_eq!(invocation.response().unwrap()["context"]["roles"][0], "admin");
}
