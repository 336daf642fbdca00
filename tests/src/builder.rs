//! [`RuntimeApiBuilder`]: the settings of a [`RuntimeApi`] before it starts.

use std::time::Duration;

use crate::server::RuntimeApi;

/// Configures a [`RuntimeApi`] before it starts.
#[derive(Debug, Clone)]
pub struct RuntimeApiBuilder {
    pub(crate) function_timeout: Duration,
    pub(crate) invoke_timeout: Duration,
    pub(crate) function_arn: String,
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

    /// The `Lambda-Runtime-Invoked-Function-Arn` sent with events, which must be visible ASCII.
    /// Default `arn:aws:lambda:us-east-1:123456789012:function:authorizer`.
    pub fn function_arn(mut self, arn: impl Into<String>) -> Self {
        self.function_arn = arn.into();
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
