//! Any error that converts into `authorizer_core::Error` can be the function's error type.

// The generated `main` starts the Lambda runtime, which fails outside Lambda: the test
// calls the function through `testing` instead.
#[allow(dead_code)]
mod lambda {
    use authorizer_core::prelude::*;

    #[authorizer]
    pub fn authorize(request: TokenRequest) -> Result<Decision, std::num::ParseIntError> {
        let id: u64 = request.token().parse()?;
        Ok(Decision::allow_all(id.to_string()))
    }
}

const EVENT: &str = r#"{"type":"TOKEN","authorizationToken":"allow","methodArn":"arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets"}"#;

fn main() {
    let invocation = authorizer_core::testing::invoke(lambda::authorize, EVENT);
    assert_eq!(invocation.status(), 500);
}
