//! The events the benchmarks send: a REST `TOKEN` event, a REST `REQUEST` event with the
//! headers a browser behind CloudFront sends (about 2.8 KB), and an HTTP API payload 2.0 event.

use serde_json::{Map, Value, json};

/// The `methodArn` of the REST events: the AWS sample's, for `GET /pets/{id}` on stage `prod`.
pub const METHOD_ARN: &str = "arn:aws:execute-api:us-west-2:123456789012:ymy8tbxw7b/prod/GET/pets/42";

/// The `routeArn` of the HTTP API event.
pub const ROUTE_ARN: &str = "arn:aws:execute-api:us-west-2:123456789012:k3t8bxw7q1/prod/GET/pets/42";

/// The bearer token the REQUEST and HTTP API authorizers allow: a JWT-sized opaque string.
pub const BEARER_TOKEN: &str = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyIiwic2NvcGUiOiJwZXRzOnJlYWQifQ.c2lnbmF0dXJlLXNpZw";

/// A REST API `TOKEN` event with this token, as in the AWS documentation.
#[must_use]
pub fn token(token: &str) -> Vec<u8> {
    json!({"type": "TOKEN", "authorizationToken": token, "methodArn": METHOD_ARN}).to_string().into_bytes()
}

/// What a desktop browser sends through CloudFront to an API: 20 headers, `Authorization`
/// among them. REST APIs pass names in the client's case.
fn browser_headers() -> Vec<(&'static str, String)> {
    vec![
        ("Accept", "application/json, text/plain, */*".into()),
        ("Accept-Encoding", "gzip, deflate, br, zstd".into()),
        ("Accept-Language", "en-GB,en-US;q=0.9,en;q=0.8".into()),
        ("Authorization", format!("Bearer {BEARER_TOKEN}")),
        ("CloudFront-Forwarded-Proto", "https".into()),
        ("CloudFront-Is-Desktop-Viewer", "true".into()),
        ("CloudFront-Is-Mobile-Viewer", "false".into()),
        ("CloudFront-Is-SmartTV-Viewer", "false".into()),
        ("CloudFront-Is-Tablet-Viewer", "false".into()),
        ("CloudFront-Viewer-ASN", "2856".into()),
        ("CloudFront-Viewer-Country", "GB".into()),
        ("Host", "ymy8tbxw7b.execute-api.us-west-2.amazonaws.com".into()),
        ("Referer", "https://app.example.com/pets/42".into()),
        (
            "User-Agent",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) \
             Chrome/124.0.0.0 Safari/537.36"
                .into(),
        ),
        ("Via", "2.0 5b1e6e2b0b8d3f1c8a7e4d2f9c0b1a3e.cloudfront.net (CloudFront)".into()),
        ("X-Amz-Cf-Id", "o3Hc2xT9pLqW4nV8bYk1mZr6sDj0aFe5gUi7hOw2KcNt3vQx9yBlPA==".into()),
        ("X-Amzn-Trace-Id", "Root=1-66f1c2d3-5f0e7a9b1c3d5e7f9a1b3c5d".into()),
        ("X-Forwarded-For", "203.0.113.42, 130.176.98.71".into()),
        ("X-Forwarded-Port", "443".into()),
        ("X-Forwarded-Proto", "https".into()),
    ]
}

/// A REST API `REQUEST` event for `GET /pets/42?include=owner`, with [`browser_headers`]
/// (each in `headers` and in `multiValueHeaders`, as REST sends them).
#[must_use]
pub fn rest_request() -> Vec<u8> {
    let headers = browser_headers();
    let single: Map<String, Value> = headers.iter().map(|(k, v)| ((*k).to_owned(), json!(v))).collect();
    let multi: Map<String, Value> = headers.iter().map(|(k, v)| ((*k).to_owned(), json!([v]))).collect();
    json!({
        "type": "REQUEST",
        "methodArn": METHOD_ARN,
        "resource": "/pets/{id}",
        "path": "/pets/42",
        "httpMethod": "GET",
        "headers": single,
        "multiValueHeaders": multi,
        "queryStringParameters": {"include": "owner"},
        "multiValueQueryStringParameters": {"include": ["owner"]},
        "pathParameters": {"id": "42"},
        "stageVariables": {"environment": "prod"},
        "requestContext": {
            "path": "/prod/pets/42",
            "accountId": "123456789012",
            "resourceId": "x1y2z3",
            "stage": "prod",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
            "identity": {"apiKey": null, "sourceIp": "203.0.113.42"},
            "resourcePath": "/pets/{id}",
            "httpMethod": "GET",
            "apiId": "ymy8tbxw7b"
        }
    })
    .to_string()
    .into_bytes()
}

/// An HTTP API payload 2.0 `REQUEST` event for the same call, with the same headers (HTTP
/// APIs pass names in lower case, in one map) and a cookie.
#[must_use]
pub fn http_v2() -> Vec<u8> {
    let headers: Map<String, Value> = browser_headers()
        .into_iter()
        .filter(|(k, _)| !k.starts_with("CloudFront") && *k != "Via" && *k != "X-Amz-Cf-Id")
        .map(|(k, v)| (k.to_ascii_lowercase(), json!(v)))
        .collect();
    json!({
        "version": "2.0",
        "type": "REQUEST",
        "routeArn": ROUTE_ARN,
        "identitySource": [format!("Bearer {BEARER_TOKEN}")],
        "routeKey": "GET /pets/{id}",
        "rawPath": "/prod/pets/42",
        "rawQueryString": "include=owner",
        "cookies": ["session=8d7f6e5c4b3a2910", "theme=dark"],
        "headers": headers,
        "queryStringParameters": {"include": "owner"},
        "requestContext": {
            "accountId": "123456789012",
            "apiId": "k3t8bxw7q1",
            "domainName": "k3t8bxw7q1.execute-api.us-west-2.amazonaws.com",
            "domainPrefix": "k3t8bxw7q1",
            "http": {
                "method": "GET",
                "path": "/prod/pets/42",
                "protocol": "HTTP/1.1",
                "sourceIp": "203.0.113.42",
                "userAgent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36"
            },
            "requestId": "YdP3VhH8IAMEVlg=",
            "routeKey": "GET /pets/{id}",
            "stage": "prod",
            "time": "10/Jun/2024:09:15:27 +0000",
            "timeEpoch": 1_718_010_927_123_u64
        },
        "pathParameters": {"id": "42"},
        "stageVariables": {"environment": "prod"}
    })
    .to_string()
    .into_bytes()
}
