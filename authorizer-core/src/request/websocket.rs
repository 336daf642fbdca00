//! WebSocket `$connect` authorizer events (AWS-FACTS §1.5).

use std::fmt;

use serde::Deserialize;

use super::ApiKind;
use super::maps::MultiValues;
use super::{
    AuthorizerRequest, CREDENTIAL_HEADERS, EventError, Headers, Params, bearer, expect_type, flat_context, sealed,
};
use crate::policy::Format;
use crate::{RequestArn, WebSocketArn};

/// The request context of a WebSocket event (`routeKey`, `eventType`, `connectionId`,
/// `identity.sourceIp`, ...). This is `aws_lambda_events`' type.
pub type WebSocketRequestContext = aws_lambda_events::apigw::ApiGatewayWebsocketProxyRequestContext;

/// A WebSocket API authorizer event, sent on `$connect` only: the route ARN (ending in
/// `/$connect`, with no HTTP verb), headers, query string, stage variables and request
/// context; no path (AWS-FACTS §1.5). Its response is an IAM policy with a flat context, as
/// for REST.
///
/// Browsers cannot set headers on a WebSocket, so credentials often come in the query
/// string: every query value is treated as a credential and masked in messages and logs.
/// `Debug` never shows a header or parameter value.
#[derive(Clone)]
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

    /// The request context.
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
        for name in CREDENTIAL_HEADERS {
            self.headers.get(name).into_iter().chain(self.multi_value_headers.get_ignore_case(name)).for_each(&mut *f);
        }
        self.query.iter().for_each(|(_, value)| f(value));
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
        assert_eq!(secrets, ["queryValue1"]);
        assert!(!format!("{r:?}").contains("Value1"));
    }

    #[test]
    fn rest_events_are_not_websocket_events() {
        let rest = EVENT.replace("default/$connect", "default/GET/pets");
        let err = WebSocketRequest::from_event(rest.as_bytes()).unwrap_err().to_string();
        assert!(err.contains("methodArn"), "{err}");
    }
}
