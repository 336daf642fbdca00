//! How API Gateway judges an authorizer's answer for one request: the policy evaluation,
//! the client's answer, and what the backend then sees ([authorizer output][output], [HTTP
//! API authorizers][http], [authorization workflow][flow]).
//!
//! It reads only what the authorizer posted, so it judges any authorizer, not only ones
//! built with this crate.
//!
//! [output]: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html
//! [http]: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html
//! [flow]: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-authorization-flow.html

use serde_json::{Map, Value};

use crate::model::wildcard;
use crate::request::ApiKind;
use crate::wire::Reply;

/// API Gateway's limit on a method ARN: longer requests are answered 414
/// ([authorizer output][output]).
///
/// [output]: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html
pub const MAX_METHOD_ARN_LEN: usize = 1600;

/// How API Gateway judges one authorizer answer for one request.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Judgement {
    /// The request goes to the backend.
    Allowed {
        /// What the backend receives about the caller.
        backend: BackendView,
    },
    /// A Deny statement covers the request.
    ExplicitDeny,
    /// No Allow statement covers it, or a simple response said `isAuthorized: false`.
    ImplicitDeny,
    /// The authorizer failed with exactly `Unauthorized`.
    Unauthorized,
    /// The authorizer failed otherwise.
    Failed {
        /// The `errorType` it posted.
        error_type: String,
    },
    /// The authorizer's answer is not a valid response for this kind of API.
    Invalid {
        /// What is wrong with it.
        reason: String,
    },
    /// The method ARN is over 1600 bytes: API Gateway answers before any authorizer runs.
    UriTooLong,
}

/// Why API Gateway answers as it does, in a few words: `allowed (principal u-1)`,
/// `a Deny covers the request`, ...
impl std::fmt::Display for Judgement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Allowed { backend } => match &backend.principal_id {
                Some(principal) => write!(f, "allowed (principal {principal})"),
                None => f.write_str("allowed"),
            },
            Self::ExplicitDeny => f.write_str("a Deny covers the request"),
            Self::ImplicitDeny => f.write_str("no Allow covers the request"),
            Self::Unauthorized => f.write_str("the authorizer said Unauthorized"),
            Self::Failed { error_type } => write!(f, "the authorizer failed ({error_type})"),
            Self::Invalid { reason } => write!(f, "invalid answer: {reason}"),
            Self::UriTooLong => f.write_str("the method ARN is over 1600 bytes"),
        }
    }
}

/// What the backend receives about an allowed caller ([authorizer output][output]).
///
/// [output]: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html
#[derive(Debug, Clone, PartialEq)]
pub struct BackendView {
    /// The policy's `principalId` (none for a simple response).
    pub principal_id: Option<String>,
    /// `requestContext.authorizer` as the integration receives it: for REST, WebSocket and
    /// HTTP API payload 1.0, the context with every value stringified (`1` → `"1"`,
    /// `true` → `"true"`, `null` kept) and `principalId`; for HTTP API payload 2.0, the
    /// context with its JSON types under `lambda`.
    pub authorizer: Value,
}

/// What the client gets when API Gateway answers by itself (the default gateway responses;
/// [gateway responses][gateway-responses], [403 troubleshooting][kc-403]). Bodies AWS does
/// not document are the ones widely reported.
///
/// [gateway-responses]: https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html
/// [kc-403]: https://aws.amazon.com/premiumsupport/knowledge-center/api-gateway-403-error-lambda-authorizer/
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientAnswer {
    /// The HTTP status.
    pub status: u16,
    /// The body; empty when the request reaches the backend.
    pub body: &'static str,
    /// The `x-amzn-ErrorType` header, when API Gateway sends one.
    pub error_type: Option<&'static str>,
}

/// A judgement, the client's answer, and what the judgement could not take into account.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// How API Gateway judges the answer.
    pub judgement: Judgement,
    /// What the client gets (status 200 and no body: the backend answers).
    pub answer: ClientAnswer,
    /// Statements with a `Condition`, which is not evaluated here: a conditional Allow is
    /// taken not to match and a conditional Deny to match, so nothing is allowed that a
    /// condition might refuse.
    pub unevaluated_conditions: usize,
}

impl ClientAnswer {
    const fn new(status: u16, body: &'static str, error_type: Option<&'static str>) -> Self {
        Self { status, body, error_type }
    }

    /// The answer API Gateway gives for `judgement` on an API of kind `api`.
    #[must_use]
    pub const fn of(api: ApiKind, judgement: &Judgement) -> Self {
        let http = matches!(api, ApiKind::HttpV1 | ApiKind::HttpV2);
        match judgement {
            Judgement::Allowed { .. } => Self::new(200, "", None),
            Judgement::Unauthorized => Self::new(401, r#"{"message":"Unauthorized"}"#, None),
            Judgement::ExplicitDeny | Judgement::ImplicitDeny if http => {
                Self::new(403, r#"{"message":"Forbidden"}"#, None)
            }
            Judgement::ExplicitDeny => Self::new(
                403,
                r#"{"Message":"User is not authorized to access this resource with an explicit deny"}"#,
                Some("AccessDeniedException"),
            ),
            Judgement::ImplicitDeny => Self::new(
                403,
                r#"{"Message":"User is not authorized to access this resource"}"#,
                Some("AccessDeniedException"),
            ),
            Judgement::Failed { .. } | Judgement::Invalid { .. } if http => {
                Self::new(500, r#"{"message":"Internal Server Error"}"#, None)
            }
            Judgement::Failed { .. } | Judgement::Invalid { .. } => {
                Self::new(500, r#"{"message": null}"#, Some("AuthorizerConfigurationException"))
            }
            Judgement::UriTooLong => Self::new(414, "Request URI too long", None),
        }
    }
}

/// Judges what an authorizer posted (`reply`) for a request of method (or route) ARN `arn`
/// to an API of kind `api`, as API Gateway does: an explicit Deny wins, then an Allow, else
/// the request is denied; a statement applies when its `Action` covers `execute-api:Invoke`
/// (case-insensitively) or its `NotAction` does not, and its `Resource` matches the ARN
/// (case-sensitively) or its `NotResource` does not; `*` matches any run of characters
/// (`/` included) and `?` one character; each of these may be a string or an array of
/// strings. A statement with both `Action` and `NotAction`, or neither (the same for
/// `Resource`), makes the answer [`Judgement::Invalid`] ([IAM `Resource`][iam-resource],
/// [authorization workflow][flow]).
///
/// [iam-resource]: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
/// [flow]: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-authorization-flow.html
#[must_use]
pub fn evaluate(api: ApiKind, reply: &Reply, arn: &str) -> Evaluation {
    let (judgement, unevaluated_conditions) = if arn.len() > MAX_METHOD_ARN_LEN {
        (Judgement::UriTooLong, 0)
    } else {
        match reply {
            Reply::Error(e) => (evaluate_error(api, e.error_type.as_str(), &e.error_message, arn).judgement, 0),
            Reply::Response(json) => judge_response(api, json, arn),
        }
    };
    Evaluation { answer: ClientAnswer::of(api, &judgement), judgement, unevaluated_conditions }
}

/// Judges a posted error by its raw `errorType` and `errorMessage`, as a real binary's.
#[must_use]
pub fn evaluate_error(api: ApiKind, error_type: &str, error_message: &str, arn: &str) -> Evaluation {
    let judgement = if arn.len() > MAX_METHOD_ARN_LEN {
        Judgement::UriTooLong
    } else if error_message == "Unauthorized" {
        // API Gateway reads the message, whatever the type:
        // https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html
        Judgement::Unauthorized
    } else {
        Judgement::Failed { error_type: error_type.to_owned() }
    };
    Evaluation { answer: ClientAnswer::of(api, &judgement), judgement, unevaluated_conditions: 0 }
}

/// Whether `reply` is an HTTP API simple response (payload 2.0, `isAuthorized`): one yes or
/// no for the whole request, whatever its route, where a policy is judged per route.
#[cfg(any(feature = "gateway", test))]
pub(crate) fn is_simple_response(api: ApiKind, reply: &Reply) -> bool {
    match reply {
        Reply::Response(json) => serde_json::from_str::<Map<String, Value>>(json)
            .is_ok_and(|response| simple_answer(api, &response).is_some()),
        Reply::Error(_) => false,
    }
}

/// A simple response's `isAuthorized`, which only HTTP API payload 2.0 takes.
fn simple_answer(api: ApiKind, response: &Map<String, Value>) -> Option<&Value> {
    response.get("isAuthorized").filter(|_| api == ApiKind::HttpV2)
}

fn invalid(reason: impl Into<String>) -> (Judgement, usize) {
    (Judgement::Invalid { reason: reason.into() }, 0)
}

fn judge_response(api: ApiKind, json: &str, arn: &str) -> (Judgement, usize) {
    let Ok(Value::Object(response)) = serde_json::from_str::<Value>(json) else {
        return invalid("the response is not a JSON object");
    };
    let context = match response.get("context") {
        None | Some(Value::Null) => None,
        Some(Value::Object(context)) => Some(context),
        Some(_) => return invalid("`context` is not an object"),
    };
    if let Some(context) = context.filter(|_| !api.allows_nested_context())
        && let Some((key, _)) = context.iter().find(|(_, v)| v.is_object() || v.is_array())
    {
        return invalid(format!(
            "context key `{key}` holds an object or an array, which only HTTP API payload 2.0 accepts"
        ));
    }
    let backend = |principal_id: Option<String>| BackendView {
        authorizer: backend_authorizer(api, principal_id.as_deref(), context),
        principal_id,
    };

    if let Some(authorized) = simple_answer(api, &response) {
        return match authorized {
            Value::Bool(true) => (Judgement::Allowed { backend: backend(None) }, 0),
            Value::Bool(false) => (Judgement::ImplicitDeny, 0),
            _ => invalid("`isAuthorized` is not a boolean"),
        };
    }
    let principal_id = match response.get("principalId") {
        Some(Value::String(p)) => p.clone(),
        Some(_) => return invalid("`principalId` is not a string"),
        None if api == ApiKind::HttpV2 => String::new(),
        None => return invalid("`principalId` is missing"),
    };
    let Some(statements) = response.get("policyDocument").and_then(|d| d.get("Statement")) else {
        return invalid("`policyDocument.Statement` is missing");
    };
    let statements: Vec<&Value> = match statements {
        Value::Array(items) => items.iter().collect(),
        Value::Object(_) => vec![statements],
        _ => return invalid("`policyDocument.Statement` is not an array"),
    };
    let (mut allowed, mut denied, mut conditions) = (false, false, 0);
    for statement in statements {
        let Some(effect) = statement.get("Effect").and_then(Value::as_str) else {
            return invalid("a statement has no `Effect`");
        };
        // A statement's conditions apply as in IAM
        // (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-authorization-flow.html).
        // Actions: "The prefix and the action name are case insensitive" (IAM JSON policy
        // reference, `Action`); resources match case-sensitively, as IAM matches ARNs
        // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html).
        let invokes = match applies(statement, "Action", "NotAction", |a| {
            wildcard::matches(&a.to_ascii_lowercase(), "execute-api:invoke")
        }) {
            Ok(invokes) => invokes,
            Err(reason) => return invalid(reason),
        };
        let covers = match applies(statement, "Resource", "NotResource", |r| wildcard::matches(r, arn)) {
            Ok(covers) => covers,
            Err(reason) => return invalid(reason),
        };
        let conditional = statement.get("Condition").is_some_and(|c| !c.as_object().is_some_and(Map::is_empty));
        conditions += usize::from(conditional);
        match effect {
            "Deny" => denied |= invokes && covers,
            "Allow" => allowed |= invokes && covers && !conditional,
            _ => return invalid("a statement's `Effect` is neither `Allow` nor `Deny`"),
        }
    }
    let judgement = if denied {
        Judgement::ExplicitDeny
    } else if allowed {
        Judgement::Allowed { backend: backend(Some(principal_id)) }
    } else {
        Judgement::ImplicitDeny
    };
    (judgement, conditions)
}

/// Whether a statement's `key` (or, written instead, its `not_key`) element applies: one of
/// `key`'s entries matches, or none of `not_key`'s does. A statement has exactly one of the
/// two, each a string or an array of strings; anything else is an invalid policy.
fn applies(statement: &Value, key: &str, not_key: &str, matches: impl Fn(&str) -> bool) -> Result<bool, String> {
    let entries = |value: &Value, name: &str| -> Result<bool, String> {
        match value {
            Value::String(s) => Ok(matches(s)),
            Value::Array(items) => items.iter().try_fold(false, |any, item| match item {
                Value::String(s) => Ok(any || matches(s)),
                _ => Err(format!("a statement's `{name}` holds something other than a string")),
            }),
            _ => Err(format!("a statement's `{name}` is neither a string nor an array of strings")),
        }
    };
    match (statement.get(key), statement.get(not_key)) {
        (Some(value), None) => entries(value, key),
        (None, Some(value)) => entries(value, not_key).map(|any| !any),
        (Some(_), Some(_)) => Err(format!("a statement has both `{key}` and `{not_key}`")),
        (None, None) => Err(format!("a statement has neither `{key}` nor `{not_key}`")),
    }
}

/// `requestContext.authorizer` as the integration receives it ([authorizer output][output]).
///
/// [output]: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html
fn backend_authorizer(api: ApiKind, principal_id: Option<&str>, context: Option<&Map<String, Value>>) -> Value {
    if api == ApiKind::HttpV2 {
        let mut authorizer = Map::new();
        authorizer.insert("lambda".into(), Value::Object(context.cloned().unwrap_or_default()));
        return Value::Object(authorizer);
    }
    let mut authorizer: Map<String, Value> = context
        .into_iter()
        .flatten()
        .map(|(key, value)| {
            let value = match value {
                Value::String(_) | Value::Null => value.clone(),
                other => Value::String(other.to_string()),
            };
            (key.clone(), value)
        })
        .collect();
    if let Some(principal_id) = principal_id {
        authorizer.insert("principalId".into(), Value::String(principal_id.to_owned()));
    }
    Value::Object(authorizer)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::wire::{ErrorReply, ErrorType};

    const ARN: &str = "arn:aws:execute-api:us-east-1:1:a/prod/GET/pets";

    fn judge(api: ApiKind, response: &Value) -> Evaluation {
        evaluate(api, &Reply::Response(response.to_string()), ARN)
    }

    fn policy(statements: &Value) -> Value {
        json!({"principalId": "u", "policyDocument": {"Version": "2012-10-17", "Statement": statements}})
    }

    const ALLOW_ALL: &str = "arn:aws:execute-api:us-east-1:1:a/prod/*/*";

    #[test]
    fn deny_wins_then_allow_then_implicit_deny() {
        let allow = json!({"Action": "execute-api:Invoke", "Effect": "Allow", "Resource": ALLOW_ALL});
        let deny = json!({"Action": ["execute-api:Invoke"], "Effect": "Deny", "Resource": [ARN]});
        assert!(matches!(judge(ApiKind::Rest, &policy(&json!([allow]))).judgement, Judgement::Allowed { .. }));
        let both = judge(ApiKind::Rest, &policy(&json!([allow, deny])));
        assert_eq!(both.judgement, Judgement::ExplicitDeny);
        assert_eq!(
            both.answer.body,
            r#"{"Message":"User is not authorized to access this resource with an explicit deny"}"#
        );
        let none = judge(ApiKind::Rest, &policy(&json!([])));
        assert_eq!(none.judgement, Judgement::ImplicitDeny);
        assert_eq!((none.answer.status, none.answer.error_type), (403, Some("AccessDeniedException")));
        // A single statement may be an object.
        assert!(matches!(judge(ApiKind::Rest, &policy(&allow)).judgement, Judgement::Allowed { .. }));
    }

    #[test]
    fn actions_must_cover_invoke() {
        for action in [json!("execute-api:*"), json!("*"), json!(["s3:GetObject", "execute-api:Invoke"])] {
            let allow = json!({"Action": action, "Effect": "Allow", "Resource": ALLOW_ALL});
            assert!(
                matches!(judge(ApiKind::Rest, &policy(&json!([allow]))).judgement, Judgement::Allowed { .. }),
                "{action}"
            );
        }
        let other = json!({"Action": "execute-api:InvalidateCache", "Effect": "Allow", "Resource": ALLOW_ALL});
        assert_eq!(judge(ApiKind::Rest, &policy(&json!([other]))).judgement, Judgement::ImplicitDeny);
    }

    #[test]
    fn actions_match_case_insensitively_and_resources_do_not() {
        let allow = json!({"Action": "execute-api:Invoke", "Effect": "Allow", "Resource": ALLOW_ALL});
        for action in [json!("execute-api:invoke"), json!(["EXECUTE-API:INVOKE"]), json!("Execute-Api:*")] {
            let deny = json!({"Action": action, "Effect": "Deny", "Resource": ARN});
            assert_eq!(
                judge(ApiKind::Rest, &policy(&json!([allow, deny]))).judgement,
                Judgement::ExplicitDeny,
                "{action}"
            );
        }
        let lower = json!({"Action": "execute-api:invoke", "Effect": "Allow", "Resource": ALLOW_ALL});
        assert!(matches!(judge(ApiKind::Rest, &policy(&lower)).judgement, Judgement::Allowed { .. }));
        let other_case = json!({"Action": "execute-api:Invoke", "Effect": "Allow", "Resource": ARN.to_uppercase()});
        assert_eq!(judge(ApiKind::Rest, &policy(&other_case)).judgement, Judgement::ImplicitDeny);
    }

    #[test]
    fn not_resource_and_not_action_apply_to_what_they_do_not_list() {
        let allow = json!({"Action": "execute-api:Invoke", "Effect": "Allow", "Resource": ALLOW_ALL});
        let health = "arn:aws:execute-api:us-east-1:1:a/prod/GET/health";
        for not_resource in [json!(health), json!([health, "arn:aws:execute-api:us-east-1:1:a/prod/GET/"])] {
            let deny = json!({"Action": "execute-api:Invoke", "Effect": "Deny", "NotResource": not_resource});
            let statements = json!([allow, deny]);
            assert_eq!(judge(ApiKind::Rest, &policy(&statements)).judgement, Judgement::ExplicitDeny, "{not_resource}");
            let evaluation = evaluate(ApiKind::Rest, &Reply::Response(policy(&statements).to_string()), health);
            assert!(matches!(evaluation.judgement, Judgement::Allowed { .. }), "{not_resource}");
        }
        let everything_but_pets = json!({"Action": "execute-api:Invoke", "Effect": "Allow", "NotResource": [ARN]});
        assert_eq!(judge(ApiKind::Rest, &policy(&everything_but_pets)).judgement, Judgement::ImplicitDeny);

        for not_action in [json!("s3:*"), json!(["s3:GetObject", "execute-api:InvalidateCache"])] {
            let allow = json!({"NotAction": not_action, "Effect": "Allow", "Resource": ALLOW_ALL});
            assert!(
                matches!(judge(ApiKind::Rest, &policy(&allow)).judgement, Judgement::Allowed { .. }),
                "{not_action}"
            );
        }
        for not_action in [json!("execute-api:*"), json!(["s3:*", "EXECUTE-API:invoke"])] {
            let deny = json!({"NotAction": not_action, "Effect": "Deny", "Resource": ALLOW_ALL});
            assert!(
                matches!(judge(ApiKind::Rest, &policy(&json!([allow, deny]))).judgement, Judgement::Allowed { .. }),
                "{not_action}"
            );
        }
        let deny_all_but_s3 = json!({"NotAction": "s3:*", "Effect": "Deny", "NotResource": health});
        assert_eq!(judge(ApiKind::Rest, &policy(&json!([allow, deny_all_but_s3]))).judgement, Judgement::ExplicitDeny);
    }

    #[test]
    fn statements_need_exactly_one_of_each_pair_of_strings() {
        let cases = [
            json!({"Effect": "Allow", "Resource": ALLOW_ALL}),
            json!({"Action": "execute-api:Invoke", "NotAction": "s3:*", "Effect": "Allow", "Resource": ALLOW_ALL}),
            json!({"Action": "execute-api:Invoke", "Effect": "Allow"}),
            json!({"Action": "execute-api:Invoke", "Effect": "Deny", "Resource": ARN, "NotResource": ARN}),
            json!({"Action": "execute-api:Invoke", "Effect": "Deny", "NotResource": 7}),
            json!({"Action": ["execute-api:Invoke", null], "Effect": "Allow", "Resource": ALLOW_ALL}),
        ];
        for statement in cases {
            let evaluation = judge(ApiKind::Rest, &policy(&json!([statement])));
            assert!(matches!(evaluation.judgement, Judgement::Invalid { .. }), "{statement}");
            assert_eq!(evaluation.answer.status, 500, "{statement}");
            let http = judge(ApiKind::HttpV2, &policy(&json!([statement])));
            assert_eq!((http.answer.status, http.answer.body), (500, r#"{"message":"Internal Server Error"}"#));
        }
    }

    #[test]
    fn conditions_are_reported_and_never_allow() {
        let allow = json!({"Action": "execute-api:Invoke", "Effect": "Allow", "Resource": ALLOW_ALL,
            "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}});
        let evaluation = judge(ApiKind::Rest, &policy(&json!([allow])));
        assert_eq!((evaluation.judgement, evaluation.unevaluated_conditions), (Judgement::ImplicitDeny, 1));
        let deny = json!({"Action": "execute-api:Invoke", "Effect": "Deny", "Resource": ARN, "Condition": {"Bool": {"x": "true"}}});
        let unconditional = json!({"Action": "execute-api:Invoke", "Effect": "Allow", "Resource": ALLOW_ALL});
        assert_eq!(judge(ApiKind::Rest, &policy(&json!([unconditional, deny]))).judgement, Judgement::ExplicitDeny);
    }

    #[test]
    fn invalid_answers_are_500() {
        let allow = json!([{"Action": "execute-api:Invoke", "Effect": "Allow", "Resource": ALLOW_ALL}]);
        let cases = [
            json!("Unauthorized"),
            json!({"principalId": "u"}),
            json!({"policyDocument": {"Statement": allow}}),
            json!({"principalId": "u", "policyDocument": {"Statement": allow}, "context": {"a": {"b": 1}}}),
            json!({"principalId": "u", "policyDocument": {"Statement": allow}, "context": {"a": [1]}}),
            json!({"principalId": "u", "policyDocument": {"Statement": [{"Action": "execute-api:Invoke", "Resource": ALLOW_ALL}]}}),
        ];
        for response in cases {
            let evaluation = judge(ApiKind::Rest, &response);
            assert!(matches!(evaluation.judgement, Judgement::Invalid { .. }), "{response}");
            assert_eq!(
                evaluation.answer,
                ClientAnswer::new(500, r#"{"message": null}"#, Some("AuthorizerConfigurationException"))
            );
        }
    }

    #[test]
    fn errors_and_long_arns() {
        let unauthorized =
            Reply::Error(ErrorReply { error_type: ErrorType::Unauthorized, error_message: "Unauthorized".into() });
        assert_eq!(evaluate(ApiKind::Rest, &unauthorized, ARN).answer.body, r#"{"message":"Unauthorized"}"#);
        assert_eq!(evaluate_error(ApiKind::Rest, "Anything", "Unauthorized", ARN).judgement, Judgement::Unauthorized);
        assert_eq!(evaluate_error(ApiKind::Rest, "Error", "Unauthorized: expired", ARN).answer.status, 500);
        let long = format!("{ARN}/{}", "a".repeat(MAX_METHOD_ARN_LEN));
        assert_eq!(evaluate(ApiKind::Rest, &unauthorized, &long).answer.status, 414);
    }

    #[test]
    fn the_backend_sees_stringified_rest_context_and_typed_http_context() {
        let allow = json!([{"Action": "execute-api:Invoke", "Effect": "Allow", "Resource": ALLOW_ALL}]);
        let response = json!({"principalId": "u-1", "policyDocument": {"Statement": allow},
            "context": {"number": 1, "bool": true, "text": "x", "none": null}});
        let Judgement::Allowed { backend } = judge(ApiKind::Rest, &response).judgement else { panic!() };
        assert_eq!(backend.principal_id.as_deref(), Some("u-1"));
        assert_eq!(
            backend.authorizer,
            json!({"number": "1", "bool": "true", "text": "x", "none": null, "principalId": "u-1"})
        );
        let simple = json!({"isAuthorized": true, "context": {"roles": ["a"], "n": 1}});
        let Judgement::Allowed { backend } = judge(ApiKind::HttpV2, &simple).judgement else { panic!() };
        assert_eq!(backend.authorizer, json!({"lambda": {"roles": ["a"], "n": 1}}));
        let denied = judge(ApiKind::HttpV2, &json!({"isAuthorized": false}));
        assert_eq!((denied.answer.status, denied.answer.body), (403, r#"{"message":"Forbidden"}"#));
        // Only HTTP API payload 2.0 takes simple responses.
        assert!(matches!(judge(ApiKind::Rest, &simple).judgement, Judgement::Invalid { .. }));
        let reply = |response: &Value| Reply::Response(response.to_string());
        assert!(is_simple_response(ApiKind::HttpV2, &reply(&simple)));
        assert!(!is_simple_response(ApiKind::Rest, &reply(&simple)));
        assert!(!is_simple_response(ApiKind::HttpV2, &reply(&response)));
    }
}
