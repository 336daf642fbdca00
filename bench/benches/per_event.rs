//! The per-event work, framework vs baseline vs floor, on three events: decode the event,
//! decide, encode the response. Run with
//! `cargo bench -p authorizer-bench --bench per_event`; a summary table with the ratios is
//! printed at the end (BENCHMARKS.md explains each row).

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use authorizer_bench::{baseline, events, floor, framework};
use authorizer_core::{AuthorizerRequest, HttpV2Request, Reply, RestRequest, TokenRequest};
use aws_lambda_events::apigw::{
    ApiGatewayCustomAuthorizerRequest, ApiGatewayCustomAuthorizerRequestTypeRequest,
    ApiGatewayV2CustomAuthorizerV2Request,
};
use criterion::{Criterion, Throughput};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// One benchmarked event kind, with both sides' functions for it.
struct Case {
    name: &'static str,
    event: Vec<u8>,
    framework: fn(&[u8]) -> Reply,
    framework_decode: fn(&[u8]) -> bool,
    baseline: fn(&[u8]) -> Result<Vec<u8>, lambda_runtime::Error>,
    baseline_decode: fn(&[u8]) -> bool,
}

fn decodes<R: AuthorizerRequest>(event: &[u8]) -> bool {
    black_box(R::from_event(event)).is_ok()
}

fn serde_decodes<T: DeserializeOwned>(event: &[u8]) -> bool {
    black_box(serde_json::from_slice::<T>(event)).is_ok()
}

fn cases() -> [Case; 3] {
    [
        Case {
            name: "token",
            event: events::token("allow"),
            framework: |e| framework::reply(&framework::token, e),
            framework_decode: decodes::<TokenRequest>,
            baseline: baseline::token,
            baseline_decode: serde_decodes::<ApiGatewayCustomAuthorizerRequest>,
        },
        Case {
            name: "rest_request",
            event: events::rest_request(),
            framework: |e| framework::reply(&framework::rest, e),
            framework_decode: decodes::<RestRequest>,
            baseline: baseline::rest,
            baseline_decode: serde_decodes::<ApiGatewayCustomAuthorizerRequestTypeRequest>,
        },
        Case {
            name: "http_v2",
            event: events::http_v2(),
            framework: |e| framework::reply(&framework::http_v2, e),
            framework_decode: decodes::<HttpV2Request>,
            baseline: baseline::http_v2,
            baseline_decode: serde_decodes::<ApiGatewayV2CustomAuthorizerV2Request>,
        },
    ]
}

/// The benchmarks of one group, in the order the summary shows them.
const ROWS: [(&str, &str); 6] = [
    ("framework", "framework: one invocation"),
    ("framework_decode", "  framework decode alone"),
    ("baseline", "baseline: aws_lambda_events + serde_json"),
    ("baseline_decode", "  baseline decode alone"),
    ("floor_ignored", "floor: IgnoredAny + copy the bytes"),
    ("floor_value", "floor: Value + to_vec(Value)"),
];

fn bench(c: &mut Criterion, case: &Case) {
    let Reply::Response(response) = (case.framework)(&case.event) else {
        panic!("{}: the framework refused", case.name)
    };
    let response_value: Value = serde_json::from_str(&response).expect("the framework writes JSON");
    let response_bytes = response.into_bytes();
    let event = case.event.as_slice();

    let mut group = c.benchmark_group(case.name);
    group.throughput(Throughput::Bytes(event.len() as u64));
    group.bench_function(ROWS[0].0, |b| b.iter(|| (case.framework)(black_box(event))));
    group.bench_function(ROWS[1].0, |b| b.iter(|| (case.framework_decode)(black_box(event))));
    group.bench_function(ROWS[2].0, |b| b.iter(|| (case.baseline)(black_box(event))));
    group.bench_function(ROWS[3].0, |b| b.iter(|| (case.baseline_decode)(black_box(event))));
    group.bench_function(ROWS[4].0, |b| b.iter(|| floor::ignored(black_box(event), black_box(&response_bytes))));
    group.bench_function(ROWS[5].0, |b| b.iter(|| floor::value(black_box(event), black_box(&response_value))));
    group.finish();
}

/// Where criterion writes its estimates: as criterion itself decides it.
fn criterion_dir() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return home.into();
    }
    if let Some(target) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(target).join("criterion");
    }
    // <target>/release/deps/per_event-<hash>
    let exe = std::env::current_exe().unwrap_or_default();
    exe.ancestors().nth(3).map_or_else(|| PathBuf::from("target/criterion"), |t| t.join("criterion"))
}

/// The median of the last run of `group/id`, in ns, if it ran.
fn median_ns(group: &str, id: &str) -> Option<f64> {
    let path = criterion_dir().join(group).join(id).join("new").join("estimates.json");
    let estimates: Value = serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
    estimates["median"]["point_estimate"].as_f64()
}

/// The table BENCHMARKS.md quotes: medians in ns per event, and the ratios of the goals.
fn summary(cases: &[Case]) {
    let cell = |v: Option<f64>| v.map_or_else(|| "-".to_owned(), |v| format!("{v:.0}"));
    let row = |label: &str, cells: Vec<String>| {
        println!("{label:<48}{}", cells.iter().map(|c| format!("{c:>14}")).collect::<String>())
    };
    println!("\nper-event work, median ns per event (criterion)");
    row("", cases.iter().map(|c| c.name.to_owned()).collect());
    row("event size (bytes)", cases.iter().map(|c| c.event.len().to_string()).collect());
    // medians[case][row of ROWS]
    let medians: Vec<Vec<Option<f64>>> =
        cases.iter().map(|c| ROWS.iter().map(|(id, _)| median_ns(c.name, id)).collect()).collect();
    for (i, (_, label)) in ROWS.iter().enumerate() {
        row(label, medians.iter().map(|m| cell(m[i])).collect());
    }
    for (reference, name) in [(2, "baseline"), (5, "floor Value"), (4, "floor IgnoredAny")] {
        let ratios = medians
            .iter()
            .map(|m| m[0].zip(m[reference]).map_or_else(|| "-".to_owned(), |(f, r)| format!("{:.2}", f / r)))
            .collect();
        row(&format!("framework / {name}"), ratios);
    }
}

fn main() {
    let mut criterion = Criterion::default()
        .sample_size(50)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    let cases = cases();
    for case in &cases {
        bench(&mut criterion, case);
    }
    criterion.final_summary();
    summary(&cases);
}
