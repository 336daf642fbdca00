//! The client of the Lambda Runtime API: one `hyper` HTTP/1.1 connection, polled from the
//! task that sends on it.
//!
//! Not `lambda_runtime_api_client`, the transport of `lambda_runtime`: that client is
//! `hyper_util`'s pooled client, built for many concurrent requests to many hosts. It
//! rewrites every request's URI against its base (a `format!` and a parse), looks the
//! connection up in a `HashMap` (SipHash over scheme and authority), and runs the
//! connection as a task of its own, which the request's task then waits for. A poller of
//! the Runtime API makes one request at a time to one host, so [`RuntimeApi`] keeps one
//! connection and polls it from the poller itself; the bytes on the wire are the same.
//! BENCHMARKS.md measures what that saves per invocation and in binary size.

use std::future::{Future, poll_fn};
use std::pin::pin;
use std::task::Poll;

use http::header::{CONTENT_TYPE, HOST, HeaderName, HeaderValue, USER_AGENT};
use http::uri::Authority;
use http::{Method, Request, Uri};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::client::conn::http1;
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;

pub(super) type BoxError = Box<dyn std::error::Error + Send + Sync>;

pub(super) const NEXT: &str = "/2018-06-01/runtime/invocation/next";
pub(super) const INIT_ERROR: &str = "/2018-06-01/runtime/init/error";
pub(super) const INVOCATION: &str = "/2018-06-01/runtime/invocation/";
/// Echoed back on `/response` and `/error` so that the Runtime API can reject a reply to a
/// timed-out invocation, as `lambda_runtime` does.
pub(super) const INVOCATION_ID: HeaderName = HeaderName::from_static("lambda-runtime-invocation-id");
const ERROR_TYPE: HeaderName = HeaderName::from_static("lambda-runtime-function-error-type");
/// `lambda_runtime`'s User-Agent (`lambda_runtime_api_client` 1.1.1's, with its build-time
/// override), so that the Runtime API sees the same client as from the Rust runtime.
const USER_AGENT_VALUE: HeaderValue = HeaderValue::from_static(match option_env!("LAMBDA_RUNTIME_USER_AGENT") {
    Some(agent) => agent,
    None => "aws-lambda-rust/1.1.1",
});
/// The largest buffer for a response's head, as `lambda_runtime_api_client` sets it.
const MAX_BUF_SIZE: usize = 1024 * 1024;

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
pub(super) fn post(
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
pub(super) struct RuntimeApi {
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
    pub(super) fn new(endpoint: &str) -> Result<Self, BoxError> {
        let authority: Authority = endpoint.parse()?;
        let host = match authority.port_u16() {
            Some(80) | None => HeaderValue::from_str(authority.host())?,
            Some(_) => HeaderValue::from_str(authority.as_str())?,
        };
        Ok(Self { authority, host, connection: None })
    }

    /// `GET`s the next event.
    pub(super) async fn next(&mut self) -> Result<(http::response::Parts, Bytes), BoxError> {
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
    pub(super) async fn send(
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
