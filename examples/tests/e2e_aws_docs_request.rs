//! The `aws-docs-request` binary, driven over the Lambda Runtime API with the AWS doc's REQUEST
//! event and the fuller REST REQUEST event (multi-value maps, client certificate).

mod common;

use common::{Running, assert_failure, assert_response, assert_unauthorized, evaluate, fixture};
use serde_json::{Value, json};

const PROGRAM: &str = env!("CARGO_BIN_EXE_aws-docs-request");

fn docs_event() -> Value {
    fixture("rest-request-docs.json")
}

fn full_event() -> Value {
    fixture("rest-request.json")
}

/// `event` with header `HeaderAuth1` renamed (in `headers` and `multiValueHeaders`, if any)
/// and given `value`.
fn with_header(mut event: Value, name: &str, value: &str) -> Value {
    for (map, value) in [("headers", json!(value)), ("multiValueHeaders", json!([value]))] {
        if let Some(entries) = event[map].as_object_mut() {
            entries.remove("HeaderAuth1");
            entries.insert(name.to_owned(), value);
        }
    }
    event
}

/// `event` with `map[key]` set to `value`, or removed when `value` is `None`.
fn with_entry(mut event: Value, map: &str, key: &str, value: Option<&str>) -> Value {
    let entries = event[map].as_object_mut().unwrap();
    entries.remove(key);
    if let Some(value) = value {
        entries.insert(key.to_owned(), json!(value));
    }
    if map == "queryStringParameters" {
        // The fuller event repeats the query in `multiValueQueryStringParameters`.
        if let Some(multi) = event["multiValueQueryStringParameters"].as_object_mut() {
            multi.remove(key);
            if let Some(value) = value {
                multi.insert(key.to_owned(), json!([value]));
            }
        }
    }
    event
}

#[test]
fn the_published_events_are_allowed_with_the_samples_policy() {
    let running = Running::start(PROGRAM, |f| f);
    for (event, expected) in [
        (docs_event(), "rest-request-docs-sample-allow-response.json"),
        (full_event(), "rest-request-sample-allow-response.json"),
    ] {
        let response = assert_response(&running.invoke(&event));
        assert_eq!(response, fixture(expected));
        assert_eq!(evaluate(&response, event["methodArn"].as_str().unwrap()), 200);
    }
}

#[test]
fn the_header_name_is_matched_in_any_case() {
    let running = Running::start(PROGRAM, |f| f);
    for name in ["headerauth1", "HEADERAUTH1", "HeaderAuth1", "headerAuth1"] {
        for event in [docs_event(), full_event()] {
            let event = with_header(event, name, "headerValue1");
            let expected = json!({
                "principalId": "me",
                "policyDocument": {"Version": "2012-10-17", "Statement": [
                    {"Action": "execute-api:Invoke", "Effect": "Allow", "Resource": event["methodArn"]}
                ]},
                "context": {"stringKey": "stringval", "numberKey": 123, "booleanKey": true}
            });
            assert_eq!(assert_response(&running.invoke(&event)), expected, "{name}");
        }
    }
}

#[test]
fn wrong_missing_and_null_values_are_401() {
    let mut running = Running::start(PROGRAM, |f| f);
    let mut cases: Vec<(String, Value)> = Vec::new();
    for event in [docs_event(), full_event()] {
        // Values are compared exactly.
        cases.push(("header value in another case".into(), with_header(event.clone(), "HeaderAuth1", "HEADERVALUE1")));
        cases.push(("empty header".into(), with_header(event.clone(), "HeaderAuth1", "")));
        cases.push(("another header".into(), with_header(event.clone(), "HeaderAuth2", "headerValue1")));
        cases.push((
            "wrong query value".into(),
            with_entry(event.clone(), "queryStringParameters", "QueryString1", Some("queryValue2")),
        ));
        cases.push((
            "no query parameter".into(),
            with_entry(event.clone(), "queryStringParameters", "QueryString1", None),
        ));
        // Query-string names are case-sensitive in API Gateway.
        let renamed = with_entry(event.clone(), "queryStringParameters", "QueryString1", None);
        cases.push((
            "query name in lower case".into(),
            with_entry(renamed, "queryStringParameters", "querystring1", Some("queryValue1")),
        ));
        cases.push(("missing stage variable".into(), with_entry(event.clone(), "stageVariables", "StageVar1", None)));
        cases.push((
            "wrong stage variable".into(),
            with_entry(event.clone(), "stageVariables", "StageVar1", Some("stageValue2")),
        ));
        let maps = [
            "headers",
            "multiValueHeaders",
            "queryStringParameters",
            "multiValueQueryStringParameters",
            "stageVariables",
        ];
        for map in maps {
            // API Gateway sends a map and its multi-value twin together, or neither.
            let twin = match map {
                "headers" => Some("multiValueHeaders"),
                "queryStringParameters" => Some("multiValueQueryStringParameters"),
                _ => None,
            };
            let mut nulled = event.clone();
            nulled[map] = Value::Null;
            let mut absent = event.clone();
            absent.as_object_mut().unwrap().remove(map);
            if let Some(twin) = twin {
                nulled[twin] = Value::Null;
                absent.as_object_mut().unwrap().remove(twin);
            }
            cases.push((format!("{map}: null"), nulled));
            cases.push((format!("no {map}"), absent));
        }
    }
    for (what, event) in cases {
        // Only a multi-value map gone leaves the single-value map: still allowed.
        if what.contains("multiValue") {
            assert_response(&running.invoke(&event));
            continue;
        }
        let refused = running.invoke(&event);
        if refused.is_error() {
            assert_unauthorized(&running, &refused);
        } else {
            panic!("{what}: expected 401, got {}", refused.body_text());
        }
        let lines = running.log_lines(&refused);
        assert!(lines.iter().any(|l| l.contains("is missing or wrong")), "{what}: {lines:#?}");
    }
    running.assert_still_serving(&docs_event());
}

#[test]
fn other_events_are_invalid_event_errors() {
    let mut running = Running::start(PROGRAM, |f| f);
    let mut http_api = docs_event();
    http_api["version"] = json!("1.0");
    let mut no_arn = full_event();
    no_arn.as_object_mut().unwrap().remove("methodArn");
    let mut connect = docs_event();
    connect["methodArn"] = json!("arn:aws:execute-api:us-east-1:123456789012:abcdef123/default/$connect");
    let mut no_context = docs_event();
    no_context.as_object_mut().unwrap().remove("requestContext");
    for (what, event) in [
        ("a TOKEN event", fixture("rest-token.json")),
        ("an HTTP API event", http_api),
        ("no methodArn", no_arn),
        ("a WebSocket methodArn", connect),
        ("no requestContext", no_context),
    ] {
        let message = assert_failure(&running.invoke(&event), "InvalidEvent");
        assert!(message.starts_with("not a valid REST REQUEST authorizer event"), "{what}: {message}");
    }
    assert_failure(&running.api.invoke(b"{"), "InvalidEvent");
    running.assert_still_serving(&full_event());
}

#[test]
fn header_and_query_values_never_reach_the_logs() {
    let mut running = Running::start(PROGRAM, |f| f.env("AWS_LAMBDA_LOG_LEVEL", "TRACE"));
    let secret = "s3cr3t-Hd7Lw-value";
    let event = with_header(full_event(), "HeaderAuth1", secret);
    assert_unauthorized(&running, &running.invoke(&event));
    let event = with_entry(full_event(), "queryStringParameters", "QueryString1", Some(secret));
    assert_unauthorized(&running, &running.invoke(&event));
    running.settle();
    running.function.kill();
    assert!(!running.function.output().contains(secret), "{}", running.function.output());
}
