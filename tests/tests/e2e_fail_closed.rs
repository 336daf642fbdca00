//! End to end, through the TOKEN probe: the failure paths of the Lambda side that the
//! README's fail-closed table names and no other test covers. A reply past Lambda's timeout
//! answers no other invocation; a Runtime API that refuses the connection or answers 500
//! ends the process, which never answers an event it did not get.

mod e2e_support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, ExitStatus};
use std::thread;
use std::time::{Duration, Instant};

use authorizer_local::InvokeError;
use e2e_support::*;

/// The Runtime API's 500, "Container error. Non-recoverable state".
const ANSWER_500: &[u8] = b"HTTP/1.1 500 Internal Server Error\r\ncontent-length: 0\r\n\r\n";

/// Waits up to [`SOON`] for `child` to exit, and returns how it exited and what it logged.
fn exited(mut child: Child) -> (Option<ExitStatus>, String) {
    let until = Instant::now() + SOON;
    let status = loop {
        match child.try_wait().expect("the probe can be waited on") {
            Some(status) => break Some(status),
            None if Instant::now() >= until => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            None => thread::sleep(Duration::from_millis(10)),
        }
    };
    let mut logs = String::new();
    child.stdout.take().map(|mut out| out.read_to_string(&mut logs));
    (status, logs)
}

/// Checks that the probe exited with a failure, saying why, and showing no credential.
#[track_caller]
fn assert_ended_by_the_runtime_api((status, logs): (Option<ExitStatus>, String), what: &str) {
    let status = status.unwrap_or_else(|| panic!("{what}: the process kept running:\n{logs}"));
    assert!(status.code().is_some_and(|code| code != 0), "{what}: exited with {status}:\n{logs}");
    let said = lines_with(&logs, "the Lambda Runtime API failed; exiting");
    assert_eq!(said.len(), 1, "{what}:\n{logs}");
    assert_eq!(text_level(said[0]), Some("ERROR"), "{what}: {}", said[0]);
    assert_no_secret(&logs, what);
}

/// Reads one request's head and body from `reader`: its request line, or `None` once the
/// probe has closed the connection.
fn read_request(reader: &mut BufReader<TcpStream>) -> Option<String> {
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).ok()? == 0 {
        return None;
    }
    let mut length = 0;
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).expect("a header");
        match header.trim_end().split_once(':') {
            Some((name, value)) if name.eq_ignore_ascii_case("content-length") => {
                length = value.trim().parse().expect("a length");
            }
            Some(_) => {}
            None => break,
        }
    }
    reader.read_exact(&mut vec![0; length]).expect("the body");
    Some(request_line)
}

/// A Runtime API on a bare socket that answers the first `GET` with `first` and the request
/// after it (if `first` is an event, the reply) with 500. Returns every request it read
/// until the probe closed the connection, and its listener, to see whether the probe tried
/// to connect again.
fn answering_500_after(first: Vec<u8>) -> (String, thread::JoinHandle<(Vec<String>, TcpListener)>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("loopback port");
    let endpoint = listener.local_addr().expect("bound").to_string();
    let api = thread::spawn(move || {
        let (stream, _) = listener.accept().expect("the probe connects");
        stream.set_read_timeout(Some(SOON)).expect("timeout set");
        let mut writer = stream.try_clone().expect("stream cloned");
        let mut reader = BufReader::new(stream);
        let mut requests = Vec::new();
        while let Some(request) = read_request(&mut reader) {
            requests.push(request);
            let answer = if requests.len() == 1 { &first[..] } else { ANSWER_500 };
            writer.write_all(answer).expect("answered");
        }
        (requests, listener)
    });
    (endpoint, api)
}

/// Checks that nobody connected to `listener` again.
#[track_caller]
fn assert_no_new_connection(listener: &TcpListener) {
    listener.set_nonblocking(true).expect("non-blocking");
    let again = listener.accept();
    assert!(again.is_err(), "the probe connected again: {again:?}");
}

/// An event as the Runtime API's `next` sends it.
fn next_answer(event: &serde_json::Value) -> Vec<u8> {
    let event = event.to_string();
    format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nlambda-runtime-aws-request-id: req-0\r\n\
         lambda-runtime-deadline-ms: 4102444800000\r\ncontent-length: {}\r\n\r\n{event}",
        event.len()
    )
    .into_bytes()
}

#[test]
fn a_reply_past_the_deadline_answers_no_other_invocation() {
    let api = runtime_api();
    let function = probe(TOKEN_PROBE).spawn(&api);
    let pid = allowed_pid(&api);
    // The probe sleeps 2 s on `slower`, then allows: Lambda's timeout, here shorter, ends the
    // invocation first. Cut off at 500 ms, a probe on a loaded machine has had the time to
    // take the event, and is far from answering.
    let event = secret_token_event("slower").to_string();
    let cut = api.try_invoke(event.as_bytes(), Duration::from_millis(500));
    let Err(InvokeError::TimedOut { delivered, .. }) = cut else { panic!("not cut off at 500 ms: {cut:?}") };
    assert!(delivered, "the probe did not take the event within 500 ms");
    // The next invocation, queued while the late Allow is still coming, gets its own Deny.
    let next = api.invoke_json(&secret_token_event("deny"));
    assert_eq!(next.expect_response()["policyDocument"]["Statement"][0]["Effect"], "Deny");
    assert_eq!(allowed_pid(&api), pid, "the process serves on");
    assert_no_secret(&finish(function), "the function's output");
}

#[test]
fn a_runtime_api_refusing_the_connection_ends_the_process() {
    let endpoint = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").to_string();
    // The listener is gone: connecting to its port is refused.
    assert_ended_by_the_runtime_api(exited(token_probe_at(&endpoint)), "connection refused");
}

#[test]
fn a_runtime_api_answering_next_with_500_ends_the_process() {
    let (endpoint, api) = answering_500_after(ANSWER_500.to_vec());
    assert_ended_by_the_runtime_api(exited(token_probe_at(&endpoint)), "next answered 500");
    let (requests, listener) = api.join().expect("the scripted API does not panic");
    assert_eq!(requests, ["GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\n"]);
    assert_no_new_connection(&listener);
}

#[test]
fn a_runtime_api_answering_a_reply_with_500_ends_the_process() {
    let (endpoint, api) = answering_500_after(next_answer(&secret_token_event("allow")));
    assert_ended_by_the_runtime_api(exited(token_probe_at(&endpoint)), "the reply answered 500");
    let (requests, listener) = api.join().expect("the scripted API does not panic");
    // One reply, never posted again, and no event asked for after it.
    assert_eq!(requests.len(), 2, "{requests:?}");
    assert_eq!(requests[1], "POST /2018-06-01/runtime/invocation/req-0/response HTTP/1.1\r\n");
    assert_no_new_connection(&listener);
}
