//! End to end, through real `#[authorizer]` binaries over HTTP: every way an invocation can
//! fail is a Lambda error of its own type, never a response, never a 401 by accident, never
//! a leaked credential, and the process keeps serving.

mod e2e_support;

use std::time::Duration;

use authorizer_local::{Function, RuntimeApi};
use e2e_support::*;
use serde_json::json;

/// Spawns the probe and checks that it serves, returning the process and its id.
fn serving(program: &str, api: &RuntimeApi) -> (Function, u64) {
    let function = probe(program).spawn(api);
    let pid = allowed_pid(api);
    assert_eq!(pid, u64::from(function.pid()), "the allow came from another process");
    (function, pid)
}

/// Promise 1: a panic, before the first `.await` or after one, is an `AuthorizerPanic` with
/// the token masked, and the same process goes on to answer the next event normally.
#[test]
fn a_panic_is_an_authorizer_panic_and_the_process_keeps_serving() {
    let api = runtime_api();
    let (mut function, pid) = serving(TOKEN_PROBE, &api);
    for (action, said) in [("panic-sync", "before awaiting"), ("panic-async", "after awaiting")] {
        let invocation = api.invoke_json(&secret_token_event(action));
        let message = expect_error(&invocation, "AuthorizerPanic");
        assert!(message.contains(&format!("probe panicked {said}, on [redacted] ([redacted])")), "{message}");
        assert_no_secret(&invocation.body_text(), "the posted error");
        assert!(function.is_alive(), "the process died of a panic in {action}");
        assert_eq!(allowed_pid(&api), pid, "after {action}");
    }
    let output = finish(function);
    assert_no_secret(&output, "the function's output");
    assert_eq!(lines_with(&output, "panicked").len(), 2, "one log line per panic:\n{output}");
}

/// Promise 1, for the user's code that the framework runs after the function returns (an
/// error's `Display`, a context value's `write_value`): a panic there is still the user's
/// panic, an `AuthorizerPanic` with the token masked, and the process keeps serving.
fn assert_a_late_panic_is_an_authorizer_panic(action: &str) {
    let api = runtime_api();
    let (mut function, pid) = serving(TOKEN_PROBE, &api);
    // The probe answers in milliseconds; no need to wait the default 5 s for a dead process.
    let invocation = api.try_invoke(secret_token_event(action).to_string().as_bytes(), Duration::from_secs(2));
    let alive = function.is_alive();
    // The same process still serves the next event.
    let next_pid = alive.then(|| allowed_pid(&api));
    let output = finish(function);
    let leaked = output.contains(SECRET);
    assert!(
        alive && !leaked,
        "{action}: process alive {alive}, credential in its output {leaked}; posted {invocation:?}; output:\n{output}"
    );
    let invocation = invocation.unwrap_or_else(|e| panic!("{action}: {e}"));
    let message = expect_error(&invocation, "AuthorizerPanic");
    assert!(message.contains("panicked on [redacted]"), "{action}: {message}");
    assert_no_secret(&invocation.body_text(), "the posted error");
    assert_eq!(next_pid, Some(pid), "after {action}");
}

#[test]
fn a_panic_in_the_errors_display_is_an_authorizer_panic() {
    assert_a_late_panic_is_an_authorizer_panic("panicking-display");
}

#[test]
fn a_panic_in_a_context_value_is_an_authorizer_panic() {
    assert_a_late_panic_is_an_authorizer_panic("panicking-context");
}

/// Promise 1, for a sync function (the panic happens inside the call itself) with shared
/// state: the state survives the panic.
#[test]
fn a_panic_in_a_sync_function_keeps_the_process_and_its_state() {
    let api = runtime_api();
    let function = probe(STATE_SYNC_PROBE).spawn(&api);
    let first = api.invoke_json(&token_event("allow"));
    assert_eq!(first.expect_response()["context"]["invocation"], 1);
    let message = expect_error(&api.invoke_json(&token_event("explode")), "AuthorizerPanic");
    assert!(message.contains("the probe's sync authorizer panicked"), "{message}");
    let after = api.invoke_json(&token_event("allow"));
    let context = &after.expect_response()["context"];
    assert_eq!(context["invocation"], 2, "the state was lost: {context}");
    assert_eq!(context["pid"], u64::from(function.pid()));
    finish(function);
}

/// Promise 2: an error returned with `?` is an `AuthorizerError` whose message is the error
/// and its `source()` chain, with the token masked wherever it was quoted.
#[test]
fn an_error_is_an_authorizer_error_with_its_chain_and_no_token() {
    let api = runtime_api();
    let (function, pid) = serving(TOKEN_PROBE, &api);
    for (action, expected) in [
        ("io-error", "key store refused [redacted]"),
        ("chain", "lookup failed for [redacted]: upstream timed out for [redacted]"),
    ] {
        let invocation = api.invoke_json(&secret_token_event(action));
        let message = expect_error(&invocation, "AuthorizerError");
        assert!(message.contains(expected), "{action}: {message}");
        assert_no_secret(&invocation.body_text(), "the posted error");
        assert_eq!(allowed_pid(&api), pid, "after {action}");
    }
    let output = finish(function);
    assert_no_secret(&output, "the function's output");
    assert!(!lines_with(&output, "upstream timed out for [redacted]").is_empty(), "the chain is not logged:\n{output}");
}

/// Promise 2, for a REQUEST authorizer: `Authorization: Bearer <token>` is masked, the whole
/// header value and the token alone, in errors, panics and logs.
#[test]
fn a_request_authorizer_never_shows_the_authorization_header() {
    let api = runtime_api();
    let function = probe(REQUEST_PROBE).spawn(&api);
    let allowed = api.invoke_json(&secret_request_event("allow"));
    assert_eq!(allowed.expect_response()["policyDocument"]["Statement"][0]["Resource"], METHOD_ARN);

    let failed = api.invoke_json(&secret_request_event("io-error"));
    let message = expect_error(&failed, "AuthorizerError");
    assert!(message.contains("backend refused `[redacted]`"), "{message}");
    let panicked = api.invoke_json(&secret_request_event("panic"));
    let message = expect_error(&panicked, "AuthorizerPanic");
    assert!(message.contains("probe panicked on `[redacted]` (token [redacted])"), "{message}");
    let refused = api.invoke_json(&secret_request_event("unauthorized-reason"));
    expect_error(&refused, "Unauthorized");
    for invocation in [&failed, &panicked, &refused] {
        assert_no_secret(&invocation.body_text(), "the posted error");
    }
    api.invoke_json(&secret_request_event("allow")).expect_response();
    let output = finish(function);
    assert_no_secret(&output, "the function's output");
    assert!(!lines_with(&output, "the probe refuses [redacted]").is_empty(), "{output}");
}

/// Promise 3: `Unauthorized` and `Error::unauthorized(reason)` post exactly API Gateway's 401
/// body; the reason is logged at INFO (masked), and a 401 never makes an ERROR line.
#[test]
fn unauthorized_posts_exactly_the_401_body_and_logs_its_reason_at_info() {
    let api = runtime_api();
    let token_probe = probe(TOKEN_PROBE).spawn(&api);
    let request_api = runtime_api();
    let request_probe = probe(REQUEST_PROBE).spawn(&request_api);
    let invocations = [
        api.invoke_json(&secret_token_event("unauthorized")),
        api.invoke_json(&secret_token_event("unauthorized-reason")),
        request_api.invoke_json(&request_event(None, "allow")),
        request_api.invoke_json(&secret_request_event("unauthorized-reason")),
    ];
    for invocation in &invocations {
        assert_eq!(expect_error(invocation, "Unauthorized"), "Unauthorized");
        assert_eq!(invocation.body_text(), UNAUTHORIZED_BODY);
    }
    allowed_pid(&api);

    for output in [finish(token_probe), finish(request_probe)] {
        assert_no_secret(&output, "the function's output");
        let reasons = lines_with(&output, "the probe refuses [redacted]");
        assert_eq!(reasons.len(), 1, "the reason is logged once:\n{output}");
        let unauthorized = lines_with(&output, "unauthorized (401)");
        assert_eq!(unauthorized.len(), 2, "one line per 401:\n{output}");
        for line in unauthorized {
            assert_eq!(text_level(line), Some("INFO"), "a 401 is not an error: {line}");
        }
        assert!(lines_with(&output, "ERROR").is_empty(), "a 401 made an ERROR line:\n{output}");
    }
}

/// Promise 4: a decision that cannot become a valid response fails the invocation with
/// `InvalidDecision`, never a response, and the process keeps serving.
#[test]
fn an_invalid_decision_is_an_invalid_decision_error_never_a_response() {
    let api = runtime_api();
    let (function, pid) = serving(TOKEN_PROBE, &api);
    for (action, said) in [
        ("nan", "`ratio`"),
        ("infinity", "`ratio`"),
        ("bad-pattern", "`/pets?`"),
        ("unbound", "`{id}` has no value"),
        ("bind-star", "`{id}`"),
        ("bind-slash", "`{id}`"),
        ("too-long", "512"),
    ] {
        let invocation = api.invoke_json(&token_event(action));
        let message = expect_error(&invocation, "InvalidDecision");
        assert!(message.contains(said), "{action}: {message}");
        assert!(!message.contains("u-1/../admin"), "the bound value is request data: {message}");
        assert_eq!(allowed_pid(&api), pid, "after {action}");
    }
    let output = finish(function);
    assert_eq!(lines_with(&output, "the decision cannot be sent").len(), 7, "{output}");
}

/// A panic in a task the function spawned is printed without its message (it may quote a
/// credential the runtime cannot know to mask); the function's own error quoting it is masked.
#[test]
fn a_panic_in_a_spawned_task_prints_no_credential() {
    let api = runtime_api();
    let (function, pid) = serving(TOKEN_PROBE, &api);
    let invocation = api.invoke_json(&secret_token_event("spawned-panic"));
    let message = expect_error(&invocation, "AuthorizerError");
    assert!(message.contains("the task failed"), "{message}");
    assert_no_secret(&invocation.body_text(), "the posted error");
    assert_eq!(allowed_pid(&api), pid, "the process keeps serving");
    let output = finish(function);
    let printed = lines_with(&output, "panicked at");
    assert_eq!(printed.len(), 1, "{output}");
    assert!(printed[0].contains("its message is not shown"), "{}", printed[0]);
    assert_no_secret(&output, "the function's output");
}

/// A decision that allows no route becomes a Deny of every route, logged at WARN, with the
/// principal (here the whole credential) masked like every other line.
#[test]
fn a_decision_allowing_no_route_denies_everything_and_logs_no_credential() {
    let api = runtime_api();
    let (function, _) = serving(TOKEN_PROBE, &api);
    let invocation = api.invoke_json(&secret_token_event("no-route"));
    let policy = invocation.expect_response();
    assert_eq!(policy["policyDocument"]["Statement"][0]["Effect"], "Deny", "{policy}");
    let output = finish(function);
    let warned = lines_with(&output, "allows no route");
    assert_eq!(warned.len(), 1, "{output}");
    assert_eq!(text_level(warned[0]), Some("WARN"), "{}", warned[0]);
    assert_no_secret(&output, "the function's output");
}

/// Promise 11: an event that is not the authorizer's kind is an `InvalidEvent`, and the
/// process keeps serving.
#[test]
fn an_invalid_event_is_an_invalid_event_error_and_the_process_keeps_serving() {
    let api = runtime_api();
    let (token_probe, pid) = serving(TOKEN_PROBE, &api);
    let request = request_event(Some("Bearer allow"), "allow").to_string();
    for (what, event) in [
        ("an empty body", ""),
        ("non-JSON", "not json"),
        ("a JSON array", r#"[{"type":"TOKEN","authorizationToken":"allow"}]"#),
        ("a REQUEST event", request.as_str()),
        ("a TOKEN event without methodArn", r#"{"type":"TOKEN","authorizationToken":"allow"}"#),
    ] {
        let invocation = api.invoke(event.as_bytes());
        let message = expect_error(&invocation, "InvalidEvent");
        assert!(message.contains("REST TOKEN"), "{what}: {message}");
        assert_eq!(allowed_pid(&api), pid, "after {what}");
    }
    finish(token_probe);

    let api = runtime_api();
    let request_probe = probe(REQUEST_PROBE).spawn(&api);
    let http_api_v2 = json!({
        "version": "2.0", "type": "REQUEST",
        "routeArn": METHOD_ARN, "identitySource": ["Bearer allow"], "routeKey": "GET /pets/{id}",
        "rawPath": "/pets/1", "rawQueryString": "", "headers": {"authorization": "Bearer allow"},
        "requestContext": {"accountId": "123456789012", "apiId": "abcdef1234", "stage": "prod",
            "http": {"method": "GET", "path": "/pets/1", "protocol": "HTTP/1.1", "sourceIp": "203.0.113.7"}}
    });
    // The same event with a `methodArn` too: still an HTTP API's.
    let mut with_method_arn = http_api_v2.clone();
    with_method_arn["methodArn"] = METHOD_ARN.into();
    for (what, event) in [
        ("an HTTP API 2.0 event", &http_api_v2),
        ("an HTTP API 2.0 event with a methodArn", &with_method_arn),
        ("a TOKEN event", &token_event("Bearer allow")),
    ] {
        let invocation = api.invoke_json(event);
        let message = expect_error(&invocation, "InvalidEvent");
        assert!(message.contains("REST REQUEST"), "{what}: {message}");
        api.invoke_json(&request_event(Some("Bearer allow"), "allow")).expect_response();
    }
    finish(request_probe);
}
