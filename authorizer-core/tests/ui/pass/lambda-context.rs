//! Every shape that takes the invocation's `LambdaContext`, and what it reads.

use authorizer_core::prelude::*;
use authorizer_core::testing;

struct State {
    name: &'static str,
}

fn build() -> Result<State, Error> {
    Ok(State { name: "s" })
}

// Each generated `main` starts the Lambda runtime, which fails outside Lambda: the test
// calls the functions through `testing` instead.
#[allow(dead_code)]
mod sync_plain {
    use authorizer_core::prelude::*;

    #[authorizer]
    pub(super) fn authorize(request: TokenRequest, lambda: LambdaContext) -> Result<Decision, Error> {
        let _ = request;
        Ok(Decision::allow(lambda.request_id()).route(Route::get("/pets")))
    }
}

#[allow(dead_code)]
mod async_plain {
    use authorizer_core::prelude::*;
    use authorizer_core::testing;

    #[authorizer]
    async fn authorize(_request: TokenRequest, lambda: authorizer_core::LambdaContext) -> Result<Decision, Error> {
        Ok(Decision::allow(lambda.request_id()).route(Route::get("/pets")))
    }

    pub(super) fn check() {
        assert_eq!(testing::invoke(authorize, super::EVENT).status(), 200);
    }
}

#[allow(dead_code)]
mod with_state {
    use authorizer_core::prelude::*;
    use authorizer_core::testing;

    use super::{State, build};

    #[authorizer(init = build)]
    fn authorize(_request: TokenRequest, state: &State, lambda: LambdaContext) -> Result<Decision, Error> {
        Ok(Decision::allow(format!("{}-{}", state.name, lambda.request_id())).route(Route::get("/pets")))
    }

    pub(super) fn check() {
        let state = Box::leak(Box::new(build().unwrap()));
        assert_eq!(testing::invoke_with_state(authorize, state, super::EVENT).status(), 200);
    }
}

#[allow(dead_code)]
mod async_with_state_impl_future {
    use authorizer_core::prelude::*;
    use authorizer_core::testing;

    use super::{State, build};

    #[authorizer(init = build)]
    fn authorize(
        _request: TokenRequest,
        state: &State,
        lambda: LambdaContext,
    ) -> impl std::future::Future<Output = Result<Decision, Error>> + use<> {
        let principal = format!("{}-{}", state.name, lambda.request_id());
        async move { Ok(Decision::allow(principal).route(Route::get("/pets"))) }
    }

    pub(super) fn check() {
        let state = Box::leak(Box::new(build().unwrap()));
        assert_eq!(testing::invoke_with_state(authorize, state, super::EVENT).status(), 200);
    }
}

const EVENT: &str =
    r#"{"type":"TOKEN","authorizationToken":"t","methodArn":"arn:aws:execute-api:us-east-1:1:a/prod/GET/pets"}"#;

fn main() {
    let principal = testing::invoke(sync_plain::authorize, EVENT).response().unwrap()["principalId"].clone();
    assert_eq!(principal, "00000000-0000-0000-0000-000000000000");
    async_plain::check();
    with_state::check();
    async_with_state_impl_future::check();
}
