//! The `aws-docs-token` binary, driven over the Lambda Runtime API with the published TOKEN
//! event: every outcome of the AWS sample, exactly as API Gateway would read it.

mod common;

use common::{Running, assert_failure, assert_response, assert_unauthorized, evaluate, fixture, level};
use serde_json::{Value, json};

const PROGRAM: &str = env!("CARGO_BIN_EXE_aws-docs-token");

/// The published TOKEN event (with stage `dev`: see the fixtures' README) with another token.
fn event(token: &str) -> Value {
    let mut event = fixture("rest-token.json");
    event["authorizationToken"] = json!(token);
    event
}

#[test]
fn allow_and_deny_are_the_derived_responses() {
    let running = Running::start(PROGRAM, |f| f);
    let arn = fixture("rest-token.json")["methodArn"].as_str().unwrap().to_owned();
    let allowed = assert_response(&running.invoke(&fixture("rest-token.json")));
    assert_eq!(allowed, fixture("rest-token-sample-allow-response.json"));
    assert_eq!(evaluate(&allowed, &arn), 200);
    let denied_invocation = running.invoke(&event("deny"));
    let denied = assert_response(&denied_invocation);
    assert_eq!(denied, fixture("rest-token-sample-deny-response.json"));
    assert_eq!(evaluate(&denied, &arn), 403);
    // A deny is a decision, not an error: logged at INFO with the principal.
    let lines = running.log_lines(&denied_invocation);
    assert!(lines.iter().any(|l| level(l) == "INFO" && l.contains("denied (403")), "{lines:#?}");
}

#[test]
fn unauthorized_is_the_exact_401_error_logged_at_info() {
    let running = Running::start(PROGRAM, |f| f);
    let refused = running.invoke(&event("unauthorized"));
    assert_unauthorized(&running, &refused);
    // The raw body too: nothing but the two fields.
    let raw: Value = serde_json::from_slice(&refused.raw_body).unwrap();
    assert_eq!(raw, json!({"errorType": "Unauthorized", "errorMessage": "Unauthorized"}));
}

#[test]
fn any_other_token_is_an_error_api_gateway_answers_500() {
    let mut running = Running::start(PROGRAM, |f| f);
    // Token values are case-sensitive; the empty token is API Gateway's 401, not the sample's.
    for token in ["fail", "", "Allow", "UNAUTHORIZED", "unauthorized ", "Bearer allow"] {
        let failed = running.invoke(&event(token));
        let message = assert_failure(&failed, "AuthorizerError");
        assert!(message.contains("Error: Invalid token"), "{token:?}: {message}");
        let lines = running.log_lines(&failed);
        assert!(lines.iter().any(|l| level(l) == "ERROR"), "{lines:#?}");
    }
    running.assert_still_serving(&event("allow"));
}

#[test]
fn invalid_events_are_invalid_event_errors_and_never_a_response() {
    let mut running = Running::start(PROGRAM, |f| f);
    let mut no_arn = fixture("rest-token.json");
    no_arn.as_object_mut().unwrap().remove("methodArn");
    let mut s3_arn = fixture("rest-token.json");
    s3_arn["methodArn"] = json!("arn:aws:s3:::my-bucket/GET/");
    let mut lambda_arn = fixture("rest-token.json");
    lambda_arn["methodArn"] = json!("arn:aws:lambda:us-west-2:123456789012:function:authorizer");
    // The event as published, with stage `*`: an Allow of "this request" would cover every stage.
    let mut star_stage = fixture("rest-token.json");
    star_stage["methodArn"] = json!("arn:aws:execute-api:us-west-2:123456789012:ymy8tbxw7b/*/GET/");
    let mut star_verb = fixture("rest-token.json");
    star_verb["methodArn"] = json!("arn:aws:execute-api:us-west-2:123456789012:ymy8tbxw7b/dev/G*/pets");
    let mut no_token = fixture("rest-token.json");
    no_token.as_object_mut().unwrap().remove("authorizationToken");
    let cases = [
        ("no methodArn", no_arn.to_string().into_bytes()),
        ("an S3 ARN", s3_arn.to_string().into_bytes()),
        ("a Lambda ARN", lambda_arn.to_string().into_bytes()),
        ("a stage `*`", star_stage.to_string().into_bytes()),
        ("a verb `G*`", star_verb.to_string().into_bytes()),
        ("no authorizationToken", no_token.to_string().into_bytes()),
        ("a REQUEST event", fixture("rest-request-docs.json").to_string().into_bytes()),
        ("a non-JSON body", b"type=TOKEN&authorizationToken=allow".to_vec()),
        ("an empty body", Vec::new()),
        ("a JSON string", br#""allow""#.to_vec()),
    ];
    for (what, body) in cases {
        let failed = running.api.invoke(&body);
        let message = assert_failure(&failed, "InvalidEvent");
        assert!(message.starts_with("not a valid REST TOKEN authorizer event"), "{what}: {message}");
        assert!(running.function.is_alive(), "{what}: the function exited");
        let lines = running.log_lines(&failed);
        assert!(lines.iter().any(|l| level(l) == "ERROR" && l.contains("refused the event (500)")), "{lines:#?}");
    }
    running.assert_still_serving(&fixture("rest-token.json"));
}

#[test]
fn tokens_never_reach_the_logs() {
    // TRACE: every line the framework and its libraries could write.
    let mut running = Running::start(PROGRAM, |f| f.env("AWS_LAMBDA_LOG_LEVEL", "TRACE"));
    let secrets = ["s3cr3t-Zq9v-opaque", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig-Xw2"];
    for secret in secrets {
        assert_failure(&running.invoke(&event(secret)), "AuthorizerError");
        let mut bad_arn = event(secret);
        bad_arn["methodArn"] = json!("arn:aws:s3:::bucket");
        assert_failure(&running.invoke(&bad_arn), "InvalidEvent");
        let mut request = event(secret);
        request["type"] = json!("REQUEST");
        assert_failure(&running.invoke(&request), "InvalidEvent");
    }
    assert_response(&running.invoke(&event("allow")));
    assert_response(&running.invoke(&event("deny")));
    assert_unauthorized(&running, &running.invoke(&event("unauthorized")));
    running.settle();
    running.function.kill();
    let output = running.function.output();
    assert!(output.contains("allowed"), "TRACE should show the allow:\n{output}");
    for secret in secrets {
        assert!(!output.contains(secret), "{secret:?} in\n{output}");
        // Nor its credential part, nor a fragment long enough to matter.
        let credential = secret.rsplit(' ').next().unwrap();
        assert!(!output.contains(credential), "{credential:?} in\n{output}");
    }
    assert!(!output.contains("authorizationToken"), "{output}");
}
