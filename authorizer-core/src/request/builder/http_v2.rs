//! [`HttpV2RequestBuilder`]: an HTTP API payload 2.0 event built in code.

use std::fmt;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;
use serde_json::Value;

use super::common::{Common, common_setters, context_json, overlay, path_parameter_setter, set};
use super::pairs::Grouped;
use crate::{EventError, HttpRequestContext, HttpV2Request, MethodArn, ResponseMode, SimpleResponse};

/// An HTTP API authorizer event in payload format 2.0, built in code.
///
/// The route key is `$default` unless set, the raw path and the HTTP method are the route
/// ARN's, the raw query string is the query parameters given (percent-encoded), and the
/// request context holds the ARN's account, API id and stage. As HTTP APIs send them, a
/// header or query parameter given twice has its values joined with commas. Header names
/// are written as given: API Gateway sends them in lower case.
///
/// [`build`](Self::build) gives an `HttpV2Request` answered with a simple response;
/// [`build_as`](Self::build_as)`::<IamPolicy>()` one answered with an IAM policy (the event
/// is the same).
///
/// ```
/// use authorizer_core::prelude::*;
/// use authorizer_core::testing;
///
/// fn authorize(request: HttpV2Request) -> Result<Decision, Error> {
///     match (request.cookie("session"), request.route_key()) {
///         (Some("s-42"), "GET /pets/{id}") => Ok(Decision::allow("user-42").route(Route::get("/pets/*"))),
///         (Some(_), _) => Ok(Decision::deny("someone")),
///         (None, _) => Err(Unauthorized.into()),
///     }
/// }
///
/// let arn = "arn:aws:execute-api:us-east-1:123456789012:abc123/$default/GET/pets/42";
/// let builder = HttpV2Request::builder(arn).route_key("GET /pets/{id}").cookie("session=s-42");
/// let request = builder.build().unwrap();
/// assert_eq!((request.raw_path(), request.http_method()), ("/pets/42", "GET"));
/// assert_eq!(testing::invoke(authorize, builder).status(), 200);
/// assert_eq!(testing::invoke(authorize, HttpV2Request::builder(arn).cookie("session=other")).status(), 403);
/// assert!(authorize(HttpV2Request::builder(arn).build().unwrap()).unwrap_err().is_unauthorized());
/// ```
#[derive(Clone)]
pub struct HttpV2RequestBuilder {
    common: Common,
    route_key: Option<String>,
    raw_path: Option<String>,
    raw_query_string: Option<String>,
    cookies: Vec<String>,
    http_method: Option<String>,
    identity_source: Option<Vec<String>>,
    context: Option<HttpRequestContext>,
}

impl HttpV2Request {
    /// A builder of a payload 2.0 event for `route_arn`, for tests: see
    /// [`HttpV2RequestBuilder`]. A bad ARN is refused by `build`.
    #[must_use]
    pub fn builder(route_arn: impl Into<String>) -> HttpV2RequestBuilder {
        HttpV2RequestBuilder {
            common: Common::new(route_arn),
            route_key: None,
            raw_path: None,
            raw_query_string: None,
            cookies: Vec::new(),
            http_method: None,
            identity_source: None,
            context: None,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Event<'a> {
    version: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    route_arn: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    identity_source: Option<&'a [String]>,
    route_key: &'a str,
    raw_path: &'a str,
    raw_query_string: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    cookies: &'a [String],
    headers: Grouped<'a>,
    query_string_parameters: Grouped<'a>,
    request_context: Value,
    path_parameters: Grouped<'a>,
    stage_variables: Grouped<'a>,
}

impl HttpV2RequestBuilder {
    common_setters!(common, "authorization");
    path_parameter_setter!(common);

    /// Sets the route key, e.g. `GET /pets/{id}` (by default `$default`), at the top of the
    /// event and in the request context.
    #[must_use]
    pub fn route_key(mut self, route_key: impl Into<String>) -> Self {
        self.route_key = Some(route_key.into());
        self
    }

    /// Sets the request path (by default, the route ARN's), at the top of the event and in
    /// the request context (`http.path`).
    #[must_use]
    pub fn raw_path(mut self, path: impl Into<String>) -> Self {
        self.raw_path = Some(path.into());
        self
    }

    /// Sets the query string, without `?` (by default, the query parameters given).
    #[must_use]
    pub fn raw_query_string(mut self, query: impl Into<String>) -> Self {
        self.raw_query_string = Some(query.into());
        self
    }

    /// Adds a cookie, `name=value` as the client sent it.
    #[must_use]
    pub fn cookie(mut self, cookie: impl Into<String>) -> Self {
        self.cookies.push(cookie.into());
        self
    }

    /// Sets the HTTP method (`requestContext.http.method`; by default the route ARN's verb).
    #[must_use]
    pub fn http_method(mut self, method: impl Into<String>) -> Self {
        self.http_method = Some(method.into());
        self
    }

    /// Sets the values of the authorizer's identity sources, in order. Without it the event
    /// has none, as for an authorizer without identity sources.
    #[must_use]
    pub fn identity_source<I>(mut self, values: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        self.identity_source = Some(values.into_iter().map(Into::into).collect());
        self
    }

    /// Sets the whole request context. Without it, the context holds the route ARN's
    /// account, API id and stage, the route key, and the request's method and path; the
    /// values set with the other methods go into either.
    #[must_use]
    pub fn request_context(mut self, context: HttpRequestContext) -> Self {
        self.context = Some(context);
        self
    }

    /// The request, for an authorizer answering with `M`
    /// ([`SimpleResponse`] or [`IamPolicy`](crate::IamPolicy)).
    ///
    /// # Errors
    ///
    /// As [`build`](Self::build).
    pub fn build_as<M: ResponseMode>(&self) -> Result<HttpV2Request<M>, EventError> {
        <HttpV2Request<M> as crate::AuthorizerRequest>::from_event(self.json().as_bytes())
    }

    fn json(&self) -> String {
        let arn = MethodArn::parse(self.common.arn.as_str()).ok();
        let route_key = self.route_key.as_deref().unwrap_or("$default");
        let raw_path =
            self.raw_path.clone().unwrap_or_else(|| arn.as_ref().map(|a| a.path().to_owned()).unwrap_or_default());
        let raw_query_string = self.raw_query_string.clone().unwrap_or_else(|| self.encoded_query());
        let http_method =
            self.http_method.clone().unwrap_or_else(|| arn.as_ref().map(|a| a.verb().to_owned()).unwrap_or_default());
        let mut context = match &self.context {
            Some(context) => context_json(context),
            None => {
                let mut context = Value::Object(serde_json::Map::new());
                if let Some(arn) = &arn {
                    set(&mut context, &["accountId"], arn.account());
                    set(&mut context, &["apiId"], arn.api_id());
                    set(&mut context, &["stage"], arn.stage());
                }
                set(&mut context, &["routeKey"], route_key);
                set(&mut context, &["http", "method"], &http_method);
                set(&mut context, &["http", "path"], &raw_path);
                context
            }
        };
        overlay(
            &mut context,
            &[
                (&["routeKey"][..], self.route_key.as_deref()),
                (&["http", "method"], self.http_method.as_deref()),
                (&["http", "path"], self.raw_path.as_deref()),
                (&["http", "sourceIp"], self.common.source_ip.as_deref()),
            ],
        );
        super::to_json(&Event {
            version: "2.0",
            kind: "REQUEST",
            route_arn: &self.common.arn,
            identity_source: self.identity_source.as_deref(),
            route_key,
            raw_path: &raw_path,
            raw_query_string: &raw_query_string,
            cookies: &self.cookies,
            headers: self.common.headers.joined(),
            query_string_parameters: self.common.query.joined(),
            request_context: context,
            path_parameters: self.common.path_parameters.last(),
            stage_variables: self.common.stage_variables.last(),
        })
    }

    /// The query parameters as a query string, each name and value percent-encoded.
    fn encoded_query(&self) -> String {
        let mut query = String::new();
        for (name, value) in self.common.query.iter() {
            if !query.is_empty() {
                query.push('&');
            }
            percent_encode(&mut query, name);
            query.push('=');
            percent_encode(&mut query, value);
        }
        query
    }
}

/// Every byte but the unreserved ones (RFC 3986 §2.3) is escaped.
const ESCAPED: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Appends `text` with every byte but the unreserved ones as `%XX`.
fn percent_encode(out: &mut String, text: &str) {
    out.extend(utf8_percent_encode(text, ESCAPED));
}

super::event_methods!(HttpV2RequestBuilder => HttpV2Request<SimpleResponse>);

impl fmt::Debug for HttpV2RequestBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpV2RequestBuilder")
            .field("route_arn", &self.common.arn)
            .field("route_key", &self.route_key)
            .field("headers", &self.common.headers)
            .field("query", &self.common.query)
            .field("cookies", &self.cookies.len())
            .finish_non_exhaustive()
    }
}
