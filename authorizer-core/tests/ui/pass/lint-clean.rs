//! Both macros' full expansion, flat and nested, is warning-free in a crate that denies
//! warnings. The file is also a module of `tests/ui.rs`, so that `cargo clippy --all-targets`
//! checks it with `clippy::pedantic` (rustc ignores clippy's lints, and trybuild runs no
//! clippy).

#![deny(warnings, clippy::pedantic)]

use authorizer_core::testing;

// The generated `main` starts the Lambda runtime, which fails outside Lambda: each
// authorizer is in a module, where its `main` is not the entry point, and the test calls it
// through `testing` instead.
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

// A nested context, and a return type that cannot be named: the other expansions.
mod http {
    use std::collections::BTreeMap;

    use authorizer_core::prelude::*;
    use authorizer_core::{JsonContext, JsonValue};

    #[derive(Context)]
    pub struct Org<'a> {
        pub id: &'a str,
    }

    #[derive(Context)]
    #[context(nested, rename_all = "camelCase")]
    pub struct Claims<'a> {
        pub user_roles: Vec<&'a str>,
        #[context(rename = "org")]
        pub organisation: Org<'a>,
        pub limits: BTreeMap<String, u32>,
        pub plan: Option<String>,
        #[context(skip)]
        pub cache: Vec<u8>,
    }

    /// Any value a nested context may hold, in a function of the user's.
    pub fn value() -> impl JsonValue {
        Org { id: "o-2" }
    }

    #[authorizer]
    pub fn authorize(request: HttpV2Request) -> Decision<impl JsonContext> {
        let user = request.route_key().to_owned();
        let claims = Claims {
            user_roles: vec!["admin"],
            organisation: Org { id: "o-1" },
            limits: BTreeMap::from([(user, 1)]),
            plan: None,
            cache: Vec::new(),
        };
        Decision::allow_all("user").context(claims)
    }
}

// Two signatures the framework imposes: the request by value, which a function returning
// `impl Future` may only read (clippy's `needless_pass_by_value`), and the state by
// reference, even when it is small and `Copy` (`trivially_copy_pass_by_ref`).
mod future {
    use std::future::Future;

    use authorizer_core::prelude::*;

    #[authorizer]
    pub fn authorize(request: TokenRequest) -> impl Future<Output = Result<Decision, Error>> {
        let user = request.token().to_owned();
        async move { Ok(Decision::allow_all(user)) }
    }
}

mod copy_state {
    use authorizer_core::prelude::*;

    #[derive(Clone, Copy)]
    pub struct Limits {
        pub max_token_len: u32,
    }

    pub fn limits() -> Result<Limits, std::num::ParseIntError> {
        let max_token_len = std::env::var("MAX_TOKEN_LEN").map_or(Ok(16), |max| max.parse())?;
        Ok(Limits { max_token_len })
    }

    #[authorizer(init = limits)]
    pub fn authorize(request: TokenRequest, limits: &Limits) -> Result<Decision, Error> {
        if request.token().len() <= limits.max_token_len as usize {
            Ok(Decision::allow_all("user"))
        } else {
            Err(Unauthorized.into())
        }
    }
}

const EVENT: &str = r#"{"type":"TOKEN","authorizationToken":"admin","methodArn":"arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets"}"#;
const HTTP: &str = r#"{"type":"REQUEST","version":"2.0","routeArn":"arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets","routeKey":"GET /pets","requestContext":{"http":{"method":"GET"},"timeEpoch":1}}"#;

fn main() {
    let keys = Box::leak(Box::new(lambda::Keys { admin_token: String::from("admin") }));
    let invocation = testing::invoke_with_state(lambda::authorize, keys, EVENT);
    let context = &invocation.response().expect("an allow policy")["context"];
    assert_eq!(context["userId"], "admin");
    assert_eq!(context["tier"], "gold");
    assert_eq!(context["admin"], true);

    let _ = http::value();
    let invocation = testing::invoke(http::authorize, HTTP);
    let context = &invocation.response().expect("a simple response")["context"];
    assert_eq!(context["userRoles"][0], "admin");
    assert_eq!(context["org"]["id"], "o-1");
    assert_eq!(context["limits"]["GET /pets"], 1);

    assert_eq!(testing::invoke(future::authorize, EVENT).status(), 200);
    let limits = Box::leak(Box::new(copy_state::limits().expect("limits")));
    assert_eq!(testing::invoke_with_state(copy_state::authorize, limits, EVENT).status(), 200);
}
