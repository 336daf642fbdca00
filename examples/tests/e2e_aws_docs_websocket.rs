//! The `aws-docs-websocket` binary, driven over the Lambda Runtime API with the published
//! WebSocket `$connect` events: AWS's, Powertools' capture, and `aws_lambda_events`' event with
//! fields API Gateway does not send.

mod common;

use common::{Running, assert_failure, assert_not_logged, assert_response, assert_unauthorized, evaluate, fixture};
use serde_json::{Value, json};

const PROGRAM: &str = env!("CARGO_BIN_EXE_aws-docs-websocket");

/// The sample's Allow policy for `method_arn`, as it goes on the wire.
fn wire(method_arn: &str) -> String {
    format!(
        r#"{{"principalId":"me","policyDocument":{{"Version":"2012-10-17","Statement":[{{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"{method_arn}"}}]}},"context":{{"stringKey":"stringval","numberKey":123,"booleanKey":true}}}}"#
    )
}

/// `event` with header `name: value` in place of `HeaderAuth1` (in `headers` and, if the
/// event has it, `multiValueHeaders`) and query parameter `QueryString1=query`.
fn with_identity(mut event: Value, name: &str, value: &str, query: &str) -> Value {
    for (map, key, value) in [
        ("headers", name, json!(value)),
        ("multiValueHeaders", name, json!([value])),
        ("queryStringParameters", "QueryString1", json!(query)),
        ("multiValueQueryStringParameters", "QueryString1", json!([query])),
    ] {
        if let Some(entries) = event[map].as_object_mut() {
            entries.retain(|k, _| !k.eq_ignore_ascii_case(key) && !k.eq_ignore_ascii_case("HeaderAuth1"));
            entries.insert(key.to_owned(), value);
        }
    }
    event
}

/// Checks `running` allows `event` with exactly the sample's policy for its `methodArn`.
#[track_caller]
fn assert_allowed(running: &Running, event: &Value, what: &str) {
    let method_arn = event["methodArn"].as_str().unwrap();
    let invocation = running.invoke(event);
    let response = assert_response(&invocation);
    assert_eq!(invocation.body_text(), wire(method_arn), "{what}");
    assert_eq!(evaluate(&response, method_arn), 200, "{what}");
}

#[test]
fn the_published_event_is_allowed_with_the_derived_policy() {
    let running = Running::start(PROGRAM, |f| f);
    let invocation = running.invoke(&fixture("websocket-connect-request.json"));
    assert_eq!(assert_response(&invocation), fixture("websocket-sample-allow-response.json"));
    assert_allowed(&running, &fixture("websocket-connect-request.json"), "published");
}

#[test]
fn the_powertools_capture_is_401_until_it_carries_the_identity() {
    let running = Running::start(PROGRAM, |f| f);
    // A real capture: `Authorization` header, empty query string, `Sec-WebSocket-Key` only
    // in `multiValueHeaders`.
    let capture = fixture("websocket-connect-request-powertools.json");
    let refused = running.invoke(&capture);
    assert_unauthorized(&running, &refused);
    // Byte for byte: nothing but the two fields.
    assert_eq!(refused.body_text(), r#"{"errorType":"Unauthorized","errorMessage":"Unauthorized"}"#);
    let event = with_identity(capture, "HeaderAuth1", "headerValue1", "queryValue1");
    assert_allowed(&running, &event, "powertools");
}

#[test]
fn stray_fields_are_ignored_and_the_event_judged_like_any_other() {
    // `"version": "$LATEST"` and Lambda context fields: not sent by API Gateway. The
    // `methodArn` ends in `$connect`, so it is a WebSocket event; the rest is ignored.
    let mut running = Running::start(PROGRAM, |f| f);
    let event = fixture("websocket-connect-request-with-extraneous-fields.json");
    assert_eq!(event["version"], "$LATEST");
    let refused = running.invoke(&event);
    assert_unauthorized(&running, &refused);
    let lines = running.log_lines(&refused);
    assert!(lines.iter().any(|l| l.contains("header HeaderAuth1 is missing or wrong")), "{lines:#?}");
    let event = with_identity(event, "HeaderAuth1", "headerValue1", "queryValue1");
    assert_allowed(&running, &event, "stray fields");
    running.assert_still_serving(&fixture("websocket-connect-request.json"));
}

#[test]
fn the_header_name_is_matched_in_any_case() {
    let running = Running::start(PROGRAM, |f| f);
    for name in ["HeaderAuth1", "headerauth1", "HEADERAUTH1"] {
        for base in ["websocket-connect-request.json", "websocket-connect-request-powertools.json"] {
            let event = with_identity(fixture(base), name, "headerValue1", "queryValue1");
            assert_allowed(&running, &event, &format!("{base}: {name}"));
        }
    }
    // Only in `multiValueHeaders`, as `Sec-WebSocket-Key` is in the capture.
    let mut multi_only = fixture("websocket-connect-request.json");
    multi_only["headers"].as_object_mut().unwrap().remove("HeaderAuth1");
    assert_allowed(&running, &multi_only, "multiValueHeaders only");
}

#[test]
fn wrong_missing_and_null_values_are_401() {
    let mut running = Running::start(PROGRAM, |f| f);
    let published = || fixture("websocket-connect-request.json");
    let mut cases: Vec<(String, Value)> = vec![
        (
            "header value in another case".into(),
            with_identity(published(), "HeaderAuth1", "HEADERVALUE1", "queryValue1"),
        ),
        ("empty header".into(), with_identity(published(), "HeaderAuth1", "", "queryValue1")),
        ("another header".into(), with_identity(published(), "HeaderAuth2", "headerValue1", "queryValue1")),
        ("wrong query value".into(), with_identity(published(), "HeaderAuth1", "headerValue1", "queryvalue1")),
        ("empty query value".into(), with_identity(published(), "HeaderAuth1", "headerValue1", "")),
    ];
    // Query-string names are case-sensitive in API Gateway.
    let mut renamed = published();
    for map in ["queryStringParameters", "multiValueQueryStringParameters"] {
        let entries = renamed[map].as_object_mut().unwrap();
        let value = entries.remove("QueryString1").unwrap();
        entries.insert("querystring1".into(), value);
    }
    cases.push(("query name in lower case".into(), renamed));
    // API Gateway sends a map and its multi-value twin together, or neither.
    for maps in [["headers", "multiValueHeaders"], ["queryStringParameters", "multiValueQueryStringParameters"]] {
        let mut nulled = published();
        let mut absent = published();
        for map in maps {
            nulled[map] = Value::Null;
            absent.as_object_mut().unwrap().remove(map);
        }
        cases.push((format!("{}: null", maps[0]), nulled));
        cases.push((format!("no {}", maps[0]), absent));
    }
    for (what, event) in cases {
        let refused = running.invoke(&event);
        assert!(refused.is_error(), "{what}: expected 401, got {}", refused.body_text());
        assert_unauthorized(&running, &refused);
        let lines = running.log_lines(&refused);
        assert!(lines.iter().any(|l| l.contains("is missing or wrong")), "{what}: {lines:#?}");
    }
    // Stage variables play no part here (the REST sample's third value).
    let mut no_stage = published();
    no_stage["stageVariables"] = Value::Null;
    assert_allowed(&running, &no_stage, "stageVariables: null");
    running.assert_still_serving(&published());
}

#[test]
fn other_events_are_invalid_event_errors() {
    let mut running = Running::start(PROGRAM, |f| f);
    let published = || fixture("websocket-connect-request.json");
    let mut rest_arn = published();
    rest_arn["methodArn"] = json!("arn:aws:execute-api:us-east-1:123456789012:abcdef123/default/GET/");
    let mut no_arn = published();
    no_arn.as_object_mut().unwrap().remove("methodArn");
    let mut no_context = published();
    no_context.as_object_mut().unwrap().remove("requestContext");
    let mut token_type = published();
    token_type["type"] = json!("TOKEN");
    let cases = [
        ("a REST TOKEN event", fixture("rest-token.json")),
        ("a REST REQUEST event", fixture("rest-request-docs.json")),
        ("an HTTP API payload 1.0 event", fixture("http-api-v1-request.json")),
        ("an HTTP API payload 2.0 event", fixture("http-api-v2-request.json")),
        ("a REST methodArn", rest_arn),
        ("no methodArn", no_arn),
        ("no requestContext", no_context),
        ("type TOKEN", token_type),
    ];
    for (what, event) in cases {
        let message = assert_failure(&running.invoke(&event), "InvalidEvent");
        assert!(message.starts_with("not a valid WebSocket $connect authorizer event"), "{what}: {message}");
    }
    running.assert_still_serving(&published());
}

#[test]
fn identity_values_never_reach_the_logs() {
    let mut running = Running::start(PROGRAM, |f| f.env("AWS_LAMBDA_LOG_LEVEL", "TRACE"));
    let header = "s3cr3t-Rf6Yd-header";
    let query = "s3cr3t-Gm3Xk-query";
    let bearer = "s3cr3t-Nc9Qa-bearer";
    let mut event = with_identity(fixture("websocket-connect-request.json"), "HeaderAuth1", header, query);
    event["headers"]["Authorization"] = json!(format!("Bearer {bearer}"));
    assert_unauthorized(&running, &running.invoke(&event));
    let mut event = with_identity(fixture("websocket-connect-request.json"), "HeaderAuth1", "headerValue1", query);
    event["headers"]["Authorization"] = json!(format!("Bearer {bearer}"));
    assert_unauthorized(&running, &running.invoke(&event));
    event["methodArn"] = json!(format!("arn:aws:execute-api:us-east-1:123456789012:abcdef123/{query}/GET/x"));
    assert_failure(&running.invoke(&event), "InvalidEvent");
    assert_not_logged(&mut running, &[header, query, bearer]);
}
