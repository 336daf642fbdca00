//! A sync authorizer with shared state built by a sync `init`.

// The generated `main` starts the Lambda runtime, which fails outside Lambda: the test
// calls the function through `testing` instead.
#[allow(dead_code)]
mod lambda {
    use authorizer_core::prelude::*;

    pub struct Keys {
        pub allowed: &'static str,
    }

    pub fn load_keys() -> Result<Keys, Error> {
        Ok(Keys { allowed: "allow" })
    }

    #[authorizer(init = load_keys)]
    pub fn authorize(request: TokenRequest, keys: &Keys) -> Result<Decision, Error> {
        if request.token() == keys.allowed {
            Ok(Decision::allow_all("user"))
        } else {
            Ok(Decision::deny("user"))
        }
    }
}

const EVENT: &str = r#"{"type":"TOKEN","authorizationToken":"allow","methodArn":"arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets"}"#;

fn main() {
    let keys = Box::leak(Box::new(lambda::load_keys().unwrap()));
    let invocation = authorizer_core::testing::invoke_with_state(lambda::authorize, keys, EVENT);
    assert_eq!(invocation.status(), 200);
}
