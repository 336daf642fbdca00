//! The `aws-docs-http-iam` binary, driven over the Lambda Runtime API with the published
//! HTTP API payload 2.0 events: the sample's IAM policies, byte for byte.

mod common;

use common::{Running, assert_failure, assert_http_policy, assert_not_logged, evaluate, fixture, level};
use serde_json::{Value, json};

const PROGRAM: &str = env!("CARGO_BIN_EXE_aws-docs-http-iam");

/// The published payload 2.0 events; all have the same `routeArn`.
const EVENTS: [&str; 4] = [
    "http-api-v2-request.json",
    "http-api-v2-request-without-cookies.json",
    "http-api-v2-request-without-identity-source.json",
    "http-api-v2-request-powertools.json",
];

/// The sample's policy for `route_arn`, as it goes on the wire.
fn wire(effect: &str, route_arn: &str) -> String {
    format!(
        r#"{{"principalId":"abcdef","policyDocument":{{"Version":"2012-10-17","Statement":[{{"Action":"execute-api:Invoke","Effect":"{effect}","Resource":"{route_arn}"}}]}},"context":{{"stringKey":"value","numberKey":1,"booleanKey":true,"arrayKey":["value1","value2"],"mapKey":{{"value1":"value2"}}}}}}"#
    )
}

/// `event` with its authorization header (whatever its case) replaced by `name: value`.
fn with_authorization(mut event: Value, name: &str, value: &str) -> Value {
    let headers = event["headers"].as_object_mut().unwrap();
    headers.retain(|k, _| !k.eq_ignore_ascii_case("authorization"));
    headers.insert(name.to_owned(), json!(value));
    event
}

/// Checks `running` answers `event` with exactly the sample's `effect` policy for its
/// `routeArn`, and that API Gateway would answer `status` to it.
#[track_caller]
fn assert_policy(running: &Running, event: &Value, effect: &str, status: u16, what: &str) {
    let route_arn = event["routeArn"].as_str().unwrap();
    let invocation = running.invoke(event);
    let response = assert_http_policy(&invocation);
    assert_eq!(invocation.body_text(), wire(effect, route_arn), "{what}");
    assert_eq!(evaluate(&response, route_arn), status, "{what}");
}

#[test]
fn the_published_event_is_denied_and_the_secret_token_allowed_with_the_derived_policies() {
    let running = Running::start(PROGRAM, |f| f);
    let published = fixture("http-api-v2-request.json");
    let denied = running.invoke(&published);
    assert_eq!(assert_http_policy(&denied), fixture("http-api-v2-iam-sample-deny-response.json"));
    let lines = running.log_lines(&denied);
    assert!(
        lines.iter().any(|l| level(l) == "INFO" && l.contains("denied (403") && l.contains("missing or wrong")),
        "{lines:#?}"
    );
    let event = with_authorization(published, "authorization", "secretToken");
    let allowed = running.invoke(&event);
    assert_eq!(assert_http_policy(&allowed), fixture("http-api-v2-iam-sample-allow-response.json"));
}

#[test]
fn every_published_shape_gets_the_policy_for_its_route() {
    let running = Running::start(PROGRAM, |f| f);
    for name in EVENTS {
        // Powertools' event has `Authorization: value`: denied like the others.
        assert_policy(&running, &fixture(name), "Deny", 403, name);
        let event = with_authorization(fixture(name), "authorization", "secretToken");
        assert_policy(&running, &event, "Allow", 200, name);
    }
    // The Resource is the event's own routeArn, whatever it is.
    for route in ["$default/POST/pets", "prod/GET/", "test/DELETE/pets/7/toys"] {
        let mut event = with_authorization(fixture("http-api-v2-request.json"), "authorization", "secretToken");
        event["routeArn"] = json!(format!("arn:aws:execute-api:eu-west-1:210987654321:xyz789/{route}"));
        assert_policy(&running, &event, "Allow", 200, route);
    }
}

#[test]
fn header_case_values_and_optional_fields() {
    let mut running = Running::start(PROGRAM, |f| f);
    for name in ["authorization", "Authorization", "AUTHORIZATION"] {
        let event = with_authorization(fixture("http-api-v2-request-powertools.json"), name, "secretToken");
        assert_policy(&running, &event, "Allow", 200, name);
    }
    for value in ["secrettoken", "Bearer secretToken", " secretToken", "", "secretToken,secretToken"] {
        let event = with_authorization(fixture("http-api-v2-request.json"), "authorization", value);
        assert_policy(&running, &event, "Deny", 403, value);
    }
    for field in ["cookies", "identitySource", "queryStringParameters", "pathParameters", "stageVariables"] {
        let mut nulled = with_authorization(fixture("http-api-v2-request.json"), "authorization", "secretToken");
        nulled[field] = Value::Null;
        assert_policy(&running, &nulled, "Allow", 200, field);
    }
    let mut no_headers = fixture("http-api-v2-request.json");
    no_headers["headers"] = Value::Null;
    assert_policy(&running, &no_headers, "Deny", 403, "headers: null");
    let mut extra = with_authorization(fixture("http-api-v2-request.json"), "authorization", "secretToken");
    extra["someFutureField"] = json!([{"a": null}]);
    assert_policy(&running, &extra, "Allow", 200, "unknown fields");
    running.assert_still_serving(&fixture("http-api-v2-request.json"));
}

#[test]
fn a_wildcard_route_is_never_allowed() {
    let mut running = Running::start(PROGRAM, |f| f);
    let mut event = with_authorization(fixture("http-api-v2-request.json"), "authorization", "secretToken");
    event["routeArn"] = json!("arn:aws:execute-api:us-east-1:123456789012:abcdef123/test/GET/pets/*");
    assert_failure(&running.invoke(&event), "InvalidDecision");
    let denied = with_authorization(event, "authorization", "wrong");
    assert_policy(&running, &denied, "Deny", 403, "wildcard, denied");
    running.assert_still_serving(&fixture("http-api-v2-request.json"));
}

#[test]
fn other_events_are_invalid_event_errors() {
    let mut running = Running::start(PROGRAM, |f| f);
    let mut v1 = fixture("http-api-v2-request.json");
    v1["version"] = json!("1.0");
    let mut no_route_arn = fixture("http-api-v2-request.json");
    no_route_arn.as_object_mut().unwrap().remove("routeArn");
    let cases = [
        ("a REST TOKEN event", fixture("rest-token.json")),
        ("a REST REQUEST event", fixture("rest-request-docs.json")),
        ("an HTTP API payload 1.0 event", fixture("http-api-v1-request.json")),
        ("a WebSocket event", fixture("websocket-connect-request.json")),
        ("version 1.0", v1),
        ("no routeArn", no_route_arn),
    ];
    for (what, event) in cases {
        let message = assert_failure(&running.invoke(&event), "InvalidEvent");
        assert!(message.starts_with("not a valid HTTP API (payload 2.0) authorizer event"), "{what}: {message}");
    }
    running.assert_still_serving(&fixture("http-api-v2-request.json"));
}

#[test]
fn credentials_never_reach_the_logs() {
    let mut running = Running::start(PROGRAM, |f| f.env("AWS_LAMBDA_LOG_LEVEL", "TRACE"));
    let secret = "s3cr3t-Vb7Jc-header";
    let cookie = "s3cr3t-Pw4Ls-cookie";
    for value in [secret, "secretToken"] {
        let mut event = with_authorization(fixture("http-api-v2-request.json"), "authorization", value);
        event["cookies"] = json!([format!("session={cookie}")]);
        event["identitySource"] = json!([value]);
        assert_http_policy(&running.invoke(&event));
        // A decision that cannot be sent: its error names the route, not the credentials.
        event["routeArn"] = json!("arn:aws:execute-api:us-east-1:123456789012:abcdef123/test/GET/pets/*");
        let invocation = running.invoke(&event);
        if value == secret {
            assert_http_policy(&invocation);
        } else {
            assert_failure(&invocation, "InvalidDecision");
        }
    }
    assert_not_logged(&mut running, &[secret, "secretToken", cookie]);
}
