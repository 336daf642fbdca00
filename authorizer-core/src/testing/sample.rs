//! AWS's documented example event of each kind, as a builder to adjust and to invoke with.
//!
//! Each is the example of the API Gateway developer guide, its elided values (`...`)
//! included, and builds the request that decoding that example gives. The REST `REQUEST`
//! one also carries the `multiValueHeaders` and `multiValueQueryStringParameters` real REST
//! events have (the guide's example leaves them out); the `TOKEN` one has the stage `dev`
//! where the guide has `*`, which no API sends.
//!
//! ```
//! use authorizer_core::prelude::*;
//! use authorizer_core::testing::{self, sample};
//!
//! // The guide's REQUEST sample: allow iff the header, query and stage variable hold the
//! // expected values.
//! fn authorize(request: RestRequest) -> Result<Decision, Error> {
//!     let expected = request.header("headerauth1") == Some("headerValue1")
//!         && request.query_param("QueryString1") == Some("queryValue1")
//!         && request.stage_variable("StageVar1") == Some("stageValue1");
//!     if expected { Ok(Decision::allow_request("me")) } else { Err(Unauthorized.into()) }
//! }
//!
//! assert_eq!(testing::invoke(authorize, sample::rest_request()).status(), 200);
//! let other = sample::rest_request().header("HeaderAuth1", "other");
//! assert_eq!(testing::invoke(authorize, other).status(), 401);
//! ```

use serde_json::{Value, json};

use crate::builder::{
    HttpV1RequestBuilder, HttpV2RequestBuilder, RestRequestBuilder, TokenRequestBuilder, WebSocketRequestBuilder,
};
use crate::{HttpV1Request, HttpV2Request, RestRequest, TokenRequest, WebSocketRequest};

/// The fields of the guide's REST and payload 1.0 examples, set on `$builder`.
macro_rules! docs_rest_fields {
    ($builder:expr) => {
        docs_headers()
            .into_iter()
            .fold($builder, |request, (name, value)| request.header(name, value))
            .resource("/request")
            .path("/request")
            .http_method("GET")
            .query_param("QueryString1", "queryValue1")
            .stage_variable("StageVar1", "stageValue1")
            .request_context(context(docs_rest_context()))
    };
}

/// The method ARN of the guide's REQUEST, HTTP API and WebSocket examples' API.
const API: &str = "arn:aws:execute-api:us-east-1:123456789012:abcdef123";

/// The guide's `TOKEN` example ([authorizer input][input]): token `allow` for `GET /` of
/// stage `dev`.
///
/// ```
/// use authorizer_core::testing::sample;
///
/// let request = sample::token_request().build().unwrap();
/// assert_eq!(request.token(), "allow");
/// assert_eq!(request.method_arn().as_str(), "arn:aws:execute-api:us-west-2:123456789012:ymy8tbxw7b/dev/GET/");
/// ```
///
/// [input]: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-input.html
#[must_use]
pub fn token_request() -> TokenRequestBuilder {
    TokenRequest::builder("arn:aws:execute-api:us-west-2:123456789012:ymy8tbxw7b/dev/GET/").token("allow")
}

/// The guide's REST `REQUEST` example ([authorizer input][input]): `GET /request` of stage
/// `test`, with header `HeaderAuth1`, query parameter `QueryString1` and stage variable
/// `StageVar1`.
///
/// ```
/// use authorizer_core::testing::sample;
///
/// let request = sample::rest_request().build().unwrap();
/// assert_eq!(request.header("headerauth1"), Some("headerValue1"));
/// assert_eq!(request.query_values("QueryString1").collect::<Vec<_>>(), ["queryValue1"]);
/// assert_eq!(request.request_context().resource_id.as_deref(), Some("05c7jb"));
/// ```
///
/// [input]: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-input.html
#[must_use]
pub fn rest_request() -> RestRequestBuilder {
    docs_rest_fields!(RestRequest::builder(format!("{API}/test/GET/request")))
}

/// The HTTP API guide's payload 1.0 example ([HTTP API authorizers][http]): the REST
/// example's request, with identity values `user1` and `123`.
///
/// ```
/// use authorizer_core::testing::sample;
///
/// let request = sample::http_v1_request().build().unwrap();
/// assert_eq!(request.identity_source(), "user1,123");
/// assert_eq!(request.stage_variable("StageVar1"), Some("stageValue1"));
/// ```
///
/// [http]: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html
#[must_use]
pub fn http_v1_request() -> HttpV1RequestBuilder {
    docs_rest_fields!(HttpV1Request::builder(format!("{API}/test/GET/request")).identity_source(["user1", "123"]))
}

/// The HTTP API guide's payload 2.0 example ([HTTP API authorizers][http]): route key
/// `$default`, a `POST` to `/my/path` with two cookies, two headers, a repeated query
/// parameter, and identity values `user1` and `123`.
///
/// ```
/// use authorizer_core::testing::sample;
///
/// let request = sample::http_v2_request().build().unwrap();
/// assert_eq!(request.query_param("parameter1"), Some("value1,value2"));
/// assert_eq!((request.http_method(), request.raw_path()), ("POST", "/my/path"));
/// assert_eq!(request.cookies(), ["cookie1", "cookie2"]);
/// ```
///
/// [http]: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html
#[must_use]
pub fn http_v2_request() -> HttpV2RequestBuilder {
    HttpV2Request::builder(format!("{API}/test/GET/request"))
        .identity_source(["user1", "123"])
        .route_key("$default")
        .raw_path("/my/path")
        .query_param("parameter1", "value1")
        .query_param("parameter1", "value2")
        .query_param("parameter2", "value")
        .cookie("cookie1")
        .cookie("cookie2")
        .header("Header1", "value1")
        .header("Header2", "value2")
        .path_parameter("parameter1", "value1")
        .stage_variable("stageVariable1", "value1")
        .stage_variable("stageVariable2", "value2")
        .request_context(context(json!({
            "accountId": "123456789012",
            "apiId": "api-id",
            "authentication": {"clientCert": client_cert()},
            "domainName": "id.execute-api.us-east-1.amazonaws.com",
            "domainPrefix": "id",
            "http": {"method": "POST", "path": "/my/path", "protocol": "HTTP/1.1", "sourceIp": "IP", "userAgent": "agent"},
            "requestId": "id",
            "routeKey": "$default",
            "stage": "$default",
            "time": "12/Mar/2020:19:03:58 +0000",
            "timeEpoch": 1_583_348_638_390_i64
        })))
}

/// The WebSocket guide's `$connect` example ([WebSocket authorizers][ws]): header
/// `HeaderAuth1` and query parameter `QueryString1`, stage `default`.
///
/// ```
/// use authorizer_core::testing::sample;
///
/// let request = sample::websocket_request().build().unwrap();
/// assert_eq!(request.route_key(), "$connect");
/// assert_eq!(request.header("Sec-WebSocket-Version"), Some("13"));
/// assert_eq!(request.request_context().event_type.as_deref(), Some("CONNECT"));
/// ```
///
/// [ws]: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-lambda-auth.html
#[must_use]
pub fn websocket_request() -> WebSocketRequestBuilder {
    let headers = [
        ("Connection", "upgrade"),
        ("content-length", "0"),
        ("HeaderAuth1", "headerValue1"),
        ("Host", "abcdef123.execute-api.us-east-1.amazonaws.com"),
        ("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits"),
        ("Sec-WebSocket-Key", "..."),
        ("Sec-WebSocket-Version", "13"),
        ("Upgrade", "websocket"),
        ("X-Amzn-Trace-Id", "..."),
        ("X-Forwarded-For", "..."),
        ("X-Forwarded-Port", "443"),
        ("X-Forwarded-Proto", "https"),
    ];
    let request = WebSocketRequest::builder(format!("{API}/default/$connect"));
    let request = headers.into_iter().fold(request, |r, (name, value)| r.header(name, value));
    request.query_param("QueryString1", "queryValue1").request_context(context(json!({
        "routeKey": "$connect",
        "eventType": "CONNECT",
        "extendedRequestId": "...",
        "requestTime": "19/Jan/2023:21:13:26 +0000",
        "messageDirection": "IN",
        "stage": "default",
        "connectedAt": 1_674_162_806_344_i64,
        "requestTimeEpoch": 1_674_162_806_345_i64,
        "identity": {"sourceIp": "..."},
        "requestId": "...",
        "domainName": "abcdef123.execute-api.us-east-1.amazonaws.com",
        "connectionId": "...",
        "apiId": "abcdef123"
    })))
}

/// The headers of the guide's REST and payload 1.0 examples.
fn docs_headers() -> [(&'static str, &'static str); 8] {
    [
        ("X-AMZ-Date", "20170718T062915Z"),
        ("Accept", "*/*"),
        ("HeaderAuth1", "headerValue1"),
        ("CloudFront-Viewer-Country", "US"),
        ("CloudFront-Forwarded-Proto", "https"),
        ("CloudFront-Is-Tablet-Viewer", "false"),
        ("CloudFront-Is-Mobile-Viewer", "false"),
        ("User-Agent", "..."),
    ]
}

/// The request context of the guide's REST and payload 1.0 examples.
fn docs_rest_context() -> Value {
    json!({
        "path": "/request",
        "accountId": "123456789012",
        "resourceId": "05c7jb",
        "stage": "test",
        "requestId": "...",
        "identity": {"apiKey": "...", "sourceIp": "...", "clientCert": client_cert()},
        "resourcePath": "/request",
        "httpMethod": "GET",
        "apiId": "abcdef123"
    })
}

/// The mTLS client certificate of the guide's examples.
fn client_cert() -> Value {
    json!({
        "clientCertPem": "CERT_CONTENT",
        "subjectDN": "www.example.com",
        "issuerDN": "Example issuer",
        "serialNumber": "a1:a1:a1:a1:a1:a1:a1:a1:a1:a1:a1:a1:a1:a1:a1:a1",
        "validity": {"notBefore": "May 28 12:30:02 2019 GMT", "notAfter": "Aug  5 09:36:04 2021 GMT"}
    })
}

/// A request context of one of `aws_lambda_events`' types, from its JSON.
fn context<T: serde::de::DeserializeOwned>(json: Value) -> T {
    serde_json::from_value(json).expect("the guide's request contexts decode")
}
