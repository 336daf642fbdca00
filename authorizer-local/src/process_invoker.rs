//! [`ProcessInvoker`]: a real authorizer binary behind the local API Gateway
//! ([`authorizer_core::gateway`]), so that what is tested locally is byte for byte what is
//! deployed.

use std::fmt;
use std::path::PathBuf;
use std::process::ExitStatus;
use std::time::{Duration, Instant};

use authorizer_core::gateway::Invoker;
use authorizer_core::{ErrorReply, ErrorType, Reply};
use serde_json::Value;

use crate::function::{Function, FunctionBuilder};
use crate::invocation::{InitError, Invocation, InvokeError, Outcome};
use crate::server::RuntimeApi;

/// How often the start-up wait checks whether the process is still there.
const START_POLL: Duration = Duration::from_millis(20);

/// How many finished invocations and request lines the Runtime API keeps: each event's
/// invocation is read as it is answered, so a long-lived gateway (`authorizer-local serve`) need not
/// keep them all.
const HISTORY: usize = 64;

/// An authorizer binary, spawned once under a [`RuntimeApi`] of its own, as an
/// [`Invoker`] for a [`Gateway`](authorizer_core::gateway::Gateway).
///
/// Each event goes through the Runtime API to the running process, as in Lambda, and what
/// the process posted becomes the [`Reply`] the gateway judges: a response body as posted, or
/// an error whose `errorType` is read with [`ErrorType::from_str`](std::str::FromStr) (a type
/// the framework does not post counts as [`ErrorType::AuthorizerError`]) and whose message is
/// kept, since API Gateway answers 401 for the message `Unauthorized` whatever the type.
///
/// Failures of the process itself are answered as Lambda would have them answered: an event
/// without an answer in time (see [`ProcessInvoker::start_within`]), or a function that failed
/// its initialisation, is an error (API Gateway: 500); a process that exited is started again
/// (a new cold start) for the next event.
///
/// ```no_run
/// use authorizer_core::gateway::{Call, Gateway, Request};
/// use authorizer_local::{Function, ProcessInvoker};
///
/// let binary = Function::builder("target/debug/petstore").env("PETSTORE_USERS", "tk_reader_000000001 u-1 reader");
/// let mut gateway = Gateway::rest_token(ProcessInvoker::start(binary).expect("petstore starts"));
/// let first = gateway.send(&Request::get("/pets/7").header("Authorization", "Bearer tk_reader_000000001"));
/// assert_eq!((first.status, first.authorizer), (200, Call::Invoked));
/// ```
pub struct ProcessInvoker {
    builder: FunctionBuilder,
    api: RuntimeApi,
    function: Function,
    timeout: Duration,
    last: Option<Invocation>,
}

/// Why a binary could not be started as an authorizer.
#[derive(Debug)]
pub enum StartError {
    /// The program could not be started at all (missing, not executable...).
    Spawn(std::io::Error),
    /// It posted to `/runtime/init/error`: its initialisation failed.
    InitFailed(InitError),
    /// It exited before polling for an event.
    Exited {
        /// Its exit status.
        status: ExitStatus,
        /// What it wrote to standard output and error.
        output: String,
    },
    /// It did not poll the Runtime API in time: it is probably not a Lambda function.
    NotPolling {
        /// How long it was given.
        waited: Duration,
        /// What it wrote to standard output and error.
        output: String,
    },
}

impl fmt::Display for StartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Spawn(error) => write!(f, "cannot start it: {error}"),
            Self::InitFailed(error) => {
                let message = error
                    .body
                    .get("errorMessage")
                    .and_then(Value::as_str)
                    .map_or_else(|| error.body_text(), str::to_owned);
                write!(f, "its initialisation failed (it reported an init error): {message}")
            }
            Self::Exited { status, output } => {
                write!(f, "it exited ({status}) before asking for an event")?;
                write_output(f, output)
            }
            Self::NotPolling { waited, output } => {
                write!(
                    f,
                    "it did not ask the Lambda Runtime API for an event within {} s: is it a Lambda function?",
                    waited.as_secs()
                )?;
                write_output(f, output)
            }
        }
    }
}

fn write_output(f: &mut fmt::Formatter<'_>, output: &str) -> fmt::Result {
    let output = output.trim_end();
    if output.is_empty() {
        return Ok(());
    }
    f.write_str("; its output:")?;
    for line in output.lines() {
        write!(f, "\n  {line}")?;
    }
    Ok(())
}

impl std::error::Error for StartError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Spawn(error) => Some(error),
            _ => None,
        }
    }
}

impl ProcessInvoker {
    /// How long a binary gets to start polling the Runtime API, and to answer each event,
    /// unless [`ProcessInvoker::start_within`] says otherwise. API Gateway gives an authorizer
    /// 10 s too.
    pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

    /// Starts `program` with Lambda's environment and nothing else (see
    /// [`FunctionBuilder::spawn`]), its output captured and not echoed.
    ///
    /// # Errors
    /// See [`ProcessInvoker::start`].
    pub fn spawn(program: impl Into<PathBuf>) -> Result<Self, StartError> {
        Self::start(Function::builder(program).echo(false))
    }

    /// Starts the function `builder` describes under a new [`RuntimeApi`] and waits, up to
    /// [`ProcessInvoker::DEFAULT_TIMEOUT`], until it polls for its first event.
    ///
    /// # Errors
    /// When the program cannot be started, reports an init error, exits, or does not poll.
    pub fn start(builder: FunctionBuilder) -> Result<Self, StartError> {
        Self::start_within(builder, Self::DEFAULT_TIMEOUT)
    }

    /// [`ProcessInvoker::start`], waiting up to `timeout`; events then get `timeout` too.
    ///
    /// # Errors
    /// See [`ProcessInvoker::start`].
    pub fn start_within(builder: FunctionBuilder, timeout: Duration) -> Result<Self, StartError> {
        let api =
            RuntimeApi::builder().invoke_timeout(timeout).keep_invocations(HISTORY).keep_requests(HISTORY).start();
        let mut function = builder.clone().try_spawn(&api).map_err(StartError::Spawn)?;
        let deadline = Instant::now() + timeout;
        loop {
            if api.wait_for_poll(START_POLL) {
                break;
            }
            if let Some(error) = api.init_error(Duration::ZERO) {
                return Err(StartError::InitFailed(error));
            }
            if !function.is_alive() {
                // An init error is posted before the process exits: look once more.
                if let Some(error) = api.init_error(START_POLL) {
                    return Err(StartError::InitFailed(error));
                }
                let status = function.kill();
                function.wait_exit(START_POLL);
                return Err(StartError::Exited { status, output: function.output() });
            }
            if Instant::now() >= deadline {
                function.kill();
                function.wait_exit(START_POLL);
                return Err(StartError::NotPolling { waited: timeout, output: function.output() });
            }
        }
        Ok(Self { builder, api, function, timeout, last: None })
    }

    /// The running process: its output, its pid.
    pub fn function(&self) -> &Function {
        &self.function
    }

    /// The running process, to stop it or wait for it.
    pub fn function_mut(&mut self) -> &mut Function {
        &mut self.function
    }

    /// The last invocation, as the Runtime API recorded it (headers, raw body, ids).
    pub fn last_invocation(&self) -> Option<&Invocation> {
        self.last.as_ref()
    }
}

/// What `invocation` posted, as the [`Reply`] API Gateway judges: the response body as
/// posted, or the error with its `errorType` read as an [`ErrorType`] (one the framework does
/// not post counts as [`ErrorType::AuthorizerError`]) and its message kept.
pub fn reply_of(invocation: &Invocation) -> Reply {
    match &invocation.outcome {
        Outcome::Response(_) => Reply::Response(invocation.body_text()),
        Outcome::Error { error_type_header, body } => {
            let error_type = body.get("errorType").and_then(Value::as_str).or(error_type_header.as_deref());
            let error_message = match body.get("errorMessage").and_then(Value::as_str) {
                Some(message) => message.to_owned(),
                None => invocation.body_text(),
            };
            Reply::Error(ErrorReply {
                error_type: error_type.and_then(|t| t.parse().ok()).unwrap_or(ErrorType::AuthorizerError),
                error_message,
            })
        }
    }
}

fn failure(error_type: ErrorType, message: String) -> Reply {
    Reply::Error(ErrorReply { error_type, error_message: message })
}

impl Invoker for ProcessInvoker {
    fn invoke(&mut self, event: &[u8]) -> Reply {
        self.last = None;
        if !self.function.is_alive() {
            // Lambda starts a new execution environment after a process exits.
            match self.builder.clone().try_spawn(&self.api) {
                Ok(function) => self.function = function,
                Err(e) => {
                    return failure(ErrorType::AuthorizerError, format!("cannot start the authorizer again: {e}"));
                }
            }
        }
        match self.api.try_invoke(event, self.timeout) {
            Ok(invocation) => {
                let reply = reply_of(&invocation);
                self.last = Some(invocation);
                reply
            }
            Err(InvokeError::TimedOut { .. }) => failure(
                ErrorType::AuthorizerError,
                format!("the authorizer did not answer within {} s (a Lambda timeout)", self.timeout.as_secs()),
            ),
            Err(InvokeError::InitFailed(init)) => {
                failure(ErrorType::InitError, format!("the authorizer failed its initialisation: {}", init.body_text()))
            }
        }
    }
}

impl Drop for ProcessInvoker {
    fn drop(&mut self) {
        // Stop the process before its Runtime API goes away, so that it does not log the
        // Runtime API's failure on its way out.
        self.function.kill();
    }
}
