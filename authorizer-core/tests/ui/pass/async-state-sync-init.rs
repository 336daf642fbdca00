//! An async authorizer whose shared state a sync `init` builds.

// The generated `main` starts the Lambda runtime, which fails outside Lambda: the test
// calls the function through `testing` instead.
#[allow(dead_code)]
mod lambda {
    use authorizer_core::prelude::*;

    pub struct Keys;

    pub fn load_keys() -> Result<Keys, Error> {
        Ok(Keys)
    }

    #[authorizer(init = load_keys)]
    pub async fn authorize(_request: TokenRequest, _keys: &Keys) -> Result<Decision, Error> {
        Ok(Decision::allow_all("user"))
    }
}

const EVENT: &str = r#"{"type":"TOKEN","authorizationToken":"allow","methodArn":"arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets"}"#;

fn main() {
    let invocation = authorizer_core::testing::invoke_with_state(lambda::authorize, &lambda::Keys, EVENT);
    assert_eq!(invocation.status(), 200);
}
