//! [`RuntimeApiBuilder`]: the settings of a [`RuntimeApi`] before it starts.

use std::time::Duration;

use crate::server::RuntimeApi;

/// Configures a [`RuntimeApi`] before it starts.
#[derive(Debug, Clone)]
pub struct RuntimeApiBuilder {
    pub(crate) function_timeout: Duration,
    pub(crate) invoke_timeout: Duration,
    pub(crate) function_arn: String,
    pub(crate) keep_invocations: Option<usize>,
    pub(crate) keep_requests: Option<usize>,
}

impl Default for RuntimeApiBuilder {
    fn default() -> Self {
        RuntimeApiBuilder {
            function_timeout: Duration::from_secs(3),
            invoke_timeout: Duration::from_secs(10),
            function_arn: "arn:aws:lambda:us-east-1:123456789012:function:authorizer".to_owned(),
            keep_invocations: None,
            keep_requests: None,
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

    /// The `Lambda-Runtime-Invoked-Function-Arn` sent with events, which must be visible ASCII.
    /// Default `arn:aws:lambda:us-east-1:123456789012:function:authorizer`.
    pub fn function_arn(mut self, arn: impl Into<String>) -> Self {
        self.function_arn = arn.into();
        self
    }

    /// Keeps only the `n` most recently finished invocations, for a long run whose history
    /// would otherwise grow without bound. Default: every invocation is kept until the server
    /// is dropped.
    ///
    /// Whatever `n` (even 0), [`RuntimeApi::try_invoke`] still returns each invocation it
    /// waited for, and [`RuntimeApi::invocation_count`] still counts them all. What a kept
    /// invocation is for is telling a second answer for the same request id (403
    /// `InvalidStateTransition`) from an answer for an id never handed out: once it is
    /// forgotten, a second answer gets 400 `InvalidRequestID`.
    pub fn keep_invocations(mut self, n: usize) -> Self {
        self.keep_invocations = Some(n);
        self
    }

    /// Keeps only the `n` most recent lines of the request log ([`RuntimeApi::requests`]).
    /// Default: every request is kept until the server is dropped.
    /// [`RuntimeApi::request_count`] and [`RuntimeApi::first_poll_at`] still cover every
    /// request.
    pub fn keep_requests(mut self, n: usize) -> Self {
        self.keep_requests = Some(n);
        self
    }

    /// Binds `127.0.0.1` on a free port and starts serving.
    ///
    /// # Panics
    /// If the [function ARN](Self::function_arn) is not visible ASCII, or if no local port can
    /// be bound or the server's thread cannot start (the test machine itself is broken).
    pub fn start(self) -> RuntimeApi {
        RuntimeApi::serve(self)
    }
}
