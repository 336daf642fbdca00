//! The `petstore` binary, driven over the Lambda Runtime API: its cold start from
//! `PETSTORE_USERS`, each role's routes, the policy API Gateway caches, 401s and the 403 of a
//! suspended user.

mod common;

use std::time::Duration;

use authorizer_local::{Function, RuntimeApi};
use common::{Running, SOON, assert_failure, assert_response, assert_unauthorized, evaluate, fixture, level};
use serde_json::{Value, json};

const PROGRAM: &str = env!("CARGO_BIN_EXE_petstore");

const ALICE: &str = "tk_alice_5YqTn2Lm8Rb0"; // admin
const BOB: &str = "tk_bob_Jd8Kp3Ws6Fa1"; // editor
const CAROL: &str = "tk_carol_p2ZgH5Nx7Uc4"; // reader
const DAVE: &str = "tk_dave_Q7mXw1Ve4Hc9"; // editor, suspended

fn users() -> String {
    format!("{ALICE} u-100 admin\n{BOB} u-200 editor\n{CAROL} u-300 reader\n{DAVE} u-400 editor suspended\n")
}

fn start() -> Running {
    Running::start(PROGRAM, |f| f.env("PETSTORE_USERS", users()))
}

fn arn(verb: &str, path: &str) -> String {
    format!("arn:aws:execute-api:us-east-1:123456789012:petstore1/prod/{verb}{path}")
}

/// The published TOKEN event's shape, for `Authorization: <authorization>` on `verb path`.
fn event(authorization: &str, verb: &str, path: &str) -> Value {
    let mut event = fixture("rest-token.json");
    event["authorizationToken"] = json!(authorization);
    event["methodArn"] = json!(arn(verb, path));
    event
}

/// `(verb, path, allowed)` for each role's token.
fn routes_of(token: &str) -> &'static [(&'static str, &'static str, bool)] {
    match token {
        CAROL => &[
            ("GET", "/pets", true),
            ("GET", "/pets/7", true),
            ("GET", "/pets/7/photos", true),
            ("GET", "/users/u-300", true),
            ("GET", "/users/u-300/favorites", true),
            ("POST", "/users/u-300/favorites", true),
            ("DELETE", "/users/u-300/favorites/7", true),
            ("POST", "/pets", false),
            ("PUT", "/pets/7", false),
            ("PATCH", "/pets/7", false),
            ("DELETE", "/pets/7", false),
            ("GET", "/users", false),
            ("GET", "/users/u-200", false),
            ("GET", "/users/u-200/favorites", false),
            ("DELETE", "/users/u-300", false),
            ("PUT", "/users/u-300/role", false),
            ("GET", "/internal/metrics", false),
            ("GET", "/", false),
        ],
        BOB => &[
            ("GET", "/pets", true),
            ("GET", "/pets/7", true),
            ("POST", "/pets", true),
            ("PUT", "/pets/7", true),
            ("PATCH", "/pets/7", true),
            ("GET", "/users/u-200", true),
            ("PUT", "/users/u-200/favorites/7", true),
            ("DELETE", "/pets/7", false),
            ("POST", "/pets/7", false),
            ("PUT", "/pets", false),
            ("GET", "/users/u-300", false),
            ("PUT", "/users/u-200/role", false),
            ("DELETE", "/users/u-200", false),
            ("POST", "/internal/reindex", false),
        ],
        ALICE => &[
            ("GET", "/", true),
            ("GET", "/pets", true),
            ("DELETE", "/pets/7", true),
            ("GET", "/users", true),
            ("GET", "/users/u-300", true),
            ("PUT", "/users/u-300/role", true),
            ("DELETE", "/users/u-300", true),
            ("GET", "/users/u-100/favorites", true),
            ("DELETE", "/users/u-100", false),
            ("PUT", "/users/u-100/role", false),
            ("GET", "/internal/metrics", false),
            ("POST", "/internal/reindex", false),
        ],
        _ => unreachable!("not a role's token"),
    }
}

const ROLES: [(&str, &str, &str, bool); 3] =
    [(CAROL, "u-300", "reader", false), (BOB, "u-200", "editor", true), (ALICE, "u-100", "admin", true)];

#[test]
fn each_role_is_allowed_its_routes_and_denied_the_others() {
    let running = start();
    for (token, user_id, role, can_write) in ROLES {
        for &(verb, path, allowed) in routes_of(token) {
            let response = assert_response(&running.invoke(&event(&format!("Bearer {token}"), verb, path)));
            assert_eq!(evaluate(&response, &arn(verb, path)), if allowed { 200 } else { 403 }, "{role} {verb} {path}");
            assert_eq!(response["principalId"], user_id);
            assert_eq!(response["context"], json!({"userId": user_id, "role": role, "canWrite": can_write}));
        }
    }
}

#[test]
fn the_cached_policy_of_the_first_route_judges_every_other_route_right() {
    let running = start();
    for (token, _, role, _) in ROLES {
        let routes = routes_of(token);
        // API Gateway caches the response to the token's first call, for the TTL, and
        // judges every later call with the same token by it.
        for &(first_verb, first_path, _) in routes {
            let cached = assert_response(&running.invoke(&event(&format!("Bearer {token}"), first_verb, first_path)));
            for &(verb, path, allowed) in routes {
                assert_eq!(
                    evaluate(&cached, &arn(verb, path)),
                    if allowed { 200 } else { 403 },
                    "{role}: policy cached for {first_verb} {first_path}, then {verb} {path}"
                );
            }
        }
    }
}

#[test]
fn the_policy_names_declared_routes_under_the_requests_stage() {
    let running = start();
    let response = assert_response(&running.invoke(&event(&format!("Bearer {CAROL}"), "GET", "/pets/7")));
    let p = "arn:aws:execute-api:us-east-1:123456789012:petstore1/prod/";
    // "Any verb" on a path is one resource per verb: `*/users/u-300/*` would also cover
    // `GET /pets/users/u-300/x`, IAM's `*` crossing the `/` after the verb.
    let every_verb = |path: &str| -> Vec<String> {
        ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]
            .iter()
            .map(|verb| format!("{p}{verb}{path}"))
            .collect()
    };
    let mut allowed = vec![format!("{p}GET/pets"), format!("{p}GET/pets/*"), format!("{p}GET/users/u-300")];
    // `GET /users/u-300/*` is declared for readers too; the policy names it once.
    let own: Vec<String> = every_verb("/users/u-300/*").into_iter().filter(|r| !allowed.contains(r)).collect();
    allowed.extend(own);
    let mut denied = every_verb("/internal/*");
    denied.push(format!("{p}PUT/users/u-300/role"));
    assert_eq!(
        response["policyDocument"]["Statement"],
        json!([
            {"Action": "execute-api:Invoke", "Effect": "Allow", "Resource": allowed},
            {"Action": "execute-api:Invoke", "Effect": "Deny", "Resource": denied},
        ])
    );
    // Another stage of the same API gets the same routes under that stage.
    let mut beta = event(&format!("Bearer {CAROL}"), "GET", "/pets/7");
    beta["methodArn"] = json!("arn:aws:execute-api:us-east-1:123456789012:petstore1/beta/GET/pets/7");
    let beta = assert_response(&running.invoke(&beta));
    assert_eq!(
        beta["policyDocument"]["Statement"][0]["Resource"][0],
        "arn:aws:execute-api:us-east-1:123456789012:petstore1/beta/GET/pets"
    );
}

#[test]
fn missing_and_unknown_tokens_are_401() {
    let mut running = start();
    for authorization in [
        String::new(),
        "Bearer".into(),
        "Bearer ".into(),
        CAROL.into(),
        format!("Basic {CAROL}"),
        format!("Bearer {CAROL}x"),
        "Bearer tk_nobody_00000000000".into(),
    ] {
        let refused = running.invoke(&event(&authorization, "GET", "/pets"));
        assert_unauthorized(&running, &refused);
    }
    // A REQUEST event, even one carrying a valid bearer token, is not this authorizer's.
    let mut request = fixture("rest-request.json");
    request["headers"]["Authorization"] = json!(format!("Bearer {CAROL}"));
    assert_failure(&running.invoke(&request), "InvalidEvent");
    running.assert_still_serving(&event(&format!("Bearer {CAROL}"), "GET", "/pets"));
}

#[test]
fn a_suspended_user_gets_an_explicit_deny_of_everything() {
    let running = start();
    let invocation = running.invoke(&event(&format!("Bearer {DAVE}"), "GET", "/pets"));
    let response = assert_response(&invocation);
    assert_eq!(
        response,
        json!({"principalId": "u-400", "policyDocument": {"Version": "2012-10-17", "Statement": [
            {"Action": "execute-api:Invoke", "Effect": "Deny", "Resource": "arn:aws:execute-api:us-east-1:123456789012:petstore1/prod/*/*"}
        ]}})
    );
    // Cached, it refuses the user every route, the root included.
    for &(verb, path, _) in routes_of(ALICE) {
        assert_eq!(evaluate(&response, &arn(verb, path)), 403, "{verb} {path}");
    }
    let lines = running.log_lines(&invocation);
    assert!(
        lines.iter().any(|l| level(l) == "INFO" && l.contains("explicit deny") && l.contains("account suspended")),
        "{lines:#?}"
    );
}

#[test]
fn tokens_never_reach_the_logs() {
    let running = Running::start(PROGRAM, |f| f.env("PETSTORE_USERS", users()).env("AWS_LAMBDA_LOG_LEVEL", "TRACE"));
    for token in [ALICE, BOB, CAROL, DAVE, "tk_nobody_00000000000"] {
        for authorization in [format!("Bearer {token}"), token.to_owned()] {
            let invocation = running.invoke(&event(&authorization, "GET", "/pets"));
            let _ = running.log_lines(&invocation);
        }
    }
    running.settle();
    let output = running.function.output();
    assert!(output.contains("allowed") && output.contains("unauthorized (401)"), "{output}");
    for token in [ALICE, BOB, CAROL, DAVE, "tk_nobody_00000000000"] {
        assert!(!output.contains(token), "{token} in\n{output}");
    }
}

#[test]
fn a_missing_or_malformed_table_fails_the_cold_start() {
    for (what, table, needle) in [
        ("no table", None, "PETSTORE_USERS: not set"),
        ("a short token", Some(format!("{ALICE} u-100 admin; tk_short u-2 reader")), "entry 2: the token is shorter"),
        ("an unknown role", Some(format!("{ALICE} u-100 superuser")), "entry 1: the role"),
        ("an id that is no path segment", Some(format!("{ALICE} ../admin admin")), "entry 1: a user id"),
        ("an empty table", Some(" ; \n".to_owned()), "the table has no entries"),
    ] {
        let api = RuntimeApi::builder().invoke_timeout(SOON).start();
        let mut builder = Function::builder(PROGRAM);
        if let Some(table) = &table {
            builder = builder.env("PETSTORE_USERS", table);
        }
        let mut function = builder.spawn(&api);
        let init = api.init_error(SOON).unwrap_or_else(|| panic!("{what}: no init error:\n{}", function.output()));
        assert_eq!(init.body["errorType"], "InitError", "{what}");
        let message = init.body["errorMessage"].as_str().unwrap();
        assert!(message.contains(needle), "{what}: {message}");
        assert!(!message.contains(ALICE) && !message.contains("tk_short"), "{what}: {message}");
        let status = function.wait_exit(SOON).unwrap_or_else(|| panic!("{what}: still running"));
        assert!(!status.success(), "{what}");
        assert!(!function.output().contains(ALICE), "{what}: {}", function.output());
        // It never asked for an event.
        assert!(api.requests().iter().all(|r| !r.path.ends_with("/next")), "{what}");
        assert!(api.try_invoke(b"{}", Duration::from_millis(50)).is_err(), "{what}");
    }
}
