//! `gateway demo`, the README's main command, without its build: its scenarios run against
//! the example binaries when they are built next to `gateway` (`cargo test --workspace`
//! builds them; `cargo test -p authorizer-tests` alone does not, and this test then says so
//! and checks nothing). The demo checks each request's expected outcome itself and exits 1
//! when one is not met.

mod cli_support;

use cli_support::*;
use serde_json::Value;

#[test]
fn the_demo_shows_allow_deny_401_500_and_the_cache() {
    let built = ["aws-docs-token", "aws-docs-request", "petstore"].iter().all(|name| bin_dir().join(name).is_file());
    if !built {
        eprintln!("the example binaries are not built in {}: run `cargo test --workspace`", bin_dir().display());
        return;
    }
    let run = gateway(&["demo", "--no-build", "--json"]);
    assert_eq!(run.code, Some(0), "{run:#?}");
    let results = run.json();
    assert_eq!(results["failedExpectations"], serde_json::json!([]));
    let example = |name: &str| -> Vec<Value> {
        let examples = results["examples"].as_array().unwrap();
        let found = examples.iter().find(|e| e["name"] == name).unwrap_or_else(|| panic!("{name} ran"));
        found["requests"].as_array().unwrap().clone()
    };
    let seen = |requests: &[Value], status: u64, call: &str| {
        requests.iter().any(|r| r["status"] == status && r["authorizer"] == call)
    };
    let token = example("aws-docs-token");
    for (status, call) in [(200, "invoked"), (403, "invoked"), (401, "invoked"), (500, "invoked"), (401, "not invoked")]
    {
        assert!(seen(&token, status, call), "aws-docs-token: no {status} {call}");
    }
    // The classic caching bug, explained under the table.
    let bug = token.iter().find(|r| r["authorizer"] == "cached").expect("a cached request");
    assert_eq!(bug["status"], 403);
    assert!(bug["note"].as_str().unwrap().contains("caching bug"));
    // petstore: the same token on a second route is cached, and right.
    let petstore = example("petstore");
    assert_eq!((&petstore[1]["authorizer"], &petstore[1]["status"]), (&Value::from("cached"), &Value::from(200)));
    // jwt-oidc: real signed tokens from the local issuer, examples/scenarios/jwt-oidc.json.
    let jwt_built = bin_dir().join("jwt-oidc").is_file();
    if jwt_built {
        let jwt = example("jwt-oidc");
        for (status, call) in
            [(200, "invoked"), (403, "cached"), (403, "invoked"), (401, "invoked"), (401, "not invoked")]
        {
            assert!(seen(&jwt, status, call), "jwt-oidc: no {status} {call}");
        }
    }

    // The tables, as the README shows them.
    let text = gateway(&["demo", "--no-build"]);
    assert_eq!(text.code, Some(0), "{text:#?}");
    for example in ["aws-docs-token", "aws-docs-request", "petstore"].into_iter().chain(jwt_built.then_some("jwt-oidc"))
    {
        assert!(text.stdout.contains(&format!("\n{example}: ")), "{}", text.stdout);
    }
    assert!(text.stdout.contains("the classic caching bug"), "{}", text.stdout);
}
