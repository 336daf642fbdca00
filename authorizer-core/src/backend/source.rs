//! Where the backend finds the context: `requestContext.authorizer` as JSON, or as
//! `aws_lambda_events` reads it (feature `backend`).

use std::collections::HashMap;
use std::fmt;

use serde_json::{Map, Value};

use super::error::{Problem, ReadError};
use super::values::json_type;

/// The keys of a context, as the backend received them.
///
/// Its `Debug` shows the keys, never their values.
#[derive(Clone, Copy)]
pub struct ContextObject<'a>(Keys<'a>);

#[derive(Clone, Copy)]
enum Keys<'a> {
    Json(&'a Map<String, Value>),
    Fields(&'a HashMap<String, Value>),
    Empty,
}

impl<'a> ContextObject<'a> {
    /// The keys of a JSON object, as they are.
    #[must_use]
    pub const fn from_map(map: &'a Map<String, Value>) -> Self {
        Self(Keys::Json(map))
    }

    /// The keys of a map of JSON values, as they are.
    #[must_use]
    pub const fn from_fields(fields: &'a HashMap<String, Value>) -> Self {
        Self(Keys::Fields(fields))
    }

    /// No keys: the request carries no authorizer context.
    #[must_use]
    pub const fn empty() -> Self {
        Self(Keys::Empty)
    }

    /// The value of `key`, if there is one.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        match self.0 {
            Keys::Json(map) => map.get(key),
            Keys::Fields(fields) => fields.get(key),
            Keys::Empty => None,
        }
    }

    /// The keys of `requestContext.authorizer`: those of its `lambda` object when it has
    /// one (HTTP APIs), else its own (REST and WebSocket APIs, whose context values cannot
    /// be objects, so that no REST context is mistaken for an HTTP API one).
    ///
    /// Without a `lambda` object, a `jwt` or `iam` object is an HTTP API route authorized
    /// by a JWT or IAM authorizer, and an `authorizer` object is the request context
    /// passed instead of its `authorizer`: no Lambda authorizer's context, an error.
    fn of_authorizer(self) -> Result<Self, ReadError> {
        match self.get("lambda") {
            Some(Value::Object(lambda)) => Ok(Self::from_map(lambda)),
            _ if ["jwt", "iam", "authorizer"].iter().any(|key| matches!(self.get(key), Some(Value::Object(_)))) => {
                Err(no_context())
            }
            _ => Ok(self),
        }
    }

    fn keys(&self) -> Box<dyn Iterator<Item = &'a String> + 'a> {
        match self.0 {
            Keys::Json(map) => Box::new(map.keys()),
            Keys::Fields(fields) => Box::new(fields.keys()),
            Keys::Empty => Box::new(std::iter::empty()),
        }
    }
}

impl fmt::Debug for ContextObject<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.keys()).finish()
    }
}

/// The error for a request that carries no Lambda authorizer's context.
pub(crate) fn no_context() -> ReadError {
    ReadError::new(String::new(), "an object", Problem::NoContext)
}

/// What holds an authorizer context: `requestContext.authorizer` of the integration's event.
///
/// Implemented for `serde_json::Value` and `serde_json::Map`, and, with the feature
/// `backend`, for `aws_lambda_events`' `ApiGatewayRequestAuthorizer` (the `authorizer` of a
/// REST or WebSocket request context) and `Option<ApiGatewayRequestAuthorizer>` (that of an
/// HTTP API payload 2.0 request context).
pub trait ContextSource {
    /// The object holding the context's keys.
    ///
    /// # Errors
    ///
    /// When the source is not an object.
    fn context_object(&self) -> Result<ContextObject<'_>, ReadError>;
}

/// `requestContext.authorizer` as JSON (`&event["requestContext"]["authorizer"]`): its
/// `lambda` object for an HTTP API, itself for a REST or WebSocket API. `null` (no
/// authorizer context) is an error, as is a JWT or IAM authorizer's.
impl ContextSource for Value {
    fn context_object(&self) -> Result<ContextObject<'_>, ReadError> {
        match self {
            Self::Object(map) => map.context_object(),
            Self::Null => Err(no_context()),
            other => Err(ReadError::new(String::new(), "an object", Problem::NotAnObject(json_type(other)))),
        }
    }
}

impl ContextSource for Map<String, Value> {
    fn context_object(&self) -> Result<ContextObject<'_>, ReadError> {
        ContextObject::from_map(self).of_authorizer()
    }
}

impl<S: ContextSource + ?Sized> ContextSource for &S {
    fn context_object(&self) -> Result<ContextObject<'_>, ReadError> {
        (**self).context_object()
    }
}

impl ContextObject<'_> {
    /// [`ContextObject::of_authorizer`], for the `backend` feature's sources.
    #[cfg(feature = "backend")]
    pub(crate) fn authorizer(fields: &HashMap<String, Value>) -> Result<ContextObject<'_>, ReadError> {
        ContextObject::from_fields(fields).of_authorizer()
    }
}
