//! What the function answered: an invocation's outcome, or an initialization error.

use std::error::Error;
use std::fmt;
use std::time::Duration;

use serde_json::Value;

/// One finished invocation: the event's identifiers and what the function posted back.
#[derive(Debug, Clone, PartialEq)]
pub struct Invocation {
    /// The `Lambda-Runtime-Aws-Request-Id` handed to the function.
    pub request_id: String,
    /// The `Lambda-Runtime-Trace-Id` handed to the function.
    pub trace_id: String,
    /// The `Lambda-Runtime-Deadline-Ms` handed to the function (ms since the Unix epoch).
    pub deadline_ms: u64,
    /// The response or error the function posted.
    pub outcome: Outcome,
    /// The posted body, byte for byte.
    pub raw_body: Vec<u8>,
    /// The headers of the posted request, in the order received (a repeated name's values
    /// together, at its first place), names in lower case.
    pub headers: Vec<(String, String)>,
}

/// How an invocation ended.
///
/// A body that is not valid JSON is given as [`Value::Null`]; [`Invocation::raw_body`] keeps
/// the bytes.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The function posted to `/runtime/invocation/{id}/response`.
    Response(Value),
    /// The function posted to `/runtime/invocation/{id}/error`.
    Error {
        /// The `Lambda-Runtime-Function-Error-Type` header, if sent.
        error_type_header: Option<String>,
        /// The body, normally `{"errorType": ..., "errorMessage": ...}`.
        body: Value,
    },
}

impl Invocation {
    /// Whether the function reported an error rather than a response.
    pub fn is_error(&self) -> bool {
        matches!(self.outcome, Outcome::Error { .. })
    }

    /// The successful response.
    ///
    /// # Panics
    /// If the function reported an error; the message shows what it posted.
    #[track_caller]
    pub fn expect_response(&self) -> &Value {
        match &self.outcome {
            Outcome::Response(value) => value,
            Outcome::Error { .. } => panic!(
                "expected a response for invocation {}, but the function posted an error: {}",
                self.request_id,
                self.body_text()
            ),
        }
    }

    /// The error type header and error body.
    ///
    /// # Panics
    /// If the function posted a response; the message shows it.
    #[track_caller]
    pub fn expect_error(&self) -> (Option<&str>, &Value) {
        match &self.outcome {
            Outcome::Error { error_type_header, body } => (error_type_header.as_deref(), body),
            Outcome::Response(_) => panic!(
                "expected an error for invocation {}, but the function posted a response: {}",
                self.request_id,
                self.body_text()
            ),
        }
    }

    /// The posted body as text (invalid UTF-8 replaced).
    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.raw_body).into_owned()
    }

    /// The first posted header with this name, compared case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

/// What the function posted to `/runtime/init/error`.
#[derive(Debug, Clone, PartialEq)]
pub struct InitError {
    /// The `Lambda-Runtime-Function-Error-Type` header, if sent.
    pub error_type_header: Option<String>,
    /// The body as JSON ([`Value::Null`] if it is not valid JSON).
    pub body: Value,
    /// The posted body, byte for byte.
    pub raw_body: Vec<u8>,
    /// The headers of the posted request, in the order received (a repeated name's values
    /// together, at its first place), names in lower case.
    pub headers: Vec<(String, String)>,
}

impl InitError {
    /// The posted body as text (invalid UTF-8 replaced).
    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.raw_body).into_owned()
    }
}

/// Why [`RuntimeApi::try_invoke`](crate::RuntimeApi::try_invoke) has no [`Invocation`].
#[derive(Debug, Clone, PartialEq)]
pub enum InvokeError {
    /// No response or error came in time.
    TimedOut {
        /// The request id of the event.
        request_id: String,
        /// Whether the function had fetched the event with `next`.
        delivered: bool,
        /// How long the caller waited.
        waited: Duration,
    },
    /// The function reported an initialization error, so it will not take events.
    InitFailed(InitError),
}

impl fmt::Display for InvokeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InvokeError::TimedOut { request_id, delivered: true, waited } => write!(
                f,
                "the function fetched event {request_id} but posted no response or error \
                 within {waited:?}"
            ),
            InvokeError::TimedOut { request_id, delivered: false, waited } => write!(
                f,
                "the function did not fetch event {request_id} (no GET .../invocation/next) \
                 within {waited:?}"
            ),
            InvokeError::InitFailed(init) => {
                write!(f, "the function posted an init error (type {:?}): {}", init.error_type_header, init.body_text())
            }
        }
    }
}

impl Error for InvokeError {}

/// Parses a posted body, [`Value::Null`] if it is not JSON.
pub(crate) fn parse_body(raw: &[u8]) -> Value {
    serde_json::from_slice(raw).unwrap_or(Value::Null)
}

/// The first header with this name, compared case-insensitively.
pub(crate) fn find_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(field, _)| field.eq_ignore_ascii_case(name)).map(|(_, value)| value.as_str())
}
