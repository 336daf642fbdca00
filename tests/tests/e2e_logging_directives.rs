//! End to end, through a real `#[authorizer]` binary (`probe-logging`) over HTTP: `RUST_LOG`
//! directives per target, Lambda's JSON keys with each invocation's request and trace ids,
//! a directive that cannot be read, and a subscriber of the user's own.

mod e2e_support;

use authorizer_local::Invocation;
use e2e_support::*;
use serde_json::Value;

const LOGGING_PROBE: &str = env!("CARGO_BIN_EXE_probe-logging");

/// Runs the probe with `env` through an allow and a deny; returns its standard output and
/// the two invocations.
fn run(env: &[(&str, &str)]) -> (String, Vec<Invocation>) {
    let api = runtime_api();
    let mut builder = probe(LOGGING_PROBE);
    for (key, value) in env {
        builder = builder.env(key, value);
    }
    let mut function = builder.spawn(&api);
    let allowed = api.invoke_json(&token_event("allow"));
    allowed.expect_response();
    let denied = api.invoke_json(&token_event("deny"));
    assert_eq!(denied.expect_response()["policyDocument"]["Statement"][0]["Effect"], "Deny");
    function.kill();
    function.wait_exit(SOON);
    (function.stdout(), vec![allowed, denied])
}

/// `2023-12-08T23:21:04.632Z`.
fn is_lambda_timestamp(text: &str) -> bool {
    let digits = |range: std::ops::Range<usize>| text.get(range).is_some_and(|d| d.bytes().all(|b| b.is_ascii_digit()));
    text.len() == 24
        && [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':'), (19, b'.'), (23, b'Z')]
            .iter()
            .all(|&(at, byte)| text.as_bytes()[at] == byte)
        && [0..4, 5..7, 8..10, 11..13, 14..16, 17..19, 20..23].into_iter().all(digits)
}

/// `RUST_LOG=warn,probe_logging=debug,probe_logging::noisy=off,authorizer_core=info` with
/// `AWS_LAMBDA_LOG_FORMAT=JSON`: each target at its own level, every line a JSON object
/// with Lambda's keys, and each invocation's lines with its request id and trace id.
#[test]
fn rust_log_directives_and_lambda_json_keys() {
    let directives = "warn,probe_logging=debug,probe_logging::noisy=off,authorizer_core=info";
    let (stdout, invocations) = run(&[("AWS_LAMBDA_LOG_FORMAT", "JSON"), ("RUST_LOG", directives)]);
    let lines: Vec<(&str, Value)> = stdout
        .lines()
        .map(|line| (line, serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"))))
        .collect();
    for (raw, line) in &lines {
        assert!(raw.starts_with("{\"timestamp\":\""), "{raw}");
        assert!(is_lambda_timestamp(line["timestamp"].as_str().unwrap_or_default()), "{raw}");
        assert!(line["message"].is_string(), "{raw}");
    }
    let messages = |message: &str| -> Vec<&(&str, Value)> {
        lines.iter().filter(|(_, line)| line["message"].as_str() == Some(message)).collect()
    };
    // probe_logging=debug: its DEBUG, INFO and WARN lines, not its TRACE ones.
    assert!(messages("probe trace").is_empty(), "{stdout}");
    assert!(messages("noisy info").is_empty(), "probe_logging::noisy=off:\n{stdout}");
    for (message, level) in [("probe debug", "DEBUG"), ("probe info", "INFO"), ("probe warn", "WARN")] {
        let found = messages(message);
        assert_eq!(found.len(), 2, "{message} once per invocation:\n{stdout}");
        for ((raw, line), invocation) in found.iter().zip(&invocations) {
            // Lambda's keys, in the order of Lambda's .NET runtime, then the span's and the
            // event's fields.
            let head = format!(
                "\",\"level\":\"{level}\",\"requestId\":\"{}\",\"traceId\":\"{}\",\"message\":\"{message}\",\"step\":1",
                invocation.request_id, invocation.trace_id
            );
            assert!(raw.contains(&head), "{raw}\nwanted {head}");
            assert_eq!(line["requestId"], invocation.request_id.as_str());
            assert_eq!(line["traceId"], invocation.trace_id.as_str());
        }
    }
    assert_eq!(messages("probe debug")[0].1["detail"], "d");
    // authorizer_core=info: the deny (INFO), with the deny's request id; not the allow (DEBUG).
    let denied: Vec<_> =
        lines.iter().filter(|(_, line)| line["message"].as_str().is_some_and(|m| m.starts_with("denied"))).collect();
    assert_eq!(denied.len(), 1, "{stdout}");
    assert_eq!(denied[0].1["level"], "INFO");
    assert_eq!(denied[0].1["requestId"], invocations[1].request_id.as_str());
    assert_eq!(denied[0].1["reason"], "the probe denies");
    assert!(lines.iter().all(|(_, line)| line["message"] != "allowed"), "authorizer_core=info:\n{stdout}");
    // Nothing else is below WARN but the probe's and the framework's INFO-allowed lines.
    assert!(lines.iter().all(|(_, line)| line["level"] != "TRACE"), "{stdout}");
}

/// A directive that cannot be read is reported once, at WARN, and ignored: the rest applies,
/// and the function serves. In text, each line of an invocation carries its request id.
#[test]
fn a_bad_directive_is_reported_once_and_ignored() {
    let (stdout, invocations) = run(&[("RUST_LOG", "info,probe_logging=loud,probe_logging::noisy=warn")]);
    let reports = lines_with(&stdout, "probe_logging=loud");
    assert_eq!(reports.len(), 1, "{stdout}");
    assert_eq!(text_level(reports[0]), Some("WARN"), "{}", reports[0]);
    assert!(reports[0].contains("some logging settings were ignored"), "{}", reports[0]);
    assert!(lines_with(&stdout, "probe debug").is_empty(), "the bad directive applied:\n{stdout}");
    assert!(lines_with(&stdout, "noisy info").is_empty(), "the good one did not:\n{stdout}");
    for invocation in &invocations {
        let id = format!("request_id=\"{}\"", invocation.request_id);
        let lines = lines_with(&stdout, &id);
        assert!(lines.iter().any(|line| line.contains("probe info")), "{stdout}");
        assert!(lines.iter().any(|line| line.contains("probe warn")), "{stdout}");
    }
    let in_invocations = lines_with(&stdout, ": probe ");
    assert_eq!(in_invocations.len(), 4, "{stdout}");
    assert!(in_invocations.iter().all(|line| line.contains("request_id=\"")), "{stdout}");
    assert_eq!(lines_with(&stdout, "denied (403").len(), 1, "{stdout}");
}

/// `#[authorizer(logging = ...)]`: the user's subscriber gets every event, the framework's
/// too, and the framework installs none of its own.
#[test]
fn the_users_subscriber_is_kept() {
    let (stdout, _) = run(&[("PROBE_SUBSCRIBER", "own"), ("AWS_LAMBDA_LOG_FORMAT", "JSON"), ("RUST_LOG", "error")]);
    assert!(stdout.lines().all(|line| line.starts_with("probe subscriber: ")), "{stdout}");
    assert_eq!(lines_with(&stdout, "probe subscriber: TRACE probe trace").len(), 2, "{stdout}");
    assert_eq!(lines_with(&stdout, "probe subscriber: INFO noisy info").len(), 2, "{stdout}");
    assert_eq!(lines_with(&stdout, "probe subscriber: DEBUG allowed").len(), 1, "{stdout}");
    assert_eq!(lines_with(&stdout, "probe subscriber: INFO denied (403").len(), 1, "{stdout}");
}

/// The user's logging set-up runs after the runtime installed the trace id variable (empty,
/// whatever the process inherited), so that a thread it starts never races that install.
#[test]
fn the_users_logging_runs_after_the_trace_id_variable_is_installed() {
    let (stdout, _) = run(&[("PROBE_TRACE_ENV", "print"), ("_X_AMZN_TRACE_ID", "Root=1-stale")]);
    let set_up = lines_with(&stdout, "probe logging set-up:");
    assert_eq!(set_up, ["probe logging set-up: _X_AMZN_TRACE_ID=Ok(\"\")"], "{stdout}");
}
