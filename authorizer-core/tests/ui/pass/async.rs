//! An async authorizer without shared state, returning a context.

// The generated `main` starts the Lambda runtime, which fails outside Lambda: the test
// calls the function through `testing` instead.
#[allow(dead_code)]
mod lambda {
    use authorizer_core::prelude::*;

    #[derive(Context)]
    pub struct Session {
        pub role: String,
    }

    #[authorizer]
    pub async fn authorize(request: TokenRequest) -> Result<Decision<Session>, Error> {
        let role = std::future::ready(request.token().to_owned()).await;
        Ok(Decision::allow_all("user").context(Session { role }))
    }
}

const EVENT: &str = r#"{"type":"TOKEN","authorizationToken":"allow","methodArn":"arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets"}"#;

fn main() {
    let invocation = authorizer_core::testing::invoke(lambda::authorize, EVENT);
    assert_eq!(invocation.status(), 200);
    assert_eq!(invocation.response().unwrap()["context"]["role"], "allow");
}
