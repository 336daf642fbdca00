//! The guide: writing, testing, running and deploying an authorizer, one chapter per topic.
//!
//! This module holds no code, only documentation; every Rust example in it is compiled (and,
//! unless it would start a Lambda runtime, run) as a test of the crate.
//!
//! | chapter | what it says |
//! |---|---|
//! | [Requests](requests) | the request types, one per kind of authorizer, what they give, how events are validated |
//! | [Verifying JWTs](jwt) | Cognito, Auth0, Okta, Entra ID, Google or any OpenID Connect issuer: scopes to routes, and what each failure gives |
//! | [Decisions](decisions) | who the caller is, what they may and may not call |
//! | [Routes and the cache](routes) | route patterns, placeholders, and policies that stay right when API Gateway caches them |
//! | [Context](context) | what the backend receives, checked at compile time |
//! | [Errors](errors) | what API Gateway answers for each outcome, and what is masked |
//! | [Shared state](state) | state built once, at cold start |
//! | [Options](options) | the options of `#[authorizer]` |
//! | [Testing](testing) | unit tests, the exact reply, and a local API Gateway in a test |
//! | [The local gateway](local_gateway) | `authorizer-local`: the demo, `invoke`, `serve`, scenarios, a local issuer |
//! | [Runtime and logging](runtime) | the invocation's context, Lambda Managed Instances, logs |
//! | [Deploying](deploying) | cargo-lambda, the release profile, the examples with SAM |
//! | [How it is built, and why](design) | the crates, and what is written by hand rather than taken from crates |
//!
//! # Writing an authorizer
//!
//! `Cargo.toml` of your function:
//!
//! ```toml
//! [dependencies]
//! authorizer-core = "0.1"
//! ```
//!
//! The function takes the request and returns `Result<Decision<C>, Error>` (or
//! `Result<Decision, Error>` without context). It may be `async` or not. Put it in a
//! binary's root (`src/main.rs` or `src/bin/<name>.rs`) under
//! [`#[authorizer]`](macro@crate::authorizer), and write no `main`: the macro generates it.
//!
//! ```no_run
//! use authorizer_core::prelude::*;
//!
//! #[authorizer]
//! async fn authorize(request: TokenRequest) -> Result<Decision, Error> {
//!     match request.bearer_token() {
//!         Some("let-me-in") => Ok(Decision::allow("user-1").route(Route::get("/pets/*"))),
//!         Some(_) => Ok(Decision::deny("someone")), // 403
//!         None => Err(Unauthorized.into()),         // 401
//!     }
//! }
//! ```
//!
//! The request's type says the kind of authorizer ([requests]); the [decision](decisions)
//! says who the caller is and which [routes] they may call, and carries the
//! [context] the backend receives. The macro's own documentation,
//! [`authorizer`](macro@crate::authorizer) and [`Context`](macro@crate::Context), lists
//! every rule it checks and every error it reports.

// The guide links to the items of every feature (docs.rs builds it with all of them); built
// without one, those links are left as plain text.
#![cfg_attr(
    not(all(feature = "gateway", feature = "jwt", feature = "lambda-runtime")),
    allow(rustdoc::broken_intra_doc_links)
)]

pub mod context;
pub mod decisions;
pub mod deploying;
pub mod design;
pub mod errors;
pub mod jwt;
pub mod local_gateway;
pub mod options;
pub mod requests;
pub mod routes;
pub mod runtime;
pub mod state;
pub mod testing;
