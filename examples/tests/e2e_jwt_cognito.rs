//! The `jwt-cognito` binary, driven over the Lambda Runtime API with tokens shaped as a Cognito
//! user pool issues them (`iss` the pool's, access tokens without `aud`), signed by a local
//! issuer whose keys the binary fetches from `COGNITO_JWKS_URL`: scopes and the `admins` group
//! to routes, the context, 401s for ID tokens and other app clients' tokens, its cold start,
//! and no token text anywhere in its output.

mod common;

use authorizer_core::testing::LocalIssuer;
use common::{
    Running, assert_cold_start_fails, assert_not_logged, assert_refused, assert_response, assert_routes, evaluate,
    pets_arn, token_event,
};
use serde_json::{Value, json};

const PROGRAM: &str = env!("CARGO_BIN_EXE_jwt-cognito");

const POOL: &str = "eu-west-1_AbCdEf123";
const ISSUER: &str = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123";
const CLIENT: &str = "1h7q2b0m5c8r3t6v9x4k2n7p1d";
const SUB: &str = "94e8d4c2-70b1-7066-5a2d-8c1f3e0b6a21";

fn start(idp: &LocalIssuer) -> Running {
    let jwks = idp.jwks_url();
    Running::start(PROGRAM, move |f| {
        f.env("COGNITO_USER_POOL_ID", POOL)
            .env("COGNITO_CLIENT_ID", CLIENT)
            .env("COGNITO_JWKS_URL", jwks)
            .env("AWS_LAMBDA_LOG_LEVEL", "TRACE")
    })
}

/// The claims of an access token of the pool for the app client, as Cognito writes them
/// (no `aud`; `cognito:groups` only for a user in a group), with `changes` over them (`null`
/// removes a claim).
fn access(changes: Value) -> Value {
    let mut claims = json!({
        "sub": SUB, "iss": ISSUER, "aud": null, "client_id": CLIENT, "token_use": "access",
        "scope": "pets/read", "username": "alice", "auth_time": 1_700_000_000,
        "origin_jti": "0b9e3c52-8f0a-4d3e-9a51-7c2e6b1d4f80", "event_id": "5d7c1e2a-3b4f-4a6e-8c9d-0e1f2a3b4c5d",
        "jti": "c3a1f0e2-6b7d-4e8f-9a0b-1c2d3e4f5a6b", "version": 2,
    });
    let Value::Object(changes) = changes else { panic!("claims must be a JSON object") };
    for (name, value) in changes {
        claims[name] = value;
    }
    claims
}

/// `GET /pets`, `GET /pets/7`, `POST /pets`, `DELETE /pets/7`, `DELETE /pets`, `GET /users/u-1`.
const ROUTES: [(&str, &str); 6] = [
    ("GET", "/pets"),
    ("GET", "/pets/7"),
    ("POST", "/pets"),
    ("DELETE", "/pets/7"),
    ("DELETE", "/pets"),
    ("GET", "/users/u-1"),
];

#[test]
fn scopes_and_the_admins_group_allow_their_routes_and_the_context_is_sub_username_scope() {
    let idp = LocalIssuer::start();
    let running = start(&idp);
    let cases = [
        ("pets/read", json!(null), [true, true, false, false, false, false]),
        ("pets/write", json!(null), [false, false, true, false, false, false]),
        ("pets/read pets/write", json!(["readers"]), [true, true, true, false, false, false]),
        ("pets/read", json!(["admins"]), [true, true, false, true, false, false]),
        // A token of the sign-in API, which grants no resource server's scope: the group alone.
        ("aws.cognito.signin.user.admin", json!(["readers", "admins"]), [false, false, false, true, false, false]),
    ];
    for (scope, groups, allowed) in cases {
        let token = idp.token(access(json!({"scope": scope, "cognito:groups": groups})));
        let what = format!("{scope} {groups}");
        for response in assert_routes(&running, &what, &format!("Bearer {token}"), &ROUTES, &allowed) {
            assert_eq!(response["principalId"], SUB, "{what}");
            assert_eq!(response["context"], json!({"sub": SUB, "username": "alice", "scope": scope}), "{what}");
        }
    }

    // Neither a pets scope nor the admins group: an explicit deny of every route, with its reason.
    let token = idp.token(access(json!({"scope": "aws.cognito.signin.user.admin", "cognito:groups": ["readers"]})));
    let invocation = running.invoke(&token_event(&format!("Bearer {token}"), "GET", "/pets"));
    let response = assert_response(&invocation);
    assert_eq!(response["principalId"], SUB);
    assert!(response.get("context").is_none(), "{response}");
    for (verb, path) in ROUTES {
        assert_eq!(evaluate(&response, &pets_arn(verb, path)), 403, "{verb} {path}");
    }
    let lines = running.log_lines_with(&invocation, "explicit deny");
    assert!(lines.iter().any(|l| l.contains("no pets scope, not in the admins group")), "{lines:#?}");

    // The pool's keys were fetched once, at cold start, from COGNITO_JWKS_URL (no discovery).
    assert_eq!((idp.discovery_fetches(), idp.jwks_fetches()), (0, 1));
}

#[test]
fn id_tokens_other_clients_tokens_and_invalid_ones_are_401_and_never_logged() {
    let idp = LocalIssuer::start();
    let mut running = start(&idp);
    let impostor = LocalIssuer::start();
    // An ID token of the same pool, for the same app client, of the same user.
    let id_token = json!({
        "token_use": "id", "aud": CLIENT, "client_id": null, "scope": null, "cognito:username": "alice",
        "email": "alice@example.com", "email_verified": true,
    });
    let invalid = [
        (idp.token(access(id_token)), "wrong token_use"),
        (idp.token(access(json!({"client_id": "5s8d1f4g7h0j3k6l9z2x5c8v1b"}))), "audience not accepted"),
        (idp.token(access(json!({"client_id": null}))), "audience not accepted"),
        (idp.token(access(json!({"token_use": null}))), "wrong token_use"),
        (
            idp.token(access(json!({"iss": "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other0000"}))),
            "unknown issuer",
        ),
        (idp.token(access(json!({"iss": idp.issuer()}))), "unknown issuer"),
        (idp.token(access(json!({"exp": 1_700_003_600}))), "expired"),
        // A client-credentials token: no user, so no `username`.
        (idp.token(access(json!({"sub": CLIENT, "username": null}))), "claims that do not fit"),
        (impostor.token(access(json!({}))), "no key of the issuer has its kid"),
    ];
    let mut cases: Vec<(String, &str)> =
        invalid.iter().map(|(token, reason)| (format!("Bearer {token}"), *reason)).collect();
    let good = idp.token(access(json!({})));
    cases.push((good.clone(), "none given")); // no `Bearer ` scheme
    assert_refused(&running, &cases);

    let response = assert_response(&running.invoke(&token_event(&format!("Bearer {good}"), "GET", "/pets")));
    assert_eq!(response["context"], json!({"sub": SUB, "username": "alice", "scope": "pets/read"}));
    let mut secrets: Vec<&str> = good.split('.').collect();
    secrets.extend(invalid.iter().map(|(token, _)| token.as_str()));
    assert_not_logged(&mut running, &secrets);
}

#[test]
fn a_cold_start_without_its_configuration_or_the_pools_keys_fails() {
    let idp = LocalIssuer::start();
    let jwks = idp.jwks_url();
    let cases: [(&[(&str, &str)], &str); 4] = [
        (&[("COGNITO_CLIENT_ID", CLIENT)], "COGNITO_USER_POOL_ID is not set"),
        (&[("COGNITO_USER_POOL_ID", POOL)], "COGNITO_CLIENT_ID is not set"),
        (&[("COGNITO_USER_POOL_ID", "AbCdEf123"), ("COGNITO_CLIENT_ID", CLIENT)], "not a Cognito user pool id"),
        (&[("COGNITO_USER_POOL_ID", POOL), ("COGNITO_CLIENT_ID", CLIENT), ("COGNITO_JWKS_URL", &jwks)], "status 503"),
    ];
    idp.fail_with(503);
    for (env, needle) in cases {
        let mut running = Running::start(PROGRAM, |f| env.iter().fold(f, |f, (name, value)| f.env(name, value)));
        let message = assert_cold_start_fails(&mut running);
        assert!(message.contains(needle), "{needle}: {message}");
    }
    assert_eq!(idp.jwks_fetches(), 1);
}
