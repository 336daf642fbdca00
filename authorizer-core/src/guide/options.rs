//! # Options
//!
//! `#[authorizer(init = path, logging = path, crate = "renamed_core")]`:
//!
//! - `init` names the function that builds the [shared state](super::state), once, at cold
//!   start.
//! - `logging` names a `fn()` that installs your own `tracing` subscriber, called first; the
//!   runtime then installs none ([your own subscriber](super::runtime#your-own-subscriber)).
//! - `crate` is for a renamed dependency (`my_core = { package = "authorizer-core", ... }` in
//!   `Cargo.toml`), or a crate that re-exports this one; `#[context(crate = "...")]` does the
//!   same on a derive.
//!
//! ```no_run
//! # extern crate authorizer_core as my_core;
//! use my_core::prelude::*;
//!
//! #[derive(Context)]
//! #[context(crate = "my_core")]
//! struct Session { user: String }
//!
//! #[authorizer(crate = "my_core")]
//! fn authorize(request: TokenRequest) -> Result<Decision<Session>, Error> {
//!     Ok(Decision::allow_all("user").context(Session { user: request.token().into() }))
//! }
//! ```
//!
//! The macros' documentation, [`authorizer`](macro@crate::authorizer#options) and
//! [`Context`](macro@crate::Context#keys), has each option in full.
