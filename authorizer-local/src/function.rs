//! [`Function`]: a Lambda binary running as a child process against a [`RuntimeApi`].

use std::ffi::{OsStr, OsString};
use std::io;
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use crate::capture::Capture;
use crate::server::RuntimeApi;

/// Variables passed through from the test's environment; everything else is cleared, so the
/// function sees a Lambda-like environment whatever the test runner has set.
const PASSED_THROUGH: &[&str] = &["PATH", "RUST_BACKTRACE", "LLVM_PROFILE_FILE"];

/// How often [`Function::wait_exit`] checks the process.
const POLL_INTERVAL: Duration = Duration::from_millis(5);

/// How long to wait, once the process has exited, for the last of its output.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(2);

/// Settings for a [`Function`]: program, arguments and environment.
#[derive(Debug, Clone)]
pub struct FunctionBuilder {
    program: PathBuf,
    args: Vec<OsString>,
    name: String,
    env: Vec<(OsString, Option<OsString>)>,
    echo: bool,
}

impl FunctionBuilder {
    /// Whether each line the function writes is also echoed to this process's stderr,
    /// prefixed with the function's name and the stream (on by default, so that a failing
    /// test shows the function's logs). The output is captured either way.
    pub fn echo(mut self, echo: bool) -> Self {
        self.echo = echo;
        self
    }

    fn label(&self, stream: &str) -> Option<String> {
        self.echo.then(|| format!("{} {stream}", self.name))
    }

    /// Adds a command-line argument.
    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Self {
        self.args.push(arg.as_ref().to_owned());
        self
    }

    /// The function name: `AWS_LAMBDA_FUNCTION_NAME`, and part of the log group name.
    /// Default `authorizer`.
    pub fn function_name(mut self, name: impl Into<String>) -> Self {
        self.name = name.into();
        self
    }

    /// Sets an environment variable, overriding the Lambda defaults.
    pub fn env(mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> Self {
        let value = Some(value.as_ref().to_owned());
        self.env.push((key.as_ref().to_owned(), value));
        self
    }

    /// Removes an environment variable, including one of the Lambda defaults.
    pub fn env_remove(mut self, key: impl AsRef<OsStr>) -> Self {
        self.env.push((key.as_ref().to_owned(), None));
        self
    }

    /// Starts the process against `api`.
    ///
    /// Its environment is cleared, then given what Lambda sets for a custom runtime:
    /// `AWS_LAMBDA_RUNTIME_API`, `AWS_LAMBDA_FUNCTION_NAME`, `AWS_LAMBDA_FUNCTION_MEMORY_SIZE=128`,
    /// `AWS_LAMBDA_FUNCTION_VERSION=$LATEST`, `AWS_LAMBDA_LOG_GROUP_NAME`,
    /// `AWS_LAMBDA_LOG_STREAM_NAME`, `_HANDLER`, `AWS_REGION`, `TZ`, `LANG` and the like,
    /// with `PATH`, `RUST_BACKTRACE` and `LLVM_PROFILE_FILE` passed through from the test, and
    /// last the variables given with [`env`](Self::env) and [`env_remove`](Self::env_remove).
    /// Standard input is closed; standard output and error are captured.
    ///
    /// # Panics
    /// If the program cannot be started (e.g. it was not built); use
    /// [`try_spawn`](Self::try_spawn) to handle that.
    #[track_caller]
    pub fn spawn(self, api: &RuntimeApi) -> Function {
        let program = self.program.clone();
        self.try_spawn(api).unwrap_or_else(|error| panic!("could not start {}: {error}", program.display()))
    }

    /// Like [`spawn`](Self::spawn), but returns the error if the program cannot be started.
    pub fn try_spawn(self, api: &RuntimeApi) -> io::Result<Function> {
        let mut command = Command::new(&self.program);
        command.args(&self.args).env_clear().stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
        for key in PASSED_THROUGH {
            if let Some(value) = std::env::var_os(key) {
                command.env(key, value);
            }
        }
        for (key, value) in lambda_env(api, &self.name) {
            command.env(key, value);
        }
        for (key, value) in &self.env {
            match value {
                Some(value) => command.env(key, value),
                None => command.env_remove(key),
            };
        }

        let spawned_at = Instant::now();
        let mut child = command.spawn()?;
        let (stdout, stderr) = match (child.stdout.take(), child.stderr.take()) {
            (Some(stdout), Some(stderr)) => (stdout, stderr),
            _ => unreachable!("both streams were configured as pipes"),
        };
        Ok(Function {
            stdout: Capture::start(stdout, &format!("{} stdout", self.name), self.label("stdout")),
            stderr: Capture::start(stderr, &format!("{} stderr", self.name), self.label("stderr")),
            child,
            spawned_at,
            exit_status: None,
        })
    }
}

/// The variables Lambda sets for a function on a custom runtime.
fn lambda_env(api: &RuntimeApi, name: &str) -> Vec<(&'static str, String)> {
    vec![
        ("AWS_LAMBDA_RUNTIME_API", api.addr()),
        ("AWS_LAMBDA_FUNCTION_NAME", name.to_owned()),
        ("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128".to_owned()),
        ("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST".to_owned()),
        ("AWS_LAMBDA_LOG_GROUP_NAME", format!("/aws/lambda/{name}")),
        ("AWS_LAMBDA_LOG_STREAM_NAME", "2024/01/01/[$LATEST]0123456789abcdef0123456789abcdef".to_owned()),
        ("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand".to_owned()),
        ("_HANDLER", "bootstrap".to_owned()),
        ("AWS_REGION", "us-east-1".to_owned()),
        ("AWS_DEFAULT_REGION", "us-east-1".to_owned()),
        ("LAMBDA_TASK_ROOT", "/var/task".to_owned()),
        ("LAMBDA_RUNTIME_DIR", "/var/runtime".to_owned()),
        ("TZ", ":UTC".to_owned()),
        ("LANG", "en_US.UTF-8".to_owned()),
    ]
}

/// A Lambda binary running as a child process, with its output captured.
///
/// Dropping it kills the process (if still running) and reaps it. Only that process is
/// killed: a Lambda binary does not start others, and neither should a test's stand-in.
pub struct Function {
    child: Child,
    spawned_at: Instant,
    stdout: Capture,
    stderr: Capture,
    exit_status: Option<ExitStatus>,
}

impl Function {
    /// Settings for running `program`; finish with [`FunctionBuilder::spawn`].
    pub fn builder(program: impl Into<PathBuf>) -> FunctionBuilder {
        FunctionBuilder {
            program: program.into(),
            args: Vec::new(),
            name: "authorizer".to_owned(),
            env: Vec::new(),
            echo: true,
        }
    }

    /// Starts `program` against `api` with the default settings.
    ///
    /// # Panics
    /// If the program cannot be started.
    #[track_caller]
    pub fn spawn(program: impl Into<PathBuf>, api: &RuntimeApi) -> Function {
        Function::builder(program).spawn(api)
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The instant just before the process was spawned (its command fully prepared).
    ///
    /// [`RuntimeApi::first_poll_at`] minus this is the cold start as far as the Runtime API
    /// can see it: process creation, the program's start-up, its connection and its first
    /// `GET .../invocation/next`.
    pub fn spawned_at(&self) -> Instant {
        self.spawned_at
    }

    /// Whether the process is still running.
    pub fn is_alive(&mut self) -> bool {
        self.poll_exit().is_none()
    }

    /// Waits up to `timeout` for the process to exit. Once it has, also waits (briefly) for
    /// the rest of its output, so [`stdout`](Self::stdout) and [`stderr`](Self::stderr) are
    /// complete.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(status) = self.poll_exit() {
                self.stdout.wait_closed(DRAIN_TIMEOUT);
                self.stderr.wait_closed(DRAIN_TIMEOUT);
                return Some(status);
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return None;
            }
            thread::sleep(left.min(POLL_INTERVAL));
        }
    }

    /// Kills the process (if still running) and waits for it.
    ///
    /// # Panics
    /// If the killed process cannot be reaped, which would mean the machine is broken.
    pub fn kill(&mut self) -> ExitStatus {
        if let Some(status) = self.poll_exit() {
            return status;
        }
        // Fails only if the process already exited, which `wait` then reports.
        let _ = self.child.kill();
        let status = self.child.wait().expect("reaping the killed function");
        self.exit_status = Some(status);
        status
    }

    /// Everything the process wrote to standard output so far.
    pub fn stdout(&self) -> String {
        self.stdout.text()
    }

    /// Everything the process wrote to standard error so far.
    pub fn stderr(&self) -> String {
        self.stderr.text()
    }

    /// Standard output followed by standard error, for asserting on all logs at once.
    pub fn output(&self) -> String {
        self.stdout() + &self.stderr()
    }

    /// Waits up to `timeout` until `needle` appears in standard output or standard error.
    pub fn wait_for_output(&self, needle: &str, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        loop {
            if self.output().contains(needle) {
                return true;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            if self.stdout.is_closed() && self.stderr.is_closed() {
                return false; // No more output will come.
            }
            thread::sleep(left.min(POLL_INTERVAL));
        }
    }

    /// The exit status, if the process has exited; checks without blocking.
    fn poll_exit(&mut self) -> Option<ExitStatus> {
        if self.exit_status.is_none() {
            // An error here means the process was already reaped, which only we do.
            self.exit_status = self.child.try_wait().ok().flatten();
        }
        self.exit_status
    }
}

impl Drop for Function {
    fn drop(&mut self) {
        if self.poll_exit().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
