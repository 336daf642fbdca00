//! A REST `TOKEN` authorizer that verifies access tokens (JWTs) from any OIDC issuer:
//! Auth0, Okta, Entra ID, Cognito, Keycloak... Copy it and change the scope table.
//!
//! - Configured by environment variables only: `JWT_ISSUER`, the issuer exactly as tokens
//!   carry it in `iss`; `JWT_AUDIENCE`, the audience tokens must be for (your API's
//!   identifier); `JWT_JWKS_URL`, optional, the issuer's key set URL, used instead of reading
//!   `jwks_uri` from `{JWT_ISSUER}/.well-known/openid-configuration`.
//! - The keys are fetched at cold start (`init`): a cold start that cannot fetch them fails,
//!   and the first request pays nothing for them. They are kept for the life of the process,
//!   and fetched again when a token names a key that is not among them (the issuer rotated its
//!   keys), never more than once in ten seconds for unknown keys.
//! - Callers send `Authorization: Bearer <jwt>`. No token, or an invalid one (bad signature,
//!   expired, another issuer or audience, `alg: none`...), is a 401; keys that cannot be
//!   fetched are a 500.
//! - The principal is the token's `sub`. Scope `pets:read` allows `GET /pets` and
//!   `GET /pets/*`; scope `pets:write` allows `POST /pets`; a valid token with neither is
//!   denied (403). The backend receives the context `{"sub": .., "scope": ..}`.
//!
//! The policy lists every route the token's scopes allow, whichever route was called, so it
//! stays right when API Gateway caches it for the token's next calls.

use authorizer_core::jwt::{Claims, Issuer, Verifier};
use authorizer_core::prelude::*;

/// Which scope allows which route.
const ROUTES: &[(&str, Route)] =
    &[("pets:read", Route::get("/pets")), ("pets:read", Route::get("/pets/*")), ("pets:write", Route::post("/pets"))];

/// What the backend receives in `requestContext.authorizer`.
#[derive(Context)]
struct Caller {
    sub: String,
    /// The token's scopes, space-separated.
    scope: String,
}

/// The verifier, from the environment, with the issuer's keys fetched.
async fn verifier() -> Result<Verifier, Error> {
    let mut issuer = Issuer::oidc(env("JWT_ISSUER")?).audience(env("JWT_AUDIENCE")?);
    if let Ok(url) = std::env::var("JWT_JWKS_URL") {
        issuer = issuer.jwks_url(url);
    }
    let verifier = Verifier::new(issuer)?;
    verifier.preload().await?;
    Ok(verifier)
}

fn env(name: &str) -> Result<String, Error> {
    std::env::var(name).map_err(|_| Error::failure(format!("{name} is not set")))
}

#[authorizer(init = verifier)]
async fn authorize(request: TokenRequest, jwt: &Verifier) -> Result<Decision<Caller>, Error> {
    let token = request.bearer_token().ok_or(Unauthorized)?;
    let claims: Claims = jwt.verify(token).await?;
    let sub = claims.sub()?.to_owned();
    let routes = claims.scopes.routes(ROUTES);
    if routes.is_empty() {
        return Ok(Decision::deny(sub).reason("no pets scope"));
    }
    let scope = claims.scopes.iter().collect::<Vec<_>>().join(" ");
    Ok(Decision::allow(sub.clone()).routes(routes).context(Caller { sub, scope }))
}
