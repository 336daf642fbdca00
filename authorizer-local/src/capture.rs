//! Collects what a child process writes to one pipe, on a background thread.

use std::io::{BufRead, BufReader, Read};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

#[derive(Default)]
struct Collected {
    bytes: Vec<u8>,
    closed: bool,
}

#[derive(Default)]
struct Inner {
    collected: Mutex<Collected>,
    changed: Condvar,
}

impl Inner {
    fn lock(&self) -> MutexGuard<'_, Collected> {
        self.collected.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The output of one pipe, growing while the reader thread runs.
///
/// Unless `label` is `None`, each line is also echoed to the test's stderr, prefixed with
/// the label, so that a failing test shows the function's logs (the test harness hides them
/// for passing tests).
pub(crate) struct Capture {
    inner: Arc<Inner>,
}

impl Capture {
    /// Starts reading `pipe` until it closes.
    ///
    /// # Panics
    /// If no thread can be spawned.
    pub fn start(pipe: impl Read + Send + 'static, name: &str, label: Option<String>) -> Capture {
        let inner = Arc::new(Inner::default());
        let shared = inner.clone();
        thread::Builder::new()
            .name(format!("capture {name}"))
            .spawn(move || read_lines(pipe, label.as_deref(), &shared))
            .expect("spawning a thread to capture the function's output");
        Capture { inner }
    }

    /// Everything read so far (invalid UTF-8 replaced).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.inner.lock().bytes).into_owned()
    }

    /// Whether the pipe has closed, i.e. all output is in.
    pub fn is_closed(&self) -> bool {
        self.inner.lock().closed
    }

    /// Waits until the pipe has closed (all output is in) or `timeout` passes.
    pub fn wait_closed(&self, timeout: Duration) -> bool {
        self.wait_until(timeout, |collected| collected.closed)
    }

    fn wait_until(&self, timeout: Duration, done: impl Fn(&Collected) -> bool) -> bool {
        let deadline = Instant::now() + timeout;
        let mut collected = self.inner.lock();
        loop {
            if done(&collected) {
                return true;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            collected = self.inner.changed.wait_timeout(collected, left).unwrap_or_else(PoisonError::into_inner).0;
        }
    }
}

/// The reader thread's loop: appends line by line until end of file or a read error.
fn read_lines(pipe: impl Read, label: Option<&str>, inner: &Inner) {
    let mut reader = BufReader::new(pipe);
    let mut line = Vec::new();
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) => {
                if let Some(label) = label {
                    let text = String::from_utf8_lossy(&line);
                    eprintln!("[{label}] {}", text.trim_end_matches(['\r', '\n']));
                }
                inner.lock().bytes.extend_from_slice(&line);
                inner.changed.notify_all();
            }
        }
    }
    inner.lock().closed = true;
    inner.changed.notify_all();
}
