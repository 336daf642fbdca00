//! What the `authorizer-local` command's tests share: running it, with a bound, the authorizer
//! binaries to run behind it, and files to give it.

// Each test file uses only part of it.
#![allow(dead_code)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// The command under test.
pub const COMMAND: &str = env!("CARGO_BIN_EXE_authorizer-local");

/// The probe authorizers of authorizer-tests (`tests/src/bin/probe-*.rs`).
pub fn token_probe() -> &'static str {
    built("probe-token")
}
pub fn request_probe() -> &'static str {
    built("probe-request")
}
/// The jwt-oidc example (`examples/src/bin/jwt-oidc.rs`).
pub fn jwt_oidc() -> &'static str {
    built("jwt-oidc")
}

/// The path of `name`, a binary of authorizer-tests (the probes) or authorizer-examples, built.
///
/// A package's tests cannot depend on another package's binaries (Cargo's artifact
/// dependencies are unstable), and making the probes and examples binaries of this package
/// would install them with the command. So the first test of a test process that needs one
/// builds both packages' binaries with cargo, once, into this workspace's target directory and
/// profile (`bin_dir()`): under `cargo test --workspace`, which has built them already, that
/// is a no-op; under `cargo test -p authorizer-local` it builds them. Cargo's own lock makes
/// concurrent test processes wait for each other.
#[track_caller]
pub fn built(name: &str) -> &'static str {
    static BUILT: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    let bin_dir = BUILT.get_or_init(|| {
        let bin_dir = bin_dir();
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let mut command = Command::new(cargo);
        command.args(["build", "--quiet", "-p", "authorizer-tests", "-p", "authorizer-examples", "--bins"]);
        command.arg("--manifest-path").arg(repository().join("Cargo.toml"));
        command.arg("--target-dir").arg(bin_dir.parent().expect("the profile directory is in the target directory"));
        if bin_dir.file_name().is_some_and(|n| n == "release") {
            command.arg("--release");
        }
        match command.status() {
            Ok(status) if status.success() => Ok(bin_dir),
            Ok(status) => Err(format!("building the probes and the examples failed ({status}): {command:?}")),
            Err(e) => Err(format!("cannot run cargo ({e}): {command:?}")),
        }
    });
    let path = match bin_dir {
        Ok(dir) => dir.join(format!("{name}{}", std::env::consts::EXE_SUFFIX)),
        Err(message) => panic!("{message}"),
    };
    assert!(path.is_file(), "{} was not built", path.display());
    Box::leak(path.into_os_string().into_string().expect("a UTF-8 path").into_boxed_str())
}

/// Part of every token the tests send: it must never be printed.
pub const SECRET: &str = "S3CRET-cli-5e4d3c";

/// A bound for a whole command: each of its invocations is bounded by 10 s already.
const COMMAND_BOUND: Duration = Duration::from_secs(60);

/// How an `authorizer-local` command ended.
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
        if let Some(status) = child.try_wait().expect("waiting for authorizer-local") {
            return status.code();
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("authorizer-local did not finish within {bound:?}");
        }
        thread::sleep(Duration::from_millis(10));
    }
}

/// Runs `authorizer-local args...` to its end.
pub fn local<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Run {
    local_in(args, &repository())
}

/// Runs `authorizer-local args...` to its end, in the directory `dir`.
pub fn local_in<S: AsRef<std::ffi::OsStr>>(args: &[S], dir: &Path) -> Run {
    let mut child = Command::new(COMMAND)
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starting authorizer-local");
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

/// The directory of the built binaries (the command's, the probes', the examples'), where
/// `authorizer-local demo --no-build` looks for the examples.
pub fn bin_dir() -> PathBuf {
    Path::new(COMMAND).parent().expect("the command is in a directory").to_path_buf()
}

/// The repository's root.
pub fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("authorizer-local/ is in the repository").to_path_buf()
}
