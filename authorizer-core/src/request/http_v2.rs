//! HTTP API authorizer events in payload format 2.0, answered with a simple response or an
//! IAM policy ([HTTP API authorizers][http]).
//!
//! [http]: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;

use super::{ApiKind, AuthorizerRequest, EventError, Headers, Params, Respond, bearer, expect_type, sealed};
use crate::model::{MaskedPath, MethodArn, RequestArn};
use crate::wire::{ContextError, Format, JsonContext};

/// The request context of an HTTP API payload 2.0 event (`http.method`, `http.path`,
/// `http.sourceIp`, `routeKey`, `stage`, `authentication.clientCert`, ...).
///
/// This is `aws_lambda_events`' type.
pub type HttpRequestContext = aws_lambda_events::apigw::ApiGatewayV2httpRequestContext;

/// How an HTTP API payload 2.0 authorizer answers, as its `enableSimpleResponses` setting
/// says: [`SimpleResponse`] or [`IamPolicy`].
pub trait ResponseMode: sealed::Sealed + 'static {
    #[doc(hidden)]
    const FORMAT: Format;
}

/// `enableSimpleResponses: true`: the authorizer answers `{"isAuthorized": .., "context": ..}`.
/// The decision is judged against the request's own route ARN: authorized iff an allowed
/// route covers it and no denied route does.
///
/// API Gateway caches that one yes or no by identity sources and, unless
/// `$context.routeKey` is among them, serves it for every route ([HTTP API
/// authorizers][http]). A decision that names routes is therefore right only with the cache
/// off, or keyed by route key and without placeholders: all paths of `GET /users/{id}`
/// share one route key. Take [`IamPolicy`] to have each route judged from the cache.
///
/// [http]: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SimpleResponse {}

/// `enableSimpleResponses: false`: the authorizer answers an IAM policy, as for REST.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IamPolicy {}

impl sealed::Sealed for SimpleResponse {}
impl sealed::Sealed for IamPolicy {}

impl ResponseMode for SimpleResponse {
    const FORMAT: Format = Format::Simple;
}

impl ResponseMode for IamPolicy {
    const FORMAT: Format = Format::Iam { usage_key: false };
}

/// An HTTP API authorizer event in payload format 2.0: the route ARN and key, raw path and
/// query string, cookies, headers (API Gateway lower-cases their names and joins repeated
/// ones with commas, as [for integrations][http-int]), the identity source values, and the
/// request context ([HTTP API authorizers][http]).
///
/// `M` is how the authorizer answers: [`SimpleResponse`] (the default) or [`IamPolicy`], as
/// configured in API Gateway (`enableSimpleResponses`). Its context may nest objects and
/// arrays: any [`JsonContext`].
///
/// What may be a credential is masked in messages and logs: the identity values and the
/// headers [`RestRequest`](crate::RestRequest) masks by name; each cookie (`name=value`, and
/// its value) and every query-string value, as [`RestRequest`](crate::RestRequest) masks
/// them. Values shorter than 4 bytes are not masked.
///
/// `Debug` never shows a header, cookie, parameter or identity value, nor a path segment
/// (the route ARN and raw path show each as `…`).
///
/// [http-int]: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
/// [http]: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html
pub struct HttpV2Request<M: ResponseMode = SimpleResponse> {
    route_arn: MethodArn,
    route_key: String,
    raw_path: String,
    raw_query_string: String,
    cookies: Vec<String>,
    headers: Headers,
    query: Params,
    path_parameters: Params,
    stage_variables: Params,
    identity_source: Option<Vec<String>>,
    request_context: HttpRequestContext,
    mode: PhantomData<M>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Wire {
    #[serde(rename = "type")]
    kind: Option<String>,
    /// `Some(None)` for `"version": null`.
    #[serde(default, deserialize_with = "super::rest::present")]
    version: Option<Option<String>>,
    route_arn: Option<String>,
    #[serde(default)]
    route_key: Option<String>,
    #[serde(default)]
    raw_path: Option<String>,
    #[serde(default)]
    raw_query_string: Option<String>,
    #[serde(default)]
    cookies: Option<Vec<String>>,
    #[serde(default)]
    headers: Headers,
    #[serde(default)]
    query_string_parameters: Params,
    #[serde(default)]
    path_parameters: Params,
    #[serde(default)]
    stage_variables: Params,
    #[serde(default)]
    identity_source: Option<Vec<String>>,
    request_context: Option<HttpRequestContext>,
}

const KIND: &str = "HTTP API (payload 2.0)";

impl<M: ResponseMode> HttpV2Request<M> {
    /// The ARN of the route being called (`routeArn`), e.g.
    /// `arn:aws:execute-api:us-east-1:123456789012:abcdef123/$default/GET/pets`.
    #[must_use]
    pub fn route_arn(&self) -> &MethodArn {
        &self.route_arn
    }

    /// The route key, e.g. `GET /pets` or `$default`.
    #[must_use]
    pub fn route_key(&self) -> &str {
        &self.route_key
    }

    /// The request path, as sent.
    #[must_use]
    pub fn raw_path(&self) -> &str {
        &self.raw_path
    }

    /// The query string, without `?`.
    #[must_use]
    pub fn raw_query_string(&self) -> &str {
        &self.raw_query_string
    }

    /// The request's cookies, each `name=value` (empty when it has none).
    #[must_use]
    pub fn cookies(&self) -> &[String] {
        &self.cookies
    }

    /// The value of cookie `name`.
    #[must_use]
    pub fn cookie(&self, name: &str) -> Option<&str> {
        self.cookies.iter().find_map(|c| c.split_once('=').filter(|(n, _)| n.trim() == name).map(|(_, v)| v.trim()))
    }

    /// All headers.
    #[must_use]
    pub fn headers(&self) -> &Headers {
        &self.headers
    }

    /// Header `name`, case-insensitively. Repeated headers arrive comma-joined.
    #[must_use]
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name)
    }

    /// The raw `authorization` header.
    #[must_use]
    pub fn authorization(&self) -> Option<&str> {
        self.header("authorization")
    }

    /// The token of an `authorization: Bearer <token>` header, or `None`.
    #[must_use]
    pub fn bearer_token(&self) -> Option<&str> {
        self.authorization().and_then(bearer)
    }

    /// Query-string parameters; a repeated one arrives comma-joined.
    #[must_use]
    pub fn query(&self) -> &Params {
        &self.query
    }

    /// Query-string parameter `name` (case-sensitive).
    #[must_use]
    pub fn query_param(&self, name: &str) -> Option<&str> {
        self.query.get(name)
    }

    /// Path parameters.
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

    /// The values of the authorizer's identity sources, in order; `None` when it has no
    /// identity sources (API Gateway then leaves the field out).
    #[must_use]
    pub fn identity_source(&self) -> Option<&[String]> {
        self.identity_source.as_deref()
    }

    /// The HTTP method (`requestContext.http.method`).
    #[must_use]
    pub fn http_method(&self) -> &str {
        self.request_context.http.method.as_str()
    }

    /// The client's IP address (`requestContext.http.sourceIp`).
    #[must_use]
    pub fn source_ip(&self) -> Option<&str> {
        self.request_context.http.source_ip.as_deref()
    }

    /// The request context. Its `Debug` (`aws_lambda_events`' own) shows every field as
    /// sent, the request path (`http.path`) included.
    #[must_use]
    pub fn request_context(&self) -> &HttpRequestContext {
        &self.request_context
    }
}

impl<M: ResponseMode> sealed::Sealed for HttpV2Request<M> {}

impl<M: ResponseMode> AuthorizerRequest for HttpV2Request<M> {
    const KIND: &'static str = KIND;

    fn from_event(event: &[u8]) -> Result<Self, EventError> {
        let wire: Wire = serde_json::from_slice(event).map_err(|e| EventError::json(KIND, &e))?;
        expect_type(KIND, "REQUEST", wire.kind.as_deref())?;
        match &wire.version {
            Some(Some(version)) if version == "2.0" => {}
            Some(_) => return Err(EventError::new(KIND, "`version` is not `2.0`")),
            None => return Err(EventError::new(KIND, "`version` is missing")),
        }
        let route_arn = wire.route_arn.ok_or_else(|| EventError::new(KIND, "`routeArn` is missing"))?;
        let route_arn = MethodArn::parse(route_arn).map_err(|e| EventError::new(KIND, format!("`routeArn` is {e}")))?;
        let request_context =
            wire.request_context.ok_or_else(|| EventError::new(KIND, "`requestContext` is missing"))?;
        Ok(Self {
            route_arn,
            route_key: wire.route_key.unwrap_or_default(),
            raw_path: wire.raw_path.unwrap_or_default(),
            raw_query_string: wire.raw_query_string.unwrap_or_default(),
            cookies: wire.cookies.unwrap_or_default(),
            headers: wire.headers,
            query: wire.query_string_parameters,
            path_parameters: wire.path_parameters,
            stage_variables: wire.stage_variables,
            identity_source: wire.identity_source,
            request_context,
            mode: PhantomData,
        })
    }

    fn arn(&self) -> RequestArn<'_> {
        RequestArn::Method(&self.route_arn)
    }

    fn api(&self) -> ApiKind {
        ApiKind::HttpV2
    }

    fn format(&self) -> Format {
        M::FORMAT
    }

    fn for_each_secret(&self, f: &mut dyn FnMut(&str)) {
        for (name, value) in self.headers.iter() {
            if super::is_credential_header(name) {
                f(value);
            }
        }
        self.identity_source.iter().flatten().for_each(|v| f(v));
    }

    fn for_each_word_secret(&self, f: &mut dyn FnMut(&str)) {
        for cookie in &self.cookies {
            super::for_each_cookie_secret(cookie, f);
        }
        self.query.iter().for_each(|(_, value)| f(value));
        super::secrets::for_each_raw_query_value(&self.raw_query_string, f);
    }
}

/// HTTP API payload 2.0 contexts may nest objects and arrays ([HTTP API authorizers][http]).
///
/// [http]: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html
impl<C: JsonContext, M: ResponseMode> Respond<C> for HttpV2Request<M> {
    fn context_writer() -> fn(&C, &mut Vec<u8>) -> Result<bool, ContextError> {
        crate::wire::write_nested::<C>
    }
}

impl<M: ResponseMode> Clone for HttpV2Request<M> {
    fn clone(&self) -> Self {
        Self {
            route_arn: self.route_arn.clone(),
            route_key: self.route_key.clone(),
            raw_path: self.raw_path.clone(),
            raw_query_string: self.raw_query_string.clone(),
            cookies: self.cookies.clone(),
            headers: self.headers.clone(),
            query: self.query.clone(),
            path_parameters: self.path_parameters.clone(),
            stage_variables: self.stage_variables.clone(),
            identity_source: self.identity_source.clone(),
            request_context: self.request_context.clone(),
            mode: PhantomData,
        }
    }
}

/// Equal when every field of the event is: the response mode is the type's.
impl<M: ResponseMode> PartialEq for HttpV2Request<M> {
    fn eq(&self, other: &Self) -> bool {
        let Self {
            route_arn,
            route_key,
            raw_path,
            raw_query_string,
            cookies,
            headers,
            query,
            path_parameters,
            stage_variables,
            identity_source,
            request_context,
            mode: _,
        } = self;
        *route_arn == other.route_arn
            && *route_key == other.route_key
            && *raw_path == other.raw_path
            && *raw_query_string == other.raw_query_string
            && *cookies == other.cookies
            && *headers == other.headers
            && *query == other.query
            && *path_parameters == other.path_parameters
            && *stage_variables == other.stage_variables
            && *identity_source == other.identity_source
            && *request_context == other.request_context
    }
}

impl<M: ResponseMode> Eq for HttpV2Request<M> {}

impl<M: ResponseMode> fmt::Debug for HttpV2Request<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpV2Request")
            .field("route_arn", &self.route_arn)
            .field("route_key", &self.route_key)
            .field("raw_path", &MaskedPath(&self.raw_path))
            .field("headers", &self.headers)
            .field("query", &self.query)
            .field("cookies", &self.cookies.len())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EVENT: &str = r#"{"version": "2.0", "type": "REQUEST",
      "routeArn": "arn:aws:execute-api:us-east-1:123456789012:abcdef123/test/GET/request",
      "identitySource": ["user1", "s3cret-identity"], "routeKey": "$default", "rawPath": "/my/path",
      "rawQueryString": "parameter1=value1&parameter1=value2&parameter2=value",
      "cookies": ["session=s3cret-cookie", "theme=dark"],
      "headers": {"header1": "value1", "authorization": "Bearer s3cret-token"},
      "queryStringParameters": {"parameter1": "value1,value2", "parameter2": "value"},
      "requestContext": {"accountId": "123456789012", "apiId": "api-id", "domainName": "id.execute-api.us-east-1.amazonaws.com",
        "domainPrefix": "id", "http": {"method": "POST", "path": "/my/path", "protocol": "HTTP/1.1", "sourceIp": "203.0.113.9", "userAgent": "agent"},
        "requestId": "id", "routeKey": "$default", "stage": "$default", "time": "12/Mar/2020:19:03:58 +0000", "timeEpoch": 1583348638390},
      "pathParameters": {"parameter1": "value1"}, "stageVariables": {"stageVariable1": "value1"}}"#;

    #[test]
    fn accessors() {
        let r: HttpV2Request = HttpV2Request::from_event(EVENT.as_bytes()).unwrap();
        assert_eq!(r.route_arn().path(), "/request");
        assert_eq!((r.route_key(), r.raw_path()), ("$default", "/my/path"));
        assert_eq!(r.header("Header1"), Some("value1"));
        assert_eq!(r.bearer_token(), Some("s3cret-token"));
        assert_eq!(r.cookie("session"), Some("s3cret-cookie"));
        assert_eq!(r.cookie("missing"), None);
        assert_eq!(r.query_param("parameter1"), Some("value1,value2"));
        assert_eq!(r.identity_source(), Some(&["user1".to_owned(), "s3cret-identity".to_owned()][..]));
        assert_eq!((r.http_method(), r.source_ip()), ("POST", Some("203.0.113.9")));
        assert_eq!(r.path_parameter("parameter1"), Some("value1"));
        assert_eq!(r.stage_variable("stageVariable1"), Some("value1"));
        let mut secrets = Vec::new();
        r.for_each_secret(&mut |s| secrets.push(s.to_owned()));
        r.for_each_word_secret(&mut |s| secrets.push(s.to_owned()));
        for secret in ["Bearer s3cret-token", "s3cret-cookie", "s3cret-identity"] {
            assert!(secrets.iter().any(|s| s == secret), "{secret}: {secrets:?}");
        }
        let shown = format!("{r:?}");
        assert!(!shown.contains("s3cret") && !shown.contains("my/path"), "{shown}");
        assert!(shown.contains(r#"raw_path: "/…/…""#), "{shown}");
    }

    #[test]
    fn cookies_custom_headers_and_query_values_are_masked() {
        let event =
            EVENT.replace(r#""header1": "value1","#, r#""X-Auth-Token": "s3cret-custom", "user-agent": "curl/8.1","#);
        let r: HttpV2Request = HttpV2Request::from_event(event.as_bytes()).unwrap();
        let secrets = crate::request::Secrets::of(&r);
        assert_eq!(
            secrets.mask("cookie s3cret-cookie, theme=dark; query value1,value2; custom s3cret-custom; agent curl/8.1"),
            "cookie [redacted], [redacted]; query [redacted]; custom [redacted]; agent curl/8.1"
        );
    }

    #[test]
    fn optional_parts_and_other_kinds() {
        let bare = EVENT
            .replace(r#""identitySource": ["user1", "s3cret-identity"],"#, "")
            .replace(r#""cookies": ["session=s3cret-cookie", "theme=dark"],"#, "");
        let r: HttpV2Request<IamPolicy> = HttpV2Request::from_event(bare.as_bytes()).unwrap();
        assert_eq!(r.identity_source(), None);
        assert!(r.cookies().is_empty());
        for (event, needle) in [
            (EVENT.replace(r#""version": "2.0","#, r#""version": "1.0","#), "not `2.0`"),
            (EVENT.replace(r#""version": "2.0","#, ""), "`version` is missing"),
            (EVENT.replace("routeArn", "methodArn"), "`routeArn` is missing"),
            (EVENT.replace(r#""version": "2.0","#, r#""version": null,"#), "not `2.0`"),
            (EVENT.replace(r#""version": "2.0","#, r#""version": "2.0", "version": "2.0","#), "a key appears twice"),
            (
                EVENT.replace(r#""headers": {"#, r#""headers": {"authorization": "a", "authorization": "b", "#),
                "a key appears twice",
            ),
        ] {
            let err = HttpV2Request::<SimpleResponse>::from_event(event.as_bytes()).unwrap_err().to_string();
            assert!(err.contains(needle), "{err}");
        }
    }
}
