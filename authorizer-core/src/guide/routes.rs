//! # Routes and the cache
//!
//! [`Route::get("/pets/*")`](Route::get), [`post`](Route::post), [`put`](Route::put),
//! [`patch`](Route::patch), [`delete`](Route::delete), [`head`](Route::head),
//! [`options`](Route::options), [`any`](Route::any), [`Route::everything()`](Route::everything)
//! (`*/*`) and [`Route::request()`](Route::request) (the incoming method ARN). A route becomes a
//! resource ARN relative to the incoming method ARN: same partition, region, account, API and
//! stage.
//!
//! - `*` matches any run of characters, **`/` included**, as IAM does: `/pets/*` covers
//!   `/pets/1` and `/pets/1/toys`, not `/pets`; `/*` covers everything including `/`.
//! - `Route::any("/admin")` is written as one resource per verb (`GET/admin`, `POST/admin`,
//!   ...), never `*/admin`: IAM's `*` would cross the `/` after the verb and cover
//!   `GET /x/admin` too.
//! - Patterns are `&'static str` ([`RoutePattern`](crate::RoutePattern)): request data can
//!   never become a pattern. Data goes into
//!   `{name}` placeholders: `Route::get("/users/{id}/*").bind("id", &user.id)`
//!   ([`bind`](Route::bind)). A value that is empty or holds anything but literal path
//!   characters (`*`, `?`, `/`, blanks...) fails the invocation, so a user id of `*` can never
//!   widen a policy. Nor may a value be `.` or `..` or hold `%`: IAM compares paths as they
//!   are, but a backend that decodes or normalises paths would read `/users/../*` or
//!   `/users/x%2F..%2Fbob/*` as another user's. If your backend does neither, bind such values
//!   with [`.bind_raw("id", value)`](Route::bind_raw); it still refuses `*`, `?`, `/` and
//!   blanks. A dot inside a value (`v1.2`, `a.b@example.com`) is fine.
//! - `Route::request()` in an Allow fails the invocation when the request's path holds a
//!   wildcard (`*`, `?`: the path is the client's) or its verb is `*` (as the console's
//!   authorizer test sends it): it would allow more than the request. Denying it is fine.
//! - A WebSocket API has route keys, not paths: its decisions use `Route::request()` (the
//!   `$connect` route) and `Route::everything()` (every route key of the stage).
//! - A `*` may not share a segment with a placeholder: `/users/{id}*` bound to `1` would be
//!   `/users/1*`, which covers user `10`. Give it a segment of its own: `/users/{id}/*`.
//! - An invalid pattern (no leading `/`, `?`, `//`, a trailing `/`, an unclosed `{`, a `*`
//!   beside a placeholder), an unbound placeholder, or a resource ARN over API Gateway's
//!   512-character limit ([`MAX_RESOURCE_ARN_LEN`]) fails the invocation (500,
//!   `InvalidDecision`) with the reason in the log. [`route.check()`](Route::check) finds it in
//!   a unit test.
//!
//! ```
//! use authorizer_core::prelude::*;
//! use authorizer_core::testing;
//!
//! fn authorize(request: TokenRequest) -> Result<Decision, Error> {
//!     let user = request.token(); // data: it goes into a placeholder, never into a pattern
//!     Ok(Decision::allow(user).routes([Route::get("/pets/*"), Route::get("/users/{id}/*").bind("id", user)]))
//! }
//!
//! let arn = |route: &str| format!("arn:aws:execute-api:us-east-1:123456789012:abc123/prod/{route}");
//! let event = |token: &str| serde_json::json!({"type": "TOKEN", "authorizationToken": token, "methodArn": arn("GET/pets/1")});
//!
//! let alice = testing::invoke(authorize, event("alice"));
//! assert_eq!(alice.status_for(&arn("GET/pets/1/toys")), 200); // `*` crosses `/`
//! assert_eq!(alice.status_for(&arn("GET/pets")), 403);
//! assert_eq!(alice.status_for(&arn("GET/users/alice/orders")), 200);
//! assert_eq!(alice.status_for(&arn("GET/users/bob/orders")), 403);
//!
//! // A user id that would widen the policy fails the invocation instead.
//! let star = testing::invoke(authorize, event("*"));
//! assert_eq!(star.status(), 500);
//! assert_eq!(star.error().unwrap().error_type.as_str(), "InvalidDecision");
//!
//! // Invalid patterns and unbound placeholders, found in a unit test.
//! assert!(Route::get("/users/{id}/*").bind("id", "alice").check().is_ok());
//! assert!(Route::get("/users/{id}/*").check().is_err());
//! assert!(Route::get("/users/{id}*").bind("id", "1").check().is_err());
//! assert!(Route::get("pets").check().is_err());
//! assert!(Route::get("/pets/").check().is_err());
//! ```
//!
//! # Patterns checked while compiling
//!
//! [`route!(GET "/pets/{id}")`](crate::route!) is `Route::get("/pets/{id}")` with its pattern
//! checked by the compiler: a pattern that breaks a rule above is a compile error on the
//! literal, in the words [`RouteError`] would log, instead of a 500 in production. Both apply
//! one set of rules, the same code. The verbs are `GET`, `POST`, `PUT`, `PATCH`, `DELETE`,
//! `HEAD`, `OPTIONS` and `ANY`; `route!` is `const`, so it fills tables of routes too.
//! Placeholders are bound at run time, as ever, so an unbound placeholder and a value that
//! would widen the policy are still found by [`route.check()`](Route::check) or fail the
//! invocation.
//!
//! ```
//! use authorizer_core::prelude::*;
//!
//! const READ: Route = route!(GET "/pets/*");
//!
//! fn authorize(request: TokenRequest) -> Result<Decision, Error> {
//!     let user = request.token();
//!     Ok(Decision::allow(user).routes([READ, route!(GET "/users/{id}/*").bind("id", user)]))
//! }
//! # let _ = authorize;
//! ```
//!
//! ```text
//! error[E0080]: evaluation panicked: invalid route pattern `/users/{id}*`: a `*` in the same segment as a placeholder would let one value cover others; give the `*` a segment of its own, as in `/users/{id}/*`
//! ```
//!
//! A pattern is code, never data: `Route::get(&format!("/tenants/{t}/*"))` does not compile,
//! and says to write a `{placeholder}` and bind the value:
//!
//! ```text
//! error[E0277]: a route pattern is a string literal, not `&String`: request data cannot be part of a pattern
//! ```
//!
//! # The cache
//!
//! API Gateway caches a REST authorizer's policy (TTL 300 s by default) by token (TOKEN) or
//! identity-source values (REQUEST) and checks the caller's *later* requests, to any route,
//! against it ([configuring a Lambda authorizer][configure]). A policy that covers only the
//! first request's ARN then answers 403 to everything else. Declare every route the caller
//! may use. [`allow_request`](crate::Decision::allow_request) / `Route::request()` are only
//! right with the cache off (TTL 0) or with the method and path among a REQUEST authorizer's
//! identity sources.
//!
//! ```
//! use authorizer_core::prelude::*;
//! use authorizer_core::testing;
//!
//! fn only_this_request(_: TokenRequest) -> Result<Decision, Error> {
//!     Ok(Decision::allow_request("user"))
//! }
//!
//! let arn = |route: &str| format!("arn:aws:execute-api:us-east-1:123456789012:abc123/prod/{route}");
//! let event = serde_json::json!({"type": "TOKEN", "authorizationToken": "t", "methodArn": arn("GET/pets")});
//! let first = testing::invoke(only_this_request, event);
//! assert_eq!(first.status(), 200);
//! // The caller's next request, served from the cache: the classic caching bug.
//! assert_eq!(first.status_for(&arn("GET/pets/7")), 403);
//! ```
//!
//! An HTTP API caches by identity sources too and, in the words of its documentation, "by
//! default, API Gateway uses the cached authorizer response for all routes"
//! ([HTTP API Lambda authorizers][http]). An IAM policy answer (`HttpV2Request<IamPolicy>`)
//! is then judged per route, as for REST. A simple response is one yes or no, judged for the
//! first request's route only: cached, it answers every route alike. So a simple response
//! whose decision names routes is right only with the cache off (TTL 0), or with
//! `$context.routeKey` among the identity sources and no placeholder in the routes
//! (`/users/alice` and `/users/bob` share the route key `GET /users/{id}`). Decisions that
//! allow everything or nothing are right either way. The [local gateway](super::local_gateway)
//! and [`gateway`](crate::gateway) in tests ([Testing](super::testing)) reproduce all of this.
//!
//! The local gateway says when it happens. When a cached simple response answers another route
//! than the one it was computed for (another method or path, `/users/bob` after `/users/alice`
//! included), the reason column reads `allowed; the simple response cached for GET
//! /users/alice: the authorizer was not asked about this route` (or `no Allow covers the
//! request; ...` for a cached no), `serve` logs the same reason, and `--json` gives the route as
//! `"simpleResponseFor": "GET /users/alice"` (`null` otherwise); in Rust,
//! `gateway::Exchange::simple_response_for` holds it. A cached IAM policy is judged against
//! each request's own route ARN, so it is never flagged.
//!
//! [configure]: https://docs.aws.amazon.com/apigateway/latest/developerguide/configure-api-gateway-lambda-authorization.html
//! [http]: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html

#[cfg(doc)]
use crate::{MAX_RESOURCE_ARN_LEN, Route};
