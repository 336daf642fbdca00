//! The generated `main`: one current-thread Tokio runtime driving the Lambda Runtime API.
//!
//! It speaks the Runtime API through `lambda_runtime_api_client`, the transport
//! `lambda_runtime` itself uses, instead of `lambda_runtime::run`, because `run`
//! (RUNTIME-FACTS): logs every handler error at ERROR with its `Debug` form (a 401 is not an
//! error, and `Debug` may carry a token); posts Rust type paths as `errorType`; does not
//! report a failed initialisation to `/runtime/init/error`; and multi-thread scheduling only
//! adds wake-ups to a loop that handles one event at a time.

use std::process::ExitCode;

use http::{Method, Request, Response, StatusCode};
use http_body_util::BodyExt;
use hyper::body::Incoming;
use lambda_runtime_api_client::body::Body;
use lambda_runtime_api_client::{Client, build_request};
use tracing::{Instrument, error, info_span};

use crate::invoke::{self, invoke};
use crate::outcome::{Authorizer, Init};
use crate::reply::{ErrorReply, ErrorType, Reply};
use crate::trace_env::TraceEnv;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

const NEXT: &str = "/2018-06-01/runtime/invocation/next";
const INIT_ERROR: &str = "/2018-06-01/runtime/init/error";
/// Echoed back on `/response` and `/error` so that the Runtime API can reject a reply to a
/// timed-out invocation, as `lambda_runtime` does.
const INVOCATION_ID: &str = "lambda-runtime-invocation-id";

/// Runs an authorizer whose shared state `init` builds once, before the first event.
pub(crate) fn run<A, M, I, IM>(authorizer: A, init: I) -> ExitCode
where
    A: Authorizer<M>,
    I: Init<A::State, IM>,
{
    crate::logging::init();
    invoke::install_panic_hook();
    let Ok(endpoint) = std::env::var("AWS_LAMBDA_RUNTIME_API") else {
        eprintln!(
            "this program is an AWS Lambda authorizer: it runs inside Lambda, or under a local \
             Lambda Runtime API such as `cargo lambda watch` (AWS_LAMBDA_RUNTIME_API is not set)"
        );
        return ExitCode::FAILURE;
    };
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("cannot start the Tokio runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async move {
        let client = match format!("http://{endpoint}").parse() {
            Ok(uri) => match Client::builder().with_endpoint(uri).build() {
                Ok(client) => client,
                Err(e) => {
                    error!(error = %e, "cannot reach the Lambda Runtime API");
                    return ExitCode::FAILURE;
                }
            },
            Err(e) => {
                error!(error = %e, "AWS_LAMBDA_RUNTIME_API is not a host:port");
                return ExitCode::FAILURE;
            }
        };
        let state = match initialise(&init).await {
            Ok(state) => state,
            Err(message) => {
                error!(error = %message, "initialisation failed; reporting it to the Runtime API");
                let reply = ErrorReply::new(ErrorType::InitError, message);
                if let Err(e) =
                    post(&client, INIT_ERROR.to_owned(), ErrorType::InitError.as_str(), None, reply.to_json()).await
                {
                    error!(error = %e, "cannot report the initialisation error");
                }
                return ExitCode::FAILURE;
            }
        };
        match serve(&client, &authorizer, state).await {
            Ok(never) => match never {},
            Err(e) => {
                error!(error = %e, "the Lambda Runtime API failed; exiting");
                ExitCode::FAILURE
            }
        }
    })
}

/// Builds the shared state, catching a panic as a failure. The state lives as long as the
/// process, as the execution environment does.
async fn initialise<S: 'static, IM>(init: &impl Init<S, IM>) -> Result<&'static S, String> {
    let result = match invoke::catch_panics(|| init.init()) {
        Ok(future) => invoke::CatchPanics(Box::pin(future)).await,
        Err(panic) => Err(panic),
    };
    match result {
        Ok(Ok(state)) => Ok(Box::leak(Box::new(state))),
        Ok(Err(e)) => Err(invoke::catch_panics(|| e.to_string())
            .unwrap_or_else(|p| format!("the init function's error panicked: {p}"))),
        Err(panic) => Err(format!("the init function panicked: {panic}")),
    }
}

enum Never {}

/// The invocation loop: it only returns when the Runtime API fails.
async fn serve<A: Authorizer<M>, M>(
    client: &Client,
    authorizer: &A,
    state: &'static A::State,
) -> Result<Never, BoxError> {
    let mut trace_env = TraceEnv::new();
    loop {
        let next = client.call(build_request().method(Method::GET).uri(NEXT).body(Body::empty())?).await?;
        let (parts, body) = next.into_parts();
        if !parts.status.is_success() {
            return Err(format!("{NEXT} answered {}", parts.status).into());
        }
        let header = |name| parts.headers.get(name).and_then(|v| v.to_str().ok());
        let request_id = header("lambda-runtime-aws-request-id")
            .ok_or("the Runtime API sent an event without Lambda-Runtime-Aws-Request-Id")?
            .to_owned();
        let invocation_id = header(INVOCATION_ID).map(str::to_owned);
        // SAFETY: between invocations, on the only thread that polls user code; no other
        // thread of the framework touches the environment.
        unsafe { trace_env.set(header("lambda-runtime-trace-id")) };
        let event = body.collect().await?.to_bytes();

        let span = info_span!("invocation", request_id = %request_id);
        let reply = invoke(authorizer, state, &event).instrument(span).await;
        let (path, error_type) = match &reply {
            Reply::Response(_) => (format!("/2018-06-01/runtime/invocation/{request_id}/response"), None),
            Reply::Error(e) => {
                (format!("/2018-06-01/runtime/invocation/{request_id}/error"), Some(e.error_type.as_str()))
            }
        };
        let body = match reply {
            Reply::Response(json) => json,
            Reply::Error(e) => e.to_json(),
        };
        let response = post(client, path, error_type.unwrap_or_default(), invocation_id.as_deref(), body).await?;
        if response.status() == StatusCode::INTERNAL_SERVER_ERROR {
            // "Container error. Non-recoverable state. Runtime should exit promptly."
            return Err("the Runtime API answered 500 (non-recoverable)".into());
        }
        if !response.status().is_success() {
            let status = response.status();
            let detail = response.into_body().collect().await.map(|b| b.to_bytes()).unwrap_or_default();
            error!(%status, detail = %String::from_utf8_lossy(&detail), "the Runtime API refused the reply");
        }
    }
}

async fn post(
    client: &Client,
    path: String,
    error_type: &str,
    invocation_id: Option<&str>,
    body: String,
) -> Result<Response<Incoming>, BoxError> {
    let mut request = build_request().method(Method::POST).uri(path).header("content-type", "application/json");
    if !error_type.is_empty() {
        request = request.header("lambda-runtime-function-error-type", error_type);
    }
    if let Some(id) = invocation_id {
        request = request.header(INVOCATION_ID, id);
    }
    let request: Request<Body> = request.body(Body::from(body))?;
    client.call(request).await
}
