//! The `jwt-oidc` binary, driven over the Lambda Runtime API with real signed tokens from a
//! local issuer: its cold start (keys fetched in `init`), scopes to routes, 401s for invalid
//! tokens, a 500 when the keys cannot be had, and no token text anywhere in its output.

mod common;

use authorizer_core::testing::{LOCAL_AUDIENCE, LocalIssuer};
use common::{
    Running, assert_cold_start_fails, assert_failure, assert_not_logged, assert_refused, assert_response,
    assert_routes, token_event as event,
};
use serde_json::json;

const PROGRAM: &str = env!("CARGO_BIN_EXE_jwt-oidc");

fn start(idp: &LocalIssuer, jwks_url: bool) -> Running {
    let issuer = idp.issuer().to_owned();
    let jwks = idp.jwks_url();
    Running::start(PROGRAM, move |f| {
        let f = f.env("JWT_ISSUER", issuer).env("JWT_AUDIENCE", LOCAL_AUDIENCE).env("AWS_LAMBDA_LOG_LEVEL", "TRACE");
        if jwks_url { f.env("JWT_JWKS_URL", jwks) } else { f }
    })
}

const ALL_ROUTES: [(&str, &str); 5] =
    [("GET", "/pets"), ("GET", "/pets/7"), ("POST", "/pets"), ("DELETE", "/pets/7"), ("GET", "/users")];

#[test]
fn scopes_allow_their_routes_and_the_cached_policy_stays_right() {
    let idp = LocalIssuer::start();
    let running = start(&idp, false);
    let cases = [
        ("pets:read", [true, true, false, false, false]),
        ("pets:write", [false, false, true, false, false]),
        ("openid pets:read pets:write", [true, true, true, false, false]),
        ("openid", [false; 5]),
    ];
    for (scope, allowed) in cases {
        let token = idp.token(json!({"sub": "u-1", "scope": scope}));
        // Whichever route comes first, the policy judges every route the same.
        for response in assert_routes(&running, scope, &format!("Bearer {token}"), &ALL_ROUTES, &allowed) {
            assert_eq!(response["principalId"], "u-1");
            if allowed.contains(&true) {
                assert_eq!(response["context"], json!({"sub": "u-1", "scope": scope}));
            }
        }
    }
    // `scp` as an array, as Okta sends it.
    let token = idp.token(json!({"sub": "u-2", "scp": ["pets:write"]}));
    assert_routes(&running, "scp", &format!("Bearer {token}"), &[("POST", "/pets")], &[true]);
    assert_eq!((idp.discovery_fetches(), idp.jwks_fetches()), (1, 1), "keys fetched once, at cold start");
}

#[test]
fn invalid_tokens_are_401_and_never_logged() {
    let idp = LocalIssuer::start();
    let mut running = start(&idp, true);
    let impostor = LocalIssuer::start();
    let kid = idp.kid(authorizer_core::jwt::Algorithm::RS256);
    let claims = json!({"iss": idp.issuer(), "aud": LOCAL_AUDIENCE, "sub": "u-1", "scope": "pets:read", "exp": 4_000_000_000_u64});
    let good = idp.token(json!({"sub": "u-1", "scope": "pets:read"}));
    let (head, payload, signature) = {
        let parts: Vec<&str> = good.split('.').collect();
        (parts[0].to_owned(), parts[1].to_owned(), parts[2].to_owned())
    };
    let invalid = [
        (format!("Bearer {}", idp.token(json!({"sub": "u-1", "exp": 1}))), "expired"),
        (format!("Bearer {}", idp.token(json!({"sub": "u-1", "aud": "another-api"}))), "audience not accepted"),
        (
            format!("Bearer {}", impostor.token(json!({"sub": "u-1", "iss": idp.issuer()}))),
            "no key of the issuer has its kid",
        ),
        (format!("Bearer {}", impostor.sign(&json!({"alg": "RS256", "kid": kid}), &claims)), "bad signature"),
        (format!("Bearer {head}.{payload}x.{signature}"), "bad signature"),
        (format!("Bearer eyJhbGciOiJub25lIn0.{payload}."), "algorithm not allowed"),
        (format!("Bearer {}", idp.token(json!({"scope": "pets:read"}))), "missing claim sub"),
        ("Bearer not-a-jwt".to_owned(), "malformed"),
        (good.clone(), "none given"), // no `Bearer ` scheme
    ];
    assert_refused(&running, &invalid);
    let response = assert_response(&running.invoke(&event(&format!("Bearer {good}"), "GET", "/pets")));
    assert_eq!(response["principalId"], "u-1");
    let mut secrets: Vec<&str> = vec![&head, &payload, &signature];
    secrets.extend(invalid.iter().map(|(authorization, _)| authorization.trim_start_matches("Bearer ")));
    assert_not_logged(&mut running, &secrets);
}

#[test]
fn keys_that_cannot_be_fetched_fail_the_cold_start_and_later_tokens_with_500() {
    let idp = LocalIssuer::start();
    idp.fail_with(503);
    let message = assert_cold_start_fails(&mut start(&idp, true));
    assert!(message.contains("keys are unavailable") && message.contains("status 503"), "{message}");

    // Warm, the keys are kept when the issuer fails; a token naming a new key is then a 500.
    let idp = LocalIssuer::start();
    let running = start(&idp, true);
    let token = idp.token(json!({"sub": "u-1", "scope": "pets:read"}));
    assert_response(&running.invoke(&event(&format!("Bearer {token}"), "GET", "/pets")));
    idp.fail_with(500);
    assert_response(&running.invoke(&event(&format!("Bearer {token}"), "GET", "/pets")));
    idp.rotate();
    let rotated = idp.token(json!({"sub": "u-1", "scope": "pets:read"}));
    let message =
        assert_failure(&running.invoke(&event(&format!("Bearer {rotated}"), "GET", "/pets")), "AuthorizerError");
    assert!(message.contains("keys are unavailable") && message.contains("status 500"), "{message}");
    assert!(!message.contains(&rotated));
}

#[test]
fn a_fetch_is_bounded_by_the_invocations_remaining_time() {
    let idp = LocalIssuer::start();
    let api = authorizer_local::RuntimeApi::builder()
        .function_timeout(std::time::Duration::from_millis(800))
        .invoke_timeout(common::SOON)
        .start();
    let function = authorizer_local::Function::builder(PROGRAM)
        .env("JWT_ISSUER", idp.issuer())
        .env("JWT_AUDIENCE", LOCAL_AUDIENCE)
        .env("JWT_JWKS_URL", idp.jwks_url())
        .spawn(&api);
    let running = Running { function, api };
    let token = idp.token(json!({"sub": "u-1", "scope": "pets:read"}));
    assert_response(&running.invoke(&event(&format!("Bearer {token}"), "GET", "/pets")));
    // The issuer rotates its keys and becomes slower than the function's timeout.
    idp.rotate();
    idp.delay(std::time::Duration::from_secs(3));
    let rotated = idp.token(json!({"sub": "u-1", "scope": "pets:read"}));
    let invocation = running.invoke(&event(&format!("Bearer {rotated}"), "GET", "/pets"));
    let message = assert_failure(&invocation, "AuthorizerError");
    let waited: u64 = message
        .split("timed out after ")
        .nth(1)
        .and_then(|rest| rest.split(" ms").next())
        .and_then(|ms| ms.parse().ok())
        .unwrap_or_else(|| panic!("not a timeout: {message}"));
    // At most the 800 ms the invocation had, less the 100 ms kept to answer.
    assert!(waited <= 700, "{message}");
}
