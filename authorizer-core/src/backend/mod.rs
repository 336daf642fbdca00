//! The backend's side of the context: the integration behind an authorizer reads
//! `requestContext.authorizer` back into the type the authorizer sent.
//!
//! `#[derive(Context)]` implements [`FromContext`] beside [`Context`](crate::Context), so one
//! struct, shared by the authorizer and its backend, is both what is written and what is
//! read. API Gateway hands the context over in one of two shapes
//! ([authorizer output][output], [HTTP API authorizers][http]):
//!
//! - REST and WebSocket APIs put the keys in `requestContext.authorizer` itself, every value
//!   turned into a string (`1` becomes `"1"`, `true` becomes `"true"`), beside `principalId`
//!   and `integrationLatency`;
//! - HTTP APIs put them under `requestContext.authorizer.lambda`, with their JSON types.
//!
//! [`FromContext::from_authorizer`] takes either (a `lambda` object holds the context; a
//! REST or WebSocket context cannot hold an object), and each value reads from its JSON type
//! or from the string API Gateway made of it. AWS does not document which shape an HTTP API
//! authorizer with payload 1.0 produces: either reads. What does not fit is a [`ReadError`] naming
//! the key and the type expected, never the value; so is a request with no Lambda
//! authorizer's context (`null`, `None`, a JWT or IAM authorizer's), whatever the type.
//!
//! [output]: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html
//! [http]: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html

#[cfg(feature = "backend")]
mod aws;
mod error;
mod read;
mod source;
mod values;

pub use error::ReadError;
pub use read::{ContextReader, FromContext, KeyPath, ReadContext, ReadValue, SkippedField, ValueReader};
pub use source::{ContextObject, ContextSource};
