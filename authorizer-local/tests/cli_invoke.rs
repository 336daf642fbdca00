//! `authorizer-local invoke`: the real binary on an event file; what it posted, and API Gateway's
//! answer for the event's own method ARN.

mod cli_support;

use cli_support::*;
use serde_json::json;

const METHOD_ARN: &str = "arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/GET/pets/1";

fn token_event(action: &str) -> String {
    json!({"type": "TOKEN", "authorizationToken": format!("Bearer {action}.{SECRET}"), "methodArn": METHOD_ARN})
        .to_string()
}

fn invoke(action: &str, json_output: bool) -> Run {
    let event = temp_file(&format!("{action}.json"), &token_event(action));
    let mut args = vec!["invoke", token_probe(), event.to_str().unwrap()];
    if json_output {
        args.push("--json");
    }
    let run = local(&args);
    assert_eq!(run.code, Some(0), "{run:#?}");
    assert!(!run.stdout.contains(SECRET), "the output shows the token:\n{}", run.stdout);
    run
}

#[test]
fn an_allow_shows_the_posted_policy_the_200_and_what_the_backend_sees() {
    let run = invoke("allow", false);
    let out = &run.stdout;
    assert!(out.contains("REST API, TOKEN authorizer"), "the kind is read from the event:\n{out}");
    assert!(out.contains("The authorizer posted a response:"), "{out}");
    assert!(out.contains(r#""principalId":"user""#), "the response as posted:\n{out}");
    assert!(out.contains(&format!("API Gateway answers the request for {METHOD_ARN}")), "{out}");
    assert!(out.contains("status   200 (the backend is called)"), "{out}");
    assert!(out.contains("reason   allowed (principal user)"), "{out}");
    // REST stringifies context values for the backend.
    assert!(out.contains(r#""ratio":"0.5""#), "{out}");
}

#[test]
fn a_deny_is_a_403_with_api_gateways_body_and_error_type() {
    let out = invoke("deny", false).stdout;
    assert!(out.contains("status   403"), "{out}");
    assert!(out.contains("header   x-amzn-ErrorType: AccessDeniedException"), "{out}");
    assert!(
        out.contains(r#"{"Message":"User is not authorized to access this resource with an explicit deny"}"#),
        "{out}"
    );
    assert!(out.contains("backend  not called"), "{out}");
}

#[test]
fn errors_show_their_type_and_message_and_the_401_or_500() {
    let unauthorized = invoke("unauthorized", false).stdout;
    assert!(unauthorized.contains("errorType     Unauthorized"), "{unauthorized}");
    assert!(unauthorized.contains("errorMessage  Unauthorized"), "{unauthorized}");
    assert!(unauthorized.contains(r#"body     {"message":"Unauthorized"}"#), "{unauthorized}");

    let failed = invoke("io-error", false).stdout;
    assert!(failed.contains("errorType     AuthorizerError"), "{failed}");
    assert!(failed.contains("status   500"), "{failed}");
    assert!(failed.contains("x-amzn-ErrorType: AuthorizerConfigurationException"), "{failed}");
    // The function's own log, credentials masked by the framework.
    assert!(failed.contains("The authorizer's log:"), "{failed}");
}

#[test]
fn json_output_is_one_document() {
    let allowed = invoke("allow", true).json();
    assert_eq!(allowed["api"], "rest-token");
    assert_eq!(allowed["posted"]["kind"], "response");
    assert_eq!(allowed["posted"]["body"]["principalId"], "user");
    assert_eq!(allowed["answer"]["status"], 200);
    assert_eq!(allowed["answer"]["methodArn"], METHOD_ARN);
    assert_eq!(allowed["answer"]["backend"]["principalId"], "user");
    assert_eq!(allowed["answer"]["backend"]["authorizer"]["ratio"], "0.5");

    let denied = invoke("deny", true).json();
    assert_eq!(denied["answer"]["status"], 403);
    assert_eq!(denied["answer"]["errorType"], "AccessDeniedException");
    assert_eq!(denied["answer"]["backend"], serde_json::Value::Null);

    let panicked = invoke("panic-sync", true).json();
    assert_eq!(
        (&panicked["posted"]["kind"], &panicked["posted"]["errorType"]),
        (&json!("error"), &json!("AuthorizerPanic"))
    );
    assert_eq!(panicked["answer"]["status"], 500);
    assert_eq!(panicked["answer"]["reason"], "the authorizer failed (AuthorizerPanic)");
}

#[test]
fn the_kind_of_api_can_be_given_and_a_rest_request_event_is_judged() {
    let event = json!({
        "type": "REQUEST", "methodArn": METHOD_ARN, "resource": "/pets/1", "path": "/pets/1", "httpMethod": "GET",
        "headers": {"Authorization": format!("Bearer {SECRET}")}, "queryStringParameters": {"action": "allow"},
        "requestContext": {"path": "/pets/1", "stage": "prod", "httpMethod": "GET"}
    });
    let event = temp_file("request.json", &event.to_string());
    let run = local(&["invoke", "--api", "rest-request", request_probe(), event.to_str().unwrap(), "--json"]);
    assert_eq!(run.code, Some(0), "{run:#?}");
    assert!(!run.stdout.contains(SECRET), "{}", run.stdout);
    let result = run.json();
    assert_eq!(result["api"], "rest-request");
    assert_eq!(result["answer"]["status"], 200, "{result:#}");
}
