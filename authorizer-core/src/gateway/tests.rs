use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use serde_json::json;

use super::*;
use crate::prelude::*;

fn bearer(token: &str) -> String {
    format!("Bearer {token}")
}

/// The classic bug: allow only the method being called.
fn exact(request: TokenRequest) -> Result<Decision, Error> {
    match request.bearer_token() {
        Some("t-1") => Ok(Decision::allow_request("user")),
        _ => Err(Unauthorized.into()),
    }
}

/// The fix: declare every route the caller may use.
fn declared(request: TokenRequest) -> Result<Decision, Error> {
    match request.bearer_token() {
        Some("t-1") => Ok(Decision::allow("user").routes([Route::get("/pets"), Route::get("/pets/*")])),
        _ => Err(Unauthorized.into()),
    }
}

#[test]
fn the_caching_bug_and_its_fix() {
    let get = |path: &str| Request::get(path).header("Authorization", &bearer("t-1"));
    let mut buggy = Gateway::rest_token(local(exact));
    assert_eq!(buggy.send(&get("/pets")).status, 200);
    let second = buggy.send(&get("/pets/7"));
    assert_eq!((second.status, second.authorizer), (403, Call::Cached));
    assert_eq!(second.body, r#"{"Message":"User is not authorized to access this resource"}"#);

    let mut fixed = Gateway::rest_token(local(declared));
    for path in ["/pets", "/pets/7", "/pets/7/photos"] {
        let exchange = fixed.send(&get(path));
        assert_eq!(exchange.status, 200, "{path}");
    }
    let elsewhere = fixed.send(&Request::delete("/pets/7").header("Authorization", &bearer("t-1")));
    assert_eq!((elsewhere.status, elsewhere.authorizer), (403, Call::Cached));
}

static CALLS: AtomicUsize = AtomicUsize::new(0);

fn counted(_: TokenRequest) -> Result<Decision, Error> {
    CALLS.fetch_add(1, Ordering::SeqCst);
    Ok(Decision::allow_all("user"))
}

#[test]
fn the_cache_lives_for_its_ttl_per_token_and_can_be_turned_off() {
    let get = |token: &str| Request::get("/pets").header("Authorization", token);
    let before = CALLS.load(Ordering::SeqCst);
    let mut gateway = Gateway::rest_token(local(counted)).ttl(Duration::from_secs(60));
    assert_eq!(gateway.send(&get("a")).authorizer, Call::Invoked);
    assert_eq!(gateway.send(&get("a")).authorizer, Call::Cached);
    assert_eq!(gateway.send(&get("b")).authorizer, Call::Invoked);
    gateway.advance(Duration::from_secs(59));
    assert_eq!(gateway.send(&get("a")).authorizer, Call::Cached);
    gateway.advance(Duration::from_secs(1));
    assert_eq!(gateway.send(&get("a")).authorizer, Call::Invoked);
    gateway.flush();
    assert_eq!(gateway.send(&get("a")).authorizer, Call::Invoked);
    let mut uncached = Gateway::rest_token(local(counted)).ttl(Duration::ZERO);
    assert_eq!(uncached.send(&get("a")).authorizer, Call::Invoked);
    assert_eq!(uncached.send(&get("a")).authorizer, Call::Invoked);
    assert_eq!(CALLS.load(Ordering::SeqCst) - before, 6);
}

#[test]
fn errors_are_not_cached() {
    let get = || Request::get("/pets").header("Authorization", "nope");
    let mut gateway = Gateway::rest_token(local(exact));
    let first = gateway.send(&get());
    assert_eq!(
        (first.status, first.authorizer, first.body.as_str()),
        (401, Call::Invoked, r#"{"message":"Unauthorized"}"#)
    );
    assert_eq!(gateway.send(&get()).authorizer, Call::Invoked);
}

#[test]
fn missing_tokens_and_validation_failures_never_invoke() {
    let mut gateway = Gateway::rest_token(local(exact)).validation_expression("^Bearer [a-z0-9-]+$");
    for request in [
        Request::get("/pets"),
        Request::get("/pets").header("Authorization", ""),
        Request::get("/pets").header("Authorization", "Basic dXNlcg=="),
    ] {
        let exchange = gateway.send(&request);
        assert_eq!((exchange.status, exchange.authorizer), (401, Call::NotInvoked), "{request:?}");
    }
    let custom = Gateway::rest_token(local(exact))
        .token_source("X-Token")
        .send(&Request::get("/").header("x-token", &bearer("t-1")));
    assert_eq!(custom.status, 200);
}

fn by_header(request: RestRequest) -> Result<Decision, Error> {
    match request.header("X-Key") {
        Some("k-1") => Ok(Decision::allow_all("k-1")),
        _ => Ok(Decision::deny("anyone")),
    }
}

#[test]
fn request_authorizers_check_and_key_by_identity_sources() {
    let mut gateway = Gateway::rest_request(local(by_header))
        .identity_source("method.request.header.X-Key")
        .identity_source("method.request.querystring.tenant");
    let no_tenant = gateway.send(&Request::get("/a").header("x-key", "k-1"));
    assert_eq!((no_tenant.status, no_tenant.authorizer), (401, Call::NotInvoked));
    let request = |tenant: &str| Request::get("/a").header("x-key", "k-1").query("tenant", tenant);
    assert_eq!(gateway.send(&request("t1")).authorizer, Call::Invoked);
    assert_eq!(gateway.send(&request("t1")).authorizer, Call::Cached);
    assert_eq!(gateway.send(&request("t2")).authorizer, Call::Invoked);
    let denied = gateway.send(&Request::get("/a").header("x-key", "other").query("tenant", "t1"));
    assert_eq!((denied.status, denied.authorizer), (403, Call::Invoked));
    assert!(denied.body.contains("explicit deny"));
}

#[test]
fn configurations_api_gateway_refuses() {
    let refused = [
        Gateway::rest_request(local(by_header)).check(),
        Gateway::rest_request(local(by_header)).identity_source("$request.header.x").check(),
        Gateway::rest_token(local(exact)).ttl(Duration::from_secs(3601)).check(),
        Gateway::rest_token(local(exact)).validation_expression("(").check(),
    ];
    for result in refused {
        assert!(result.is_err());
    }
    assert!(Gateway::rest_request(local(by_header)).ttl(Duration::ZERO).check().is_ok());
}

#[derive(Context)]
#[context(crate = "crate")]
struct Session {
    admin: bool,
    quota: u32,
}

fn with_context(_: TokenRequest) -> Result<Decision<Session>, Error> {
    Ok(Decision::allow_all("u-1").context(Session { admin: true, quota: 5 }))
}

#[test]
fn the_backend_sees_the_rest_context_stringified() {
    let exchange = Gateway::rest_token(local(with_context)).send(&Request::get("/").header("Authorization", "t"));
    let backend = exchange.backend.expect("allowed");
    assert_eq!(backend.authorizer, json!({"admin": "true", "quota": "5", "principalId": "u-1"}));
}

#[derive(Context)]
#[context(nested, crate = "crate")]
struct Claims {
    roles: Vec<String>,
}

fn http(request: HttpV2Request) -> Result<Decision<Claims>, Error> {
    match request.header("authorization") {
        Some("secretToken") => {
            Ok(Decision::allow("u").route(Route::get("/pets/*")).context(Claims { roles: vec!["r".into()] }))
        }
        _ => Ok(Decision::deny("anyone")),
    }
}

#[test]
fn http_apis_answer_with_their_own_bodies_and_typed_context() {
    let mut gateway =
        Gateway::http(local(http)).identity_source("$request.header.authorization").ttl(Duration::from_secs(30));
    let allowed = gateway.send(&Request::get("/pets/1").header("Authorization", "secretToken"));
    assert_eq!(allowed.status, 200);
    assert_eq!(allowed.backend.unwrap().authorizer, json!({"lambda": {"roles": ["r"]}}));
    // The simple response was judged for /pets/1; the cached one says the same for any route.
    let cached = gateway.send(&Request::post("/pets").header("authorization", "secretToken"));
    assert_eq!((cached.status, cached.authorizer), (200, Call::Cached));
    // Which is not what the authorizer answers for that route when asked.
    let uncached = Gateway::http(local(http)).send(&Request::post("/pets").header("authorization", "secretToken"));
    assert_eq!((uncached.status, uncached.authorizer), (403, Call::Invoked));
    let denied = gateway.send(&Request::get("/pets/1").header("authorization", "other"));
    assert_eq!((denied.status, denied.body.as_str()), (403, r#"{"message":"Forbidden"}"#));
    let anonymous = gateway.send(&Request::get("/pets/1"));
    assert_eq!((anonymous.status, anonymous.authorizer), (401, Call::NotInvoked));
}

fn http_iam(request: HttpV2Request<IamPolicy>) -> Result<Decision, Error> {
    match request.header("authorization") {
        Some("secretToken") => Ok(Decision::allow("u").route(Route::get("/pets/*"))),
        _ => Ok(Decision::deny("anyone")),
    }
}

#[test]
fn a_cached_simple_response_says_which_route_it_was_computed_for() {
    let mut gateway =
        Gateway::http(local(http)).identity_source("$request.header.authorization").ttl(Duration::from_secs(30));
    let token = |request: Request| request.header("authorization", "secretToken");
    let first = gateway.send(&token(Request::get("/pets/1")));
    assert_eq!((first.status, first.authorizer, first.simple_response_for), (200, Call::Invoked, None));
    let again = gateway.send(&token(Request::get("/pets/1")));
    assert_eq!((again.authorizer, again.simple_response_for), (Call::Cached, None));
    // The yes computed for GET /pets/1 answers POST /pets, which the authorizer would refuse.
    let other = gateway.send(&token(Request::post("/pets")));
    assert_eq!((other.status, other.authorizer), (200, Call::Cached));
    assert_eq!(other.simple_response_for.as_deref(), Some("GET /pets/1"));
    // A cached no too.
    let denied = gateway.send(&Request::get("/pets/1").header("authorization", "other"));
    assert_eq!((denied.status, denied.simple_response_for), (403, None));
    let cached_no = gateway.send(&Request::get("/pets/2").header("authorization", "other"));
    assert_eq!((cached_no.status, cached_no.simple_response_for.as_deref()), (403, Some("GET /pets/1")));

    // A cached policy is judged for each route's own ARN: nothing to say.
    let mut iam =
        Gateway::http(local(http_iam)).identity_source("$request.header.authorization").ttl(Duration::from_secs(30));
    assert_eq!(iam.send(&token(Request::get("/pets/1"))).status, 200);
    let judged = iam.send(&token(Request::post("/pets")));
    assert_eq!((judged.status, judged.authorizer, judged.simple_response_for), (403, Call::Cached, None));
    let mut rest = Gateway::rest_token(local(exact));
    rest.send(&Request::get("/pets").header("Authorization", &bearer("t-1")));
    let cached = rest.send(&Request::get("/pets/7").header("Authorization", &bearer("t-1")));
    assert_eq!((cached.authorizer, cached.simple_response_for), (Call::Cached, None));
}

fn websocket(request: WebSocketRequest) -> Result<Decision, Error> {
    if request.query_param("token") == Some("s3cret") { Ok(Decision::allow_all("c")) } else { Err(Unauthorized.into()) }
}

#[test]
fn websocket_connects() {
    let mut gateway = Gateway::websocket(local(websocket));
    let connected = gateway.send(&Request::get("/").query("token", "s3cret"));
    assert_eq!(connected.status, 200);
    assert!(connected.method_arn.ends_with("/prod/$connect"), "{}", connected.method_arn);
    assert_eq!(gateway.send(&Request::get("/").query("token", "x")).status, 401);
}

#[test]
fn over_long_method_arns_are_414() {
    let long = format!("/{}", "a".repeat(1600));
    let exchange = Gateway::rest_token(local(exact)).send(&Request::get(&long).header("Authorization", "t"));
    assert_eq!((exchange.status, exchange.authorizer), (414, Call::NotInvoked));
}

fn per_resource(request: RestRequest) -> Result<Decision, Error> {
    let principal = format!("{} id={}", request.resource(), request.path_parameter("id").unwrap_or("-"));
    Ok(Decision::allow_request(principal))
}

#[test]
fn rest_requests_under_one_resource_template_share_the_cache() {
    let mut gateway = Gateway::rest_request(local(per_resource))
        .identity_source("method.request.header.X-Key")
        .identity_source("context.resourcePath");
    let pet = |id: &str| Request::get(&format!("/pets/{id}")).resource("/pets/{id}").header("x-key", "k");
    let first = gateway.send(&pet("1"));
    assert_eq!((first.status, first.authorizer), (200, Call::Invoked));
    assert_eq!(first.backend.unwrap().principal_id.as_deref(), Some("/pets/{id} id=1"));
    // `context.resourcePath` is the template: /pets/2 gets the policy written for /pets/1.
    let second = gateway.send(&pet("2"));
    assert_eq!((second.status, second.authorizer), (403, Call::Cached));
    assert!(second.method_arn.ends_with("/prod/GET/pets/2"), "{}", second.method_arn);
    let list = gateway.send(&Request::get("/pets").header("x-key", "k"));
    assert_eq!((list.status, list.authorizer), (200, Call::Invoked));

    // `context.path` is the concrete path: each pet is its own cache key.
    let mut by_path = Gateway::rest_request(local(per_resource))
        .identity_source("method.request.header.X-Key")
        .identity_source("context.path");
    assert_eq!(by_path.send(&pet("1")).authorizer, Call::Invoked);
    let other = by_path.send(&pet("2"));
    assert_eq!((other.status, other.authorizer), (200, Call::Invoked));
    // Without a template, the resource is the concrete path.
    let untemplated = by_path.send(&Request::get("/pets/3").header("x-key", "k"));
    assert_eq!(untemplated.backend.unwrap().principal_id.as_deref(), Some("/pets/3 id=-"));
}

fn alice_only(request: HttpV2Request) -> Result<Decision, Error> {
    match request.header("authorization") {
        Some("alice") => Ok(Decision::allow("alice").route(Route::get("/users/alice"))),
        _ => Ok(Decision::deny("anyone")),
    }
}

#[test]
fn simple_responses_are_cached_per_route_key_and_placeholders_share_one() {
    let mut gateway = Gateway::http(local(alice_only))
        .identity_source("$request.header.authorization")
        .identity_source("$context.routeKey")
        .ttl(Duration::from_secs(30));
    let user = |method: &str, name: &str| {
        Request::new(method, &format!("/users/{name}")).resource("/users/{id}").header("authorization", "alice")
    };
    let own = gateway.send(&user("GET", "alice"));
    assert_eq!((own.status, own.authorizer), (200, Call::Invoked));
    // The route key `GET /users/{id}` is the same: API Gateway reuses the cached yes.
    let other = gateway.send(&user("GET", "bob"));
    assert_eq!((other.status, other.authorizer), (200, Call::Cached));
    assert_eq!(other.simple_response_for.as_deref(), Some("GET /users/alice"));
    // Another route key is another cache entry, judged by the authorizer afresh.
    let post = gateway.send(&user("POST", "alice"));
    assert_eq!((post.status, post.authorizer), (403, Call::Invoked));
    let pets = gateway.send(&Request::get("/pets").header("authorization", "alice"));
    assert_eq!((pets.status, pets.authorizer), (403, Call::Invoked));
    // Asked first, the authorizer itself refuses bob's page.
    let mut fresh = Gateway::http(local(alice_only))
        .identity_source("$request.header.authorization")
        .identity_source("$context.routeKey")
        .ttl(Duration::from_secs(30));
    let asked = fresh.send(&user("GET", "bob"));
    assert_eq!((asked.status, asked.authorizer), (403, Call::Invoked));
}

#[test]
fn events_carry_the_resource_template_and_its_parameters() {
    let place = Gateway::rest_request(local(by_header)).place;
    let request = Request::get("/pets/7/toys/a/b").resource("pets/{id}/toys/{proxy+}");
    let rest = events::event(&Api::RestRequest, &place, &request, &[], "r");
    assert_eq!(
        (&rest["resource"], &rest["requestContext"]["resourcePath"], &rest["path"]),
        (&json!("/pets/{id}/toys/{proxy+}"), &json!("/pets/{id}/toys/{proxy+}"), &json!("/pets/7/toys/a/b"))
    );
    assert_eq!(rest["pathParameters"], json!({"id": "7", "proxy": "a/b"}));
    let http = events::event(&Api::HttpV2, &place, &request, &[], "r");
    assert_eq!(http["routeKey"], "GET /pets/{id}/toys/{proxy+}");
    assert_eq!(http["requestContext"]["routeKey"], "GET /pets/{id}/toys/{proxy+}");
    assert_eq!(http["pathParameters"], json!({"id": "7", "proxy": "a/b"}));

    let plain = Request::get("/pets/7");
    let rest = events::event(&Api::RestRequest, &place, &plain, &[], "r");
    assert_eq!((&rest["resource"], &rest["pathParameters"]), (&json!("/pets/7"), &json!({})));
    assert_eq!(events::event(&Api::HttpV2, &place, &plain, &[], "r")["routeKey"], "GET /pets/7");
    // A path that does not fit its template has no parameters.
    for (path, template) in [("/pets", "/pets/{id}"), ("/pets/7/x", "/pets/{id}"), ("/files/", "/files/{proxy+}")] {
        let event = events::event(&Api::RestRequest, &place, &Request::get(path).resource(template), &[], "r");
        assert_eq!(event["pathParameters"], json!({}), "{path} {template}");
    }
    assert_eq!(events::Place::route_key(ApiKind::WebSocket, &request), "$connect");
}
