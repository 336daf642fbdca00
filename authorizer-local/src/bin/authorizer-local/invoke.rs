//! `authorizer-local invoke`: one event file through the real binary, what it posted, and what API
//! Gateway answers for the event's own method (or route) ARN.

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use authorizer_core::gateway::Invoker;
use authorizer_core::{ClientAnswer, Judgement, evaluate};
use authorizer_local::{Invocation, Outcome};
use serde_json::{Value, json};

use crate::Failure;
use crate::settings::{ApiArg, Settings};

/// The kind of API an event comes from, read from its shape.
fn infer_api(event: &Value) -> Option<ApiArg> {
    let text = |key: &str| event.get(key).and_then(Value::as_str);
    if text("type") == Some("TOKEN") {
        return Some(ApiArg::RestToken);
    }
    match text("version") {
        Some("2.0") => return Some(ApiArg::Http),
        Some("1.0") => return Some(ApiArg::HttpV1),
        _ => {}
    }
    let connect = text("methodArn").is_some_and(|arn| arn.ends_with("/$connect"))
        || event.pointer("/requestContext/eventType").and_then(Value::as_str) == Some("CONNECT");
    if connect {
        return Some(ApiArg::WebSocket);
    }
    (text("type") == Some("REQUEST")).then_some(ApiArg::RestRequest)
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
    let api = match (settings.api, event.as_ref().and_then(infer_api)) {
        (Some(api), _) | (None, Some(api)) => api,
        (None, None) => {
            return Err(Failure::Usage(format!(
                "cannot tell which kind of API {} comes from (no \"type\": \"TOKEN\", \"version\", or `$connect` ARN): \
                 pass --api <KIND>, one of {}",
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
