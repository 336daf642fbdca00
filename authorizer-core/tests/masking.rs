//! Credentials of REQUEST events never reach the posted error, whatever the user's error
//! quotes, and `Debug` of what a test sees never shows them.

use authorizer_core::prelude::*;
use authorizer_core::testing;
use serde_json::{Value, json};

const COOKIE_VALUE: &str = "s3cret-session-id";
const API_KEY_HEADER: &str = "s3cret-header-api-key";
const IDENTITY_API_KEY: &str = "s3cret-identity-api-key";
const CUSTOM_HEADER: &str = "s3cret-custom-auth";
const QUERY_TOKEN: &str = "s3cret-query-token";

fn rest_event() -> Value {
    json!({
        "type": "REQUEST",
        "methodArn": "arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets",
        "resource": "/pets", "path": "/pets", "httpMethod": "GET",
        "headers": {
            "Cookie": format!("theme=dark; session={COOKIE_VALUE}"),
            "X-Api-Key": API_KEY_HEADER,
            "X-Auth-Token": CUSTOM_HEADER,
        },
        "queryStringParameters": {"token": QUERY_TOKEN},
        "multiValueQueryStringParameters": {"token": [QUERY_TOKEN]},
        "requestContext": {"identity": {"apiKey": IDENTITY_API_KEY, "sourceIp": "203.0.113.7"}},
    })
}

/// An error quoting every credential the event carries, each alone and among other text.
fn quote_all(header: impl Fn(&str) -> Option<String>, query: Option<&str>, api_key: Option<&str>) -> Error {
    let cookie = header("cookie").unwrap_or_default();
    let session = cookie.rsplit_once('=').map(|(_, v)| v.to_owned()).unwrap_or_default();
    Error::failure(format!(
        "unknown session {session} (cookie {cookie}); key {:?}; identity key {api_key:?}; custom {:?}; query {query:?}",
        header("x-api-key"),
        header("x-auth-token"),
    ))
}

fn assert_masked(message: &str) {
    for secret in [COOKIE_VALUE, API_KEY_HEADER, IDENTITY_API_KEY, CUSTOM_HEADER, QUERY_TOKEN] {
        assert!(!message.contains(secret), "{secret} in {message}");
    }
    assert!(message.contains("[redacted]"), "{message}");
}

#[test]
fn rest_request_credentials_never_reach_the_posted_error() {
    let leaky = |r: RestRequest| -> Result<Decision, Error> {
        let api_key = r.request_context().identity.as_ref().and_then(|i| i.api_key.clone());
        Err(quote_all(|n| r.header(n).map(str::to_owned), r.query_param("token"), api_key.as_deref()))
    };
    let invocation = testing::invoke(leaky, rest_event());
    assert_eq!(invocation.status(), 500);
    assert_masked(&invocation.error().unwrap().error_message);
}

#[test]
fn http_v1_request_credentials_never_reach_the_posted_error() {
    let leaky = |r: HttpV1Request| -> Result<Decision, Error> {
        let api_key = r.request_context().identity.as_ref().and_then(|i| i.api_key.clone());
        Err(quote_all(|n| r.header(n).map(str::to_owned), r.query_param("token"), api_key.as_deref()))
    };
    let mut event = rest_event();
    event["version"] = json!("1.0");
    let invocation = testing::invoke(leaky, event);
    assert_masked(&invocation.error().unwrap().error_message);
}

#[test]
fn websocket_request_credentials_never_reach_the_posted_error() {
    let leaky = |r: WebSocketRequest| -> Result<Decision, Error> {
        let protocol = r.header("sec-websocket-protocol").unwrap_or_default().to_owned();
        // Without `queryStringParameters`, the first of `multiValueQueryStringParameters`.
        let first = r.query_param("token").unwrap_or_default().to_owned();
        let e = quote_all(|n| r.header(n).map(str::to_owned), Some(&first), None);
        Err(Error::failure(format!("{e}; protocol {protocol}")))
    };
    let event = json!({
        "type": "REQUEST",
        "methodArn": "arn:aws:execute-api:us-east-1:123456789012:abc/prod/$connect",
        "headers": {
            "Cookie": format!("theme=dark; session={COOKIE_VALUE}"),
            "X-Api-Key": API_KEY_HEADER,
            "X-Auth-Token": CUSTOM_HEADER,
            "Sec-WebSocket-Protocol": "graphql-ws, s3cret-protocol-token",
        },
        "multiValueQueryStringParameters": {"token": [QUERY_TOKEN, "s3cret-second-value"]},
        "requestContext": {"routeKey": "$connect", "eventType": "CONNECT", "connectedAt": 1, "requestTimeEpoch": 1,
            "identity": {"sourceIp": "203.0.113.7"}},
    });
    let message = testing::invoke(leaky, event).error().unwrap().error_message.clone();
    for secret in [COOKIE_VALUE, API_KEY_HEADER, CUSTOM_HEADER, QUERY_TOKEN, "s3cret-protocol-token"] {
        assert!(!message.contains(secret), "{secret} in {message}");
    }
}

#[test]
fn invocation_debug_hides_the_usage_identifier_key_and_context_values() {
    #[derive(Context)]
    struct Tenant {
        tenant: &'static str,
    }
    let authorize = |_: TokenRequest| -> Result<Decision<Tenant>, Error> {
        Ok(Decision::allow_all("user").usage_identifier_key("s3cret-usage-key").context(Tenant { tenant: "t-secret" }))
    };
    let event = json!({"type": "TOKEN", "authorizationToken": "t", "methodArn": "arn:aws:execute-api:r:1:a/s/GET/"});
    let invocation = testing::invoke(authorize, event);
    assert_eq!(invocation.response().unwrap()["usageIdentifierKey"], "s3cret-usage-key");
    let shown = format!("{invocation:?}");
    assert!(!shown.contains("s3cret-usage-key") && !shown.contains("t-secret"), "{shown}");
    assert!(
        shown.contains("usageIdentifierKey") && shown.contains("tenant") && shown.contains("principalId"),
        "{shown}"
    );
    assert!(shown.contains("status: 200"), "{shown}");
}
