//! # Decisions
//!
//! [`Decision<C>`](Decision) has public fields: `principal_id`, `allow: Vec<Route>`,
//! `deny: Vec<Route>`, `context: Option<C>`, `usage_identifier_key: Option<String>`, and a
//! `reason` that is only logged.
//!
//! | builder | policy |
//! |---|---|
//! | [`Decision::allow(id)`](Decision::allow)[`.routes([...])`](Decision::routes) (or [`.route(r)`](Decision::route)) | Allow those routes |
//! | [`Decision::allow_all(id)`](Decision::allow_all) | Allow every verb and path of the stage (`*/*`) |
//! | [`Decision::allow_request(id)`](Decision::allow_request) | Allow exactly the incoming method ARN (read [the cache note](super::routes#the-cache)) |
//! | [`Decision::deny(id)`](Decision::deny) | Deny every route of the stage: 403 |
//! | [`Decision::deny_request(id)`](Decision::deny_request) | Deny exactly the incoming method ARN |
//! | [`.deny_routes([...])`](Decision::deny_routes) | add explicit denies; a Deny wins over an Allow, as in API Gateway |
//! | [`.context(c)`](Decision::context), [`.usage_identifier_key(k)`](Decision::usage_identifier_key), [`.reason(r)`](Decision::reason) | the rest |
//!
//! A decision that allows and denies nothing is sent as an explicit Deny of everything, with
//! a warning in the log.
//!
//! ```
//! use authorizer_core::prelude::*;
//! use authorizer_core::testing;
//! use serde_json::json;
//!
//! fn authorize(request: TokenRequest) -> Result<Decision, Error> {
//!     Ok(match request.token() {
//!         "editor" => Decision::allow("u-2")
//!             .routes([Route::any("/pets/*"), Route::post("/pets")])
//!             .deny_routes([Route::delete("/pets/*")]),
//!         "banned" => Decision::deny("u-3").reason("banned"),
//!         _ => Decision::allow("u-4"), // no routes: nothing is allowed
//!     })
//! }
//!
//! let arn = |route: &str| format!("arn:aws:execute-api:us-east-1:123456789012:abc123/prod/{route}");
//! let event = |token: &str| json!({"type": "TOKEN", "authorizationToken": token, "methodArn": arn("GET/pets/1")});
//!
//! let editor = testing::invoke(authorize, event("editor"));
//! assert_eq!(editor.status(), 200);
//! assert_eq!(editor.status_for(&arn("POST/pets")), 200);
//! assert_eq!(editor.status_for(&arn("DELETE/pets/1")), 403); // the Deny wins
//! let policy = &editor.response().unwrap()["policyDocument"];
//! assert_eq!(policy["Statement"][1]["Effect"], "Deny");
//! assert_eq!(policy["Statement"][1]["Resource"], arn("DELETE/pets/*"));
//!
//! assert_eq!(testing::invoke(authorize, event("banned")).status(), 403);
//! // The reason is logged, never sent.
//! assert!(!testing::invoke(authorize, event("banned")).response().unwrap().to_string().contains("banned"));
//!
//! let nothing = testing::invoke(authorize, event("nobody"));
//! assert_eq!(nothing.status(), 403);
//! let statement = &nothing.response().unwrap()["policyDocument"]["Statement"][0];
//! assert_eq!((&statement["Effect"], &statement["Resource"]), (&json!("Deny"), &json!(arn("*/*"))));
//! ```
//!
//! What routes are, and why a policy should list every route the caller may use:
//! [Routes and the cache](super::routes). What the backend receives: [Context](super::context).
//! What each outcome gives the client: [Errors](super::errors).

#[cfg(doc)]
use crate::Decision;
