//! End to end, through a real `#[authorizer]` binary over HTTP: Lambda's logging controls
//! (`AWS_LAMBDA_LOG_FORMAT`, `AWS_LAMBDA_LOG_LEVEL`, then `RUST_LOG`), and what is logged at
//! which level.

mod e2e_support;

use e2e_support::*;
use serde_json::Value;

/// The framework's log line for an allow (DEBUG).
const ALLOWED: &str = "allowed";
/// Its log line for a deny (INFO), and the deny's reason as the probe gives it, masked.
const DENIED: &str = "denied (403";
const DENY_REASON: &str = "the probe bans [redacted]";
/// Its log line for a failure (ERROR).
const FAILED: &str = "the authorizer failed (500)";

/// Runs the TOKEN probe with `env`, through an allow, a deny and a failure, and returns its
/// standard output and standard error.
fn logs_with(env: &[(&str, &str)]) -> (String, String) {
    let api = runtime_api();
    let mut builder = probe(TOKEN_PROBE);
    for (key, value) in env {
        builder = builder.env(key, value);
    }
    let mut function = builder.spawn(&api);
    api.invoke_json(&token_event("allow")).expect_response();
    let denied = api.invoke_json(&secret_token_event("deny"));
    assert_eq!(denied.expect_response()["policyDocument"]["Statement"][0]["Effect"], "Deny");
    expect_error(&api.invoke_json(&secret_token_event("io-error")), "AuthorizerError");
    function.kill();
    function.wait_exit(SOON);
    let (stdout, stderr) = (function.stdout(), function.stderr());
    assert_no_secret(&stdout, "standard output");
    assert_no_secret(&stderr, "standard error");
    (stdout, stderr)
}

/// The message of the one JSON line holding `message`.
#[track_caller]
fn json_line<'a>(lines: &'a [Value], message: &str) -> &'a Value {
    let found: Vec<&Value> =
        lines.iter().filter(|line| line["message"].as_str().is_some_and(|m| m.contains(message))).collect();
    assert_eq!(found.len(), 1, "one JSON line with {message:?}: {found:?}");
    found[0]
}

/// Promise 9: by default, text lines at INFO: denies (with their reason) and failures are
/// logged, allows (DEBUG) are not.
#[test]
fn the_default_is_text_at_info() {
    let (stdout, _) = logs_with(&[]);
    assert!(stdout.lines().all(|line| !line.trim_start().starts_with('{')), "not text:\n{stdout}");
    let denied = lines_with(&stdout, DENIED);
    assert_eq!(denied.len(), 1, "{stdout}");
    assert_eq!(text_level(denied[0]), Some("INFO"), "{}", denied[0]);
    assert!(denied[0].contains(DENY_REASON), "the deny's reason is not logged: {}", denied[0]);
    let failed = lines_with(&stdout, FAILED);
    assert_eq!(failed.len(), 1, "{stdout}");
    assert_eq!(text_level(failed[0]), Some("ERROR"), "{}", failed[0]);
    assert!(lines_with(&stdout, ALLOWED).is_empty(), "DEBUG shown at INFO:\n{stdout}");
}

/// Promise 9: `AWS_LAMBDA_LOG_FORMAT=JSON` makes every line of standard output one JSON
/// object, with the level and the deny's reason as fields.
#[test]
fn json_format_gives_one_json_object_per_line() {
    let (stdout, _) = logs_with(&[("AWS_LAMBDA_LOG_FORMAT", "JSON")]);
    let lines: Vec<Value> = stdout
        .lines()
        .map(|line| serde_json::from_str::<Value>(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}")))
        .collect();
    assert!(lines.iter().all(Value::is_object), "{stdout}");
    let denied = json_line(&lines, DENIED);
    assert_eq!(denied["level"], "INFO", "{denied}");
    assert_eq!(denied["reason"], DENY_REASON, "{denied}");
    assert_eq!(json_line(&lines, FAILED)["level"], "ERROR");
    assert!(lines.iter().all(|line| line["level"] != "DEBUG"), "DEBUG shown at INFO:\n{stdout}");
}

/// Promise 9: `AWS_LAMBDA_LOG_LEVEL=ERROR` hides INFO lines, and so denies, but not errors.
#[test]
fn lambda_log_level_error_hides_info() {
    let (stdout, _) = logs_with(&[("AWS_LAMBDA_LOG_LEVEL", "ERROR")]);
    assert!(lines_with(&stdout, DENIED).is_empty(), "INFO shown at ERROR:\n{stdout}");
    assert_eq!(lines_with(&stdout, FAILED).len(), 1, "{stdout}");
    assert!(stdout.lines().all(|line| text_level(line) == Some("ERROR")), "{stdout}");
}

/// Promise 9: without `AWS_LAMBDA_LOG_LEVEL`, `RUST_LOG=debug` shows DEBUG lines.
#[test]
fn rust_log_debug_shows_debug() {
    let (stdout, _) = logs_with(&[("RUST_LOG", "debug")]);
    let allowed = lines_with(&stdout, ALLOWED);
    assert_eq!(allowed.len(), 1, "{stdout}");
    assert_eq!(text_level(allowed[0]), Some("DEBUG"), "{}", allowed[0]);
    assert_eq!(lines_with(&stdout, DENIED).len(), 1, "{stdout}");
}

/// Promise 9: `AWS_LAMBDA_LOG_LEVEL` wins over `RUST_LOG`, both ways.
#[test]
fn lambda_log_level_wins_over_rust_log() {
    let (stdout, _) = logs_with(&[("AWS_LAMBDA_LOG_LEVEL", "INFO"), ("RUST_LOG", "debug")]);
    assert!(lines_with(&stdout, ALLOWED).is_empty(), "RUST_LOG won:\n{stdout}");
    assert_eq!(lines_with(&stdout, DENIED).len(), 1, "{stdout}");

    let (stdout, _) = logs_with(&[("AWS_LAMBDA_LOG_LEVEL", "DEBUG"), ("RUST_LOG", "error")]);
    assert_eq!(lines_with(&stdout, ALLOWED).len(), 1, "RUST_LOG won:\n{stdout}");
    assert_eq!(lines_with(&stdout, DENIED).len(), 1, "{stdout}");
}
