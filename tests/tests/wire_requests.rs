//! The framework's requests to the Runtime API are, byte for byte, those of
//! `lambda_runtime_api_client` (the transport of `lambda_runtime`) used as the framework used
//! it before it kept its own connection: request line, headers and their order, body.

mod e2e_support;

use std::future::Future;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::thread;

use e2e_support::{SOON, token_event, token_probe_at};
use http_body_util::BodyExt;
use lambda_runtime_api_client::body::Body;
use lambda_runtime_api_client::{PooledClient, build_request};

const INVOCATION_ID: &str = "6f5cbd2f-0e8a-4d7e-9a3c-1c2b3d4e5f60";

/// A request as it came: its head's lines, in order, and its body.
#[derive(Debug, PartialEq, Eq)]
struct RawRequest {
    head: Vec<String>,
    body: Vec<u8>,
}

fn read_raw(reader: &mut BufReader<TcpStream>) -> RawRequest {
    let (mut head, mut length) = (Vec::new(), 0);
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).expect("a request line");
        let line = line.trim_end().to_owned();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().expect("a length");
        }
        head.push(line);
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).expect("the body");
    RawRequest { head, body }
}

/// Serves one event (with `token`) on one connection and records the `GET` and the reply,
/// then answers the next `GET` with 500, which ends the framework.
fn record(listener: &TcpListener, token: &str) -> (RawRequest, RawRequest) {
    let (stream, _) = listener.accept().expect("a connection");
    stream.set_read_timeout(Some(SOON)).expect("timeout set");
    let mut writer = stream.try_clone().expect("stream cloned");
    let mut reader = BufReader::new(stream);
    let get = read_raw(&mut reader);
    let event = token_event(token).to_string();
    let head = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nlambda-runtime-aws-request-id: req-0\r\n\
         lambda-runtime-invocation-id: {INVOCATION_ID}\r\nlambda-runtime-deadline-ms: 4102444800000\r\n\
         content-length: {}\r\n\r\n{event}",
        event.len()
    );
    writer.write_all(head.as_bytes()).expect("event sent");
    let reply = read_raw(&mut reader);
    writer.write_all(b"HTTP/1.1 202 Accepted\r\ncontent-length: 0\r\n\r\n").expect("answered");
    // The framework's next `GET`, if it is the framework: end it.
    if another_request(&mut reader) {
        let _ = writer.write_all(b"HTTP/1.1 500 Internal Server Error\r\ncontent-length: 0\r\n\r\n");
    }
    (get, reply)
}

/// Whether another request came (it is read and dropped).
fn another_request(reader: &mut BufReader<TcpStream>) -> bool {
    reader.fill_buf().is_ok_and(|b| !b.is_empty()) && !read_raw(reader).head.is_empty()
}

fn run<F: Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime").block_on(future)
}

/// What `lambda_runtime_api_client` sends for the same exchange: `GET /next`, then the
/// reply the framework posted (its path, error type and body), with `content-type`, the
/// error type and the invocation id, in that order.
fn reference(listener: &TcpListener, framework_reply: &RawRequest) -> (RawRequest, RawRequest) {
    let endpoint = format!("http://{}", listener.local_addr().expect("bound")).parse().expect("a URI");
    let line = &framework_reply.head[0];
    let path = line.split_whitespace().nth(1).expect("a path").to_owned();
    let error_type = framework_reply
        .head
        .iter()
        .find_map(|h| h.strip_prefix("lambda-runtime-function-error-type: "))
        .map(str::to_owned);
    let body = framework_reply.body.clone();
    let client_side = thread::spawn(move || {
        run(async {
            let client = PooledClient::builder().with_endpoint(endpoint).build();
            let get = build_request().method("GET").uri("/2018-06-01/runtime/invocation/next");
            let next = client.call(get.body(Body::empty()).expect("a request")).await.expect("GET next");
            next.into_body().collect().await.expect("the event");
            let mut post = build_request().method("POST").uri(path).header("content-type", "application/json");
            if let Some(error_type) = error_type {
                post = post.header("lambda-runtime-function-error-type", error_type);
            }
            post = post.header("lambda-runtime-invocation-id", INVOCATION_ID);
            let posted = client.call(post.body(Body::from(body)).expect("a request")).await.expect("POST");
            posted.into_body().collect().await.expect("the answer");
        });
    });
    let recorded = record(listener, "unused");
    client_side.join().expect("the client finishes");
    recorded
}

fn framework(listener: &TcpListener, token: &str) -> (RawRequest, RawRequest) {
    let endpoint = listener.local_addr().expect("bound").to_string();
    let mut function = token_probe_at(&endpoint);
    let recorded = record(listener, token);
    let _ = function.kill();
    let _ = function.wait();
    recorded
}

#[test]
fn requests_are_those_of_lambda_runtime_api_client() {
    for token in ["allow", "unauthorized"] {
        let listener = TcpListener::bind("127.0.0.1:0").expect("loopback port");
        let (get, reply) = framework(&listener, token);
        let (expected_get, expected_reply) = reference(&listener, &reply);
        assert_eq!(get, expected_get, "{token}: GET /next");
        assert_eq!(reply, expected_reply, "{token}: the reply");
        let error_type = reply.head.iter().any(|h| h.starts_with("lambda-runtime-function-error-type: "));
        assert_eq!(error_type, token == "unauthorized", "{token}: {:?}", reply.head);
        assert!(reply.head.iter().any(|h| h == &format!("lambda-runtime-invocation-id: {INVOCATION_ID}")));
    }
}
