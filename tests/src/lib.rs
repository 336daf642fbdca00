//! A local implementation of the [AWS Lambda Runtime API], for end-to-end tests that drive a
//! real Lambda binary over HTTP.
//!
//! [`RuntimeApi`] serves the runtime API on `127.0.0.1` with the same wire protocol as Lambda
//! (HTTP/1.1 keep-alive, long-polling `next`), so a binary built on `lambda_runtime` (its
//! client is `lambda_runtime_api_client`) or on this framework talks to it unchanged. [`Function`] spawns such a binary with the
//! environment Lambda gives it, captures its output, and kills it when dropped.
//!
//! ```no_run
//! use authorizer_tests::{Function, Outcome, RuntimeApi};
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
mod server;
mod service;
mod state;

pub use builder::RuntimeApiBuilder;
pub use endpoint::{BASE_PATH, ERROR_TYPE_HEADER, Endpoint, INIT_ERROR_PATH, NEXT_PATH, RecordedRequest};
pub use function::{Function, FunctionBuilder};
pub use invocation::{InitError, Invocation, InvokeError, Outcome};
pub use process_invoker::{ProcessInvoker, StartError, reply_of};
pub use server::RuntimeApi;
