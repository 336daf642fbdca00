//! Events whose ARN holds an IAM wildcard (`*`, `?`) before the path, or a partition that
//! is none: API Gateway sends none to a deployed API, and a policy written from one would be
//! wider than the decision declared (`.../*/GET/pets` covers every stage, `G*` every verb
//! starting with `G`, a route key `*` every route). Every kind refuses them before the
//! function is called: 500 (`InvalidEvent`), never an Allow. The console's authorizer test
//! sends the verb `*`: parsed, but allowing it as is fails the decision (`InvalidDecision`).

use authorizer_core::prelude::*;
use authorizer_core::testing;
use authorizer_core::{ErrorType, IamPolicy};
use serde_json::{Value, json};

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).expect(&path)).expect(&path)
}

/// The method ARNs (REST, HTTP API) that must be refused, each with a wildcard in one part.
const HOSTILE_METHOD_ARNS: [&str; 16] = [
    "arn:aws:execute-api:us-east-1:123456789012:abcdef123/*/GET/request",
    "arn:aws:execute-api:us-east-1:123456789012:abcdef123/te?t/GET/request",
    "arn:aws:execute-api:*:*:*/*/GET/pets",
    "arn:aws:execute-api:us-east-1:123456789012:abcdef123/test/G*/request",
    "arn:aws:execute-api:us-east-1:123456789012:abcdef123/test/GE?/request",
    "arn:aws:execute-api:us-east-1:123456789012:abcdef123/test/**/request",
    "arn:aws:execute-api:us-east-1:123456789012:abcdef12*/test/GET/request",
    "arn:aws:execute-api:us-east-1:123456789012:abcdef12?/test/GET/request",
    "arn:aws:execute-api:us-east-1:*:abcdef123/test/GET/request",
    "arn:aws:execute-api:us-east-1:12345678901?:abcdef123/test/GET/request",
    "arn:aws:execute-api:*:123456789012:abcdef123/test/GET/request",
    "arn:aws:execute-api:us-east-?:123456789012:abcdef123/test/GET/request",
    "arn:aws-:execute-api:us-east-1:123456789012:abcdef123/test/GET/request",
    "arn:aws*:execute-api:us-east-1:123456789012:abcdef123/test/GET/request",
    "arn:*:execute-api:us-east-1:123456789012:abcdef123/test/GET/request",
    "arn:aws-cn-:execute-api:us-east-1:123456789012:abcdef123/test/GET/request",
];

/// The WebSocket route ARNs that must be refused.
const HOSTILE_WEBSOCKET_ARNS: [&str; 8] = [
    "arn:aws:execute-api:us-east-1:123456789012:abcdef123/default/*",
    "arn:aws:execute-api:us-east-1:123456789012:abcdef123/default/$conn*",
    "arn:aws:execute-api:us-east-1:123456789012:abcdef123/default/$connec?",
    "arn:aws:execute-api:us-east-1:123456789012:abcdef123/*/$connect",
    "arn:aws:execute-api:*:*:*/*/$connect",
    "arn:aws:execute-api:us-east-1:123456789012:abcdef12?/default/$connect",
    "arn:aws:execute-api:us-east-1:?23456789012:abcdef123/default/$connect",
    "arn:aws-:execute-api:us-east-1:123456789012:abcdef123/default/$connect",
];

/// What the console's authorizer test sends: the verb `*`, on the root.
const CONSOLE_TEST_ARN: &str = "arn:aws:execute-api:us-east-1:123456789012:ivdtdhp7b5/ESTestInvoke-stage/*/";

/// Each method-ARN kind's published event with `arn` in place of its own, by name.
fn method_events(arn: &str) -> Vec<(&'static str, Value)> {
    let mut token = fixture("token-docs.json");
    token["methodArn"] = json!(arn);
    let mut rest = fixture("request-docs.json");
    rest["methodArn"] = json!(arn);
    let mut v1 = fixture("http-v1-request.json");
    v1["methodArn"] = json!(arn);
    let mut v2 = fixture("http-v2-request.json");
    v2["routeArn"] = json!(arn);
    vec![("TOKEN", token), ("REQUEST", rest), ("HTTP API 1.0", v1), ("HTTP API 2.0", v2)]
}

fn websocket_event(arn: &str) -> Value {
    let mut event = fixture("websocket-connect-request.json");
    event["methodArn"] = json!(arn);
    event
}

fn allow_request<R>(_: R) -> Result<Decision, Error> {
    Ok(Decision::allow_request("u"))
}

fn allow_all<R>(_: R) -> Result<Decision, Error> {
    Ok(Decision::allow_all("u"))
}

/// Refused before the function: 500, `InvalidEvent`, no response at all.
#[track_caller]
fn assert_refused(what: &str, invocation: &testing::Invocation) {
    let error = invocation.error().unwrap_or_else(|| panic!("{what}: answered {:?}", invocation.reply()));
    assert_eq!(error.error_type, ErrorType::InvalidEvent, "{what}: {}", error.error_message);
    assert!(error.error_message.contains("is not an execute-api ARN"), "{what}: {}", error.error_message);
    assert_eq!(invocation.status(), 500, "{what}");
    assert!(invocation.response().is_none(), "{what}");
}

/// The function's own kind, and `AnyRequest`, for every kind of event.
macro_rules! invoke_each {
    ($name:expr, $event:expr, $check:expr) => {{
        let (name, event): (&str, Value) = ($name, $event);
        let check = $check;
        match name {
            "TOKEN" => {
                check(&format!("{name} allow_request"), testing::invoke(allow_request::<TokenRequest>, event.clone()));
                check(&format!("{name} allow_all"), testing::invoke(allow_all::<TokenRequest>, event.clone()));
            }
            "REQUEST" => {
                check(&format!("{name} allow_request"), testing::invoke(allow_request::<RestRequest>, event.clone()));
                check(&format!("{name} allow_all"), testing::invoke(allow_all::<RestRequest>, event.clone()));
            }
            "HTTP API 1.0" => {
                check(&format!("{name} allow_request"), testing::invoke(allow_request::<HttpV1Request>, event.clone()));
                check(&format!("{name} allow_all"), testing::invoke(allow_all::<HttpV1Request>, event.clone()));
            }
            "HTTP API 2.0" => {
                check(&format!("{name} simple"), testing::invoke(allow_request::<HttpV2Request>, event.clone()));
                check(
                    &format!("{name} IAM policy"),
                    testing::invoke(allow_request::<HttpV2Request<IamPolicy>>, event.clone()),
                );
                check(&format!("{name} allow_all"), testing::invoke(allow_all::<HttpV2Request>, event.clone()));
            }
            "WebSocket" => {
                check(
                    &format!("{name} allow_request"),
                    testing::invoke(allow_request::<WebSocketRequest>, event.clone()),
                );
                check(&format!("{name} allow_all"), testing::invoke(allow_all::<WebSocketRequest>, event.clone()));
            }
            other => unreachable!("{other}"),
        }
        check(&format!("{name} as AnyRequest"), testing::invoke(allow_request::<AnyRequest>, event.clone()));
        check(&format!("{name} as AnyRequest, allow_all"), testing::invoke(allow_all::<AnyRequest>, event));
    }};
}

#[test]
fn every_kind_refuses_a_wildcard_before_the_path() {
    for arn in HOSTILE_METHOD_ARNS {
        for (name, event) in method_events(arn) {
            invoke_each!(name, event, |what: &str, invocation| assert_refused(&format!("{what} {arn}"), &invocation));
        }
    }
}

#[test]
fn websocket_refuses_a_wildcard_route_key_or_stage() {
    for arn in HOSTILE_WEBSOCKET_ARNS {
        invoke_each!("WebSocket", websocket_event(arn), |what: &str, invocation| {
            assert_refused(&format!("{what} {arn}"), &invocation);
        });
    }
}

#[test]
fn the_same_events_with_plain_parts_are_answered() {
    for (name, event) in
        method_events("arn:aws-us-gov:execute-api:us-gov-west-1:123456789012:abcdef123/test/GET/request")
    {
        invoke_each!(name, event, |what: &str, invocation: testing::Invocation| {
            assert_eq!(invocation.status(), 200, "{what}: {:?}", invocation.reply());
        });
    }
    let event = websocket_event("arn:aws:execute-api:us-east-1:123456789012:abcdef123/default/$connect");
    invoke_each!("WebSocket", event, |what: &str, invocation: testing::Invocation| {
        assert_eq!(invocation.status(), 200, "{what}: {:?}", invocation.reply());
    });
}

#[test]
fn the_console_tests_star_verb_is_parsed_but_never_allowed_as_is() {
    for (name, event) in method_events(CONSOLE_TEST_ARN) {
        invoke_each!(name, event.clone(), |what: &str, invocation: testing::Invocation| {
            if what.contains("allow_all") {
                // The stage-wide Allow the decision declared: `.../ESTestInvoke-stage/*/*`.
                assert_eq!(invocation.status(), 200, "{what}: {:?}", invocation.reply());
                return;
            }
            let error = invocation.error().unwrap_or_else(|| panic!("{what}: answered {:?}", invocation.reply()));
            assert_eq!(error.error_type, ErrorType::InvalidDecision, "{what}: {}", error.error_message);
            assert!(error.error_message.contains("verb"), "{what}: {}", error.error_message);
            assert_eq!(invocation.status(), 500, "{what}");
        });
        // Denying it, or allowing declared routes, is fine.
        let deny = |_: AnyRequest| -> Result<Decision, Error> { Ok(Decision::deny_request("u")) };
        let denied = testing::invoke(deny, event.clone());
        assert_eq!(denied.status(), 403, "{name}: {:?}", denied.reply());
        let pets = |_: AnyRequest<IamPolicy>| -> Result<Decision, Error> {
            Ok(Decision::allow("u").route(Route::get("/pets")))
        };
        let declared = testing::invoke(pets, event).response().unwrap();
        if let Some(policy) = declared.get("policyDocument") {
            assert_eq!(
                policy["Statement"][0]["Resource"],
                "arn:aws:execute-api:us-east-1:123456789012:ivdtdhp7b5/ESTestInvoke-stage/GET/pets",
                "{name}"
            );
        }
    }
}
