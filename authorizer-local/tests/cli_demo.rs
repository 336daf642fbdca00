//! `authorizer-local demo`, the README's main command, without its build (the examples are
//! built by `cli_support::built`, as the demo would build them): its scenarios run against the
//! example binaries. The demo checks each request's expected outcome itself and exits 1 when
//! one is not met. Outside a clone of this repository it says what it needs.

mod cli_support;

use cli_support::*;
use serde_json::Value;

#[test]
fn the_demo_shows_allow_deny_401_500_and_the_cache() {
    built("aws-docs-token");
    let run = local(&["demo", "--no-build", "--json"]);
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
    let jwt = example("jwt-oidc");
    for (status, call) in [(200, "invoked"), (403, "cached"), (403, "invoked"), (401, "invoked"), (401, "not invoked")]
    {
        assert!(seen(&jwt, status, call), "jwt-oidc: no {status} {call}");
    }

    // The tables, as the README shows them.
    let text = local(&["demo", "--no-build"]);
    assert_eq!(text.code, Some(0), "{text:#?}");
    for example in ["aws-docs-token", "aws-docs-request", "petstore", "jwt-oidc"] {
        assert!(text.stdout.contains(&format!("\n{example}: ")), "{}", text.stdout);
    }
    assert!(text.stdout.contains("the classic caching bug"), "{}", text.stdout);
}

/// An installed `authorizer-local` run outside a clone: the demo says what it needs (a clone,
/// which it builds the examples of) and exits 1, and builds nothing.
#[test]
fn outside_a_clone_the_demo_says_it_needs_one() {
    let outside = std::env::temp_dir();
    assert!(
        !outside.ancestors().any(|dir| dir.join("examples/Cargo.toml").is_file()),
        "{} is in a clone",
        outside.display()
    );
    for args in [&["demo"][..], &["demo", "--no-build"]] {
        let run = local_in(args, &outside);
        assert_eq!(run.code, Some(1), "{run:#?}");
        assert!(run.stderr.contains("runs in a clone of it"), "{}", run.stderr);
        assert!(run.stderr.contains("git clone https://github.com/authorizer-rs/authorizer"), "{}", run.stderr);
        assert!(run.stdout.is_empty(), "{}", run.stdout);
        assert!(!run.stderr.contains("Building"), "{}", run.stderr);
    }
}
