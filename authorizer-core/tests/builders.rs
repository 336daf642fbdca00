//! The request builders and sample events: each builder method reaches its accessor, a bad
//! ARN is refused as decoding refuses it, and what a builder builds is what decoding AWS's
//! own event gives.

use authorizer_core::prelude::*;
use authorizer_core::testing::{self, sample};
use authorizer_core::{AuthorizerRequest, EventError, RestRequestContext};
use serde_json::{Value, json};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn decode<T: AuthorizerRequest>(event: &str) -> T {
    T::from_event(event.as_bytes()).unwrap_or_else(|e| panic!("{e}"))
}

/// The string pairs of one object of an event, in order.
fn pairs<'a>(event: &'a Value, key: &str) -> Vec<(&'a str, &'a str)> {
    event[key].as_object().into_iter().flatten().map(|(k, v)| (k.as_str(), v.as_str().unwrap())).collect()
}

const REST_ARN: &str = "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/pets/7";
const WS_ARN: &str = "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/$connect";

// --- What decoding AWS's events gives ---

#[test]
fn the_token_sample_is_the_guides_token_event() {
    // The guide's stage `*` is refused (no API sends it): the sample has `dev`.
    let event = fixture("token-docs.json").replace("/*/GET/", "/dev/GET/");
    assert_eq!(sample::token_request().build().unwrap(), decode::<TokenRequest>(&event));
}

#[test]
fn the_rest_sample_is_the_guides_request_event_with_the_multi_value_maps_real_events_have() {
    let mut event: Value = serde_json::from_str(&fixture("request-docs.json")).unwrap();
    for (single, multi) in
        [("headers", "multiValueHeaders"), ("queryStringParameters", "multiValueQueryStringParameters")]
    {
        let all: serde_json::Map<String, Value> =
            pairs(&event, single).into_iter().map(|(k, v)| (k.to_owned(), json!([v]))).collect();
        event[multi] = Value::Object(all);
    }
    // `serde_json::Value` sorts keys: decode both through it, so that the order is the same.
    let built: Value = serde_json::from_str(&sample::rest_request().to_json()).unwrap();
    assert_eq!(decode::<RestRequest>(&built.to_string()), decode::<RestRequest>(&event.to_string()));
    // And the order of the sample's headers is the guide's.
    let sample = sample::rest_request().build().unwrap();
    let documented = decode::<RestRequest>(&fixture("request-docs.json"));
    assert!(sample.headers().iter().eq(documented.headers().iter()));
}

#[test]
fn a_rest_builder_fed_a_real_event_builds_what_decoding_it_gives() {
    // Fed from the decoded request, whose maps keep the order of the event.
    let decoded = decode::<RestRequest>(&fixture("request-full.json"));
    let mut builder = RestRequest::builder(decoded.method_arn().as_str())
        .resource(decoded.resource())
        .path(decoded.path())
        .http_method(decoded.http_method())
        .request_context(decoded.request_context().clone());
    for (name, _) in decoded.headers().iter() {
        for value in decoded.header_values(name) {
            builder = builder.header(name, value);
        }
    }
    for (name, _) in decoded.query().iter() {
        for value in decoded.query_values(name) {
            builder = builder.query_param(name, value);
        }
    }
    for (name, value) in decoded.stage_variables().iter() {
        builder = builder.stage_variable(name, value);
    }
    assert_eq!(builder.build().unwrap(), decoded);
}

#[test]
fn the_http_v1_sample_is_the_guides_payload_1_0_event() {
    assert_eq!(sample::http_v1_request().build().unwrap(), decode::<HttpV1Request>(&fixture("http-v1-request.json")));
}

#[test]
fn the_http_v2_sample_is_the_guides_payload_2_0_event() {
    let decoded = decode::<HttpV2Request>(&fixture("http-v2-request.json"));
    assert_eq!(sample::http_v2_request().build().unwrap(), decoded);
    let iam = decode::<HttpV2Request<IamPolicy>>(&fixture("http-v2-request.json"));
    assert_eq!(sample::http_v2_request().build_as::<IamPolicy>().unwrap(), iam);
}

#[test]
fn http_v2_events_without_identity_source_or_cookies_are_built_by_leaving_them_out() {
    for name in ["http-v2-request-without-identity-source.json", "http-v2-request-without-cookies.json"] {
        let decoded = decode::<HttpV2Request>(&fixture(name));
        let mut builder = HttpV2Request::builder(decoded.route_arn().as_str())
            .route_key(decoded.route_key())
            .raw_path(decoded.raw_path())
            .raw_query_string(decoded.raw_query_string())
            .request_context(decoded.request_context().clone());
        if let Some(values) = decoded.identity_source() {
            builder = builder.identity_source(values);
        }
        for cookie in decoded.cookies() {
            builder = builder.cookie(cookie);
        }
        for (name, value) in decoded.headers().iter() {
            builder = builder.header(name, value);
        }
        for (name, value) in decoded.query().iter() {
            builder = builder.query_param(name, value);
        }
        for (name, value) in decoded.path_parameters().iter() {
            builder = builder.path_parameter(name, value);
        }
        for (name, value) in decoded.stage_variables().iter() {
            builder = builder.stage_variable(name, value);
        }
        assert_eq!(builder.build().unwrap(), decoded, "{name}");
        assert_eq!(decoded.identity_source().is_none(), name.contains("without-identity-source"));
        assert_eq!(decoded.cookies().is_empty(), name.contains("without-cookies"));
    }
}

#[test]
fn the_websocket_sample_is_the_guides_connect_event() {
    let decoded = decode::<WebSocketRequest>(&fixture("websocket-connect-request.json"));
    assert_eq!(sample::websocket_request().build().unwrap(), decoded);
}

#[test]
fn each_sample_decodes_as_its_kind_through_any_request() {
    fn kind(event: impl testing::Event) -> &'static str {
        match AnyRequest::<SimpleResponse>::from_event(&event.into_bytes()).unwrap() {
            AnyRequest::Token(_) => "token",
            AnyRequest::Rest(_) => "rest",
            AnyRequest::HttpV1(_) => "http1",
            AnyRequest::HttpV2(_) => "http2",
            AnyRequest::WebSocket(_) => "websocket",
            _ => "other",
        }
    }
    assert_eq!(kind(sample::token_request()), "token");
    assert_eq!(kind(sample::rest_request()), "rest");
    assert_eq!(kind(sample::http_v1_request()), "http1");
    assert_eq!(kind(sample::http_v2_request()), "http2");
    assert_eq!(kind(sample::websocket_request()), "websocket");

    fn authorize(request: AnyRequest) -> Result<Decision, Error> {
        request.bearer_token().ok_or(Unauthorized)?;
        Ok(Decision::allow_request("client"))
    }
    assert_eq!(testing::invoke(authorize, sample::http_v1_request().bearer_token("t")).status(), 200);
    assert_eq!(testing::invoke(authorize, sample::websocket_request().bearer_token("t")).status(), 200);
    assert_eq!(testing::invoke(authorize, sample::websocket_request()).status(), 401);
}

// --- Each method reaches its accessor ---

#[test]
fn token_builder() {
    let request = TokenRequest::builder(REST_ARN).token("raw-value").build().unwrap();
    assert_eq!((request.token(), request.method_arn().as_str()), ("raw-value", REST_ARN));
    let request = TokenRequest::builder(REST_ARN).bearer_token("t-1").build().unwrap();
    assert_eq!((request.token(), request.bearer_token()), ("Bearer t-1", Some("t-1")));
    assert_eq!(TokenRequest::builder(REST_ARN).build().unwrap().token(), "");
    assert_eq!(TokenRequest::builder(REST_ARN).token("x").build().unwrap(), TokenRequest::new("x", REST_ARN).unwrap());
}

/// Every setter of the REST-shaped builders (REST and HTTP API payload 1.0), a header and a
/// query parameter given twice, a path parameter set twice.
macro_rules! rest_shaped {
    ($builder:expr) => {
        $builder
            .bearer_token("t-1")
            .header("X-Multi", "a")
            .header("X-Multi", "b")
            .query_param("tag", "x")
            .query_param("tag", "y")
            .path_parameter("id", "6")
            .path_parameter("id", "7")
            .stage_variable("env", "prod")
            .resource("/pets/{id}")
            .path("/pets/7")
            .http_method("PUT")
            .source_ip("203.0.113.7")
            .api_key("key-1")
    };
}

#[test]
fn rest_builder() {
    let mut context = RestRequestContext::default();
    context.resource_id = Some("r-1".into());
    let request = rest_shaped!(RestRequest::builder(REST_ARN).request_context(context)).build().unwrap();
    assert_eq!(request.method_arn().as_str(), REST_ARN);
    assert_eq!((request.bearer_token(), request.authorization()), (Some("t-1"), Some("Bearer t-1")));
    assert_eq!(request.header("x-multi"), Some("b"), "`headers` has the last value");
    assert_eq!(request.header_values("x-multi").collect::<Vec<_>>(), ["a", "b"]);
    assert_eq!(request.query_param("tag"), Some("y"));
    assert_eq!(request.query().get("tag"), Some("y"));
    assert_eq!(request.query_values("tag").collect::<Vec<_>>(), ["x", "y"]);
    assert_eq!(request.path_parameter("id"), Some("7"), "a path parameter set again is replaced");
    assert_eq!(request.path_parameters().len(), 1);
    assert_eq!(request.stage_variable("env"), Some("prod"));
    assert_eq!((request.resource(), request.path(), request.http_method()), ("/pets/{id}", "/pets/7", "PUT"));
    assert_eq!(request.source_ip(), Some("203.0.113.7"));
    let context = request.request_context();
    assert_eq!(context.identity.as_ref().unwrap().api_key.as_deref(), Some("key-1"));
    assert_eq!(context.resource_id.as_deref(), Some("r-1"), "the context given is kept");
}

#[test]
fn rest_builder_defaults_come_from_the_method_arn() {
    let request = RestRequest::builder(REST_ARN).build().unwrap();
    assert_eq!((request.resource(), request.path(), request.http_method()), ("/pets/7", "/pets/7", "GET"));
    let context = request.request_context();
    assert_eq!(context.account_id.as_deref(), Some("123456789012"));
    assert_eq!((context.apiid.as_deref(), context.stage.as_deref()), (Some("abc123"), Some("prod")));
    assert_eq!((context.path.as_deref(), context.resource_path.as_deref()), (Some("/pets/7"), Some("/pets/7")));
    assert_eq!(context.http_method.as_ref().map(|m| m.as_str()), Some("GET"));
    assert!(request.headers().is_empty() && request.query().is_empty() && request.stage_variables().is_empty());
    assert_eq!(request.source_ip(), None);
}

#[test]
fn http_v1_builder() {
    let builder = HttpV1Request::builder(REST_ARN).identity_source(["Bearer t-1", "acme"]);
    let request = rest_shaped!(builder).build().unwrap();
    assert_eq!(request.identity_source(), "Bearer t-1,acme");
    assert_eq!(request.bearer_token(), Some("t-1"));
    assert_eq!(request.header("x-multi"), Some("a,b"), "HTTP APIs join a repeated header with commas");
    assert_eq!(request.query_values("tag").collect::<Vec<_>>(), ["x,y"]);
    assert_eq!((request.path_parameter("id"), request.stage_variable("env")), (Some("7"), Some("prod")));
    assert_eq!((request.resource(), request.path(), request.http_method()), ("/pets/{id}", "/pets/7", "PUT"));
    assert_eq!(request.source_ip(), Some("203.0.113.7"));
    assert_eq!(request.request_context().identity.as_ref().unwrap().api_key.as_deref(), Some("key-1"));
    assert_eq!(request.method_arn().as_str(), REST_ARN);
    assert_eq!(HttpV1Request::builder(REST_ARN).build().unwrap().identity_source(), "");
    let mut context = RestRequestContext::default();
    context.resource_id = Some("r-1".into());
    let request = HttpV1Request::builder(REST_ARN).request_context(context.clone()).build().unwrap();
    assert_eq!(request.request_context(), &context);
}

#[test]
fn payload_1_0_events_have_no_multi_value_maps_and_rest_ones_do() {
    let event = |json: String| serde_json::from_str::<Value>(&json).unwrap();
    let v1 = event(HttpV1Request::builder(REST_ARN).header("h", "1").query_param("q", "1").to_json());
    assert!(v1.get("multiValueHeaders").is_none() && v1.get("multiValueQueryStringParameters").is_none(), "{v1}");
    assert_eq!((v1["version"].as_str(), v1["headers"]["h"].as_str()), (Some("1.0"), Some("1")));
    let rest = event(RestRequest::builder(REST_ARN).header("h", "1").query_param("q", "1").to_json());
    assert_eq!(rest["multiValueHeaders"]["h"], json!(["1"]));
    assert_eq!(rest["multiValueQueryStringParameters"]["q"], json!(["1"]));
    assert!(rest.get("version").is_none(), "{rest}");
}

#[test]
fn http_v2_builder() {
    let request = HttpV2Request::builder(REST_ARN)
        .route_key("GET /pets/{id}")
        .bearer_token("t-1")
        .header("x-multi", "a")
        .header("x-multi", "b")
        .query_param("tag", "x y")
        .query_param("tag", "&")
        .cookie("session=s-1")
        .cookie("theme=dark")
        .path_parameter("id", "7")
        .stage_variable("env", "prod")
        .identity_source(["Bearer t-1"])
        .http_method("PUT")
        .source_ip("203.0.113.7")
        .build()
        .unwrap();
    assert_eq!(request.route_arn().as_str(), REST_ARN);
    assert_eq!(request.route_key(), "GET /pets/{id}");
    assert_eq!(request.request_context().route_key.as_deref(), Some("GET /pets/{id}"));
    assert_eq!((request.bearer_token(), request.header("Authorization")), (Some("t-1"), Some("Bearer t-1")));
    assert!(request.headers().iter().any(|(name, _)| name == "authorization"), "lower case, as HTTP APIs send");
    assert_eq!(request.header("x-multi"), Some("a,b"));
    assert_eq!(request.query_param("tag"), Some("x y,&"));
    assert_eq!(request.raw_query_string(), "tag=x%20y&tag=%26");
    assert_eq!(request.cookies(), ["session=s-1", "theme=dark"]);
    assert_eq!(request.cookie("theme"), Some("dark"));
    assert_eq!((request.path_parameter("id"), request.stage_variable("env")), (Some("7"), Some("prod")));
    assert_eq!(request.identity_source(), Some(&["Bearer t-1".to_owned()][..]));
    assert_eq!((request.http_method(), request.source_ip()), ("PUT", Some("203.0.113.7")));
    assert_eq!(request.raw_path(), "/pets/7", "the route ARN's path");
    let request = HttpV2Request::builder(REST_ARN).raw_path("/other").raw_query_string("a=1").build().unwrap();
    assert_eq!((request.raw_path(), request.raw_query_string()), ("/other", "a=1"));
    assert_eq!(request.request_context().http.path.as_deref(), Some("/other"));
}

#[test]
fn http_v2_builder_defaults() {
    let request = HttpV2Request::builder(REST_ARN).build().unwrap();
    assert_eq!((request.route_key(), request.http_method(), request.raw_path()), ("$default", "GET", "/pets/7"));
    assert_eq!((request.identity_source(), request.cookies().len()), (None, 0));
    let context = request.request_context();
    assert_eq!(context.account_id.as_deref(), Some("123456789012"));
    assert_eq!((context.apiid.as_deref(), context.stage.as_deref()), (Some("abc123"), Some("prod")));
}

#[test]
fn websocket_builder() {
    let request = WebSocketRequest::builder(WS_ARN)
        .bearer_token("t-1")
        .header("Sec-WebSocket-Protocol", "a")
        .header("Sec-WebSocket-Protocol", "b")
        .query_param("token", "x")
        .query_param("token", "y")
        .stage_variable("env", "prod")
        .connection_id("c-1")
        .event_type("CONNECT")
        .source_ip("203.0.113.7")
        .api_key("key-1")
        .build()
        .unwrap();
    assert_eq!((request.method_arn().as_str(), request.route_key()), (WS_ARN, "$connect"));
    assert_eq!(request.bearer_token(), Some("t-1"));
    assert_eq!(request.header("sec-websocket-protocol"), Some("b"), "`headers` has the last value");
    assert_eq!((request.query_param("token"), request.query().len()), (Some("y"), 1));
    assert_eq!(request.stage_variable("env"), Some("prod"));
    assert_eq!((request.connection_id(), request.source_ip()), (Some("c-1"), Some("203.0.113.7")));
    let context = request.request_context();
    assert_eq!((context.event_type.as_deref(), context.route_key.as_deref()), (Some("CONNECT"), Some("$connect")));
    assert_eq!(context.identity.api_key.as_deref(), Some("key-1"));
    assert_eq!((context.apiid.as_deref(), context.stage.as_deref()), (Some("abc123"), Some("prod")));
    // Multi-value maps hold every value, as WebSocket APIs send.
    let event: Value =
        serde_json::from_str(&WebSocketRequest::builder(WS_ARN).query_param("t", "1").query_param("t", "2").to_json())
            .unwrap();
    assert_eq!(event["multiValueQueryStringParameters"]["t"], json!(["1", "2"]));
}

#[test]
fn websocket_builder_defaults() {
    let request = WebSocketRequest::builder(WS_ARN).build().unwrap();
    let context = request.request_context();
    assert_eq!((context.event_type.as_deref(), context.message_direction.as_deref()), (Some("CONNECT"), Some("IN")));
    assert_eq!((context.route_key.as_deref(), context.stage.as_deref()), (Some("$connect"), Some("prod")));
    assert_eq!((request.connection_id(), request.source_ip()), (None, None));
    let request = WebSocketRequest::builder(WS_ARN).event_type("MESSAGE").build().unwrap();
    assert_eq!(request.request_context().event_type.as_deref(), Some("MESSAGE"));
}

#[test]
fn http_v2_requests_differing_in_one_field_are_not_equal() {
    let base = || HttpV2Request::builder(REST_ARN);
    let one_field_set = [
        base().route_key("GET /x"),
        base().raw_path("/x"),
        base().raw_query_string("x=1"),
        base().cookie("x=1"),
        base().header("x", "1"),
        base().query_param("x", "1"),
        base().path_parameter("x", "1"),
        base().stage_variable("x", "1"),
        base().identity_source(["x"]),
        base().source_ip("203.0.113.7"),
        base().request_context(sample::http_v2_request().build().unwrap().request_context().clone()),
    ];
    let plain = base().build().unwrap();
    assert_eq!(plain, base().build().unwrap());
    for builder in one_field_set {
        assert_ne!(builder.build().unwrap(), plain, "{builder:?}");
    }
}

#[test]
fn values_set_one_by_one_win_over_a_context_given_whatever_the_order() {
    let mut context = RestRequestContext::default();
    context.stage = Some("given".into());
    let request = RestRequest::builder(REST_ARN).source_ip("203.0.113.7").request_context(context).build().unwrap();
    assert_eq!(request.source_ip(), Some("203.0.113.7"));
    assert_eq!(request.request_context().stage.as_deref(), Some("given"));
    let sample = sample::websocket_request().connection_id("c-2").source_ip("198.51.100.1").build().unwrap();
    assert_eq!((sample.connection_id(), sample.source_ip()), (Some("c-2"), Some("198.51.100.1")));
    let sample = sample::http_v2_request().route_key("GET /x").http_method("GET").build().unwrap();
    assert_eq!((sample.route_key(), sample.http_method()), ("GET /x", "GET"));
    assert_eq!(sample.request_context().route_key.as_deref(), Some("GET /x"));
}

// --- Invalid input: refused as decoding refuses it ---

#[test]
fn a_bad_arn_is_refused_with_the_error_decoding_gives() {
    let bad = [
        "not an arn",
        "arn:aws:execute-api:us-east-1:123456789012:abc123/*/GET/pets",
        "arn:aws:execute-api:us-east-1:123456789012:abc123/prod",
    ];
    for arn in bad.into_iter().chain([WS_ARN]) {
        let event = json!({"type": "TOKEN", "authorizationToken": "t", "methodArn": arn}).to_string();
        assert_eq!(
            TokenRequest::builder(arn).token("t").build().unwrap_err(),
            TokenRequest::from_event(event.as_bytes()).unwrap_err()
        );
        let event = json!({"type": "REQUEST", "methodArn": arn, "requestContext": {}}).to_string();
        let error = RestRequest::builder(arn).build().unwrap_err();
        assert_eq!(error, RestRequest::from_event(event.as_bytes()).unwrap_err());
        assert!(error.to_string().starts_with("not a valid REST REQUEST authorizer event: `methodArn` is"), "{error}");
        let event = json!({"version": "1.0", "type": "REQUEST", "methodArn": arn, "requestContext": {}}).to_string();
        assert_eq!(
            HttpV1Request::builder(arn).build().unwrap_err(),
            HttpV1Request::from_event(event.as_bytes()).unwrap_err()
        );
        let event = json!({"version": "2.0", "type": "REQUEST", "routeArn": arn, "requestContext": {"http": {"method": "GET"}}});
        let error = HttpV2Request::builder(arn).build().unwrap_err();
        assert_eq!(error, HttpV2Request::<SimpleResponse>::from_event(event.to_string().as_bytes()).unwrap_err());
        assert!(error.to_string().contains("`routeArn` is"), "{error}");
    }
    for arn in bad.into_iter().chain([REST_ARN]) {
        let error = WebSocketRequest::builder(arn).build().unwrap_err();
        let event =
            json!({"type": "REQUEST", "methodArn": arn, "requestContext": {"connectedAt": 0, "requestTimeEpoch": 0}});
        assert_eq!(error, WebSocketRequest::from_event(event.to_string().as_bytes()).unwrap_err());
        assert!(
            error.to_string().starts_with("not a valid WebSocket $connect authorizer event: `methodArn` is"),
            "{error}"
        );
    }
}

#[test]
fn a_method_that_is_no_http_method_is_refused_as_in_an_event() {
    let error: EventError = HttpV2Request::builder(REST_ARN).http_method("GET POST").build().unwrap_err();
    assert!(error.to_string().contains("a field of the event has the wrong type"), "{error}");
}

// --- Events, debug output ---

#[test]
fn a_builder_is_an_event_to_invoke_with() {
    fn authorize(request: RestRequest) -> Result<Decision, Error> {
        match request.bearer_token() {
            Some("t-1") => Ok(Decision::allow("user").route(Route::get("/pets/*"))),
            Some(_) => Ok(Decision::deny("user")),
            None => Err(Unauthorized.into()),
        }
    }
    let builder = RestRequest::builder(REST_ARN).bearer_token("t-1");
    assert_eq!(
        testing::invoke(authorize, builder.to_json()).reply(),
        testing::invoke(authorize, builder.clone()).reply()
    );
    assert_eq!(testing::invoke(authorize, builder).status(), 200);
    assert_eq!(testing::invoke(authorize, RestRequest::builder(REST_ARN).bearer_token("other")).status(), 403);
    assert_eq!(testing::invoke(authorize, RestRequest::builder(REST_ARN)).status(), 401);
    assert!(authorize(RestRequest::builder(REST_ARN).build().unwrap()).unwrap_err().is_unauthorized());
}

#[test]
fn debug_never_shows_a_value() {
    let shown = [
        format!("{:?}", TokenRequest::builder(REST_ARN).bearer_token("s3cret")),
        format!("{:?}", RestRequest::builder(REST_ARN).bearer_token("s3cret").query_param("q", "s3cret")),
        format!("{:?}", HttpV1Request::builder(REST_ARN).bearer_token("s3cret").identity_source(["s3cret"])),
        format!("{:?}", HttpV2Request::builder(REST_ARN).bearer_token("s3cret").cookie("a=s3cret")),
        format!("{:?}", WebSocketRequest::builder(WS_ARN).query_param("token", "s3cret").api_key("s3cret")),
    ];
    for shown in shown {
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(shown.contains("abc123"), "{shown}");
    }
}
