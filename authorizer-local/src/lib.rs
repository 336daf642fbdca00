//! Run AWS API Gateway Lambda authorizers locally, as the real binaries: a local implementation
//! of the [AWS Lambda Runtime API], a process invoker that puts a binary behind
//! [`authorizer_core::gateway`] (a local API Gateway), and scenarios (scripted requests with
//! expected outcomes). The `authorizer-local` command (`authorizer-local --help`) is built on
//! this library.
//!
//! [`RuntimeApi`] serves the runtime API on `127.0.0.1` with the same wire protocol as Lambda
//! (HTTP/1.1 keep-alive, long-polling `next`), so a binary built on `lambda_runtime` (its
//! client is `lambda_runtime_api_client`) or on this framework talks to it unchanged. [`Function`] spawns such a binary with the
//! environment Lambda gives it, captures its output, and kills it when dropped.
//!
//! ```no_run
//! use authorizer_local::{Function, Outcome, RuntimeApi};
//!
//! let api = RuntimeApi::start();
//! let _function = Function::spawn("target/debug/my-authorizer", &api);
//! let invocation = api.invoke(br#"{"type":"TOKEN","authorizationToken":"allow"}"#);
//! match &invocation.outcome {
//!     Outcome::Response(policy) => assert_eq!(policy["principalId"], "user"),
//!     Outcome::Error { body, .. } => panic!("function failed: {body}"),
//! }
//! ```
//!
//! Every wait is bounded, the server stops when the [`RuntimeApi`] is dropped, and a
//! [`Function`] kills its process when dropped.
//!
//! [`ProcessInvoker`] is an [`authorizer_core::gateway::Invoker`]: a built binary behind the
//! local API Gateway, as the command runs it. [`settings::Settings`] configures that gateway
//! (kind of API, TTL, identity sources, the local JWT issuer) and starts the binary behind it;
//! [`scenario`] reads and runs scenario files (`authorizer-local scenario --help` documents the
//! format).
//!
//! [AWS Lambda Runtime API]: https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html

mod builder;
mod capture;
mod endpoint;
mod function;
mod http_server;
mod ids;
mod invocation;
mod listener;
mod process_invoker;
pub mod scenario;
mod server;
mod service;
pub mod settings;
mod state;

pub use builder::RuntimeApiBuilder;
pub use endpoint::{BASE_PATH, ERROR_TYPE_HEADER, Endpoint, INIT_ERROR_PATH, NEXT_PATH, RecordedRequest};
pub use function::{Function, FunctionBuilder};
pub use invocation::{InitError, Invocation, InvokeError, Outcome};
pub use process_invoker::{ProcessInvoker, StartError, reply_of};
pub use server::RuntimeApi;

/// Why a command of `authorizer-local` (or a [`settings`] or [`scenario`] step) did not
/// complete.
#[derive(Debug)]
pub enum Failure {
    /// The command line or a scenario file is wrong: the command exits with 2, with the usage.
    Usage(String),
    /// Something failed (a binary missing, not an authorizer...): the command exits with 1.
    Failed(String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Usage(message) | Self::Failed(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for Failure {}
