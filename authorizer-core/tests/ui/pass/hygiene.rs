//! Generated code names everything by absolute path: it compiles without the prelude, and
//! next to a `Result` alias, as many crates define.

#![no_implicit_prelude]

// The generated `main` starts the Lambda runtime, which fails outside Lambda: the test
// calls the function through `testing` instead.
#[allow(dead_code)]
mod lambda {
    use ::authorizer_core::prelude::*;

    pub type Result<T> = ::std::result::Result<T, Error>;

    pub struct Option;
    pub struct Ok;
    pub struct ExitCode;

    #[derive(Context)]
    pub struct Session {
        pub user: ::std::string::String,
        pub plan: ::std::option::Option<&'static str>,
    }

    // The nested expansion, next to the same shadowing names.
    #[derive(Context)]
    #[context(nested)]
    pub struct Claims {
        pub roles: ::std::vec::Vec<::std::string::String>,
        pub session: Session,
        pub plan: ::std::option::Option<&'static str>,
    }

    pub struct Keys;

    pub fn load_keys() -> Result<Keys> {
        ::std::result::Result::Ok(Keys)
    }

    #[authorizer(init = load_keys)]
    pub fn authorize(request: TokenRequest, _keys: &Keys) -> Result<Decision<Session>> {
        let user = ::std::borrow::ToOwned::to_owned(request.token());
        ::std::result::Result::Ok(Decision::allow_all("user").context(Session { user, plan: ::std::option::Option::None }))
    }
}

const EVENT: &str = r#"{"type":"TOKEN","authorizationToken":"allow","methodArn":"arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets"}"#;

fn main() {
    let invocation = ::authorizer_core::testing::invoke_with_state(lambda::authorize, &lambda::Keys, EVENT);
    ::std::assert_eq!(invocation.status(), 200);
}
