//! The compile-time benchmark: what a user waits for, with the framework and without it.
//!
//! It writes two scratch crates in a temporary directory, each a user's whole authorizer in
//! `src/main.rs`, and builds each in its own target directory, alternating:
//!
//! - framework: the `aws-docs-token` example's source, depending on `authorizer-core` by path;
//! - baseline: `bench/src/bin/baseline-token.rs`, depending on `lambda_runtime`,
//!   `aws_lambda_events` (`apigw` only), `serde_json` and `tokio`, as AWS's examples do.
//!
//! Both get the workspace's `Cargo.lock` (the same dependency versions, no network) and its
//! release profile. For each profile it times a clean build (dependencies included, empty
//! target directory) and an incremental rebuild after editing a string in the authorizer
//! function, and reports the medians and the framework / baseline ratios.
//!
//! ```text
//! compile-bench [--runs 3] [--profile dev|release|both] [--keep]
//! ```
//!
//! `--keep` leaves the scratch crates (and their release binaries) in place and prints where.

use authorizer_bench::stats::{load_average, median, usage};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// The workspace root: this package's parent.
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

/// The string the incremental rebuild edits, present in both authorizers.
const EDITED: &str = "Error: Invalid token";

struct Options {
    runs: usize,
    profiles: Vec<&'static str>,
    keep: bool,
}

fn options() -> Result<Options, String> {
    let mut options = Options { runs: 3, profiles: vec!["dev", "release"], keep: false };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        match flag.as_str() {
            "--runs" => {
                options.runs = args.next().and_then(|v| v.parse().ok()).ok_or("--runs needs a number")?;
            }
            "--profile" => {
                options.profiles = match args.next().as_deref() {
                    Some("dev") => vec!["dev"],
                    Some("release") => vec!["release"],
                    Some("both") => vec!["dev", "release"],
                    _ => return Err("--profile takes dev, release or both".into()),
                };
            }
            "--keep" => options.keep = true,
            "-h" | "--help" => {
                println!("{}", usage(include_str!("compile-bench.rs")));
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument {other:?} (try --help)")),
        }
    }
    Ok(options)
}

/// The workspace's `[profile.release]` table, verbatim.
fn release_profile(root: &Path) -> Result<String, String> {
    let manifest = read(&root.join("Cargo.toml"))?;
    let start = manifest.find("[profile.release]").ok_or("no [profile.release] in the workspace")?;
    let table = &manifest[start..];
    let end = table[1..].find("\n[").map_or(table.len(), |i| i + 1);
    Ok(table[..end].trim_end().to_owned())
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// A scratch crate: its directory and the file the incremental rebuild edits.
struct Scratch {
    name: &'static str,
    dir: PathBuf,
    main: PathBuf,
    edits: usize,
}

impl Scratch {
    fn create(base: &Path, name: &'static str, dependencies: &str, main: &str, root: &Path) -> Result<Self, String> {
        let dir = base.join(name);
        let manifest = format!(
            "[package]\nname = \"{name}-authorizer\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\n{dependencies}\n\n{}\n",
            release_profile(root)?
        );
        write(&dir.join("Cargo.toml"), &manifest)?;
        write(&dir.join("src/main.rs"), main)?;
        if !main.contains(EDITED) {
            return Err(format!("{name}: src/main.rs has no {EDITED:?} to edit"));
        }
        let lock = root.join("Cargo.lock");
        std::fs::copy(&lock, dir.join("Cargo.lock")).map_err(|e| format!("{}: {e}", lock.display()))?;
        Ok(Scratch { name, main: dir.join("src/main.rs"), dir, edits: 0 })
    }

    fn target(&self, profile: &str) -> PathBuf {
        self.dir.join(format!("target-{profile}"))
    }

    /// Builds; returns the seconds it took and how many crates were compiled.
    fn build(&self, profile: &str) -> Result<(f64, usize), String> {
        let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
        command.current_dir(&self.dir).args(["build", "--offline", "--profile", profile]);
        command.env("CARGO_TARGET_DIR", self.target(profile)).env_remove("RUSTFLAGS");
        let start = Instant::now();
        let output = command.output().map_err(|e| format!("cargo: {e}"))?;
        let seconds = start.elapsed().as_secs_f64();
        let stderr = String::from_utf8_lossy(&output.stderr);
        if !output.status.success() {
            return Err(format!("{}: cargo build --profile {profile} failed:\n{stderr}", self.name));
        }
        let compiled = stderr.lines().filter(|l| l.trim_start().starts_with("Compiling ")).count();
        Ok((seconds, compiled))
    }

    fn clean(&self, profile: &str) -> Result<(), String> {
        let target = self.target(profile);
        if target.exists() {
            std::fs::remove_dir_all(&target).map_err(|e| format!("{}: {e}", target.display()))?;
        }
        Ok(())
    }

    /// Edits the authorizer function: a different error message each time.
    fn edit(&mut self) -> Result<(), String> {
        let text = read(&self.main)?;
        let at = text.find(EDITED).ok_or("the edited string is gone")?;
        let end = text[at..].find('"').map_or(text.len(), |i| at + i);
        self.edits += 1;
        let edited = format!("{}{EDITED} ({}){}", &text[..at], self.edits, &text[end..]);
        write(&self.main, &edited)
    }

    fn binary(&self, profile: &str) -> PathBuf {
        let dir = if profile == "dev" { "debug" } else { profile };
        self.target(profile).join(dir).join(format!("{}-authorizer", self.name))
    }
}

fn main() {
    if let Err(e) = run() {
        eprintln!("compile-bench: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let options = options()?;
    let root = Path::new(ROOT).canonicalize().map_err(|e| format!("{ROOT}: {e}"))?;
    let base = std::env::temp_dir().join(format!("authorizer-compile-bench-{}", std::process::id()));
    let core = root.join("authorizer-core");
    let framework_deps = format!("authorizer-core = {{ path = {:?} }}", core.display().to_string());
    let baseline_deps = "aws_lambda_events = { version = \"1.2\", default-features = false, features = [\"apigw\"] }\n\
                         lambda_runtime = \"1.5\"\n\
                         serde_json = \"1\"\n\
                         tokio = { version = \"1\", features = [\"macros\"] }";
    let mut sides = [
        Scratch::create(
            &base,
            "framework",
            &framework_deps,
            &read(&root.join("examples/src/bin/aws-docs-token.rs"))?,
            &root,
        )?,
        Scratch::create(
            &base,
            "baseline",
            baseline_deps,
            &read(&root.join("bench/src/bin/baseline-token.rs"))?,
            &root,
        )?,
    ];
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    let rustc =
        Command::new("rustc").arg("--version").output().map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned());
    println!("machine: {cores} cores; {}; load average at start: {}", rustc.unwrap_or_default(), load_average());
    println!("scratch crates in {}", base.display());

    for profile in &options.profiles {
        // [side][clean, incremental]
        let mut times = [[Vec::new(), Vec::new()], [Vec::new(), Vec::new()]];
        let mut crates = [0, 0];
        for run in 0..options.runs {
            let order = if run % 2 == 0 { [0, 1] } else { [1, 0] };
            for i in order {
                let side = &mut sides[i];
                side.clean(profile)?;
                let (clean, compiled) = side.build(profile)?;
                side.edit()?;
                let (incremental, _) = side.build(profile)?;
                eprintln!(
                    "{profile} run {} {:<9}: clean {clean:.1} s ({compiled} crates), incremental {incremental:.2} s",
                    run + 1,
                    side.name
                );
                times[i][0].push(clean);
                times[i][1].push(incremental);
                crates[i] = compiled;
            }
        }
        println!("\n{profile} profile, median of {} runs: framework, baseline, ratio (goal <= 1.3)", options.runs);
        for (kind, label) in [(0, "clean build (deps included)"), (1, "incremental, after an edit")] {
            let f = median(&mut times[0][kind]);
            let b = median(&mut times[1][kind]);
            println!("  {label:<30} {f:>8.2} s {b:>8.2} s {:>6.2}", f / b);
        }
        println!("  {:<30} {:>8} {:>10}", "crates compiled (clean)", crates[0], crates[1]);
        if *profile == "release" {
            let size = |s: &Scratch| std::fs::metadata(s.binary(profile)).map_or(0, |m| m.len());
            println!("  {:<30} {:>8} B {:>8} B", "release binary size", size(&sides[0]), size(&sides[1]));
        }
    }
    println!("\nload average at end: {}", load_average());
    if options.keep {
        println!("kept {}", base.display());
    } else {
        std::fs::remove_dir_all(&base).map_err(|e| format!("{}: {e}", base.display()))?;
    }
    Ok(())
}
