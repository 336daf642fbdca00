//! The `multi-api` binary, one function behind every kind of API, driven over the Lambda
//! Runtime API with each published event shape: each gets the response format of its kind,
//! and an event of no kind is refused.

mod common;

use common::{
    Running, assert_failure, assert_not_logged, assert_response, assert_simple_response, assert_unauthorized, evaluate,
    fixture,
};
use serde_json::{Value, json};

const PROGRAM: &str = env!("CARGO_BIN_EXE_multi-api");

const TOKEN: &str = "tk_multi_e2e_0001";

fn start() -> Running {
    Running::start(PROGRAM, |f| f.env("MULTI_API_TOKENS", format!("{TOKEN} u-1; tk_multi_e2e_0002 u-2")))
}

/// The published events of the kinds answered with an IAM policy, with the token where
/// that kind carries it, and the `Resource` of a stage-wide Allow.
fn iam_events(token: &str) -> Vec<(&'static str, Value, String)> {
    let bearer = format!("Bearer {token}");
    let mut cases = Vec::new();
    let mut event = fixture("rest-token.json");
    event["authorizationToken"] = json!(bearer);
    cases.push(("rest-token.json", event, "arn:aws:execute-api:us-west-2:123456789012:ymy8tbxw7b/dev/*/*".to_owned()));
    for name in ["rest-request-docs.json", "rest-request.json", "http-api-v1-request.json"] {
        let mut event = fixture(name);
        event["headers"]["Authorization"] = json!(bearer);
        if let Some(multi) = event["multiValueHeaders"].as_object_mut() {
            multi.insert("Authorization".into(), json!([bearer]));
        }
        let api = if name == "rest-request.json" { "s4x3opwd6i" } else { "abcdef123" };
        cases.push((name, event, format!("arn:aws:execute-api:us-east-1:123456789012:{api}/test/*/*")));
    }
    // A browser's WebSocket: the token in the query string.
    let mut event = fixture("websocket-connect-request.json");
    event["queryStringParameters"]["access_token"] = json!(token);
    event["multiValueQueryStringParameters"]["access_token"] = json!([token]);
    cases.push((
        "websocket-connect-request.json",
        event,
        "arn:aws:execute-api:us-east-1:123456789012:abcdef123/default/*".to_owned(),
    ));
    // Another client: the `Authorization` header, as in the captured event.
    let mut event = fixture("websocket-connect-request-powertools.json");
    event["headers"]["Authorization"] = json!(bearer);
    event["multiValueHeaders"]["Authorization"] = json!([bearer]);
    cases.push((
        "websocket-connect-request-powertools.json",
        event,
        "arn:aws:execute-api:us-east-1:533568316194:c5jwxq709g/production/*".to_owned(),
    ));
    cases
}

/// The published HTTP API payload 2.0 events, with `authorization: Bearer <token>`.
fn simple_events(token: &str) -> Vec<(&'static str, Value)> {
    [
        "http-api-v2-request.json",
        "http-api-v2-request-without-cookies.json",
        "http-api-v2-request-without-identity-source.json",
        "http-api-v2-request-powertools.json",
    ]
    .into_iter()
    .map(|name| {
        let mut event = fixture(name);
        let headers = event["headers"].as_object_mut().unwrap();
        headers.retain(|k, _| !k.eq_ignore_ascii_case("authorization"));
        headers.insert("authorization".into(), json!(format!("Bearer {token}")));
        (name, event)
    })
    .collect()
}

#[test]
fn each_published_shape_gets_the_response_format_of_its_kind() {
    let running = start();
    for (name, event, resource) in iam_events(TOKEN) {
        let invocation = running.invoke(&event);
        let response = assert_response(&invocation);
        let expected = format!(
            r#"{{"principalId":"u-1","policyDocument":{{"Version":"2012-10-17","Statement":[{{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"{resource}"}}]}},"context":{{"userId":"u-1"}}}}"#
        );
        assert_eq!(invocation.body_text(), expected, "{name}");
        assert_eq!(evaluate(&response, event["methodArn"].as_str().unwrap()), 200, "{name}");
    }
    for (name, event) in simple_events(TOKEN) {
        let invocation = running.invoke(&event);
        assert_simple_response(&invocation);
        assert_eq!(invocation.body_text(), r#"{"isAuthorized":true,"context":{"userId":"u-1"}}"#, "{name}");
    }
}

#[test]
fn without_a_known_token_rest_and_websocket_get_401_http_apis_a_deny() {
    let mut running = start();
    for token in ["tk_multi_e2e_9999", "tk_multi_e2e_000"] {
        for (name, event, resource) in iam_events(token) {
            let invocation = running.invoke(&event);
            if name == "http-api-v1-request.json" {
                let response = assert_response(&invocation);
                let expected = format!(
                    r#"{{"principalId":"anonymous","policyDocument":{{"Version":"2012-10-17","Statement":[{{"Action":"execute-api:Invoke","Effect":"Deny","Resource":"{resource}"}}]}}}}"#
                );
                assert_eq!(invocation.body_text(), expected, "{name}");
                assert_eq!(evaluate(&response, event["methodArn"].as_str().unwrap()), 403, "{name}");
            } else {
                assert_unauthorized(&running, &invocation);
            }
        }
        for (name, event) in simple_events(token) {
            let invocation = running.invoke(&event);
            assert_simple_response(&invocation);
            assert_eq!(invocation.body_text(), r#"{"isAuthorized":false}"#, "{name}");
        }
    }
    // The published events as they are carry no bearer token.
    for name in ["rest-token.json", "rest-request.json", "websocket-connect-request-powertools.json"] {
        assert_unauthorized(&running, &running.invoke(&fixture(name)));
    }
    let invocation = running.invoke(&fixture("http-api-v2-request-powertools.json"));
    assert_simple_response(&invocation);
    assert_eq!(invocation.body_text(), r#"{"isAuthorized":false}"#);
    running.assert_still_serving(&simple_events(TOKEN)[0].1);
}

#[test]
fn an_event_of_no_kind_is_an_invalid_event_error() {
    let mut running = start();
    let mut v3 = simple_events(TOKEN)[0].1.clone();
    v3["version"] = json!("3.0");
    let mut token_with_version = iam_events(TOKEN)[0].1.clone();
    token_with_version["version"] = json!("1.0");
    let mut no_type = iam_events(TOKEN)[1].1.clone();
    no_type.as_object_mut().unwrap().remove("type");
    let mut stray = fixture("websocket-connect-request-with-extraneous-fields.json");
    stray["headers"]["Authorization"] = json!(format!("Bearer {TOKEN}"));
    let cases = [
        ("an empty object", json!({})),
        ("type OTHER", json!({"type": "OTHER", "methodArn": "arn:aws:execute-api:r:1:a/s/GET/x"})),
        ("version 3.0", v3),
        ("a TOKEN event with a version", token_with_version),
        ("no type", no_type),
        // `"version": "$LATEST"`: the dispatcher does not guess past a version it does not know.
        ("a WebSocket event with version $LATEST", stray),
        ("a JSON array", json!([])),
    ];
    for (what, event) in cases {
        let message = assert_failure(&running.invoke(&event), "InvalidEvent");
        assert!(message.starts_with("not a valid API Gateway authorizer event"), "{what}: {message}");
    }
    assert_failure(&running.api.invoke(b"not json"), "InvalidEvent");
    running.assert_still_serving(&iam_events(TOKEN)[0].1);
}

#[test]
fn tokens_never_reach_the_logs() {
    let mut running = Running::start(PROGRAM, |f| {
        f.env("MULTI_API_TOKENS", format!("{TOKEN} u-1")).env("AWS_LAMBDA_LOG_LEVEL", "TRACE")
    });
    let unknown = "tk_s3cr3t_Wq2Lp_unknown";
    for token in [TOKEN, unknown] {
        // Nor what is posted back.
        let events = iam_events(token).into_iter().map(|(_, event, _)| event);
        for event in events.chain(simple_events(token).into_iter().map(|(_, event)| event)) {
            let invocation = running.invoke(&event);
            assert!(!invocation.body_text().contains(token), "{}", invocation.body_text());
        }
    }
    assert_not_logged(&mut running, &[TOKEN, unknown]);
}
