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
//! The README has the whole guide.

mod arn;
mod context;
mod deadline;
mod decision;
mod error;
mod evaluate;
#[cfg(feature = "gateway")]
pub mod gateway;
mod glob;
mod invoke;
mod json;
mod json_context;
#[cfg(feature = "jwt")]
pub mod jwt;
mod logging;
mod macros;
mod outcome;
mod policy;
mod redact;
mod reply;
mod request;
mod route;
mod runtime;
pub mod testing;
mod trace_env;

#[doc(hidden)]
pub mod __private;

/// Every code block of the README compiles (and runs, unless marked otherwise).
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;

pub use arn::{ArnError, MethodArn, RequestArn, WebSocketArn};
pub use context::{
    ArrayWriter, Context, ContextError, ContextValue, ContextWriter, JsonContext, JsonValue, JsonWriter, ObjectWriter,
    ValueWriter, Written,
};
pub use deadline::{deadline, remaining};
pub use decision::Decision;
pub use error::{Error, Unauthorized};
pub use evaluate::{BackendView, ClientAnswer, Evaluation, Judgement, MAX_METHOD_ARN_LEN, evaluate, evaluate_error};
pub use macros::{Context, authorizer};
pub use outcome::{Authorizer, Init, Outcome};
pub use policy::DecisionError;
pub use reply::{ErrorReply, ErrorType, Reply, UnknownErrorType};
pub use request::{
    AnyRequest, ApiKind, AuthorizerRequest, EventError, Headers, HttpRequestContext, HttpV1Request, HttpV2Request,
    IamPolicy, Params, Respond, ResponseMode, RestRequest, RestRequestContext, SimpleResponse, TokenRequest,
    WebSocketRequest, WebSocketRequestContext,
};
pub use route::{MAX_RESOURCE_ARN_LEN, Route, RouteError, Verb};

/// Everything an authorizer needs, in one import: `use authorizer_core::prelude::*;`
pub mod prelude {
    pub use crate::{
        AnyRequest, Context, Decision, Error, HttpV1Request, HttpV2Request, IamPolicy, RestRequest, Route,
        SimpleResponse, TokenRequest, Unauthorized, WebSocketRequest, authorizer,
    };
}
