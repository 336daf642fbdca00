//! What the JWT benchmarks share: a local issuer's tokens, a verifier that holds its keys,
//! the `jwt-oidc` example's function to run in-process, and a way to run a future that needs
//! no I/O without a runtime.

use std::future::Future;
use std::task::{Context, Poll, Waker};
use std::time::{SystemTime, UNIX_EPOCH};

use authorizer_core::jwt::{Claims, Issuer, Verifier};
use authorizer_core::prelude::*;
use authorizer_core::testing::{LOCAL_AUDIENCE, LocalIssuer};
use serde_json::{Value, json};

/// The scope of the benchmarks' tokens: `jwt-oidc` and `baseline-jwt` allow `GET /pets` and
/// `GET /pets/*` for it.
pub const SCOPE: &str = "pets:read";

/// The claims of the benchmarks' tokens (over the local issuer's `iss`, `aud` and `iat`): a
/// subject, [`SCOPE`], and a day to live, since a benchmark session outlasts the issuer's
/// default hour.
#[must_use]
pub fn claims() -> Value {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    json!({"sub": "user-1", "scope": SCOPE, "exp": now + 86_400})
}

/// A verifier of `idp`'s tokens, configured as `jwt-oidc` is with `JWT_ISSUER`,
/// `JWT_AUDIENCE` = [`LOCAL_AUDIENCE`] and `JWT_JWKS_URL`, with the keys `idp` publishes now
/// fetched (as `jwt-oidc` does in `init`). Leaked: an authorizer's state lives as long as
/// the process.
///
/// # Panics
///
/// If the keys cannot be fetched.
#[must_use]
pub fn preloaded_verifier(idp: &LocalIssuer) -> &'static Verifier {
    let issuer = Issuer::oidc(idp.issuer()).audience(LOCAL_AUDIENCE).jwks_url(idp.jwks_url());
    let verifier = Verifier::new(issuer).expect("a valid issuer");
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a Tokio runtime");
    runtime.block_on(verifier.preload()).expect("the local issuer's keys");
    Box::leak(Box::new(verifier))
}

/// Runs `future` to completion with a single poll and no runtime: for work that does not wait
/// on anything, such as verifying a token whose key is held.
///
/// # Panics
///
/// If the future is not ready at its first poll.
pub fn now<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    match future.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("the future waits on something: this is not a warm path"),
    }
}

/// What the backend receives, as in the `jwt-oidc` example.
#[derive(Context)]
pub struct Caller {
    sub: String,
    /// The token's scopes, space-separated.
    scope: String,
}

/// Which scope allows which route, as in the `jwt-oidc` example.
const ROUTES: &[(&str, Route)] =
    &[("pets:read", Route::get("/pets")), ("pets:read", Route::get("/pets/*")), ("pets:write", Route::post("/pets"))];

/// The `jwt-oidc` example's function, verbatim (the example's file has the generated `main`
/// too, so it cannot be a module here). A test checks that it is still the example's, line for line.
///
/// # Errors
///
/// `Unauthorized` without a bearer token or for an invalid one; another error when the keys
/// cannot be had.
pub async fn authorize(request: TokenRequest, jwt: &Verifier) -> Result<Decision<Caller>, Error> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use authorizer_core::{Reply, testing};

    /// From `start` to the end of the item (a line `}` or one ending in `];`).
    fn item<'a>(source: &'a str, start: &str) -> &'a str {
        let from = source.find(start).unwrap_or_else(|| panic!("`{start}` is not there"));
        let rest = &source[from..];
        let end = [rest.find("\n}\n"), rest.find("];\n")].into_iter().flatten().min().expect("the item ends");
        &rest[..end + 2]
    }

    #[test]
    fn the_function_is_the_jwt_oidc_examples() {
        let ours = include_str!("jwt.rs");
        let example = include_str!("../../examples/src/bin/jwt-oidc.rs");
        for start in ["async fn authorize(", "const ROUTES", "struct Caller"] {
            assert_eq!(item(ours, start), item(example, start), "{start}");
        }
    }

    #[test]
    fn a_warm_verifier_answers_at_once_and_never_fetches() {
        let idp = LocalIssuer::start();
        let token = idp.token(claims());
        let verifier = preloaded_verifier(&idp);
        let event = crate::events::token(&format!("Bearer {token}"));
        for _ in 0..100 {
            let claims: Claims = now(verifier.verify(&token)).expect("a valid token");
            assert_eq!(claims.scopes.iter().collect::<Vec<_>>(), [SCOPE]);
            assert!(matches!(testing::reply_now(&authorize, verifier, &event), Some(Reply::Response(_))));
        }
        assert_eq!(testing::invoke_with_state(authorize, verifier, event.as_slice()).status(), 200);
        assert_eq!((idp.discovery_fetches(), idp.jwks_fetches()), (0, 1), "fetched once, by the preload");
    }
}
