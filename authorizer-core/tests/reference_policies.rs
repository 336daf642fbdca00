//! The evaluator against every IAM policy response shape AWS publishes (`Action` and
//! `Resource` as strings or arrays, a `Condition`, Deny precedence, the documentation's
//! templates). Placeholder ARNs are replaced by concrete ones; the shapes are kept.

use authorizer_core::testing::{Evaluation, Judgement, evaluate};
use authorizer_core::{ApiKind, Reply};
use serde_json::{Value, json};

const ARN: &str = "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/pets";

fn policy(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/policies/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).expect(&path)).expect(&path)
}

/// `policy` with every placeholder resource replaced by `resource`, keeping string or array.
fn concrete(mut policy: Value, resource: &str) -> Value {
    for statement in policy["policyDocument"]["Statement"].as_array_mut().unwrap() {
        statement["Resource"] = match &statement["Resource"] {
            Value::Array(items) => json!(vec![resource; items.len()]),
            _ => json!(resource),
        };
    }
    policy
}

fn judge(api: ApiKind, response: &Value, arn: &str) -> Evaluation {
    evaluate(api, &Reply::Response(response.to_string()), arn)
}

#[test]
fn single_value_action_and_single_value_resource_both_allow() {
    for name in
        ["rest-iam-policy-response-single-value-action.json", "rest-iam-policy-response-single-value-resource.json"]
    {
        let evaluation = judge(ApiKind::Rest, &concrete(policy(name), ARN), ARN);
        let Judgement::Allowed { backend } = evaluation.judgement else { panic!("{name}: {evaluation:?}") };
        assert_eq!(backend.principal_id.as_deref(), Some("yyyyyyyy"), "{name}");
        assert_eq!(
            backend.authorizer,
            json!({"stringKey": "value", "numberKey": "1", "booleanKey": "true", "principalId": "yyyyyyyy"}),
            "{name}"
        );
        assert_eq!(evaluation.answer.status, 200);
        // Another route is not covered.
        let elsewhere = judge(ApiKind::Rest, &concrete(policy(name), ARN), &ARN.replace("GET", "POST"));
        assert_eq!(elsewhere.judgement, Judgement::ImplicitDeny, "{name}");
    }
}

#[test]
fn deny_statements_deny_with_the_explicit_deny_body() {
    let evaluation = judge(ApiKind::Rest, &concrete(policy("rest-iam-policy-response.json"), ARN), ARN);
    assert_eq!(evaluation.judgement, Judgement::ExplicitDeny);
    assert_eq!(
        evaluation.answer.body,
        r#"{"Message":"User is not authorized to access this resource with an explicit deny"}"#
    );
    assert_eq!(evaluation.answer.error_type, Some("AccessDeniedException"));

    // The guide's Deny example, as published: its own method ARN (the root resource).
    let docs = policy("rest-iam-policy-response-deny-docs.json");
    let root = "arn:aws:execute-api:us-west-2:123456789012:ymy8tbxw7b/dev/GET/";
    assert_eq!(judge(ApiKind::Rest, &docs, root).judgement, Judgement::ExplicitDeny);
    let other = judge(ApiKind::Rest, &docs, "arn:aws:execute-api:us-west-2:123456789012:ymy8tbxw7b/dev/GET/pets");
    assert_eq!(
        (other.judgement, other.answer.body),
        (Judgement::ImplicitDeny, r#"{"Message":"User is not authorized to access this resource"}"#)
    );
}

#[test]
fn a_condition_is_reported_and_a_conditional_deny_still_denies() {
    let evaluation = judge(ApiKind::Rest, &concrete(policy("rest-iam-policy-response-with-condition.json"), ARN), ARN);
    assert_eq!((evaluation.judgement, evaluation.unevaluated_conditions), (Judgement::ExplicitDeny, 1));
    // The same statement as an Allow is never taken to allow.
    let mut allow = concrete(policy("rest-iam-policy-response-with-condition.json"), ARN);
    allow["policyDocument"]["Statement"][0]["Effect"] = json!("Allow");
    let evaluation = judge(ApiKind::Rest, &allow, ARN);
    assert_eq!((evaluation.judgement, evaluation.unevaluated_conditions), (Judgement::ImplicitDeny, 1));
}

#[test]
fn deny_wins_over_allow_whatever_the_order() {
    let allow = concrete(
        policy("rest-iam-policy-response-single-value-action.json"),
        "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/*/*",
    );
    let deny = concrete(policy("rest-iam-policy-response.json"), ARN);
    for statements in [
        json!([allow["policyDocument"]["Statement"][0], deny["policyDocument"]["Statement"][0]]),
        json!([deny["policyDocument"]["Statement"][0], allow["policyDocument"]["Statement"][0]]),
    ] {
        let mut both = allow.clone();
        both["policyDocument"]["Statement"] = statements;
        assert_eq!(judge(ApiKind::Rest, &both, ARN).judgement, Judgement::ExplicitDeny);
        assert!(matches!(
            judge(ApiKind::Rest, &both, &ARN.replace("pets", "toys")).judgement,
            Judgement::Allowed { .. }
        ));
    }
}

#[test]
fn the_documentation_templates_are_not_valid_answers_until_filled_in() {
    for (name, api) in [
        ("rest-iam-policy-response-template-docs.json", ApiKind::Rest),
        ("http-api-v1-iam-policy-response-template-docs.json", ApiKind::HttpV1),
        ("http-api-v2-iam-policy-response-template-docs.json", ApiKind::HttpV2),
    ] {
        // `"Effect": "Allow|Deny"` is a placeholder, not an effect: 500.
        let evaluation = judge(api, &concrete(policy(name), ARN), ARN);
        assert!(matches!(evaluation.judgement, Judgement::Invalid { .. }), "{name}: {evaluation:?}");
        assert_eq!(evaluation.answer.status, 500, "{name}");
        let mut filled = concrete(policy(name), ARN);
        filled["policyDocument"]["Statement"][0]["Effect"] = json!("Allow");
        assert!(matches!(judge(api, &filled, ARN).judgement, Judgement::Allowed { .. }), "{name}");
    }
}
