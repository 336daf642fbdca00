//! Answers one request to the runtime API.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Full, LengthLimitError, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::header::{CONTENT_TYPE, HeaderName, HeaderValue};
use hyper::{Request, Response, StatusCode};
use serde_json::{Value, json};
use tokio::sync::oneshot;

use crate::builder::RuntimeApiBuilder;
use crate::endpoint::{ERROR_TYPE_HEADER, Endpoint, RecordedRequest};
use crate::invocation::{InitError, Outcome, find_header, parse_body};
use crate::state::{Assignment, Posted, Shared};

/// The largest body a function may post: Lambda's limit for a synchronous response (6 MB).
/// Larger ones are refused with 413, as Lambda does.
const MAX_BODY: usize = 6 * 1024 * 1024;

/// What every request handler shares: the bookkeeping and the settings.
#[derive(Clone)]
pub(crate) struct Service {
    shared: Arc<Shared>,
    function_timeout: Duration,
    function_arn: HeaderValue,
}

impl Service {
    /// Handlers for a server with these settings.
    ///
    /// # Panics
    /// If the function ARN is not a valid header value (visible ASCII).
    pub fn new(shared: Arc<Shared>, config: &RuntimeApiBuilder) -> Service {
        let arn = &config.function_arn;
        let function_arn = HeaderValue::from_str(arn)
            .unwrap_or_else(|_| panic!("the function ARN {arn:?} cannot be sent as a header value"));
        Service { shared, function_timeout: config.function_timeout, function_arn }
    }

    /// Logs the request, then answers it. A `next` is answered once an event is there for it,
    /// or with a 500 when the server stops.
    pub async fn call(self, request: Request<Incoming>) -> Result<Response<Full<Bytes>>, Infallible> {
        // The arrival: hyper has read the request's head, nothing else has been done with it.
        let arrived = Instant::now();
        let recorded = RecordedRequest { method: request.method().as_str().to_owned(), path: target(&request) };
        let endpoint = recorded.endpoint();
        self.shared.record_request(recorded.clone(), arrived, endpoint == Endpoint::Next);
        let (id, is_error) = match endpoint {
            Endpoint::Next => return Ok(self.next().await),
            Endpoint::Unknown => {
                let message = format!("no route for {recorded}");
                return Ok(reply(StatusCode::NOT_FOUND, &lambda_error("NotFound", &message)));
            }
            Endpoint::InitError => (None, true),
            Endpoint::Response(id) => (Some(id), false),
            Endpoint::Error(id) => (Some(id), true),
        };

        let headers: Vec<(String, String)> = request
            .headers()
            .iter()
            .map(|(name, value)| (name.as_str().to_owned(), String::from_utf8_lossy(value.as_bytes()).into_owned()))
            .collect();
        let raw_body = match Limited::new(request.into_body(), MAX_BODY).collect().await {
            Ok(body) => body.to_bytes().to_vec(),
            Err(error) if error.is::<LengthLimitError>() => {
                let message = format!("the body is over the {MAX_BODY}-byte limit");
                return Ok(reply(StatusCode::PAYLOAD_TOO_LARGE, &lambda_error("RequestEntityTooLarge", &message)));
            }
            Err(error) => {
                let message = format!("could not read the request body: {error}");
                return Ok(reply(StatusCode::BAD_REQUEST, &lambda_error("InvalidRequestBody", &message)));
            }
        };
        let error_type_header = find_header(&headers, ERROR_TYPE_HEADER).map(str::to_owned);
        let body = parse_body(&raw_body);

        let Some(id) = id else {
            self.shared.record_init_error(InitError { error_type_header, body, raw_body, headers });
            return Ok(reply(StatusCode::ACCEPTED, &json!({"status": "OK"})));
        };
        let outcome = if is_error { Outcome::Error { error_type_header, body } } else { Outcome::Response(body) };
        Ok(match self.shared.complete(&id, outcome, raw_body, headers) {
            Posted::Accepted => reply(StatusCode::ACCEPTED, &json!({"status": "OK"})),
            Posted::UnknownId => {
                reply(StatusCode::BAD_REQUEST, &lambda_error("InvalidRequestID", "Invalid request ID"))
            }
            Posted::AlreadyAnswered => {
                let message = format!("invocation {id} already has a response or error");
                reply(StatusCode::FORBIDDEN, &lambda_error("InvalidStateTransition", &message))
            }
        })
    }

    /// Parks the poll and waits, without a thread, for its event. If the client goes away
    /// first, hyper drops this future and the parked sender sees its receiver closed.
    async fn next(&self) -> Response<Full<Bytes>> {
        let (poll, assigned) = oneshot::channel();
        self.shared.park_poll(poll);
        self.shared.deliver_pending(self.function_timeout);
        match assigned.await {
            Ok(assignment) => self.event(assignment),
            Err(_stopped) => {
                let message = "the runtime API is shutting down";
                reply(StatusCode::INTERNAL_SERVER_ERROR, &lambda_error("ServiceException", message))
            }
        }
    }

    /// The answer to a `next`: the event, with Lambda's headers.
    fn event(&self, Assignment { event, deadline_ms }: Assignment) -> Response<Full<Bytes>> {
        let mut response = Response::new(Full::new(Bytes::from(event.body)));
        let headers = response.headers_mut();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        headers.insert(HeaderName::from_static("lambda-runtime-aws-request-id"), generated(&event.request_id));
        headers.insert(HeaderName::from_static("lambda-runtime-deadline-ms"), HeaderValue::from(deadline_ms));
        headers.insert(HeaderName::from_static("lambda-runtime-invoked-function-arn"), self.function_arn.clone());
        headers.insert(HeaderName::from_static("lambda-runtime-trace-id"), generated(&event.trace_id));
        response
    }
}

/// A header value from an id this crate generated.
///
/// # Panics
/// Never: request and trace ids are ASCII letters, digits and `-;=`.
fn generated(id: &str) -> HeaderValue {
    HeaderValue::from_str(id).unwrap_or_else(|_| panic!("generated id {id:?} is not a valid header value"))
}

/// The request target as sent: path and query (for an absolute-form target, the whole URI).
fn target(request: &Request<Incoming>) -> String {
    let uri = request.uri();
    match (uri.scheme(), uri.path_and_query()) {
        (None, Some(path)) => path.as_str().to_owned(),
        _ => uri.to_string(),
    }
}

/// A JSON answer, with `Content-Length`.
fn reply(status: StatusCode, body: &Value) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(body.to_string())));
    *response.status_mut() = status;
    response.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

/// An error body in Lambda's format.
fn lambda_error(error_type: &str, message: &str) -> Value {
    json!({"errorType": error_type, "errorMessage": message})
}
