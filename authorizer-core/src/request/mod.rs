//! The events API Gateway sends to an authorizer, validated at the boundary.

mod maps;
mod rest;
mod token;

use std::fmt;

pub use maps::{Headers, Params};
pub use rest::{RestRequest, RestRequestContext};
pub use token::TokenRequest;

use crate::MethodArn;

/// An event type an `#[authorizer]` function can take as its request.
///
/// Decoding validates the event: an event of another kind, or one without the fields API
/// Gateway always sends, fails the invocation (500) before the function is called.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an authorizer request type",
    label = "the first parameter of an authorizer is the event API Gateway sends",
    note = "use `TokenRequest` for a REST API TOKEN authorizer, or `RestRequest` for a REST API REQUEST authorizer"
)]
pub trait AuthorizerRequest: Sized + sealed::Sealed {
    /// The event's kind, for messages: `REST TOKEN`, `REST REQUEST`.
    const KIND: &'static str;

    /// Decodes and validates one event.
    ///
    /// # Errors
    ///
    /// When the event is not JSON, not of this kind, or lacks what API Gateway always sends.
    fn from_event(event: &[u8]) -> Result<Self, EventError>;

    /// The ARN of the method being called.
    fn method_arn(&self) -> &MethodArn;

    /// Calls `f` with every value of the event that may be a credential, so that the
    /// framework can mask them in messages and logs.
    #[doc(hidden)]
    fn for_each_secret(&self, f: &mut dyn FnMut(&str));
}

pub(crate) mod sealed {
    pub trait Sealed {}
}

/// Why an event was refused. It never repeats event values: they may be credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventError {
    kind: &'static str,
    reason: String,
}

impl EventError {
    pub(crate) fn new(kind: &'static str, reason: impl Into<String>) -> Self {
        Self { kind, reason: reason.into() }
    }

    /// Describes a `serde_json` error without the values it may quote.
    pub(crate) fn json(kind: &'static str, error: &serde_json::Error) -> Self {
        use serde_json::error::Category;
        let what = match error.classify() {
            Category::Io | Category::Eof => "the event is truncated",
            Category::Syntax => "the event is not valid JSON",
            Category::Data => "a field of the event has the wrong type",
        };
        Self::new(kind, format!("{what} (line {}, column {})", error.line(), error.column()))
    }
}

impl fmt::Display for EventError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not a valid {} authorizer event: {}", self.kind, self.reason)
    }
}

impl std::error::Error for EventError {}

/// The method ARN of an event, validated.
pub(crate) fn method_arn(kind: &'static str, raw: Option<String>) -> Result<MethodArn, EventError> {
    let raw = raw.ok_or_else(|| EventError::new(kind, "`methodArn` is missing"))?;
    MethodArn::parse(raw).map_err(|e| EventError::new(kind, format!("`methodArn` is {e}")))
}

/// Checks the event's `type` field.
pub(crate) fn expect_type(kind: &'static str, expected: &str, found: Option<&str>) -> Result<(), EventError> {
    match found {
        Some(t) if t == expected => Ok(()),
        Some(_) => Err(EventError::new(kind, format!("`type` is not `{expected}`"))),
        None => Err(EventError::new(kind, "`type` is missing")),
    }
}

/// The token of an `Authorization`-style value `Bearer <token>`: the scheme is
/// case-insensitive (RFC 9110 §11.1) and the token must be non-empty and contain no blanks.
pub(crate) fn bearer(value: &str) -> Option<&str> {
    let (scheme, rest) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("bearer") {
        return None;
    }
    let token = rest.trim_matches(' ');
    (!token.is_empty() && !token.contains(|c: char| c.is_ascii_whitespace())).then_some(token)
}

#[cfg(test)]
mod tests {
    use super::bearer;

    #[test]
    fn bearer_tokens() {
        assert_eq!(bearer("Bearer abc.def"), Some("abc.def"));
        assert_eq!(bearer("bearer   abc "), Some("abc"));
        assert_eq!(bearer("BEARER abc"), Some("abc"));
        assert_eq!(bearer("Bearer "), None);
        assert_eq!(bearer("Bearer a b"), None);
        assert_eq!(bearer("Basic abc"), None);
        assert_eq!(bearer("abc"), None);
        assert_eq!(bearer("Bearerabc"), None);
    }
}
