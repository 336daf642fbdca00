//! The HTTP side: [`RuntimeApi`] serves the runtime API with `tiny_http`.
//!
//! `tiny_http` reads each connection on its own thread and hands complete requests to one
//! queue, with HTTP/1.1 keep-alive and chunked request bodies handled for us. A `next` request
//! is parked (the `Request` object is kept, unanswered) until an event is queued, so a held long
//! poll never blocks the connection on which the function posts its response. Every request is
//! handled on a short-lived thread of its own, so a client that sends a body slowly cannot stall
//! the others.

use std::net::{Ipv4Addr, SocketAddr, SocketAddrV4};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::Duration;

use serde_json::{Value, json};
use tiny_http::{Header, Response, Server};

use crate::endpoint::{ERROR_TYPE_HEADER, Endpoint, RecordedRequest};
use crate::ids;
use crate::invocation::{InitError, Invocation, InvokeError, Outcome, find_header, parse_body};
use crate::state::{Delivery, Posted, QueuedEvent, Shared};

/// Configures a [`RuntimeApi`] before it starts.
#[derive(Debug, Clone)]
pub struct RuntimeApiBuilder {
    function_timeout: Duration,
    invoke_timeout: Duration,
    function_arn: String,
}

impl Default for RuntimeApiBuilder {
    fn default() -> Self {
        RuntimeApiBuilder {
            function_timeout: Duration::from_secs(3),
            invoke_timeout: Duration::from_secs(10),
            function_arn: "arn:aws:lambda:us-east-1:123456789012:function:authorizer".to_owned(),
        }
    }
}

impl RuntimeApiBuilder {
    /// The function's configured timeout: each event's `Lambda-Runtime-Deadline-Ms` is the
    /// time it is handed out plus this. Default 3 s, Lambda's default.
    pub fn function_timeout(mut self, timeout: Duration) -> Self {
        self.function_timeout = timeout;
        self
    }

    /// How long [`RuntimeApi::invoke`] waits for the function's answer. Default 10 s, which
    /// leaves room for the process to start on a slow machine.
    pub fn invoke_timeout(mut self, timeout: Duration) -> Self {
        self.invoke_timeout = timeout;
        self
    }

    /// The `Lambda-Runtime-Invoked-Function-Arn` sent with events.
    /// Default `arn:aws:lambda:us-east-1:123456789012:function:authorizer`.
    pub fn function_arn(mut self, arn: impl Into<String>) -> Self {
        self.function_arn = arn.into();
        self
    }

    /// Binds `127.0.0.1` on a free port and starts serving.
    ///
    /// # Panics
    /// If no local port can be bound: the test machine itself is broken.
    pub fn start(self) -> RuntimeApi {
        let local = SocketAddr::V4(SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0));
        let server = Server::http(local).expect("binding 127.0.0.1:0 for the runtime API");
        let addr = server.server_addr().to_ip().expect("a TCP listener has an IP address");
        let server = Arc::new(server);
        let shared = Arc::new(Shared::default());
        let config = Arc::new(self);
        let thread = thread::Builder::new()
            .name("runtime-api".to_owned())
            .spawn({
                let (server, shared, config) = (server.clone(), shared.clone(), config.clone());
                move || serve(&server, &shared, &config)
            })
            .expect("spawning the runtime API thread");
        RuntimeApi { addr, config, shared, server, thread: Some(thread) }
    }
}

/// A local AWS Lambda Runtime API (version `2018-06-01`), serving on `127.0.0.1`.
///
/// Queue events with [`invoke`](Self::invoke); the function fetches them from
/// `GET /runtime/invocation/next` and posts back to `.../{id}/response` or `.../{id}/error`.
/// Dropping it stops the server: held `next` polls are answered (with a 500), the server
/// thread is joined and the port is closed. A connection's reader thread (inside `tiny_http`)
/// ends when its client disconnects, e.g. when the [`Function`](crate::Function) is dropped.
pub struct RuntimeApi {
    addr: SocketAddr,
    config: Arc<RuntimeApiBuilder>,
    shared: Arc<Shared>,
    server: Arc<Server>,
    thread: Option<JoinHandle<()>>,
}

impl RuntimeApi {
    /// Starts a server with the default settings (see [`RuntimeApiBuilder`]).
    pub fn start() -> RuntimeApi {
        RuntimeApi::builder().start()
    }

    /// Settings for a server, to [`start`](RuntimeApiBuilder::start).
    pub fn builder() -> RuntimeApiBuilder {
        RuntimeApiBuilder::default()
    }

    /// `host:port`, the value for `AWS_LAMBDA_RUNTIME_API`.
    pub fn addr(&self) -> String {
        self.addr.to_string()
    }

    /// The bound socket address.
    pub fn socket_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The ARN sent as `Lambda-Runtime-Invoked-Function-Arn`.
    pub fn function_arn(&self) -> &str {
        &self.config.function_arn
    }

    /// Sends `event` to the function and waits for its response or error, up to the
    /// [invoke timeout](RuntimeApiBuilder::invoke_timeout).
    ///
    /// # Panics
    /// On timeout or if the function reported an init error, with a message that says which,
    /// and the requests received so far.
    #[track_caller]
    pub fn invoke(&self, event: &[u8]) -> Invocation {
        self.try_invoke(event, self.config.invoke_timeout).unwrap_or_else(|error| {
            let requests: Vec<String> = self.requests().iter().map(|r| r.to_string()).collect();
            panic!("invocation failed: {error}\nrequests received: {requests:#?}")
        })
    }

    /// [`invoke`](Self::invoke) with a JSON event.
    #[track_caller]
    pub fn invoke_json(&self, event: &Value) -> Invocation {
        self.invoke(event.to_string().as_bytes())
    }

    /// Sends `event` to the function and waits up to `timeout` for its response or error.
    ///
    /// After a timeout the event stays queued (or in flight): a late answer is still accepted.
    pub fn try_invoke(&self, event: &[u8], timeout: Duration) -> Result<Invocation, InvokeError> {
        let request_id = ids::request_id();
        self.shared.enqueue(QueuedEvent {
            request_id: request_id.clone(),
            trace_id: ids::trace_id(),
            body: event.to_vec(),
        });
        deliver_pending(&self.shared, &self.config);
        self.shared.wait_outcome(&request_id, timeout)
    }

    /// Waits up to `timeout` for the function to post to `/runtime/init/error`.
    pub fn init_error(&self, timeout: Duration) -> Option<InitError> {
        self.shared.wait_init_error(timeout)
    }

    /// Waits up to `timeout` until the function is polling `next` with no event to take, i.e.
    /// it finished starting up (or its last invocation) and is idle.
    pub fn wait_for_poll(&self, timeout: Duration) -> bool {
        self.shared.wait_poll(timeout)
    }

    /// Every request line received so far, in arrival order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.requests()
    }
}

impl Drop for RuntimeApi {
    fn drop(&mut self) {
        // Parked polls get tiny_http's default answer (500) as they are dropped.
        drop(self.shared.stop());
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            // A panic on the server thread was already reported; nothing to add while dropping.
            let _ = thread.join();
        }
        // Dropping the last `Arc<Server>` closes the listener and its accept thread.
    }
}

/// The server thread: logs each request in arrival order and handles it on its own thread.
fn serve(server: &Server, shared: &Arc<Shared>, config: &Arc<RuntimeApiBuilder>) {
    // `recv` fails once `unblock` is called (on drop) or the listener fails.
    while let Ok(request) = server.recv() {
        shared.record_request(RecordedRequest {
            method: request.method().as_str().to_owned(),
            path: request.url().to_owned(),
        });
        let (shared, config) = (shared.clone(), config.clone());
        // If no thread can be spawned the request is dropped, which answers it with a 500.
        let _ = thread::Builder::new()
            .name("runtime-api-request".to_owned())
            .spawn(move || handle(request, &shared, &config));
    }
}

/// Answers one request.
fn handle(mut request: tiny_http::Request, shared: &Shared, config: &RuntimeApiBuilder) {
    let endpoint = Endpoint::parse(request.method().as_str(), request.url());
    let (id, is_error) = match endpoint {
        Endpoint::Next => {
            shared.park_poll(request);
            deliver_pending(shared, config);
            return;
        }
        Endpoint::Unknown => {
            let message = format!("no route for {} {}", request.method(), request.url());
            return reply(request, 404, &lambda_error("NotFound", &message));
        }
        Endpoint::InitError => (None, true),
        Endpoint::Response(id) => (Some(id), false),
        Endpoint::Error(id) => (Some(id), true),
    };

    let mut raw_body = Vec::new();
    if let Err(error) = request.as_reader().read_to_end(&mut raw_body) {
        let message = format!("could not read the request body: {error}");
        return reply(request, 400, &lambda_error("InvalidRequestBody", &message));
    }
    let headers: Vec<(String, String)> =
        request.headers().iter().map(|h| (h.field.as_str().to_string(), h.value.as_str().to_owned())).collect();
    let error_type_header = find_header(&headers, ERROR_TYPE_HEADER).map(str::to_owned);
    let body = parse_body(&raw_body);

    let Some(id) = id else {
        shared.record_init_error(InitError { error_type_header, body, raw_body, headers });
        return reply(request, 202, &json!({"status": "OK"}));
    };
    let outcome = if is_error { Outcome::Error { error_type_header, body } } else { Outcome::Response(body) };
    match shared.complete(&id, outcome, raw_body, headers) {
        Posted::Accepted => reply(request, 202, &json!({"status": "OK"})),
        Posted::UnknownId => reply(request, 400, &lambda_error("InvalidRequestID", "Invalid request ID")),
        Posted::AlreadyAnswered => {
            let message = format!("invocation {id} already has a response or error");
            reply(request, 403, &lambda_error("InvalidStateTransition", &message))
        }
    }
}

/// Hands queued events to parked polls while there are both.
fn deliver_pending(shared: &Shared, config: &RuntimeApiBuilder) {
    while let Some(Delivery { poll, event, deadline_ms }) = shared.next_delivery(config.function_timeout) {
        let response = Response::from_data(event.body.clone())
            .with_header(header("Content-Type", "application/json"))
            .with_header(header("Lambda-Runtime-Aws-Request-Id", &event.request_id))
            .with_header(header("Lambda-Runtime-Deadline-Ms", &deadline_ms.to_string()))
            .with_header(header("Lambda-Runtime-Invoked-Function-Arn", &config.function_arn))
            .with_header(header("Lambda-Runtime-Trace-Id", &event.trace_id))
            .with_chunked_threshold(usize::MAX);
        if poll.respond(response).is_err() {
            // The poller went away; the next one gets the event.
            shared.requeue(event);
        }
    }
}

/// Sends a JSON answer. A client that has gone away is no concern of the server.
fn reply(request: tiny_http::Request, status: u16, body: &Value) {
    let response = Response::from_data(body.to_string())
        .with_status_code(status)
        .with_header(header("Content-Type", "application/json"))
        .with_chunked_threshold(usize::MAX);
    let _ = request.respond(response);
}

/// An error body in Lambda's format.
fn lambda_error(error_type: &str, message: &str) -> Value {
    json!({"errorType": error_type, "errorMessage": message})
}

/// A response header.
///
/// # Panics
/// If the name or value is not ASCII: all of them are fixed names and generated ASCII values,
/// or the ARN a test configured.
fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name, value).unwrap_or_else(|()| panic!("invalid header {name}: {value:?}"))
}
