//! The same authorizer served two ways, end to end: by the `main` `#[authorizer]` generates
//! (`probe-token`, `probe-request`) and through `lambda_runtime`
//! (`authorizer_core::lambda_runtime::service`, in `probe-lambda-runtime`). Every reference
//! event and every probe action goes to both; they must post the same bytes: the same
//! response, or the same `errorType` and `errorMessage`.
//!
//! One difference is `lambda_runtime`'s own: it posts every error with
//! `Lambda-Runtime-Function-Error-Type: unhandled` where the generated `main` posts the
//! `errorType` (the body, which API Gateway reads, is the same).

mod e2e_support;

use std::path::PathBuf;

use authorizer_local::{Function, FunctionBuilder, Invocation, Outcome, RuntimeApi};
use e2e_support::*;

const LAMBDA_RUNTIME_PROBE: &str = env!("CARGO_BIN_EXE_probe-lambda-runtime");

/// The error type header `lambda_runtime` 1.5 posts with every error.
const LAMBDA_RUNTIME_ERROR_TYPE: &str = "unhandled";

/// Every action of `probe-token` (its table), and one it does not have.
const TOKEN_ACTIONS: [&str; 23] = [
    "allow",
    "slow",
    "spawned-panic",
    "no-route",
    "lambda-context",
    "deadline",
    "deny",
    "panic-sync",
    "panic-async",
    "io-error",
    "chain",
    "unauthorized",
    "unauthorized-reason",
    "nan",
    "infinity",
    "bad-pattern",
    "unbound",
    "bind-star",
    "bind-slash",
    "too-long",
    "panicking-display",
    "panicking-context",
    "no-such-action",
];

/// Every action of `probe-request` (its table), and one it does not have.
const REQUEST_ACTIONS: [&str; 5] = ["allow", "io-error", "panic", "unauthorized-reason", "no-such-action"];

/// How both processes serve: one invocation at a time, or as Lambda Managed Instances do.
#[derive(Clone, Copy)]
enum Mode {
    Sequential,
    Concurrent,
}

/// One function under both runtimes, each under a Runtime API of its own.
struct Pair {
    ours: (RuntimeApi, Function),
    theirs: (RuntimeApi, Function),
}

impl Pair {
    /// `program` and `probe-lambda-runtime` serving the same function (`authorizer`:
    /// `token` or `request`).
    fn start(program: &str, authorizer: &str, mode: Mode) -> Pair {
        let configure = |builder: FunctionBuilder| match mode {
            Mode::Sequential => builder,
            Mode::Concurrent => builder.env("AWS_LAMBDA_MAX_CONCURRENCY", "4").env("PROBE_RUN", "concurrent"),
        };
        let start = |builder: FunctionBuilder| {
            let api = runtime_api();
            let function = configure(builder).spawn(&api);
            (api, function)
        };
        let pair = Pair {
            ours: start(probe(program)),
            theirs: start(probe(LAMBDA_RUNTIME_PROBE).env("PROBE_AUTHORIZER", authorizer)),
        };
        if let Mode::Concurrent = mode {
            for (label, (api, _function)) in [("ours", &pair.ours), ("lambda_runtime", &pair.theirs)] {
                assert!(api.wait_for_polls(4, SOON), "{label}: four polls of next at once");
            }
        }
        pair
    }

    /// Sends `event` to both and returns what differs, if anything, naming the event.
    fn compare(&self, name: &str, event: &[u8]) -> Option<String> {
        let ours = self.ours.0.invoke(event);
        let theirs = self.theirs.0.invoke(event);
        let (ours_body, theirs_body) = (comparable(&ours, &self.ours.1), comparable(&theirs, &self.theirs.1));
        if ours_body != theirs_body {
            return Some(format!(
                "{name}: the posted bytes differ\n  ours:           {ours_body}\n  lambda_runtime: {theirs_body}"
            ));
        }
        match (&ours.outcome, &theirs.outcome) {
            (Outcome::Response(_), Outcome::Response(_)) => None,
            (Outcome::Error { body, .. }, Outcome::Error { error_type_header, .. }) => {
                let error_type = body["errorType"].as_str().unwrap_or_default();
                // The generated `main`'s error: the header is its errorType, and only a 401 reads
                // `Unauthorized`.
                expect_error(&ours, error_type);
                (error_type_header.as_deref() != Some(LAMBDA_RUNTIME_ERROR_TYPE))
                    .then(|| format!("{name}: lambda_runtime posted the error type header {error_type_header:?}"))
            }
            _ => Some(format!("{name}: one posted a response, the other an error: {ours_body}")),
        }
    }

    /// Stops both and checks that neither showed a credential.
    fn finish(self) {
        for (label, (_api, function)) in [("ours", self.ours), ("lambda_runtime", self.theirs)] {
            let output = finish(function);
            assert_no_secret(&output, &format!("the output of the function served by {label}"));
        }
    }
}

/// The posted body, with what is by design different for each invocation and process (ids,
/// deadline, process id, and the id of a Tokio task, which counts the tasks the runtime
/// spawned before) named instead.
fn comparable(invocation: &Invocation, function: &Function) -> String {
    let deadline = invocation.deadline_ms.to_string();
    let body = String::from_utf8_lossy(&invocation.raw_body)
        .replace(&invocation.request_id, "<request id>")
        .replace(&invocation.trace_id, "<trace id>")
        .replace(&deadline, "<deadline>")
        .replace(&format!(r#""pid":{}"#, function.pid()), r#""pid":<pid>"#);
    without_task_ids(&body)
}

/// `task 12 panicked` (a Tokio `JoinError`) as `task <id> panicked`.
fn without_task_ids(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("task ") {
        let (before, after) = rest.split_at(at + "task ".len());
        out.push_str(before);
        let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits > 0 && after[digits..].starts_with(" panicked") {
            out.push_str("<id>");
        } else {
            out.push_str(&after[..digits]);
        }
        rest = &after[digits..];
    }
    out.push_str(rest);
    out
}

/// The reference events: every fixture at the top of `authorizer-core/tests/fixtures`, by
/// file name, in name order.
fn fixtures() -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../authorizer-core/tests/fixtures");
    let mut events: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .map(|path| {
            let name = path.file_name().expect("a file name").to_string_lossy().into_owned();
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (format!("fixture {name}"), bytes)
        })
        .collect();
    events.sort();
    assert!(events.len() >= 10, "the fixtures are found: {events:?}");
    events
}

/// The events each function gets: the fixtures, its probe's actions, and the other kind's
/// event.
fn events(authorizer: &str) -> Vec<(String, Vec<u8>)> {
    let json = |value: serde_json::Value| value.to_string().into_bytes();
    let mut events = fixtures();
    if authorizer == "token" {
        events.extend(TOKEN_ACTIONS.map(|action| (format!("TOKEN action {action}"), json(secret_token_event(action)))));
        events.push(("TOKEN action allow, not a bearer token".into(), json(token_event("allow"))));
        events.push(("a REQUEST event".into(), json(secret_request_event("allow"))));
    } else {
        events.extend(
            REQUEST_ACTIONS.map(|action| (format!("REQUEST action {action}"), json(secret_request_event(action)))),
        );
        events.push(("REQUEST without a bearer token".into(), json(request_event(None, "allow"))));
        events.push(("a TOKEN event".into(), json(secret_token_event("allow"))));
    }
    events
}

fn assert_both_post_the_same(mode: Mode) {
    let mut differences = Vec::new();
    let mut compared = 0;
    for (program, authorizer) in [(TOKEN_PROBE, "token"), (REQUEST_PROBE, "request")] {
        let pair = Pair::start(program, authorizer, mode);
        for (name, event) in events(authorizer) {
            compared += 1;
            differences.extend(pair.compare(&format!("{authorizer} authorizer, {name}"), &event));
        }
        pair.finish();
    }
    assert!(differences.is_empty(), "{} of {compared} events:\n{}", differences.len(), differences.join("\n"));
}

#[test]
fn task_ids_are_named() {
    let text = r#"the task failed: task 12 panicked with message "task 3 of 4", task 7"#;
    assert_eq!(without_task_ids(text), r#"the task failed: task <id> panicked with message "task 3 of 4", task 7"#);
}

#[test]
fn one_at_a_time_both_runtimes_post_the_same() {
    assert_both_post_the_same(Mode::Sequential);
}

#[test]
fn as_managed_instances_both_runtimes_post_the_same() {
    assert_both_post_the_same(Mode::Concurrent);
}
