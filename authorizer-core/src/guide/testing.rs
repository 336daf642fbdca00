//! # Testing
//!
//! The function stays a normal function: call it in unit tests. To see exactly what the
//! deployed binary would post, and what API Gateway would answer for the event's own method
//! ARN, use [`testing`](crate::testing):
//!
//! ```
//! use authorizer_core::prelude::*;
//! use authorizer_core::testing;
//! use serde_json::json;
//!
//! fn authorize(request: TokenRequest) -> Result<Decision, Error> {
//!     match request.bearer_token() {
//!         Some("reader-token") => Ok(Decision::allow("reader").route(Route::get("/pets"))),
//!         _ => Err(Unauthorized.into()),
//!     }
//! }
//!
//! // In a #[test]:
//! let event = json!({
//!     "type": "TOKEN",
//!     "authorizationToken": "Bearer reader-token",
//!     "methodArn": "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/pets"
//! });
//! let invocation = testing::invoke(authorize, event);
//! assert_eq!(invocation.status(), 200);
//! assert_eq!(invocation.response().unwrap()["principalId"], "reader");
//! ```
//!
//! [`invoke_with_state(authorize, state, event)`](crate::testing::invoke_with_state) for
//! stateful authorizers ([Shared state](super::state));
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
