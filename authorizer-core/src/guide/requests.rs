//! # Requests
//!
//! The type of the function's first parameter says which kind of authorizer it is, and which
//! events it accepts.
//!
//! | type | API Gateway sends it for | what it gives you |
//! |---|---|---|
//! | [`TokenRequest`] | REST API, `TOKEN` authorizer | [`token()`](TokenRequest::token) (raw, API Gateway does not strip `Bearer `), [`bearer_token()`](TokenRequest::bearer_token), [`method_arn()`](TokenRequest::method_arn) |
//! | [`RestRequest`] | REST API, `REQUEST` authorizer | [`header(name)`](RestRequest::header) (case-insensitive: REST passes names in the client's case), [`header_values`](RestRequest::header_values), [`authorization()`](RestRequest::authorization), [`bearer_token()`](RestRequest::bearer_token), [`query_param`](RestRequest::query_param), [`query_values`](RestRequest::query_values), [`path_parameter`](RestRequest::path_parameter), [`stage_variable`](RestRequest::stage_variable), [`source_ip()`](RestRequest::source_ip), [`http_method()`](RestRequest::http_method), [`path()`](RestRequest::path), [`resource()`](RestRequest::resource), [`request_context()`](RestRequest::request_context), [`method_arn()`](RestRequest::method_arn) |
//! | [`HttpV1Request`] | HTTP API, payload format 1.0 | the same as `RestRequest`, and [`identity_source()`](HttpV1Request::identity_source) (the identity values, comma-joined) |
//! | [`HttpV2Request`] | HTTP API, payload format 2.0, simple responses | [`route_arn()`](HttpV2Request::route_arn), [`route_key()`](HttpV2Request::route_key), [`raw_path()`](HttpV2Request::raw_path), [`raw_query_string()`](HttpV2Request::raw_query_string), [`cookies()`](HttpV2Request::cookies), [`cookie(name)`](HttpV2Request::cookie), [`header(name)`](HttpV2Request::header), [`authorization()`](HttpV2Request::authorization), [`bearer_token()`](HttpV2Request::bearer_token), [`query_param`](HttpV2Request::query_param), [`path_parameter`](HttpV2Request::path_parameter), [`stage_variable`](HttpV2Request::stage_variable), [`identity_source()`](HttpV2Request::identity_source) (`None` without identity sources), [`http_method()`](HttpV2Request::http_method), [`source_ip()`](HttpV2Request::source_ip), [`request_context()`](HttpV2Request::request_context) |
//! | `HttpV2Request<IamPolicy>` | HTTP API, payload format 2.0, IAM policy responses | the same |
//! | [`WebSocketRequest`] | WebSocket API, `$connect` | [`header(name)`](WebSocketRequest::header), [`bearer_token()`](WebSocketRequest::bearer_token), [`query_param`](WebSocketRequest::query_param), [`stage_variable`](WebSocketRequest::stage_variable), [`connection_id()`](WebSocketRequest::connection_id), [`route_key()`](WebSocketRequest::route_key), [`source_ip()`](WebSocketRequest::source_ip), [`request_context()`](WebSocketRequest::request_context), [`method_arn()`](WebSocketRequest::method_arn) (a [`WebSocketArn`], ending in `/$connect`) |
//! | [`AnyRequest`] | any of the above, for one function behind several APIs | an enum of the above; [`bearer_token()`](AnyRequest::bearer_token) and [`header(name)`](AnyRequest::header) for all |
//!
//! Whole maps are there too: `headers()`, `query()`, `path_parameters()`,
//! `stage_variables()` give a [`Headers`] or a [`Params`] (see [`maps`](crate::maps)).
//!
//! A REST `REQUEST` authorizer reads what its identity sources name; a header's name is
//! matched in any case:
//!
//! ```
//! use authorizer_core::prelude::*;
//! use authorizer_core::AuthorizerRequest;
//!
//! fn authorize(request: RestRequest) -> Result<Decision, Error> {
//!     match (request.header("x-tenant"), request.query_param("version")) {
//!         (Some("acme"), Some("2")) => Ok(Decision::allow("acme").route(Route::get("/pets/*"))),
//!         _ => Err(Unauthorized.into()),
//!     }
//! }
//!
//! let event = br#"{
//!     "type": "REQUEST",
//!     "methodArn": "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/pets/7",
//!     "resource": "/pets/{id}", "path": "/pets/7", "httpMethod": "GET",
//!     "headers": {"X-Tenant": "acme"},
//!     "queryStringParameters": {"version": "2"},
//!     "pathParameters": {"id": "7"},
//!     "requestContext": {"resourcePath": "/pets/{id}", "httpMethod": "GET", "stage": "prod"}
//! }"#;
//! let request = RestRequest::from_event(event).unwrap();
//! assert_eq!(request.header("X-TENANT"), Some("acme"));
//! assert_eq!(request.path_parameter("id"), Some("7"));
//! assert_eq!(request.method_arn().path(), "/pets/7");
//! assert!(authorize(request).is_ok());
//! ```
//!
//! # The response follows the request
//!
//! REST, WebSocket and HTTP API payload 1.0 authorizers answer an IAM policy; `HttpV2Request`
//! answers API Gateway's simple response `{"isAuthorized": .., "context": ..}` (set
//! `enableSimpleResponses` on the authorizer), judged against the request's own route:
//! authorized if an allowed route covers it and no denied one does; `HttpV2Request<IamPolicy>`
//! answers an IAM policy ([`IamPolicy`], [`SimpleResponse`]). `AnyRequest` reads the kind
//! from the event (`type`, `version`, the shape of the ARN) and never guesses: an event that
//! matches no kind fails the invocation (500).
//!
//! # Events are validated before your function runs
//!
//! An event of another kind (a `REQUEST` event sent to a `TOKEN` authorizer, an HTTP API
//! event), one without a field API Gateway always sends (`methodArn`, or `routeArn` for an HTTP
//! API payload 2.0; a TOKEN event's `authorizationToken`; the `requestContext` of the other
//! kinds; an HTTP API event's `version`), or a `methodArn` that is not an `execute-api` ARN
//! fails the invocation (500, `InvalidEvent`: see [errors](super::errors)). So does an IAM
//! wildcard (`*`, `?`) anywhere before the ARN's path (partition, region, account, API id,
//! stage, or a verb other than `*` alone), since the policy's resources are written from
//! those parts ([`MethodArn`] has the rules). So does an event with a key twice in one object
//! (two `Authorization` keys in `headers`, say: which one counts would be a guess), and a REST
//! event with a `version`, even `null`.
//! Absent and `null` maps are empty. [`MethodArn`] gives
//! [`partition()`](MethodArn::partition) (`aws`, `aws-cn`, `aws-us-gov`),
//! [`region()`](MethodArn::region), [`account()`](MethodArn::account),
//! [`api_id()`](MethodArn::api_id), [`stage()`](MethodArn::stage),
//! [`verb()`](MethodArn::verb) and [`path()`](MethodArn::path) (`/` for the root resource,
//! whose ARN ends in `GET/`).
//!
//! ```
//! use authorizer_core::prelude::*;
//! use authorizer_core::testing;
//!
//! fn authorize(request: TokenRequest) -> Result<Decision, Error> {
//!     let arn = request.method_arn();
//!     assert_eq!((arn.region(), arn.stage(), arn.verb(), arn.path()), ("us-east-1", "prod", "GET", "/"));
//!     Ok(Decision::allow_all("user"))
//! }
//!
//! let root = "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/";
//! let token = serde_json::json!({"type": "TOKEN", "authorizationToken": "t", "methodArn": root});
//! assert_eq!(testing::invoke(authorize, token).status(), 200);
//!
//! // A REQUEST event sent to a TOKEN authorizer: the function is not called.
//! let request = serde_json::json!({"type": "REQUEST", "methodArn": root});
//! let invocation = testing::invoke(authorize, request);
//! assert_eq!(invocation.status(), 500);
//! assert_eq!(invocation.error().unwrap().error_type.as_str(), "InvalidEvent");
//!
//! // A wildcard stage would widen every route of the policy: the function is not called.
//! let wildcard = "arn:aws:execute-api:us-east-1:123456789012:abc123/*/GET/pets";
//! let token = serde_json::json!({"type": "TOKEN", "authorizationToken": "t", "methodArn": wildcard});
//! assert_eq!(testing::invoke(authorize, token).error().unwrap().error_type.as_str(), "InvalidEvent");
//! ```
//!
//! # What `Debug` shows
//!
//! `Debug` of a request never shows a token, a header, cookie or parameter value, or a
//! segment of the request path: the method ARN and the path show the stage and the verb, and
//! each path segment as `…`:
//!
//! ```
//! use authorizer_core::TokenRequest;
//!
//! let arn = "arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/users/alice";
//! let request = TokenRequest::new("Bearer s3cret", arn).unwrap();
//! let shown = format!("{request:?}");
//! assert!(shown.contains(r#"MethodArn("arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/…/…")"#));
//! assert!(!shown.contains("s3cret") && !shown.contains("alice"));
//! ```
//!
//! `request_context()` is `aws_lambda_events`' type, whose own `Debug` shows every field as
//! sent, the API key and the path included: do not log it.

#[cfg(doc)]
use crate::{
    AnyRequest, Headers, HttpV1Request, HttpV2Request, IamPolicy, MethodArn, Params, RestRequest, SimpleResponse,
    TokenRequest, WebSocketArn, WebSocketRequest,
};
