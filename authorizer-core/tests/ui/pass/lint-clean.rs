//! Both macros' full expansion is warning-free in a crate that denies warnings. The file is
//! also a module of `tests/ui.rs`, so that `cargo clippy --all-targets` checks it with
//! `clippy::pedantic` (rustc ignores clippy's lints, and trybuild runs no clippy).

#![deny(warnings, clippy::pedantic)]

use authorizer_core::testing;

// The generated `main` starts the Lambda runtime, which fails outside Lambda: the test
// calls the function through `testing` instead. `expect` also proves `main` is there.
#[expect(dead_code, reason = "the generated main runs only in Lambda")]
mod lambda {
    use std::borrow::Cow;

    use authorizer_core::prelude::*;

    #[derive(Context)]
    #[context(rename_all = "camelCase")]
    pub struct Session<'a> {
        pub user_id: Cow<'a, str>,
        #[context(rename = "tier")]
        pub plan: &'static str,
        pub quota: Option<u32>,
        pub admin: bool,
        #[context(skip)]
        pub roles: Vec<String>,
    }

    pub struct Keys {
        pub admin_token: String,
    }

    pub async fn load_keys() -> Result<Keys, std::io::Error> {
        Ok(Keys { admin_token: String::from("admin") })
    }

    #[authorizer(init = load_keys)]
    pub async fn authorize(request: TokenRequest, keys: &Keys) -> Result<Decision<Session<'static>>, Error> {
        let token = request.bearer_token().unwrap_or(request.token()).to_owned();
        let admin = token == keys.admin_token;
        let session = Session { user_id: Cow::Owned(token), plan: "gold", quota: None, admin, roles: Vec::new() };
        Ok(Decision::allow_all("user").context(session))
    }
}

const EVENT: &str = r#"{"type":"TOKEN","authorizationToken":"admin","methodArn":"arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets"}"#;

fn main() {
    let keys = Box::leak(Box::new(lambda::Keys { admin_token: String::from("admin") }));
    let invocation = testing::invoke_with_state(lambda::authorize, keys, EVENT);
    let context = &invocation.response().expect("an allow policy")["context"];
    assert_eq!(context["userId"], "admin");
    assert_eq!(context["tier"], "gold");
    assert_eq!(context["admin"], true);
}
