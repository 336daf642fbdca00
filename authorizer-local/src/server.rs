//! [`RuntimeApi`]: the local runtime API a test drives. How its HTTP server is built, and why,
//! is in [`http_server`](crate::http_server).

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::builder::RuntimeApiBuilder;
use crate::endpoint::RecordedRequest;
use crate::http_server::HttpServer;
use crate::ids;
use crate::invocation::{InitError, Invocation, InvokeError};
use crate::service::Service;
use crate::state::{QueuedEvent, Shared};

/// A local AWS Lambda Runtime API (version `2018-06-01`), serving on `127.0.0.1`.
///
/// Queue events with [`invoke`](Self::invoke); the function fetches them from
/// `GET /runtime/invocation/next` and posts back to `.../{id}/response` or `.../{id}/error`.
/// Dropping it stops the server: held `next` polls are answered (with a 500), the port is
/// closed, open connections are closed once their exchange is done (or after a short grace
/// period), and the server thread is joined.
pub struct RuntimeApi {
    config: RuntimeApiBuilder,
    shared: Arc<Shared>,
    server: HttpServer,
}

impl RuntimeApi {
    /// Starts serving with these settings; see [`RuntimeApiBuilder::start`].
    pub(crate) fn serve(config: RuntimeApiBuilder) -> RuntimeApi {
        let shared = Arc::new(Shared::new(config.keep_invocations, config.keep_requests));
        let server = HttpServer::start(Service::new(shared.clone(), &config));
        RuntimeApi { config, shared, server }
    }

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
        self.server.addr().to_string()
    }

    /// The bound socket address.
    pub fn socket_addr(&self) -> SocketAddr {
        self.server.addr()
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
        self.shared.deliver_pending(self.config.function_timeout);
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

    /// Waits up to `timeout` until the function has `n` polls of `next` waiting at once: a
    /// function serving `n` invocations at a time (Lambda Managed Instances,
    /// `AWS_LAMBDA_MAX_CONCURRENCY`) once it has started.
    pub fn wait_for_polls(&self, n: usize, timeout: Duration) -> bool {
        self.shared.wait_polls(n, timeout)
    }

    /// The most invocations the function was serving at once so far: delivered to it and not
    /// yet answered.
    pub fn max_in_flight(&self) -> usize {
        self.shared.max_in_flight()
    }

    /// Every request line received so far, in arrival order (only the newest ones if the
    /// server was started with [`keep_requests`](RuntimeApiBuilder::keep_requests)).
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.requests()
    }

    /// How many requests the server received so far, whether or not the log still has them.
    pub fn request_count(&self) -> usize {
        self.shared.request_count()
    }

    /// How many invocations the function answered so far (a response or an error accepted
    /// with 202), whether or not they are still
    /// [kept](RuntimeApiBuilder::keep_invocations). A late answer, after its
    /// [`try_invoke`](Self::try_invoke) timed out, counts too.
    pub fn invocation_count(&self) -> usize {
        self.shared.finished_count()
    }

    /// When the first `GET /2018-06-01/runtime/invocation/next` arrived: the instant the
    /// server's handler began on it, once hyper had read its head and before anything else.
    /// `None` until then.
    ///
    /// With [`Function::spawned_at`](crate::Function::spawned_at), this measures a cold start
    /// without the waiting thread's wake-up that [`wait_for_poll`](Self::wait_for_poll) adds.
    pub fn first_poll_at(&self) -> Option<Instant> {
        self.shared.first_poll_at()
    }
}

impl Drop for RuntimeApi {
    fn drop(&mut self) {
        // Parked polls are answered 500 as their senders are dropped, and no more are parked;
        // then dropping `server` stops it.
        drop(self.shared.stop());
    }
}
