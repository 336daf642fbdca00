//! # Testing
//!
//! The function stays a normal function: call it in unit tests, with a request built in one
//! line. Each request type has a builder, `RestRequest::builder(method_arn)` and its kin,
//! whose `build()` decodes the event it writes exactly as the deployed function decodes
//! the one API Gateway sends:
//!
//! ```
//! use authorizer_core::prelude::*;
//!
//! fn authorize(request: RestRequest) -> Result<Decision, Error> {
//!     match request.bearer_token() {
//!         Some("reader-token") => Ok(Decision::allow("reader").route(Route::get("/pets/*"))),
//!         Some(_) => Ok(Decision::deny("stranger")),
//!         None => Err(Unauthorized.into()),
//!     }
//! }
//!
//! // In a #[test]:
//! let arn = "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/pets/7";
//! let request = RestRequest::builder(arn).bearer_token("reader-token").build().unwrap();
//! assert!(authorize(request).is_ok());
//! let anonymous = RestRequest::builder(arn).build().unwrap();
//! assert!(authorize(anonymous).unwrap_err().is_unauthorized()); // a 401
//! ```
//!
//! | kind | builder | sets |
//! |---|---|---|
//! | REST `TOKEN` | [`TokenRequest::builder(method_arn)`](crate::TokenRequest::builder) | `token`, `bearer_token` |
//! | REST `REQUEST` | [`RestRequest::builder(method_arn)`](crate::RestRequest::builder) | `header`, `bearer_token`, `query_param`, `path_parameter`, `stage_variable`, `resource`, `path`, `http_method`, `source_ip`, `api_key`, `request_context` |
//! | HTTP API, payload 1.0 | [`HttpV1Request::builder(method_arn)`](crate::HttpV1Request::builder) | those of REST, and `identity_source` |
//! | HTTP API, payload 2.0 | [`HttpV2Request::builder(route_arn)`](crate::HttpV2Request::builder) | `header`, `bearer_token`, `query_param`, `path_parameter`, `stage_variable`, `route_key`, `raw_path`, `raw_query_string`, `cookie`, `http_method`, `identity_source`, `source_ip`, `request_context` |
//! | WebSocket `$connect` | [`WebSocketRequest::builder(method_arn)`](crate::WebSocketRequest::builder) | `header`, `bearer_token`, `query_param`, `stage_variable`, `connection_id`, `event_type`, `source_ip`, `api_key`, `request_context` |
//!
//! What is not set comes from the ARN (the path, the method, the account, API id and stage
//! of the request context) or is left out, as API Gateway leaves it out. A bad ARN, or one of
//! another kind, fails `build()` with the [`EventError`](crate::EventError) decoding gives.
//! [`testing::sample`](crate::testing::sample) has AWS's documented example event of each
//! kind as a builder, to adjust: `sample::rest_request().header("Authorization", "Bearer t")`.
//! An [`AnyRequest`](crate::AnyRequest) authorizer is invoked with the builder of whichever
//! kind it should see.
//!
//! To see exactly what the deployed binary would post, and what API Gateway would answer for
//! the event's own method ARN, invoke the function with [`testing`](crate::testing): a
//! builder is an event, as are JSON text and a `serde_json::Value`.
//!
//! ```
//! use authorizer_core::prelude::*;
//! use authorizer_core::testing::{self, sample};
//!
//! fn authorize(request: HttpV2Request) -> Result<Decision, Error> {
//!     match request.bearer_token() {
//!         Some("reader-token") => Ok(Decision::allow("reader").route(Route::get("/request"))),
//!         _ => Err(Unauthorized.into()),
//!     }
//! }
//!
//! let invocation = testing::invoke(authorize, sample::http_v2_request().bearer_token("reader-token"));
//! assert_eq!(invocation.status(), 200);
//! assert_eq!(invocation.response().unwrap()["isAuthorized"], true);
//! let refused = testing::invoke(authorize, sample::http_v2_request());
//! assert_eq!(refused.status(), 401);
//! assert_eq!(refused.error().unwrap().error_message, "Unauthorized");
//! ```
//!
//! [`invoke_with_state(authorize, state, event)`](crate::testing::invoke_with_state) for
//! stateful authorizers ([Shared state](super::state)), with a `&'static` state as in Lambda
//! (`Box::leak(Box::new(state))` in a test);
//! [`invoke_async`](crate::testing::invoke_async) /
//! [`invoke_async_with_state`](crate::testing::invoke_async_with_state) inside
//! `#[tokio::test]`. [`invocation.reply()`](crate::testing::Invocation::reply) is the exact
//! [`Reply`](crate::Reply) (response JSON, or error type and message);
//! [`invocation.status_for(arn)`](crate::testing::Invocation::status_for) is what API Gateway
//! answers another route from the same (cached) response, and
//! [`testing::gateway_status(reply, arn, api)`](crate::testing::gateway_status) judges a reply
//! posted by a real binary ([`testing::evaluate`](crate::testing::evaluate()) gives the whole
//! judgement: what the client gets and what the backend sees).
//!
//! # A local API Gateway in a test
//!
//! To test what a client gets through API Gateway, with its cache, identity-source checks and
//! validation expression, put [`gateway`](crate::gateway) in front of the function (feature
//! `gateway`, for tests only):
//!
//! ```toml
//! [dev-dependencies]
//! authorizer-core = { version = "0.1", features = ["gateway"] }
//! ```
//!
//! [`Gateway::rest_token`](crate::gateway::Gateway::rest_token)`(gateway::local(authorize))`
//! (or [`rest_request`](crate::gateway::Gateway::rest_request),
//! [`http`](crate::gateway::Gateway::http), [`http_v1`](crate::gateway::Gateway::http_v1),
//! [`websocket`](crate::gateway::Gateway::websocket)), [`.ttl(..)`](crate::gateway::Gateway::ttl),
//! [`.identity_source("method.request.header.Authorization")`](crate::gateway::Gateway::identity_source),
//! then [`gateway.send(&Request::get("/pets/7").header("Authorization", "Bearer t"))`](crate::gateway::Gateway::send)
//! gives the status, the body, whether the authorizer was `Invoked`, `Cached` or `NotInvoked`
//! ([`Call`](crate::gateway::Call)), and what the backend sees;
//! [`gateway.advance(Duration::from_secs(300))`](crate::gateway::Gateway::advance) moves its
//! clock. [`Request::get("/pets/2").resource("/pets/{id}")`](crate::gateway::Request::resource)
//! gives a request its resource (or route) template, so that identity sources
//! `context.resourcePath` and `$context.routeKey` share one cache entry across `/pets/1` and
//! `/pets/2`, as in API Gateway. The [module's documentation](crate::gateway) has the classic
//! caching bug, caught in a unit test; here, an HTTP API's simple responses, cached per route
//! key ([the cache](super::routes#the-cache)):
//!
//! ```
//! use std::time::Duration;
//!
//! use authorizer_core::gateway::{Call, Gateway, Request, local};
//! use authorizer_core::prelude::*;
//!
//! fn authorize(request: HttpV2Request) -> Result<Decision, Error> {
//!     match request.bearer_token() {
//!         Some("reader") => Ok(Decision::allow("reader").route(Route::get("/pets/*"))),
//!         _ => Err(Unauthorized.into()),
//!     }
//! }
//!
//! let mut gateway = Gateway::http(local(authorize))
//!     .ttl(Duration::from_secs(300))
//!     .identity_source("$request.header.Authorization")
//!     .identity_source("$context.routeKey");
//! let send = |gateway: &mut Gateway, method: &str, path: &str| {
//!     let request = Request::new(method, path).resource("/pets/{id}").header("Authorization", "Bearer reader");
//!     let exchange = gateway.send(&request);
//!     (exchange.status, exchange.authorizer)
//! };
//! assert_eq!(send(&mut gateway, "GET", "/pets/1"), (200, Call::Invoked));
//! assert_eq!(send(&mut gateway, "GET", "/pets/2"), (200, Call::Cached)); // one route key: GET /pets/{id}
//! assert_eq!(send(&mut gateway, "DELETE", "/pets/2"), (403, Call::Invoked)); // another route key
//! gateway.advance(Duration::from_secs(300));
//! assert_eq!(send(&mut gateway, "GET", "/pets/2"), (200, Call::Invoked)); // the TTL has passed
//! assert_eq!(gateway.send(&Request::get("/pets/1")).status, 401); // no identity source: not invoked
//! ```
//!
//! The same gateway runs built binaries (`authorizer_local::ProcessInvoker`): see
//! [the local gateway](super::local_gateway#in-a-test).
