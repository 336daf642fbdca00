//! Declarative, correct-by-construction AWS API Gateway Lambda authorizers.
//!
//! Write one function; `#[authorizer]` makes it a complete Lambda binary:
//!
//! ```no_run
//! use authorizer_core::prelude::*;
//!
//! #[derive(Context)]
//! struct Session { role: String, admin: bool }
//!
//! #[authorizer]
//! async fn authorize(request: TokenRequest) -> Result<Decision<Session>, Error> {
//!     let token = request.bearer_token().ok_or(Unauthorized)?; // 401
//!     if token == "banned" {
//!         return Ok(Decision::deny("someone"));                 // 403
//!     }
//!     Ok(Decision::allow("user-1")
//!         .routes([Route::get("/pets/*"), Route::post("/pets")])
//!         .context(Session { role: "reader".into(), admin: false }))
//! }
//! ```
//!
//! - [`Decision`] says who the caller is, which [`Route`]s they may and may not call, and
//!   what [`Context`] the backend receives. Routes become policy ARNs relative to the
//!   incoming method ARN, so a policy stays right when API Gateway caches it for other
//!   routes.
//! - [`Unauthorized`] gives 401; a deny gives 403; any other error, a panic, an invalid event
//!   or an invalid decision gives 500. Nothing fails open.
//! - A context field that REST cannot carry (a `Vec`, a map, a nested struct) does not
//!   compile.
//! - [`testing`] drives the function in-process with an event and shows exactly what would
//!   be posted to the Lambda Runtime API.
//!
//! # The guide
//!
//! [`guide`] explains it all, one chapter per topic, each example a tested one:
//!
//! - Writing it: [requests](guide::requests), [verifying JWTs](guide::jwt),
//!   [decisions](guide::decisions), [routes and the cache](guide::routes),
//!   [context](guide::context), [errors](guide::errors), [shared state](guide::state),
//!   [options](guide::options).
//! - Checking it: [testing](guide::testing), [the local gateway](guide::local_gateway)
//!   (`authorizer-local`).
//! - Running it: [runtime and logging](guide::runtime), [deploying](guide::deploying).
//! - [How it is built, and why](guide::design).

mod backend;
#[cfg(feature = "gateway")]
pub mod gateway;
pub mod guide;
mod judge;
#[cfg(feature = "lambda-runtime")]
pub use runtime::lambda_service as lambda_runtime;
#[cfg(feature = "jwt")]
pub mod jwt;
mod macro_docs;
mod model;
mod request;
mod runtime;
pub mod testing;
mod wire;

#[doc(hidden)]
pub mod __private;

/// Every code block of the README compiles (and runs, unless marked otherwise).
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;

pub use backend::{
    ContextObject, ContextReader, ContextSource, FromContext, KeyPath, ReadContext, ReadError, ReadValue, SkippedField,
    ValueReader,
};
pub use macro_docs::{Context, authorizer};
pub use model::{
    ArnError, Decision, Error, MAX_RESOURCE_ARN_LEN, MethodArn, Outcome, RequestArn, Route, RouteError, RoutePattern,
    Unauthorized, Verb, WebSocketArn,
};
pub use request::{
    AnyRequest, ApiKind, AuthorizerRequest, EventError, Headers, HttpRequestContext, HttpV1Request, HttpV2Request,
    IamPolicy, Params, Respond, ResponseMode, RestRequest, RestRequestContext, SimpleResponse, TokenRequest,
    WebSocketRequest, WebSocketRequestContext,
};
pub use runtime::{Authorizer, EnvVarError, FunctionConfig, Init, LambdaContext, deadline, env_var, remaining};
pub use wire::{
    ArrayWriter, Context, ContextError, ContextValue, ContextWriter, DecisionError, ErrorReply, ErrorType, JsonContext,
    JsonValue, JsonWriter, ObjectWriter, Reply, UnknownErrorType, ValueWriter, Written,
};

/// The builders of requests, for tests: [`RestRequest::builder`] and its kin.
pub mod builder {
    pub use crate::request::{
        HttpV1RequestBuilder, HttpV2RequestBuilder, RestRequestBuilder, TokenRequestBuilder, WebSocketRequestBuilder,
    };
}

/// The string maps of events: [`Headers`] and [`Params`] are a [`Map`](maps::Map) with a
/// case rule.
pub mod maps {
    pub use crate::request::{CaseRule, ExactCase, IgnoreCase, Map};
}

/// Everything an authorizer needs, in one import: `use authorizer_core::prelude::*;`
pub mod prelude {
    pub use crate::{
        AnyRequest, Context, Decision, Error, FromContext, HttpV1Request, HttpV2Request, IamPolicy, LambdaContext,
        RestRequest, Route, SimpleResponse, TokenRequest, Unauthorized, WebSocketRequest, authorizer, route,
    };
}
