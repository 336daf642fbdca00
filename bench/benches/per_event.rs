//! The per-event work, framework vs baseline vs floor, on three events: decode the event,
//! decide, encode the response. Run with
//! `cargo bench -p authorizer-bench --bench per_event`; a summary table with the ratios is
//! printed at the end (BENCHMARKS.md explains each row).

use std::hint::black_box;
use std::time::Duration;

use authorizer_bench::estimates::Summary;
use authorizer_bench::{baseline, events, floor, framework};
use authorizer_core::{AuthorizerRequest, Decision, Error, HttpV2Request, Reply, RestRequest, TokenRequest};
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

/// The table BENCHMARKS.md quotes: medians in ns per event, and the ratios of the goals.
fn summary(cases: &[Case]) {
    let groups: Vec<&str> = cases.iter().map(|c| c.name).collect();
    let sizes = ("event size (bytes)", cases.iter().map(|c| c.event.len()).collect());
    let table = Summary::print("per-event work, median ns per event (criterion)", &groups, sizes, &ROWS, 48);
    for (reference, name) in [(2, "baseline"), (5, "floor Value"), (4, "floor IgnoredAny")] {
        table.ratios(&format!("framework / {name}"), 0, reference, 2);
    }
}

/// A failure of the REST case: the posted message is masked, which collects the request's
/// credentials (once per invocation that masks) and looks for each in the text. The error
/// quotes nothing secret, or the credential twice, as an HTTP client's URL (percent-encoded,
/// which makes the text one that may hold encoded forms) and as `{:?}` writes it.
fn masking(c: &mut Criterion) {
    let event = events::rest_request();
    let plain = |_: RestRequest| -> Result<Decision, Error> { Err(Error::failure("the user store is down")) };
    let quoting = |_: RestRequest| -> Result<Decision, Error> {
        let token = events::BEARER_TOKEN;
        Err(Error::failure(format!("GET https://idp.example/introspect?token={token}&x=%2F failed: {token:?}")))
    };
    let mut group = c.benchmark_group("masking");
    group.bench_function("error quoting nothing", |b| b.iter(|| framework::reply(&plain, black_box(&event))));
    group.bench_function("error quoting the credential", |b| b.iter(|| framework::reply(&quoting, black_box(&event))));
    group.finish();
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
    masking(&mut criterion);
    criterion.final_summary();
    summary(&cases);
}
