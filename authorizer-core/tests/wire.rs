//! The wire format, field for field: published event shapes in, exactly what API Gateway
//! documents out ([authorizer output][output], [Lambda Runtime API][runtime-api]), through
//! `testing::invoke`, which runs the same code as the deployed binary.
//!
//! [output]: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html
//! [runtime-api]: https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html

use authorizer_core::prelude::*;
use authorizer_core::testing;
use authorizer_core::{ErrorType, Reply};
use serde_json::{Value, json};

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).expect(&path)).expect(&path)
}

/// The developer guide's TOKEN event writes its `methodArn` with stage `*`, which no API
/// sends and which is refused (a resource with stage `*` covers every stage): the same ARN
/// with the stage `dev` of the guide's other examples. Applies to the derived responses too.
fn dev_stage(value: Value) -> Value {
    serde_json::from_str(&value.to_string().replace("ymy8tbxw7b/*/", "ymy8tbxw7b/dev/")).unwrap()
}

fn token_event() -> Value {
    dev_stage(fixture("token-docs.json"))
}

fn with(mut event: Value, key: &str, value: Value) -> Value {
    event[key] = value;
    event
}

#[derive(Context)]
#[context(rename_all = "camelCase")]
struct SampleContext {
    string_key: &'static str,
    number_key: u32,
    boolean_key: bool,
}

const SAMPLE: SampleContext = SampleContext { string_key: "stringval", number_key: 123, boolean_key: true };

/// The AWS documentation's TOKEN sample, as a user would write it.
fn sample(request: TokenRequest) -> Result<Decision<SampleContext>, Error> {
    match request.token() {
        "allow" => Ok(Decision::allow_request("user").context(SAMPLE)),
        "deny" => Ok(Decision::deny_request("user").context(SAMPLE)),
        "unauthorized" => Err(Unauthorized.into()),
        _ => Err(Error::failure("Error: Invalid token")),
    }
}

/// No `null` anywhere: the optional fields are left out instead, since AWS documents no
/// `null` for them.
fn assert_no_null(value: &Value) {
    match value {
        Value::Null => panic!("a null in the response"),
        Value::Array(items) => items.iter().for_each(assert_no_null),
        Value::Object(map) => map.values().for_each(assert_no_null),
        _ => {}
    }
}

#[test]
fn token_sample_matches_the_published_responses_field_for_field() {
    for (token, expected) in
        [("allow", "token-sample-allow-response.json"), ("deny", "token-sample-deny-response.json")]
    {
        let event = with(token_event(), "authorizationToken", json!(token));
        let invocation = testing::invoke(sample, event);
        let Reply::Response(raw) = invocation.reply() else { panic!("{token}: {:?}", invocation.reply()) };
        let response: Value = serde_json::from_str(raw).unwrap();
        assert_eq!(response, dev_stage(fixture(expected)), "{token}");
        assert_no_null(&response);
        // camelCase at the top, PascalCase inside the policy, in the documented order.
        assert!(raw.starts_with(r#"{"principalId":"user","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":""#), "{raw}");
    }
}

#[test]
fn the_guides_token_event_with_stage_star_is_refused_and_never_allowed() {
    let invocation = testing::invoke(sample, fixture("token-docs.json"));
    let error = invocation.error().expect("an error");
    assert_eq!(error.error_type, ErrorType::InvalidEvent);
    assert!(error.error_message.contains("the stage is"), "{}", error.error_message);
    assert_eq!(invocation.status(), 500);
}

#[test]
fn unauthorized_is_exactly_the_documented_error() {
    let event = with(token_event(), "authorizationToken", json!("unauthorized"));
    let invocation = testing::invoke(sample, event);
    let error = invocation.error().expect("an error");
    assert_eq!(error.error_type, ErrorType::Unauthorized);
    let body: Value = serde_json::from_str(&invocation.reply().body()).unwrap();
    assert_eq!(body, json!({"errorType": "Unauthorized", "errorMessage": "Unauthorized"}));
    assert_eq!(invocation.status(), 401);
}

#[test]
fn any_other_failure_is_never_the_401_message() {
    let event = with(token_event(), "authorizationToken", json!("fail"));
    let invocation = testing::invoke(sample, event);
    let error = invocation.error().expect("an error");
    assert_eq!(error.error_type, ErrorType::AuthorizerError);
    assert_eq!(error.error_message, "authorizer failed: Error: Invalid token");
    assert_eq!(invocation.status(), 500);

    // Even an error whose own text is `Unauthorized` stays a 500: only the type says 401.
    let impostor = |_: TokenRequest| -> Result<Decision, Error> { Err(std::io::Error::other("Unauthorized").into()) };
    let invocation = testing::invoke(impostor, token_event());
    assert_ne!(invocation.error().unwrap().error_message, "Unauthorized");
    assert_eq!(invocation.status(), 500);
}

#[test]
fn events_of_another_kind_fail_closed() {
    let allow_all = |_: TokenRequest| -> Result<Decision, Error> { Ok(Decision::allow_all("anyone")) };
    let token = token_event();
    let bad = [
        with(token.clone(), "methodArn", Value::Null),
        with(token.clone(), "methodArn", json!("arn:aws:lambda:us-east-1:123456789012:function:f")),
        with(token.clone(), "methodArn", json!("arn:aws:s3:::bucket/key")),
        with(token.clone(), "type", json!("REQUEST")),
        fixture("request-docs.json"),
        fixture("http-v2-request.json"),
        json!([]),
        json!("allow"),
    ];
    for event in bad {
        let invocation = testing::invoke(allow_all, &event);
        assert_eq!(invocation.error().map(|e| e.error_type), Some(ErrorType::InvalidEvent), "{event}");
        assert_eq!(invocation.status(), 500);
    }
    let invocation = testing::invoke(allow_all, "not json");
    assert_eq!(invocation.error().map(|e| e.error_type), Some(ErrorType::InvalidEvent));
}

fn request_sample(request: RestRequest) -> Result<Decision<SampleContext>, Error> {
    let matches = request.header("headerauth1") == Some("headerValue1")
        && request.query_param("QueryString1") == Some("queryValue1")
        && request.stage_variable("StageVar1") == Some("stageValue1");
    if matches { Ok(Decision::allow_request("me").context(SAMPLE)) } else { Err(Unauthorized.into()) }
}

#[test]
fn request_events_of_both_published_shapes_decode() {
    for name in ["request-docs.json", "request-full.json"] {
        let event = fixture(name);
        let invocation = testing::invoke(request_sample, &event);
        let response = invocation.response().unwrap_or_else(|| panic!("{name}: {:?}", invocation.reply()));
        assert_eq!(response["principalId"], "me");
        assert_eq!(response["policyDocument"]["Statement"][0]["Resource"], event["methodArn"]);
        assert_eq!(response["context"], json!({"stringKey": "stringval", "numberKey": 123, "booleanKey": true}));
        assert_eq!(invocation.status(), 200);
    }
    // Absent or null maps are a 401 here, never a crash.
    let mut event = fixture("request-docs.json");
    event["stageVariables"] = Value::Null;
    event.as_object_mut().unwrap().remove("queryStringParameters");
    assert_eq!(testing::invoke(request_sample, event).status(), 401);
    // HTTP API and WebSocket events are not REST REQUEST events.
    for name in ["http-v1-request.json", "http-v2-request.json", "websocket-connect-request.json"] {
        let invocation = testing::invoke(request_sample, fixture(name));
        assert_eq!(invocation.error().map(|e| e.error_type), Some(ErrorType::InvalidEvent), "{name}");
    }
}

#[test]
fn policies_keep_the_partition_region_account_api_and_stage() {
    let routes = |_: TokenRequest| -> Result<Decision, Error> {
        Ok(Decision::allow("u").routes([Route::get("/pets/*"), Route::get("/")]).deny_routes([Route::delete("/*")]))
    };
    let arn = "arn:aws-cn:execute-api:cn-north-1:210987654321:q1w2e3/v2/GET/pets/7";
    let event = json!({"type": "TOKEN", "authorizationToken": "t", "methodArn": arn});
    let invocation = testing::invoke(routes, event);
    let p = "arn:aws-cn:execute-api:cn-north-1:210987654321:q1w2e3/v2/";
    assert_eq!(
        invocation.response().unwrap()["policyDocument"]["Statement"],
        json!([
            {"Action": "execute-api:Invoke", "Effect": "Allow", "Resource": [format!("{p}GET/pets/*"), format!("{p}GET/")]},
            {"Action": "execute-api:Invoke", "Effect": "Deny", "Resource": format!("{p}DELETE/*")},
        ])
    );
    assert_eq!(invocation.status(), 200);
}

#[test]
fn usage_identifier_key_and_context_types_on_the_wire() {
    #[derive(Context)]
    struct Session {
        org: String,
        admin: bool,
        quota: u32,
        balance: i64,
        ratio: f64,
        plan: Option<String>,
        #[context(rename = "tier")]
        level: Option<u8>,
        #[context(skip)]
        #[allow(dead_code)]
        internal: Vec<String>,
    }
    let authorize = |_: TokenRequest| -> Result<Decision<Session>, Error> {
        Ok(Decision::allow_all("u").usage_identifier_key("api-key-1").context(Session {
            org: "acme \"inc\"".into(),
            admin: false,
            quota: 10,
            balance: -3,
            ratio: 0.25,
            plan: None,
            level: Some(2),
            internal: vec!["not sent".into()],
        }))
    };
    let response = testing::invoke(authorize, token_event()).response().unwrap();
    assert_eq!(response["usageIdentifierKey"], "api-key-1");
    assert_eq!(
        response["context"],
        json!({"org": "acme \"inc\"", "admin": false, "quota": 10, "balance": -3, "ratio": 0.25, "tier": 2})
    );
    assert_no_null(&response);
}

#[test]
fn a_non_finite_float_is_a_500_not_an_invalid_response() {
    #[derive(Context)]
    struct Score {
        score: f64,
    }
    let authorize = |_: TokenRequest| -> Result<Decision<Score>, Error> {
        Ok(Decision::allow_all("u").context(Score { score: f64::NAN }))
    };
    let invocation = testing::invoke(authorize, token_event());
    let error = invocation.error().expect("an error");
    assert_eq!(error.error_type, ErrorType::InvalidDecision);
    assert!(error.error_message.contains("`score`"), "{}", error.error_message);
    assert_eq!(invocation.status(), 500);
}

#[test]
fn data_cannot_widen_a_policy() {
    let authorize = |request: TokenRequest| -> Result<Decision, Error> {
        // The token stands in for any request data: a user id, a tenant name.
        Ok(Decision::allow("u").route(Route::get("/users/{id}/*").bind("id", request.token())))
    };
    let event = |id: &str| json!({"type": "TOKEN", "authorizationToken": id, "methodArn": "arn:aws:execute-api:r:1:a/s/GET/users/1/x"});
    assert!(testing::invoke(authorize, event("u-1")).response().is_some());
    for id in ["*", "1/../*", "?", "", "a b"] {
        let invocation = testing::invoke(authorize, event(id));
        assert_eq!(invocation.error().map(|e| e.error_type), Some(ErrorType::InvalidDecision), "{id:?}");
    }
    // Nor another user's path, for a backend that normalises or decodes paths: `..`, `.` and
    // `%` need `bind_raw`. A dot inside a value is fine.
    for id in ["..", ".", "x%2F..%2Fbob"] {
        let invocation = testing::invoke(authorize, event(id));
        let error = invocation.error().unwrap_or_else(|| panic!("{id:?}: {:?}", invocation.reply()));
        assert_eq!(error.error_type, ErrorType::InvalidDecision, "{id:?}");
        assert!(error.error_message.contains("`{id}`") && error.error_message.contains("bind_raw"), "{id:?}");
        assert!(!error.error_message.contains("x%2F"), "{}", error.error_message);
    }
    assert_eq!(testing::invoke(authorize, event("a.b@example.com")).status(), 403);
    let raw = |request: TokenRequest| -> Result<Decision, Error> {
        Ok(Decision::allow("u").route(Route::get("/users/{id}/*").bind_raw("id", request.token())))
    };
    assert!(testing::invoke(raw, event("..")).response().is_some());
    // "Exactly this request" refuses a wildcard in a client-chosen path.
    let exact = |_: TokenRequest| -> Result<Decision, Error> { Ok(Decision::allow_request("u")) };
    let event =
        json!({"type": "TOKEN", "authorizationToken": "t", "methodArn": "arn:aws:execute-api:r:1:a/s/GET/pets/*"});
    assert_eq!(testing::invoke(exact, event).error().map(|e| e.error_type), Some(ErrorType::InvalidDecision));
}

#[test]
fn the_token_is_masked_in_error_messages() {
    let leaky = |request: TokenRequest| -> Result<Decision, Error> {
        Err(Error::failure(format!("no user for token {}", request.token())))
    };
    let event = json!({"type": "TOKEN", "authorizationToken": "Bearer eyJhbGciOi.secret.sig", "methodArn": "arn:aws:execute-api:r:1:a/s/GET/"});
    let message = testing::invoke(leaky, &event).error().unwrap().error_message.clone();
    assert!(!message.contains("eyJhbGciOi"), "{message}");
    assert!(message.contains("[redacted]"), "{message}");

    let panicky =
        |request: TokenRequest| -> Result<Decision, Error> { panic!("bad {}", request.bearer_token().unwrap()) };
    let invocation = testing::invoke(panicky, &event);
    let error = invocation.error().unwrap();
    assert_eq!(error.error_type, ErrorType::AuthorizerPanic);
    assert!(!error.error_message.contains("eyJhbGciOi"), "{}", error.error_message);
}

#[test]
fn async_and_stateful_authorizers_run_the_same_way() {
    struct Keys {
        admin: &'static str,
    }
    async fn authorize(request: TokenRequest, keys: &Keys) -> Result<Decision, Error> {
        std::future::ready(()).await;
        if request.bearer_token() == Some(keys.admin) {
            Ok(Decision::allow_all("admin"))
        } else {
            Ok(Decision::deny("x"))
        }
    }
    let keys: &'static Keys = Box::leak(Box::new(Keys { admin: "k-123" }));
    let event = |token: &str| json!({"type": "TOKEN", "authorizationToken": token, "methodArn": "arn:aws:execute-api:r:1:a/s/GET/"});
    assert_eq!(testing::invoke_with_state(authorize, keys, event("Bearer k-123")).status(), 200);
    assert_eq!(testing::invoke_with_state(authorize, keys, event("Bearer nope")).status(), 403);
}

#[tokio::test]
async fn invoke_async_works_inside_a_tokio_test() {
    let authorize = |_: TokenRequest| -> Result<Decision, Error> { Ok(Decision::allow_all("u")) };
    assert_eq!(testing::invoke_async(authorize, token_event()).await.status(), 200);
}
