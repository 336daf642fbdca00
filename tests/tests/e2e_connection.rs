//! The function keeps serving when the Runtime API closes its connection: after a reply,
//! announced (`Connection: close`) or not, while the function is working on an event, and
//! as a request comes in, without answering it.
//!
//! The Runtime API here is a scripted one on a bare `TcpListener`, since closing a
//! connection at a chosen moment, without saying so, is what a well-behaved server never does.

mod e2e_support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use e2e_support::{SOON, token_event, token_probe_at};
use serde_json::Value;

/// What the scripted Runtime API does to the function's connection: when it closes it, if
/// it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Close {
    /// After each reply to a `POST`, without a word: the next `GET` finds it closed.
    SilentlyAfterReply,
    /// After each reply to a `POST`, with `Connection: close` on that reply.
    AnnouncedAfterReply,
    /// Right after sending an event, while the function works on it: its `POST` finds it
    /// closed.
    WhileInvoked,
    /// On receiving a `GET` that is not the connection's first request, without answering
    /// it (as a server whose idle timeout fired just as the request came): the `GET` is
    /// asked again on a new connection.
    InsteadOfAnsweringAGet,
    /// The same for a `POST` of a reply: it is posted again on a new connection.
    InsteadOfAnsweringAPost,
    /// 20 ms after sending an event, without reading what came meanwhile: the function's
    /// `POST` (sent within those 20 ms unless the machine is slow) is answered by a reset.
    /// It is posted again on a new connection.
    LateWhileInvoked,
    /// Never: it keeps the connection, and answers every reply with 400, as the Runtime API
    /// answers a reply to an invocation it is done with (one posted twice, for instance).
    RefusesEveryReply,
}

/// One request as the scripted API read it.
struct Received {
    method: String,
    path: String,
    body: Vec<u8>,
}

fn read_request(reader: &mut BufReader<TcpStream>) -> Option<Received> {
    let mut line = String::new();
    if reader.read_line(&mut line).ok()? == 0 {
        return None;
    }
    let mut parts = line.split_whitespace();
    let (method, path) = (parts.next()?.to_owned(), parts.next()?.to_owned());
    let mut length = 0;
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).ok()?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().ok()?;
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Received { method, path, body })
}

fn write_event(stream: &mut TcpStream, n: usize, token: &str) {
    write_event_as(stream, &format!("req-{n}"), token);
}

fn write_event_as(stream: &mut TcpStream, request_id: &str, token: &str) {
    let event = token_event(token).to_string();
    let head = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nlambda-runtime-aws-request-id: {request_id}\r\n\
         lambda-runtime-deadline-ms: 4102444800000\r\n\
         lambda-runtime-invoked-function-arn: arn:aws:lambda:us-east-1:123456789012:function:authorizer\r\n\
         lambda-runtime-trace-id: Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1\r\n\
         content-length: {}\r\n\r\n",
        event.len()
    );
    stream.write_all(head.as_bytes()).and_then(|()| stream.write_all(event.as_bytes())).expect("event sent");
}

/// Serves `events` events to the function at the other end of `listener`, closing
/// connections as `close` says, then answers the next `GET` with 500, which makes the
/// function exit. Returns the `POST`s received and how many connections were accepted.
fn scripted_api(listener: &TcpListener, events: usize, close: Close, token: &str) -> (Vec<Received>, usize) {
    let (mut posts, mut connections, mut served) = (Vec::new(), 0, 0);
    loop {
        let (stream, _) = listener.accept().expect("the function connects");
        stream.set_read_timeout(Some(SOON)).expect("timeout set");
        connections += 1;
        let mut writer = stream.try_clone().expect("stream cloned");
        let mut reader = BufReader::new(stream);
        let mut first = true;
        while let Some(request) = read_request(&mut reader) {
            let reused = !std::mem::replace(&mut first, false);
            if request.method == "GET" {
                if close == Close::InsteadOfAnsweringAGet && reused {
                    break;
                }
                if served == events {
                    let _ = writer.write_all(b"HTTP/1.1 500 Internal Server Error\r\ncontent-length: 0\r\n\r\n");
                    return (posts, connections);
                }
                write_event(&mut writer, served, token);
                served += 1;
                if close == Close::WhileInvoked {
                    break;
                }
                if close == Close::LateWhileInvoked {
                    thread::sleep(Duration::from_millis(20));
                    break;
                }
            } else {
                if close == Close::InsteadOfAnsweringAPost && reused {
                    break;
                }
                posts.push(request);
                let (status, body): (_, &[u8]) = if close == Close::RefusesEveryReply {
                    ("400 Bad Request", br#"{"errorMessage":"Invalid request ID","errorType":"InvalidRequestID"}"#)
                } else {
                    ("202 Accepted", br#"{"status":"OK"}"#)
                };
                let connection = if close == Close::AnnouncedAfterReply { "connection: close\r\n" } else { "" };
                let head = format!(
                    "HTTP/1.1 {status}\r\n{connection}content-type: application/json\r\ncontent-length: {}\r\n\r\n",
                    body.len()
                );
                writer.write_all(head.as_bytes()).and_then(|()| writer.write_all(body)).expect("reply sent");
                if matches!(close, Close::SilentlyAfterReply | Close::AnnouncedAfterReply) {
                    break;
                }
            }
        }
        // Dropping both halves closes the connection.
    }
}

/// Runs the TOKEN probe with `token` in every event against the scripted API, and returns
/// what it logged.
fn serves_every_event_when(close: Close, token: &'static str) -> String {
    const EVENTS: usize = 4;
    let listener = TcpListener::bind("127.0.0.1:0").expect("loopback port");
    let endpoint = listener.local_addr().expect("bound").to_string();
    let (done, finished) = mpsc::channel();
    let api = thread::spawn(move || {
        let result = scripted_api(&listener, EVENTS, close, token);
        let _ = done.send(());
        result
    });
    let mut function = token_probe_at(&endpoint);
    let served = finished.recv_timeout(SOON * 2);
    if served.is_err() {
        let _ = function.kill();
    }
    let _ = function.wait();
    let mut logs = String::new();
    function.stdout.take().map(|mut out| out.read_to_string(&mut logs));
    served.unwrap_or_else(|_| panic!("{close:?}: the function did not get through {EVENTS} events"));
    let (posts, connections) = api.join().expect("the scripted API does not panic");

    assert_eq!(posts.len(), EVENTS, "{close:?}: every event answered once");
    for (n, post) in posts.iter().enumerate() {
        assert_eq!(post.path, format!("/2018-06-01/runtime/invocation/req-{n}/response"), "{close:?}");
        let response: Value = serde_json::from_slice(&post.body).expect("JSON");
        assert_eq!(response["policyDocument"]["Statement"][0]["Effect"], "Allow", "{close:?}: {response}");
    }
    if close == Close::RefusesEveryReply {
        assert_eq!(connections, 1, "{close:?}: the connection is kept");
    } else {
        // A connection for every reply (or every event), and none left over.
        assert!(connections > EVENTS, "{close:?}: {connections} connections");
    }
    logs
}

#[test]
fn a_connection_closed_silently_after_a_reply_is_replaced() {
    serves_every_event_when(Close::SilentlyAfterReply, "allow");
}

#[test]
fn a_connection_closed_with_connection_close_is_replaced() {
    serves_every_event_when(Close::AnnouncedAfterReply, "allow");
}

#[test]
fn a_connection_closed_while_the_function_works_is_replaced() {
    serves_every_event_when(Close::WhileInvoked, "allow");
    // The function sleeps 50 ms: the close has surely arrived when it posts its reply.
    serves_every_event_when(Close::WhileInvoked, "slow");
}

#[test]
fn a_reply_the_api_closed_on_without_answering_is_posted_again() {
    serves_every_event_when(Close::InsteadOfAnsweringAPost, "allow");
    serves_every_event_when(Close::LateWhileInvoked, "allow");
}

#[test]
fn a_get_the_api_closed_on_without_answering_is_asked_again() {
    serves_every_event_when(Close::InsteadOfAnsweringAGet, "allow");
}

#[test]
fn a_refused_reply_is_logged_and_the_function_keeps_serving() {
    let logs = serves_every_event_when(Close::RefusesEveryReply, "allow");
    let refused: Vec<&str> = logs.lines().filter(|l| l.contains("the Runtime API refused the reply")).collect();
    assert_eq!(refused.len(), 4, "{logs}");
    assert!(
        refused.iter().all(|l| l.starts_with("ERROR") && l.contains("400") && l.contains("InvalidRequestID")),
        "{logs}"
    );
}

/// Serves one event per request id in `ids`, each with `token`, on the first connection
/// only (never closing it), then answers the next `GET` with 500, which makes the function
/// exit. Returns the paths of the `POST`s received.
fn one_connection_api(listener: TcpListener, ids: Vec<String>, token: &'static str) -> thread::JoinHandle<Vec<String>> {
    thread::spawn(move || {
        let (stream, _) = listener.accept().expect("the function connects");
        stream.set_read_timeout(Some(SOON)).expect("timeout set");
        let mut writer = stream.try_clone().expect("stream cloned");
        let mut reader = BufReader::new(stream);
        let (mut ids, mut paths) = (ids.into_iter(), Vec::new());
        while let Some(request) = read_request(&mut reader) {
            if request.method == "GET" {
                let Some(id) = ids.next() else {
                    let _ = writer.write_all(b"HTTP/1.1 500 Internal Server Error\r\ncontent-length: 0\r\n\r\n");
                    break;
                };
                write_event_as(&mut writer, &id, token);
            } else {
                paths.push(request.path);
                writer.write_all(b"HTTP/1.1 202 Accepted\r\ncontent-length: 0\r\n\r\n").expect("reply sent");
            }
        }
        paths
    })
}

#[test]
fn a_kept_alive_connection_is_reused() {
    const EVENTS: usize = 5;
    let listener = TcpListener::bind("127.0.0.1:0").expect("loopback port");
    let endpoint = listener.local_addr().expect("bound").to_string();
    let api = one_connection_api(listener, (0..EVENTS).map(|n| format!("req-{n}")).collect(), "allow");
    let mut function = token_probe_at(&endpoint);
    let exited = (0..200).find_map(|_| {
        thread::sleep(Duration::from_millis(25));
        function.try_wait().ok().flatten()
    });
    if exited.is_none() {
        let _ = function.kill();
    }
    assert_eq!(api.join().expect("no panic").len(), EVENTS, "all answered on one connection");
    assert!(exited.is_some_and(|status| !status.success()), "a 500 from /next ends the function: {exited:?}");
}

/// A request id is one path segment of the reply's URI, whatever it holds: an id that would
/// read as another path (`abc/response#` turns an error into a success for a client that
/// splices it in) is percent-encoded, so the reply goes to that invocation's own path.
#[test]
fn a_hostile_request_id_cannot_redirect_a_reply() {
    let ids = ["abc/response#", "..", "x?y=1"].map(String::from).to_vec();
    let listener = TcpListener::bind("127.0.0.1:0").expect("loopback port");
    let endpoint = listener.local_addr().expect("bound").to_string();
    // An event the probe fails on: its reply goes to `/error`.
    let api = one_connection_api(listener, ids, "io-error");
    let mut function = token_probe_at(&endpoint);
    let paths = api.join().expect("no panic");
    let _ = function.kill();
    let _ = function.wait();
    assert_eq!(
        paths,
        [
            "/2018-06-01/runtime/invocation/abc%2Fresponse%23/error",
            "/2018-06-01/runtime/invocation/%2E%2E/error",
            "/2018-06-01/runtime/invocation/x%3Fy%3D1/error",
        ]
    );
}
