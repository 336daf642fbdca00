//! The comparison is fair only if both sides do the same thing: the hand-written
//! `baseline-token` and the framework's `aws-docs-token` answer the same events with the same
//! responses over the Lambda Runtime API, and the per-event functions the criterion benchmarks
//! time answer as the binaries do.
//!
//! "The same" is read as API Gateway reads a response: `aws_lambda_events` spells `Action` and
//! `Resource` as one-element arrays and adds `"usageIdentifierKey": null` (`aws_lambda_events`
//! 1.2 `src/event/apigw/mod.rs`: no `skip_serializing_if`),
//! which [`normalize`] undoes. Errors differ in `errorType` by design (the framework posts short
//! stable names, `lambda_runtime` Rust type paths); their messages are compared.

use std::time::Duration;

use authorizer_bench::{baseline, events, framework};
use authorizer_core::{ErrorType, Reply};
use authorizer_local::{Function, Invocation, Outcome, RuntimeApi};
use serde_json::{Value, json};

const BASELINE: &str = env!("CARGO_BIN_EXE_baseline-token");
const FRAMEWORK: &str = env!("CARGO_BIN_EXE_framework-token");

/// The same response, spelled as the framework spells it: no `null` members, and one-element
/// `Action` and `Resource` arrays as plain strings.
fn normalize(mut response: Value) -> Value {
    if let Some(object) = response.as_object_mut() {
        object.retain(|_, v| !v.is_null());
    }
    if let Some(statements) = response.pointer_mut("/policyDocument/Statement").and_then(Value::as_array_mut) {
        for statement in statements.iter_mut().filter_map(Value::as_object_mut) {
            for key in ["Action", "Resource"] {
                if let Some(Value::Array(items)) = statement.get(key)
                    && let [only] = items.as_slice()
                {
                    let only = only.clone();
                    statement.insert(key.to_owned(), only);
                }
            }
        }
    }
    response
}

/// A binary running against its own Runtime API (declared first: killed before the API stops).
struct Running {
    _function: Function,
    api: RuntimeApi,
}

impl Running {
    fn start(program: &str) -> Self {
        let api = RuntimeApi::builder().invoke_timeout(Duration::from_secs(10)).start();
        let function = Function::builder(program).spawn(&api);
        Self { _function: function, api }
    }

    fn invoke(&self, event: &[u8]) -> Invocation {
        self.api.invoke(event)
    }
}

fn error_message(invocation: &Invocation) -> String {
    match &invocation.outcome {
        Outcome::Error { body, .. } => body["errorMessage"].as_str().unwrap_or_default().to_owned(),
        Outcome::Response(response) => panic!("expected an error, got the response {response}"),
    }
}

fn response(invocation: &Invocation) -> Value {
    match &invocation.outcome {
        Outcome::Response(response) => normalize(response.clone()),
        Outcome::Error { body, .. } => panic!("expected a response, got the error {body}"),
    }
}

/// The sample's policy, as the AWS documentation writes it.
fn sample_policy(effect: &str, arn: &str) -> Value {
    json!({
        "principalId": "user",
        "policyDocument": {"Version": "2012-10-17", "Statement": [
            {"Action": "execute-api:Invoke", "Effect": effect, "Resource": arn}
        ]},
        "context": {"stringKey": "stringval", "numberKey": 123, "booleanKey": true}
    })
}

fn token_event(token: &str, arn: &str) -> Vec<u8> {
    json!({"type": "TOKEN", "authorizationToken": token, "methodArn": arn}).to_string().into_bytes()
}

#[test]
fn both_binaries_answer_the_token_sample_alike() {
    let baseline = Running::start(BASELINE);
    let framework = Running::start(FRAMEWORK);
    // The published event (the root resource; with stage `dev`, as the framework refuses the
    // published stage `*`) and the benchmarks' one.
    let arns = ["arn:aws:execute-api:us-west-2:123456789012:ymy8tbxw7b/dev/GET/", events::METHOD_ARN];
    for arn in arns {
        for effect in ["Allow", "Deny"] {
            let event = token_event(&effect.to_ascii_lowercase(), arn);
            let expected = sample_policy(effect, arn);
            assert_eq!(response(&baseline.invoke(&event)), expected, "baseline, {effect} on {arn}");
            assert_eq!(response(&framework.invoke(&event)), expected, "framework, {effect} on {arn}");
        }
        // API Gateway answers 401 for exactly this message, whatever the type.
        let event = token_event("unauthorized", arn);
        assert_eq!(error_message(&baseline.invoke(&event)), "Unauthorized");
        assert_eq!(error_message(&framework.invoke(&event)), "Unauthorized");
        // Anything else is another error: a 500.
        for token in ["fail", "Allow", ""] {
            let event = token_event(token, arn);
            for (side, running) in [("baseline", &baseline), ("framework", &framework)] {
                let message = error_message(&running.invoke(&event));
                assert!(message.contains("Error: Invalid token"), "{side}, {token:?}: {message}");
            }
        }
    }
}

/// The benchmarks' per-event functions give what the binaries post.
#[test]
fn the_per_event_functions_answer_as_the_binaries() {
    let baseline_binary = Running::start(BASELINE);
    for token in ["allow", "deny"] {
        let event = events::token(token);
        let posted = response(&baseline_binary.invoke(&event));
        let baseline: Value = serde_json::from_slice(&baseline::token(&event).unwrap()).unwrap();
        assert_eq!(normalize(baseline), posted, "{token}");
        let framework = framework::invoke(framework::token, &event).response().unwrap();
        assert_eq!(framework, posted, "{token}");
        assert_eq!(&framework::reply(&framework::token, &event), framework::invoke(framework::token, &event).reply());
    }
    let refused = events::token("unauthorized");
    assert_eq!(baseline::token(&refused).unwrap_err().to_string(), "Unauthorized");
    match framework::invoke(framework::token, &refused).reply() {
        Reply::Error(e) => {
            assert_eq!((e.error_type, e.error_message.as_str()), (ErrorType::Unauthorized, "Unauthorized"))
        }
        Reply::Response(r) => panic!("{r}"),
    }
}

#[test]
fn the_request_and_http_v2_functions_answer_alike() {
    let event = events::rest_request();
    let baseline: Value = serde_json::from_slice(&baseline::rest(&event).unwrap()).unwrap();
    let framework = framework::invoke(framework::rest, &event);
    assert_eq!(framework.status(), 200);
    assert_eq!(&framework::reply(&framework::rest, &event), framework.reply());
    assert_eq!(framework.response().unwrap(), normalize(baseline));
    assert_eq!(framework.response().unwrap(), sample_policy("Allow", events::METHOD_ARN));

    let event = events::http_v2();
    let baseline: Value = serde_json::from_slice(&baseline::http_v2(&event).unwrap()).unwrap();
    let framework = framework::invoke(framework::http_v2, &event);
    assert_eq!(framework.status(), 200);
    assert_eq!(&framework::reply(&framework::http_v2, &event), framework.reply());
    assert_eq!(framework.response().unwrap(), baseline);
    let context = json!({"stringKey": "stringval", "numberKey": 123, "booleanKey": true});
    assert_eq!(baseline, json!({"isAuthorized": true, "context": context}));

    // Another credential: both refuse with 401.
    let other = |event: Vec<u8>| String::from_utf8(event).unwrap().replace(events::BEARER_TOKEN, "forged").into_bytes();
    assert_eq!(baseline::rest(&other(events::rest_request())).unwrap_err().to_string(), "Unauthorized");
    assert_eq!(framework::invoke(framework::rest, &other(events::rest_request())).status(), 401);
    assert_eq!(baseline::http_v2(&other(events::http_v2())).unwrap_err().to_string(), "Unauthorized");
    assert_eq!(framework::invoke(framework::http_v2, &other(events::http_v2())).status(), 401);
}

/// The REST event is the realistic size the benchmarks claim.
#[test]
fn the_request_event_has_realistic_headers() {
    let event: Value = serde_json::from_slice(&events::rest_request()).unwrap();
    let headers = event["headers"].as_object().unwrap().len();
    assert!((20..=25).contains(&headers), "{headers} headers");
    let size = events::rest_request().len();
    assert!((2_000..=3_000).contains(&size), "{size} bytes");
}
