//! Verifying JSON Web Tokens (feature `jwt`): OpenID Connect and Amazon Cognito issuers,
//! their published keys fetched and kept, and every failure mapped to what API Gateway must
//! answer.
//!
//! ```no_run
//! use authorizer_core::jwt::{Claims, Issuer, TokenUse, Verifier};
//! use authorizer_core::prelude::*;
//!
//! const ROUTES: &[(&str, Route)] = &[
//!     ("pets/read", Route::get("/pets/*")),
//!     ("pets/write", Route::post("/pets")),
//! ];
//!
//! fn verifier() -> Result<Verifier, Error> {
//!     let pool = Issuer::cognito("eu-west-1_AbCdEf123", TokenUse::Access).audience("7h3c1i3nt1d");
//!     Ok(Verifier::new(pool)?)
//! }
//!
//! #[authorizer(init = verifier)]
//! async fn authorize(request: TokenRequest, jwt: &Verifier) -> Result<Decision, Error> {
//!     let token = request.bearer_token().ok_or(Unauthorized)?;   // no token: 401
//!     let claims: Claims = jwt.verify(token).await?;                // invalid: 401, no keys: 500
//!     Ok(Decision::allow(claims.sub()?).routes(claims.scopes.routes(ROUTES)))
//! }
//! ```
//!
//! - [`Issuer`]: whose tokens, for which audience, with which algorithms; presets for
//!   Cognito, Auth0, Okta, Entra ID and Google, or any OpenID Connect issuer.
//! - [`Verifier`]: one or more issuers, built once; it fetches each issuer's keys at the first
//!   token that needs them (or at [`Verifier::preload`]), fetches again when a token names a key
//!   it does not have, and never more than once per penalty window for unknown keys.
//! - [`Claims`]: the registered claims, the [`Scopes`], and your own claims type.
//! - [`JwtError`]: [`InvalidToken`] is a 401 through `?`, [`KeysUnavailable`] a 500.
//!
//! Signatures are checked by `jsonwebtoken` on aws-lc-rs; keys are fetched over HTTPS by
//! `hyper` and rustls (with aws-lc-rs and Mozilla's roots compiled in), or plain HTTP to a
//! loopback address, for tests: [`LocalIssuer`](crate::testing::LocalIssuer) is an issuer on
//! 127.0.0.1 that mints tokens with any claims.

mod cache;
mod claims;
mod error;
mod fetch;
mod issuer;
mod keys;
pub(crate) mod local_issuer;
mod verifier;

pub use claims::{Claims, Scopes};
pub use error::{ConfigError, InvalidToken, JwtError, KeysUnavailable};
pub use issuer::{DEFAULT_ALGORITHMS, DEFAULT_LEEWAY, Issuer, MAX_LEEWAY, TokenUse};
/// The signature algorithms (`jsonwebtoken`'s).
pub use jsonwebtoken::Algorithm;
pub use verifier::{
    DEFAULT_FAILURE_BACKOFF, DEFAULT_FETCH_TIMEOUT, DEFAULT_MAX_KEY_SET_BYTES, DEFAULT_MAX_TOKEN_BYTES,
    DEFAULT_REFETCH_PENALTY, Verifier, VerifierBuilder,
};
