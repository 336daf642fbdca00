//! An async authorizer returning `anyhow::Error`, with `init` returning one too: a failure
//! is a 500.

// The generated `main` starts the Lambda runtime, which fails outside Lambda: the test
// calls the function through `testing` instead.
#[allow(dead_code)]
mod lambda {
    use anyhow::Context as _;
    use authorizer_core::prelude::*;

    pub struct Limit(pub u32);

    pub async fn load_limit() -> anyhow::Result<Limit> {
        Ok(Limit("10".parse().context("the limit is not a number")?))
    }

    #[authorizer(init = self::load_limit)]
    pub async fn authorize(request: TokenRequest, limit: &Limit) -> anyhow::Result<Decision> {
        let number: u32 = request.token().parse().context("the token is not a number")?;
        anyhow::ensure!(number < limit.0, "over the limit");
        Ok(Decision::allow_all("user"))
    }
}

const EVENT: &str = r#"{"type":"TOKEN","authorizationToken":"x","methodArn":"arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets"}"#;

fn main() {
    let limit = Box::leak(Box::new(lambda::Limit(10)));
    let invocation = authorizer_core::testing::invoke_with_state(lambda::authorize, limit, EVENT);
    assert_eq!(invocation.status(), 500);
}
