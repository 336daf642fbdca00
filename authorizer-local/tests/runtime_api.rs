//! The runtime API server, exercised over real HTTP with a byte-level std `TcpStream` client.

mod raw_http;

use std::thread;
use std::time::{Duration, Instant};

use authorizer_local::{
    ERROR_TYPE_HEADER, Endpoint, INIT_ERROR_PATH, InvokeError, NEXT_PATH, Outcome, RecordedRequest, RuntimeApi,
};
use raw_http::{Client, epoch_ms};
use serde_json::json;

/// Bound for anything that should happen promptly.
const SOON: Duration = Duration::from_secs(5);

fn response_path(id: &str) -> String {
    format!("/2018-06-01/runtime/invocation/{id}/response")
}

fn error_path(id: &str) -> String {
    format!("/2018-06-01/runtime/invocation/{id}/error")
}

/// A server whose `invoke` gives up quickly enough for a failing test to end fast.
fn server() -> RuntimeApi {
    RuntimeApi::builder().invoke_timeout(SOON).start()
}

/// Checks the shape `Root=1-<8 hex>-<24 hex>;Parent=<16 hex>;Sampled=0`.
fn assert_trace_id_shape(trace_id: &str) {
    let hex = |s: &str, len: usize| s.len() == len && s.bytes().all(|b| b.is_ascii_hexdigit());
    let shaped = trace_id
        .strip_prefix("Root=1-")
        .and_then(|rest| rest.strip_suffix(";Sampled=0"))
        .and_then(|rest| rest.split_once(";Parent="))
        .and_then(|(root, parent)| Some((root.split_once('-')?, parent)))
        .is_some_and(|((time, id), parent)| hex(time, 8) && hex(id, 24) && hex(parent, 16));
    assert!(shaped, "malformed trace id {trace_id:?}");
}

#[test]
fn next_long_polls_until_an_event_is_queued() {
    let api = server();
    let mut function = Client::connect(&api);
    function.send("GET", NEXT_PATH, &[], b"");
    assert!(api.wait_for_poll(SOON), "the GET next never reached the server");
    assert!(!function.has_data(), "next answered before any event was queued");

    let event = br#"{"type":"TOKEN","authorizationToken":"abc"}"#;
    thread::scope(|scope| {
        let invoker = scope.spawn(|| api.invoke(event));
        let before = epoch_ms();
        let next = function.read_reply();
        let after = epoch_ms();

        assert_eq!(next.status, 200);
        assert_eq!(next.body, event);
        assert_eq!(next.header("content-type"), Some("application/json"));
        assert_eq!(
            next.header("lambda-runtime-invoked-function-arn"),
            Some("arn:aws:lambda:us-east-1:123456789012:function:authorizer")
        );
        let deadline: u64 = next.header_parsed("lambda-runtime-deadline-ms");
        assert!(
            (before + 3_000..=after + 3_000).contains(&deadline),
            "deadline {deadline} is not 3 s after delivery ({before}..={after})"
        );
        let request_id = next.header_owned("lambda-runtime-aws-request-id");
        let trace_id = next.header_owned("lambda-runtime-trace-id");
        assert_trace_id_shape(&trace_id);

        let posted = function.request("POST", &response_path(&request_id), &[], b"{}");
        assert_eq!(posted.status, 202);
        let invocation = invoker.join().expect("invoke panicked");
        assert_eq!(invocation.request_id, request_id);
        assert_eq!(invocation.trace_id, trace_id);
        assert_eq!(invocation.deadline_ms, deadline);
    });
}

#[test]
fn response_is_recorded_with_its_body_and_headers() {
    let api = server();
    let mut function = Client::connect(&api);
    thread::scope(|scope| {
        let invoker = scope.spawn(|| api.invoke_json(&json!({"n": 1})));
        let next = function.request("GET", NEXT_PATH, &[], b"");
        assert_eq!(next.json(), json!({"n": 1}));
        let id = next.header_owned("lambda-runtime-aws-request-id");

        // Same connection: the server keeps it alive, as the real client expects.
        let body = br#"{"principalId":"user","policyDocument":{"Version":"2012-10-17"}}"#;
        let headers = [("Content-Type", "application/json"), ("X-Extra", "kept")];
        let posted = function.request("POST", &response_path(&id), &headers, body);
        assert_eq!((posted.status, posted.json()), (202, json!({"status": "OK"})));
        assert_eq!(posted.header("content-type"), Some("application/json"));

        let invocation = invoker.join().expect("invoke panicked");
        assert!(!invocation.is_error());
        assert_eq!(invocation.expect_response()["principalId"], "user");
        assert_eq!(invocation.raw_body, body);
        assert_eq!(invocation.header("x-extra"), Some("kept"));
        assert_eq!(invocation.header("CONTENT-TYPE"), Some("application/json"));
    });
}

#[test]
fn error_is_recorded_with_the_error_type_header() {
    let api = server();
    let mut function = Client::connect(&api);
    thread::scope(|scope| {
        let invoker = scope.spawn(|| api.invoke(b"{}"));
        let id = function.request("GET", NEXT_PATH, &[], b"").header_owned("lambda-runtime-aws-request-id");
        let body = br#"{"errorType":"Unauthorized","errorMessage":"Unauthorized"}"#;
        let headers = [(ERROR_TYPE_HEADER, "Unauthorized")];
        let posted = function.request("POST", &error_path(&id), &headers, body);
        assert_eq!(posted.status, 202);

        let invocation = invoker.join().expect("invoke panicked");
        assert!(invocation.is_error());
        let (error_type, body) = invocation.expect_error();
        assert_eq!(error_type, Some("Unauthorized"));
        assert_eq!(body["errorMessage"], "Unauthorized");
        assert_eq!(
            invocation.outcome,
            Outcome::Error {
                error_type_header: Some("Unauthorized".into()),
                body: json!({"errorType": "Unauthorized", "errorMessage": "Unauthorized"}),
            }
        );
    });
}

#[test]
fn chunked_bodies_are_accepted() {
    let api = server();
    let mut function = Client::connect(&api);
    thread::scope(|scope| {
        let invoker = scope.spawn(|| api.invoke(b"{}"));
        let id = function.request("GET", NEXT_PATH, &[], b"").header_owned("lambda-runtime-aws-request-id");
        let head =
            format!("POST {} HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n", response_path(&id));
        function.send_raw(head.as_bytes());
        function.send_raw(b"9\r\n{\"allow\":\r\n");
        function.send_raw(b"5\r\ntrue}\r\n0\r\n\r\n");
        assert_eq!(function.read_reply().status, 202);

        let invocation = invoker.join().expect("invoke panicked");
        assert_eq!(invocation.raw_body, br#"{"allow":true}"#);
        assert_eq!(invocation.expect_response(), &json!({"allow": true}));

        // The connection is still usable after a chunked body.
        assert_eq!(function.request("GET", "/nope", &[], b"").status, 404);
    });
}

#[test]
fn unknown_request_id_is_rejected_with_400() {
    let api = server();
    let mut client = Client::connect(&api);
    for path in [response_path("no-such-id"), error_path("no-such-id")] {
        let reply = client.request("POST", &path, &[], b"{}");
        assert_eq!(reply.status, 400, "{path}");
        assert_eq!(reply.json()["errorType"], "InvalidRequestID", "{path}");
    }

    // A queued event that the function has not fetched yet is not answerable either.
    let error = api.try_invoke(b"{}", Duration::ZERO).expect_err("nobody fetched the event");
    let InvokeError::TimedOut { request_id, .. } = error else {
        panic!("expected a timeout, got {error}");
    };
    let reply = client.request("POST", &response_path(&request_id), &[], b"{}");
    assert_eq!(reply.status, 400);
}

#[test]
fn a_second_answer_for_the_same_invocation_is_refused() {
    let api = server();
    let mut function = Client::connect(&api);
    thread::scope(|scope| {
        let invoker = scope.spawn(|| api.invoke(b"{}"));
        let id = function.request("GET", NEXT_PATH, &[], b"").header_owned("lambda-runtime-aws-request-id");
        let first = function.request("POST", &response_path(&id), &[], b"1");
        assert_eq!(first.status, 202);
        let second = function.request("POST", &error_path(&id), &[], b"{}");
        assert_eq!(second.status, 403);
        assert_eq!(second.json()["errorType"], "InvalidStateTransition");
        let invocation = invoker.join().expect("invoke panicked");
        assert_eq!(invocation.expect_response(), &json!(1));
    });
}

#[test]
fn init_error_is_recorded_and_no_event_is_handed_out_after_it() {
    let api = server();
    assert_eq!(api.init_error(Duration::from_millis(10)), None);

    let mut function = Client::connect(&api);
    let body = br#"{"errorType":"Runtime.InitError","errorMessage":"missing config"}"#;
    let headers = [(ERROR_TYPE_HEADER, "Runtime.InitError")];
    let posted = function.request("POST", INIT_ERROR_PATH, &headers, body);
    assert_eq!((posted.status, posted.json()), (202, json!({"status": "OK"})));

    let init = api.init_error(SOON).expect("init error recorded");
    assert_eq!(init.error_type_header.as_deref(), Some("Runtime.InitError"));
    assert_eq!(init.body["errorMessage"], "missing config");
    assert_eq!(init.raw_body, body);

    // A failed function gets no events: invoking fails at once, and next stays unanswered.
    function.send("GET", NEXT_PATH, &[], b"");
    assert!(api.wait_for_poll(SOON));
    let error = api.try_invoke(b"{}", SOON).expect_err("no invocation");
    assert!(matches!(error, InvokeError::InitFailed(ref e) if *e == init), "{error}");
    assert!(error.to_string().contains("missing config"), "{error}");
    assert!(!function.has_data(), "next was answered after an init error");
}

#[test]
fn request_log_keeps_arrival_order() {
    let api = server();
    let mut function = Client::connect(&api);
    thread::scope(|scope| {
        let invoker = scope.spawn(|| api.invoke(b"{}"));
        let id = function.request("GET", NEXT_PATH, &[], b"").header_owned("lambda-runtime-aws-request-id");
        function.request("POST", &response_path(&id), &[], b"{}");
        invoker.join().expect("invoke panicked");
    });
    function.request("DELETE", "/elsewhere?x=1", &[], b"");
    function.request("POST", INIT_ERROR_PATH, &[], b"{}");

    let requests = api.requests();
    let lines: Vec<String> = requests.iter().map(RecordedRequest::to_string).collect();
    let id = match requests[1].endpoint() {
        Endpoint::Response(id) => id,
        other => panic!("second request routed to {other:?}"),
    };
    assert_eq!(
        lines,
        [
            format!("GET {NEXT_PATH}"),
            format!("POST {}", response_path(&id)),
            "DELETE /elsewhere?x=1".to_owned(),
            format!("POST {INIT_ERROR_PATH}"),
        ]
    );
    assert_eq!(requests[0].endpoint(), Endpoint::Next);
    assert_eq!(requests[2].endpoint(), Endpoint::Unknown);
    assert_eq!(requests[3].endpoint(), Endpoint::InitError);
}

#[test]
fn every_invocation_gets_fresh_request_and_trace_ids() {
    let api = server();
    let mut function = Client::connect(&api);
    let mut seen = Vec::new();
    for _ in 0..3 {
        thread::scope(|scope| {
            let invoker = scope.spawn(|| api.invoke(b"{}"));
            let next = function.request("GET", NEXT_PATH, &[], b"");
            let id = next.header_owned("lambda-runtime-aws-request-id");
            function.request("POST", &response_path(&id), &[], b"{}");
            let invocation = invoker.join().expect("invoke panicked");
            assert_eq!(invocation.trace_id, next.header_owned("lambda-runtime-trace-id"));
            assert_trace_id_shape(&invocation.trace_id);
            seen.push((invocation.request_id, invocation.trace_id));
        });
    }
    for (i, a) in seen.iter().enumerate() {
        for b in &seen[i + 1..] {
            assert_ne!(a.0, b.0, "request id repeated");
            assert_ne!(a.1, b.1, "trace id repeated");
        }
    }
}

#[test]
fn unknown_routes_get_404() {
    let api = server();
    let mut client = Client::connect(&api);
    for (method, path) in [
        ("GET", "/"),
        ("POST", NEXT_PATH),
        ("GET", INIT_ERROR_PATH),
        ("GET", "/2018-06-01/runtime/invocation/some-id/response"),
        ("GET", "/2018-06-01/runtime/invocation/nexts"),
    ] {
        let reply = client.request(method, path, &[], b"");
        assert_eq!(reply.status, 404, "{method} {path}");
        assert_eq!(reply.json()["errorType"], "NotFound", "{method} {path}");
    }
    assert!(!api.wait_for_poll(Duration::ZERO), "a 404 was parked as a poll");
}

#[test]
fn a_held_next_does_not_block_other_connections() {
    let api = server();
    let mut poller = Client::connect(&api);
    poller.send("GET", NEXT_PATH, &[], b"");
    assert!(api.wait_for_poll(SOON));

    let mut other = Client::connect(&api);
    assert_eq!(other.request("POST", &response_path("x"), &[], b"{}").status, 400);
    assert_eq!(other.request("GET", "/health", &[], b"").status, 404);

    thread::scope(|scope| {
        let invoker = scope.spawn(|| api.invoke(b"[1]"));
        let next = poller.read_reply();
        assert_eq!(next.body, b"[1]");
        let id = next.header_owned("lambda-runtime-aws-request-id");
        // The answer may come on any connection.
        assert_eq!(other.request("POST", &response_path(&id), &[], b"2").status, 202);
        assert_eq!(invoker.join().expect("invoke panicked").expect_response(), 2);
    });
}

#[test]
fn a_poll_whose_client_went_away_is_not_handed_an_event() {
    let api = server();
    let mut gone = Client::connect(&api);
    gone.send("GET", NEXT_PATH, &[], b"");
    assert!(api.wait_for_poll(SOON));
    drop(gone);
    // The server notices the closed connection on its own; give it a bounded while.
    let deadline = Instant::now() + SOON;
    while api.wait_for_poll(Duration::ZERO) && Instant::now() < deadline {
        thread::sleep(Duration::from_millis(1));
    }
    assert!(!api.wait_for_poll(Duration::ZERO), "a poll is still counted after its client went away");

    // As when a function is restarted: the new process gets the event, none is lost.
    let mut function = Client::connect(&api);
    thread::scope(|scope| {
        let invoker = scope.spawn(|| api.invoke(b"[3]"));
        let next = function.request("GET", NEXT_PATH, &[], b"");
        assert_eq!(next.body, b"[3]");
        let id = next.header_owned("lambda-runtime-aws-request-id");
        assert_eq!(function.request("POST", &response_path(&id), &[], b"4").status, 202);
        assert_eq!(invoker.join().expect("invoke panicked").expect_response(), 4);
    });
}

#[test]
fn a_timed_out_event_stays_queued_and_a_late_answer_is_accepted() {
    let api = server();
    let error = api.try_invoke(b"{\"late\":true}", Duration::from_millis(20)).expect_err("nobody is polling");
    let InvokeError::TimedOut { request_id, delivered: false, .. } = &error else {
        panic!("expected an undelivered timeout, got {error}");
    };
    assert!(error.to_string().contains("did not fetch"), "{error}");

    let mut function = Client::connect(&api);
    let next = function.request("GET", NEXT_PATH, &[], b"");
    assert_eq!(next.header("lambda-runtime-aws-request-id"), Some(&**request_id));
    let late = function.request("POST", &response_path(request_id), &[], b"{}");
    assert_eq!(late.status, 202);
}

#[test]
fn a_fetched_but_unanswered_event_times_out_as_delivered() {
    let api = server();
    let mut function = Client::connect(&api);
    function.send("GET", NEXT_PATH, &[], b"");
    assert!(api.wait_for_poll(SOON));
    let error = api.try_invoke(b"{}", Duration::from_millis(50)).expect_err("the function never answers");
    assert!(matches!(error, InvokeError::TimedOut { delivered: true, .. }), "{error}");
    assert_eq!(function.read_reply().status, 200);
}

#[test]
#[should_panic(expected = "did not fetch event")]
fn invoke_panics_with_a_clear_message_on_timeout() {
    let api = RuntimeApi::builder().invoke_timeout(Duration::from_millis(20)).start();
    api.invoke(b"{}");
}

#[test]
fn function_timeout_and_arn_are_configurable() {
    let arn = "arn:aws:lambda:eu-west-1:210987654321:function:other";
    let api =
        RuntimeApi::builder().function_timeout(Duration::from_secs(60)).function_arn(arn).invoke_timeout(SOON).start();
    assert_eq!(api.function_arn(), arn);
    let mut function = Client::connect(&api);
    thread::scope(|scope| {
        let invoker = scope.spawn(|| api.invoke(b"{}"));
        let before = epoch_ms();
        let next = function.request("GET", NEXT_PATH, &[], b"");
        assert_eq!(next.header("lambda-runtime-invoked-function-arn"), Some(arn));
        let deadline: u64 = next.header_parsed("lambda-runtime-deadline-ms");
        assert!(deadline >= before + 60_000 && deadline <= epoch_ms() + 60_000);
        let id = next.header_owned("lambda-runtime-aws-request-id");
        function.request("POST", &response_path(&id), &[], b"{}");
        invoker.join().expect("invoke panicked");
    });
}

#[test]
fn large_events_are_sent_with_content_length() {
    let api = server();
    let event = format!("\"{}\"", "x".repeat(200_000));
    let mut function = Client::connect(&api);
    thread::scope(|scope| {
        let invoker = scope.spawn(|| api.invoke(event.as_bytes()));
        let next = function.request("GET", NEXT_PATH, &[], b"");
        assert_eq!(next.header("content-length"), Some("200002"));
        assert_eq!(next.header("transfer-encoding"), None);
        assert_eq!(next.body, event.as_bytes());
        let id = next.header_owned("lambda-runtime-aws-request-id");
        function.request("POST", &response_path(&id), &[], b"{}");
        invoker.join().expect("invoke panicked");
    });
}

#[test]
fn dropping_the_server_answers_held_polls_and_closes_the_port() {
    let api = server();
    let addr = api.socket_addr();
    let mut function = Client::connect(&api);
    function.send("GET", NEXT_PATH, &[], b"");
    assert!(api.wait_for_poll(SOON));
    drop(api);
    assert_eq!(function.read_reply().status, 500, "the held poll was left hanging");
    assert!(raw_http::refused_within(addr, SOON), "{addr} still accepts connections after the server was dropped");
}

/// One invocation through `function`: fetched, answered with `{"n": n}`. Returns its request id.
fn answer_one(api: &RuntimeApi, function: &mut Client, n: usize) -> String {
    thread::scope(|scope| {
        let invoker = scope.spawn(|| api.invoke(b"{}"));
        let id = function.request("GET", NEXT_PATH, &[], b"").header_owned("lambda-runtime-aws-request-id");
        let posted = function.request("POST", &response_path(&id), &[], json!({"n": n}).to_string().as_bytes());
        assert_eq!(posted.status, 202);
        let invocation = invoker.join().expect("invoke panicked");
        assert_eq!((invocation.request_id.as_str(), invocation.expect_response()), (id.as_str(), &json!({"n": n})));
        id
    })
}

#[test]
fn first_poll_at_is_the_arrival_of_the_first_next() {
    let api = server();
    let mut function = Client::connect(&api);
    assert_eq!(api.first_poll_at(), None);
    assert_eq!(function.request("GET", "/elsewhere", &[], b"").status, 404);
    assert_eq!(function.request("POST", &response_path("no-such-id"), &[], b"{}").status, 400);
    assert_eq!(api.first_poll_at(), None, "only a GET next is a poll");

    let sent = Instant::now();
    function.send("GET", NEXT_PATH, &[], b"");
    assert!(api.wait_for_poll(SOON));
    let seen = Instant::now();
    let first = api.first_poll_at().expect("the poll's arrival");
    assert!(sent <= first && first <= seen, "arrival {first:?} is not between {sent:?} and {seen:?}");

    // Later polls leave it as it is.
    thread::scope(|scope| {
        let invoker = scope.spawn(|| api.invoke(b"{}"));
        let id = function.read_reply().header_owned("lambda-runtime-aws-request-id");
        function.request("POST", &response_path(&id), &[], b"{}");
        invoker.join().expect("invoke panicked");
    });
    function.send("GET", NEXT_PATH, &[], b"");
    assert!(api.wait_for_poll(SOON));
    assert_eq!(api.first_poll_at(), Some(first));
}

#[test]
fn keep_invocations_keeps_only_the_newest_and_still_counts_all() {
    let api = RuntimeApi::builder().invoke_timeout(SOON).keep_invocations(2).start();
    let mut function = Client::connect(&api);
    let ids: Vec<String> = (0..5).map(|n| answer_one(&api, &mut function, n)).collect();
    assert_eq!(api.invocation_count(), 5);

    // A kept invocation refuses a second answer as answered already; a forgotten one as unknown.
    for (n, id) in ids.iter().enumerate() {
        let second = function.request("POST", &error_path(id), &[], b"{}");
        let expected = if n >= 3 { (403, "InvalidStateTransition") } else { (400, "InvalidRequestID") };
        assert_eq!((second.status, second.json()["errorType"].as_str().unwrap_or("")), expected, "invocation {n}");
    }
    assert_eq!(api.invocation_count(), 5, "refused answers are not counted");
    assert_eq!(api.requests().len(), 5 * 2 + 5, "the request log is not bounded by keep_invocations");
}

#[test]
fn keep_invocations_zero_still_hands_each_invocation_to_its_invoke() {
    let api = RuntimeApi::builder().invoke_timeout(SOON).keep_invocations(0).start();
    let mut function = Client::connect(&api);
    let ids: Vec<String> = (0..3).map(|n| answer_one(&api, &mut function, n)).collect();
    assert_eq!(api.invocation_count(), 3);
    let second = function.request("POST", &response_path(&ids[2]), &[], b"{}");
    assert_eq!(second.status, 400, "nothing is kept once its invoke has it");

    // A late answer, after its invoke gave up, is counted and not kept either.
    let error = api.try_invoke(b"{}", Duration::ZERO).expect_err("nobody fetched the event");
    let InvokeError::TimedOut { request_id, .. } = error else {
        panic!("expected a timeout, got {error}");
    };
    let next = function.request("GET", NEXT_PATH, &[], b"");
    assert_eq!(next.header("lambda-runtime-aws-request-id"), Some(request_id.as_str()));
    assert_eq!(function.request("POST", &response_path(&request_id), &[], b"{}").status, 202);
    assert_eq!(api.invocation_count(), 4);
    assert_eq!(function.request("POST", &response_path(&request_id), &[], b"{}").status, 400);
}

#[test]
fn keep_requests_keeps_only_the_newest_lines_and_still_counts_all() {
    let api = RuntimeApi::builder().invoke_timeout(SOON).keep_requests(2).start();
    let mut function = Client::connect(&api);
    let id = answer_one(&api, &mut function, 0);
    function.request("DELETE", "/elsewhere?x=1", &[], b"");
    let lines: Vec<String> = api.requests().iter().map(RecordedRequest::to_string).collect();
    assert_eq!(lines, [format!("POST {}", response_path(&id)), "DELETE /elsewhere?x=1".to_owned()]);
    assert_eq!(api.request_count(), 3);
    assert!(api.first_poll_at().is_some(), "the first poll's arrival outlives its log line");

    let none = RuntimeApi::builder().keep_requests(0).start();
    let mut client = Client::connect(&none);
    client.request("GET", "/elsewhere", &[], b"");
    assert_eq!((none.requests(), none.request_count()), (Vec::new(), 1));
}
