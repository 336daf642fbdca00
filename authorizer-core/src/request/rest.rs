//! REST-shaped `REQUEST` authorizer events: REST APIs ([authorizer input][input]) and HTTP
//! APIs with payload format 1.0, which send the same shape plus `version` and the identity
//! values (§1.3).
//!
//! [input]: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-input.html

use std::fmt;

use serde::Deserialize;

use super::maps::MultiValues;
use super::{
    ApiKind, AuthorizerRequest, EventError, Headers, Params, bearer, expect_type, flat_context, method_arn, sealed,
};
use crate::model::{MaskedPath, MethodArn, RequestArn};
use crate::wire::Format;

/// The request context of a REST `REQUEST` event (`$context`: account, API id, stage,
/// request id, identity with the source IP and the mTLS client certificate, ...). HTTP API
/// payload 1.0 events carry the same shape.
///
/// This is `aws_lambda_events`' type: every field is optional, as API Gateway may add or
/// leave out keys.
pub type RestRequestContext = aws_lambda_events::apigw::ApiGatewayCustomAuthorizerRequestTypeRequestContext;

/// The fields REST and HTTP API payload 1.0 `REQUEST` events share.
#[derive(Clone, PartialEq, Eq)]
struct Shape {
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
    /// `Some(None)` for `"version": null`: a key REST never sends, even empty.
    #[serde(default, deserialize_with = "present")]
    version: Option<Option<String>>,
    method_arn: Option<String>,
    identity_source: Option<String>,
    authorization_token: Option<String>,
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

/// A field that is present, even as `null`: `Some(None)` for `null`, and (with
/// `#[serde(default)]`) `None` when the key is absent.
pub(super) fn present<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(d).map(Some)
}

impl Wire {
    fn decode(kind: &'static str, event: &[u8]) -> Result<Self, EventError> {
        let wire: Self = serde_json::from_slice(event).map_err(|e| EventError::json(kind, &e))?;
        expect_type(kind, "REQUEST", wire.kind.as_deref())?;
        Ok(wire)
    }

    fn into_shape(self, kind: &'static str) -> Result<Shape, EventError> {
        let method_arn = method_arn(kind, self.method_arn)?;
        let request_context =
            self.request_context.ok_or_else(|| EventError::new(kind, "`requestContext` is missing"))?;
        Ok(Shape {
            http_method: self.http_method.unwrap_or_else(|| method_arn.verb().to_owned()),
            method_arn,
            resource: self.resource.unwrap_or_default(),
            path: self.path.unwrap_or_default(),
            headers: self.headers,
            multi_value_headers: self.multi_value_headers,
            query: self.query_string_parameters,
            multi_value_query: self.multi_value_query_string_parameters,
            path_parameters: self.path_parameters,
            stage_variables: self.stage_variables,
            request_context,
        })
    }
}

impl Shape {
    fn header_values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> {
        let mut multi = self.multi_value_headers.get_ignore_case(name).peekable();
        let single = if multi.peek().is_none() { self.headers.get(name) } else { None };
        multi.chain(single)
    }

    fn for_each_secret(&self, f: &mut dyn FnMut(&str)) {
        super::for_each_header_secret(&self.headers, &self.multi_value_headers, f);
        if let Some(key) = self.request_context.identity.as_ref().and_then(|i| i.api_key.as_deref()) {
            f(key);
        }
    }

    fn for_each_word_secret(&self, f: &mut dyn FnMut(&str)) {
        super::for_each_cookie_header_secret(&self.headers, &self.multi_value_headers, f);
        super::for_each_query_value(&self.query, &self.multi_value_query, f);
    }

    fn debug(&self, f: &mut fmt::Formatter<'_>, name: &str) -> fmt::Result {
        f.debug_struct(name)
            .field("method_arn", &self.method_arn)
            .field("http_method", &self.http_method)
            .field("resource", &self.resource)
            .field("path", &MaskedPath(&self.path))
            .field("headers", &self.headers)
            .field("query", &self.query)
            .field("path_parameters", &self.path_parameters)
            .field("stage_variables", &self.stage_variables)
            .finish_non_exhaustive()
    }
}

/// The accessors of the REST-shaped requests, reading `self.shape`.
macro_rules! shape_accessors {
    () => {
        /// The ARN of the method being called.
        #[must_use]
        pub fn method_arn(&self) -> &MethodArn {
            &self.shape.method_arn
        }

        /// The resource template, e.g. `/pets/{id}` or `/{proxy+}` (empty if absent).
        #[must_use]
        pub fn resource(&self) -> &str {
            &self.shape.resource
        }

        /// The request path, e.g. `/pets/42` (empty if absent).
        #[must_use]
        pub fn path(&self) -> &str {
            &self.shape.path
        }

        /// The HTTP method, e.g. `GET` (the method ARN's verb if the event has none).
        #[must_use]
        pub fn http_method(&self) -> &str {
            &self.shape.http_method
        }

        /// All headers.
        #[must_use]
        pub fn headers(&self) -> &Headers {
            &self.shape.headers
        }

        /// Header `name`, case-insensitively. Falls back to the first of `multiValueHeaders`.
        #[must_use]
        pub fn header(&self, name: &str) -> Option<&str> {
            self.shape.headers.get(name).or_else(|| self.shape.multi_value_headers.get_ignore_case(name).next())
        }

        /// Every value of header `name` (from `multiValueHeaders`, else `headers`).
        pub fn header_values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> {
            self.shape.header_values(name)
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
            &self.shape.query
        }

        /// Query-string parameter `name` (case-sensitive). Falls back to the first of
        /// `multiValueQueryStringParameters`.
        #[must_use]
        pub fn query_param(&self, name: &str) -> Option<&str> {
            self.shape.query.get(name).or_else(|| self.shape.multi_value_query.get_exact(name).next())
        }

        /// Every value of query-string parameter `name` (from
        /// `multiValueQueryStringParameters`, else `queryStringParameters`).
        pub fn query_values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> {
            let mut multi = self.shape.multi_value_query.get_exact(name).peekable();
            let single = if multi.peek().is_none() { self.shape.query.get(name) } else { None };
            multi.chain(single)
        }

        /// Path parameters, e.g. `id` of `/pets/{id}`.
        #[must_use]
        pub fn path_parameters(&self) -> &Params {
            &self.shape.path_parameters
        }

        /// Path parameter `name`.
        #[must_use]
        pub fn path_parameter(&self, name: &str) -> Option<&str> {
            self.shape.path_parameters.get(name)
        }

        /// Stage variables.
        #[must_use]
        pub fn stage_variables(&self) -> &Params {
            &self.shape.stage_variables
        }

        /// Stage variable `name`.
        #[must_use]
        pub fn stage_variable(&self, name: &str) -> Option<&str> {
            self.shape.stage_variables.get(name)
        }

        /// The client's IP address (`requestContext.identity.sourceIp`).
        #[must_use]
        pub fn source_ip(&self) -> Option<&str> {
            self.shape.request_context.identity.as_ref()?.source_ip.as_deref()
        }

        /// The request context. Its `Debug` (`aws_lambda_events`' own) shows every field as
        /// sent, the API key (`identity.apiKey`) and the path included: do not log it.
        #[must_use]
        pub fn request_context(&self) -> &RestRequestContext {
            &self.shape.request_context
        }
    };
}

/// A REST API `REQUEST` authorizer event: the method ARN, headers, query string, path
/// parameters, stage variables and request context ([authorizer input][input]). It has no body.
///
/// Absent and `null` maps are empty. Header names are matched case-insensitively, since REST
/// passes them in the case the client sent.
///
/// The event has no list of identity-source values, so what may be a credential is masked in
/// messages and logs by name: wherever they appear, the values of `Authorization`,
/// `Proxy-Authorization`, `Cookie`, `X-Api-Key` and of every header whose name holds `auth`,
/// `token`, `key`, `secret`, `session`, `signature`, `credential`, `password` or `jwt` (in
/// any case), and the API key (`requestContext.identity.apiKey`); and each cookie
/// (`name=value`, and its value) and every query-string value (single and multi-value), those
/// that may be ordinary words (under 16 letters and nothing else) only where they stand as
/// whole words. Values shorter than 4 bytes are not masked.
///
/// `Debug` shows the method ARN and the path with each path segment as `…`, and the names of
/// headers and parameters, never their values.
///
/// [input]: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-input.html
#[derive(Clone, PartialEq, Eq)]
pub struct RestRequest {
    shape: Shape,
}

impl RestRequest {
    shape_accessors!();
}

const REST: &str = "REST REQUEST";

impl sealed::Sealed for RestRequest {}

flat_context!(RestRequest);

impl AuthorizerRequest for RestRequest {
    const KIND: &'static str = REST;

    fn from_event(event: &[u8]) -> Result<Self, EventError> {
        let wire = Wire::decode(REST, event)?;
        // HTTP APIs send `version`; a REST authorizer must not guess at their event. REST
        // sends no `version` at all, not even `null`.
        if wire.version.is_some() {
            return Err(EventError::new(REST, "it has a `version` (even `null`), so it comes from an HTTP API"));
        }
        Ok(Self { shape: wire.into_shape(REST)? })
    }

    fn arn(&self) -> RequestArn<'_> {
        RequestArn::Method(&self.shape.method_arn)
    }

    fn api(&self) -> ApiKind {
        ApiKind::Rest
    }

    fn format(&self) -> Format {
        Format::Iam { usage_key: true }
    }

    fn for_each_secret(&self, f: &mut dyn FnMut(&str)) {
        self.shape.for_each_secret(f);
    }

    fn for_each_word_secret(&self, f: &mut dyn FnMut(&str)) {
        self.shape.for_each_word_secret(f);
    }
}

impl fmt::Debug for RestRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.shape.debug(f, "RestRequest")
    }
}

/// An HTTP API authorizer event in payload format 1.0: the REST `REQUEST` shape, plus
/// `version` and the identity values, comma-joined, in both `identitySource` and
/// `authorizationToken` ([HTTP API authorizers][http]). Its response is an IAM policy with
/// a flat context, as for REST.
///
/// What is masked in messages and logs is what [`RestRequest`] masks, and the identity
/// values, alone and comma-joined.
///
/// `Debug` never shows the identity values, a header value, a parameter value or a path
/// segment.
///
/// [http]: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html
#[derive(Clone, PartialEq, Eq)]
pub struct HttpV1Request {
    shape: Shape,
    identity_source: String,
}

impl HttpV1Request {
    shape_accessors!();

    /// The values of the authorizer's identity sources, comma-joined (`identitySource`,
    /// which API Gateway also sends as `authorizationToken`). Empty when it has none.
    #[must_use]
    pub fn identity_source(&self) -> &str {
        &self.identity_source
    }
}

const HTTP_V1: &str = "HTTP API (payload 1.0)";

impl sealed::Sealed for HttpV1Request {}

flat_context!(HttpV1Request);

impl AuthorizerRequest for HttpV1Request {
    const KIND: &'static str = HTTP_V1;

    fn from_event(event: &[u8]) -> Result<Self, EventError> {
        let wire = Wire::decode(HTTP_V1, event)?;
        match &wire.version {
            Some(Some(version)) if version == "1.0" => {}
            Some(_) => return Err(EventError::new(HTTP_V1, "`version` is not `1.0`")),
            None => return Err(EventError::new(HTTP_V1, "`version` is missing: a REST API sent it")),
        }
        let identity_source =
            wire.identity_source.clone().or_else(|| wire.authorization_token.clone()).unwrap_or_default();
        Ok(Self { shape: wire.into_shape(HTTP_V1)?, identity_source })
    }

    fn arn(&self) -> RequestArn<'_> {
        RequestArn::Method(&self.shape.method_arn)
    }

    fn api(&self) -> ApiKind {
        ApiKind::HttpV1
    }

    fn format(&self) -> Format {
        Format::Iam { usage_key: false }
    }

    fn for_each_secret(&self, f: &mut dyn FnMut(&str)) {
        self.shape.for_each_secret(f);
        // The identity values are credentials, alone and comma-joined.
        f(&self.identity_source);
        self.identity_source.split(',').for_each(&mut *f);
    }

    fn for_each_word_secret(&self, f: &mut dyn FnMut(&str)) {
        self.shape.for_each_word_secret(f);
    }
}

impl fmt::Debug for HttpV1Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.shape.debug(f, "HttpV1Request")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::Secrets;

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
        r.for_each_word_secret(&mut |s| secrets.push(s.to_owned()));
        let v1 = EVENT.replace(
            r#""type": "REQUEST","#,
            r#""type": "REQUEST", "version": "1.0", "identitySource": "headerValue1,queryValue1","#,
        );
        let v1 = HttpV1Request::from_event(v1.as_bytes()).unwrap();
        assert_eq!(v1.identity_source(), "headerValue1,queryValue1");
        assert_eq!(v1.header("HEADERAUTH1"), Some("headerValue1"));
        assert!(!format!("{v1:?}").contains("queryValue1"));
        for secret in ["Bearer s3cret-token", "s3cret-key", "headerValue1", "queryValue0", "queryValue1"] {
            assert!(secrets.iter().any(|s| s == secret), "{secret}: {secrets:?}");
        }
        for public in ["a", "b", "stageValue1", "203.0.113.7"] {
            assert!(!secrets.iter().any(|s| s == public), "{public}: {secrets:?}");
        }
        let shown = format!("{r:?}");
        assert!(!shown.contains("s3cret") && !shown.contains("headerValue1"), "{shown}");
    }

    #[test]
    fn cookies_custom_headers_and_query_values_are_masked() {
        let event = EVENT
            .replace(
                r#""headers": {"#,
                r#""headers": {"Cookie": "theme=dark; session=s3cret-session-id", "X-Auth-Token": "s3cret-custom", "User-Agent": "curl/8.1", "#,
            )
            .replace(r#""queryStringParameters": {"QueryString1": "queryValue1"},"#, "");
        let v1 = event.replace(r#""type": "REQUEST","#, r#""type": "REQUEST", "version": "1.0","#);
        let rest = RestRequest::from_event(event.as_bytes()).unwrap();
        let v1 = HttpV1Request::from_event(v1.as_bytes()).unwrap();
        for secrets in [Secrets::of(&rest), Secrets::of(&v1)] {
            assert_eq!(secrets.mask("unknown session s3cret-session-id"), "unknown session [redacted]");
            assert_eq!(secrets.mask("token s3cret-custom, auth headerValue1"), "token [redacted], auth [redacted]");
            assert_eq!(secrets.mask("first queryValue0, last queryValue1"), "first [redacted], last [redacted]");
            assert_eq!(secrets.mask("key s3cret-key"), "key [redacted]");
            assert_eq!(secrets.mask("agent curl/8.1, stage stageValue1"), "agent curl/8.1, stage stageValue1");
        }
    }

    #[test]
    fn debug_shows_no_path_segment() {
        let event = EVENT
            .replace("GET/request", "POST/reset/s3cret-reset-token")
            .replace(r#""path": "/request""#, r#""path": "/reset/s3cret-reset-token""#);
        let r = RestRequest::from_event(event.as_bytes()).unwrap();
        let shown = format!("{r:?}");
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(shown.contains(r#"path: "/…/…""#), "{shown}");
        assert!(
            shown.contains(r#"MethodArn("arn:aws:execute-api:us-east-1:123456789012:abcdef123/test/POST/…/…")"#),
            "{shown}"
        );
    }

    #[test]
    fn payload_1_0_needs_its_version_as_a_string() {
        let arn = "arn:aws:execute-api:r:1:a/s/GET/x";
        for (version, needle) in [("null", "not `1.0`"), (r#""2.0""#, "not `1.0`"), (r#"1.0"#, "wrong type")] {
            let json = format!(r#"{{"version":{version},"type":"REQUEST","methodArn":"{arn}","requestContext":{{}}}}"#);
            let err = HttpV1Request::from_event(json.as_bytes()).unwrap_err().to_string();
            assert!(err.contains(needle), "{json}: {err}");
        }
    }

    #[test]
    fn a_key_twice_is_refused_whatever_the_map() {
        // `JSON.parse` keeps the last value of a key, a first-match lookup the first: an event
        // with a key twice has no one reading, and API Gateway sends none.
        let arn = "arn:aws:execute-api:r:1:a/s/GET/x";
        for (twice, what) in [
            (r#""headers":{"Authorization":"Bearer a-token","Authorization":"Bearer b-token"}"#, "headers"),
            (r#""queryStringParameters":{"t":"a-token","t":"b-token"}"#, "query"),
            (r#""multiValueHeaders":{"X":["1"],"X":["2"]}"#, "multi-value headers"),
            (r#""multiValueQueryStringParameters":{"t":["1"],"t":["2"]}"#, "multi-value query"),
            (r#""pathParameters":{"id":"1","id":"2"}"#, "path parameters"),
            (r#""stageVariables":{"v":"1","v":"2"}"#, "stage variables"),
            (r#""methodArn":"arn:aws:execute-api:r:1:a/s/GET/y""#, "top level"),
            (r#""type":"REQUEST""#, "top level `type`"),
        ] {
            let json = format!(r#"{{"type":"REQUEST","methodArn":"{arn}",{twice},"requestContext":{{}}}}"#);
            let err = RestRequest::from_event(json.as_bytes()).unwrap_err().to_string();
            assert!(err.contains("a key appears twice"), "{what}: {err}");
            assert!(!err.contains("token") && !err.contains("Authorization"), "{what}: {err}");
            let v1 = json.replacen(r#""type":"REQUEST""#, r#""version":"1.0","type":"REQUEST""#, 1);
            let err = HttpV1Request::from_event(v1.as_bytes()).unwrap_err().to_string();
            assert!(err.contains("a key appears twice"), "{what}: {err}");
        }
        // The same name in another case is another key (REST keeps the client's case).
        let json =
            format!(r#"{{"type":"REQUEST","methodArn":"{arn}","headers":{{"X":"1","x":"2"}},"requestContext":{{}}}}"#);
        assert!(RestRequest::from_event(json.as_bytes()).is_ok());
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
            (
                format!(r#"{{"version":null,"type":"REQUEST","methodArn":"{arn}","requestContext":{{}}}}"#),
                "even `null`",
            ),
            (format!(r#"{{"version":"","type":"REQUEST","methodArn":"{arn}","requestContext":{{}}}}"#), "HTTP API"),
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
