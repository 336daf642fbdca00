//! What an invocation posts to the Lambda Runtime API.

use std::fmt;

/// What one invocation posts to the Lambda Runtime API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// Posted to `/runtime/invocation/{id}/response`: the authorizer's response, as JSON.
    Response(String),
    /// Posted to `/runtime/invocation/{id}/error`.
    Error(ErrorReply),
}

/// The body of a Lambda function error: `{"errorType": .., "errorMessage": ..}`
/// ([Lambda Runtime API][runtime-api]).
///
/// [runtime-api]: https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorReply {
    /// A short, stable name of what went wrong.
    pub error_type: ErrorType,
    /// The message. Exactly `Unauthorized` for [`ErrorType::Unauthorized`]; never that for
    /// the others. Credentials of the request are masked.
    pub error_message: String,
}

/// The `errorType` the framework posts: short and stable, unlike Rust type paths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorType {
    /// The authorizer returned `Unauthorized`: API Gateway answers 401.
    Unauthorized,
    /// The event is not the authorizer's kind of event, or lacks required fields: 500.
    InvalidEvent,
    /// The authorizer returned an error: 500.
    AuthorizerError,
    /// The authorizer panicked: 500. The process keeps serving.
    AuthorizerPanic,
    /// The decision cannot become a valid response (a bad route, a NaN in the context): 500.
    InvalidDecision,
    /// The shared state could not be built at cold start (posted to `/runtime/init/error`).
    InitError,
}

impl ErrorType {
    /// The name posted as `errorType`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Unauthorized => "Unauthorized",
            Self::InvalidEvent => "InvalidEvent",
            Self::AuthorizerError => "AuthorizerError",
            Self::AuthorizerPanic => "AuthorizerPanic",
            Self::InvalidDecision => "InvalidDecision",
            Self::InitError => "InitError",
        }
    }
}

/// An `errorType` the framework does not post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownErrorType;

impl fmt::Display for UnknownErrorType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not an errorType the framework posts")
    }
}

impl std::error::Error for UnknownErrorType {}

/// Reads an `errorType` as posted, e.g. by a binary under a local Runtime API.
impl std::str::FromStr for ErrorType {
    type Err = UnknownErrorType;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        const ALL: [ErrorType; 6] = [
            ErrorType::Unauthorized,
            ErrorType::InvalidEvent,
            ErrorType::AuthorizerError,
            ErrorType::AuthorizerPanic,
            ErrorType::InvalidDecision,
            ErrorType::InitError,
        ];
        ALL.into_iter().find(|t| t.as_str() == s).ok_or(UnknownErrorType)
    }
}

impl fmt::Display for ErrorType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ErrorReply {
    pub(crate) fn new(error_type: ErrorType, error_message: impl Into<String>) -> Self {
        Self { error_type, error_message: error_message.into() }
    }

    /// The JSON body posted to the Runtime API.
    #[must_use]
    pub fn to_json(&self) -> String {
        let mut buf = Vec::with_capacity(48 + self.error_message.len());
        buf.extend_from_slice(br#"{"errorType":"#);
        super::json::write_str(&mut buf, self.error_type.as_str());
        buf.extend_from_slice(br#","errorMessage":"#);
        super::json::write_str(&mut buf, &self.error_message);
        buf.push(b'}');
        String::from_utf8(buf).unwrap_or_default()
    }
}

impl Reply {
    /// The JSON body posted to the Runtime API.
    #[must_use]
    pub fn body(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Self::Response(json) => json.into(),
            Self::Error(error) => error.to_json().into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_types_round_trip_and_bodies_are_json() {
        for name in
            ["Unauthorized", "InvalidEvent", "AuthorizerError", "AuthorizerPanic", "InvalidDecision", "InitError"]
        {
            let parsed: ErrorType = name.parse().unwrap();
            assert_eq!(parsed.as_str(), name);
            assert_eq!(parsed.to_string(), name);
        }
        assert_eq!("&alloc::string::String".parse::<ErrorType>(), Err(UnknownErrorType));
        let body = ErrorReply::new(ErrorType::AuthorizerError, "a \"quoted\" message").to_json();
        let value: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(value, serde_json::json!({"errorType": "AuthorizerError", "errorMessage": "a \"quoted\" message"}));
    }
}
