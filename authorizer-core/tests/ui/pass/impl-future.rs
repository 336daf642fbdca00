//! A function returning `impl Future<Output = T>` is an async authorizer returning `T`.

use std::future::Future;

// The generated `main` starts the Lambda runtime, which fails outside Lambda: the test
// calls the function through `testing` instead.
#[allow(dead_code)]
mod lambda {
    use super::Future;
    use authorizer_core::prelude::*;

    #[authorizer]
    pub fn authorize(request: TokenRequest) -> impl Future<Output = Result<Decision, Error>> {
        let user = request.token().to_owned();
        async move { Ok(Decision::allow_all(user)) }
    }
}

const EVENT: &str = r#"{"type":"TOKEN","authorizationToken":"allow","methodArn":"arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets"}"#;

fn main() {
    let invocation = authorizer_core::testing::invoke(lambda::authorize, EVENT);
    assert_eq!(invocation.status(), 200);
}
