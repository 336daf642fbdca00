//! Lambda Managed Instances: with `AWS_LAMBDA_MAX_CONCURRENCY` = N > 1, the function polls
//! `next` N times at once and serves N invocations at a time, each with its own context,
//! and leaves `_X_AMZN_TRACE_ID` alone; unset, it serves one at a time and sets it.
//! (<https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html>)

mod e2e_support;

use std::thread;

use authorizer_local::RuntimeApi;
use e2e_support::{SOON, TOKEN_PROBE, probe, runtime_api, token_event};

/// Invokes `events` events from as many threads at once, and returns the context each
/// response carries.
fn invoke_at_once(api: &RuntimeApi, events: usize, action: &str) -> Vec<serde_json::Value> {
    thread::scope(|scope| {
        let calls: Vec<_> = (0..events)
            .map(|_| scope.spawn(|| api.invoke_json(&token_event(action)).expect_response()["context"].clone()))
            .collect();
        calls.into_iter().map(|call| call.join().expect("the invocation succeeds")).collect()
    })
}

#[test]
fn n_invocations_at_once_each_with_its_own_context() {
    const N: usize = 4;
    let api = runtime_api();
    let _function = probe(TOKEN_PROBE).env("AWS_LAMBDA_MAX_CONCURRENCY", N.to_string()).spawn(&api);
    assert!(api.wait_for_polls(N, SOON), "{N} polls of next at once");

    // Each invocation awaits 50 ms: twice N of them keep N in flight.
    let contexts = invoke_at_once(&api, 2 * N, "lambda-context");
    assert_eq!(api.max_in_flight(), N, "N invocations served at once, and no more");

    let mut request_ids: Vec<&str> = contexts
        .iter()
        .map(|context| {
            let values = context["lambda"].as_str().expect("the probe reports its LambdaContext");
            let fields: Vec<&str> = values.split('|').collect();
            assert!(fields[1].starts_with("Root=1-"), "a trace id: {values}");
            assert!(fields[3].starts_with("arn:aws:lambda:"), "the function ARN: {values}");
            assert!(fields[4].parse::<u64>().is_ok(), "a deadline: {values}");
            // The variable is left alone: several invocations share the process.
            assert_eq!(context.get("traceId"), None, "{context}");
            fields[0]
        })
        .collect();
    request_ids.sort_unstable();
    request_ids.dedup();
    assert_eq!(request_ids.len(), 2 * N, "each invocation its own request id");
}

#[test]
fn one_at_a_time_by_default_with_the_trace_id_variable_set() {
    let api = runtime_api();
    let _function = probe(TOKEN_PROBE).spawn(&api);
    let contexts = invoke_at_once(&api, 3, "lambda-context");
    assert_eq!(api.max_in_flight(), 1);
    for context in contexts {
        let values = context["lambda"].as_str().expect("the probe reports its LambdaContext");
        let trace_id = values.split('|').nth(1).expect("a trace id field");
        assert!(trace_id.starts_with("Root=1-"), "{values}");
        assert_eq!(context["traceId"], trace_id, "the variable is the invocation's trace id");
    }
}
