//! A REST `TOKEN` authorizer for the **access tokens** of an Amazon Cognito user pool: the
//! scopes of the pool's resource server `pets`, and one Cognito group, mapped to routes. Copy it
//! and change the tables.
//!
//! What you set up in Cognito (`examples/template.yaml` sets up all of it):
//!
//! - A user pool. Its id (`eu-west-1_AbCdEf123`) is `COGNITO_USER_POOL_ID`; tokens must carry
//!   `iss` `https://cognito-idp.{region}.amazonaws.com/{pool id}`, and are checked with the keys
//!   the pool publishes at `{iss}/.well-known/jwks.json`.
//! - A resource server with identifier `pets` and scopes `read` and `write`: Cognito writes
//!   them into tokens as `pets/read` and `pets/write`.
//! - An app client allowed those scopes, on an OAuth 2.0 flow of the pool's domain (the
//!   authorization code flow for users). Its id is `COGNITO_CLIENT_ID`. Only the OAuth 2.0
//!   endpoints grant a resource server's scopes: tokens from the sign-in API (`InitiateAuth`,
//!   as `aws cognito-idp initiate-auth` calls it) carry the one scope
//!   `aws.cognito.signin.user.admin`.
//! - A group `admins`, whose members may also delete pets.
//!
//! `COGNITO_JWKS_URL`, optional, is where the keys are fetched instead: for local runs and
//! tests only, against a local issuer. Leave it unset in production, where the keys come from
//! the pool's own URL.
//!
//! **Access tokens, not ID tokens.** An access token is what the pool issues for calling an
//! API: it carries the scopes the client was granted, and names the client in `client_id`. An
//! ID token tells the client who signed in: it has no scopes, and it carries the user's
//! attributes (email, phone number...), which have no business in every request to an API.
//! The verifier requires `token_use` `access` and `client_id` `COGNITO_CLIENT_ID`, so an ID
//! token, or an access token of another app client of the same pool, is refused.
//!
//! What each request gives (callers send `Authorization: Bearer <access token>`):
//!
//! | the token | the client gets |
//! |---|---|
//! | valid; its scopes or groups allow the route | 200 |
//! | valid; they allow other routes only | 403 |
//! | valid; no `pets` scope, not in `admins` | 403 (an explicit deny, logged with the reason) |
//! | absent, or not `Bearer` | 401 |
//! | invalid: bad signature, expired, another pool, another app client, an ID token, no `username` (a client-credentials token has none) | 401 (the reason is logged, the token never) |
//! | the pool's keys cannot be fetched | the cold start fails (they are fetched in `init`); warm, 500 for a token signed with a key not yet fetched |
//!
//! The routes, from the scopes and the group:
//!
//! | grant | routes |
//! |---|---|
//! | scope `pets/read` | `GET /pets`, `GET /pets/*` |
//! | scope `pets/write` | `POST /pets` |
//! | group `admins` | `DELETE /pets/*` |
//!
//! Scopes are what the client was granted, groups who the user is: an admin's token allows
//! `DELETE` whatever scopes it carries (to require both, test both). The principal is the
//! token's `sub`; the backend receives the context `{"sub": .., "username": .., "scope": ..}`.
//!
//! The policy lists every route the token allows, whichever route was called, so it stays
//! right when API Gateway caches it for the token's next calls. What the cache still means: a
//! cached policy can outlive the token's `exp` by up to the TTL, and a change of groups reaches
//! only the tokens issued after it.

use authorizer_core::jwt::{Claims, Issuer, TokenUse, Verifier};
use authorizer_core::prelude::*;
use serde::Deserialize;

/// Which scope allows which route: a resource server's scopes are `{identifier}/{scope}`.
const ROUTES: &[(&str, Route)] =
    &[("pets/read", Route::get("/pets")), ("pets/read", Route::get("/pets/*")), ("pets/write", Route::post("/pets"))];

/// The claim of Cognito access tokens this authorizer reads beyond the registered ones (a
/// token without it is refused).
#[derive(Deserialize)]
struct CognitoUser {
    /// The user's name in the pool (for a pool that signs users in by email, their `sub`).
    username: String,
}

/// What the backend receives in `requestContext.authorizer`.
#[derive(Context)]
struct Caller {
    sub: String,
    username: String,
    /// The token's scopes, space-separated.
    scope: String,
}

/// The verifier of the pool's access tokens for the app client, with the pool's keys fetched.
async fn verifier() -> Result<Verifier, Error> {
    let pool = Issuer::cognito(&env("COGNITO_USER_POOL_ID")?, TokenUse::Access).audience(env("COGNITO_CLIENT_ID")?);
    let verifier = Verifier::new(match std::env::var("COGNITO_JWKS_URL") {
        Ok(local) => pool.jwks_url(local), // local runs and tests only
        Err(_) => pool,
    })?;
    verifier.preload().await?;
    Ok(verifier)
}

fn env(name: &str) -> Result<String, Error> {
    std::env::var(name).map_err(|_| Error::failure(format!("{name} is not set")))
}

#[authorizer(init = verifier)]
async fn authorize(request: TokenRequest, jwt: &Verifier) -> Result<Decision<Caller>, Error> {
    let token = request.bearer_token().ok_or(Unauthorized)?;
    let claims: Claims<CognitoUser> = jwt.verify(token).await?;
    let sub = claims.sub()?.to_owned();
    let mut routes = claims.scopes.routes(ROUTES);
    if claims.groups.iter().any(|group| group == "admins") {
        routes.push(Route::delete("/pets/*"));
    }
    if routes.is_empty() {
        return Ok(Decision::deny(sub).reason("no pets scope, not in the admins group"));
    }
    let scope = claims.scopes.iter().collect::<Vec<_>>().join(" ");
    let caller = Caller { sub: sub.clone(), username: claims.custom.username, scope };
    Ok(Decision::allow(sub).routes(routes).context(caller))
}
