//! `cargo run -p authorizer-tests --bin demo`: builds the example authorizers and runs each
//! one, as the real binary, under the local Lambda Runtime API, printing what each request's
//! authorizer posted and what API Gateway answers the client.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use authorizer_core::testing::gateway_status;
use authorizer_core::{ApiKind, ErrorReply, ErrorType, MethodArn, Reply};
use authorizer_tests::{Function, Invocation, Outcome, RuntimeApi};
use serde_json::{Value, json};

const STAGE: &str = "arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod";

/// The petstore example's token table: token, user id, role.
const PETSTORE_USERS: &str = "tk_reader_demo_0001 u-1 reader; tk_editor_demo_0002 u-2 editor; \
                              tk_admin__demo_0003 u-3 admin; tk_banned_demo_0004 u-4 reader suspended";

/// One request of the demo: what the client calls, and with which credential.
struct Request {
    verb: &'static str,
    path: &'static str,
    credential: &'static str,
}

const fn request(verb: &'static str, path: &'static str, credential: &'static str) -> Request {
    Request { verb, path, credential }
}

impl Request {
    fn method_arn(&self) -> String {
        format!("{STAGE}/{}{}", self.verb, self.path)
    }

    fn token_event(&self) -> Value {
        json!({"type": "TOKEN", "authorizationToken": self.credential, "methodArn": self.method_arn()})
    }

    /// The AWS REQUEST sample's identity sources, with the credential as header `HeaderAuth1`.
    fn request_event(&self) -> Value {
        json!({
            "type": "REQUEST",
            "methodArn": self.method_arn(),
            "resource": self.path, "path": self.path, "httpMethod": self.verb,
            "headers": {"HeaderAuth1": self.credential},
            "queryStringParameters": {"QueryString1": "queryValue1"},
            "stageVariables": {"StageVar1": "stageValue1"},
            "requestContext": {"path": self.path, "stage": "prod", "httpMethod": self.verb}
        })
    }
}

struct Example {
    name: &'static str,
    about: &'static str,
    env: &'static [(&'static str, &'static str)],
    event: fn(&Request) -> Value,
    requests: &'static [Request],
}

const EXAMPLES: &[Example] = &[
    Example {
        name: "aws-docs-token",
        about: "the AWS documentation's TOKEN sample",
        env: &[],
        event: Request::token_event,
        requests: &[
            request("GET", "/pets", "allow"),
            request("GET", "/pets", "deny"),
            request("GET", "/pets", "unauthorized"),
            request("GET", "/pets", "fail"),
        ],
    },
    Example {
        name: "aws-docs-request",
        about: "the AWS documentation's REST REQUEST sample",
        env: &[],
        event: Request::request_event,
        requests: &[request("GET", "/request", "headerValue1"), request("GET", "/request", "wrongValue")],
    },
    Example {
        name: "petstore",
        about: "roles and a route allow-list that stays right under API Gateway's policy cache",
        env: &[("PETSTORE_USERS", PETSTORE_USERS)],
        event: Request::token_event,
        requests: &[
            request("GET", "/pets/7", "Bearer tk_reader_demo_0001"),
            request("POST", "/pets", "Bearer tk_reader_demo_0001"),
            request("POST", "/pets", "Bearer tk_editor_demo_0002"),
            request("GET", "/users/u-1/orders", "Bearer tk_reader_demo_0001"),
            request("GET", "/users/u-2/orders", "Bearer tk_reader_demo_0001"),
            request("DELETE", "/pets/7", "Bearer tk_admin__demo_0003"),
            request("GET", "/internal/metrics", "Bearer tk_admin__demo_0003"),
            request("GET", "/pets/7", "Bearer tk_banned_demo_0004"),
            request("GET", "/pets/7", "Bearer tk_nobody_demo_0005"),
            request("GET", "/pets/7", "Basic dXNlcjpwYXNz"),
        ],
    },
    Example {
        name: "multi-api",
        about: "one function for REST, HTTP and WebSocket APIs (here behind a REST TOKEN authorizer)",
        env: &[("MULTI_API_TOKENS", "tk_multi_demo_0001 u-1")],
        event: Request::token_event,
        requests: &[
            request("GET", "/pets/7", "Bearer tk_multi_demo_0001"),
            request("DELETE", "/admin/users/2", "Bearer tk_multi_demo_0001"),
            request("GET", "/pets/7", "Bearer tk_nobody_demo_0002"),
            request("GET", "/pets/7", "Basic dXNlcjpwYXNz"),
        ],
    },
];

/// What API Gateway answers the client, with its default body (AWS-FACTS §3.4).
fn answer(status: u16, explicit_deny: bool) -> &'static str {
    match (status, explicit_deny) {
        (200, _) => "200  (the backend is called)",
        (401, _) => r#"401  {"message":"Unauthorized"}"#,
        (403, true) => r#"403  {"Message":"User is not authorized to access this resource with an explicit deny"}"#,
        (403, false) => r#"403  {"Message":"User is not authorized to access this resource"}"#,
        _ => r#"500  {"message": null}"#,
    }
}

/// A short account of what the function posted to the Runtime API.
fn posted(invocation: &Invocation) -> (String, Reply) {
    match &invocation.outcome {
        Outcome::Response(policy) => {
            let effects: Vec<&str> = policy["policyDocument"]["Statement"]
                .as_array()
                .map(|statements| statements.iter().filter_map(|s| s["Effect"].as_str()).collect())
                .unwrap_or_default();
            let principal = policy["principalId"].as_str().unwrap_or("?");
            (format!("policy {} for {principal}", effects.join("+")), Reply::Response(policy.to_string()))
        }
        Outcome::Error { body, .. } => {
            let kind = body["errorType"].as_str().unwrap_or("?");
            let error = ErrorReply {
                // A type the framework does not post is a failure all the same.
                error_type: kind.parse().unwrap_or(ErrorType::AuthorizerError),
                error_message: body["errorMessage"].as_str().unwrap_or_default().to_owned(),
            };
            (format!("error {kind}"), Reply::Error(error))
        }
    }
}

/// Whether a Deny statement of the posted policy covers the request (403 "explicit deny").
fn explicit_deny(invocation: &Invocation, arn: &MethodArn) -> bool {
    let Outcome::Response(policy) = &invocation.outcome else { return false };
    let mut deny_only = policy.clone();
    if let Some(statements) = deny_only["policyDocument"]["Statement"].as_array_mut() {
        statements.retain(|s| s["Effect"] == "Deny");
        for statement in statements.iter_mut() {
            statement["Effect"] = json!("Allow");
        }
    }
    gateway_status(&Reply::Response(deny_only.to_string()), arn.as_str(), ApiKind::Rest) == 200
}

/// Builds the examples with the same cargo, profile and target directory as this program.
fn build_examples(bin_dir: &Path) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let target_dir = bin_dir.parent().ok_or("cannot find the target directory")?;
    let mut command = Command::new(cargo);
    command.args(["build", "--quiet", "-p", "authorizer-examples", "--bins", "--target-dir"]).arg(target_dir);
    if bin_dir.file_name().is_some_and(|n| n == "release") {
        command.arg("--release");
    }
    let status = command.status().map_err(|e| format!("cannot run cargo: {e}"))?;
    if status.success() { Ok(()) } else { Err(format!("building the examples failed ({status})")) }
}

fn run(example: &Example, program: &Path) {
    println!("\n{}: {}", example.name, example.about);
    println!("  {:<28} {:<30} {:<28} API Gateway answers", "request", "credential", "authorizer posts");
    let api = RuntimeApi::start();
    let mut builder = Function::builder(program).echo(false);
    for (key, value) in example.env {
        builder = builder.env(key, value);
    }
    let function = builder.spawn(&api);
    for request in example.requests {
        let invocation = api.invoke_json(&(example.event)(request));
        let arn: MethodArn = request.method_arn().parse().expect("the demo's ARNs are valid");
        let (what, reply) = posted(&invocation);
        let status = gateway_status(&reply, arn.as_str(), ApiKind::Rest);
        let credential = if request.credential.is_empty() { "(none)" } else { request.credential };
        let route = format!("{} {}", request.verb, request.path);
        println!(
            "  {route:<28} {credential:<30} {what:<28} {}",
            answer(status, status == 403 && explicit_deny(&invocation, &arn))
        );
        // The function's own log lines for this request, as CloudWatch would show them.
        for line in function.stdout().lines().filter(|l| l.contains(&invocation.request_id)) {
            let line = line.split_once("}: ").map_or(line, |(_, message)| message);
            println!("      log: {line}");
        }
    }
}

fn main() -> ExitCode {
    let Some(bin_dir) = std::env::current_exe().ok().and_then(|exe| exe.parent().map(PathBuf::from)) else {
        eprintln!("demo: cannot find where this program is");
        return ExitCode::FAILURE;
    };
    println!("Building the example authorizers...");
    if let Err(e) = build_examples(&bin_dir) {
        eprintln!("demo: {e}");
        return ExitCode::FAILURE;
    }
    println!("Each example runs as the real binary, under a local Lambda Runtime API.");
    for example in EXAMPLES {
        run(example, &bin_dir.join(example.name));
    }
    ExitCode::SUCCESS
}
