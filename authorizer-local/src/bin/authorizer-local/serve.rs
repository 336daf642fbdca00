//! `authorizer-local serve`: an HTTP server on 127.0.0.1 that acts as API Gateway in front of a stub
//! backend, with the real binary as its authorizer.
//!
//! The [`Gateway`] is one stateful object (its cache, its clock) and not `Send`: it stays on
//! the main thread, which takes requests one at a time from the HTTP server's thread (hyper
//! on a current-thread Tokio runtime) and answers each through a oneshot channel. One
//! authorizer process answers one event at a time anyway, as in Lambda. Clients are served
//! concurrently (each connection on a task of its own), their requests queued for the gateway.
//!
//! Ctrl-C (SIGINT) or SIGTERM stops it cleanly: the HTTP thread tells the main thread, which
//! drops the gateway (so the authorizer process is killed and reaped, and the local issuer
//! stopped) and exits with 0, the end of a normal session rather than a failure.

use std::convert::Infallible;
use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::path::Path;
use std::process::ExitCode;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use authorizer_core::gateway::{Call, Exchange, Request};
use authorizer_core::testing::{LOCAL_AUDIENCE, LocalIssuer};
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::header::{CONTENT_TYPE, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};
use tokio::sync::oneshot;

use crate::Failure;
use crate::scenario::{parse_query, reason};
use crate::settings::Settings;

/// API Gateway's payload limit (10 MB); the body is read and dropped, as by a stub.
const MAX_BODY: usize = 10 * 1024 * 1024;

/// One client request for the gateway thread, and where its answer goes.
struct Job {
    request: Request,
    answer: oneshot::Sender<Response<Full<Bytes>>>,
}

/// What the gateway thread receives from the HTTP thread.
enum Message {
    Job(Job),
    /// A signal asked the server to stop: its name.
    Stop(&'static str),
}

/// The signals that stop the server, registered before it listens, so that none is missed.
#[cfg(unix)]
struct Signals {
    interrupt: tokio::signal::unix::Signal,
    terminate: tokio::signal::unix::Signal,
}

#[cfg(unix)]
impl Signals {
    /// Registers the handlers; called within the server's runtime.
    fn register() -> std::io::Result<Signals> {
        use tokio::signal::unix::{SignalKind, signal};
        Ok(Signals { interrupt: signal(SignalKind::interrupt())?, terminate: signal(SignalKind::terminate())? })
    }

    /// Waits for one of them; its name.
    async fn recv(&mut self) -> &'static str {
        tokio::select! {
            _ = self.interrupt.recv() => "SIGINT",
            _ = self.terminate.recv() => "SIGTERM",
        }
    }
}

#[cfg(not(unix))]
struct Signals;

#[cfg(not(unix))]
impl Signals {
    fn register() -> std::io::Result<Signals> {
        Ok(Signals)
    }

    async fn recv(&mut self) -> &'static str {
        let _ = tokio::signal::ctrl_c().await;
        "Ctrl-C"
    }
}

fn json_response(status: u16, body: String) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(body)));
    *response.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    response.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

/// The client's answer: the stub backend's for a 200, else API Gateway's own.
fn answer(settings: &Settings, request: &Request, exchange: &Exchange) -> Response<Full<Bytes>> {
    if let (200, Some(backend)) = (exchange.status, &exchange.backend) {
        let query: serde_json::Map<String, serde_json::Value> =
            request.query_params().iter().map(|(n, v)| (n.clone(), json!(v))).collect();
        let body = json!({
            "message": "the stub backend: API Gateway let this request through",
            "method": request.method(),
            "path": request.path(),
            "query": query,
            "principalId": backend.principal_id,
            "requestContext": {"authorizer": backend.authorizer},
        });
        return json_response(200, format!("{body:#}\n"));
    }
    let mut response = json_response(exchange.status, exchange.body.clone());
    if exchange.status == 414 {
        response.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("text/plain"));
    }
    if let Some(error_type) = settings.error_type_header(exchange) {
        response.headers_mut().insert("x-amzn-errortype", HeaderValue::from_static(error_type));
    }
    response
}

/// The gateway's request for an HTTP request: method, raw path, headers, decoded query.
fn gateway_request(parts: &hyper::http::request::Parts) -> Request {
    let mut request = Request::new(parts.method.as_str(), parts.uri.path());
    for (name, value) in &parts.headers {
        request = request.header(name.as_str(), &String::from_utf8_lossy(value.as_bytes()));
    }
    for (name, value) in parse_query(parts.uri.query().unwrap_or_default()) {
        request = request.query(&name, &value);
    }
    request
}

async fn handle(
    request: hyper::Request<Incoming>,
    jobs: mpsc::Sender<Message>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let (parts, body) = request.into_parts();
    if Limited::new(body, MAX_BODY).collect().await.is_err() {
        return Ok(json_response(413, r#"{"message":"Request Too Long"}"#.to_owned()));
    }
    let (answer, answered) = oneshot::channel();
    if jobs.send(Message::Job(Job { request: gateway_request(&parts), answer })).is_err() {
        return Ok(json_response(503, r#"{"message":"the local gateway is stopping"}"#.to_owned()));
    }
    Ok(answered.await.unwrap_or_else(|_| json_response(500, r#"{"message": null}"#.to_owned())))
}

/// Accepts connections on `listener`, each served on a task of its own, until a signal stops
/// the server.
async fn accept(listener: TcpListener, jobs: mpsc::Sender<Message>, mut signals: Signals) {
    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else { return };
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            signal = signals.recv() => {
                let _ = jobs.send(Message::Stop(signal));
                return;
            }
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors, say: wait a little, then go on.
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let jobs = jobs.clone();
        tokio::spawn(async move {
            let service = service_fn(move |request| handle(request, jobs.clone()));
            // An error means the client went away or sent garbage: its connection is done.
            let _ = http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
        });
    }
}

/// The log line of one request: never a header or query value, so never a token.
fn log_line(request: &Request, exchange: &Exchange, reason: &str) -> String {
    let call = match exchange.authorizer {
        Call::Invoked => "invoked",
        Call::Cached => "cached",
        Call::NotInvoked => "not invoked",
    };
    format!("{:<7} {:<28} {call:<11}  {}  {reason}", request.method(), request.path(), exchange.status)
}

/// The claims of the token `serve --local-issuer` prints when `--token-claims` gives none.
pub const DEFAULT_CLAIMS: &str = r#"{"sub":"u-1","scope":"pets:read"}"#;

/// What to try first: a curl command per token the local issuer mints for `token_claims`, else
/// one with a placeholder. The path is a placeholder too: only the binary knows its routes.
fn try_lines(addr: SocketAddr, header: &str, issuer: Option<&LocalIssuer>, token_claims: &[Value]) -> Vec<String> {
    let curl = |token: &str| format!("try: curl -i -H '{header}: Bearer {token}' http://{addr}/<path>");
    let Some(issuer) = issuer else { return vec![curl("<token>")] };
    let default = [serde_json::from_str(DEFAULT_CLAIMS).expect("the default claims are JSON")];
    let claims = if token_claims.is_empty() { &default[..] } else { token_claims };
    let mut lines = vec![format!(
        "local issuer {}: the binary gets JWT_ISSUER, JWT_AUDIENCE={LOCAL_AUDIENCE} and JWT_JWKS_URL; its tokens \
         expire in 1 h (--token-claims mints others)",
        issuer.issuer()
    )];
    lines.extend(claims.iter().map(|claims| format!("{}   # {claims}", curl(&issuer.token(claims.clone())))));
    lines
}

/// Runs `authorizer-local serve` until a signal (Ctrl-C) stops it. With the local issuer on, it mints and
/// prints a token for each of `token_claims` (or for [`DEFAULT_CLAIMS`]).
pub fn run(
    settings: &Settings,
    binary: &Path,
    port: u16,
    echo_logs: bool,
    token_claims: &[Value],
) -> Result<ExitCode, Failure> {
    settings.check()?;
    let listener = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port))).map_err(|e| {
        Failure::Failed(format!(
            "cannot listen on 127.0.0.1:{port}: {e}; pick another port with --port (0: any free one)"
        ))
    })?;
    listener.set_nonblocking(true).map_err(|e| Failure::Failed(format!("cannot set up the listener: {e}")))?;
    let addr = listener.local_addr().map_err(|e| Failure::Failed(format!("cannot set up the listener: {e}")))?;
    let started = settings.start(binary, echo_logs)?;
    let mut gateway = settings.gateway(started.invoker)?;

    let (jobs, incoming) = mpsc::channel::<Message>();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
        .map_err(|e| Failure::Failed(format!("cannot start the HTTP server's runtime: {e}")))?;
    let signals = {
        let _runtime = runtime.enter();
        Signals::register().map_err(|e| Failure::Failed(format!("cannot handle Ctrl-C: {e}")))?
    };
    thread::Builder::new()
        .name("gateway-http".into())
        .spawn(move || runtime.block_on(accept(listener, jobs, signals)))
        .map_err(|e| Failure::Failed(format!("cannot start the HTTP server's thread: {e}")))?;

    outln!("{} behind a local API Gateway: {}", binary.display(), settings.describe()?);
    for line in try_lines(addr, settings.token_header(), started.issuer.as_ref(), token_claims) {
        outln!("{line}");
    }
    outln!("listening on http://{addr} (Ctrl-C stops)");

    // The cache's clock follows the wall clock here.
    let mut last = Instant::now();
    for message in incoming {
        let Job { request, answer: reply } = match message {
            Message::Job(job) => job,
            Message::Stop(signal) => {
                outln!("{signal}: stopping (the authorizer process is stopped too)");
                break;
            }
        };
        let now = Instant::now();
        gateway.advance(now - last);
        last = now;
        let exchange = gateway.send(&request);
        let reason = reason(&exchange);
        outln!("{}", log_line(&request, &exchange, &reason));
        let _ = reply.send(answer(settings, &request, &exchange));
    }
    // Kills and reaps the authorizer process (its `Function`), and stops the local issuer.
    drop(gateway);
    drop(started.issuer);
    Ok(ExitCode::SUCCESS)
}
