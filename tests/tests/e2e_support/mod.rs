//! What the end-to-end tests share: the probe binaries, events, and checks that every test
//! applies to every error it sees.

// Each test file uses only part of it.
#![allow(dead_code)]

use std::time::Duration;

use authorizer_local::{ERROR_TYPE_HEADER, Function, FunctionBuilder, Invocation, Outcome, RuntimeApi};
use serde_json::{Value, json};

/// Bound for anything that should happen promptly.
pub const SOON: Duration = Duration::from_secs(5);

/// The probe binaries (see `tests/src/bin/`).
pub const TOKEN_PROBE: &str = env!("CARGO_BIN_EXE_probe-token");
pub const REQUEST_PROBE: &str = env!("CARGO_BIN_EXE_probe-request");
pub const STATE_SYNC_PROBE: &str = env!("CARGO_BIN_EXE_probe-state-sync");
pub const STATE_ASYNC_PROBE: &str = env!("CARGO_BIN_EXE_probe-state-async");

/// The method ARN of every event.
pub const METHOD_ARN: &str = "arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/GET/pets/1";

/// Part of every credential the tests send: it must never be seen again.
pub const SECRET: &str = "S3CRET-e2e-9f8e7d6c";

/// The exact body of a 401.
pub const UNAUTHORIZED_BODY: &str = r#"{"errorType":"Unauthorized","errorMessage":"Unauthorized"}"#;

/// A runtime API whose `invoke` gives up soon enough for a failing test to end fast.
pub fn runtime_api() -> RuntimeApi {
    RuntimeApi::builder().invoke_timeout(SOON).start()
}

/// The TOKEN probe against a Runtime API at `endpoint` that is not a [`RuntimeApi`] (a
/// scripted one on a bare socket), with `AWS_LAMBDA_RUNTIME_API` its only variable: its
/// standard output (the logs) is piped, its standard error dropped.
pub fn token_probe_at(endpoint: &str) -> std::process::Child {
    std::process::Command::new(TOKEN_PROBE)
        .env_clear()
        .env("AWS_LAMBDA_RUNTIME_API", endpoint)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("the probe starts")
}

/// A probe with Lambda's default logging settings.
pub fn probe(program: &str) -> FunctionBuilder {
    Function::builder(program)
}

/// A TOKEN event.
pub fn token_event(token: &str) -> Value {
    json!({"type": "TOKEN", "authorizationToken": token, "methodArn": METHOD_ARN})
}

/// A TOKEN event whose token is `Bearer <action>.<SECRET>`.
pub fn secret_token_event(action: &str) -> Value {
    token_event(&format!("Bearer {action}.{SECRET}"))
}

/// A REST REQUEST event, as API Gateway sends it, for `GET /pets/1?action=<action>`.
pub fn request_event(authorization: Option<&str>, action: &str) -> Value {
    let mut headers = json!({"Accept": "*/*", "Host": "abcdef1234.execute-api.us-east-1.amazonaws.com"});
    if let Some(value) = authorization {
        headers["Authorization"] = value.into();
    }
    let multi_value_headers: serde_json::Map<String, Value> =
        headers.as_object().into_iter().flatten().map(|(k, v)| (k.clone(), json!([v]))).collect();
    json!({
        "type": "REQUEST",
        "methodArn": METHOD_ARN,
        "resource": "/pets/{id}",
        "path": "/pets/1",
        "httpMethod": "GET",
        "headers": headers,
        "multiValueHeaders": multi_value_headers,
        "queryStringParameters": {"action": action},
        "multiValueQueryStringParameters": {"action": [action]},
        "pathParameters": {"id": "1"},
        "stageVariables": null,
        "requestContext": {
            "accountId": "123456789012", "apiId": "abcdef1234", "stage": "prod", "httpMethod": "GET",
            "path": "/prod/pets/1", "resourcePath": "/pets/{id}", "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
            "identity": {"sourceIp": "203.0.113.7"}
        }
    })
}

/// A REST REQUEST event carrying `Authorization: Bearer <SECRET>`.
pub fn secret_request_event(action: &str) -> Value {
    request_event(Some(&format!("Bearer {SECRET}")), action)
}

/// The error an invocation posted, checked for what every error must be: posted to
/// `.../error` with `Lambda-Runtime-Function-Error-Type` equal to its `errorType`, a body of
/// exactly `errorType` and `errorMessage`, of the expected type. Returns the message.
#[track_caller]
pub fn expect_error(invocation: &Invocation, error_type: &str) -> String {
    let Outcome::Error { error_type_header, body } = &invocation.outcome else {
        panic!("expected a {error_type} error, but the function posted a response: {}", invocation.body_text());
    };
    assert_eq!(
        error_type_header.as_deref(),
        Some(error_type),
        "{ERROR_TYPE_HEADER} must equal the errorType; body {}",
        invocation.body_text()
    );
    let object =
        body.as_object().unwrap_or_else(|| panic!("error body is not a JSON object: {}", invocation.body_text()));
    let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["errorMessage", "errorType"], "{}", invocation.body_text());
    assert_eq!(body["errorType"], error_type, "{}", invocation.body_text());
    let message = body["errorMessage"].as_str().expect("errorMessage is a string").to_owned();
    if error_type != "Unauthorized" {
        // API Gateway answers 401 for exactly this message: any other failure must be a 500.
        assert_ne!(message, "Unauthorized", "a {error_type} must not read as a 401");
    }
    message
}

/// Invokes the TOKEN probe with an allowed token and returns the process id it reports: the
/// process still serves, and normally.
#[track_caller]
pub fn allowed_pid(api: &RuntimeApi) -> u64 {
    let invocation = api.invoke_json(&token_event("allow"));
    let response = invocation.expect_response();
    assert_eq!(response["principalId"], "user", "{response}");
    assert_eq!(response["policyDocument"]["Statement"][0]["Effect"], "Allow", "{response}");
    response["context"]["pid"].as_u64().unwrap_or_else(|| panic!("no pid in {response}"))
}

/// Stops the function and returns everything it wrote: standard output, then standard error.
pub fn finish(mut function: Function) -> String {
    function.kill();
    // The process has exited: this only waits for the rest of its output.
    function.wait_exit(SOON);
    function.output()
}

/// Fails if `text` shows any part of a credential the tests sent.
#[track_caller]
pub fn assert_no_secret(text: &str, what: &str) {
    assert!(!text.contains(SECRET), "{what} shows a credential:\n{text}");
}

/// The lines of `output` that mention `needle`.
pub fn lines_with<'a>(output: &'a str, needle: &str) -> Vec<&'a str> {
    output.lines().filter(|line| line.contains(needle)).collect()
}

/// The level a text log line was written at (`INFO`, `ERROR`, ...), if it is one.
pub fn text_level(line: &str) -> Option<&str> {
    let word = line.split_whitespace().next()?;
    ["TRACE", "DEBUG", "INFO", "WARN", "ERROR"].into_iter().find(|level| *level == word)
}
