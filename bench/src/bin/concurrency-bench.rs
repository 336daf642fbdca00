//! Throughput under Lambda Managed Instances: the `sleepy` authorizer (each invocation awaits
//! `--sleep-ms`) with `AWS_LAMBDA_MAX_CONCURRENCY` = `--concurrency`, driven through the local
//! Lambda Runtime API (`authorizer_local::RuntimeApi`, loopback) by `--clients` threads, each
//! invoking in a loop; then the same binary with the variable unset, one invocation at a time.
//!
//! It builds nothing: `cargo build --release -p authorizer-bench --bin sleepy --bin
//! concurrency-bench`, then
//!
//! ```text
//! target/release/concurrency-bench [--binary PATH] [--concurrency 16] [--sleep-ms 20]
//!                                  [--invocations 8000] [--clients 64]
//! ```
//!
//! The goal (BENCHMARKS.md): at least 0.9 x concurrency / sleep invocations per second.

use std::path::PathBuf;
use std::thread;
use std::time::{Duration, Instant};

use authorizer_local::{Function, RuntimeApi};

const PATIENCE: Duration = Duration::from_secs(10);

struct Options {
    binary: PathBuf,
    concurrency: usize,
    sleep_ms: u64,
    invocations: usize,
    clients: usize,
}

fn options() -> Options {
    let here = std::env::current_exe().ok().and_then(|exe| exe.parent().map(|dir| dir.join("sleepy")));
    let mut options = Options {
        binary: here.unwrap_or_else(|| PathBuf::from("target/release/sleepy")),
        concurrency: 16,
        sleep_ms: 20,
        invocations: 8000,
        clients: 64,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().unwrap_or_else(|| panic!("{flag} takes a value"));
        let number = || value.parse::<usize>().unwrap_or_else(|e| panic!("{flag} {value}: {e}"));
        match flag.as_str() {
            "--binary" => options.binary = PathBuf::from(&value),
            "--concurrency" => options.concurrency = number(),
            "--sleep-ms" => options.sleep_ms = number() as u64,
            "--invocations" => options.invocations = number(),
            "--clients" => options.clients = number(),
            _ => panic!("unknown flag {flag}; see the source's documentation"),
        }
    }
    options
}

/// Invocations per second of `binary` serving `invocations` events from `clients` threads,
/// with `AWS_LAMBDA_MAX_CONCURRENCY` = `concurrency` (unset when `None`), and the most
/// invocations it had in flight at once.
fn throughput(options: &Options, concurrency: Option<usize>, invocations: usize) -> (f64, usize) {
    let api = RuntimeApi::builder().invoke_timeout(PATIENCE).keep_invocations(256).keep_requests(256).start();
    let mut builder = Function::builder(&options.binary).env("SLEEP_MS", options.sleep_ms.to_string());
    if let Some(n) = concurrency {
        builder = builder.env("AWS_LAMBDA_MAX_CONCURRENCY", n.to_string());
    }
    let _function = builder.spawn(&api);
    assert!(api.wait_for_polls(concurrency.unwrap_or(1), PATIENCE), "the function polls");
    let event = br#"{"type":"TOKEN","authorizationToken":"allow","methodArn":"arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets"}"#;
    // A first round, so that every poller has served once before the clock starts.
    for _ in 0..concurrency.unwrap_or(1) {
        api.invoke(event);
    }
    let clients = options.clients.min(invocations);
    let started = Instant::now();
    thread::scope(|scope| {
        for client in 0..clients {
            let share = invocations / clients + usize::from(client < invocations % clients);
            let api = &api;
            scope.spawn(move || {
                for _ in 0..share {
                    assert!(!api.invoke(event).is_error(), "the authorizer allows");
                }
            });
        }
    });
    let elapsed = started.elapsed();
    (invocations as f64 / elapsed.as_secs_f64(), api.max_in_flight())
}

fn main() {
    let options = options();
    let n = options.concurrency;
    let goal = 0.9 * n as f64 * 1000.0 / options.sleep_ms as f64;
    println!(
        "sleepy ({} ms per invocation), {} invocations from {} client threads, {} CPUs",
        options.sleep_ms,
        options.invocations,
        options.clients,
        thread::available_parallelism().map_or(1, usize::from)
    );
    let (concurrent, in_flight) = throughput(&options, Some(n), options.invocations);
    println!(
        "AWS_LAMBDA_MAX_CONCURRENCY={n}: {concurrent:.0} invocations/s (at most {in_flight} in flight; goal >= {goal:.0}: {})",
        if concurrent >= goal { "met" } else { "NOT met" }
    );
    let sequential_invocations = (options.invocations / n).max(20);
    let (sequential, in_flight) = throughput(&options, None, sequential_invocations);
    println!(
        "unset: {sequential:.0} invocations/s (at most {in_flight} in flight; {sequential_invocations} invocations)"
    );
    println!("ratio: {:.1}x", concurrent / sequential);
}
