//! The process-level benchmark: the framework's `aws-docs-token` against the hand-written
//! `baseline-token` (`--pair token`, the default), or the framework's `jwt-oidc` against the
//! hand-written `baseline-jwt` (`--pair jwt`), both real binaries driven through the local
//! Lambda Runtime API (`authorizer_local::RuntimeApi`, loopback only), alternating, in the
//! same run.
//!
//! It builds nothing. Build both binaries with the workspace's release profile first (see
//! BENCHMARKS.md), then:
//!
//! ```text
//! target/release/process-bench [--pair token|jwt] [--framework PATH] [--baseline PATH]
//!                              [--runs 5] [--cold-runs 20] [--warmup 1000]
//!                              [--cpu-invocations 20000] [--invocations 60000]
//!                              [--jwt-alg rs256|es256]
//! ```
//!
//! By default both binaries are looked for next to this program. It measures, per binary:
//! cold start (from just before the process is spawned to the arrival of its first
//! `GET .../invocation/next` at the Runtime API), CPU per invocation
//! (utime + stime of the process over `--cpu-invocations` TOKEN events, after a warm-up),
//! resident memory after `--invocations` events (each with a fresh trace id, as Lambda sends
//! them) and how it grows, and the stripped size. Every wait is bounded, and the whole run
//! stops after `--max-seconds` (default 1800).
//!
//! With `--pair jwt`, both binaries verify the tokens of one local OIDC issuer
//! (`authorizer_core::testing::LocalIssuer`, on 127.0.0.1, in this process): `JWT_ISSUER`,
//! `JWT_AUDIENCE` and `JWT_JWKS_URL` point them at it, and every event carries
//! `Bearer <an RS256 token with scope pets:read>` (ES256 with `--jwt-alg es256`). The
//! framework fetches the keys in `init`, before its first poll; the baseline at its first
//! event. Its cold start is therefore taken up to the first response instead: the event is
//! queued before the process is spawned, and the cold start ends when the response has come
//! back to this program (the first poll's arrival is shown too). The issuer's fetches are
//! counted per phase: the cold start, and every invocation after the first (which must make
//! none).
//!
//! Cold starts are taken in a phase of their own, before the long runs, so that no long run's
//! aftermath lands on them. `PROCESS_BENCH_DEBUG=1` prints, for every spawn, when `spawn`
//! returned, when the first poll arrived and when this program's thread saw it.

use authorizer_bench::stats::{load_average, median, usage};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use authorizer_bench::{events, jwt};
use authorizer_core::jwt::Algorithm;
use authorizer_core::testing::{LOCAL_AUDIENCE, LocalIssuer};
use authorizer_local::{Function, FunctionBuilder, Outcome, RuntimeApi};

/// How long a binary may take to reach its first poll, or to answer one event.
const PATIENCE: Duration = Duration::from_secs(10);

/// A pause after each process, so that its teardown does not land on the next measurement.
const SETTLE: Duration = Duration::from_millis(50);

/// The same after a full run.
const SETTLE_AFTER_RUN: Duration = Duration::from_millis(500);

/// How many finished invocations and request lines each Runtime API keeps. Every reply is
/// checked as it comes back, and the Runtime API counts them all, so the harness need not hold
/// a run's 60,000 invocations (BENCHMARKS.md: holding them delayed the next cold start).
const HISTORY: usize = 16;

/// Which two binaries are compared.
#[derive(Clone, Copy, PartialEq)]
enum Pair {
    /// `aws-docs-token` and `baseline-token`, with the TOKEN event `allow`.
    Token,
    /// `jwt-oidc` and `baseline-jwt`, against a local issuer, with a valid bearer JWT.
    Jwt,
}

impl Pair {
    /// The binaries' default names, and how to build them.
    fn binaries(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Pair::Token => (
                "aws-docs-token",
                "baseline-token",
                "cargo build --release -p authorizer-examples --bin aws-docs-token\n  \
                 cargo build --release -p authorizer-bench --bin baseline-token --bin process-bench",
            ),
            Pair::Jwt => (
                "jwt-oidc",
                "baseline-jwt",
                "cargo build --release -p authorizer-examples --bin jwt-oidc\n  \
                 cargo build --release -p authorizer-bench --bin baseline-jwt --bin process-bench",
            ),
        }
    }
}

struct Options {
    pair: Pair,
    /// The algorithm of the JWT pair's token.
    jwt_alg: Algorithm,
    framework: PathBuf,
    baseline: PathBuf,
    runs: usize,
    cold_runs: usize,
    warmup: usize,
    cpu_invocations: usize,
    invocations: usize,
    max_seconds: u64,
}

impl Options {
    fn parse() -> Result<Self, String> {
        let here = std::env::current_exe().map_err(|e| e.to_string())?;
        let dir = here.parent().unwrap_or(Path::new(".")).to_path_buf();
        let mut options = Options {
            pair: Pair::Token,
            jwt_alg: Algorithm::RS256,
            framework: PathBuf::new(),
            baseline: PathBuf::new(),
            runs: 5,
            cold_runs: 20,
            warmup: 1_000,
            cpu_invocations: 20_000,
            invocations: 60_000,
            max_seconds: 1_800,
        };
        let (mut framework, mut baseline) = (None, None);
        let mut args = std::env::args().skip(1);
        while let Some(flag) = args.next() {
            let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
            let count = |v: String| v.replace('_', "").parse::<usize>().map_err(|e| format!("{flag}: {e}"));
            match flag.as_str() {
                "--pair" => {
                    options.pair = match value()?.as_str() {
                        "token" => Pair::Token,
                        "jwt" => Pair::Jwt,
                        other => return Err(format!("--pair {other:?}: token or jwt")),
                    }
                }
                "--jwt-alg" => {
                    options.jwt_alg = match value()?.as_str() {
                        "rs256" => Algorithm::RS256,
                        "es256" => Algorithm::ES256,
                        other => return Err(format!("--jwt-alg {other:?}: rs256 or es256")),
                    }
                }
                "--framework" => framework = Some(PathBuf::from(value()?)),
                "--baseline" => baseline = Some(PathBuf::from(value()?)),
                "--runs" => options.runs = count(value()?)?,
                "--cold-runs" => options.cold_runs = count(value()?)?,
                "--warmup" => options.warmup = count(value()?)?,
                "--cpu-invocations" => options.cpu_invocations = count(value()?)?,
                "--invocations" => options.invocations = count(value()?)?,
                "--max-seconds" => options.max_seconds = count(value()?)? as u64,
                "-h" | "--help" => {
                    println!("{}", usage(include_str!("process-bench.rs")));
                    std::process::exit(0);
                }
                other => return Err(format!("unknown argument {other:?} (try --help)")),
            }
        }
        let (framework_name, baseline_name, build) = options.pair.binaries();
        options.framework = framework.unwrap_or_else(|| dir.join(framework_name));
        options.baseline = baseline.unwrap_or_else(|| dir.join(baseline_name));
        if options.warmup == 0 || options.invocations < options.warmup + options.cpu_invocations {
            return Err("--warmup must be at least 1, and --invocations at least --warmup + --cpu-invocations".into());
        }
        for path in [&options.framework, &options.baseline] {
            if !path.is_file() {
                return Err(format!(
                    "{} does not exist: build both binaries first (BENCHMARKS.md):\n  {build}",
                    path.display()
                ));
            }
        }
        Ok(options)
    }
}

/// One side of the comparison.
#[derive(Clone, Copy, PartialEq)]
enum Side {
    Framework,
    Baseline,
}

impl Side {
    fn name(self) -> &'static str {
        match self {
            Side::Framework => "framework",
            Side::Baseline => "baseline",
        }
    }
}

/// What one full run of one binary measured.
#[derive(Debug, Default, Clone)]
struct Run {
    cold_start_us: f64,
    /// utime + stime from /proc/<pid>/stat (clock ticks), per invocation.
    cpu_us: f64,
    /// The same from the sum of /proc/<pid>/task/*/schedstat (ns resolution), per invocation.
    sched_us: f64,
    /// Wall time per invocation, the Runtime API's round trip included.
    wall_us: f64,
    /// (invocations so far, VmRSS in KiB) checkpoints.
    rss: Vec<(usize, u64)>,
    /// The issuer's fetches (discovery and key set) from the spawn to the first response.
    cold_fetches: usize,
    /// ... and during every later invocation.
    warm_fetches: usize,
}

/// One cold start of the cold-start phase, in us from just before the spawn.
#[derive(Debug, Clone, Copy)]
struct Cold {
    /// To the arrival of the first `GET .../next`.
    poll_us: f64,
    /// To the first response, back at this program (`--pair jwt` only).
    response_us: f64,
    /// The issuer's fetches during it.
    fetches: usize,
}

struct Bench {
    options: Options,
    deadline: Instant,
    clock_ticks: f64,
    /// The event every invocation gets.
    event: Vec<u8>,
    /// `--pair jwt`: the issuer both binaries verify tokens of, and the variables that say so.
    issuer: Option<LocalIssuer>,
    env: Vec<(&'static str, String)>,
}

impl Bench {
    fn new(options: Options) -> Self {
        let (event, issuer, env) = match options.pair {
            Pair::Token => (events::token("allow"), None, Vec::new()),
            Pair::Jwt => {
                let issuer = LocalIssuer::start();
                let token = issuer.token_with(options.jwt_alg, jwt::claims());
                let event = events::token(&format!("Bearer {token}"));
                let env = vec![
                    ("JWT_ISSUER", issuer.issuer().to_owned()),
                    ("JWT_AUDIENCE", LOCAL_AUDIENCE.to_owned()),
                    ("JWT_JWKS_URL", issuer.jwks_url()),
                ];
                (event, Some(issuer), env)
            }
        };
        Bench {
            deadline: Instant::now() + Duration::from_secs(options.max_seconds),
            clock_ticks: clock_ticks(),
            options,
            event,
            issuer,
            env,
        }
    }

    fn path(&self, side: Side) -> &Path {
        match side {
            Side::Framework => &self.options.framework,
            Side::Baseline => &self.options.baseline,
        }
    }

    fn check_deadline(&self) -> Result<(), String> {
        if Instant::now() > self.deadline {
            return Err(format!("stopped: the run took longer than --max-seconds {}", self.options.max_seconds));
        }
        Ok(())
    }

    /// How many times the issuer was asked for its discovery document or its keys so far.
    fn fetches(&self) -> usize {
        self.issuer.as_ref().map_or(0, |i| i.discovery_fetches() + i.jwks_fetches())
    }

    fn runtime_api() -> RuntimeApi {
        RuntimeApi::builder().invoke_timeout(PATIENCE).keep_invocations(HISTORY).keep_requests(HISTORY).start()
    }

    fn function(&self, side: Side) -> FunctionBuilder {
        let builder = Function::builder(self.path(side)).echo(false);
        self.env.iter().fold(builder, |builder, (key, value)| builder.env(key, value))
    }

    /// Spawns `side` against a fresh Runtime API, waits for its first poll, and returns its
    /// cold start: from just before `spawn` to the arrival of that `GET .../next` at the
    /// Runtime API (as the server's handler saw it, before this thread is woken).
    fn spawn(&self, side: Side) -> Result<(RuntimeApi, Function, Duration), String> {
        let api = Self::runtime_api();
        let function = self.function(side).try_spawn(&api).map_err(|e| e.to_string())?;
        let returned = Instant::now();
        if !api.wait_for_poll(PATIENCE) {
            return Err(format!("{}: no GET .../invocation/next within {PATIENCE:?}", side.name()));
        }
        let seen = Instant::now();
        let first_poll = api.first_poll_at().ok_or_else(|| format!("{}: a poll without an arrival", side.name()))?;
        let start = function.spawned_at();
        let cold = first_poll.saturating_duration_since(start);
        if std::env::var_os("PROCESS_BENCH_DEBUG").is_some() {
            eprintln!(
                "{}: spawn returned after {:?}, first poll arrived after {cold:?}, seen by this thread after {:?}",
                side.name(),
                returned - start,
                seen - start
            );
        }
        Ok((api, function, cold))
    }

    /// Spawns `side` with an event already queued, and returns its cold start up to the first
    /// response (as this program's thread sees it come back) and up to the first poll.
    fn spawn_to_response(&self, side: Side) -> Result<(RuntimeApi, Function, Duration, Duration), String> {
        let api = Self::runtime_api();
        let (queued, queuing) = std::sync::mpsc::channel();
        let (api_ref, event) = (&api, self.event.as_slice());
        let (function, answer) = std::thread::scope(|scope| {
            let waiter = scope.spawn(move || {
                let _ = queued.send(());
                let invocation = api_ref.try_invoke(event, PATIENCE);
                (invocation, Instant::now())
            });
            // The waiter queues the event at once; the process polls a millisecond or more
            // after its spawn, so the event is there before it asks.
            let _ = queuing.recv();
            std::thread::sleep(Duration::from_millis(1));
            let function = self.function(side).try_spawn(&api);
            (function, waiter.join())
        });
        let function = function.map_err(|e| e.to_string())?;
        let (invocation, answered) = answer.map_err(|_| "the waiting thread panicked".to_owned())?;
        let invocation = invocation.map_err(|e| format!("{}: {e}", side.name()))?;
        if !matches!(invocation.outcome, Outcome::Response(_)) {
            return Err(format!("{}: the first event failed: {}", side.name(), invocation.body_text()));
        }
        let start = function.spawned_at();
        let first_poll = api.first_poll_at().ok_or_else(|| format!("{}: a response without a poll", side.name()))?;
        Ok((api, function, answered.saturating_duration_since(start), first_poll.saturating_duration_since(start)))
    }

    fn cold_start(&self, side: Side) -> Result<Cold, String> {
        let before = self.fetches();
        let (api, function, cold) = match self.options.pair {
            Pair::Token => {
                let (api, function, poll) = self.spawn(side)?;
                (api, function, Cold { poll_us: micros(poll), response_us: f64::NAN, fetches: 0 })
            }
            Pair::Jwt => {
                let (api, function, response, poll) = self.spawn_to_response(side)?;
                (api, function, Cold { poll_us: micros(poll), response_us: micros(response), fetches: 0 })
            }
        };
        drop(function);
        drop(api);
        // Lets the killed process's teardown finish before the next spawn.
        std::thread::sleep(SETTLE);
        Ok(Cold { fetches: self.fetches() - before, ..cold })
    }

    fn full_run(&self, side: Side) -> Result<Run, String> {
        let before = self.fetches();
        let (api, mut function, cold) = self.spawn(side)?;
        let pid = function.pid();
        let mut done = 0;
        let invoke = |count: usize, done: &mut usize| -> Result<(), String> {
            for _ in 0..count {
                let invocation = api.try_invoke(&self.event, PATIENCE).map_err(|e| format!("{}: {e}", side.name()))?;
                if !matches!(invocation.outcome, Outcome::Response(_)) {
                    return Err(format!("{}: the event failed: {}", side.name(), invocation.body_text()));
                }
                *done += 1;
                if (*done).is_multiple_of(1_000) {
                    self.check_deadline()?;
                }
            }
            Ok(())
        };
        let mut run = Run { cold_start_us: micros(cold), ..Run::default() };

        // The first event: the baseline of the JWT pair fetches the keys here.
        invoke(1, &mut done)?;
        let after_first = self.fetches();
        run.cold_fetches = after_first - before;
        invoke(self.options.warmup - 1, &mut done)?;
        run.rss.push((done, rss_kib(pid)?));
        let (ticks, sched, wall) = (cpu_ticks(pid)?, sched_ns(pid)?, Instant::now());
        invoke(self.options.cpu_invocations, &mut done)?;
        let n = self.options.cpu_invocations as f64;
        run.wall_us = wall.elapsed().as_secs_f64() * 1e6 / n;
        run.cpu_us = (cpu_ticks(pid)? - ticks) as f64 / self.clock_ticks * 1e6 / n;
        run.sched_us = (sched_ns(pid)? - sched) as f64 / 1e3 / n;
        run.rss.push((done, rss_kib(pid)?));

        let step = 10_000;
        while done < self.options.invocations {
            let next = ((done / step + 1) * step).min(self.options.invocations);
            invoke(next - done, &mut done)?;
            run.rss.push((done, rss_kib(pid)?));
        }
        run.warm_fetches = self.fetches() - after_first;
        if !function.is_alive() {
            return Err(format!("{}: the process died", side.name()));
        }
        if api.invocation_count() != done {
            return Err(format!("{}: {} invocations answered, {done} sent", side.name(), api.invocation_count()));
        }
        drop(function);
        drop(api);
        std::thread::sleep(SETTLE_AFTER_RUN);
        Ok(run)
    }
}

fn micros(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e6
}

/// utime + stime of the whole process (every thread), in clock ticks.
fn cpu_ticks(pid: u32) -> Result<u64, String> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).map_err(|e| format!("/proc/{pid}/stat: {e}"))?;
    // Fields after the command name (which may hold spaces), from field 3 (state) on.
    let rest = stat.rsplit_once(')').map(|(_, rest)| rest).ok_or("unreadable /proc/<pid>/stat")?;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let field = |n: usize| fields.get(n - 3).and_then(|f| f.parse::<u64>().ok()).ok_or("unreadable /proc/<pid>/stat");
    Ok(field(14)? + field(15)?)
}

/// Time on CPU of every live thread of the process, in ns (/proc/<pid>/task/*/schedstat).
fn sched_ns(pid: u32) -> Result<u64, String> {
    let tasks = std::fs::read_dir(format!("/proc/{pid}/task")).map_err(|e| format!("/proc/{pid}/task: {e}"))?;
    let mut total = 0;
    for task in tasks.flatten() {
        if let Ok(text) = std::fs::read_to_string(task.path().join("schedstat")) {
            total += text.split_whitespace().next().and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
        }
    }
    Ok(total)
}

/// VmRSS, in KiB.
fn rss_kib(pid: u32) -> Result<u64, String> {
    let status =
        std::fs::read_to_string(format!("/proc/{pid}/status")).map_err(|e| format!("/proc/{pid}/status: {e}"))?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .ok_or_else(|| "no VmRSS in /proc/<pid>/status".to_owned())
}

/// The size of the binary once stripped: `strip` on a copy, or the file's own size when
/// `strip` is not there (the workspace's release profile already strips).
fn stripped_size(path: &Path) -> (u64, &'static str) {
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let copy = std::env::temp_dir().join(format!("process-bench-strip-{}", std::process::id()));
    let stripped = Command::new("strip").arg("-o").arg(&copy).arg(path).output();
    let result = match stripped {
        Ok(out) if out.status.success() => (std::fs::metadata(&copy).map(|m| m.len()).unwrap_or(size), "after `strip`"),
        _ => (size, "file size (`strip` unavailable)"),
    };
    let _ = std::fs::remove_file(&copy);
    result
}

fn clock_ticks() -> f64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(100.0)
}

fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map_or("?", |m| m.trim_start_matches([' ', '\t', ':']));
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    format!("{cores} cores ({model}), Linux {}", kernel.trim())
}

fn per_run(label: &str, runs: &[Run], value: impl Fn(&Run) -> f64, unit: &str) -> String {
    let values: Vec<String> = runs.iter().map(|r| format!("{:.1}", value(r))).collect();
    format!("  {label:<10} {} {unit}", values.join(" "))
}

fn main() {
    if let Err(e) = run() {
        eprintln!("process-bench: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let bench = Bench::new(Options::parse()?);
    let o = &bench.options;
    let jwt = o.pair == Pair::Jwt;
    println!("machine: {}", machine());
    println!("load average at start: {}", load_average());
    println!("framework: {}", o.framework.display());
    println!("baseline:  {}", o.baseline.display());
    let what = if jwt { format!("TOKEN `Bearer <{:?} JWT>`", o.jwt_alg) } else { "TOKEN `allow`".to_owned() };
    println!(
        "plan: {} cold starts and {} full runs each, alternating; a full run = cold start, {} warm-up events, \
         CPU over {} events, RSS up to {} events ({what}, fresh trace id each)",
        o.cold_runs, o.runs, o.warmup, o.cpu_invocations, o.invocations
    );
    if let Some(issuer) = &bench.issuer {
        println!("issuer:    {} (keys at {})", issuer.issuer(), issuer.jwks_url());
    }

    // Cold starts: pairs in alternating order, so that neither side always goes first.
    let mut cold: [Vec<Cold>; 2] = [Vec::new(), Vec::new()];
    for i in 0..o.cold_runs {
        let order = if i % 2 == 0 { [Side::Baseline, Side::Framework] } else { [Side::Framework, Side::Baseline] };
        for side in order {
            cold[side as usize].push(bench.cold_start(side)?);
        }
        bench.check_deadline()?;
    }

    let mut runs: [Vec<Run>; 2] = [Vec::new(), Vec::new()];
    for i in 0..o.runs {
        let order = if i % 2 == 0 { [Side::Baseline, Side::Framework] } else { [Side::Framework, Side::Baseline] };
        for side in order {
            let run = bench.full_run(side)?;
            let fetches = if jwt {
                format!(", key fetches {} cold, {} warm", run.cold_fetches, run.warm_fetches)
            } else {
                String::new()
            };
            eprintln!(
                "run {} {:<9}: cold {:.0} us, cpu {:.1} us/inv (schedstat {:.1}), wall {:.1} us/inv, rss {} KiB{fetches}",
                i + 1,
                side.name(),
                run.cold_start_us,
                run.cpu_us,
                run.sched_us,
                run.wall_us,
                run.rss.last().map_or(0, |r| r.1)
            );
            runs[side as usize].push(run);
        }
    }
    let (fw, bl) = (Side::Framework as usize, Side::Baseline as usize);
    // The cold starts of the full runs are shown, not counted: they come right after a long run.

    let stat = |side: usize, f: &dyn Fn(&Run) -> f64| median(&mut runs[side].iter().map(f).collect::<Vec<_>>());
    let last_rss = |r: &Run| r.rss.last().map_or(0.0, |x| x.1 as f64 * 1024.0);
    // Growth per invocation from the end of the warm-up (the allocator has its arenas) on.
    let growth = |r: &Run| match (r.rss.first(), r.rss.last()) {
        (Some(&(n0, kib0)), Some(&(n1, kib1))) if n1 > n0 => (kib1 as f64 - kib0 as f64) * 1024.0 / (n1 - n0) as f64,
        _ => f64::NAN,
    };
    let (fw_size, how) = stripped_size(&o.framework);
    let (bl_size, _) = stripped_size(&o.baseline);

    let mut out = String::new();
    let _ = writeln!(out, "\nresults: medians; ratio = framework / baseline (goal)");
    let _ = writeln!(out, "  {:<36} {:>12} {:>12} {:<6} {:>6}", "", "framework", "baseline", "", "ratio");
    let mut line = |what: &str, f: f64, b: f64, unit: &str, goal: &str| {
        let digits = usize::from(f.abs() < 10_000.0);
        let _ = writeln!(out, "  {what:<36} {f:>12.digits$} {b:>12.digits$} {unit:<6} {:>6.2}  ({goal})", f / b);
    };
    // The cold start the goal is about: up to the first poll, or with `--pair jwt` (whose
    // baseline fetches its keys after its first poll), up to the first response.
    let cold_us = |side: usize, f: fn(&Cold) -> f64| cold[side].iter().map(f).collect::<Vec<_>>();
    let goal_cold: fn(&Cold) -> f64 = if jwt { |c| c.response_us } else { |c| c.poll_us };
    if jwt {
        let (f, b) = (median(&mut cold_us(fw, goal_cold)), median(&mut cold_us(bl, goal_cold)));
        line("cold start (spawn to first response)", f, b, "us", "<= 0.8");
        let (f, b) = (median(&mut cold_us(fw, |c| c.poll_us)), median(&mut cold_us(bl, |c| c.poll_us)));
        line("  spawn to first next", f, b, "us", "-");
    } else {
        let (f, b) = (median(&mut cold_us(fw, goal_cold)), median(&mut cold_us(bl, goal_cold)));
        line("cold start (spawn to first next)", f, b, "us", "<= 0.8");
    }
    line("CPU per invocation (/proc stat)", stat(fw, &|r| r.cpu_us), stat(bl, &|r| r.cpu_us), "us", "<= 0.5");
    line("CPU per invocation (schedstat)", stat(fw, &|r| r.sched_us), stat(bl, &|r| r.sched_us), "us", "<= 0.5");
    line("wall per invocation (round trip)", stat(fw, &|r| r.wall_us), stat(bl, &|r| r.wall_us), "us", "-");
    let n = o.invocations;
    line(
        &format!("VmRSS after {n} invocations"),
        stat(fw, &last_rss) / 1024.0,
        stat(bl, &last_rss) / 1024.0,
        "KiB",
        "<= 0.6",
    );
    line("VmRSS growth per invocation", stat(fw, &growth), stat(bl, &growth), "bytes", "flat: ~0");
    line(&format!("stripped size ({how})"), fw_size as f64, bl_size as f64, "bytes", "<= 0.9");
    print!("{out}");
    // Each pair ran back to back, so its ratio is less exposed to load that comes and goes.
    let pairs = |f: &[f64], b: &[f64]| median(&mut f.iter().zip(b).map(|(f, b)| f / b).collect::<Vec<_>>());
    let of = |side: usize, f: fn(&Run) -> f64| runs[side].iter().map(f).collect::<Vec<_>>();
    println!(
        "  median of the per-pair ratios: cold start {:.2}, CPU {:.2}, VmRSS {:.2}",
        pairs(&cold_us(fw, goal_cold), &cold_us(bl, goal_cold)),
        pairs(&of(fw, |r| r.cpu_us), &of(bl, |r| r.cpu_us)),
        pairs(
            &of(fw, |r| r.rss.last().map_or(0.0, |x| x.1 as f64)),
            &of(bl, |r| r.rss.last().map_or(0.0, |x| x.1 as f64))
        ),
    );

    println!("\nper run (framework, then baseline)");
    println!("{}", per_run("cold us", &runs[fw], |r| r.cold_start_us, "(after a full run: not counted)"));
    println!("{}", per_run("", &runs[bl], |r| r.cold_start_us, ""));
    println!("{}", per_run("cpu us", &runs[fw], |r| r.cpu_us, ""));
    println!("{}", per_run("", &runs[bl], |r| r.cpu_us, ""));
    println!("{}", per_run("sched us", &runs[fw], |r| r.sched_us, ""));
    println!("{}", per_run("", &runs[bl], |r| r.sched_us, ""));
    for (side, label) in [(fw, "framework"), (bl, "baseline")] {
        let rss: Vec<String> =
            runs[side].first().map(|r| r.rss.iter().map(|(n, kib)| format!("{n}:{kib}")).collect()).unwrap_or_default();
        println!("  VmRSS KiB after n invocations, {label} run 1: {}", rss.join(" "));
    }
    let sorted = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v.iter().map(|c| format!("{c:.0}")).collect::<Vec<_>>().join(" ")
    };
    println!("  cold starts us, framework (sorted): {}", sorted(cold_us(fw, goal_cold)));
    println!("  cold starts us, baseline (sorted):  {}", sorted(cold_us(bl, goal_cold)));
    if jwt {
        println!("  first polls us, framework (sorted): {}", sorted(cold_us(fw, |c| c.poll_us)));
        println!("  first polls us, baseline (sorted):  {}", sorted(cold_us(bl, |c| c.poll_us)));
        println!("\nthe issuer's fetches (discovery document and key set), per process");
        for (side, label) in [(fw, "framework"), (bl, "baseline")] {
            let per_cold: Vec<String> = cold[side].iter().map(|c| c.fetches.to_string()).collect();
            let per_run: Vec<String> = runs[side].iter().map(|r| r.cold_fetches.to_string()).collect();
            let warm: usize = runs[side].iter().map(|r| r.warm_fetches).sum();
            println!(
                "  {label:<9}: up to the first response {} (cold starts) {} (full runs); \
                 during the {} later invocations of each full run: {warm} in all",
                per_cold.join(" "),
                per_run.join(" "),
                o.invocations - 1
            );
        }
    }
    println!("\nload average at end: {}", load_average());
    Ok(())
}
