//! The `jwt-oidc` binary, driven over the Lambda Runtime API with real signed tokens from a
//! local issuer: its cold start (keys fetched in `init`), scopes to routes, 401s for invalid
//! tokens, a 500 when the keys cannot be had, and no token text anywhere in its output.

mod common;

use authorizer_core::testing::{LOCAL_AUDIENCE, LocalIssuer};
use common::{Running, assert_failure, assert_not_logged, assert_response, assert_unauthorized, evaluate, fixture};
use serde_json::{Value, json};

const PROGRAM: &str = env!("CARGO_BIN_EXE_jwt-oidc");

fn start(idp: &LocalIssuer, jwks_url: bool) -> Running {
    let issuer = idp.issuer().to_owned();
    let jwks = idp.jwks_url();
    Running::start(PROGRAM, move |f| {
        let f = f.env("JWT_ISSUER", issuer).env("JWT_AUDIENCE", LOCAL_AUDIENCE).env("AWS_LAMBDA_LOG_LEVEL", "TRACE");
        if jwks_url { f.env("JWT_JWKS_URL", jwks) } else { f }
    })
}

fn arn(verb: &str, path: &str) -> String {
    format!("arn:aws:execute-api:us-east-1:123456789012:pets1/prod/{verb}{path}")
}

fn event(authorization: &str, verb: &str, path: &str) -> Value {
    let mut event = fixture("rest-token.json");
    event["authorizationToken"] = json!(authorization);
    event["methodArn"] = json!(arn(verb, path));
    event
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
        for (first_verb, first_path) in ALL_ROUTES {
            let response = assert_response(&running.invoke(&event(&format!("Bearer {token}"), first_verb, first_path)));
            assert_eq!(response["principalId"], "u-1");
            if allowed.contains(&true) {
                assert_eq!(response["context"], json!({"sub": "u-1", "scope": scope}));
            }
            for ((verb, path), allowed) in ALL_ROUTES.iter().zip(allowed) {
                assert_eq!(
                    evaluate(&response, &arn(verb, path)),
                    if allowed { 200 } else { 403 },
                    "{scope}: {verb} {path}"
                );
            }
        }
    }
    // `scp` as an array, as Okta sends it.
    let token = idp.token(json!({"sub": "u-2", "scp": ["pets:write"]}));
    let response = assert_response(&running.invoke(&event(&format!("Bearer {token}"), "POST", "/pets")));
    assert_eq!(evaluate(&response, &arn("POST", "/pets")), 200);
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
    for (authorization, reason) in &invalid {
        let invocation = running.invoke(&event(authorization, "GET", "/pets"));
        assert_unauthorized(&running, &invocation);
        let lines = running.log_lines_with(&invocation, "unauthorized (401)");
        assert!(lines.iter().any(|l| l.contains(reason)), "{reason}: {lines:#?}");
    }
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
    let mut running = start(&idp, true);
    let init = running.api.init_error(common::SOON).expect("the cold start fails");
    assert_eq!(init.body["errorType"], "InitError", "{:?}", init.body);
    let message = init.body["errorMessage"].as_str().unwrap();
    assert!(message.contains("keys are unavailable") && message.contains("status 503"), "{message}");
    let status = running.function.wait_exit(common::SOON).expect("the process exits");
    assert!(!status.success());

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
