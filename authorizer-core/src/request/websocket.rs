//! WebSocket `$connect` authorizer events ([WebSocket authorizers][ws]).
//!
//! [ws]: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-lambda-auth.html

use std::fmt;

use serde::Deserialize;

use super::ApiKind;
use super::maps::MultiValues;
use super::{AuthorizerRequest, EventError, Headers, Params, bearer, expect_type, flat_context, sealed};
use crate::model::{RequestArn, WebSocketArn};
use crate::wire::Format;

/// The request context of a WebSocket event (`routeKey`, `eventType`, `connectionId`,
/// `identity.sourceIp`, ...). This is `aws_lambda_events`' type.
pub type WebSocketRequestContext = aws_lambda_events::apigw::ApiGatewayWebsocketProxyRequestContext;

/// A WebSocket API authorizer event, sent on `$connect` only: the route ARN (ending in
/// `/$connect`, with no HTTP verb), headers, query string, stage variables and request
/// context; no path ([WebSocket authorizers][ws]). Its response is an IAM policy with a
/// flat context, as for REST.
///
/// Browsers cannot set headers on a WebSocket, so credentials often come in the query
/// string or in `Sec-WebSocket-Protocol`: every query value (single and multi-value) and
/// each comma-separated `Sec-WebSocket-Protocol` value is treated as a credential and masked
/// in messages and logs wherever it appears, with the headers
/// [`RestRequest`](crate::RestRequest) masks by name and the API key
/// (`requestContext.identity.apiKey`); each cookie as [`RestRequest`](crate::RestRequest)
/// masks it.
/// Values shorter than 4 bytes are not masked. `Debug` never shows a header or parameter
/// value.
///
/// [ws]: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-lambda-auth.html
#[derive(Clone, PartialEq, Eq)]
pub struct WebSocketRequest {
    method_arn: WebSocketArn,
    headers: Headers,
    multi_value_headers: MultiValues,
    query: Params,
    multi_value_query: MultiValues,
    stage_variables: Params,
    request_context: WebSocketRequestContext,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Wire {
    #[serde(rename = "type")]
    kind: Option<String>,
    method_arn: Option<String>,
    #[serde(default)]
    headers: Headers,
    #[serde(default)]
    multi_value_headers: MultiValues,
    #[serde(default)]
    query_string_parameters: Params,
    #[serde(default)]
    multi_value_query_string_parameters: MultiValues,
    #[serde(default)]
    stage_variables: Params,
    request_context: Option<WebSocketRequestContext>,
}

const KIND: &str = "WebSocket $connect";

/// The subprotocols a browser asks for, comma-separated: the one header a browser's
/// `WebSocket` lets a page set, so tokens travel there too.
const PROTOCOL: &str = "sec-websocket-protocol";

impl WebSocketRequest {
    /// The ARN of the route being connected, e.g. `...:abcdef123/prod/$connect`.
    #[must_use]
    pub fn method_arn(&self) -> &WebSocketArn {
        &self.method_arn
    }

    /// All headers.
    #[must_use]
    pub fn headers(&self) -> &Headers {
        &self.headers
    }

    /// Header `name`, case-insensitively. Falls back to the first of `multiValueHeaders`
    /// (some headers, such as `Sec-WebSocket-Key`, may be only there).
    #[must_use]
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).or_else(|| self.multi_value_headers.get_ignore_case(name).next())
    }

    /// The token of an `Authorization: Bearer <token>` header, or `None`.
    #[must_use]
    pub fn bearer_token(&self) -> Option<&str> {
        self.header("authorization").and_then(bearer)
    }

    /// Query-string parameters.
    #[must_use]
    pub fn query(&self) -> &Params {
        &self.query
    }

    /// Query-string parameter `name` (case-sensitive). Falls back to the first of
    /// `multiValueQueryStringParameters`.
    #[must_use]
    pub fn query_param(&self, name: &str) -> Option<&str> {
        self.query.get(name).or_else(|| self.multi_value_query.get_exact(name).next())
    }

    /// Stage variables.
    #[must_use]
    pub fn stage_variables(&self) -> &Params {
        &self.stage_variables
    }

    /// Stage variable `name`.
    #[must_use]
    pub fn stage_variable(&self, name: &str) -> Option<&str> {
        self.stage_variables.get(name)
    }

    /// The connection's id (`requestContext.connectionId`), for the backend's later messages.
    #[must_use]
    pub fn connection_id(&self) -> Option<&str> {
        self.request_context.connection_id.as_deref()
    }

    /// The route key: `$connect`.
    #[must_use]
    pub fn route_key(&self) -> &str {
        self.method_arn.route_key()
    }

    /// The client's IP address (`requestContext.identity.sourceIp`).
    #[must_use]
    pub fn source_ip(&self) -> Option<&str> {
        self.request_context.identity.source_ip.as_deref()
    }

    /// The request context. Its `Debug` (`aws_lambda_events`' own) shows every field as
    /// sent, the API key (`identity.apiKey`) included: do not log it.
    #[must_use]
    pub fn request_context(&self) -> &WebSocketRequestContext {
        &self.request_context
    }
}

impl sealed::Sealed for WebSocketRequest {}

flat_context!(WebSocketRequest);

impl AuthorizerRequest for WebSocketRequest {
    const KIND: &'static str = KIND;

    fn from_event(event: &[u8]) -> Result<Self, EventError> {
        let wire: Wire = serde_json::from_slice(event).map_err(|e| EventError::json(KIND, &e))?;
        expect_type(KIND, "REQUEST", wire.kind.as_deref())?;
        let raw = wire.method_arn.ok_or_else(|| EventError::new(KIND, "`methodArn` is missing"))?;
        let method_arn = WebSocketArn::parse(raw).map_err(|e| EventError::new(KIND, format!("`methodArn` is {e}")))?;
        let request_context =
            wire.request_context.ok_or_else(|| EventError::new(KIND, "`requestContext` is missing"))?;
        Ok(Self {
            method_arn,
            headers: wire.headers,
            multi_value_headers: wire.multi_value_headers,
            query: wire.query_string_parameters,
            multi_value_query: wire.multi_value_query_string_parameters,
            stage_variables: wire.stage_variables,
            request_context,
        })
    }

    fn arn(&self) -> RequestArn<'_> {
        RequestArn::WebSocket(&self.method_arn)
    }

    // WebSocket APIs may take the API key from `$context.authorizer.usageIdentifierKey`.
    fn api(&self) -> ApiKind {
        ApiKind::WebSocket
    }

    fn format(&self) -> Format {
        Format::Iam { usage_key: true }
    }

    fn for_each_secret(&self, f: &mut dyn FnMut(&str)) {
        super::for_each_header_secret(&self.headers, &self.multi_value_headers, f);
        // Browsers cannot set headers on a WebSocket: the query string is where tokens go.
        super::for_each_query_value(&self.query, &self.multi_value_query, f);
        let protocols =
            self.headers.get(PROTOCOL).into_iter().chain(self.multi_value_headers.get_ignore_case(PROTOCOL));
        protocols.flat_map(|value| value.split(',')).for_each(|protocol| f(protocol.trim()));
        if let Some(key) = self.request_context.identity.api_key.as_deref() {
            f(key);
        }
    }

    fn for_each_word_secret(&self, f: &mut dyn FnMut(&str)) {
        super::for_each_cookie_header_secret(&self.headers, &self.multi_value_headers, f);
    }
}

impl fmt::Debug for WebSocketRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebSocketRequest")
            .field("method_arn", &self.method_arn)
            .field("headers", &self.headers)
            .field("query", &self.query)
            .field("stage_variables", &self.stage_variables)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EVENT: &str = r#"{"type": "REQUEST",
      "methodArn": "arn:aws:execute-api:us-east-1:123456789012:abcdef123/default/$connect",
      "headers": {"HeaderAuth1": "headerValue1"},
      "multiValueHeaders": {"HeaderAuth1": ["headerValue1"], "Sec-WebSocket-Key": ["k=="]},
      "queryStringParameters": {"QueryString1": "queryValue1"},
      "multiValueQueryStringParameters": {"QueryString1": ["queryValue1"]},
      "stageVariables": {},
      "requestContext": {"routeKey": "$connect", "eventType": "CONNECT", "messageDirection": "IN", "stage": "default",
        "connectedAt": 1674162806344, "requestTimeEpoch": 1674162806345, "identity": {"sourceIp": "198.51.100.4"},
        "requestId": "r", "domainName": "abcdef123.execute-api.us-east-1.amazonaws.com", "connectionId": "c-1", "apiId": "abcdef123"}}"#;

    #[test]
    fn accessors() {
        let r = WebSocketRequest::from_event(EVENT.as_bytes()).unwrap();
        assert_eq!(r.header("headerauth1"), Some("headerValue1"));
        assert_eq!(r.header("sec-websocket-key"), Some("k=="));
        assert_eq!(r.query_param("QueryString1"), Some("queryValue1"));
        assert_eq!((r.route_key(), r.connection_id(), r.source_ip()), ("$connect", Some("c-1"), Some("198.51.100.4")));
        assert_eq!(r.method_arn().stage(), "default");
        let mut secrets = Vec::new();
        r.for_each_secret(&mut |s| secrets.push(s.to_owned()));
        assert_eq!(secrets, ["headerValue1", "headerValue1", "k==", "queryValue1", "queryValue1"]);
        assert!(!format!("{r:?}").contains("Value1"));
    }

    #[test]
    fn every_query_value_protocol_and_cookie_is_masked() {
        let event = EVENT
            .replace(
                r#""headers": {"#,
                r#""headers": {"Sec-WebSocket-Protocol": "graphql-ws, s3cret-protocol-token", "Cookie": "theme=dark; session=s3cret-session", "#,
            )
            .replace(r#"["queryValue1"]"#, r#"["queryValue0", "queryValue1"]"#);
        let r = WebSocketRequest::from_event(event.as_bytes()).unwrap();
        let secrets = crate::request::Secrets::of(&r);
        assert_eq!(secrets.mask("first queryValue0, last queryValue1"), "first [redacted], last [redacted]");
        assert_eq!(secrets.mask("protocol s3cret-protocol-token"), "protocol [redacted]");
        assert_eq!(secrets.mask("unknown session s3cret-session"), "unknown session [redacted]");
        let keyed =
            event.replace(r#""sourceIp": "198.51.100.4""#, r#""sourceIp": "198.51.100.4", "apiKey": "s3cret-key""#);
        let r = WebSocketRequest::from_event(keyed.as_bytes()).unwrap();
        assert_eq!(crate::request::Secrets::of(&r).mask("key s3cret-key"), "key [redacted]");
    }

    #[test]
    fn a_key_twice_is_refused() {
        for (from, to) in [
            (r#""methodArn":"#, r#""methodArn": "x", "methodArn":"#),
            (r#""headers": {"#, r#""headers": {"Auth": "s3cret-1", "Auth": "s3cret-2", "#),
        ] {
            let event = EVENT.replacen(from, to, 1);
            assert_ne!(event, EVENT);
            let err = WebSocketRequest::from_event(event.as_bytes()).unwrap_err().to_string();
            assert!(err.contains("a key appears twice") && !err.contains("s3cret"), "{err}");
        }
    }

    #[test]
    fn rest_events_are_not_websocket_events() {
        let rest = EVENT.replace("default/$connect", "default/GET/pets");
        let err = WebSocketRequest::from_event(rest.as_bytes()).unwrap_err().to_string();
        assert!(err.contains("methodArn"), "{err}");
    }
}
