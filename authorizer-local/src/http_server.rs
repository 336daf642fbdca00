//! The HTTP server behind a [`RuntimeApi`](crate::RuntimeApi): hyper 1 (HTTP/1.1) on a tokio
//! runtime of its own, on a background thread.
//!
//! Why it is built this way:
//!
//! - **Latency.** Lambda's runtime API answers at once whatever the event's size, and so must
//!   this one, or tests and benchmarks measure the harness. hyper writes a response's head and
//!   body together, and every accepted socket has `TCP_NODELAY` (see [`Listener`]). The
//!   `tiny_http` server used before wrote them separately through a 1 KiB buffer with Nagle's
//!   algorithm on, so an event over ~1 KiB waited for the client's delayed ACK: ~40 ms per
//!   invocation. `tiny_http` offers no way to set the option.
//! - **Long polls cost nothing.** Each connection is a task, and a held `GET .../next` is a
//!   future parked on a oneshot channel (see [`Shared`](crate::state::Shared)), not a thread; it
//!   never blocks the connection on which the function posts its answer.
//! - **Its own runtime.** Tests are plain synchronous functions, and one may run a tokio
//!   runtime of its own (e.g. for the real client) without the two interfering. One
//!   current-thread runtime is enough: handlers only move bytes and hold a mutex briefly.
//! - **Bounded.** At most [`MAX_CONNECTIONS`] connections at once (more wait in the listen
//!   backlog), bodies up to Lambda's 6 MB, headers up to hyper's buffer limit. There is no
//!   idle timeout, as on Lambda: a function's pooled keep-alive connection may stay idle as long
//!   as a test likes. Everything ends with the server: dropping it answers held polls with a
//!   500 (see [`Shared::stop`](crate::state::Shared::stop)), closes the listener, gives open
//!   connections [`GRACE`] to finish their exchange, then drops the runtime, which closes what
//!   is left, and joins the thread.

use std::net::SocketAddr;
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::Duration;

use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::server::graceful::GracefulShutdown;
use tokio::sync::{Semaphore, oneshot};

use crate::listener::Listener;
use crate::service::Service;

/// The most connections served at once. A Lambda runtime client uses one or two.
const MAX_CONNECTIONS: usize = 64;

/// How long open connections get to finish when the server stops.
const GRACE: Duration = Duration::from_secs(2);

/// How long to wait after a failed `accept` (e.g. out of file descriptors) before the next.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(10);

/// A running server; dropping it stops the server and joins its thread.
pub(crate) struct HttpServer {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl HttpServer {
    /// Binds `127.0.0.1` on a free port and serves `service` there on a new thread.
    ///
    /// # Panics
    /// If no port can be bound, or no runtime or thread can be started.
    pub fn start(service: Service) -> HttpServer {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .build()
            .expect("building the runtime API's tokio runtime");
        let listener = {
            let _context = runtime.enter();
            Listener::bind_local().and_then(Listener::new).expect("binding 127.0.0.1:0 for the runtime API")
        };
        let addr = listener.local_addr().expect("a bound listener has an address");
        let (stop, stopped) = oneshot::channel();
        let thread = thread::Builder::new()
            .name("runtime-api".to_owned())
            .spawn(move || runtime.block_on(serve(listener, service, stopped)))
            .expect("spawning the runtime API thread");
        HttpServer { addr, stop: Some(stop), thread: Some(thread) }
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }
}

impl Drop for HttpServer {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(thread) = self.thread.take() {
            // A panic on the server thread was already reported; nothing to add while dropping.
            let _ = thread.join();
        }
    }
}

/// Accepts and serves connections until `stopped` fires (or its sender is dropped), then
/// shuts down gracefully within [`GRACE`]. The runtime is dropped when this returns.
async fn serve(listener: Listener, service: Service, stopped: oneshot::Receiver<()>) {
    let graceful = GracefulShutdown::new();
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let mut http = http1::Builder::new();
    // Header names as Lambda writes them; the hyper client does not care, people reading logs
    // might. No header read timeout: it would also close idle keep-alive connections.
    http.title_case_headers(true).header_read_timeout(None);

    let accepting = async {
        loop {
            let Ok(slot) = slots.clone().acquire_owned().await else {
                return; // Never closed.
            };
            let io = match listener.accept().await {
                Ok(io) => io,
                Err(_) => {
                    tokio::time::sleep(ACCEPT_BACKOFF).await;
                    continue;
                }
            };
            let service = service.clone();
            let connection = http.serve_connection(io, service_fn(move |request| service.clone().call(request)));
            let connection = graceful.watch(connection);
            tokio::spawn(async move {
                // An error means the client went away or sent garbage: its connection is done.
                let _ = connection.await;
                drop(slot);
            });
        }
    };
    tokio::select! {
        () = accepting => {}
        _ = stopped => {}
    }
    drop(listener);
    // Connections still busy after the grace period are closed as the runtime is dropped.
    let _ = tokio::time::timeout(GRACE, graceful.shutdown()).await;
}
