//! `authorizer-local`: a local API Gateway in front of a real Lambda authorizer binary
//! (`authorizer-local --help`).
//!
//! The binary runs as Lambda runs it, under the local Lambda Runtime API
//! ([`authorizer_local::ProcessInvoker`]), and [`authorizer_core::gateway`] plays API Gateway
//! around it: identity sources, the authorizer cache, policy evaluation, and the answer the
//! client gets. So what is tried here is byte for byte what is deployed, and the deployed
//! binary carries none of this.

/// `println!` that does not panic when standard output is closed (`authorizer-local ... | head`).
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

/// `print!` that does not panic when standard output is closed.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout().lock(), $($arg)*);
    }};
}

mod demo;
mod invoke;
mod serve;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::{Arg, ArgAction, ArgMatches, Command, value_parser};

use authorizer_local::Failure;
use authorizer_local::scenario;
use authorizer_local::settings::{self, ApiArg, Settings};

/// The command's name, in messages.
const NAME: &str = "authorizer-local";

const ABOUT: &str = "A local API Gateway in front of a real Lambda authorizer binary";

const LONG_ABOUT: &str = "\
A local API Gateway in front of a real Lambda authorizer binary.

The binary runs as Lambda runs it, under a local Lambda Runtime API, and the gateway plays API
Gateway around it: it checks identity sources (401 without invoking), caches the authorizer's
answers (TTL, keyed by the token or the identity-source values, re-judged for every route),
evaluates the policy as API Gateway does, and gives the client the answer the deployed API
would (200, 401, 403, 500, with API Gateway's bodies and x-amzn-ErrorType), and the backend
what it would see. What you try here is byte for byte what you deploy.";

const AFTER_HELP: &str = "\
Kinds of API (--api):
  rest-token     REST API, TOKEN authorizer: token from the Authorization header, TTL 300 s
  rest-request   REST API, REQUEST authorizer: TTL 300 s, which needs identity sources (or --ttl 0)
  http           HTTP API, payload format 2.0 (simple or IAM responses): TTL 0
  http-v1        HTTP API, payload format 1.0: TTL 0
  websocket      WebSocket API, the $connect route: TTL 0

Install it with `cargo install --path authorizer-local` from a clone of this repository.

Examples:
  cargo run -p authorizer-local -- demo      (from a clone: builds the examples and runs them)
  authorizer-local invoke target/debug/aws-docs-token event.json
  authorizer-local serve --api rest-token target/debug/petstore --env PETSTORE_USERS='tk_reader_demo_0001 u-1 reader'
  authorizer-local scenario target/debug/petstore examples/scenarios/petstore.json
  authorizer-local serve --api rest-token target/debug/jwt-oidc --local-issuer
  authorizer-local scenario target/debug/jwt-oidc examples/scenarios/jwt-oidc.json

The binary sees Lambda's environment only (AWS_LAMBDA_RUNTIME_API, AWS_REGION...): give it
variables with --env NAME=VALUE.

JWT authorizers without an identity provider: --local-issuer (serve, scenario) starts a local
OpenID Connect issuer on 127.0.0.1 and gives the binary JWT_ISSUER (its URL),
JWT_AUDIENCE=local-api and JWT_JWKS_URL (its key set), as examples/src/bin/jwt-oidc.rs reads
them (--env overrides them). `serve` prints curl commands with tokens it signed; a scenario's
requests carry tokens with the claims they give (\"token\", see `authorizer-local scenario --help`).

Exit status: 0 done (serve: stopped by Ctrl-C or SIGTERM); 1 failed (binary missing or not an
authorizer, its initialisation failed, a scenario's expectation not met, demo outside a clone of
this repository); 2 usage error.";

const SCENARIO_HELP: &str = "\
The scenario file, JSON (only \"requests\" and each request's \"path\" are required):

  {
    \"description\": \"printed above the table\",
    \"api\": \"rest-token\",                       the kind of API, unless --api gives it
    \"ttl\": 300,                                the cache's TTL in seconds; 0 turns it off
    \"tokenSource\": \"Authorization\",            rest-token: the header holding the token
    \"validationExpression\": \"^Bearer .+$\",     rest-token: unmatched tokens get 401, not invoked
    \"identitySources\": [\"method.request.header.Authorization\"],     the other kinds
    \"stageVariables\": {\"StageVar1\": \"stageValue1\"},
    \"env\": {\"PETSTORE_USERS\": \"tk_reader_demo_0001 u-1 reader\"},   the binary's environment
    \"localIssuer\": true,                       start a local issuer for \"token\" (below)
    \"requests\": [
      {
        \"method\": \"GET\",                         default GET
        \"path\": \"/pets/7?expand=owner\",          may hold a query string
        \"resource\": \"/pets/{id}\",                the resource (route) template; default the path
        \"headers\": {\"Authorization\": \"Bearer tk_reader_demo_0001\"},
        \"query\": {\"limit\": \"2\", \"tag\": [\"a\", \"b\"]},   a list repeats the name
        \"token\": {\"sub\": \"u-1\", \"scope\": \"pets:read\"},   a token with these claims (below)
        \"advance\": 301,                          first move the gateway's clock, in seconds
        \"note\": \"printed under the table\",
        \"expect\": {\"status\": 200, \"authorizer\": \"cached\"}   checked; exit 1 if not met
      }
    ]
  }

Options given on the command line override the file's (--env and --stage-variable add to it).
\"authorizer\" in \"expect\" is \"invoked\", \"cached\" or \"not invoked\".

Real signed tokens (JWTs): with \"localIssuer\": true (or --local-issuer) the gateway starts a
local OpenID Connect issuer on 127.0.0.1 and gives the binary JWT_ISSUER (its URL),
JWT_AUDIENCE=local-api and JWT_JWKS_URL (its key set); \"env\" or --env overrides them. A
request's \"token\" is then signed by it and sent as \"Authorization: Bearer <jwt>\" (in the
tokenSource header, if given). The claims get iss, aud (local-api), iat and exp (an hour
ahead) unless they give them: \"exp\": 1 is an expired token, \"aud\": \"another-api\" one for
another API, and null leaves a claim out. The same claims send the same token. A \"token\"
without the local issuer is a usage error. examples/scenarios/jwt-oidc.json is an example.

The table: # (the request's number), request (method, path, query names), credential (the
token, minted ones included, or the header and query-string identity sources; masked: an
authentication scheme such as Bearer kept, then at most the first 4 characters of the rest,
and at most half of it, then …), authorizer (invoked, cached, or not invoked: API Gateway
answered by itself), status (what the client gets), reason (why). An HTTP API simple response
({\"isAuthorized\": ...}) is one yes or no, cached for every route: when a cached one answers
another route than the one it was computed for, the reason names that route.

With --json, one JSON document: {\"requests\": [...], \"failedExpectations\": [...]}, each
request with index, clock, method, path, credential, token (the claims of a minted token, or
null), authorizer, status, body, errorType (the x-amzn-ErrorType header), reason, methodArn,
backend ({principalId, authorizer}: what the backend sees, or null), unevaluatedConditions,
simpleResponseFor (the route a cached simple response answering another route was computed
for, as \"GET /pets/1\", or null), note and expect.";

const INVOKE_HELP: &str = "\
Prints what the binary posted to the Lambda Runtime API (the response body as posted, or the
error's type and message), then API Gateway's answer for the event's own methodArn (routeArn
for HTTP APIs): status, body, x-amzn-ErrorType, why, and what the backend sees; then the
binary's log lines. The kind of API is read from the event unless --api gives it.";

const SERVE_HELP: &str = "\
Every request the server receives goes through the gateway: identity sources, the cache (whose
clock is the wall clock here), the authorizer, the policy. A request let through is answered
200 by a stub backend, with a JSON body holding the method, path, query, principalId and
requestContext.authorizer as the backend would get it; the others get API Gateway's own answer
(401, 403, 500, 414) with its body and x-amzn-ErrorType header. A WebSocket API's requests are
all $connect (no upgrade happens: 200 means the connection would open).

One line is logged per request: method, path, invoked / cached / not invoked, status, reason.
Header and query values are never logged, so neither are tokens.

With --local-issuer, a local OpenID Connect issuer starts first, and the binary gets JWT_ISSUER
(its URL), JWT_AUDIENCE=local-api and JWT_JWKS_URL (its key set), unless --env gives them.
Before `listening on`, a `try: curl ... /<path>` line (put a path of your API there) is
printed per token it signed: one per --token-claims, or one for
{\"sub\":\"u-1\",\"scope\":\"pets:read\"}. They expire in an hour unless the claims give
another \"exp\"; restart to get new ones.

Ctrl-C (SIGINT) or SIGTERM stops the server and the authorizer process; the exit status is
then 0.

Examples:
  authorizer-local serve --api rest-token target/debug/petstore --validation-expression '^Bearer [-0-9A-Za-z._~+/]+=*$' \\
      --env PETSTORE_USERS='tk_reader_demo_0001 u-1 reader'
  curl -i -H 'Authorization: Bearer tk_reader_demo_0001' localhost:3000/pets/1     # 200, the backend's body
  curl -i -X POST -H 'Authorization: Bearer tk_reader_demo_0001' localhost:3000/pets   # 403, cached

  authorizer-local serve --api rest-token target/debug/jwt-oidc --local-issuer \\
      --token-claims '{\"sub\":\"u-1\",\"scope\":\"pets:read\"}' --token-claims '{\"sub\":\"u-2\",\"scope\":\"pets:write\"}'
  try: curl -i -H 'Authorization: Bearer eyJhbGciOiJSUzI1NiIs...' http://127.0.0.1:3000/<path>   # {\"scope\":\"pets:read\",\"sub\":\"u-1\"}";

const DEMO_HELP: &str = "\
Builds the example authorizers of this repository (authorizer-examples), then runs five of
them, each as the real binary behind the gateway, through built-in scenarios, and prints a
table for each: allows, denies (403), 401s from the authorizer and from API Gateway itself (a
missing identity source: not invoked), a 500, and the cache serving later requests (right for
petstore; the classic caching bug for aws-docs-token); jwt-oidc verifies real signed tokens
from a local issuer (examples/scenarios/jwt-oidc.json). Every request states what it must get:
the demo exits 1 if one does not.

It needs a clone of this repository: it runs in one (the current directory or above), and says
so otherwise. From the clone, `cargo run -p authorizer-local -- demo` builds the examples into
the same target directory and profile; an installed authorizer-local builds them into the
clone's target directory ($CARGO_TARGET_DIR, else target/), debug profile.";

fn api_arg() -> Arg {
    Arg::new("api")
        .long("api")
        .value_name("KIND")
        .value_parser(ApiArg::NAMES)
        .help("The kind of API (see authorizer-local --help)")
}

fn binary_arg() -> Arg {
    Arg::new("binary")
        .value_name("BINARY")
        .required(true)
        .value_parser(value_parser!(PathBuf))
        .help("The authorizer binary, e.g. target/debug/petstore")
}

fn env_arg() -> Arg {
    Arg::new("env")
        .long("env")
        .value_name("NAME[=VALUE]")
        .action(ArgAction::Append)
        .help("Sets a variable of the binary's environment (repeatable); NAME alone passes this shell's value")
}

fn json_arg(what: &str) -> Arg {
    Arg::new("json").long("json").action(ArgAction::SetTrue).help(format!("Prints {what} as one JSON document"))
}

fn local_issuer_arg() -> Arg {
    Arg::new("local-issuer")
        .long("local-issuer")
        .action(ArgAction::SetTrue)
        .help("Starts a local OpenID Connect issuer, and gives the binary JWT_ISSUER, JWT_AUDIENCE and JWT_JWKS_URL")
}

fn logs_arg() -> Arg {
    Arg::new("logs").long("logs").action(ArgAction::SetTrue).help("Also prints the authorizer's own log lines (stderr)")
}

/// The gateway's settings, for `serve` and `scenario`.
fn gateway_args() -> [Arg; 5] {
    [
        Arg::new("ttl")
            .long("ttl")
            .value_name("SECONDS")
            .value_parser(value_parser!(u64))
            .help("The authorizer cache's TTL: 0 turns it off, 3600 at most [default: 300 for REST, else 0]"),
        Arg::new("identity-source")
            .long("identity-source")
            .value_name("EXPR")
            .action(ArgAction::Append)
            .help("An identity source (repeatable): without it, 401 and not invoked; its values key the cache")
            .long_help(
                "An identity source (repeatable), in API Gateway's syntax for the kind of API:\n  \
                 REST       method.request.header.NAME, method.request.querystring.NAME, stageVariables.NAME, context.NAME\n  \
                 HTTP       $request.header.name, $request.querystring.name, $stageVariables.name, $context.name\n  \
                 WebSocket  route.request.header.NAME, route.request.querystring.NAME, stageVariables.NAME, context.NAME\n\
                 A request without one gets 401 and the authorizer is not invoked; their values key the cache.",
            ),
        Arg::new("token-source")
            .long("token-source")
            .value_name("HEADER")
            .help("rest-token: the header holding the token [default: Authorization]"),
        Arg::new("validation-expression")
            .long("validation-expression")
            .value_name("RE")
            .help("rest-token: a token it does not match gets 401 and the authorizer is not invoked (anchor it: ^...$)"),
        Arg::new("stage-variable")
            .long("stage-variable")
            .value_name("NAME=VALUE")
            .action(ArgAction::Append)
            .help("A stage variable (repeatable)"),
    ]
}

fn cli() -> Command {
    Command::new(NAME)
        .about(ABOUT)
        .long_about(LONG_ABOUT)
        .after_long_help(AFTER_HELP)
        .subcommand_required(true)
        .arg_required_else_help(true)
        .subcommand(
            Command::new("demo")
                .about("Builds the example authorizers and runs them behind the gateway: the README's main command")
                .long_about(DEMO_HELP)
                .arg(json_arg("the results"))
                .arg(
                    Arg::new("no-build")
                        .long("no-build")
                        .action(ArgAction::SetTrue)
                        .help("Uses the example binaries already built (where the demo would build them)"),
                ),
        )
        .subcommand(
            Command::new("invoke")
                .about("Invokes the binary on an event file: what it posted, and what API Gateway answers")
                .after_long_help(INVOKE_HELP)
                .arg(api_arg())
                .arg(binary_arg())
                .arg(
                    Arg::new("event")
                        .value_name("EVENT")
                        .required(true)
                        .value_parser(value_parser!(PathBuf))
                        .help("The event, a JSON file as API Gateway sends it"),
                )
                .arg(env_arg())
                .arg(logs_arg())
                .arg(json_arg("the result")),
        )
        .subcommand(
            Command::new("serve")
                .about("Serves HTTP on 127.0.0.1 as API Gateway, with the binary as authorizer and a stub backend")
                .after_long_help(SERVE_HELP)
                .arg(api_arg().required(true))
                .arg(binary_arg())
                .arg(
                    Arg::new("port")
                        .long("port")
                        .value_name("N")
                        .value_parser(value_parser!(u16))
                        .default_value("3000")
                        .help("The port, on 127.0.0.1 only (0: any free port; the first line printed says which)"),
                )
                .args(gateway_args())
                .arg(env_arg())
                .arg(local_issuer_arg())
                .arg(
                    Arg::new("token-claims")
                        .long("token-claims")
                        .value_name("JSON")
                        .action(ArgAction::Append)
                        .requires("local-issuer")
                        .value_parser(|text: &str| {
                            let value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
                            settings::claims(value, "--token-claims")
                        })
                        .help(format!(
                            "With --local-issuer: prints a curl command with a token of these claims (repeatable) \
                             [default: {}]",
                            serve::DEFAULT_CLAIMS
                        )),
                )
                .arg(logs_arg()),
        )
        .subcommand(
            Command::new("scenario")
                .about("Runs a scripted sequence of requests through the gateway and prints a table")
                .after_long_help(SCENARIO_HELP)
                .arg(api_arg())
                .arg(binary_arg())
                .arg(
                    Arg::new("scenario")
                        .value_name("SCENARIO")
                        .required(true)
                        .value_parser(value_parser!(PathBuf))
                        .help("The scenario, a JSON file (format below, with --help)"),
                )
                .args(gateway_args())
                .arg(env_arg())
                .arg(local_issuer_arg())
                .arg(logs_arg())
                .arg(json_arg("the results")),
        )
}

fn one<'a, T: Clone + Send + Sync + 'static>(matches: &'a ArgMatches, id: &str) -> Option<&'a T> {
    matches.try_get_one::<T>(id).ok().flatten()
}

fn many<'a, T: Clone + Send + Sync + 'static>(matches: &'a ArgMatches, id: &str) -> impl Iterator<Item = &'a T> {
    matches.try_get_many::<T>(id).ok().flatten().into_iter().flatten()
}

fn flag(matches: &ArgMatches, id: &str) -> bool {
    one::<bool>(matches, id).copied().unwrap_or(false)
}

/// The settings given on the command line.
fn settings(matches: &ArgMatches) -> Result<Settings, Failure> {
    Ok(Settings {
        api: one::<String>(matches, "api").and_then(|name| ApiArg::parse(name)),
        ttl: one::<u64>(matches, "ttl").copied(),
        identity_sources: many(matches, "identity-source").cloned().collect(),
        token_source: one::<String>(matches, "token-source").cloned(),
        validation_expression: one::<String>(matches, "validation-expression").cloned(),
        stage_variables: many::<String>(matches, "stage-variable")
            .map(|text| settings::name_value(text, "--stage-variable"))
            .collect::<Result<_, _>>()?,
        env: many::<String>(matches, "env").map(|text| settings::env_var(text)).collect::<Result<_, _>>()?,
        local_issuer: flag(matches, "local-issuer"),
    })
}

fn binary(matches: &ArgMatches) -> &Path {
    one::<PathBuf>(matches, "binary").map_or(Path::new(""), PathBuf::as_path)
}

/// Runs `authorizer-local scenario`.
fn scenario(matches: &ArgMatches) -> Result<ExitCode, Failure> {
    let path = one::<PathBuf>(matches, "scenario").map_or(Path::new(""), PathBuf::as_path);
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::Failed(format!("cannot read the scenario file {}: {e}", path.display())))?;
    let scenario =
        scenario::parse(&text).map_err(|e| Failure::Usage(format!("the scenario file {}: {e}", path.display())))?;
    let settings = scenario.settings.overlay(settings(matches)?);
    settings.check()?;
    scenario::check_tokens(&settings, &scenario.steps)
        .map_err(|e| Failure::Usage(format!("the scenario file {}: {e}", path.display())))?;
    let binary = binary(matches);
    let rows = scenario::run_binary(&settings, &scenario.steps, binary, flag(matches, "logs"))?;
    let failed: Vec<String> = rows.iter().filter_map(scenario::Row::failed_expectation).collect();
    if flag(matches, "json") {
        outln!("{:#}", scenario::results_json(&settings, &binary.display().to_string(), &rows));
    } else {
        outln!("{} behind a local API Gateway: {}", binary.display(), settings.describe()?);
        if let Some(description) = &scenario.description {
            outln!("{description}");
        }
        outln!();
        out!("{}", scenario::table(&rows));
        let checked = rows.iter().filter(|r| r.expect.is_some()).count();
        if checked > 0 {
            outln!("\nexpectations: {} of {checked} met", checked - failed.len());
        }
    }
    if failed.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    for failure in &failed {
        eprintln!("{NAME} scenario: {failure}");
    }
    Ok(ExitCode::FAILURE)
}

fn main() -> ExitCode {
    let matches = cli().get_matches();
    let Some((name, sub)) = matches.subcommand() else {
        return ExitCode::from(2); // `subcommand_required` makes clap exit before this.
    };
    let result = match name {
        "demo" => demo::run(!flag(sub, "no-build"), flag(sub, "json")),
        "invoke" => settings(sub).and_then(|settings| {
            let event = one::<PathBuf>(sub, "event").map_or(Path::new(""), PathBuf::as_path);
            invoke::run(settings, binary(sub), event, flag(sub, "json"), flag(sub, "logs"))
        }),
        "serve" => settings(sub).and_then(|settings| {
            let port = one::<u16>(sub, "port").copied().unwrap_or(3000);
            let token_claims: Vec<serde_json::Value> = many(sub, "token-claims").cloned().collect();
            serve::run(&settings, binary(sub), port, flag(sub, "logs"), &token_claims)
        }),
        "scenario" => scenario(sub),
        _ => unreachable!("clap accepts only the subcommands above"),
    };
    match result {
        Ok(code) => code,
        Err(Failure::Usage(message)) => {
            let mut command = cli();
            command.build();
            let error = match command.find_subcommand_mut(name) {
                Some(sub) => sub.error(ErrorKind::ValueValidation, message),
                None => command.error(ErrorKind::ValueValidation, message),
            };
            let _ = error.print();
            ExitCode::from(2)
        }
        Err(Failure::Failed(message)) => {
            eprintln!("{NAME} {name}: {message}");
            ExitCode::FAILURE
        }
    }
}
