//! What the `gateway` command's tests share: running it, with a bound, and files to give it.

// Each test file uses only part of it.
#![allow(dead_code)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// The command under test.
pub const GATEWAY: &str = env!("CARGO_BIN_EXE_gateway");

/// The test crate's probe authorizers (see `tests/src/bin/probe-*.rs`).
pub const TOKEN_PROBE: &str = env!("CARGO_BIN_EXE_probe-token");
pub const REQUEST_PROBE: &str = env!("CARGO_BIN_EXE_probe-request");
/// The jwt-oidc example (`examples/src/bin/jwt-oidc.rs`), built by this crate as a fixture.
pub const JWT_OIDC: &str = env!("CARGO_BIN_EXE_fixture-jwt-oidc");

/// Part of every token the tests send: it must never be printed.
pub const SECRET: &str = "S3CRET-cli-5e4d3c";

/// A bound for a whole command: each of its invocations is bounded by 10 s already.
const COMMAND_BOUND: Duration = Duration::from_secs(60);

/// How a `gateway` command ended.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Standard output as JSON.
    #[track_caller]
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{self:#?}"))
    }
}

fn drain(mut pipe: impl Read + Send + 'static) -> JoinHandle<String> {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

/// Waits for `child`, killing it after `bound`.
pub fn wait_bounded(child: &mut Child, bound: Duration) -> Option<i32> {
    let deadline = Instant::now() + bound;
    loop {
        if let Some(status) = child.try_wait().expect("waiting for gateway") {
            return status.code();
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("gateway did not finish within {bound:?}");
        }
        thread::sleep(Duration::from_millis(10));
    }
}

/// Runs `gateway args...` to its end.
pub fn gateway<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Run {
    let mut child = Command::new(GATEWAY)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starting gateway");
    let (stdout, stderr) = (drain(child.stdout.take().unwrap()), drain(child.stderr.take().unwrap()));
    let code = wait_bounded(&mut child, COMMAND_BOUND);
    Run { code, stdout: stdout.join().unwrap(), stderr: stderr.join().unwrap() }
}

/// Writes `contents` to a new file named after `name`, in this test target's directory.
pub fn temp_file(name: &str, contents: &str) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli");
    std::fs::create_dir_all(&dir).expect("creating the temporary directory");
    let path = dir.join(format!("{}-{}-{name}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed)));
    std::fs::write(&path, contents).expect("writing a temporary file");
    path
}

/// The directory of the built binaries, where `gateway demo --no-build` looks for examples.
pub fn bin_dir() -> PathBuf {
    Path::new(GATEWAY).parent().expect("the gateway binary is in a directory").to_path_buf()
}

/// The repository's root.
pub fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ is in the repository").to_path_buf()
}
