//! A lifetime declared on the function may tie the context to the shared state: `main`,
//! which copies the types as written, infers it.

// The generated `main` starts the Lambda runtime, which fails outside Lambda: the test
// calls the function through `testing` instead.
mod lambda {
    use authorizer_core::prelude::*;

    pub struct Keys {
        pub user: String,
    }

    pub fn load() -> Result<Keys, Error> {
        Ok(Keys { user: String::from("ana") })
    }

    #[derive(Context)]
    pub struct Session<'a> {
        pub user: &'a str,
    }

    #[authorizer(init = load)]
    pub fn authorize<'a>(request: TokenRequest, keys: &'a Keys) -> Result<Decision<Session<'a>>, Error> {
        let _ = request;
        Ok(Decision::allow_all("user").context(Session { user: &keys.user }))
    }
}

const EVENT: &str = r#"{"type":"TOKEN","authorizationToken":"allow","methodArn":"arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets"}"#;

fn main() {
    let keys = Box::leak(Box::new(lambda::load().unwrap()));
    let invocation = authorizer_core::testing::invoke_with_state(lambda::authorize, keys, EVENT);
    assert_eq!(invocation.response().unwrap()["context"]["user"], "ana");
}
