//! `authorizer-local invoke`: one event file through the real binary, what it posted, and what API
//! Gateway answers for the event's own method (or route) ARN.

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use authorizer_core::gateway::Invoker;
use authorizer_core::testing::{ClientAnswer, EventKind, Judgement, evaluate};
use authorizer_local::{Invocation, Outcome};
use serde_json::{Value, json};

use crate::Failure;
use crate::settings::{ApiArg, Settings};

/// The kind of API an event comes from: the rule `AnyRequest` dispatches on.
fn infer_api(event: &[u8]) -> Option<ApiArg> {
    Some(match EventKind::of(event)? {
        EventKind::Token => ApiArg::RestToken,
        EventKind::Rest => ApiArg::RestRequest,
        EventKind::HttpV1 => ApiArg::HttpV1,
        EventKind::HttpV2 => ApiArg::Http,
        EventKind::WebSocket => ApiArg::WebSocket,
        _ => return None,
    })
}

/// What the binary posted, as shown and as JSON.
fn posted(invocation: Option<&Invocation>, reply: &authorizer_core::Reply) -> (String, Value) {
    let Some(invocation) = invocation else {
        // No invocation recorded: the invoker answered for a process that did not.
        let body = reply.body();
        return (format!("nothing; the invocation failed:\n  {body}\n"), json!({"kind": "none", "detail": body}));
    };
    match &invocation.outcome {
        Outcome::Response(value) => {
            let text = invocation.body_text();
            let shown = if value.is_null() { json!(text) } else { value.clone() };
            (format!("a response:\n  {text}\n"), json!({"kind": "response", "body": shown, "raw": text}))
        }
        Outcome::Error { body, error_type_header } => {
            let field = |key: &str| body.get(key).and_then(Value::as_str).map(str::to_owned);
            let error_type = field("errorType").or_else(|| error_type_header.clone()).unwrap_or_default();
            let message = field("errorMessage").unwrap_or_else(|| invocation.body_text());
            (
                format!("an error:\n  errorType     {error_type}\n  errorMessage  {message}\n"),
                json!({"kind": "error", "errorType": error_type, "errorMessage": message}),
            )
        }
    }
}

/// Runs `authorizer-local invoke`.
pub fn run(
    settings: Settings,
    binary: &Path,
    event_path: &Path,
    json_output: bool,
    echo_logs: bool,
) -> Result<ExitCode, Failure> {
    let bytes = std::fs::read(event_path)
        .map_err(|e| Failure::Failed(format!("cannot read the event file {}: {e}", event_path.display())))?;
    let event: Option<Value> = serde_json::from_slice(&bytes).ok();
    let api = match (settings.api, infer_api(&bytes)) {
        (Some(api), _) | (None, Some(api)) => api,
        (None, None) => {
            return Err(Failure::Usage(format!(
                "cannot tell which kind of API {} comes from (its \"type\" and \"version\" match no authorizer event: \
                 \"TOKEN\"; \"REQUEST\" with no \"version\", \"1.0\" or \"2.0\"): pass --api <KIND>, one of {}",
                event_path.display(),
                ApiArg::NAMES.join(", ")
            )));
        }
    };
    let arn = event.as_ref().and_then(|e| e.get("methodArn").or_else(|| e.get("routeArn"))).and_then(Value::as_str);

    let mut invoker = settings.start(binary, echo_logs)?.invoker;
    let reply = invoker.invoke(&bytes);
    let (posted_text, posted_json) = posted(invoker.last_invocation(), &reply);
    let function = invoker.function_mut();
    function.kill();
    function.wait_exit(Duration::from_secs(2));
    let log: Vec<String> = invoker.function().output().lines().map(str::to_owned).collect();

    let evaluation = arn.map(|arn| (arn, evaluate(api.kind(), &reply, arn)));
    if json_output {
        let answer = evaluation.as_ref().map(|(arn, evaluation)| {
            let backend = match &evaluation.judgement {
                Judgement::Allowed { backend } => {
                    json!({"principalId": backend.principal_id, "authorizer": backend.authorizer})
                }
                _ => Value::Null,
            };
            json!({
                "methodArn": arn,
                "status": evaluation.answer.status,
                "body": evaluation.answer.body,
                "errorType": evaluation.answer.error_type,
                "reason": evaluation.judgement.to_string(),
                "backend": backend,
                "unevaluatedConditions": evaluation.unevaluated_conditions,
            })
        });
        let document = json!({
            "binary": binary.display().to_string(),
            "event": event_path.display().to_string(),
            "api": api.name(),
            "posted": posted_json,
            "answer": answer,
            "log": log,
        });
        outln!("{document:#}");
        return Ok(ExitCode::SUCCESS);
    }

    let mut out = format!("{} on {} ({})\n\n", binary.display(), event_path.display(), api.describe());
    let _ = writeln!(out, "The authorizer posted {posted_text}");
    match &evaluation {
        None => {
            out.push_str("The event has no methodArn (or routeArn): there is no request to judge the answer for.\n")
        }
        Some((arn, evaluation)) => {
            let ClientAnswer { status, body, error_type } = &evaluation.answer;
            let _ = writeln!(out, "API Gateway answers the request for {arn}:");
            let _ =
                writeln!(out, "  status   {status}{}", if *status == 200 { " (the backend is called)" } else { "" });
            if let Some(error_type) = error_type {
                let _ = writeln!(out, "  header   x-amzn-ErrorType: {error_type}");
            }
            if !body.is_empty() {
                let _ = writeln!(out, "  body     {body}");
            }
            let _ = writeln!(out, "  reason   {}", evaluation.judgement);
            if evaluation.unevaluated_conditions > 0 {
                let _ = writeln!(
                    out,
                    "  note     {} statement(s) with a Condition, not evaluated: a conditional Allow counts as no Allow",
                    evaluation.unevaluated_conditions
                );
            }
            match &evaluation.judgement {
                Judgement::Allowed { backend } => {
                    if let Some(principal) = &backend.principal_id {
                        let _ = writeln!(out, "  backend  principal {principal}");
                    }
                    let _ = writeln!(out, "  backend  requestContext.authorizer = {}", backend.authorizer);
                }
                _ => out.push_str("  backend  not called\n"),
            }
        }
    }
    if !log.is_empty() && !echo_logs {
        out.push_str("\nThe authorizer's log:\n");
        for line in &log {
            let _ = writeln!(out, "  {line}");
        }
    }
    out!("{out}");
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use authorizer_core::{AnyRequest, AuthorizerRequest, SimpleResponse};

    use super::*;

    /// The kind the command infers is the kind `AnyRequest` parses, on every reference event
    /// of authorizer-core; neither takes a sample response for an event.
    #[test]
    fn infers_the_kind_any_request_parses_on_every_reference_event() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../authorizer-core/tests/fixtures");
        let mut events = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            let parsed = AnyRequest::<SimpleResponse>::from_event(&bytes).ok().map(|r| match r {
                AnyRequest::Token(_) => "rest-token",
                AnyRequest::Rest(_) => "rest-request",
                AnyRequest::HttpV1(_) => "http-v1",
                AnyRequest::HttpV2(_) => "http",
                AnyRequest::WebSocket(_) => "websocket",
                _ => unreachable!("{}", path.display()),
            });
            if path.ends_with("token-docs.json") {
                // AWS's published TOKEN event has the stage `*`, which no policy may be built
                // from: a TOKEN event all the same, which the binary then refuses.
                assert_eq!((infer_api(&bytes).map(ApiArg::name), parsed), (Some("rest-token"), None));
                continue;
            }
            assert_eq!(infer_api(&bytes).map(ApiArg::name), parsed, "{}", path.display());
            events += usize::from(parsed.is_some());
        }
        assert_eq!(events, 8, "the reference events");
    }

    #[test]
    fn infers_no_kind_where_any_request_sees_no_event() {
        for event in [
            r#"{"type":"TOKEN","version":"2.0","methodArn":"arn:aws:execute-api:r:1:a/s/GET/x"}"#,
            r#"{"version":"2.0","routeArn":"arn:aws:execute-api:r:1:a/s/GET/x"}"#,
            r#"{"methodArn":"arn:aws:execute-api:r:1:a/s/$connect","requestContext":{"eventType":"CONNECT"}}"#,
            r#"{"type":"REQUEST","version":"3.0"}"#,
            "not json",
        ] {
            assert_eq!(infer_api(event.as_bytes()).map(ApiArg::name), None, "{event}");
        }
    }
}
