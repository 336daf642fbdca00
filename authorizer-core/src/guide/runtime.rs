//! # Runtime and logging
//!
//! The generated `main` runs its own Lambda Runtime API loop (why it is written by hand:
//! [How it is built, and why](super::design)). What it gives the function:
//!
//! - **The invocation's context.** Take `lambda: LambdaContext` as the function's last
//!   parameter, by value, or call [`LambdaContext::current()`](LambdaContext::current)
//!   anywhere inside the invocation: request id, deadline and time left, X-Ray trace id, tenant
//!   id (Lambda tenant isolation), the invoked function ARN, and the function's settings
//!   ([`lambda.function()`](LambdaContext::function): name, version, memory, log group and
//!   stream, `AWS_LAMBDA_MAX_CONCURRENCY`; see [`FunctionConfig`]).
//!   [`authorizer_core::deadline()`](crate::deadline()) and [`remaining()`](crate::remaining())
//!   read the current one. Each invocation has its own, also when several run at once; a task
//!   you `tokio::spawn` has none (pass it the context). Under [`testing`](crate::testing) the
//!   request id is `00000000-0000-0000-0000-000000000000` and there is no deadline; in a unit
//!   test calling the function directly, build one with
//!   [`LambdaContext::new("id")`](LambdaContext::new) and its `with_` methods.
//!
//!   ```
//!   # mod lambda {
//!   use authorizer_core::prelude::*;
//!   use std::time::Duration;
//!
//!   #[authorizer]
//!   pub async fn authorize(request: TokenRequest, lambda: LambdaContext) -> Result<Decision, Error> {
//!       // Bound slow calls below the deadline, keeping time to answer.
//!       let budget = lambda.remaining().map_or(Duration::from_secs(2), |left| left / 2);
//!       tracing::info!(request_id = lambda.request_id(), ?budget, "checking");
//!       let token = request.bearer_token().ok_or(Unauthorized)?;
//!       Ok(Decision::allow(format!("user-{}", token.len())).route(Route::get("/pets")))
//!   }
//!   # }
//!   # fn main() {
//!   # let event = serde_json::json!({"type": "TOKEN", "authorizationToken": "Bearer abc",
//!   #     "methodArn": "arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets"});
//!   # assert_eq!(authorizer_core::testing::invoke(lambda::authorize, event).status(), 200);
//!   # }
//!   ```
//!
//!   API Gateway may give up before Lambda's deadline: an HTTP API waits 10 s for its
//!   authorizer, a quota that cannot be raised; an authorizer that times out is a 500.
//! - **Lambda Managed Instances.** With `AWS_LAMBDA_MAX_CONCURRENCY` = N > 1, N invocations
//!   are served at once: N pollers of `/runtime/invocation/next`, each with its own
//!   connection, spread over one thread per CPU, each thread a current-thread Tokio runtime.
//!   The function's futures need not be `Send` (each stays on its thread); the
//!   [shared state](super::state) must be `Sync`. Unset (or 1), one invocation at a time, as
//!   before. `BENCHMARKS.md` measures the throughput.
//! - **`_X_AMZN_TRACE_ID`.** One invocation at a time, the variable holds the invocation's
//!   trace id, as in Lambda's runtimes. It is one buffer installed in the environment once,
//!   before `init` runs, and rewritten in place between invocations, never with
//!   `set_var`/`remove_var` (unsound while another thread reads the environment, and leaking in
//!   glibc); it is empty when the Runtime API sends no trace id or one longer than 494 bytes.
//!   The rule for your code: read it from the invocation's own code, not from a thread that
//!   outlives the invocation; or read [`LambdaContext::trace_id()`](LambdaContext::trace_id),
//!   which needs no environment. Under Managed Instances it is not set at all (several
//!   invocations share the process), as `lambda_runtime` does.
//! - **Request ids** are percent-encoded (outside `A-Z a-z 0-9 - _`) into the reply's path,
//!   so that no id can send a reply to another path than its own.
//! - **Serving through `lambda_runtime`.** When your own `main` composes `lambda_runtime`
//!   with tower layers (OpenTelemetry, graceful shutdown), enable the `lambda-runtime` feature
//!   and serve the function without `#[authorizer]`:
//!   `lambda_runtime::run(authorizer_core::lambda_runtime::service(authorize)).await`, or
//!   `service_with_state(authorize, state)` with state your `main` built (`&'static`, e.g.
//!   with `Box::leak`); `run_concurrent` works too when the function's futures are `Send` and
//!   its state `Sync`. The function gets the same events, `LambdaContext`, masking and panic
//!   handling; the same response bytes are posted, and a failure is a `Diagnostic` with the
//!   same `errorType` and `errorMessage` (exactly `Unauthorized` for a 401); a test drives
//!   every reference event through both runtimes and compares what they post. What
//!   `lambda_runtime` 1.5 does differently: it posts every error with the header
//!   `Lambda-Runtime-Function-Error-Type: unhandled` (the body, which API Gateway reads, is the
//!   same); it logs every error, 401s included, at ERROR (with the masked message), through
//!   your subscriber; there is no `init`, so a failure building your state is not reported to
//!   `/runtime/init/error`; its sequential `run` sets `_X_AMZN_TRACE_ID` with `set_var` for each
//!   invocation; and it does not encode request ids into reply paths. The module
//!   [`authorizer_core::lambda_runtime`](crate::lambda_runtime) has the details.
//!
//!   The generated `main` does not use `lambda_runtime` because of those differences, and
//!   because one connection polled by the loop itself costs less per invocation and in size
//!   than `lambda_runtime`'s pooled client
//!   ([`BENCHMARKS.md`](https://github.com/authorizer-rs/authorizer/blob/main/BENCHMARKS.md)).
//!
//! # Logging
//!
//! The generated binary logs with `tracing` to stdout, following Lambda's [advanced logging
//! controls](https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-advanced.html).
//! 401s and denies are logged at INFO with their reason, failures at ERROR; tokens never
//! ([what is masked](super::errors#credentials-are-masked)).
//!
//! - **Filter**: `RUST_LOG` takes `tracing-subscriber`'s
//!   [`EnvFilter`](https://docs.rs/tracing-subscriber/0.3/tracing_subscriber/filter/struct.EnvFilter.html)
//!   directives: per target (`info,my_crate=debug,hyper=warn`), per span
//!   (`warn,[invocation]=debug`) and per field. `AWS_LAMBDA_LOG_LEVEL` (Lambda's application
//!   log level) sets the default level only, and wins over `RUST_LOG`'s bare level; the
//!   per-target directives still apply. Without either, the default is `INFO`. A directive
//!   that cannot be read is reported once, in one WARN line, and ignored: the function runs
//!   with the rest.
//! - **Text** by default: the level, the spans (each invocation's holds its request id), the
//!   message and the fields; no colours, no timestamps (Lambda stamps every line).
//! - **JSON** when `AWS_LAMBDA_LOG_FORMAT` is `JSON`: one object per line with the keys of
//!   Lambda's managed runtimes, `timestamp` (UTC, milliseconds), `level`, `requestId` and
//!   `traceId` (of the invocation, when the line is written inside one), `message`, then the
//!   event's and its spans' fields.
//!
//! ## Your own subscriber
//!
//! `#[authorizer(logging = init_logging)]` calls `fn init_logging()` first, before `init`
//! and before the first event: install your subscriber there (an OpenTelemetry exporter, a
//! format of your own) and the runtime keeps it, installing none of its own: what the
//! runtime logs reaches it as `tracing` events, and its filter and format decide. (A
//! function that installs nothing leaves the runtime's subscriber in place.)
//!
//! ```rust,no_run
//! use authorizer_core::prelude::*;
//!
//! fn init_logging() {
//!     let subscriber = tracing_subscriber::fmt().with_max_level(tracing::Level::DEBUG).finish();
//!     tracing::subscriber::set_global_default(subscriber).expect("the only subscriber");
//! }
//!
//! #[authorizer(logging = init_logging)]
//! fn authorize(request: TokenRequest) -> Result<Decision, Error> {
//!     tracing::debug!("checking a token"); // never the token itself
//!     match request.token() {
//!         "allow" => Ok(Decision::allow_all("user")),
//!         _ => Err(Unauthorized.into()),
//!     }
//! }
//! ```
//!
//! The runtime installs the `_X_AMZN_TRACE_ID` variable (outside Managed Instances) before
//! calling it, so threads the function starts do not race that install.

#[cfg(doc)]
use crate::{FunctionConfig, LambdaContext};
