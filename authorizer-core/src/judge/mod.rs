//! The judge: what API Gateway makes of an authorizer's reply for one request.
//!
//! It evaluates the returned policy against the request's method ARN, says what the client
//! gets (status, body, `x-amzn-ErrorType`) and what the backend sees. [`testing`](crate::testing)
//! uses it for the status of an invocation, and the local [`gateway`](crate::gateway) for
//! every request it sends. It reads only what the authorizer posted, so it judges any
//! authorizer, not only ones built with this crate.

mod evaluate;

#[cfg(feature = "gateway")]
pub(crate) use evaluate::is_simple_response;
pub use evaluate::{BackendView, ClientAnswer, Evaluation, Judgement, MAX_METHOD_ARN_LEN, evaluate, evaluate_error};
