//! The `aws-docs-http-simple` binary, driven over the Lambda Runtime API with the published
//! HTTP API payload 2.0 events: the sample's simple responses, byte for byte.

mod common;

use common::{Running, assert_failure, assert_not_logged, assert_simple_response, fixture, level};
use serde_json::{Value, json};

const PROGRAM: &str = env!("CARGO_BIN_EXE_aws-docs-http-simple");

/// The sample's responses, as they go on the wire.
const AUTHORIZED: &str = r#"{"isAuthorized":true,"context":{"stringKey":"value","numberKey":1,"booleanKey":true,"arrayKey":["value1","value2"],"mapKey":{"value1":"value2"}}}"#;
const REFUSED: &str = r#"{"isAuthorized":false,"context":{"stringKey":"value","numberKey":1,"booleanKey":true,"arrayKey":["value1","value2"],"mapKey":{"value1":"value2"}}}"#;

/// The published payload 2.0 events: AWS's, its variants without cookies and without
/// identity sources, and Powertools' (route key `GET /merchants`, header `Authorization`).
const EVENTS: [&str; 4] = [
    "http-api-v2-request.json",
    "http-api-v2-request-without-cookies.json",
    "http-api-v2-request-without-identity-source.json",
    "http-api-v2-request-powertools.json",
];

/// `event` with its authorization header (whatever its case) replaced by `name: value`.
fn with_authorization(mut event: Value, name: &str, value: &str) -> Value {
    let headers = event["headers"].as_object_mut().unwrap();
    headers.retain(|k, _| !k.eq_ignore_ascii_case("authorization"));
    headers.insert(name.to_owned(), json!(value));
    event
}

/// Checks `running` answers `event` with exactly `expected`.
#[track_caller]
fn assert_answer(running: &Running, event: &Value, expected: &str, what: &str) {
    let invocation = running.invoke(event);
    assert_simple_response(&invocation);
    assert_eq!(invocation.body_text(), expected, "{what}");
}

#[test]
fn the_published_events_get_the_samples_responses() {
    let running = Running::start(PROGRAM, |f| f);
    // The fixtures are the sample's own objects.
    assert_eq!(fixture("http-api-simple-response.json"), serde_json::from_str::<Value>(AUTHORIZED).unwrap());
    assert_eq!(fixture("http-api-simple-response-denied.json"), serde_json::from_str::<Value>(REFUSED).unwrap());
    for name in EVENTS {
        // None has `authorization: secretToken`; Powertools' has `Authorization: value`.
        let refused = running.invoke(&fixture(name));
        assert_simple_response(&refused);
        assert_eq!(refused.body_text(), REFUSED, "{name}");
        let lines = running.log_lines(&refused);
        assert!(
            lines.iter().any(|l| level(l) == "INFO" && l.contains("denied (403") && l.contains("missing or wrong")),
            "{name}: {lines:#?}"
        );
        let event = with_authorization(fixture(name), "authorization", "secretToken");
        assert_answer(&running, &event, AUTHORIZED, name);
    }
}

#[test]
fn the_header_name_is_matched_in_any_case_the_value_exactly() {
    let running = Running::start(PROGRAM, |f| f);
    for name in ["authorization", "Authorization", "AUTHORIZATION"] {
        let event = with_authorization(fixture("http-api-v2-request-powertools.json"), name, "secretToken");
        assert_answer(&running, &event, AUTHORIZED, name);
    }
    // API Gateway joins a repeated header's values with commas.
    for value in ["secrettoken", "SECRETTOKEN", "Bearer secretToken", "secretToken ", "", "secretToken,secretToken"] {
        let event = with_authorization(fixture("http-api-v2-request.json"), "authorization", value);
        assert_answer(&running, &event, REFUSED, value);
    }
    // The token elsewhere than in the header does not count.
    let mut elsewhere = fixture("http-api-v2-request.json");
    elsewhere["headers"]["x-authorization"] = json!("secretToken");
    elsewhere["queryStringParameters"]["authorization"] = json!("secretToken");
    elsewhere["cookies"] = json!(["authorization=secretToken"]);
    elsewhere["identitySource"] = json!(["secretToken"]);
    assert_answer(&running, &elsewhere, REFUSED, "token outside the header");
}

#[test]
fn absent_null_and_unknown_fields_change_nothing() {
    let mut running = Running::start(PROGRAM, |f| f);
    let optional = [
        "cookies",
        "identitySource",
        "queryStringParameters",
        "pathParameters",
        "stageVariables",
        "rawQueryString",
        "routeKey",
        "rawPath",
    ];
    for field in optional {
        for absent in [true, false] {
            let mut event = with_authorization(fixture("http-api-v2-request.json"), "authorization", "secretToken");
            if absent {
                event.as_object_mut().unwrap().remove(field);
            } else {
                event[field] = Value::Null;
            }
            assert_answer(&running, &event, AUTHORIZED, field);
        }
    }
    // No headers at all: nothing to authorize with.
    for headers in [Value::Null, json!({})] {
        let mut event = fixture("http-api-v2-request.json");
        event["headers"] = headers;
        assert_answer(&running, &event, REFUSED, "no headers");
    }
    let mut extra = with_authorization(fixture("http-api-v2-request.json"), "authorization", "secretToken");
    extra["someFutureField"] = json!({"nested": [1, null]});
    extra["requestContext"]["someFutureField"] = json!("x");
    assert_answer(&running, &extra, AUTHORIZED, "unknown fields");
    running.assert_still_serving(&fixture("http-api-v2-request.json"));
}

#[test]
fn other_events_are_invalid_event_errors() {
    let mut running = Running::start(PROGRAM, |f| f);
    let published = || with_authorization(fixture("http-api-v2-request.json"), "authorization", "secretToken");
    let mut v1 = published();
    v1["version"] = json!("1.0");
    let mut no_version = published();
    no_version.as_object_mut().unwrap().remove("version");
    let mut method_arn = published();
    let arn = method_arn.as_object_mut().unwrap().remove("routeArn").unwrap();
    method_arn["methodArn"] = arn;
    let mut connect = published();
    connect["routeArn"] = json!("arn:aws:execute-api:us-east-1:123456789012:abcdef123/test/$connect");
    let mut no_context = published();
    no_context.as_object_mut().unwrap().remove("requestContext");
    let mut token_type = published();
    token_type["type"] = json!("TOKEN");
    let cases = [
        ("a REST TOKEN event", fixture("rest-token.json")),
        ("a REST REQUEST event", fixture("rest-request.json")),
        ("an HTTP API payload 1.0 event", fixture("http-api-v1-request.json")),
        ("a WebSocket event", fixture("websocket-connect-request.json")),
        ("version 1.0", v1),
        ("no version", no_version),
        ("methodArn, no routeArn", method_arn),
        ("a WebSocket routeArn", connect),
        ("no requestContext", no_context),
        ("type TOKEN", token_type),
    ];
    for (what, event) in cases {
        let message = assert_failure(&running.invoke(&event), "InvalidEvent");
        assert!(message.starts_with("not a valid HTTP API (payload 2.0) authorizer event"), "{what}: {message}");
    }
    assert_failure(&running.api.invoke(b"{"), "InvalidEvent");
    running.assert_still_serving(&published());
}

#[test]
fn credentials_never_reach_the_logs() {
    let mut running = Running::start(PROGRAM, |f| f.env("AWS_LAMBDA_LOG_LEVEL", "TRACE"));
    let secret = "s3cr3t-Hq8Zp-header";
    let cookie = "s3cr3t-Kd2Wm-cookie";
    let identity = "s3cr3t-Tn5Rv-identity";
    for value in [secret, "secretToken"] {
        let mut event = with_authorization(fixture("http-api-v2-request.json"), "authorization", value);
        event["cookies"] = json!([format!("session={cookie}")]);
        event["identitySource"] = json!([identity]);
        assert_simple_response(&running.invoke(&event));
        // An invalid event is refused without quoting it.
        event["routeArn"] = json!(format!("arn:aws:s3:::{secret}"));
        assert_failure(&running.invoke(&event), "InvalidEvent");
    }
    assert_not_logged(&mut running, &[secret, "secretToken", cookie, identity]);
}
