//! A sync authorizer without shared state, returning `Result<Decision, Error>` (no context).

// The generated `main` starts the Lambda runtime, which fails outside Lambda: the test
// calls the function through `testing` instead.
#[allow(dead_code)]
mod lambda {
    use authorizer_core::prelude::*;

    #[authorizer]
    pub fn authorize(request: TokenRequest) -> Result<Decision, Error> {
        match request.token() {
            "allow" => Ok(Decision::allow_all("user")),
            _ => Err(Unauthorized.into()),
        }
    }
}

const EVENT: &str = r#"{"type":"TOKEN","authorizationToken":"allow","methodArn":"arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets"}"#;

fn main() {
    let invocation = authorizer_core::testing::invoke(lambda::authorize, EVENT);
    assert_eq!(invocation.status(), 200);
    assert_eq!(invocation.response().unwrap().get("context"), None);
}
