//! The compile-time contract of `#[authorizer]`, `#[derive(Context)]` and `route!`: every
//! misuse in `ui/authorizer`, `ui/context` and `ui/route` fails with the message in its
//! `.stderr`, and every case in `ui/pass` compiles and runs.
//!
//! Regenerate the `.stderr` files on purpose only, and read the diff:
//! `TRYBUILD=overwrite cargo test -p authorizer-core --test ui`.

use std::path::{Path, PathBuf};
use std::process::Command;

// Also a module here, so that `cargo clippy --all-targets` lints the macros' expansion
// with `clippy::pedantic` (trybuild runs rustc only). Its `main` is trybuild's entry point.
#[allow(dead_code)]
#[path = "ui/pass/lint-clean.rs"]
mod lint_clean;

/// An empty glob passes silently, so each folder must hold at least this many cases.
fn cases(folder: &str, at_least: usize) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui").join(folder);
    let found = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(Result::ok)
        .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "rs"))
        .count();
    assert!(found >= at_least, "tests/ui/{folder} holds {found} cases, expected at least {at_least}");
    format!("tests/ui/{folder}/*.rs")
}

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail(cases("authorizer", 53));
    t.compile_fail(cases("context", 36));
    t.compile_fail(cases("route", 16));
    t.pass(cases("pass", 32));
}

/// `crate = "..."` with a real renamed dependency: trybuild always gives its cases
/// `authorizer_core` under its own name (and Cargo refuses one package under two names), so
/// this builds `ui/renamed/main.rs` in a crate of its own, with the workspace's lock file.
/// It checks `ui/renamed/no-implicit-prelude.rs` there too: an expansion at a crate root,
/// which trybuild would run. Neither is warned about `panic = "abort"`.
#[test]
fn renamed_dependency() {
    let stderr = check_crate("renamed-dependency", &["renamed/main.rs", "renamed/no-implicit-prelude.rs"], "");
    assert!(!stderr.contains("panic = \"abort\""), "{stderr}");
}

/// A binary built with `panic = "abort"` compiles, with a warning that says what it costs.
#[test]
fn panic_abort_is_warned_about() {
    let stderr = check_crate("panic-abort", &["renamed/main.rs"], "[profile.dev]\npanic = \"abort\"\n");
    let warning = "this binary is built with `panic = \"abort\"`: a panic in the authorizer ends the process";
    assert!(stderr.contains(warning), "{stderr}");
    assert!(stderr.contains("remove `panic = \"abort\"` from the profile"), "{stderr}");
}

/// `cargo check`s the files `bins` (under `tests/ui`) as the binaries of a crate of its own,
/// `name`, depending on `authorizer-core` as `renamed_core`, with the workspace's lock file and
/// `extra` appended to its manifest; asserts that it compiles, and returns what cargo printed.
fn check_crate(name: &str, bins: &[&str], extra: &str) -> String {
    let core = Path::new(env!("CARGO_MANIFEST_DIR"));
    let project = target_dir().join("tests").join(name);
    std::fs::create_dir_all(&project).unwrap();
    let mut manifest =
        format!("[package]\nname = {name:?}\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n");
    for bin in bins {
        let path = core.join("tests/ui").join(bin);
        let stem = path.file_stem().unwrap().to_string_lossy().replace("main", name);
        manifest.push_str(&format!("[[bin]]\nname = {stem:?}\npath = {:?}\n\n", path.display().to_string()));
    }
    manifest.push_str(&format!(
        "[dependencies]\nrenamed_core = {{ package = \"authorizer-core\", path = {:?} }}\n\n[workspace]\n\n{extra}",
        core.display().to_string()
    ));
    std::fs::write(project.join("Cargo.toml"), manifest).unwrap();
    if let Some(lock) = core.parent().map(|workspace| workspace.join("Cargo.lock")).filter(|lock| lock.exists()) {
        std::fs::copy(lock, project.join("Cargo.lock")).unwrap();
    }
    let output = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .args(["check", "--bins", "--quiet", "--color=never", "--manifest-path"])
        .arg(project.join("Cargo.toml"))
        .arg("--target-dir")
        .arg(project.join("target"))
        .output()
        .expect("cannot run cargo");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{stderr}");
    stderr
}

/// The target directory this test was built in: its executable is `<target>/<profile>/deps/ui-*`.
fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    exe.ancestors().nth(3).expect("the test runs from <target>/<profile>/deps").to_path_buf()
}
