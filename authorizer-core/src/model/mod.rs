//! The model: what an authorizer works with and decides, independent of any wire format.
//!
//! The ARNs API Gateway sends ([`MethodArn`], [`WebSocketArn`]) and IAM's wildcard match
//! over them; the [`Decision`] an authorizer makes and the [`Route`]s it names; the
//! [`Error`]s it may end with instead ([`Unauthorized`] or a failure); and what an
//! `#[authorizer]` function may return ([`Outcome`]). Nothing here imports from the other
//! rooms of the crate: they all build on it.

mod arn;
mod decision;
mod error;
mod masked_path;
mod outcome;
mod pattern;
mod route;
mod route_macro;
pub(crate) mod wildcard;

pub(crate) use arn::OwnedArn;
pub use arn::{ArnError, MethodArn, RequestArn, WebSocketArn};
pub use decision::Decision;
pub use error::{Error, Unauthorized};
pub(crate) use masked_path::MaskedPath;
pub use outcome::Outcome;
pub use pattern::{RoutePattern, checked_pattern};
pub use route::{MAX_RESOURCE_ARN_LEN, Route, RouteError, Verb};
