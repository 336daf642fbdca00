//! # Shared state, built once
//!
//! ```no_run
//! use authorizer_core::prelude::*;
//!
//! struct Keys { admin: String } // an HTTP client, a key set...
//!
//! async fn load_keys() -> Result<Keys, Error> {
//!     Ok(Keys { admin: authorizer_core::env_var("ADMIN_TOKEN")? })
//! }
//!
//! #[authorizer(init = load_keys)]
//! async fn authorize(request: TokenRequest, keys: &Keys) -> Result<Decision, Error> {
//!     match request.bearer_token() {
//!         Some(token) if token == keys.admin => Ok(Decision::allow_all("admin")),
//!         Some(_) => Ok(Decision::deny("unknown")),
//!         None => Err(Unauthorized.into()),
//!     }
//! }
//! ```
//!
//! `init` runs once, at cold start, before the first event (sync or async; it returns
//! `Result<S, E>`). If it fails or panics, the failure is reported to the Runtime API's
//! `/runtime/init/error` (`InitError`), as Lambda's managed runtimes do, the process exits,
//! and no event is ever served.
//!
//! [`env_var`](crate::env_var) reads a setting and, when it is missing, fails with a message
//! that names it (`init failed: environment variable `ADMIN_TOKEN` is not set`), where
//! `std::env::var("ADMIN_TOKEN")?` says only "environment variable not found":
//!
//! ```
//! use authorizer_core::{Error, Init};
//!
//! fn load_table() -> Result<String, Error> {
//!     Ok(authorizer_core::env_var("AUTHORIZER_GUIDE_TENANT_TABLE")?)
//! }
//!
//! # tokio::runtime::Runtime::new().unwrap().block_on(async {
//! let failure = Init::<String, _>::init(&load_table).await.unwrap_err();
//! assert_eq!(failure.to_string(), "environment variable `AUTHORIZER_GUIDE_TENANT_TABLE` is not set");
//! # });
//! ```
//!
//! The shared state is `Sync`: it is read by every invocation, and under Lambda Managed
//! Instances by several at once, from several threads (see
//! [Runtime and logging](super::runtime)). For what changes, use a `Mutex`, an `RwLock` or an
//! atomic, not a `Cell` or a `RefCell`: those do not compile, with the error on the state's
//! type.
//!
//! In a test, [`testing::invoke_with_state`](crate::testing::invoke_with_state) lends the
//! function a state of your own:
//!
//! ```
//! use authorizer_core::prelude::*;
//! use authorizer_core::testing;
//! use std::sync::atomic::{AtomicU64, Ordering};
//!
//! struct Keys { admin: String, calls: AtomicU64 }
//!
//! fn authorize(request: TokenRequest, keys: &Keys) -> Result<Decision, Error> {
//!     keys.calls.fetch_add(1, Ordering::Relaxed);
//!     match request.bearer_token() {
//!         Some(token) if token == keys.admin => Ok(Decision::allow_all("admin")),
//!         _ => Err(Unauthorized.into()),
//!     }
//! }
//!
//! let keys: &'static Keys = Box::leak(Box::new(Keys { admin: "s3cret".into(), calls: AtomicU64::new(0) }));
//! let event = |token: &str| serde_json::json!({"type": "TOKEN", "authorizationToken": format!("Bearer {token}"),
//!     "methodArn": "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/pets"});
//! assert_eq!(testing::invoke_with_state(authorize, keys, event("s3cret")).status(), 200);
//! assert_eq!(testing::invoke_with_state(authorize, keys, event("guess")).status(), 401);
//! assert_eq!(keys.calls.load(Ordering::Relaxed), 2);
//! ```
//!
//! The option itself: [`authorizer`](macro@crate::authorizer#init--pathtofunction).
