//! What the end-to-end tests share: fixtures, a running function, and exact checks of what
//! it posts to the Lambda Runtime API.

// Each test binary compiles this module and uses only some of it.
#![allow(dead_code, reason = "each end-to-end test uses only some of the helpers")]

use std::path::PathBuf;
use std::time::Duration;

use authorizer_local::{Function, FunctionBuilder, Invocation, Outcome, RuntimeApi};
use serde_json::{Value, json};

/// Bound for anything that should happen promptly (process start included).
pub const SOON: Duration = Duration::from_secs(5);

/// A fixture of `tests/fixtures/`, as JSON.
pub fn fixture(name: &str) -> Value {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "fixtures", name].iter().collect();
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// An example binary running against its own local Runtime API. The function is declared
/// first, so it is killed before the API stops.
pub struct Running {
    pub function: Function,
    pub api: RuntimeApi,
}

impl Running {
    /// Starts `program` with the default Lambda environment plus `configure`'s settings.
    pub fn start(program: &str, configure: impl FnOnce(FunctionBuilder) -> FunctionBuilder) -> Self {
        let api = RuntimeApi::builder().invoke_timeout(SOON).start();
        let function = configure(Function::builder(program)).spawn(&api);
        Self { function, api }
    }

    /// Sends one event and waits for the answer.
    #[track_caller]
    pub fn invoke(&self, event: &Value) -> Invocation {
        self.api.invoke_json(event)
    }

    /// Every log line of one invocation (the lines tagged with its request id), once the
    /// function has written at least one.
    #[track_caller]
    pub fn log_lines(&self, invocation: &Invocation) -> Vec<String> {
        self.log_lines_with(invocation, "")
    }

    /// The log lines of `invocation`, once one of them holds `needle`: at DEBUG or TRACE,
    /// the invocation's first line comes before the one a test looks for, and the output is
    /// read as the function writes it.
    pub fn log_lines_with(&self, invocation: &Invocation, needle: &str) -> Vec<String> {
        let id = invocation.request_id.as_str();
        let lines = || -> Vec<String> {
            self.function.output().lines().filter(|l| l.contains(id)).map(str::to_owned).collect()
        };
        let deadline = std::time::Instant::now() + SOON;
        loop {
            let found = lines();
            if found.iter().any(|l| l.contains(needle)) {
                return found;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "no log line for {id} with {needle:?}:\n{}",
                self.function.output()
            );
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Checks the process still runs and still serves: `event` gets a response.
    #[track_caller]
    pub fn assert_still_serving(&mut self, event: &Value) {
        assert!(self.function.is_alive(), "the function exited:\n{}", self.function.output());
        let next = self.invoke(event);
        assert!(!next.is_error(), "the function no longer answers: {}", next.body_text());
    }

    /// Waits for the function to go idle, so that its output is complete.
    pub fn settle(&self) {
        assert!(self.api.wait_for_poll(SOON), "the function did not go back to polling");
    }
}

/// The level of a log line written by the framework's text logger (`  INFO invocation{..}`).
pub fn level(line: &str) -> &str {
    line.split_whitespace().next().unwrap_or_default()
}

/// Checks the invocation posted exactly the `Unauthorized` error API Gateway answers 401 to,
/// and that its log lines say so at INFO, none at WARN or ERROR.
#[track_caller]
pub fn assert_unauthorized(running: &Running, invocation: &Invocation) {
    let Outcome::Error { error_type_header, body } = &invocation.outcome else {
        panic!("expected the Unauthorized error, got a response: {}", invocation.body_text());
    };
    assert_eq!(body, &fixture("runtime-api-error-unauthorized.json"), "{}", invocation.body_text());
    assert_eq!(error_type_header.as_deref(), Some("Unauthorized"));
    let lines = running.log_lines_with(invocation, "unauthorized (401)");
    assert!(lines.iter().any(|l| level(l) == "INFO" && l.contains("unauthorized (401)")), "{lines:#?}");
    assert!(lines.iter().all(|l| level(l) == "INFO" || level(l) == "DEBUG" || level(l) == "TRACE"), "{lines:#?}");
}

/// Checks the invocation posted an error of `error_type` whose message is not `Unauthorized`
/// (API Gateway answers 500), and returns the message.
#[track_caller]
pub fn assert_failure(invocation: &Invocation, error_type: &str) -> String {
    let Outcome::Error { error_type_header, body } = &invocation.outcome else {
        panic!("expected a {error_type} error, got a response: {}", invocation.body_text());
    };
    assert_eq!(error_type_header.as_deref(), Some(error_type), "{body}");
    let fields = body.as_object().unwrap_or_else(|| panic!("not a JSON object: {}", invocation.body_text()));
    assert_eq!(fields.len(), 2, "{body}");
    assert_eq!(body["errorType"], error_type, "{body}");
    let message = body["errorMessage"].as_str().unwrap_or_else(|| panic!("no errorMessage: {body}"));
    assert_ne!(message.trim(), "Unauthorized");
    assert!(!message.is_empty());
    message.to_owned()
}

/// The response posted, checked for the wire format of a REST or WebSocket IAM policy: no
/// `null` anywhere, `camelCase` keys at the top, `PascalCase` keys in the policy document, a
/// flat context.
#[track_caller]
pub fn assert_response(invocation: &Invocation) -> Value {
    let response = assert_policy(invocation, &["principalId", "policyDocument", "context", "usageIdentifierKey"]);
    if let Some(context) = response.get("context") {
        let raw = invocation.body_text();
        let context = context.as_object().unwrap_or_else(|| panic!("context is not an object: {raw}"));
        assert!(context.values().all(|v| v.is_string() || v.is_number() || v.is_boolean()), "{raw}");
    }
    response
}

/// The response posted, checked for the wire format of an HTTP API payload 2.0 IAM policy:
/// as [`assert_response`], but the context may nest objects and arrays, and there is no
/// `usageIdentifierKey` (HTTP APIs have no usage plans).
#[track_caller]
pub fn assert_http_policy(invocation: &Invocation) -> Value {
    let response = assert_policy(invocation, &["principalId", "policyDocument", "context"]);
    if let Some(context) = response.get("context") {
        assert!(context.is_object(), "context is not an object: {}", invocation.body_text());
    }
    response
}

/// The response posted, checked for the wire format of an HTTP API simple response:
/// `isAuthorized`, a JSON boolean, and an optional `context` object; no `null` anywhere.
#[track_caller]
pub fn assert_simple_response(invocation: &Invocation) -> Value {
    let Outcome::Response(response) = &invocation.outcome else {
        panic!("expected a response, got an error: {}", invocation.body_text());
    };
    let raw = invocation.body_text();
    assert!(!raw.contains("null"), "{raw}");
    assert_no_null(response, &raw);
    let top = response.as_object().unwrap_or_else(|| panic!("not a JSON object: {raw}"));
    assert!(top.keys().all(|k| k == "isAuthorized" || k == "context"), "{raw}");
    assert!(response["isAuthorized"].is_boolean(), "{raw}");
    if let Some(context) = response.get("context") {
        assert!(context.is_object(), "context is not an object: {raw}");
    }
    response.clone()
}

/// An IAM policy response whose top-level keys are among `keys`.
#[track_caller]
fn assert_policy(invocation: &Invocation, keys: &[&str]) -> Value {
    let Outcome::Response(response) = &invocation.outcome else {
        panic!("expected a response, got an error: {}", invocation.body_text());
    };
    let raw = invocation.body_text();
    assert!(!raw.contains("null"), "{raw}");
    assert_no_null(response, &raw);
    let top = response.as_object().unwrap_or_else(|| panic!("not a JSON object: {raw}"));
    for key in top.keys() {
        assert!(keys.contains(&key.as_str()), "{raw}");
    }
    let document = response["policyDocument"].as_object().unwrap_or_else(|| panic!("no policyDocument: {raw}"));
    assert!(document.keys().all(|k| k == "Version" || k == "Statement"), "{raw}");
    assert_eq!(response["policyDocument"]["Version"], "2012-10-17");
    for statement in statements(response) {
        let keys: Vec<&str> = statement.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, ["Action", "Effect", "Resource"], "{raw}");
        assert!(["Allow", "Deny"].contains(&statement["Effect"].as_str().unwrap_or_default()), "{raw}");
    }
    response.clone()
}

/// The method ARN of `verb path` on stage `prod` of the REST API `pets1`.
pub fn pets_arn(verb: &str, path: &str) -> String {
    format!("arn:aws:execute-api:us-east-1:123456789012:pets1/prod/{verb}{path}")
}

/// The published TOKEN event's shape, with `authorization` as its token, for `verb path` of
/// the API of [`pets_arn`].
pub fn token_event(authorization: &str, verb: &str, path: &str) -> Value {
    let mut event = fixture("rest-token.json");
    event["authorizationToken"] = json!(authorization);
    event["methodArn"] = json!(pets_arn(verb, path));
    event
}

/// Invokes with `authorization` once per route of `routes`, that route being the one called,
/// and checks that each response answers every route of `routes` as `allowed` says: the
/// policy API Gateway caches for the token is right whichever route came first. `what` names
/// the case in a failure. Returns the responses.
#[track_caller]
pub fn assert_routes(
    running: &Running,
    what: &str,
    authorization: &str,
    routes: &[(&str, &str)],
    allowed: &[bool],
) -> Vec<Value> {
    assert_eq!(routes.len(), allowed.len(), "{what}");
    let mut responses = Vec::new();
    for (first_verb, first_path) in routes {
        let response = assert_response(&running.invoke(&token_event(authorization, first_verb, first_path)));
        for ((verb, path), &allowed) in routes.iter().zip(allowed) {
            let status = evaluate(&response, &pets_arn(verb, path));
            assert_eq!(
                status,
                if allowed { 200 } else { 403 },
                "{what}, {first_verb} {first_path} first: {verb} {path}"
            );
        }
        responses.push(response);
    }
    responses
}

/// Checks that each `(authorization, reason)` of `cases`, sent as a TOKEN event's token, gets
/// the 401 of [`assert_unauthorized`], logged with `reason`.
#[track_caller]
pub fn assert_refused(running: &Running, cases: &[(String, &str)]) {
    for (authorization, reason) in cases {
        let invocation = running.invoke(&token_event(authorization, "GET", "/pets"));
        assert_unauthorized(running, &invocation);
        let lines = running.log_lines_with(&invocation, "unauthorized (401)");
        assert!(lines.iter().any(|l| l.contains(reason)), "{reason}: {lines:#?}");
    }
}

/// Checks the function's cold start failed: `InitError` posted to `/runtime/init/error`, and
/// the process exited unsuccessfully. Returns the error's message.
#[track_caller]
pub fn assert_cold_start_fails(running: &mut Running) -> String {
    let output = || running.function.output();
    let init = running.api.init_error(SOON).unwrap_or_else(|| panic!("the cold start did not fail:\n{}", output()));
    assert_eq!(init.body["errorType"], "InitError", "{:?}", init.body);
    let message = init.body["errorMessage"].as_str().unwrap_or_else(|| panic!("no errorMessage: {:?}", init.body));
    let message = message.to_owned();
    let status = running.function.wait_exit(SOON).expect("the process exits");
    assert!(!status.success());
    message
}

/// Checks the whole output of a function started at `AWS_LAMBDA_LOG_LEVEL=TRACE`, once it
/// is complete, holds none of `secrets`.
#[track_caller]
pub fn assert_not_logged(running: &mut Running, secrets: &[&str]) {
    running.settle();
    running.function.kill();
    let output = running.function.output();
    // Every line that could be written was: libraries' traces and each invocation's outcome.
    assert!(output.contains("TRACE") && output.contains("invocation{request_id="), "{output}");
    for secret in secrets {
        assert!(!output.contains(secret), "{secret:?} in\n{output}");
    }
}

fn assert_no_null(value: &Value, raw: &str) {
    match value {
        Value::Null => panic!("null in {raw}"),
        Value::Array(items) => items.iter().for_each(|v| assert_no_null(v, raw)),
        Value::Object(fields) => fields.values().for_each(|v| assert_no_null(v, raw)),
        _ => {}
    }
}

fn statements(response: &Value) -> &[Value] {
    response["policyDocument"]["Statement"].as_array().map_or(&[], Vec::as_slice)
}

/// A statement's `Action` or `Resource`: a string or an array of strings.
fn strings(value: &Value) -> Vec<&str> {
    match value {
        Value::String(s) => vec![s],
        Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// API Gateway's answer to a request for `arn` under the IAM policy `response` (which may be
/// a cached one, issued for another request): a matching Deny wins, then a matching Allow
/// (200), else an implicit deny (403).
///
/// This is deliberately a second, independent evaluator, written from IAM's rules alone and
/// sharing no code with the framework's (`authorizer-core/src/judge/`): these tests check the
/// examples' policies against it, so that one bug in the framework's evaluator cannot make
/// both the policy and its check wrong in the same way.
pub fn evaluate(response: &Value, arn: &str) -> u16 {
    let (mut allowed, mut denied) = (false, false);
    for statement in statements(response) {
        let invokes = strings(&statement["Action"]).iter().any(|a| iam_match(a, "execute-api:Invoke"));
        let covers = strings(&statement["Resource"]).iter().any(|r| iam_match(r, arn));
        if invokes && covers {
            match statement["Effect"].as_str() {
                Some("Deny") => denied = true,
                Some("Allow") => allowed = true,
                _ => {}
            }
        }
    }
    if allowed && !denied { 200 } else { 403 }
}

/// IAM's wildcard match: `*` is any run of characters (`/` included), `?` one character.
pub fn iam_match(pattern: &str, text: &str) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = (pattern.chars().collect(), text.chars().collect());
    // `reach[j]`: the pattern read so far matches the first `j` characters of the text.
    let mut reach = vec![false; t.len() + 1];
    reach[0] = true;
    for &c in &p {
        let mut next = vec![false; t.len() + 1];
        for j in 0..=t.len() {
            next[j] = match c {
                '*' => reach[j] || (j > 0 && next[j - 1]),
                '?' => j > 0 && reach[j - 1],
                c => j > 0 && reach[j - 1] && t[j - 1] == c,
            };
        }
        reach = next;
    }
    reach[t.len()]
}

#[test]
fn iam_wildcards() {
    let stage = "arn:aws:execute-api:r:1:a/prod";
    assert!(iam_match(&format!("{stage}/*/*"), &format!("{stage}/GET/")));
    assert!(iam_match(&format!("{stage}/GET/pets/*"), &format!("{stage}/GET/pets/1/toys")));
    assert!(!iam_match(&format!("{stage}/GET/pets/*"), &format!("{stage}/GET/pets")));
    assert!(iam_match(&format!("{stage}/GET/pe?s"), &format!("{stage}/GET/pets")));
    assert!(!iam_match(&format!("{stage}/GET/users/u-1/*"), &format!("{stage}/GET/users/u-100")));
    assert!(!iam_match(&format!("{stage}/GET/"), &format!("{stage}/GET/x")));
}
