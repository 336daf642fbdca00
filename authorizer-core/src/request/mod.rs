//! The events API Gateway sends to an authorizer, validated at the boundary.

mod any;
mod builder;
mod http_v2;
mod maps;
mod rest;
mod secrets;
mod token;
mod websocket;

use std::fmt;

pub use any::{AnyRequest, EventKind};
pub use builder::{
    HttpV1RequestBuilder, HttpV2RequestBuilder, RestRequestBuilder, TokenRequestBuilder, WebSocketRequestBuilder,
};
pub use http_v2::{HttpRequestContext, HttpV2Request, IamPolicy, ResponseMode, SimpleResponse};
pub use maps::{CaseRule, ExactCase, Headers, IgnoreCase, Map, Params};
pub use rest::{HttpV1Request, RestRequest, RestRequestContext};
pub use token::TokenRequest;
pub use websocket::{WebSocketRequest, WebSocketRequestContext};

#[cfg(any(test, fuzzing))]
pub(crate) use secrets::Secrets;
pub(crate) use secrets::{
    LazySecrets, for_each_cookie_header_secret, for_each_cookie_secret, for_each_header_secret, for_each_query_value,
    is_credential_header,
};

use crate::model::{MethodArn, RequestArn};
use crate::wire::{ContextError, Format};

/// An event type an `#[authorizer]` function can take as its request.
///
/// Decoding validates the event: an event of another kind, or one without the fields API
/// Gateway always sends, fails the invocation (500) before the function is called.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an authorizer request type",
    label = "the first parameter of an authorizer is the event API Gateway sends",
    note = "use `TokenRequest` or `RestRequest` for a REST API TOKEN or REQUEST authorizer, `HttpV1Request` or `HttpV2Request` for an HTTP API one (payload 1.0 or 2.0), `WebSocketRequest` for a WebSocket API one, or `AnyRequest` for one serving several kinds"
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

    /// The ARN of the route being called: what the decision's routes are written against.
    fn arn(&self) -> RequestArn<'_>;

    /// The kind of API that sent it.
    fn api(&self) -> ApiKind;

    /// The response format API Gateway expects for this request.
    #[doc(hidden)]
    fn format(&self) -> Format;

    /// Calls `f` with every value of the event that may be a credential, so that the
    /// framework can mask them in messages and logs. Each kind's documentation says which
    /// values those are; values shorter than 4 bytes are passed but never masked.
    #[doc(hidden)]
    fn for_each_secret(&self, f: &mut dyn FnMut(&str));

    /// Calls `f` with every value that may be a credential or may be an ordinary word (a
    /// query value, a cookie): one that is a short run of letters is masked only where it
    /// stands as a whole word, so that `?action=panic` does not turn `panicked` into
    /// `[redacted]ked`.
    #[doc(hidden)]
    fn for_each_word_secret(&self, _f: &mut dyn FnMut(&str)) {}
}

/// The kind of API an authorizer event comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ApiKind {
    /// A REST API (TOKEN or REQUEST authorizer).
    Rest,
    /// An HTTP API, payload format 1.0.
    HttpV1,
    /// An HTTP API, payload format 2.0.
    HttpV2,
    /// A WebSocket API.
    WebSocket,
}

impl ApiKind {
    /// Whether its context may nest objects and arrays (HTTP API payload 2.0 only).
    #[must_use]
    pub const fn allows_nested_context(self) -> bool {
        matches!(self, Self::HttpV2)
    }
}

/// A request whose authorizer may send a context of type `C`: the rule of its API kind.
///
/// REST, WebSocket and HTTP API payload 1.0 authorizers take a flat [`Context`](crate::Context)
/// (string, number and boolean values: API Gateway answers 500 to an object or an array);
/// HTTP API payload 2.0 authorizers take any [`JsonContext`](crate::JsonContext).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an authorizer request type",
    label = "the first parameter of an authorizer is the event API Gateway sends",
    note = "use `TokenRequest` or `RestRequest` for a REST API TOKEN or REQUEST authorizer, `HttpV1Request` or `HttpV2Request` for an HTTP API one (payload 1.0 or 2.0), `WebSocketRequest` for a WebSocket API one, or `AnyRequest` for one serving several kinds",
    note = "each takes the contexts of its kind: a flat `Context` for REST, WebSocket, HTTP API payload 1.0 and `AnyRequest`; any `JsonContext` for HTTP API payload 2.0"
)]
pub trait Respond<C>: AuthorizerRequest {
    /// How the context is written: appended to the buffer as a JSON object, `Ok(false)` when
    /// it has no key.
    #[doc(hidden)]
    fn context_writer() -> fn(&C, &mut Vec<u8>) -> Result<bool, ContextError>;
}

/// The flat context rule, for the kinds that have it.
macro_rules! flat_context {
    ($($ty:ty),*) => {$(
        impl<C: crate::wire::Context> crate::request::Respond<C> for $ty {
            fn context_writer() -> fn(&C, &mut Vec<u8>) -> Result<bool, crate::wire::ContextError> {
                crate::wire::write_flat::<C>
            }
        }
    )*};
}
pub(crate) use flat_context;

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
            // serde's own message for a field of a struct, ours for a key of a map.
            Category::Data if is_duplicate_key(error) => "a key appears twice in one object of the event",
            Category::Data => "a field of the event has the wrong type",
        };
        Self::new(kind, format!("{what} (line {}, column {})", error.line(), error.column()))
    }
}

/// The message of a map key that appears twice (never quoting the key).
const DUPLICATE_KEY: &str = "duplicate key";

/// Whether `error` is a key that appears twice: a struct field (serde's `duplicate field`) or
/// a key of a map.
fn is_duplicate_key(error: &serde_json::Error) -> bool {
    let message = error.to_string();
    message.starts_with("duplicate field `") || message.starts_with(DUPLICATE_KEY)
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

/// A string of the event, borrowed from its bytes unless it holds escapes.
///
/// A field `Option<Cow<'a, str>>` is always copied, even with `#[serde(borrow)]`: serde
/// borrows only for a `Cow` that is the field's whole type. Inside this newtype it is.
#[derive(serde::Deserialize)]
pub(crate) struct Text<'a>(#[serde(borrow)] pub(crate) std::borrow::Cow<'a, str>);

impl std::ops::Deref for Text<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
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
