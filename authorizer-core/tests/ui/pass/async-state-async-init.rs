//! An async authorizer with shared state built by an async `init` returning its own error.

// The generated `main` starts the Lambda runtime, which fails outside Lambda: the test
// calls the function through `testing` instead.
#[allow(dead_code)]
mod lambda {
    use authorizer_core::prelude::*;

    pub struct Keys {
        pub allowed: String,
    }

    pub async fn load_keys() -> Result<Keys, std::io::Error> {
        Ok(Keys { allowed: std::future::ready("allow".to_owned()).await })
    }

    #[authorizer(init = self::load_keys)]
    pub async fn authorize(request: TokenRequest, keys: &Keys) -> Result<Decision, Error> {
        if request.token() == keys.allowed {
            Ok(Decision::allow_all("user"))
        } else {
            Err(Unauthorized.into())
        }
    }
}

const EVENT: &str = r#"{"type":"TOKEN","authorizationToken":"allow","methodArn":"arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets"}"#;

fn main() {
    let keys = Box::leak(Box::new(lambda::Keys { allowed: "allow".to_owned() }));
    let invocation = authorizer_core::testing::invoke_with_state(lambda::authorize, keys, EVENT);
    assert_eq!(invocation.status(), 200);
}

