//! # Verifying JWTs: Cognito, Auth0, Okta, Entra ID, Google
//!
//! Most authorizers verify a JWT from an identity provider. Turn on the `jwt` feature, which
//! adds the [`jwt`](crate::jwt) module:
//!
//! ```toml
//! [dependencies]
//! authorizer-core = { version = "0.1", features = ["jwt"] }
//! ```
//!
//! A Cognito user pool's access tokens, with scopes mapped to routes:
//!
//! ```no_run
//! use authorizer_core::jwt::{Claims, Issuer, TokenUse, Verifier};
//! use authorizer_core::prelude::*;
//!
//! const ROUTES: &[(&str, Route)] = &[("pets/read", Route::get("/pets/*")), ("pets/write", Route::post("/pets"))];
//!
//! async fn verifier() -> Result<Verifier, Error> {
//!     let verifier = Verifier::new(Issuer::cognito("eu-west-1_AbCdEf123", TokenUse::Access).audience("app-client-id"))?;
//!     verifier.preload().await?; // the pool's keys, fetched at cold start
//!     Ok(verifier)
//! }
//!
//! #[authorizer(init = verifier)]
//! async fn authorize(request: TokenRequest, jwt: &Verifier) -> Result<Decision, Error> {
//!     let claims: Claims = jwt.verify(request.bearer_token().ok_or(Unauthorized)?).await?;
//!     Ok(Decision::allow(claims.sub()?).routes(claims.scopes.routes(ROUTES)))
//! }
//! ```
//!
//! # Issuers and verifiers
//!
//! [`Issuer`] says whose tokens and for whom:
//! [`Issuer::cognito(pool_id, TokenUse::Access | Id)`](Issuer::cognito),
//! [`Issuer::auth0(domain)`](Issuer::auth0), [`Issuer::okta(domain, server)`](Issuer::okta),
//! [`Issuer::entra(tenant_id)`](Issuer::entra), [`Issuer::google()`](Issuer::google), or any
//! OpenID Connect issuer with [`Issuer::oidc(iss)`](Issuer::oidc) (keys found through its
//! `/.well-known/openid-configuration`, or [`.jwks_url(..)`](Issuer::jwks_url)). Then
//! [`.audience(..)`](Issuer::audience) (required: an issuer signs tokens for every application
//! it serves; [`.any_audience()`](Issuer::any_audience) if all are yours), and optionally
//! [`.algorithms(..)`](Issuer::algorithms), [`.leeway(..)`](Issuer::leeway) (60 s),
//! [`.require("sub")`](Issuer::require), [`.token_type("at+jwt")`](Issuer::token_type).
//! [`Verifier::builder()`]`.issuer(a).issuer(b).build()` trusts several issuers (tenants);
//! each token is checked with the keys of the issuer its `iss` names, and no other's. A
//! configuration that cannot work (no audience, an HMAC algorithm, plain HTTP to a remote host)
//! fails at cold start with the reason.
//!
//! [`Claims<T>`](Claims) has the registered claims (`issuer`, `subject`, `audience`,
//! `expires_at`...), `scopes` (from `scope` or `scp`, string or array), Cognito's `groups`, and
//! the rest of the claims as your own `#[derive(Deserialize)]` type `T` (a JSON map by
//! default); a non-`Option` field of `T` that the token lacks makes it invalid.
//! [`claims.scopes.routes(TABLE)`](crate::jwt::Scopes::routes) turns a table of scope-guarded
//! routes into the token's routes, one line per route.
//!
//! # What each failure gives the client
//!
//! The reason is logged; the token never is.
//!
//! | the token | posted | the client gets |
//! |---|---|---|
//! | valid, its scopes allow the route | the policy | 200 |
//! | valid, no allowed route covers the request | the policy | 403 |
//! | absent, or not `Bearer` | `Unauthorized` | 401 |
//! | malformed or too large (16 KiB); `alg` `none`, HMAC or not allowed; a `crit` header; no `kid`; a `kid` the issuer's keys lack (after fetching them again); a key that cannot verify its `alg`; a bad signature; expired or not yet valid (beyond the leeway); another `iss`, audience, Cognito `client_id` or `token_use`; a required claim missing | `Unauthorized` | 401 |
//! | the issuer's keys cannot be had: a network error, a timeout, a status other than 200 (redirects are not followed), a document over 256 KiB, not a JWK Set or no usable key in it, a discovery document naming another issuer | `AuthorizerError` | 500 |
//! | the same, in `preload` at cold start | `InitError` (the cold start fails) | 500 |
//!
//! # Fetching the keys
//!
//! The keys are fetched at the first token that needs them (or by
//! [`preload`](Verifier::preload)), over HTTPS only (plain HTTP only to a loopback address, for
//! tests), within 3 s (the discovery document and the key set together) and the invocation's
//! remaining time less 100 ms, and kept for the life of the process. A token whose `kid` they
//! lack makes them be fetched again (keys rotate), one fetch at a time, and only if its `iss`
//! is the issuer's; if the new set lacks the `kid` too, tokens with unknown `kid`s are refused
//! without fetching for 10 s, so a stream of made-up `kid`s cannot become a stream of requests
//! to your issuer. A failed fetch (a fetch your own code gave up on included) keeps the keys
//! there were, and the next waits 1 s. A header's `jku`, `x5u`, `jwk` or `x5c` is never used.
//! Every limit has a setting on [`Verifier::builder()`] ([`VerifierBuilder`]).
//!
//! # Testing without an identity provider
//!
//! [`LocalIssuer::start()`](crate::testing::LocalIssuer::start) is an issuer on 127.0.0.1 with
//! keys made at start: `idp.token(json!({"sub": "u-1", "scope": "pets:read"}))` mints a signed
//! token (with `iss`, `aud` = [`LOCAL_AUDIENCE`](crate::testing::LOCAL_AUDIENCE), `iat` and
//! `exp` filled in unless you set them), and it can be made to fail, be slow or rotate its
//! keys:
//!
//! ```
//! use authorizer_core::jwt::{Claims, Issuer, Verifier};
//! use authorizer_core::prelude::*;
//! use authorizer_core::testing::{self, LOCAL_AUDIENCE, LocalIssuer};
//! use serde_json::json;
//!
//! const ROUTES: &[(&str, Route)] = &[("pets:read", Route::get("/pets/*"))];
//!
//! async fn authorize(request: TokenRequest, jwt: &Verifier) -> Result<Decision, Error> {
//!     let claims: Claims = jwt.verify(request.bearer_token().ok_or(Unauthorized)?).await?;
//!     Ok(Decision::allow(claims.sub()?).routes(claims.scopes.routes(ROUTES)))
//! }
//!
//! let idp = LocalIssuer::start();
//! let verifier = Verifier::new(Issuer::oidc(idp.issuer()).audience(LOCAL_AUDIENCE)).unwrap();
//! let verifier: &'static Verifier = Box::leak(Box::new(verifier));
//! let event = |token: &str| {
//!     json!({
//!         "type": "TOKEN",
//!         "authorizationToken": format!("Bearer {token}"),
//!         "methodArn": "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/pets/1"
//!     })
//! };
//! let status = |token: &str| testing::invoke_with_state(authorize, verifier, event(token)).status();
//!
//! assert_eq!(status(&idp.token(json!({"sub": "u-1", "scope": "pets:read"}))), 200);
//! assert_eq!(status(&idp.token(json!({"sub": "u-1"}))), 403); // no scope, no route
//! assert_eq!(status(&idp.token(json!({"sub": "u-1", "scope": "pets:read", "exp": 1}))), 401); // expired
//! assert_eq!(status(&idp.token(json!({"sub": "u-1", "aud": "another-api"}))), 401);
//!
//! idp.fail_with(503); // keys rotate, and the issuer is down
//! idp.rotate();
//! assert_eq!(status(&idp.token(json!({"sub": "u-1", "scope": "pets:read"}))), 500);
//! ```
//!
//! [`examples/src/bin/jwt-oidc.rs`](https://github.com/authorizer-rs/authorizer/blob/main/examples/src/bin/jwt-oidc.rs)
//! is a complete authorizer configured by `JWT_ISSUER`, `JWT_AUDIENCE` and `JWT_JWKS_URL`;
//! [the local gateway](super::local_gateway) runs it against a local issuer.

#[cfg(all(doc, feature = "jwt"))]
use crate::jwt::{Claims, Issuer, Verifier, VerifierBuilder};
