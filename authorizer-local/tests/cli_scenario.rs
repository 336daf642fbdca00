//! `authorizer-local scenario`: scripted requests through the gateway and the real binary, as a table
//! or as JSON: statuses, invoked / cached / not invoked, reasons, the clock and expectations.

mod cli_support;

use cli_support::*;
use serde_json::{Value, json};

fn bearer(action: &str) -> String {
    format!("Bearer {action}.{SECRET}")
}

fn get(path: &str, authorization: Option<&str>) -> Value {
    match authorization {
        Some(value) => json!({"path": path, "headers": {"Authorization": value}}),
        None => json!({"path": path}),
    }
}

/// Runs `scenario` against `binary` with `args`; the exit code must be `code`.
fn scenario(binary: &str, scenario: &Value, args: &[&str], code: i32) -> Run {
    let file = temp_file("scenario.json", &scenario.to_string());
    let mut all = vec!["scenario", binary, file.to_str().unwrap()];
    all.extend_from_slice(args);
    let run = local(&all);
    assert_eq!(run.code, Some(code), "{run:#?}");
    assert!(!run.stdout.contains(SECRET), "a token was printed:\n{}", run.stdout);
    run
}

/// `(status, authorizer, reason)` of each request.
fn outcomes(results: &Value) -> Vec<(u64, String, String)> {
    results["requests"]
        .as_array()
        .expect("requests")
        .iter()
        .map(|r| {
            (
                r["status"].as_u64().unwrap(),
                r["authorizer"].as_str().unwrap().into(),
                r["reason"].as_str().unwrap().into(),
            )
        })
        .collect()
}

fn outcome(status: u64, call: &str, reason: &str) -> (u64, String, String) {
    (status, call.into(), reason.into())
}

#[test]
fn the_cache_serves_later_requests_judges_each_route_and_expires() {
    let allow = bearer("allow");
    let mut expired = get("/pets/3", Some(&allow));
    expired["advance"] = json!(300);
    let mut not_yet = get("/pets/4", Some(&allow));
    not_yet["advance"] = json!(299);
    let requests = json!([
        get("/pets/1", Some(&allow)),
        // The probe allows GET /pets/*: the cached policy is right for /pets/2, not for /users/1.
        get("/pets/2", Some(&allow)),
        get("/users/1", Some(&allow)),
        get("/pets/1", None),
        get("/pets/1", Some(&bearer("deny"))),
        get("/pets/1", Some(&bearer("unauthorized"))),
        // Errors are not cached: the same token invokes again.
        get("/pets/1", Some(&bearer("unauthorized"))),
        get("/pets/1", Some(&bearer("io-error"))),
        expired,
        not_yet,
    ]);
    let results = scenario(token_probe(), &json!({"api": "rest-token", "requests": requests}), &["--json"], 0).json();
    assert_eq!(results["api"], "rest-token");
    assert_eq!(results["ttl"], 300);
    assert_eq!(
        outcomes(&results),
        [
            outcome(200, "invoked", "allowed (principal user)"),
            outcome(200, "cached", "allowed (principal user)"),
            outcome(403, "cached", "no Allow covers the request"),
            outcome(401, "not invoked", "no Authorization header"),
            outcome(403, "invoked", "a Deny covers the request"),
            outcome(401, "invoked", "the authorizer said Unauthorized"),
            outcome(401, "invoked", "the authorizer said Unauthorized"),
            outcome(500, "invoked", "the authorizer failed (AuthorizerError)"),
            // Cached at 0 s, for 300 s: expired at 300 s; cached again then, still fresh at 599 s.
            outcome(200, "invoked", "allowed (principal user)"),
            outcome(200, "cached", "allowed (principal user)"),
        ]
    );
    let requests = &results["requests"];
    assert_eq!(requests[8]["clock"], 300);
    assert_eq!(requests[9]["clock"], 599);
    assert_eq!(requests[0]["credential"], "Bearer allo…", "masked: the scheme, then the first 4 characters");
    assert_eq!(requests[3]["credential"], "(none)");
    assert_eq!(requests[0]["backend"]["principalId"], "user");
    assert_eq!(requests[0]["backend"]["authorizer"]["ratio"], "0.5", "REST stringifies context values");
    assert_eq!(requests[2]["body"], r#"{"Message":"User is not authorized to access this resource"}"#);
    assert_eq!(requests[2]["errorType"], "AccessDeniedException");
    assert_eq!(requests[7]["body"], r#"{"message": null}"#);
    assert_eq!(requests[7]["errorType"], "AuthorizerConfigurationException");
    assert_eq!(results["failedExpectations"], json!([]));
}

#[test]
fn ttl_0_turns_the_cache_off_and_the_command_line_overrides_the_file() {
    let allow = bearer("allow");
    let requests = [get("/pets/1", Some(&allow)), get("/pets/1", Some(&allow))];
    let file = json!({"api": "rest-token", "ttl": 300, "requests": requests});
    let results = scenario(token_probe(), &file, &["--ttl", "0", "--json"], 0).json();
    let calls: Vec<&str> =
        results["requests"].as_array().unwrap().iter().map(|r| r["authorizer"].as_str().unwrap()).collect();
    assert_eq!(calls, ["invoked", "invoked"]);
}

#[test]
fn a_request_authorizer_checks_identity_sources_and_caches_by_their_values() {
    // The probe allows exactly the request's ARN: the caching bug, keyed by the header.
    let file = json!({
        "api": "rest-request",
        "identitySources": ["method.request.header.Authorization"],
        "requests": [
            get("/pets/1", Some(&format!("Bearer {SECRET}"))),
            get("/pets/2", Some(&format!("Bearer {SECRET}"))),
            get("/pets/1", None),
            {"path": "/pets/1", "headers": {"Authorization": ""}},
            // The query string is not an identity source here: the cached answer is used.
            {"path": "/pets/1?action=io-error", "headers": {"Authorization": format!("Bearer {SECRET}")}},
        ],
    });
    let results = scenario(request_probe(), &file, &["--json"], 0).json();
    let missing = "identity source method.request.header.Authorization is missing or empty";
    assert_eq!(
        outcomes(&results),
        [
            outcome(200, "invoked", "allowed (principal user)"),
            outcome(403, "cached", "no Allow covers the request"),
            outcome(401, "not invoked", missing),
            outcome(401, "not invoked", missing),
            outcome(200, "cached", "allowed (principal user)"),
        ]
    );
    // The query's names, as `--help` says, never a value: a value may be a credential.
    assert_eq!(results["requests"][4]["request"], "GET /pets/1?action");
}

#[test]
fn requests_under_one_resource_template_share_a_context_resource_path_cache_key() {
    // The probe allows exactly the request's ARN; `context.resourcePath` is the template.
    let authorization = format!("Bearer {SECRET}");
    let pet = |path: &str| json!({"path": path, "resource": "/pets/{id}", "headers": {"Authorization": authorization}});
    let file = json!({
        "api": "rest-request",
        "identitySources": ["method.request.header.Authorization", "context.resourcePath"],
        "requests": [pet("/pets/1"), pet("/pets/2"), get("/pets/2", Some(&authorization))],
    });
    let results = scenario(request_probe(), &file, &["--json"], 0).json();
    assert_eq!(
        outcomes(&results),
        [
            outcome(200, "invoked", "allowed (principal user)"),
            outcome(403, "cached", "no Allow covers the request"),
            outcome(200, "invoked", "allowed (principal user)"),
        ]
    );
}

#[test]
fn the_table_shows_each_request_masked_with_the_clock_and_notes() {
    let allow = bearer("allow");
    let mut later = get("/pets/2", Some(&allow));
    later["advance"] = json!(301);
    later["note"] = json!("the cached policy expired");
    let requests = [get("/pets/1", Some(&allow)), get("/pets/1", None), later];
    let file = json!({"api": "rest-token", "description": "a short one", "requests": requests});
    let out = scenario(token_probe(), &file, &[], 0).stdout;
    let lines: Vec<&str> = out.lines().collect();
    assert!(out.contains("REST API, TOKEN authorizer, token from header Authorization, TTL 300 s"), "{out}");
    assert!(out.contains("a short one"), "{out}");
    let header = lines.iter().position(|l| l.trim_start().starts_with("#  request")).expect("a header row");
    for column in ["credential", "authorizer", "status", "reason"] {
        assert!(lines[header].contains(column), "{out}");
    }
    let row = |n: usize| lines[header + 1..].iter().find(|l| l.trim_start().starts_with(&format!("{n}  "))).unwrap();
    let words = |n: usize| row(n).split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(words(1), "1 GET /pets/1 Bearer allo… invoked 200 allowed (principal user)");
    assert_eq!(words(2), "2 GET /pets/1 (none) not invoked 401 no Authorization header");
    assert_eq!(words(3), "3 GET /pets/2 Bearer allo… invoked 200 allowed (principal user)");
    assert!(out.contains("(301 s later: the clock is at 301 s)"), "{out}");
    assert!(out.contains("3: the cached policy expired"), "{out}");
}

#[test]
fn unmet_expectations_are_shown_and_exit_1() {
    let allow = bearer("allow");
    let mut first = get("/pets/1", Some(&allow));
    first["expect"] = json!({"status": 200, "authorizer": "invoked"});
    let mut second = get("/pets/1", Some(&allow));
    second["expect"] = json!({"status": 200, "authorizer": "invoked"}); // It is cached.
    let file = json!({"api": "rest-token", "requests": [first, second]});
    let run = scenario(token_probe(), &file, &[], 1);
    assert!(run.stdout.contains("✗ expected 200, invoked"), "{}", run.stdout);
    assert!(run.stdout.contains("expectations: 1 of 2 met"), "{}", run.stdout);
    assert!(run.stderr.contains("request 2 (GET /pets/1): expected 200, invoked, got 200, cached"), "{}", run.stderr);

    let json = scenario(token_probe(), &file, &["--json"], 1).json();
    assert_eq!(json["requests"][1]["expect"]["holds"], false);
    assert_eq!(json["failedExpectations"].as_array().unwrap().len(), 1);
}

/// The guide's sample scenario (`authorizer_core::guide::local_gateway`) parses and runs; against petstore every expectation holds.
#[test]
fn the_sample_petstore_scenario_runs() {
    let file = repository().join("examples/scenarios/petstore.json");
    let file = file.to_str().unwrap();
    let run = local(&["scenario", built("petstore"), file, "--json"]);
    assert_eq!(run.code, Some(0), "{run:#?}");
    let results = run.json();
    let calls: Vec<&str> =
        results["requests"].as_array().unwrap().iter().map(|r| r["authorizer"].as_str().unwrap()).collect();
    assert!(calls.contains(&"cached") && calls.contains(&"not invoked"), "{results:#}");
    // Against another authorizer it still parses and runs; its expectations do not hold.
    let run = local(&["scenario", token_probe(), file, "--json"]);
    assert_eq!(run.code, Some(1), "{run:#?}");
    assert_eq!(run.json()["requests"].as_array().unwrap().len(), 6);
}

/// `examples/scenarios/jwt-oidc.json` against the jwt-oidc example: real tokens, signed by the
/// local issuer the gateway starts, each request's expectation met, and no token printed.
#[test]
fn the_jwt_oidc_scenario_passes_with_tokens_from_the_local_issuer() {
    let file = repository().join("examples/scenarios/jwt-oidc.json");
    let file = file.to_str().unwrap();
    let run = local(&["scenario", jwt_oidc(), file, "--json"]);
    assert_eq!(run.code, Some(0), "{run:#?}");
    let results = run.json();
    assert_eq!(results["failedExpectations"], json!([]));
    let requests = results["requests"].as_array().unwrap();
    assert!(requests.iter().all(|r| r["expect"]["holds"] == true), "every request states what it must get");
    let statuses: Vec<(u64, &str)> =
        requests.iter().map(|r| (r["status"].as_u64().unwrap(), r["authorizer"].as_str().unwrap())).collect();
    assert_eq!(
        statuses,
        [
            (200, "invoked"),
            (200, "cached"),
            (403, "cached"),
            (200, "invoked"),
            (403, "invoked"),
            (401, "invoked"),
            (401, "invoked"),
            (401, "not invoked")
        ]
    );
    assert_eq!(requests[0]["token"], json!({"sub": "u-1", "scope": "pets:read"}));
    assert_eq!(requests[0]["backend"]["authorizer"]["scope"], "pets:read");
    assert_eq!(requests[0]["credential"], "Bearer eyJh…", "masked as any credential");
    assert_eq!(requests[7]["token"], Value::Null);
    assert!(!run.stdout.contains("eyJhb"), "a token was printed:\n{}", run.stdout);

    let table = local(&["scenario", jwt_oidc(), file]);
    assert_eq!(table.code, Some(0), "{table:#?}");
    assert!(table.stdout.contains("tokens from a local issuer"), "{}", table.stdout);
    assert!(table.stdout.contains("expectations: 8 of 8 met"), "{}", table.stdout);
    assert!(!table.stdout.contains("eyJhb"), "a token was printed:\n{}", table.stdout);
}

#[test]
fn a_token_needs_the_local_issuer_and_the_users_env_wins_over_its() {
    let reader = json!({"path": "/pets", "token": {"sub": "u-1", "scope": "pets:read"}});
    let file = json!({"api": "rest-token", "requests": [get("/pets", None), reader]});
    let run = scenario(jwt_oidc(), &file, &[], 2);
    assert!(
        run.stderr.contains(r#"request 2 (GET /pets): "token" needs the local issuer"#)
            && run.stderr.contains(r#""localIssuer": true"#)
            && run.stderr.contains("--local-issuer"),
        "{}",
        run.stderr
    );

    // --local-issuer turns it on; the user's env overrides what the issuer gives the binary.
    let results = scenario(jwt_oidc(), &file, &["--local-issuer", "--json"], 0).json();
    assert_eq!(results["requests"][1]["status"], 200, "{results:#}");
    let results =
        scenario(jwt_oidc(), &file, &["--local-issuer", "--env", "JWT_AUDIENCE=another-api", "--json"], 0).json();
    assert_eq!(results["requests"][1]["status"], 401, "the token is for local-api: {results:#}");

    // A token and the header it goes in; claims that are not an object.
    let both = json!({"path": "/pets", "headers": {"authorization": "Bearer x"}, "token": {"sub": "u-1"}});
    let run = scenario(jwt_oidc(), &json!({"api": "rest-token", "localIssuer": true, "requests": [both]}), &[], 2);
    assert!(
        run.stderr.contains("request 1 (GET /pets): \"token\" is sent in the Authorization header"),
        "{}",
        run.stderr
    );
    let not_claims = json!({"path": "/pets", "token": "eyJ..."});
    let run =
        scenario(jwt_oidc(), &json!({"api": "rest-token", "localIssuer": true, "requests": [not_claims]}), &[], 2);
    assert!(run.stderr.contains("request 1: \"token\" must be a JSON object of claims"), "{}", run.stderr);
}

/// An HTTP API caches a simple response (`isAuthorized`) by identity source alone and gives it
/// to every route: the reason column and `simpleResponseFor` name the route a cached one was
/// computed for, when it answers another; a cached policy is judged per route and says nothing.
#[test]
fn a_cached_simple_response_names_the_route_it_was_computed_for() {
    let simple = built("aws-docs-http-simple");
    let call =
        |method: &str, path: &str| json!({"method": method, "path": path, "headers": {"authorization": "secretToken"}});
    let file = json!({
        "api": "http",
        "ttl": 300,
        "identitySources": ["$request.header.authorization"],
        "requests": [call("GET", "/simple"), call("GET", "/simple"), call("DELETE", "/other")],
    });
    let results = scenario(simple, &file, &["--json"], 0).json();
    let requests = results["requests"].as_array().unwrap();
    let calls: Vec<(&str, &Value)> =
        requests.iter().map(|r| (r["authorizer"].as_str().unwrap(), &r["simpleResponseFor"])).collect();
    assert_eq!(calls, [("invoked", &Value::Null), ("cached", &Value::Null), ("cached", &json!("GET /simple"))]);
    let warning = "the simple response cached for GET /simple: the authorizer was not asked about this route";
    assert_eq!(requests[2]["reason"], format!("allowed; {warning}"));
    assert_eq!(requests[1]["reason"], "allowed");

    let table = scenario(simple, &file, &[], 0).stdout;
    let row = table.lines().find(|l| l.trim_start().starts_with("3  ")).expect("a row for request 3");
    assert!(row.contains("DELETE /other") && row.ends_with(warning), "{table}");
}
