//! The backend reads the context back (`FromContext`): from each shape API Gateway hands it
//! over in, from `serde_json::Value` and from `aws_lambda_events`' request contexts, with an
//! error naming the key and the expected type, never the value, when the two sides drift.

use std::collections::BTreeMap;
use std::path::PathBuf;

use authorizer_core::{Context, FromContext, ReadContext, ReadError};
use aws_lambda_events::apigw::{
    ApiGatewayProxyRequestContext, ApiGatewayV2httpRequest, ApiGatewayWebsocketProxyRequestContext,
};
use serde_json::{Value, json};

fn fixture(name: &str) -> Value {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "fixtures", name].iter().collect();
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

#[derive(Context, Debug, PartialEq)]
#[context(rename_all = "camelCase")]
struct Session {
    user_id: String,
    admin: bool,
    #[context(rename = "tier")]
    level: u8,
    ratio: f32,
    initial: char,
    plan: Option<String>,
    #[context(skip)]
    roles: Vec<String>,
}

fn session() -> Session {
    Session { user_id: "u-1".into(), admin: true, level: 3, ratio: 0.1, initial: 'é', plan: None, roles: Vec::new() }
}

#[test]
fn a_rest_context_reads_back_from_its_strings() {
    // A REST proxy integration's `requestContext.authorizer`: every value a string, beside
    // `principalId` and `integrationLatency`; renames honoured, a missing `Option` is `None`,
    // a skipped field its `Default`.
    let authorizer = json!({
        "userId": "u-1", "admin": "true", "tier": "3", "ratio": "0.1", "initial": "é",
        "principalId": "u-1", "integrationLatency": 451
    });
    assert_eq!(Session::from_authorizer(&authorizer).unwrap(), session());
    let with_plan =
        json!({"userId": "u-1", "admin": "false", "tier": "3", "ratio": "0.1", "initial": "é", "plan": "pro"});
    let read = Session::from_authorizer(&with_plan).unwrap();
    assert_eq!((read.admin, read.plan.as_deref()), (false, Some("pro")));
    // API Gateway keeps a `null` as it is: an `Option` reads it as `None`.
    let null_plan =
        json!({"userId": "u-1", "admin": "true", "tier": "3", "ratio": "0.1", "initial": "é", "plan": null});
    assert_eq!(Session::from_authorizer(&null_plan).unwrap(), session());
}

#[test]
fn an_http_api_context_reads_back_from_its_json_types_under_lambda() {
    let authorizer = json!({"lambda": {"userId": "u-1", "admin": true, "tier": 3, "ratio": 0.1, "initial": "é"}});
    assert_eq!(Session::from_authorizer(&authorizer).unwrap(), session());
}

#[derive(Context, Debug, PartialEq)]
struct Team {
    name: String,
    size: u16,
}

#[derive(Context, Debug, PartialEq)]
#[context(nested)]
struct Claims {
    roles: Vec<String>,
    team: Team,
    scores: [Option<i64>; 2],
    limits: BTreeMap<String, u32>,
    extra: Value,
    note: Option<Box<str>>,
}

#[test]
fn a_nested_context_reads_back_at_every_depth() {
    let authorizer = json!({"lambda": {
        "roles": ["a", "b"], "team": {"name": "core", "size": 4}, "scores": [-1, null],
        "limits": {"reads": 10}, "extra": {"any": [true]}
    }});
    let claims = Claims::from_authorizer(&authorizer).unwrap();
    assert_eq!(
        claims,
        Claims {
            roles: vec!["a".into(), "b".into()],
            team: Team { name: "core".into(), size: 4 },
            scores: [Some(-1), None],
            limits: BTreeMap::from([("reads".into(), 10)]),
            extra: json!({"any": [true]}),
            note: None,
        }
    );
}

/// The error for `authorizer`, which must not hold `secret`.
fn read_error<T: FromContext + ReadContext + std::fmt::Debug>(authorizer: &Value) -> ReadError {
    let error = T::from_authorizer(authorizer).unwrap_err();
    assert!(!error.to_string().contains("s3cr3t"), "{error}");
    error
}

#[test]
fn each_drift_is_an_error_naming_the_key_and_the_type_never_the_value() {
    let base = json!({"userId": "u-1", "admin": "true", "tier": "3", "ratio": "0.1", "initial": "é"});
    let with = |key: &str, value: Value| {
        let mut authorizer = base.clone();
        if value.is_null() {
            authorizer.as_object_mut().unwrap().remove(key);
        } else {
            authorizer[key] = value;
        }
        authorizer
    };
    let cases = [
        (with("userId", Value::Null), "context key `userId` is missing; the backend expects a string"),
        (with("userId", json!(7)), "context key `userId` holds a number; the backend expects a string"),
        (with("admin", json!("s3cr3t")), "context key `admin` holds a string that is not a boolean"),
        (with("admin", json!([1])), "context key `admin` holds an array; the backend expects a boolean"),
        (with("tier", json!("s3cr3t")), "context key `tier` holds a string that is not a `u8`"),
        (with("tier", json!("256")), "context key `tier` holds a number out of range for a `u8`"),
        (with("tier", json!(-1)), "context key `tier` holds a number out of range for a `u8`"),
        (with("tier", json!(1.5)), "context key `tier` holds a fractional number; the backend expects a `u8`"),
        (with("ratio", json!("s3cr3t")), "context key `ratio` holds a string that is not an `f32`"),
        (with("ratio", json!("NaN")), "context key `ratio` holds a string that is not an `f32`"),
        (with("ratio", json!(1e300)), "context key `ratio` holds a number out of range for an `f32`"),
        (with("initial", json!("s3cr3t")), "context key `initial` holds a string that is not a single character"),
        (with("plan", json!(false)), "context key `plan` holds a boolean; the backend expects a string"),
    ];
    for (authorizer, expected) in cases {
        let error = read_error::<Session>(&authorizer);
        assert_eq!(error.to_string(), expected);
    }
    let missing = read_error::<Session>(&with("userId", Value::Null));
    assert!(missing.is_missing());
    assert_eq!(missing.key(), "userId");
    // A `null` where a value is needed is not a missing key.
    let null = read_error::<Session>(&json!({"userId": null}));
    assert_eq!(null.to_string(), "context key `userId` holds null; the backend expects a string");
    assert!(!null.is_missing());
}

#[test]
fn errors_in_nested_values_name_their_place() {
    let good = json!({"roles": [], "team": {"name": "n", "size": 1}, "scores": [1, 2], "limits": {}, "extra": null});
    let with = |key: &str, value: Value| {
        let mut lambda = good.clone();
        lambda[key] = value;
        json!({ "lambda": lambda })
    };
    let cases = [
        (
            with("roles", json!(["a", 5])),
            "roles[1]",
            "context key `roles[1]` holds a number; the backend expects a string",
        ),
        (
            with("team", json!({"name": "n"})),
            "team.size",
            "context key `team.size` is missing; the backend expects a `u16`",
        ),
        (with("team", json!("s3cr3t")), "team", "context key `team` holds a string; the backend expects an object"),
        (
            with("scores", json!([1])),
            "scores",
            "context key `scores` holds an array of another length; the backend expects an array of the field's length",
        ),
        (
            with("limits", json!({"reads": "s3cr3t"})),
            "limits{…}",
            "context key `limits{…}` holds a string that is not a `u32`",
        ),
        // A map's keys are context data too: the path leaves them out.
        (
            with("limits", json!({"s3cr3t": -1})),
            "limits{…}",
            "context key `limits{…}` holds a number out of range for a `u32`",
        ),
    ];
    for (authorizer, key, expected) in cases {
        let error = read_error::<Claims>(&authorizer);
        assert_eq!((error.key(), error.to_string().as_str()), (key, expected));
    }
    // `serde_json::Value` takes `null`, but not a missing key.
    let mut no_extra = good.clone();
    no_extra.as_object_mut().unwrap().remove("extra");
    let error = read_error::<Claims>(&json!({ "lambda": no_extra }));
    assert_eq!(error.to_string(), "context key `extra` is missing; the backend expects a JSON value");
}

#[test]
fn an_authorizer_context_that_is_not_an_object_is_an_error() {
    let error = read_error::<Session>(&json!("s3cr3t"));
    assert_eq!(error.to_string(), "the authorizer context (`requestContext.authorizer`) is a string, not an object");
    assert_eq!(error.key(), "");
    assert_eq!(<()>::from_authorizer(&json!({"any": 1})), Ok(()));
}

const NO_CONTEXT: &str = "the request has no authorizer context: was the route authorized by this Lambda \
                          authorizer, and is `requestContext.authorizer` what was passed?";

#[test]
fn a_request_without_a_lambda_authorizers_context_is_an_error_even_for_optional_fields() {
    #[derive(Context, Debug, PartialEq)]
    struct Optional {
        plan: Option<String>,
        #[context(skip)]
        roles: Vec<String>,
    }
    let event = fixture("integration/http-v2-event.json");
    let mut jwt = event["requestContext"].clone();
    jwt["authorizer"] = json!({"jwt": {"claims": {"sub": "s3cr3t"}, "scopes": null}});
    let mut iam = event["requestContext"].clone();
    iam["authorizer"] = json!({"iam": {"accessKey": "s3cr3t", "userId": "u"}});
    let no_context = [
        // No authorizer: the route lost it.
        Value::Null,
        // An HTTP API route with a JWT or IAM authorizer.
        jwt["authorizer"].clone(),
        iam["authorizer"].clone(),
        // The request context, one level too high.
        event["requestContext"].clone(),
    ];
    for authorizer in &no_context {
        let error = read_error::<Optional>(authorizer);
        assert_eq!((error.to_string().as_str(), error.key()), (NO_CONTEXT, ""), "{authorizer}");
        assert!(error.is_no_context() && !error.is_missing());
        assert!(read_error::<Session>(authorizer).is_no_context());
        assert!(<()>::from_authorizer(authorizer).unwrap_err().is_no_context());
    }
    // `aws_lambda_events`: no authorizer, or a JWT or IAM one.
    let http: ApiGatewayV2httpRequest = serde_json::from_value(event.clone()).unwrap();
    let mut none = http.request_context.clone();
    none.authorizer = None;
    for context in [none, serde_json::from_value(jwt).unwrap(), serde_json::from_value(iam).unwrap()] {
        let error = Optional::from_authorizer(&context.authorizer).unwrap_err();
        assert_eq!(error.to_string(), NO_CONTEXT);
    }
    // A REST request context without an authorizer (`aws_lambda_events` reads its `null` as
    // no keys; a Lambda authorizer's always has `principalId`).
    let mut rest = fixture("integration/rest-proxy-authorizer-fragment.json")["requestContext"].clone();
    rest["httpMethod"] = json!("POST");
    rest["authorizer"] = Value::Null;
    let rest: ApiGatewayProxyRequestContext = serde_json::from_value(rest).unwrap();
    assert_eq!(Optional::from_authorizer(&rest.authorizer).unwrap_err().to_string(), NO_CONTEXT);
    // A Lambda authorizer's context reads as before, a REST string key named `jwt` included.
    assert_eq!(
        Optional::from_authorizer(&json!({"jwt": "j", "principalId": "p"})).unwrap(),
        Optional { plan: None, roles: Vec::new() }
    );
    let lambda = json!({"lambda": {"plan": "pro"}, "jwt": {"claims": {}}});
    assert_eq!(Optional::from_authorizer(&lambda).unwrap().plan.as_deref(), Some("pro"));
}

#[test]
fn debug_shows_the_keys_never_the_values() {
    use authorizer_core::{ContextObject, ContextReader, KeyPath, ValueReader};

    let authorizer = json!({"token": "s3cr3t", "nested": {"inner": "s3cr3t"}});
    let map = authorizer.as_object().unwrap();
    let object = format!("{:?}", ContextObject::from_map(map));
    assert!(object.contains("token") && !object.contains("s3cr3t"), "{object}");
    let at = KeyPath::key(None, "token");
    let value = format!("{:?}", ValueReader::new(map.get("token"), &at));
    assert!(value.contains("token") && !value.contains("s3cr3t"), "{value}");

    /// What `read_context` was given, as `Debug` shows it.
    struct Shown(String);
    impl FromContext for Shown {}
    impl ReadContext for Shown {
        fn read_context(keys: &ContextReader<'_>) -> Result<Self, ReadError> {
            Ok(Self(format!("{keys:?}")))
        }
    }
    let reader = Shown::from_authorizer(&authorizer).unwrap().0;
    assert!(reader.contains("token") && !reader.contains("s3cr3t"), "{reader}");
}

#[test]
fn a_rest_key_named_lambda_is_a_key_like_any_other() {
    // A REST context cannot hold an object, so only an object under `lambda` is an HTTP
    // API's context; a string there is a REST context's key.
    #[derive(Context, Debug, PartialEq)]
    struct Runtime {
        lambda: String,
    }
    let read = Runtime::from_authorizer(&json!({"lambda": "java", "principalId": "p"})).unwrap();
    assert_eq!(read, Runtime { lambda: "java".into() });
}

#[test]
fn aws_lambda_events_request_contexts_read_back_for_each_kind() {
    #[derive(Context, Debug, PartialEq)]
    struct PowertoolsContext {
        user_id: String,
    }
    // REST: the published fragment's `requestContext`, with the `httpMethod` every proxy
    // event's request context has (and `aws_lambda_events` requires).
    let mut rest = fixture("integration/rest-proxy-authorizer-fragment.json")["requestContext"].clone();
    rest["httpMethod"] = json!("POST");
    let rest: ApiGatewayProxyRequestContext = serde_json::from_value(rest).unwrap();
    let expected = PowertoolsContext { user_id: "fake_username".into() };
    assert_eq!(PowertoolsContext::from_authorizer(&rest.authorizer).unwrap(), expected);
    // WebSocket: the same shape, in a WebSocket request context (`connectedAt` and
    // `requestTimeEpoch` are the fields `aws_lambda_events` requires).
    let mut websocket = fixture("integration/rest-proxy-authorizer-fragment.json")["requestContext"].clone();
    websocket["connectedAt"] = json!(1_583_348_638_390_i64);
    websocket["requestTimeEpoch"] = json!(1_583_348_638_390_i64);
    let websocket: ApiGatewayWebsocketProxyRequestContext = serde_json::from_value(websocket).unwrap();
    assert_eq!(PowertoolsContext::from_authorizer(&websocket.authorizer).unwrap(), expected);

    // HTTP API payload 2.0: `aws_lambda_events` holds the `lambda` object as the fields.
    #[derive(Context, Debug, PartialEq)]
    struct KeyContext {
        key: String,
    }
    let event = fixture("integration/http-v2-event.json");
    let http: ApiGatewayV2httpRequest = serde_json::from_value(event.clone()).unwrap();
    let expected = KeyContext { key: "value".into() };
    assert_eq!(KeyContext::from_authorizer(&http.request_context.authorizer).unwrap(), expected);
    // The same, from the event as JSON.
    assert_eq!(KeyContext::from_authorizer(&event["requestContext"]["authorizer"]).unwrap(), expected);
    // No authorizer: no context.
    let mut anonymous = http.request_context.clone();
    anonymous.authorizer = None;
    let error = KeyContext::from_authorizer(&anonymous.authorizer).unwrap_err();
    assert!(error.is_no_context(), "{error}");
}

#[test]
fn maps_shared_strings_and_boxes_read_back() {
    use std::borrow::Cow;
    use std::collections::HashMap;
    use std::rc::Rc;

    #[derive(Context, Debug, PartialEq)]
    #[context(nested)]
    struct Everything {
        counts: HashMap<String, u8>,
        raw: serde_json::Map<String, Value>,
        shared: Rc<str>,
        cow: Cow<'static, str>,
        boxed: Box<i32>,
        floats: Vec<f64>,
    }
    let authorizer = json!({"lambda": {
        "counts": {"a": 1}, "raw": {"x": [null]}, "shared": "s", "cow": "c", "boxed": -3, "floats": [1.5, -0.0, 1e300]
    }});
    let read = Everything::from_authorizer(&authorizer).unwrap();
    assert_eq!(read.counts, HashMap::from([("a".to_owned(), 1)]));
    assert_eq!(Value::Object(read.raw), json!({"x": [null]}));
    assert_eq!((&*read.shared, &*read.cow, *read.boxed), ("s", "c", -3));
    assert_eq!(read.floats, [1.5, -0.0, 1e300]);
    let error = read_error::<Everything>(&json!({"lambda": {"counts": [1]}}));
    assert_eq!(error.to_string(), "context key `counts` holds an array; the backend expects an object");
}
