//! The generated `main`: the Lambda Runtime API loop, one invocation at a time, or, under
//! Lambda Managed Instances, as many at once as `AWS_LAMBDA_MAX_CONCURRENCY` says.
//!
//! It does not use `lambda_runtime::run`, because `run` (`lambda_runtime` 1.5): logs every
//! handler error at ERROR with its `Debug` form (a 401 is not an error, and `Debug` may
//! carry a token); posts Rust type paths as `errorType` (`std::any::type_name`,
//! `src/diagnostic.rs`); does not report a failed initialisation to `/runtime/init/error`;
//! splices the request id into reply URIs unchecked; and multi-thread scheduling only adds
//! wake-ups to a loop that handles one event at a time. Users who compose with
//! `lambda_runtime` can still serve an authorizer through it (the `lambda-runtime` feature).
//!
//! Concurrency (<https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html>: "Managed
//! Instances can accept concurrent `/next` and `/response` requests up to the configured
//! `AWS_LAMBDA_MAX_CONCURRENCY` limit"): that many pollers, each with its own connection,
//! spread over one thread per available CPU, each thread a current-thread Tokio runtime.
//! So the user's futures need not be `Send` (each stays on its thread), and the shared state
//! must be `Sync` (every thread reads it).

use std::process::ExitCode;
use std::thread;

use http::StatusCode;
use http::header::HeaderName;
use tracing::{Instrument, error, field, info_span, trace, warn};

use super::api_client::{BoxError, INIT_ERROR, INVOCATION, INVOCATION_ID, NEXT, RuntimeApi, post};
use super::context::FunctionConfig;
use super::invocation::invoke;
use super::panics::{self, CatchPanics};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use super::trace_id::TraceEnv;
use super::{Authorizer, Init, LambdaContext};
use crate::wire::{ErrorReply, ErrorType, Reply};

const REQUEST_ID: HeaderName = HeaderName::from_static("lambda-runtime-aws-request-id");
const TRACE_ID: HeaderName = HeaderName::from_static("lambda-runtime-trace-id");
const DEADLINE_MS: HeaderName = HeaderName::from_static("lambda-runtime-deadline-ms");
const TENANT_ID: HeaderName = HeaderName::from_static("lambda-runtime-aws-tenant-id");
const FUNCTION_ARN: HeaderName = HeaderName::from_static("lambda-runtime-invoked-function-arn");

/// What must be done while the process has one thread, before any code of the user's runs
/// (their logging set-up included, which the generated `main` calls first): the number of
/// invocations served at once, and the trace id variable. Calling it again gives the same.
///
/// Lambda's runtimes set the variable for each invocation, one at a time. Under Managed
/// Instances several invocations share the process, so it is left alone (as `lambda_runtime`
/// does); the trace id is in each one's `LambdaContext`.
pub(crate) fn before_user_code() -> (usize, Option<TraceEnv>) {
    let concurrency = FunctionConfig::from_env(|name| std::env::var(name).ok()).max_concurrency;
    // SAFETY: the first call installs the variable, and it is made while no other thread
    // exists: by the generated `main` before the user's logging set-up, or else by `run`
    // before anything else. A later call (`run`'s, after a set-up that may have started
    // threads) only reads what the first one installed, and never touches the environment.
    // Only `run` uses the value to set the variable.
    let trace_env = if concurrency == 1 { unsafe { TraceEnv::install() } } else { None };
    (concurrency, trace_env)
}

/// Runs an authorizer whose shared state `init` builds once, before the first event.
pub(crate) fn run<A, M, I, IM>(authorizer: A, init: I) -> ExitCode
where
    A: Authorizer<M> + Sync,
    A::State: Sync,
    I: Init<A::State, IM>,
{
    let (concurrency, trace_env) = before_user_code();
    super::logging::init();
    panics::hide_other_panic_messages();
    let Ok(endpoint) = std::env::var("AWS_LAMBDA_RUNTIME_API") else {
        eprintln!(
            "this program is an AWS Lambda authorizer: it runs inside Lambda, or under a local \
             Lambda Runtime API such as `cargo lambda watch` (AWS_LAMBDA_RUNTIME_API is not set)"
        );
        return ExitCode::FAILURE;
    };
    let Some(runtime) = current_thread_runtime() else { return ExitCode::FAILURE };
    let started = runtime.block_on(async {
        let mut api = match RuntimeApi::new(&endpoint) {
            Ok(api) => api,
            Err(e) => {
                error!(error = %e, "AWS_LAMBDA_RUNTIME_API is not a host:port");
                return Err(ExitCode::FAILURE);
            }
        };
        match initialise(&init).await {
            Ok(state) => Ok((api, state)),
            Err(message) => {
                report_init_error(&mut api, message).await;
                Err(ExitCode::FAILURE)
            }
        }
    });
    let (api, state) = match started {
        Ok(started) => started,
        Err(code) => return code,
    };
    if concurrency == 1 {
        let failed = runtime.block_on(serve(api, &authorizer, state, trace_env));
        return exit_on(failed);
    }
    drop(runtime);
    serve_concurrently(&endpoint, api, &authorizer, state, concurrency)
}

fn current_thread_runtime() -> Option<tokio::runtime::Runtime> {
    match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(runtime) => Some(runtime),
        Err(e) => {
            eprintln!("cannot start the Tokio runtime: {e}");
            None
        }
    }
}

/// `concurrency` pollers of the Runtime API, spread over one thread per available CPU (no
/// more threads than pollers). Returns only when one of them fails.
fn serve_concurrently<A: Authorizer<M> + Sync, M>(
    endpoint: &str,
    first: RuntimeApi,
    authorizer: &A,
    state: &'static A::State,
    concurrency: usize,
) -> ExitCode
where
    A::State: Sync,
{
    let threads = thread::available_parallelism().map_or(1, usize::from).min(concurrency);
    let mut apis = vec![first];
    for _ in 1..concurrency {
        match RuntimeApi::new(endpoint) {
            Ok(api) => apis.push(api),
            Err(e) => return exit_on(e),
        }
    }
    // Poller `i` runs on thread `i % threads`.
    let mut shares: Vec<Vec<RuntimeApi>> = (0..threads).map(|_| Vec::new()).collect();
    for (i, api) in apis.into_iter().enumerate() {
        shares[i % threads].push(api);
    }
    let serve_share = |share: Vec<RuntimeApi>| {
        let Some(runtime) = current_thread_runtime() else { return ExitCode::FAILURE };
        let pollers = share.into_iter().map(|api| Box::pin(serve(api, authorizer, state, None)));
        let (failed, _, _) = runtime.block_on(futures_util::future::select_all(pollers));
        exit_on(failed)
    };
    let mut shares = shares.into_iter();
    let own = shares.next().unwrap_or_default();
    thread::scope(|scope| {
        for share in shares {
            let spawned = thread::Builder::new().name("runtime-api".into()).spawn_scoped(scope, move || {
                // It returns when a poller failed: the process ends, as the Runtime API asks,
                // rather than serving on with fewer pollers than it was given.
                let _: ExitCode = serve_share(share);
                std::process::exit(1)
            });
            if let Err(e) = spawned {
                error!(error = %e, "cannot start a thread for the Runtime API's pollers");
                return ExitCode::FAILURE;
            }
        }
        serve_share(own)
    })
}

/// Logs why the Runtime API loop ended, and says how the process exits.
fn exit_on(e: BoxError) -> ExitCode {
    error!(error = %e, "the Lambda Runtime API failed; exiting");
    ExitCode::FAILURE
}

/// Reports a failed `init` to `/runtime/init/error`.
async fn report_init_error(api: &mut RuntimeApi, message: String) {
    error!(error = %message, "initialisation failed; reporting it to the Runtime API");
    let reply = ErrorReply::new(ErrorType::InitError, message);
    let sent = match post(INIT_ERROR.to_owned(), Some(ErrorType::InitError.as_str()), None, reply.to_json()) {
        Ok(make) => api.send(make).await.map(drop),
        Err(e) => Err(e),
    };
    if let Err(e) = sent {
        error!(error = %e, "cannot report the initialisation error");
    }
}

/// Builds the shared state, catching a panic as a failure. The state lives as long as the
/// process, as the execution environment does.
async fn initialise<S: 'static, IM>(init: &impl Init<S, IM>) -> Result<&'static S, String> {
    let result = match panics::catch_panics(|| init.init()) {
        Ok(future) => CatchPanics(Box::pin(future)).await,
        Err(panic) => Err(panic),
    };
    match result {
        Ok(Ok(state)) => Ok(Box::leak(Box::new(state))),
        // Prefixed like every failure, so that the message is never exactly `Unauthorized`.
        Ok(Err(e)) => Err(panics::catch_panics(|| format!("init failed: {e}"))
            .unwrap_or_else(|p| format!("the init function's error panicked: {p}"))),
        Err(panic) => Err(format!("the init function panicked: {panic}")),
    }
}

/// One poller's invocation loop: it only returns when the Runtime API fails. `trace_env` is
/// the `_X_AMZN_TRACE_ID` variable, which only a lone poller sets.
async fn serve<A: Authorizer<M>, M>(
    mut api: RuntimeApi,
    authorizer: &A,
    state: &'static A::State,
    mut trace_env: Option<TraceEnv>,
) -> BoxError {
    loop {
        if let Err(e) = serve_one(&mut api, authorizer, state, trace_env.as_mut()).await {
            return e;
        }
    }
}

/// Gets one event, invokes the authorizer and posts its reply.
async fn serve_one<A: Authorizer<M>, M>(
    api: &mut RuntimeApi,
    authorizer: &A,
    state: &'static A::State,
    trace_env: Option<&mut TraceEnv>,
) -> Result<(), BoxError> {
    let (parts, event) = api.next().await?;
    if !parts.status.is_success() {
        return Err(format!("{NEXT} answered {}", parts.status).into());
    }
    let context = context_of(&parts.headers)?;
    if let Some(trace_env) = trace_env {
        // SAFETY: between invocations, on the only thread that runs the user's code; the
        // guide's runtime chapter states the rule for the user's own threads.
        unsafe { trace_env.set(context.trace_id()) };
    }
    // Echoed as it came (visible ASCII only, as `lambda_runtime` does).
    let invocation_id = parts.headers.get(INVOCATION_ID).filter(|v| v.to_str().is_ok()).cloned();

    let request_id = context.request_id();
    // The event's size only: its content can hold credentials.
    trace!(request_id, bytes = event.len(), "event received from the Runtime API");
    let span = info_span!("invocation", request_id, trace_id = field::Empty);
    if let Some(trace_id) = context.trace_id() {
        span.record("trace_id", trace_id);
    }
    let reply = invoke(authorizer, state, &event, &context).instrument(span).await;
    let (endpoint, error_type, body) = match reply {
        Reply::Response(json) => ("/response", None, json),
        Reply::Error(e) => ("/error", Some(e.error_type.as_str()), e.to_json()),
    };
    let path = reply_path(request_id, endpoint);
    let (response, detail) = api.send(post(path, error_type, invocation_id, body)?).await?;
    let status = response.status;
    trace!(request_id, %status, "reply posted to the Runtime API");
    if status == StatusCode::INTERNAL_SERVER_ERROR {
        // "Container error. Non-recoverable state. Runtime should exit promptly."
        return Err("the Runtime API answered 500 (non-recoverable)".into());
    }
    if !status.is_success() {
        error!(%status, detail = %String::from_utf8_lossy(&detail), "the Runtime API refused the reply");
    }
    Ok(())
}

/// The invocation the `/next` response's headers describe.
fn context_of(headers: &http::HeaderMap) -> Result<LambdaContext, BoxError> {
    let text = |name: HeaderName| headers.get(name).and_then(|v| v.to_str().ok()).filter(|v| !v.is_empty());
    let request_id = text(REQUEST_ID).ok_or("the Runtime API sent an event without a Lambda-Runtime-Aws-Request-Id")?;
    let mut context = LambdaContext::new(request_id);
    match text(DEADLINE_MS).map(str::parse) {
        Some(Ok(ms)) => context = context.with_deadline_ms(ms),
        Some(Err(_)) => warn!(request_id, "the Runtime API sent a Lambda-Runtime-Deadline-Ms that is not a number"),
        None => {}
    }
    if let Some(trace_id) = text(TRACE_ID) {
        context = context.with_trace_id(trace_id);
    }
    if let Some(tenant_id) = text(TENANT_ID) {
        context = context.with_tenant_id(tenant_id);
    }
    if let Some(arn) = text(FUNCTION_ARN) {
        context = context.with_invoked_function_arn(arn);
    }
    Ok(context)
}

/// `/2018-06-01/runtime/invocation/{request id}{endpoint}`, the id percent-encoded outside
/// `A-Z a-z 0-9 - _`: an id is one path segment, so that no id (`abc/response#`, `..`) can
/// send a reply to another path than its own. Lambda's ids (UUIDs) are left as they are.
fn reply_path(request_id: &str, endpoint: &str) -> String {
    /// Every byte but letters, digits, `-` and `_` (a UUID's characters) is escaped.
    const ESCAPED: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_');
    let mut path = String::with_capacity(INVOCATION.len() + request_id.len() + endpoint.len());
    path.push_str(INVOCATION);
    path.extend(utf8_percent_encode(request_id, ESCAPED));
    path.push_str(endpoint);
    path
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Error, Unauthorized};

    #[test]
    fn an_init_error_is_never_exactly_unauthorized() {
        let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let unauthorized = || -> Result<(), Error> { Err(Unauthorized.into()) };
        let failure = || -> Result<(), Error> { Err(Error::failure("Unauthorized")) };
        assert_eq!(rt.block_on(initialise(&unauthorized)).unwrap_err(), "init failed: Unauthorized");
        assert_eq!(rt.block_on(initialise(&failure)).unwrap_err(), "init failed: Unauthorized");
    }

    #[test]
    fn a_request_id_is_one_path_segment() {
        let uuid = "8476a536-e9f4-11e8-9739-2dfe598c3fcd";
        assert_eq!(reply_path(uuid, "/response"), format!("{INVOCATION}{uuid}/response"));
        assert_eq!(reply_path("abc/response#", "/error"), format!("{INVOCATION}abc%2Fresponse%23/error"));
        assert_eq!(reply_path("..", "/error"), format!("{INVOCATION}%2E%2E/error"));
        assert_eq!(reply_path("a?b=c d%", "/error"), format!("{INVOCATION}a%3Fb%3Dc%20d%25/error"));
        assert_eq!(reply_path("é", "/response"), format!("{INVOCATION}%C3%A9/response"));
    }

    #[test]
    fn the_context_comes_from_the_headers() {
        let mut headers = http::HeaderMap::new();
        assert!(context_of(&headers).is_err());
        headers.insert(REQUEST_ID, "id-1".parse().unwrap());
        let bare = context_of(&headers).unwrap();
        assert_eq!((bare.request_id(), bare.deadline(), bare.trace_id()), ("id-1", None, None));
        headers.insert(DEADLINE_MS, "1700000000000".parse().unwrap());
        headers.insert(TRACE_ID, "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1".parse().unwrap());
        headers.insert(TENANT_ID, "tenant-a".parse().unwrap());
        headers.insert(FUNCTION_ARN, "arn:aws:lambda:us-east-1:123456789012:function:auth".parse().unwrap());
        let full = context_of(&headers).unwrap();
        assert_eq!(full.remaining(), Some(std::time::Duration::ZERO));
        assert_eq!(full.deadline(), Some(std::time::UNIX_EPOCH + std::time::Duration::from_millis(1_700_000_000_000)));
        assert_eq!(full.trace_id(), Some("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1"));
        assert_eq!(full.tenant_id(), Some("tenant-a"));
        assert_eq!(full.invoked_function_arn(), Some("arn:aws:lambda:us-east-1:123456789012:function:auth"));
        headers.insert(REQUEST_ID, "".parse().unwrap());
        assert!(context_of(&headers).is_err(), "an empty request id names no invocation");
    }
}
