//! `ProcessInvoker`, what the `authorizer-local` command runs binaries with: a real binary behind the
//! library's gateway, and what it posted read as API Gateway reads it.

mod cli_support;

use authorizer_core::gateway::{Call, Gateway, Request};
use authorizer_core::testing::{Judgement, evaluate};
use authorizer_core::{ApiKind, ErrorReply, ErrorType, Reply};
use authorizer_local::{Function, Invocation, Outcome, ProcessInvoker, StartError, reply_of};
use cli_support::*;
use serde_json::{Value, json};

#[test]
fn a_real_binary_behind_the_gateway_in_a_few_lines() {
    let mut gateway = Gateway::rest_token(ProcessInvoker::spawn(token_probe()).expect("the probe starts"));
    let token = format!("Bearer allow.{SECRET}");
    let first = gateway.send(&Request::get("/pets/1").header("Authorization", &token));
    assert_eq!((first.status, first.authorizer), (200, Call::Invoked));
    assert_eq!(first.backend.unwrap().authorizer["ratio"], "0.5");
    let second = gateway.send(&Request::delete("/pets/1").header("Authorization", &token));
    assert_eq!((second.status, second.authorizer), (403, Call::Cached));
    let failed = gateway.send(&Request::get("/pets/1").header("Authorization", "Bearer panic-sync"));
    assert_eq!((failed.status, failed.authorizer), (500, Call::Invoked));
    assert_eq!(failed.judgement, Some(Judgement::Failed { error_type: "AuthorizerPanic".into() }));
}

#[test]
fn the_last_invocation_is_what_the_binary_posted() {
    let mut invoker = ProcessInvoker::start(Function::builder(token_probe()).echo(false)).expect("the probe starts");
    let event = json!({"type": "TOKEN", "authorizationToken": "unauthorized",
        "methodArn": "arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets"});
    let reply = authorizer_core::gateway::Invoker::invoke(&mut invoker, event.to_string().as_bytes());
    let posted = invoker.last_invocation().expect("an invocation").body_text();
    assert_eq!(posted, r#"{"errorType":"Unauthorized","errorMessage":"Unauthorized"}"#);
    assert_eq!(reply.body(), posted);
}

fn posted_error(body: Value) -> Invocation {
    Invocation {
        request_id: "r".into(),
        trace_id: "t".into(),
        deadline_ms: 0,
        raw_body: body.to_string().into_bytes(),
        outcome: Outcome::Error { error_type_header: None, body },
        headers: Vec::new(),
    }
}

#[test]
fn a_foreign_error_type_is_a_failure_and_the_message_alone_makes_a_401() {
    // As a Node.js authorizer posts `callback("Unauthorized")`.
    let reply = reply_of(&posted_error(json!({"errorType": "Error", "errorMessage": "Unauthorized"})));
    let expected = ErrorReply { error_type: ErrorType::AuthorizerError, error_message: "Unauthorized".into() };
    assert_eq!(reply, Reply::Error(expected));
    let arn = "arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets";
    assert_eq!(evaluate(ApiKind::Rest, &reply, arn).answer.status, 401);

    let reply = reply_of(&posted_error(json!({"errorType": "InvalidEvent", "errorMessage": "no methodArn"})));
    let expected = ErrorReply { error_type: ErrorType::InvalidEvent, error_message: "no methodArn".into() };
    assert_eq!(reply, Reply::Error(expected));
    assert_eq!(evaluate(ApiKind::Rest, &reply, arn).answer.status, 500);
}

#[test]
fn a_binary_that_is_not_an_authorizer_does_not_start() {
    // `authorizer-local` without arguments prints its usage and exits.
    match ProcessInvoker::spawn(COMMAND) {
        Err(StartError::Exited { output, .. }) => assert!(output.contains("Usage: authorizer-local"), "{output}"),
        Err(other) => panic!("expected an exit, got {other}"),
        Ok(_) => panic!("authorizer-local started as an authorizer"),
    }
    assert!(matches!(ProcessInvoker::spawn("/nonexistent/authorizer"), Err(StartError::Spawn(_))));
}
