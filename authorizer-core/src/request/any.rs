//! One authorizer for several kinds of API: the event says which kind it is.

use serde::Deserialize;

use super::http_v2::{ResponseMode, SimpleResponse};
use super::{AuthorizerRequest, EventError, HttpV1Request, HttpV2Request, RestRequest, TokenRequest, WebSocketRequest};
use super::{Text, flat_context, sealed};
use crate::model::{MethodArn, RequestArn, WebSocketArn};
use crate::wire::Format;

/// Any authorizer event, for one function behind several kinds of API (say, a REST API and
/// an HTTP API). The kind is read from the event, never guessed: `type` `TOKEN` is a REST
/// TOKEN event; `type` `REQUEST` with `version` `2.0` or `1.0` an HTTP API event; without
/// `version` (absent, not `null`), a WebSocket event if its `methodArn` ends in a route key (`.../$connect`),
/// else a REST REQUEST event. Anything else fails the invocation (500).
///
/// The response takes the format of the event's kind (`M` for HTTP API payload 2.0 events,
/// as for [`HttpV2Request`]), and the context must be flat, the rule of the strictest kind
/// it accepts.
// One per invocation, moved once into the function: boxing the larger kinds would cost an
// allocation per event and make matching on them clumsier, for nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AnyRequest<M: ResponseMode = SimpleResponse> {
    /// A REST API TOKEN event.
    Token(TokenRequest),
    /// A REST API REQUEST event.
    Rest(RestRequest),
    /// An HTTP API event, payload format 1.0.
    HttpV1(HttpV1Request),
    /// An HTTP API event, payload format 2.0.
    HttpV2(HttpV2Request<M>),
    /// A WebSocket `$connect` event.
    WebSocket(WebSocketRequest),
}

/// Just enough of an event to tell its kind.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Kind<'a> {
    #[serde(rename = "type", borrow)]
    kind: Option<Text<'a>>,
    /// `Some(None)` for `"version": null`, which matches no kind.
    #[serde(default, borrow, deserialize_with = "super::rest::present")]
    version: Option<Option<Text<'a>>>,
    #[serde(borrow)]
    method_arn: Option<Text<'a>>,
}

const KIND: &str = "API Gateway";

/// Which authorizer event an event is, read from its `type`, `version` and `methodArn`
/// alone: the one rule [`AnyRequest`] dispatches on, for tools that need the kind of an
/// event without parsing the rest of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum EventKind {
    /// A REST API TOKEN event: `type` `TOKEN`, no `version`.
    Token,
    /// A REST API REQUEST event: `type` `REQUEST`, no `version`, and a `methodArn` that is
    /// not a WebSocket route's.
    Rest,
    /// An HTTP API event, payload format 1.0: `type` `REQUEST`, `version` `1.0`.
    HttpV1,
    /// An HTTP API event, payload format 2.0: `type` `REQUEST`, `version` `2.0`.
    HttpV2,
    /// A WebSocket `$connect` event: `type` `REQUEST`, no `version`, and a `methodArn` that
    /// ends in a route key (`.../$connect`).
    WebSocket,
}

impl EventKind {
    /// The kind of `event` (JSON), or `None` if it is no authorizer event: the rule of
    /// [`AnyRequest`], which fails the invocation (500) for such an event.
    #[must_use]
    pub fn of(event: &[u8]) -> Option<Self> {
        Self::read(event).ok()
    }

    fn read(event: &[u8]) -> Result<Self, EventError> {
        let kind: Kind<'_> = serde_json::from_slice(event).map_err(|e| EventError::json(KIND, &e))?;
        // Present as `null`: a version, and none of the known ones.
        let version = kind.version.as_ref().map(|v| v.as_deref().unwrap_or_default());
        Ok(match (kind.kind.as_deref(), version) {
            (Some("TOKEN"), None) => Self::Token,
            (Some("REQUEST"), Some("2.0")) => Self::HttpV2,
            (Some("REQUEST"), Some("1.0")) => Self::HttpV1,
            (Some("REQUEST"), None) => {
                let arn = kind.method_arn.as_deref().unwrap_or_default();
                if MethodArn::parse(arn).is_err() && WebSocketArn::parse(arn).is_ok() {
                    Self::WebSocket
                } else {
                    Self::Rest
                }
            }
            _ => {
                return Err(EventError::new(
                    KIND,
                    "its `type` and `version` match no authorizer event (`TOKEN`; `REQUEST` with no `version`, `1.0` or `2.0`)",
                ));
            }
        })
    }
}

impl<M: ResponseMode> sealed::Sealed for AnyRequest<M> {}

flat_context!(AnyRequest<SimpleResponse>, AnyRequest<super::IamPolicy>);

impl<M: ResponseMode> AuthorizerRequest for AnyRequest<M> {
    const KIND: &'static str = KIND;

    fn from_event(event: &[u8]) -> Result<Self, EventError> {
        match EventKind::read(event)? {
            EventKind::Token => TokenRequest::from_event(event).map(Self::Token),
            EventKind::Rest => RestRequest::from_event(event).map(Self::Rest),
            EventKind::HttpV1 => HttpV1Request::from_event(event).map(Self::HttpV1),
            EventKind::HttpV2 => HttpV2Request::from_event(event).map(Self::HttpV2),
            EventKind::WebSocket => WebSocketRequest::from_event(event).map(Self::WebSocket),
        }
    }

    fn arn(&self) -> RequestArn<'_> {
        match self {
            Self::Token(r) => r.arn(),
            Self::Rest(r) => r.arn(),
            Self::HttpV1(r) => r.arn(),
            Self::HttpV2(r) => r.arn(),
            Self::WebSocket(r) => r.arn(),
        }
    }

    fn api(&self) -> super::ApiKind {
        match self {
            Self::Token(r) => r.api(),
            Self::Rest(r) => r.api(),
            Self::HttpV1(r) => r.api(),
            Self::HttpV2(r) => r.api(),
            Self::WebSocket(r) => r.api(),
        }
    }

    fn format(&self) -> Format {
        match self {
            Self::Token(r) => r.format(),
            Self::Rest(r) => r.format(),
            Self::HttpV1(r) => r.format(),
            Self::HttpV2(r) => r.format(),
            Self::WebSocket(r) => r.format(),
        }
    }

    fn for_each_secret(&self, f: &mut dyn FnMut(&str)) {
        match self {
            Self::Token(r) => r.for_each_secret(f),
            Self::Rest(r) => r.for_each_secret(f),
            Self::HttpV1(r) => r.for_each_secret(f),
            Self::HttpV2(r) => r.for_each_secret(f),
            Self::WebSocket(r) => r.for_each_secret(f),
        }
    }

    fn for_each_word_secret(&self, f: &mut dyn FnMut(&str)) {
        match self {
            Self::Token(r) => r.for_each_word_secret(f),
            Self::Rest(r) => r.for_each_word_secret(f),
            Self::HttpV1(r) => r.for_each_word_secret(f),
            Self::HttpV2(r) => r.for_each_word_secret(f),
            Self::WebSocket(r) => r.for_each_word_secret(f),
        }
    }
}

impl<M: ResponseMode> AnyRequest<M> {
    /// The bearer token of whichever kind this is: a TOKEN event's `Bearer <token>`, or the
    /// `Authorization: Bearer <token>` header of the others.
    #[must_use]
    pub fn bearer_token(&self) -> Option<&str> {
        match self {
            Self::Token(r) => r.bearer_token(),
            Self::Rest(r) => r.bearer_token(),
            Self::HttpV1(r) => r.bearer_token(),
            Self::HttpV2(r) => r.bearer_token(),
            Self::WebSocket(r) => r.bearer_token(),
        }
    }

    /// Header `name` (case-insensitive); a TOKEN event has none.
    #[must_use]
    pub fn header(&self, name: &str) -> Option<&str> {
        match self {
            Self::Token(_) => None,
            Self::Rest(r) => r.header(name),
            Self::HttpV1(r) => r.header(name),
            Self::HttpV2(r) => r.header(name),
            Self::WebSocket(r) => r.header(name),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind_of(json: &str) -> Result<&'static str, String> {
        AnyRequest::<SimpleResponse>::from_event(json.as_bytes())
            .map(|r| match r {
                AnyRequest::Token(_) => "token",
                AnyRequest::Rest(_) => "rest",
                AnyRequest::HttpV1(_) => "http1",
                AnyRequest::HttpV2(_) => "http2",
                AnyRequest::WebSocket(_) => "websocket",
            })
            .map_err(|e| e.to_string())
    }

    #[test]
    fn dispatches_on_type_version_and_arn() {
        let rest_ctx = r#""requestContext":{}"#;
        let arn = "arn:aws:execute-api:r:1:a/s/GET/x";
        let ws = "arn:aws:execute-api:r:1:a/s/$connect";
        assert_eq!(
            kind_of(&format!(r#"{{"type":"TOKEN","authorizationToken":"t","methodArn":"{arn}"}}"#)),
            Ok("token")
        );
        assert_eq!(kind_of(&format!(r#"{{"type":"REQUEST","methodArn":"{arn}",{rest_ctx}}}"#)), Ok("rest"));
        assert_eq!(
            kind_of(&format!(r#"{{"type":"REQUEST","version":"1.0","methodArn":"{arn}",{rest_ctx}}}"#)),
            Ok("http1")
        );
        let ws_ctx = r#""requestContext":{"connectedAt":1,"requestTimeEpoch":1}"#;
        assert_eq!(kind_of(&format!(r#"{{"type":"REQUEST","methodArn":"{ws}",{ws_ctx}}}"#)), Ok("websocket"));
        let http_ctx = r#""requestContext":{"http":{"method":"GET"},"timeEpoch":1}"#;
        assert_eq!(
            kind_of(&format!(r#"{{"type":"REQUEST","version":"2.0","routeArn":"{arn}",{http_ctx}}}"#)),
            Ok("http2")
        );
    }

    #[test]
    fn never_guesses() {
        for event in [
            r#"{}"#,
            r#"{"type":"TOKEN","version":"2.0"}"#,
            r#"{"type":"REQUEST","version":"3.0"}"#,
            r#"{"type":"OTHER"}"#,
            r#"{"type":"REQUEST","version":null,"methodArn":"arn:aws:execute-api:r:1:a/s/GET/x","requestContext":{}}"#,
            r#"{"type":"TOKEN","version":null,"authorizationToken":"t","methodArn":"arn:aws:execute-api:r:1:a/s/GET/x"}"#,
        ] {
            let err = kind_of(event).unwrap_err();
            assert!(err.contains("match no authorizer event"), "{event}: {err}");
        }
        assert!(kind_of("[]").is_err());
    }
}
