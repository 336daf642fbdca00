//! An authorizer returning `eyre::Report`: a failure is a 500.

// The generated `main` starts the Lambda runtime, which fails outside Lambda: the test
// calls the function through `testing` instead.
#[allow(dead_code)]
mod lambda {
    use authorizer_core::prelude::*;
    use eyre::WrapErr as _;

    #[authorizer]
    pub fn authorize(request: TokenRequest) -> eyre::Result<Decision> {
        let _: u32 = request.token().parse().wrap_err("the token is not a number")?;
        Ok(Decision::allow_all("user"))
    }
}

const EVENT: &str = r#"{"type":"TOKEN","authorizationToken":"x","methodArn":"arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets"}"#;

fn main() {
    let invocation = authorizer_core::testing::invoke(lambda::authorize, EVENT);
    assert_eq!(invocation.status(), 500);
}
