//! The wire: the bytes API Gateway and the Lambda Runtime API read.
//!
//! The `context` of a response, flat ([`Context`]) or nested ([`JsonContext`]), written by
//! the types themselves; a [`Decision`](crate::Decision) rendered as the response of the
//! request's kind, an IAM policy or an HTTP API simple response ([`response`]); what an
//! invocation posts to the Runtime API ([`Reply`]); and the JSON primitives all of them
//! write with. Everything is written straight into one buffer, without intermediate
//! `Serialize` values.

mod context;
mod json;
mod nested_context;
mod reply;
pub(crate) mod response;

pub(crate) use context::write_flat;
pub use context::{Context, ContextError, ContextValue, ContextWriter, ValueWriter, Written};
pub(crate) use nested_context::write_nested;
pub use nested_context::{ArrayWriter, JsonContext, JsonValue, JsonWriter, ObjectWriter};
pub use reply::{ErrorReply, ErrorType, Reply, UnknownErrorType};
pub use response::{DecisionError, Format};
