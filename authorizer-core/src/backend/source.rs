//! Where the backend finds the context: `requestContext.authorizer` as JSON, or as
//! `aws_lambda_events` reads it (feature `backend`).

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::error::{Problem, ReadError};
use super::values::json_type;

/// The keys of a context, as the backend received them.
#[derive(Debug, Clone, Copy)]
pub struct ContextObject<'a>(Keys<'a>);

#[derive(Debug, Clone, Copy)]
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
    fn of_authorizer(self) -> Self {
        match self.get("lambda") {
            Some(Value::Object(lambda)) => Self::from_map(lambda),
            _ => self,
        }
    }
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
/// authorizer context) has no keys.
impl ContextSource for Value {
    fn context_object(&self) -> Result<ContextObject<'_>, ReadError> {
        match self {
            Self::Object(map) => map.context_object(),
            Self::Null => Ok(ContextObject::empty()),
            other => Err(ReadError::new(String::new(), "an object", Problem::NotAnObject(json_type(other)))),
        }
    }
}

impl ContextSource for Map<String, Value> {
    fn context_object(&self) -> Result<ContextObject<'_>, ReadError> {
        Ok(ContextObject::from_map(self).of_authorizer())
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
    pub(crate) fn authorizer(fields: &HashMap<String, Value>) -> ContextObject<'_> {
        ContextObject::from_fields(fields).of_authorizer()
    }
}
