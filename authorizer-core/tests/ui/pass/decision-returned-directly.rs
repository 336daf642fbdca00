//! An authorizer that never fails returns `Decision<C>` itself.

// The generated `main` starts the Lambda runtime, which fails outside Lambda: the test
// calls the function through `testing` instead.
#[allow(dead_code)]
mod lambda {
    use authorizer_core::prelude::*;

    #[derive(Context)]
    pub struct Session {
        pub admin: bool,
    }

    #[authorizer]
    pub fn authorize(request: TokenRequest) -> Decision<Session> {
        Decision::allow_all("user").context(Session { admin: request.token() == "admin" })
    }
}

const EVENT: &str = r#"{"type":"TOKEN","authorizationToken":"allow","methodArn":"arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets"}"#;

fn main() {
    let invocation = authorizer_core::testing::invoke(lambda::authorize, EVENT);
    assert_eq!(invocation.response().unwrap()["context"]["admin"], false);
}
