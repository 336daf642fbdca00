//! Every kind of authorizer, in-process: HTTP API payload 1.0 and 2.0 (simple and IAM
//! responses), WebSocket `$connect`, and one function for several kinds, each answering in
//! its kind's exact wire format ([authorizer output][output], [HTTP API authorizers][http]).
//!
//! [output]: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html
//! [http]: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html

use std::collections::BTreeMap;

use authorizer_core::prelude::*;
use authorizer_core::testing;
use authorizer_core::{ErrorType, JsonContext, ObjectWriter};
use serde_json::{Value, json};

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).expect(&path)).expect(&path)
}

fn error_type(invocation: &testing::Invocation) -> Option<ErrorType> {
    invocation.error().map(|e| e.error_type)
}

/// The HTTP API samples' context, nested as they send it.
struct SampleContext;

impl JsonContext for SampleContext {
    fn write_json_context(&self, out: &mut ObjectWriter<'_>) {
        out.insert_json("stringKey", "value");
        out.insert_json("numberKey", &1);
        out.insert_json("booleanKey", &true);
        out.insert_json("arrayKey", &["value1", "value2"]);
        out.insert_json("mapKey", &BTreeMap::from([("value1", "value2")]));
    }
}

fn with_authorization(mut event: Value, value: &str) -> Value {
    event["headers"]["authorization"] = json!(value);
    event
}

/// The simple-response sample: authorized iff `authorization` is `secretToken`.
fn simple(request: HttpV2Request) -> Result<Decision<SampleContext>, Error> {
    let decision = if request.header("authorization") == Some("secretToken") {
        Decision::allow_all("user")
    } else {
        Decision::deny("user")
    };
    Ok(decision.context(SampleContext))
}

#[test]
fn http_simple_responses_match_the_sample() {
    let allowed = testing::invoke(simple, with_authorization(fixture("http-v2-request.json"), "secretToken"));
    assert_eq!(allowed.response(), Some(fixture("http-v2-simple-sample-allow-response.json")));
    assert_eq!(allowed.status(), 200);
    let denied = testing::invoke(simple, fixture("http-v2-request.json"));
    let mut expected = fixture("http-v2-simple-sample-allow-response.json");
    expected["isAuthorized"] = json!(false);
    assert_eq!(denied.response(), Some(expected));
    assert_eq!(denied.status(), 403);
}

#[test]
fn a_simple_response_judges_the_requests_own_route() {
    let pets_only = |_: HttpV2Request| -> Result<Decision, Error> {
        Ok(Decision::allow("u").route(Route::get("/pets/*")).deny_routes([Route::get("/pets/secret")]))
    };
    let event = |route: &str| {
        let mut event = fixture("http-v2-request.json");
        event["routeArn"] = json!(format!("arn:aws:execute-api:us-east-1:123456789012:abcdef123/$default/{route}"));
        event
    };
    let authorized = |route| testing::invoke(pets_only, event(route)).response().unwrap()["isAuthorized"].clone();
    assert_eq!(authorized("GET/pets/1"), json!(true));
    assert_eq!(authorized("POST/pets/1"), json!(false));
    assert_eq!(authorized("GET/pets/secret"), json!(false));
    assert_eq!(authorized("GET/pets"), json!(false));
}

#[test]
fn http_iam_policies_match_the_sample() {
    let iam = |request: HttpV2Request<IamPolicy>| -> Result<Decision<SampleContext>, Error> {
        let decision = if request.header("authorization") == Some("secretToken") {
            Decision::allow_request("abcdef")
        } else {
            Decision::deny_request("abcdef")
        };
        Ok(decision.context(SampleContext))
    };
    let denied = testing::invoke(iam, fixture("http-v2-request.json"));
    assert_eq!(denied.response(), Some(fixture("http-v2-iam-sample-deny-response.json")));
    assert_eq!(denied.status(), 403);
    let allowed = testing::invoke(iam, with_authorization(fixture("http-v2-request.json"), "secretToken"));
    assert_eq!(allowed.response(), Some(fixture("http-v2-iam-sample-allow-response.json")));
    assert_eq!(allowed.status(), 200);
}

#[test]
fn http_v2_edge_cases_decode() {
    let seen = |request: HttpV2Request<IamPolicy>| -> Result<Decision, Error> {
        assert!(request.cookies().is_empty() || request.cookie("cookie1").is_none());
        Ok(Decision::allow_all(request.identity_source().map_or(0, <[String]>::len).to_string()))
    };
    let principal = |name: &str| testing::invoke(seen, fixture(name)).response().map(|r| r["principalId"].clone());
    assert_eq!(principal("http-v2-request.json"), Some(json!("2")));
    assert_eq!(principal("http-v2-request-without-identity-source.json"), Some(json!("0")));
    assert!(principal("http-v2-request-without-cookies.json").is_some());
}

#[test]
fn http_apis_have_no_usage_plans() {
    let keyed =
        |_: HttpV2Request| -> Result<Decision, Error> { Ok(Decision::allow_all("u").usage_identifier_key("k")) };
    let invocation = testing::invoke(keyed, fixture("http-v2-request.json"));
    assert_eq!(error_type(&invocation), Some(ErrorType::InvalidDecision));
    let keyed_v1 =
        |_: HttpV1Request| -> Result<Decision, Error> { Ok(Decision::allow_all("u").usage_identifier_key("k")) };
    assert_eq!(
        error_type(&testing::invoke(keyed_v1, fixture("http-v1-request.json"))),
        Some(ErrorType::InvalidDecision)
    );
}

#[test]
fn http_v1_answers_an_iam_policy_and_carries_its_identity_values() {
    let v1 = |request: HttpV1Request| -> Result<Decision, Error> {
        assert_eq!(request.identity_source(), "user1,123");
        assert_eq!(request.query_param("QueryString1"), Some("queryValue1"));
        Ok(Decision::allow_request("me"))
    };
    let event = fixture("http-v1-request.json");
    let invocation = testing::invoke(v1, &event);
    assert_eq!(
        invocation.response().unwrap()["policyDocument"]["Statement"],
        json!([{"Action": "execute-api:Invoke", "Effect": "Allow", "Resource": event["methodArn"]}])
    );
    assert_eq!(invocation.status(), 200);
    // A REST authorizer refuses it, and the other way round.
    let rest = |_: RestRequest| -> Result<Decision, Error> { Ok(Decision::allow_all("u")) };
    assert_eq!(error_type(&testing::invoke(rest, &event)), Some(ErrorType::InvalidEvent));
    assert_eq!(error_type(&testing::invoke(v1, fixture("request-docs.json"))), Some(ErrorType::InvalidEvent));
}

#[derive(Context)]
#[context(rename_all = "camelCase")]
struct WebSocketSample {
    string_key: &'static str,
    number_key: u32,
    boolean_key: bool,
}

/// The WebSocket `$connect` sample.
fn websocket(request: WebSocketRequest) -> Result<Decision<WebSocketSample>, Error> {
    if request.header("HeaderAuth1") == Some("headerValue1")
        && request.query_param("QueryString1") == Some("queryValue1")
    {
        let context = WebSocketSample { string_key: "stringval", number_key: 123, boolean_key: true };
        Ok(Decision::allow_request("me").context(context))
    } else {
        Err(Unauthorized.into())
    }
}

#[test]
fn websocket_connect_matches_the_sample() {
    let invocation = testing::invoke(websocket, fixture("websocket-connect-request.json"));
    assert_eq!(invocation.response(), Some(fixture("websocket-sample-allow-response.json")));
    assert_eq!(invocation.status(), 200);
    // The captured event has neither identity value: 401.
    assert_eq!(testing::invoke(websocket, fixture("websocket-connect-request-captured.json")).status(), 401);
}

#[test]
fn websocket_policies_cover_route_keys_not_paths() {
    let all = |_: WebSocketRequest| -> Result<Decision, Error> { Ok(Decision::allow_all("me")) };
    let invocation = testing::invoke(all, fixture("websocket-connect-request.json"));
    assert_eq!(
        invocation.response().unwrap()["policyDocument"]["Statement"][0]["Resource"],
        "arn:aws:execute-api:us-east-1:123456789012:abcdef123/default/*"
    );
    assert_eq!(invocation.status(), 200);
    let paths =
        |_: WebSocketRequest| -> Result<Decision, Error> { Ok(Decision::allow("me").route(Route::get("/chat"))) };
    let invocation = testing::invoke(paths, fixture("websocket-connect-request.json"));
    assert_eq!(error_type(&invocation), Some(ErrorType::InvalidDecision));
    assert!(invocation.error().unwrap().error_message.contains("route keys"));
    // REST events are not WebSocket events.
    assert_eq!(error_type(&testing::invoke(all, fixture("request-docs.json"))), Some(ErrorType::InvalidEvent));
}

#[test]
fn one_function_answers_each_kind_in_its_own_format() {
    let any = |request: AnyRequest| -> Result<Decision, Error> {
        match request {
            AnyRequest::Token(r) if r.token() == "allow" => Ok(Decision::allow_all("u")),
            AnyRequest::Token(_) => Err(Unauthorized.into()),
            _ => Ok(Decision::allow_all("u")),
        }
    };
    // The guide's TOKEN event has stage `*` (refused: see `wire.rs`): a stage of its own.
    let mut token = fixture("token-docs.json");
    token["methodArn"] = json!("arn:aws:execute-api:us-west-2:123456789012:ymy8tbxw7b/dev/GET/");
    let token = testing::invoke(any, token);
    assert!(token.response().unwrap().get("policyDocument").is_some());
    for name in ["request-docs.json", "http-v1-request.json", "websocket-connect-request.json"] {
        let invocation = testing::invoke(any, fixture(name));
        assert!(invocation.response().unwrap().get("policyDocument").is_some(), "{name}");
        assert_eq!(invocation.status(), 200, "{name}");
    }
    let http = testing::invoke(any, fixture("http-v2-request.json"));
    assert_eq!(http.response(), Some(json!({"isAuthorized": true})));
    let mut nothing = fixture("http-v2-request.json");
    nothing["version"] = json!("3.0");
    let invocation = testing::invoke(any, nothing);
    assert_eq!(error_type(&invocation), Some(ErrorType::InvalidEvent));
    assert!(invocation.error().unwrap().error_message.contains("match no authorizer event"));
}

/// The kind `EventKind::of` reads is the one `AnyRequest` parses, on every reference event;
/// the samples of responses are no event for either.
#[test]
fn event_kind_agrees_with_any_request_on_every_reference_event() {
    use authorizer_core::AuthorizerRequest;
    use testing::EventKind;
    let dir = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let mut events = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        let bytes = std::fs::read(&path).unwrap();
        let parsed = AnyRequest::<SimpleResponse>::from_event(&bytes).ok().map(|r| match r {
            AnyRequest::Token(_) => EventKind::Token,
            AnyRequest::Rest(_) => EventKind::Rest,
            AnyRequest::HttpV1(_) => EventKind::HttpV1,
            AnyRequest::HttpV2(_) => EventKind::HttpV2,
            AnyRequest::WebSocket(_) => EventKind::WebSocket,
            _ => unreachable!("{name}"),
        });
        let kind = EventKind::of(&bytes);
        if name == "token-docs.json" {
            // A TOKEN event by its fields, refused for its stage `*` (`EventKind` reads no ARN
            // of a TOKEN event).
            assert_eq!((kind, parsed), (Some(EventKind::Token), None), "{name}");
        } else {
            assert_eq!(kind, parsed, "{name}");
        }
        let expected = if name.contains("response") {
            None
        } else if name.starts_with("token") {
            Some(EventKind::Token)
        } else if name.starts_with("request") {
            Some(EventKind::Rest)
        } else if name.starts_with("http-v1") {
            Some(EventKind::HttpV1)
        } else if name.starts_with("http-v2") {
            Some(EventKind::HttpV2)
        } else if name.starts_with("websocket") {
            Some(EventKind::WebSocket)
        } else {
            panic!("{name}: a fixture of no known kind")
        };
        assert_eq!(kind, expected, "{name}");
        events += usize::from(kind.is_some());
    }
    assert_eq!(events, 9, "the reference events");
}
