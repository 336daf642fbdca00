//! The runtime: what runs inside the deployed Lambda function.
//!
//! The Lambda Runtime API loop the generated `main` runs (`runtime_api.rs`) and its client
//! (`api_client.rs`); one invocation,
//! event bytes in and the [`Reply`](crate::Reply) to post out (`invocation.rs`), which the
//! loop, [`testing`](crate::testing) and the local gateway share; what an authorizer
//! function and its `init` may be ([`Authorizer`], [`Init`]); the panics of the user's code,
//! caught and reported; the logging set up for Lambda; the `_X_AMZN_TRACE_ID` variable; and
//! the invocation being served ([`LambdaContext`], [`deadline()`]).

mod api_client;
mod context;
mod env_var;
mod handler;
mod invocation;
#[cfg(feature = "lambda-runtime")]
pub mod lambda_service;
mod logging;
mod panics;
mod runtime_api;
mod trace_id;

pub(crate) use context::TEST_REQUEST_ID;
pub use context::{FunctionConfig, LambdaContext, deadline, remaining};
pub use env_var::{EnvVarError, env_var};
pub(crate) use handler::context as current_context;
pub use handler::{Authorizer, Init, shape};
pub(crate) use invocation::invoke;
pub(crate) use runtime_api::{before_user_code, run};
