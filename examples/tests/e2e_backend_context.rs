//! An authorizer, the local API Gateway, and `petstore-backend` behind it, each a real
//! binary where the example has one: the backend reads the context the authorizer sent,
//! typed, from a REST API's stringified `requestContext.authorizer` and from an HTTP API's
//! `lambda` object, and answers 500, naming the key but not the value, when the context it
//! gets is not the one it was built for.

mod common;

use authorizer_core::gateway::{Gateway, Request, local};
use authorizer_core::prelude::*;
use authorizer_local::{Function, Outcome, ProcessInvoker};
use common::{Running, fixture};
use serde_json::{Value, json};

const PETSTORE: &str = env!("CARGO_BIN_EXE_petstore");
const MULTI_API: &str = env!("CARGO_BIN_EXE_multi-api");
const BACKEND: &str = env!("CARGO_BIN_EXE_petstore-backend");

const CAROL: &str = "tk_carol_p2ZgH5Nx7Uc4"; // reader
const BOB: &str = "tk_bob_Jd8Kp3Ws6Fa1"; // editor

/// The petstore authorizer, running, behind a REST API's TOKEN authorizer.
fn petstore_gateway() -> Gateway {
    let users = format!("{CAROL} u-300 reader\n{BOB} u-200 editor\n");
    let invoker = ProcessInvoker::start(Function::builder(PETSTORE).env("PETSTORE_USERS", users).echo(false))
        .unwrap_or_else(|e| panic!("petstore does not start: {e}"));
    Gateway::rest_token(invoker)
}

/// `requestContext.authorizer` as the integration receives `request`, which `gateway` allows.
fn authorizer_seen(gateway: &mut Gateway, request: &Request) -> Value {
    let exchange = gateway.send(request);
    assert_eq!(exchange.status, 200, "{exchange:?}");
    exchange.backend.expect("the request reaches the backend").authorizer
}

/// The REST proxy event of `method path` after `authorizer`: the published fragment, with the
/// method in the request context as every proxy event has it, and the `integrationLatency`
/// API Gateway adds beside the authorizer's keys.
fn rest_event(method: &str, path: &str, authorizer: &Value) -> Value {
    let mut event = fixture("backend-rest-proxy-authorizer-fragment.json");
    event["httpMethod"] = json!(method);
    event["path"] = json!(path);
    event["resource"] = json!(path);
    event["requestContext"]["httpMethod"] = json!(method);
    let mut authorizer = authorizer.clone();
    authorizer["integrationLatency"] = json!(451);
    event["requestContext"]["authorizer"] = authorizer;
    event
}

/// The HTTP API payload 2.0 integration event of `method path` after `authorizer`: the
/// published event, with its request's method and path.
fn http_event(method: &str, path: &str, authorizer: &Value) -> Value {
    let mut event = fixture("backend-http-v2-integration-event.json");
    event["rawPath"] = json!(path);
    event["requestContext"]["http"]["method"] = json!(method);
    event["requestContext"]["http"]["path"] = json!(path);
    event["requestContext"]["authorizer"] = authorizer.clone();
    event
}

/// The backend's status and JSON body for `event`.
fn backend_answers(backend: &Running, event: &Value) -> (i64, Value) {
    let invocation = backend.invoke(event);
    let Outcome::Response(response) = &invocation.outcome else {
        panic!("the backend failed: {}", invocation.body_text());
    };
    let status = response["statusCode"].as_i64().unwrap_or_else(|| panic!("no statusCode: {response}"));
    let body = response["body"].as_str().unwrap_or_else(|| panic!("no body: {response}"));
    (status, serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}")))
}

#[test]
fn the_backend_reads_the_rest_context_typed() {
    let mut gateway = petstore_gateway();
    let backend = Running::start(BACKEND, |f| f);

    let request = Request::get("/pets").header("Authorization", &format!("Bearer {CAROL}"));
    let authorizer = authorizer_seen(&mut gateway, &request);
    // On the wire to the backend, every value is a string...
    assert_eq!(authorizer, json!({"userId": "u-300", "role": "reader", "canWrite": "false", "principalId": "u-300"}));
    // ...and the backend reads a `bool` back.
    let (status, body) = backend_answers(&backend, &rest_event("GET", "/pets", &authorizer));
    assert_eq!(status, 200, "{body}");
    assert_eq!(body, json!({"userId": "u-300", "role": "reader", "canWrite": false, "path": "/pets"}));

    let request = Request::post("/pets").header("Authorization", &format!("Bearer {BOB}"));
    let authorizer = authorizer_seen(&mut gateway, &request);
    let (status, body) = backend_answers(&backend, &rest_event("POST", "/pets", &authorizer));
    assert_eq!((status, &body["canWrite"], &body["role"]), (200, &json!(true), &json!("editor")), "{body}");
}

/// The petstore authorizer's context, as an HTTP API payload 2.0 authorizer would send it.
#[derive(Context, Clone)]
#[context(rename_all = "camelCase")]
struct Caller {
    user_id: &'static str,
    role: &'static str,
    can_write: bool,
}

#[allow(clippy::needless_pass_by_value, reason = "an authorizer takes its request by value")]
fn http_authorizer(request: HttpV2Request) -> Decision<Caller> {
    match request.bearer_token() {
        Some(token) if token == CAROL => {
            Decision::allow_all("u-300").context(Caller { user_id: "u-300", role: "reader", can_write: false })
        }
        _ => Decision::deny("anonymous"),
    }
}

#[test]
fn the_backend_reads_the_http_api_context_typed() {
    let mut gateway = Gateway::http(local(http_authorizer)).identity_source("$request.header.authorization");
    let backend = Running::start(BACKEND, |f| f);

    let request = Request::get("/pets/7").header("authorization", &format!("Bearer {CAROL}"));
    let authorizer = authorizer_seen(&mut gateway, &request);
    // JSON types, under `lambda`.
    assert_eq!(authorizer, json!({"lambda": {"userId": "u-300", "role": "reader", "canWrite": false}}));
    let (status, body) = backend_answers(&backend, &http_event("GET", "/pets/7", &authorizer));
    assert_eq!(status, 200, "{body}");
    assert_eq!(body, json!({"userId": "u-300", "role": "reader", "canWrite": false, "path": "/pets/7"}));
    // A write, refused by the backend from the context it read.
    let (status, body) = backend_answers(&backend, &http_event("DELETE", "/pets/7", &authorizer));
    assert_eq!((status, body), (403, json!({"message": "read-only role", "role": "reader"})));
}

/// The multi-api binary, running, with `token` for user `u-900`.
fn multi_api(token: &str) -> ProcessInvoker {
    ProcessInvoker::start(Function::builder(MULTI_API).env("MULTI_API_TOKENS", format!("{token} u-900")).echo(false))
        .unwrap_or_else(|e| panic!("multi-api does not start: {e}"))
}

#[test]
fn a_context_the_backend_was_not_built_for_is_a_500_naming_the_key() {
    // `multi-api` sends `{"userId": ..}` only, not the petstore's context, from a REST and
    // from an HTTP API alike.
    let token = "tk_multi_Xr4Lp9Qz2Wn7";
    let mut backend = Running::start(BACKEND, |f| f);
    let request = Request::get("/pets").header("authorization", &format!("Bearer {token}"));

    let rest = authorizer_seen(&mut Gateway::rest_token(multi_api(token)), &request);
    assert_eq!(rest, json!({"userId": "u-900", "principalId": "u-900"}));
    let http = authorizer_seen(
        &mut Gateway::http(multi_api(token)).identity_source("$request.header.authorization"),
        &request,
    );
    assert_eq!(http, json!({"lambda": {"userId": "u-900"}}));
    for event in [rest_event("GET", "/pets", &rest), http_event("GET", "/pets", &http)] {
        let (status, body) = backend_answers(&backend, &event);
        assert_eq!((status, body), (500, json!({"message": "Internal Server Error"})));
    }
    backend.settle();
    backend.function.kill();
    let output = backend.function.output();
    let logged = "context key `role` is missing; the backend expects a string";
    assert_eq!(output.matches(logged).count(), 2, "{output}");
    assert!(!output.contains("u-900"), "{output}");
}
