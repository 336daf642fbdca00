//! `crate = "..."` points both macros at authorizer-core under another name. Here the crate
//! is `renamed_core` and `authorizer_core` names `std`, so a generated path that ignored
//! the option, or that was relative, would not compile. (That `::authorizer_core` never
//! appears is checked by the `renamed_dependency` test, where no crate has that name.)

extern crate authorizer_core as renamed_core;

#[allow(unused_imports)]
use std as authorizer_core;

// The generated `main` starts the Lambda runtime, which fails outside Lambda: the test
// calls the function through `testing` instead.
#[allow(dead_code)]
mod lambda {
    use renamed_core::prelude::*;

    #[derive(Context)]
    #[context(crate = "renamed_core", rename_all = "camelCase")]
    pub struct Session {
        pub is_admin: bool,
    }

    pub struct Keys;

    pub fn load_keys() -> Result<Keys, Error> {
        Ok(Keys)
    }

    #[authorizer(crate = "renamed_core", init = load_keys)]
    pub async fn authorize(request: TokenRequest, _keys: &Keys) -> Result<Decision<Session>, Error> {
        Ok(Decision::allow_all("user").context(Session { is_admin: request.token() == "admin" }))
    }
}

const EVENT: &str = r#"{"type":"TOKEN","authorizationToken":"allow","methodArn":"arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets"}"#;

fn main() {
    let invocation = renamed_core::testing::invoke_with_state(lambda::authorize, &lambda::Keys, EVENT);
    assert_eq!(invocation.response().unwrap()["context"]["isAdmin"], false);
}
