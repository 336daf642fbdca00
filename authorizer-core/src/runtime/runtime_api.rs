//! The generated `main`: one current-thread Tokio runtime driving the Lambda Runtime API.
//!
//! It does not use `lambda_runtime::run`, because `run` (`lambda_runtime` 1.5): logs every
//! handler error at ERROR with its `Debug` form (a 401 is not an error, and `Debug` may
//! carry a token); posts Rust type paths as `errorType` (`std::any::type_name`,
//! `src/diagnostic.rs`); does not report a failed initialisation to `/runtime/init/error`;
//! and multi-thread scheduling only adds wake-ups to a loop that handles one event at a
//! time.
//!
//! Nor does it use `lambda_runtime_api_client`, the transport of `lambda_runtime`: that
//! client is `hyper_util`'s pooled client, built for many concurrent requests to many hosts.
//! It rewrites every request's URI against its base (a `format!` and a parse), looks the
//! connection up in a `HashMap` (SipHash over scheme and authority), and runs the
//! connection as a task of its own, which the request's task then waits for. One function
//! instance makes one request at a time to one host, so [`RuntimeApi`] keeps one `hyper`
//! HTTP/1.1 connection and polls it from the invocation loop itself; the bytes on the wire
//! are the same. BENCHMARKS.md measures what that saves per invocation and in binary size.

use std::future::{Future, poll_fn};
use std::pin::pin;
use std::process::ExitCode;
use std::task::Poll;

use http::header::{CONTENT_TYPE, HOST, HeaderName, HeaderValue, USER_AGENT};
use http::uri::Authority;
use http::{Method, Request, StatusCode, Uri};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::client::conn::http1;
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;
use tracing::{Instrument, error, info_span, trace};

use super::invocation::invoke;
use super::panics::{self, CatchPanics};
use super::trace_id::TraceEnv;
use super::{Authorizer, Init};
use crate::wire::{ErrorReply, ErrorType, Reply};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

const NEXT: &str = "/2018-06-01/runtime/invocation/next";
const INIT_ERROR: &str = "/2018-06-01/runtime/init/error";
const INVOCATION: &str = "/2018-06-01/runtime/invocation/";
const REQUEST_ID: HeaderName = HeaderName::from_static("lambda-runtime-aws-request-id");
const TRACE_ID: HeaderName = HeaderName::from_static("lambda-runtime-trace-id");
const DEADLINE_MS: HeaderName = HeaderName::from_static("lambda-runtime-deadline-ms");
/// Echoed back on `/response` and `/error` so that the Runtime API can reject a reply to a
/// timed-out invocation, as `lambda_runtime` does.
const INVOCATION_ID: HeaderName = HeaderName::from_static("lambda-runtime-invocation-id");
const ERROR_TYPE: HeaderName = HeaderName::from_static("lambda-runtime-function-error-type");
/// `lambda_runtime`'s User-Agent (`lambda_runtime_api_client` 1.1.1's, with its build-time
/// override), so that the Runtime API sees the same client as from the Rust runtime.
const USER_AGENT_VALUE: HeaderValue = HeaderValue::from_static(match option_env!("LAMBDA_RUNTIME_USER_AGENT") {
    Some(agent) => agent,
    None => "aws-lambda-rust/1.1.1",
});
/// The largest buffer for a response's head, as `lambda_runtime_api_client` sets it.
const MAX_BUF_SIZE: usize = 1024 * 1024;

/// Runs an authorizer whose shared state `init` builds once, before the first event.
pub(crate) fn run<A, M, I, IM>(authorizer: A, init: I) -> ExitCode
where
    A: Authorizer<M>,
    I: Init<A::State, IM>,
{
    super::logging::init();
    panics::install_panic_hook();
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
        let mut api = match RuntimeApi::new(&endpoint) {
            Ok(api) => api,
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
                let request = post(INIT_ERROR.to_owned(), Some(ErrorType::InitError.as_str()), None, reply.to_json());
                let sent = match request {
                    Ok(make) => api.send(make).await.map(drop),
                    Err(e) => Err(e),
                };
                if let Err(e) = sent {
                    error!(error = %e, "cannot report the initialisation error");
                }
                return ExitCode::FAILURE;
            }
        };
        match serve(&mut api, &authorizer, state).await {
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

enum Never {}

/// The invocation loop: it only returns when the Runtime API fails.
async fn serve<A: Authorizer<M>, M>(
    api: &mut RuntimeApi,
    authorizer: &A,
    state: &'static A::State,
) -> Result<Never, BoxError> {
    let mut trace_env = TraceEnv::new();
    loop {
        let (parts, event) = api.next().await?;
        if !parts.status.is_success() {
            return Err(format!("{NEXT} answered {}", parts.status).into());
        }
        let text = |name: HeaderName| parts.headers.get(name).and_then(|v| v.to_str().ok());
        let request_id =
            text(REQUEST_ID).ok_or("the Runtime API sent an event without Lambda-Runtime-Aws-Request-Id")?;
        // SAFETY: between invocations, on the only thread that polls user code; no other
        // thread of the framework touches the environment.
        unsafe { trace_env.set(text(TRACE_ID)) };
        // Echoed as it came (visible ASCII only, as `lambda_runtime` does).
        let invocation_id = parts.headers.get(INVOCATION_ID).filter(|v| v.to_str().is_ok()).cloned();

        // The event's size only: its content can hold credentials.
        trace!(request_id, bytes = event.len(), "event received from the Runtime API");
        let span = info_span!("invocation", request_id = %request_id);
        let deadline = super::deadline::Scope::enter(text(DEADLINE_MS).and_then(|ms| ms.parse().ok()));
        let reply = invoke(authorizer, state, &event).instrument(span).await;
        drop(deadline);
        let (endpoint, error_type, body) = match reply {
            Reply::Response(json) => ("/response", None, json),
            Reply::Error(e) => ("/error", Some(e.error_type.as_str()), e.to_json()),
        };
        let mut path = String::with_capacity(INVOCATION.len() + request_id.len() + endpoint.len());
        path.push_str(INVOCATION);
        path.push_str(request_id);
        path.push_str(endpoint);
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
    }
}

/// A request with the User-Agent header; [`RuntimeApi::send`] adds `Host`, and `hyper`
/// `Content-Length`.
fn request(method: Method, uri: Uri, body: Bytes) -> Request<Full<Bytes>> {
    let mut request = Request::new(Full::new(body));
    *request.method_mut() = method;
    *request.uri_mut() = uri;
    request.headers_mut().insert(USER_AGENT, USER_AGENT_VALUE);
    request
}

/// What makes a `POST` of a JSON body, with the headers `lambda_runtime` sends, in its
/// order ([`RuntimeApi::send`] may send it twice; the body is shared, not copied).
fn post(
    path: String,
    error_type: Option<&'static str>,
    invocation_id: Option<HeaderValue>,
    body: String,
) -> Result<impl Fn() -> Request<Full<Bytes>>, BoxError> {
    let uri = Uri::try_from(path)?;
    let body = Bytes::from(body);
    Ok(move || {
        let mut request = request(Method::POST, uri.clone(), body.clone());
        let headers = request.headers_mut();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        if let Some(error_type) = error_type {
            headers.insert(ERROR_TYPE, HeaderValue::from_static(error_type));
        }
        if let Some(id) = &invocation_id {
            headers.insert(INVOCATION_ID, id.clone());
        }
        request
    })
}

/// The Runtime API at `AWS_LAMBDA_RUNTIME_API`, over one HTTP/1.1 keep-alive connection,
/// made when the first request is sent and made again when the API has closed it.
struct RuntimeApi {
    authority: Authority,
    /// `Host`, as `hyper_util`'s client writes it: without the port when it is 80.
    host: HeaderValue,
    connection: Option<Connection>,
}

struct Connection {
    sender: http1::SendRequest<Full<Bytes>>,
    /// The connection's I/O, polled only by [`drive`], while a request is in flight; `None`
    /// once it has finished (the API closed the connection, or it failed).
    io: Option<Io>,
}

type Io = http1::Connection<TokioIo<TcpStream>, Full<Bytes>>;

impl RuntimeApi {
    fn new(endpoint: &str) -> Result<Self, BoxError> {
        let authority: Authority = endpoint.parse()?;
        let host = match authority.port_u16() {
            Some(80) | None => HeaderValue::from_str(authority.host())?,
            Some(_) => HeaderValue::from_str(authority.as_str())?,
        };
        Ok(Self { authority, host, connection: None })
    }

    /// `GET`s the next event.
    async fn next(&mut self) -> Result<(http::response::Parts, Bytes), BoxError> {
        self.send(|| request(Method::GET, Uri::from_static(NEXT), Bytes::new())).await
    }

    /// Sends the request `make` makes (a path, no authority) and reads the whole response.
    ///
    /// The request is made and sent once more, on a new connection, when the first attempt
    /// failed because the API had closed the connection: when the connection did not take
    /// the request (as `hyper_util`'s client retries), or when a kept-alive connection ended
    /// (closed or reset) before any of the response. In that second case the API may have
    /// read the request (HTTP/1.1 cannot tell): a `GET /next` asked again is safe, and a
    /// reply posted twice is refused the second time (logged), where not posting it would
    /// leave the invocation to time out. A connection that fails during a response's body
    /// is not retried.
    async fn send(
        &mut self,
        make: impl Fn() -> Request<Full<Bytes>>,
    ) -> Result<(http::response::Parts, Bytes), BoxError> {
        let mut retried = false;
        loop {
            let reused = self.connection.as_ref().is_some_and(|c| c.io.is_some() && !c.sender.is_closed());
            if !reused {
                self.connection = Some(self.connect().await?);
            }
            let Some(Connection { sender, io }) = self.connection.as_mut() else { unreachable!("connected above") };
            let mut request = make();
            request.headers_mut().insert(HOST, self.host.clone());
            let exchange = async {
                sender.ready().await.map_err(Failure::Unsent)?;
                let response = sender.try_send_request(request).await.map_err(|e| match e.message() {
                    Some(_) => Failure::Unsent(e.into_error()),
                    None => Failure::Unanswered(e.into_error()),
                })?;
                let (parts, body) = response.into_parts();
                let body = body.collect().await.map_err(Failure::InBody)?;
                Ok((parts, body.to_bytes()))
            };
            let (result, io_error) = drive(io, exchange).await;
            let failure = match result {
                Ok(response) => return Ok(response),
                Err(failure) => failure,
            };
            self.connection = None;
            let (again, e) = match failure {
                Failure::Unsent(e) => (true, e),
                Failure::Unanswered(e) => (reused && connection_ended(&e), e),
                Failure::InBody(e) => (false, e),
            };
            if retried || !again {
                return Err(io_error.unwrap_or(e).into());
            }
            retried = true;
        }
    }

    async fn connect(&self) -> Result<Connection, BoxError> {
        let host = self.authority.host();
        let host = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')).unwrap_or(host);
        let stream = TcpStream::connect((host, self.authority.port_u16().unwrap_or(80))).await?;
        let (sender, io) = http1::Builder::new().max_buf_size(MAX_BUF_SIZE).handshake(TokioIo::new(stream)).await?;
        Ok(Connection { sender, io: Some(io) })
    }
}

/// Why an exchange failed.
enum Failure {
    /// The connection did not take the request.
    Unsent(hyper::Error),
    /// The request was (or was being) written, and no response head came.
    Unanswered(hyper::Error),
    /// The response's body did not arrive whole.
    InBody(hyper::Error),
}

/// Whether `e` says that the connection ended (closed or reset by the API), rather than
/// that something else failed.
fn connection_ended(e: &hyper::Error) -> bool {
    use std::io::ErrorKind::{BrokenPipe, ConnectionAborted, ConnectionReset};
    e.is_incomplete_message()
        || std::error::Error::source(e)
            .and_then(|source| source.downcast_ref::<std::io::Error>())
            .is_some_and(|io| matches!(io.kind(), ConnectionReset | ConnectionAborted | BrokenPipe))
}

/// Polls `exchange` and, while it waits, the connection's I/O, in this task: the
/// connection is polled only while a request is in flight. Also returns the connection's
/// error, if it failed meanwhile.
async fn drive<T>(io: &mut Option<Io>, exchange: impl Future<Output = T>) -> (T, Option<hyper::Error>) {
    let mut exchange = pin!(exchange);
    let mut io_error = None;
    let output = poll_fn(|cx| {
        // The I/O first: a close that came while the connection sat idle (during the
        // invocation) ends it before a request is queued on it.
        poll_io(io, &mut io_error, cx);
        if let Poll::Ready(output) = exchange.as_mut().poll(cx) {
            return Poll::Ready(output);
        }
        if io.is_none() {
            return Poll::Pending;
        }
        // The exchange may have queued a request for the I/O to write.
        poll_io(io, &mut io_error, cx);
        exchange.as_mut().poll(cx)
    })
    .await;
    (output, io_error)
}

/// Polls the connection's I/O, and drops it once it has finished: that hands back, unsent,
/// a request queued on it and not written, so that its exchange ends (and is retried)
/// instead of waiting for a connection that is gone.
fn poll_io(io: &mut Option<Io>, error: &mut Option<hyper::Error>, cx: &mut std::task::Context<'_>) {
    if let Some(connection) = io.as_mut()
        && let Poll::Ready(result) = std::pin::Pin::new(connection).poll(cx)
    {
        *error = result.err();
        *io = None;
    }
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
}
