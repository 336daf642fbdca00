//! REST API `REQUEST` authorizer events (AWS-FACTS §1.2).

use std::fmt;

use serde::Deserialize;
use serde::de::IgnoredAny;

use super::maps::MultiValues;
use super::{AuthorizerRequest, EventError, Headers, Params, bearer, expect_type, method_arn, sealed};
use crate::MethodArn;

const KIND: &str = "REST REQUEST";

/// The request context of a REST `REQUEST` event (`$context`: account, API id, stage,
/// request id, identity with the source IP and the mTLS client certificate, ...).
///
/// This is `aws_lambda_events`' type: every field is optional, as API Gateway may add or
/// leave out keys.
pub type RestRequestContext = aws_lambda_events::apigw::ApiGatewayCustomAuthorizerRequestTypeRequestContext;

/// A REST API `REQUEST` authorizer event: the method ARN, headers, query string, path
/// parameters, stage variables and request context (AWS-FACTS §1.2). It has no body.
///
/// Absent and `null` maps are empty. Header names are matched case-insensitively, since REST
/// passes them in the case the client sent.
///
/// `Debug` shows the method ARN, the path and the names of headers and parameters, never
/// their values.
#[derive(Clone)]
pub struct RestRequest {
    method_arn: MethodArn,
    resource: String,
    path: String,
    http_method: String,
    headers: Headers,
    multi_value_headers: MultiValues,
    query: Params,
    multi_value_query: MultiValues,
    path_parameters: Params,
    stage_variables: Params,
    request_context: RestRequestContext,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Wire {
    #[serde(rename = "type")]
    kind: Option<String>,
    version: Option<IgnoredAny>,
    method_arn: Option<String>,
    #[serde(default)]
    resource: Option<String>,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    http_method: Option<String>,
    #[serde(default)]
    headers: Headers,
    #[serde(default)]
    multi_value_headers: MultiValues,
    #[serde(default)]
    query_string_parameters: Params,
    #[serde(default)]
    multi_value_query_string_parameters: MultiValues,
    #[serde(default)]
    path_parameters: Params,
    #[serde(default)]
    stage_variables: Params,
    request_context: Option<RestRequestContext>,
}

impl RestRequest {
    /// The ARN of the method being called.
    #[must_use]
    pub fn method_arn(&self) -> &MethodArn {
        &self.method_arn
    }

    /// The resource template, e.g. `/pets/{id}` or `/{proxy+}` (empty if absent).
    #[must_use]
    pub fn resource(&self) -> &str {
        &self.resource
    }

    /// The request path, e.g. `/pets/42` (empty if absent).
    #[must_use]
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The HTTP method, e.g. `GET` (the method ARN's verb if the event has none).
    #[must_use]
    pub fn http_method(&self) -> &str {
        &self.http_method
    }

    /// All headers.
    #[must_use]
    pub fn headers(&self) -> &Headers {
        &self.headers
    }

    /// Header `name`, case-insensitively. Falls back to the first of `multiValueHeaders`.
    #[must_use]
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).or_else(|| self.multi_value_headers.get_ignore_case(name).next())
    }

    /// Every value of header `name` (from `multiValueHeaders`, else `headers`).
    pub fn header_values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> {
        let mut multi = self.multi_value_headers.get_ignore_case(name).peekable();
        let single = if multi.peek().is_none() { self.headers.get(name) } else { None };
        multi.chain(single)
    }

    /// The raw `Authorization` header.
    #[must_use]
    pub fn authorization(&self) -> Option<&str> {
        self.header("authorization")
    }

    /// The token of an `Authorization: Bearer <token>` header, or `None`.
    #[must_use]
    pub fn bearer_token(&self) -> Option<&str> {
        self.authorization().and_then(bearer)
    }

    /// All query-string parameters (the last value of each, as API Gateway gives them).
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

    /// Every value of query-string parameter `name` (from
    /// `multiValueQueryStringParameters`, else `queryStringParameters`).
    pub fn query_values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> {
        let mut multi = self.multi_value_query.get_exact(name).peekable();
        let single = if multi.peek().is_none() { self.query.get(name) } else { None };
        multi.chain(single)
    }

    /// Path parameters, e.g. `id` of `/pets/{id}`.
    #[must_use]
    pub fn path_parameters(&self) -> &Params {
        &self.path_parameters
    }

    /// Path parameter `name`.
    #[must_use]
    pub fn path_parameter(&self, name: &str) -> Option<&str> {
        self.path_parameters.get(name)
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

    /// The client's IP address (`requestContext.identity.sourceIp`).
    #[must_use]
    pub fn source_ip(&self) -> Option<&str> {
        self.request_context.identity.as_ref()?.source_ip.as_deref()
    }

    /// The request context.
    #[must_use]
    pub fn request_context(&self) -> &RestRequestContext {
        &self.request_context
    }
}

impl sealed::Sealed for RestRequest {}

impl AuthorizerRequest for RestRequest {
    const KIND: &'static str = KIND;

    fn from_event(event: &[u8]) -> Result<Self, EventError> {
        let wire: Wire = serde_json::from_slice(event).map_err(|e| EventError::json(KIND, &e))?;
        expect_type(KIND, "REQUEST", wire.kind.as_deref())?;
        // HTTP APIs send `version`; a REST authorizer must not guess at their event.
        if wire.version.is_some() {
            return Err(EventError::new(KIND, "it has a `version`, so it comes from an HTTP API"));
        }
        let method_arn = method_arn(KIND, wire.method_arn)?;
        let request_context =
            wire.request_context.ok_or_else(|| EventError::new(KIND, "`requestContext` is missing"))?;
        Ok(Self {
            http_method: wire.http_method.unwrap_or_else(|| method_arn.verb().to_owned()),
            method_arn,
            resource: wire.resource.unwrap_or_default(),
            path: wire.path.unwrap_or_default(),
            headers: wire.headers,
            multi_value_headers: wire.multi_value_headers,
            query: wire.query_string_parameters,
            multi_value_query: wire.multi_value_query_string_parameters,
            path_parameters: wire.path_parameters,
            stage_variables: wire.stage_variables,
            request_context,
        })
    }

    fn method_arn(&self) -> &MethodArn {
        &self.method_arn
    }

    fn for_each_secret(&self, f: &mut dyn FnMut(&str)) {
        const CREDENTIAL_HEADERS: [&str; 4] = ["authorization", "proxy-authorization", "cookie", "x-api-key"];
        for name in CREDENTIAL_HEADERS {
            self.header_values(name).for_each(&mut *f);
        }
        if let Some(key) = self.request_context.identity.as_ref().and_then(|i| i.api_key.as_deref()) {
            f(key);
        }
    }
}

impl fmt::Debug for RestRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RestRequest")
            .field("method_arn", &self.method_arn)
            .field("http_method", &self.http_method)
            .field("resource", &self.resource)
            .field("path", &self.path)
            .field("headers", &self.headers)
            .field("query", &self.query)
            .field("path_parameters", &self.path_parameters)
            .field("stage_variables", &self.stage_variables)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EVENT: &str = r#"{
      "type": "REQUEST",
      "methodArn": "arn:aws:execute-api:us-east-1:123456789012:abcdef123/test/GET/request",
      "resource": "/request", "path": "/request", "httpMethod": "GET",
      "headers": {"HeaderAuth1": "headerValue1", "Authorization": "Bearer s3cret-token"},
      "multiValueHeaders": {"HeaderAuth1": ["headerValue1"], "X-Multi": ["a", "b"]},
      "queryStringParameters": {"QueryString1": "queryValue1"},
      "multiValueQueryStringParameters": {"QueryString1": ["queryValue0", "queryValue1"]},
      "pathParameters": {}, "stageVariables": {"StageVar1": "stageValue1"},
      "requestContext": {"accountId": "123456789012", "stage": "test", "apiId": "abcdef123",
        "identity": {"sourceIp": "203.0.113.7", "apiKey": "s3cret-key"}, "extendedRequestId": "x"}
    }"#;

    #[test]
    fn accessors() {
        let r = RestRequest::from_event(EVENT.as_bytes()).unwrap();
        assert_eq!(r.header("headerauth1"), Some("headerValue1"));
        assert_eq!(r.header("x-multi"), Some("a"));
        assert_eq!(r.header_values("X-MULTI").collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(r.bearer_token(), Some("s3cret-token"));
        assert_eq!(r.query_param("QueryString1"), Some("queryValue1"));
        let only_multi = EVENT.replace(r#""queryStringParameters": {"QueryString1": "queryValue1"},"#, "");
        let r2 = RestRequest::from_event(only_multi.as_bytes()).unwrap();
        assert_eq!(r2.query_param("QueryString1"), Some("queryValue0"));
        assert_eq!(r.query_values("QueryString1").collect::<Vec<_>>(), ["queryValue0", "queryValue1"]);
        assert_eq!(r.stage_variable("StageVar1"), Some("stageValue1"));
        assert_eq!(r.path_parameter("id"), None);
        assert_eq!(r.source_ip(), Some("203.0.113.7"));
        assert_eq!(r.request_context().account_id.as_deref(), Some("123456789012"));
        assert_eq!((r.http_method(), r.path(), r.resource()), ("GET", "/request", "/request"));
        assert_eq!(r.method_arn().path(), "/request");
        let mut secrets = Vec::new();
        r.for_each_secret(&mut |s| secrets.push(s.to_owned()));
        assert_eq!(secrets, ["Bearer s3cret-token", "s3cret-key"]);
        let shown = format!("{r:?}");
        assert!(!shown.contains("s3cret") && !shown.contains("headerValue1"), "{shown}");
    }

    #[test]
    fn null_maps_are_empty() {
        let json = r#"{"type":"REQUEST","methodArn":"arn:aws:execute-api:r:1:a/s/GET/","headers":null,
            "queryStringParameters":null,"stageVariables":null,"pathParameters":null,"requestContext":{}}"#;
        let r = RestRequest::from_event(json.as_bytes()).unwrap();
        assert!(r.headers().is_empty() && r.query().is_empty() && r.stage_variables().is_empty());
        assert_eq!(r.http_method(), "GET");
        assert_eq!(r.source_ip(), None);
    }

    #[test]
    fn refuses_other_kinds_of_event() {
        let arn = "arn:aws:execute-api:r:1:a/s/GET/x";
        for (json, needle) in [
            (format!(r#"{{"type":"TOKEN","methodArn":"{arn}","requestContext":{{}}}}"#), "`type` is not `REQUEST`"),
            (format!(r#"{{"version":"1.0","type":"REQUEST","methodArn":"{arn}","requestContext":{{}}}}"#), "HTTP API"),
            (format!(r#"{{"type":"REQUEST","methodArn":"{arn}"}}"#), "`requestContext` is missing"),
            (
                String::from(
                    r#"{"type":"REQUEST","methodArn":"arn:aws:execute-api:r:1:a/default/$connect","requestContext":{}}"#,
                ),
                "methodArn",
            ),
            (
                format!(r#"{{"type":"REQUEST","methodArn":"{arn}","headers":["x"],"requestContext":{{}}}}"#),
                "wrong type",
            ),
        ] {
            let err = RestRequest::from_event(json.as_bytes()).unwrap_err().to_string();
            assert!(err.contains(needle), "{json}: {err}");
        }
    }
}
