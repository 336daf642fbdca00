//! `authorizer-local demo`, the README's main command: builds the example authorizers, then runs each,
//! as the real binary, behind the local API Gateway through a built-in scenario, and prints
//! the tables. Each request states what it must get; the demo fails (exit 1) if one does not.
//!
//! The examples are this repository's (`authorizer-examples`), so the demo runs in a clone of
//! it: it looks for one in the current directory and above, and says so when there is none.
//! It builds them into the target directory this program runs from (`cargo run -p
//! authorizer-local -- demo`), or, for an installed `authorizer-local`, into the clone's own
//! (`$CARGO_TARGET_DIR`, else `target/`), debug profile.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use serde_json::{Value, json};

use crate::Failure;
use crate::scenario::{self, Row};

/// The petstore example's token table: token, user id, role.
const PETSTORE_USERS: &str = "tk_reader_demo_0001 u-1 reader; tk_editor_demo_0002 u-2 editor; \
                              tk_admin__demo_0003 u-3 admin; tk_banned_demo_0004 u-4 reader suspended";

/// One example and its scenario (in the scenario file format).
struct Example {
    name: &'static str,
    about: &'static str,
    scenario: Script,
}

/// Where an example's scenario comes from.
enum Script {
    /// Written here.
    Built(fn() -> Value),
    /// A scenario file of the repository, by its path from the repository's root.
    File(&'static str),
}

impl Script {
    fn load(&self, repository: &Path) -> Result<Value, String> {
        match self {
            Self::Built(scenario) => Ok(scenario()),
            Self::File(path) => {
                let text = std::fs::read_to_string(repository.join(path)).map_err(|e| format!("{path}: {e}"))?;
                serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))
            }
        }
    }
}

/// A request of a demo scenario, and what it must get.
fn request(method: &str, path: &str, headers: Value, status: u16, call: &str) -> Value {
    json!({
        "method": method,
        "path": path,
        "headers": headers,
        "expect": {"status": status, "authorizer": call},
    })
}

/// `request` with `key` set to `value` (`note`, `advance`).
fn with(mut request: Value, key: &str, value: impl Into<Value>) -> Value {
    request[key] = value.into();
    request
}

fn authorization(value: &str) -> Value {
    json!({"Authorization": value})
}

fn aws_docs_token() -> Value {
    let get = |path: &str, token: &str, status: u16, call: &str| {
        let headers = if token.is_empty() { json!({}) } else { authorization(token) };
        request("GET", path, headers, status, call)
    };
    json!({
        "api": "rest-token",
        "ttl": 300,
        "requests": [
            get("/pets", "allow", 200, "invoked"),
            get("/pets", "deny", 403, "invoked"),
            get("/pets", "unauthorized", 401, "invoked"),
            get("/pets", "fail", 500, "invoked"),
            get("/pets", "", 401, "not invoked"),
            with(
                get("/pets/7", "allow", 403, "cached"),
                "note",
                "the classic caching bug: request 1's policy, cached for this token, allows GET /pets only \
                 (examples/template.yaml deploys this sample with TTL 0)",
            ),
            with(
                with(get("/pets/7", "allow", 200, "invoked"), "advance", 300),
                "note",
                "300 s later the cached policy has expired: the authorizer runs again, for GET /pets/7",
            ),
        ],
    })
}

fn aws_docs_request() -> Value {
    let get = |path: &str, header: &str, status: u16, call: &str| {
        request("GET", path, json!({"HeaderAuth1": header}), status, call)
    };
    json!({
        "api": "rest-request",
        "ttl": 0,
        "identitySources": [
            "method.request.header.HeaderAuth1",
            "method.request.querystring.QueryString1",
            "stageVariables.StageVar1",
        ],
        "stageVariables": {"StageVar1": "stageValue1"},
        "requests": [
            get("/request?QueryString1=queryValue1", "headerValue1", 200, "invoked"),
            get("/request?QueryString1=queryValue1", "wrongValue", 401, "invoked"),
            with(
                get("/request", "headerValue1", 401, "not invoked"),
                "note",
                "API Gateway checks the identity sources first: without QueryString1 it answers 401 and never \
                 invokes the authorizer",
            ),
        ],
    })
}

fn petstore() -> Value {
    let call = |method: &str, path: &str, token: &str, status: u16, call: &str| {
        request(method, path, authorization(token), status, call)
    };
    let reader = "Bearer tk_reader_demo_0001";
    json!({
        "api": "rest-token",
        "ttl": 300,
        "validationExpression": "^Bearer [-0-9A-Za-z._~+/]+=*$",
        "env": {"PETSTORE_USERS": PETSTORE_USERS},
        "requests": [
            call("GET", "/pets/7", reader, 200, "invoked"),
            with(
                call("GET", "/users/u-1/orders", reader, 200, "cached"),
                "note",
                "same token, another route: the cached policy lists every route of the reader's role, so it \
                 answers as a fresh call would",
            ),
            call("POST", "/pets", reader, 403, "cached"),
            call("POST", "/pets", "Bearer tk_editor_demo_0002", 200, "invoked"),
            call("GET", "/internal/metrics", "Bearer tk_admin__demo_0003", 403, "invoked"),
            call("GET", "/pets/7", "Bearer tk_banned_demo_0004", 403, "invoked"),
            call("GET", "/pets/7", "Bearer tk_nobody_demo_0005", 401, "invoked"),
            with(
                call("GET", "/pets/7", "Basic dXNlcjpwYXNz", 401, "not invoked"),
                "note",
                "not `Bearer <token>`: the validation expression refuses it before any invocation",
            ),
            with(call("GET", "/pets", reader, 200, "invoked"), "advance", 300),
        ],
    })
}

fn aws_docs_http_simple() -> Value {
    let get = |path: &str, token: Option<&str>, status: u16, call: &str| {
        let headers = token.map_or_else(|| json!({}), |token| json!({"authorization": token}));
        request("GET", path, headers, status, call)
    };
    json!({
        "api": "http",
        "ttl": 300,
        "identitySources": ["$request.header.authorization"],
        "requests": [
            get("/simple", Some("secretToken"), 200, "invoked"),
            get("/simple", Some("wrongToken"), 403, "invoked"),
            get("/simple", None, 401, "not invoked"),
            with(
                get("/other", Some("secretToken"), 200, "cached"),
                "note",
                "an HTTP API caches per identity-source value, for every route: right here, as the answer \
                 ignores the route",
            ),
        ],
    })
}

const EXAMPLES: &[Example] = &[
    Example {
        name: "aws-docs-token",
        about: "the AWS documentation's TOKEN sample",
        scenario: Script::Built(aws_docs_token),
    },
    Example {
        name: "aws-docs-request",
        about: "the AWS documentation's REST REQUEST sample",
        scenario: Script::Built(aws_docs_request),
    },
    Example {
        name: "petstore",
        about: "roles, and a route allow-list that stays right under API Gateway's cache",
        scenario: Script::Built(petstore),
    },
    Example {
        name: "aws-docs-http-simple",
        about: "the AWS documentation's HTTP API sample, simple responses",
        scenario: Script::Built(aws_docs_http_simple),
    },
    Example {
        name: "jwt-oidc",
        about: "JWTs from any OIDC issuer, here real signed tokens from a local one; scopes to routes",
        // Real signed tokens from a local issuer.
        scenario: Script::File("examples/scenarios/jwt-oidc.json"),
    },
];

/// The clone of this repository that holds the current directory, if any.
fn repository() -> Option<PathBuf> {
    let here = std::env::current_dir().ok()?;
    let is_ours = |dir: &Path| {
        std::fs::read_to_string(dir.join("examples/Cargo.toml"))
            .is_ok_and(|manifest| manifest.contains("name = \"authorizer-examples\""))
    };
    here.ancestors().find(|dir| is_ours(dir)).map(Path::to_path_buf)
}

/// What the demo needs, when it is not run in a clone.
fn needs_a_clone() -> Failure {
    let here = std::env::current_dir().map_or_else(|_| "the current directory".into(), |dir| dir.display().to_string());
    Failure::Failed(format!(
        "the demo builds and runs this repository's example authorizers, so it runs in a clone of it, and \
         {here} is not in one (no examples/Cargo.toml of authorizer-examples here or above). Run it from a \
         clone:\n  git clone {repo}\n  cd authorizer && authorizer-local demo   # or: cargo run -p authorizer-local -- demo\n\
         Your own authorizer needs no clone: `authorizer-local invoke`, `serve` and `scenario` run any built \
         binary (see --help).",
        repo = env!("CARGO_PKG_REPOSITORY"),
    ))
}

/// Where the example binaries are built: next to this program when it runs from a cargo target
/// directory (`cargo run`), else the clone's target directory, debug profile.
fn bin_dir(repository: &Path) -> PathBuf {
    let exe_dir = std::env::current_exe().ok().and_then(|exe| exe.parent().map(Path::to_path_buf));
    let in_target_dir = |dir: &PathBuf| dir.parent().is_some_and(|target| target.join("CACHEDIR.TAG").is_file());
    if let Some(dir) = exe_dir.filter(in_target_dir) {
        return dir;
    }
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| repository.join("target"), PathBuf::from);
    target.join("debug")
}

/// Builds the examples of `repository` into `bin_dir`, with its profile.
fn build_examples(repository: &Path, bin_dir: &Path) -> Result<(), Failure> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let target_dir = bin_dir.parent().ok_or_else(|| Failure::Failed("cannot find the target directory".into()))?;
    let mut command = Command::new(cargo);
    command.args(["build", "--quiet", "-p", "authorizer-examples", "--bins", "--manifest-path"]);
    command.arg(repository.join("Cargo.toml")).arg("--target-dir").arg(target_dir);
    if bin_dir.file_name().is_some_and(|n| n == "release") {
        command.arg("--release");
    }
    let status = command.status().map_err(|e| Failure::Failed(format!("cannot run cargo: {e}")))?;
    if status.success() { Ok(()) } else { Err(Failure::Failed(format!("building the examples failed ({status})"))) }
}

/// One example's run: its rows, or why it was skipped.
struct Ran {
    example: &'static Example,
    gateway: String,
    binary: String,
    rows: Vec<Row>,
}

/// Runs every example found in `bin_dir`.
fn run_examples(repository: &Path, bin_dir: &Path) -> Result<Vec<Ran>, Failure> {
    let mut ran = Vec::new();
    for example in EXAMPLES {
        let binary = bin_dir.join(example.name);
        if !binary.is_file() {
            eprintln!("authorizer-local demo: skipping {}: {} is not built", example.name, binary.display());
            continue;
        }
        let scenario = example
            .scenario
            .load(repository)
            .and_then(scenario::from_value)
            .and_then(|scenario| scenario::check_tokens(&scenario.settings, &scenario.steps).map(|()| scenario))
            .map_err(|e| Failure::Failed(format!("the demo's own scenario for {} is invalid: {e}", example.name)))?;
        let settings = scenario.settings;
        let rows = scenario::run_binary(&settings, &scenario.steps, &binary, false)?;
        ran.push(Ran { example, gateway: settings.describe()?, binary: binary.display().to_string(), rows });
    }
    if ran.is_empty() {
        return Err(Failure::Failed(format!("no example authorizer is built in {}", bin_dir.display())));
    }
    Ok(ran)
}

/// Runs `authorizer-local demo`.
pub fn run(build: bool, json_output: bool) -> Result<ExitCode, Failure> {
    let repository = repository().ok_or_else(needs_a_clone)?;
    let bin_dir = bin_dir(&repository);
    if build {
        eprintln!("Building the example authorizers...");
        build_examples(&repository, &bin_dir)?;
    }
    let ran = run_examples(&repository, &bin_dir)?;
    let failed: Vec<String> = ran.iter().flat_map(|r| r.rows.iter().filter_map(Row::failed_expectation)).collect();
    if json_output {
        let examples: Vec<Value> = ran
            .iter()
            .map(|r| {
                json!({
                    "name": r.example.name,
                    "about": r.example.about,
                    "binary": r.binary,
                    "gateway": r.gateway,
                    "requests": r.rows.iter().map(scenario::row_json).collect::<Vec<_>>(),
                })
            })
            .collect();
        outln!("{:#}", json!({"examples": examples, "failedExpectations": failed}));
    } else {
        outln!(
            "Each example runs as the real binary, under a local Lambda Runtime API, behind a local API Gateway.\n\
             authorizer: invoked, cached (API Gateway used the answer it cached for the same credential), or\n\
             not invoked (API Gateway answered by itself). Credentials are masked."
        );
        for r in &ran {
            outln!("\n{}: {}", r.example.name, r.example.about);
            outln!("  {}", r.gateway);
            out!("{}", scenario::table(&r.rows));
        }
        outln!("\nTry them yourself: authorizer-local serve, scenario and invoke (see --help, and the README).");
    }
    if failed.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    eprintln!(
        "authorizer-local demo: requests did not get what the demo expects (the examples or the framework changed):"
    );
    for failure in &failed {
        eprintln!("  {failure}");
    }
    Ok(ExitCode::FAILURE)
}
