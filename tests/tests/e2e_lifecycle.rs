//! End to end, through real `#[authorizer]` binaries over HTTP: the process's life. Cold
//! start, shared state built once, init failures reported and fatal, the trace id and the
//! deadline handed to the function, and a clear refusal to run outside Lambda.

mod e2e_support;

use std::collections::HashSet;
use std::time::{Duration, Instant};

use authorizer_local::{Endpoint, INIT_ERROR_PATH, InvokeError, NEXT_PATH, RecordedRequest, RuntimeApi};
use e2e_support::*;

/// Promise 7: the first thing a binary does is `GET .../invocation/next`, with or without
/// shared state, sync or async `init`.
#[test]
fn the_first_request_after_start_is_next() {
    for program in [TOKEN_PROBE, REQUEST_PROBE, STATE_SYNC_PROBE, STATE_ASYNC_PROBE] {
        let api = runtime_api();
        let function = probe(program).spawn(&api);
        assert!(api.wait_for_poll(SOON), "{program} never polled next; requests: {:?}", api.requests());
        let next = RecordedRequest { method: "GET".to_owned(), path: NEXT_PATH.to_owned() };
        assert_eq!(api.requests(), [next], "{program}");
        finish(function);
    }
}

/// The cold start as the benchmarks measure it: the first `next` arrives after the process was
/// spawned and no later than the test sees it polling, and later polls leave it as it is.
#[test]
fn the_first_poll_arrives_after_the_spawn() {
    let api = runtime_api();
    assert_eq!(api.first_poll_at(), None);
    let before = Instant::now();
    let function = probe(TOKEN_PROBE).spawn(&api);
    let spawned_at = function.spawned_at();
    assert!(before <= spawned_at, "spawned_at is before the call to spawn");
    assert!(api.wait_for_poll(SOON), "never polled next; requests: {:?}", api.requests());
    let seen = Instant::now();
    let first = api.first_poll_at().expect("the first poll's arrival");
    assert!(spawned_at < first && first <= seen, "{spawned_at:?} < {first:?} <= {seen:?} does not hold");
    allowed_pid(&api);
    assert!(api.wait_for_poll(SOON), "it did not poll again");
    assert_eq!(api.first_poll_at(), Some(first));
    finish(function);
}

/// Promise 5: `init` runs once, before the first event, and every invocation shares what
/// it built: sync and async `init`, sync and async functions.
#[test]
fn init_runs_exactly_once_and_its_state_is_shared() {
    const INVOCATIONS: u64 = 25;
    for program in [STATE_SYNC_PROBE, STATE_ASYNC_PROBE] {
        let api = runtime_api();
        let function = probe(program).spawn(&api);
        for n in 1..=INVOCATIONS {
            let invocation = api.invoke_json(&token_event("allow"));
            let context = &invocation.expect_response()["context"];
            assert_eq!(context["initCalls"], 1, "{program}, invocation {n}: {context}");
            assert_eq!(context["invocation"], n, "{program}: the state is not shared: {context}");
            assert_eq!(context["pid"], u64::from(function.pid()), "{program}: {context}");
            if program == STATE_ASYNC_PROBE {
                assert_eq!(context["builtAtCall"], 1, "{context}");
            }
        }
        finish(function);
    }
}

/// Promise 6: `init` failing (an error, a panic; sync and async) is posted to
/// `/runtime/init/error` as an `InitError` with the error-type header; the binary never
/// polls `next`, never answers an event, and exits with a failure.
#[test]
fn a_failed_init_is_reported_and_the_process_exits_without_taking_events() {
    for (program, mode, said) in [
        (STATE_SYNC_PROBE, "fail", "the probe's sync init found no config"),
        (STATE_SYNC_PROBE, "panic", "panicked"),
        (STATE_ASYNC_PROBE, "fail", "the probe's async init found no config"),
        (STATE_ASYNC_PROBE, "panic", "panicked"),
    ] {
        let case = format!("{program} with PROBE_INIT={mode}");
        let api = runtime_api();
        let mut function = probe(program).env("PROBE_INIT", mode).spawn(&api);
        let init = api.init_error(SOON).unwrap_or_else(|| panic!("{case}: no init error; {:?}", api.requests()));
        assert_eq!(init.body["errorType"], "InitError", "{case}: {}", init.body_text());
        let message = init.body["errorMessage"].as_str().unwrap_or_default();
        assert!(message.contains(said), "{case}: {message}");
        assert!(init.error_type_header.as_deref().is_some_and(|h| !h.is_empty()), "{case}: no error-type header");

        let status = function.wait_exit(SOON).unwrap_or_else(|| panic!("{case}: still running after init failed"));
        assert!(status.code().is_some_and(|code| code != 0), "{case}: exited with {status}");
        let init_error = RecordedRequest { method: "POST".to_owned(), path: INIT_ERROR_PATH.to_owned() };
        assert_eq!(api.requests(), [init_error], "{case}: it must never poll next");
        // An event queued now is never taken, let alone allowed.
        let refused = api.try_invoke(token_event("allow").to_string().as_bytes(), Duration::from_millis(50));
        assert!(matches!(refused, Err(InvokeError::InitFailed(_))), "{case}: {refused:?}");
        assert!(!api.requests().iter().any(|r| r.endpoint() == Endpoint::Next), "{case}");
    }
}

/// Promise 12, for init errors: like every other error, the init error's
/// `Lambda-Runtime-Function-Error-Type` header is its `errorType`.
#[test]
fn a_failed_init_has_the_error_type_header_of_its_error_type() {
    let api = runtime_api();
    let function = probe(STATE_SYNC_PROBE).env("PROBE_INIT", "fail").spawn(&api);
    let init = api.init_error(SOON).expect("an init error");
    assert_eq!(init.error_type_header.as_deref(), Some("InitError"), "body: {}", init.body_text());
    finish(function);
}

/// Promise 8: the trace id of each event reaches the function as `_X_AMZN_TRACE_ID`, fresh
/// for every invocation.
#[test]
fn each_invocation_sees_its_own_trace_id() {
    let api = runtime_api();
    let function = probe(TOKEN_PROBE).spawn(&api);
    let mut seen = HashSet::new();
    for _ in 0..5 {
        let invocation = api.invoke_json(&token_event("allow"));
        let context = &invocation.expect_response()["context"];
        assert_eq!(context["traceId"], invocation.trace_id.as_str(), "{context}");
        assert!(seen.insert(invocation.trace_id.clone()), "the runtime API repeated a trace id");
    }
    finish(function);
}

/// `authorizer_core::deadline()` is the event's `Lambda-Runtime-Deadline-Ms`, after an
/// `.await` too, fresh for every invocation.
#[test]
fn each_invocation_sees_its_own_deadline() {
    let api = runtime_api();
    let function = probe(TOKEN_PROBE).spawn(&api);
    for _ in 0..3 {
        let invocation = api.invoke_json(&token_event("deadline"));
        let message = expect_error(&invocation, "AuthorizerError");
        let expected = format!("due at Some({}), time left: true", invocation.deadline_ms);
        assert!(message.ends_with(&expected), "{message}, expected {expected}");
    }
    finish(function);
}

/// Promise 10: run outside Lambda, the binary says what it is and how to run it, and fails.
#[test]
fn without_a_runtime_api_the_binary_explains_itself_and_fails() {
    for program in [TOKEN_PROBE, STATE_ASYNC_PROBE] {
        let api = RuntimeApi::start();
        let mut function = probe(program).env_remove("AWS_LAMBDA_RUNTIME_API").spawn(&api);
        let status = function.wait_exit(SOON).unwrap_or_else(|| panic!("{program} kept running"));
        assert!(status.code().is_some_and(|code| code != 0), "{program} exited with {status}");
        let output = function.output();
        for needle in ["AWS_LAMBDA_RUNTIME_API", "Lambda authorizer", "cargo lambda watch"] {
            assert!(output.contains(needle), "{program}: {needle:?} missing from:\n{output}");
        }
        assert!(api.requests().is_empty(), "{program}: {:?}", api.requests());
    }
}
