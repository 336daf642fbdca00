//! `authorizer-local --help` documents every subcommand; usage errors exit 2 with a message that says
//! what to do; failures (a binary missing, or not an authorizer) exit 1.

mod cli_support;

use cli_support::*;

#[test]
fn help_documents_every_subcommand_and_kind_of_api() {
    let run = local(&["--help"]);
    assert_eq!(run.code, Some(0), "{run:#?}");
    for word in [
        "demo",
        "invoke",
        "serve",
        "scenario",
        "rest-token",
        "rest-request",
        "http-v1",
        "websocket",
        "--env",
        "--local-issuer",
    ] {
        assert!(run.stdout.contains(word), "`authorizer-local --help` does not mention {word}:\n{}", run.stdout);
    }
}

#[test]
fn each_subcommand_documents_its_options() {
    let cases: &[(&str, &[&str])] = &[
        ("demo", &["--json", "--no-build"]),
        ("invoke", &["--api", "<BINARY>", "<EVENT>", "--env", "--json", "methodArn"]),
        (
            "serve",
            &[
                "--port",
                "--ttl",
                "--identity-source",
                "--token-source",
                "--validation-expression",
                "curl",
                "--local-issuer",
                "--token-claims",
                "JWT_ISSUER",
            ],
        ),
        // The scenario file format is documented in full.
        (
            "scenario",
            &[
                "--json",
                "\"requests\"",
                "\"advance\"",
                "\"expect\"",
                "\"identitySources\"",
                "masked",
                "\"localIssuer\"",
                "\"token\"",
                "--local-issuer",
                "JWT_JWKS_URL",
            ],
        ),
    ];
    for (subcommand, words) in cases {
        let run = local(&[subcommand, "--help"]);
        assert_eq!(run.code, Some(0), "{run:#?}");
        for word in *words {
            assert!(
                run.stdout.contains(word),
                "`authorizer-local {subcommand} --help` does not mention {word}:\n{}",
                run.stdout
            );
        }
    }
}

/// Asserts that `args` is a usage error (exit 2) whose message contains `teaches` and points at
/// `--help`.
#[track_caller]
fn assert_usage_error(args: &[&str], teaches: &str) {
    let run = local(args);
    assert_eq!(run.code, Some(2), "authorizer-local {args:?}: {run:#?}");
    assert!(run.stderr.contains(teaches), "authorizer-local {args:?} should say {teaches:?}:\n{}", run.stderr);
    assert!(run.stderr.contains("--help"), "authorizer-local {args:?} should point at --help:\n{}", run.stderr);
}

#[test]
fn usage_errors_exit_2_and_say_what_to_do() {
    assert_usage_error(&[], "Commands:");
    assert_usage_error(&["bogus"], "unrecognized subcommand");
    assert_usage_error(&["serve", token_probe()], "--api <KIND>");
    assert_usage_error(&["serve", "--api", "rest-tokn", token_probe()], "rest-token");
    assert_usage_error(&["serve", "--api", "rest-token", "--tll", "0", token_probe()], "--ttl");
    assert_usage_error(&["serve", "--api", "rest-token", "--ttl", "4000", token_probe()], "3600");
    assert_usage_error(&["serve", "--api", "rest-request", request_probe()], "--identity-source");
    assert_usage_error(
        &["serve", "--api", "http", "--identity-source", "method.request.header.X", token_probe()],
        "$request.header.<name>",
    );
    assert_usage_error(
        &["serve", "--api", "rest-token", "--identity-source", "method.request.header.X", token_probe()],
        "--token-source",
    );
    assert_usage_error(&["serve", "--api", "rest-token", "--stage-variable", "novalue", token_probe()], "NAME=VALUE");
    assert_usage_error(&["serve", "--api", "rest-token", "--validation-expression", "(", token_probe()], "validation");
    assert_usage_error(&["serve", "--api", "rest-token", "--token-claims", "{}", jwt_oidc()], "--local-issuer");
    assert_usage_error(
        &["serve", "--api", "rest-token", "--local-issuer", "--token-claims", "[]", jwt_oidc()],
        "a JSON object of claims",
    );

    let no_api = temp_file("no-api.json", r#"{"requests": [{"path": "/pets"}]}"#);
    assert_usage_error(&["scenario", token_probe(), no_api.to_str().unwrap()], "--api <KIND>");
    let typo = temp_file("typo.json", r#"{"api": "rest-token", "requests": [{"pth": "/pets"}]}"#);
    assert_usage_error(&["scenario", token_probe(), typo.to_str().unwrap()], "unknown field `pth`");
    let bad_call = temp_file(
        "bad-call.json",
        r#"{"api": "rest-token", "requests": [{"path": "/", "expect": {"authorizer": "x"}}]}"#,
    );
    assert_usage_error(&["scenario", token_probe(), bad_call.to_str().unwrap()], "not invoked");
}

#[test]
fn a_missing_binary_or_one_that_is_not_an_authorizer_exits_1() {
    let event = temp_file("event.json", r#"{"type": "TOKEN", "authorizationToken": "x", "methodArn": "arn"}"#);
    let event = event.to_str().unwrap();
    let missing = local(&["invoke", "/nonexistent/authorizer", event]);
    assert_eq!(missing.code, Some(1), "{missing:#?}");
    assert!(missing.stderr.contains("no such file"), "{}", missing.stderr);

    // `authorizer-local` itself is no Lambda function: without arguments it prints its usage and exits.
    let not_an_authorizer = local(&["invoke", COMMAND, event]);
    assert_eq!(not_an_authorizer.code, Some(1), "{not_an_authorizer:#?}");
    assert!(not_an_authorizer.stderr.contains("before asking for an event"), "{}", not_an_authorizer.stderr);

    let no_event = local(&["invoke", token_probe(), "/nonexistent/event.json"]);
    assert_eq!(no_event.code, Some(1), "{no_event:#?}");
    assert!(no_event.stderr.contains("cannot read the event file"), "{}", no_event.stderr);
}
