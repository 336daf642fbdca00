//! The server, driven by the client of `lambda_runtime` (the baseline's, and most Rust Lambda
//! functions'): `lambda_runtime_api_client` (hyper 1, pooled HTTP/1.1 keep-alive connections).

use std::future::Future;
use std::thread;
use std::time::Duration;

use authorizer_local::{ERROR_TYPE_HEADER, INIT_ERROR_PATH, NEXT_PATH, RuntimeApi};
use http_body_util::BodyExt;
use hyper::body::Bytes;
use lambda_runtime_api_client::body::Body;
use lambda_runtime_api_client::{PooledClient, build_request};
use serde_json::json;

/// Bound for anything that should happen promptly.
const SOON: Duration = Duration::from_secs(5);

/// Runs `future` to completion on a fresh single-threaded runtime, failing after [`SOON`].
fn run<F: Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("building a tokio runtime")
        .block_on(async { tokio::time::timeout(SOON, future).await.expect("the client did not finish in time") })
}

fn client(api: &RuntimeApi) -> PooledClient {
    let endpoint = format!("http://{}", api.addr()).parse().expect("a valid URI");
    PooledClient::builder().with_endpoint(endpoint).build()
}

fn request(method: &str, path: &str, body: Body) -> hyper::Request<Body> {
    build_request().method(method).uri(path).body(body).expect("a valid request")
}

#[test]
fn the_real_client_fetches_an_event_and_posts_a_response() {
    let api = RuntimeApi::builder().invoke_timeout(SOON).start();
    thread::scope(|scope| {
        let invoker = scope.spawn(|| api.invoke_json(&json!({"authorizationToken": "t"})));
        let (request_id, trace_id) = run(async {
            let client = client(&api);
            let next = client.call(request("GET", NEXT_PATH, Body::empty())).await.expect("GET next");
            assert_eq!(next.status(), 200);
            let header = |name: &str| {
                let value = next.headers().get(name);
                let value = value.unwrap_or_else(|| panic!("no {name} header"));
                value.to_str().expect("ASCII header").to_owned()
            };
            let (request_id, trace_id) = (header("lambda-runtime-aws-request-id"), header("lambda-runtime-trace-id"));
            let event = next.into_body().collect().await.expect("event body");
            assert_eq!(event.to_bytes().as_ref(), br#"{"authorizationToken":"t"}"#);

            let path = format!("/2018-06-01/runtime/invocation/{request_id}/response");
            let posted = client
                .call(request("POST", &path, Body::from(r#"{"principalId":"me"}"#)))
                .await
                .expect("POST response");
            assert_eq!(posted.status(), 202);
            (request_id, trace_id)
        });
        let invocation = invoker.join().expect("invoke panicked");
        assert_eq!(invocation.request_id, request_id);
        assert_eq!(invocation.trace_id, trace_id);
        assert_eq!(invocation.expect_response(), &json!({"principalId": "me"}));
    });
}

#[test]
fn the_real_client_can_stream_a_chunked_error() {
    let api = RuntimeApi::builder().invoke_timeout(SOON).start();
    thread::scope(|scope| {
        let invoker = scope.spawn(|| api.invoke(b"{}"));
        run(async {
            let client = client(&api);
            let next = client.call(request("GET", NEXT_PATH, Body::empty())).await.expect("GET next");
            let id = next.headers()["lambda-runtime-aws-request-id"].to_str().expect("ASCII header").to_owned();
            next.into_body().collect().await.expect("event body");

            // A body of unknown length goes out with `Transfer-Encoding: chunked`.
            let (mut sender, body) = Body::channel();
            let mut post = request("POST", &format!("/2018-06-01/runtime/invocation/{id}/error"), body);
            post.headers_mut().insert(ERROR_TYPE_HEADER, "Runtime.Panic".parse().expect("header value"));
            let feeder = tokio::spawn(async move {
                for part in [r#"{"errorType":"#, r#""Runtime.Panic","#, r#""errorMessage":"boom"}"#] {
                    sender.send_data(Bytes::from_static(part.as_bytes())).await.expect("sending a chunk");
                }
            });
            let posted = client.call(post).await.expect("POST error");
            assert_eq!(posted.status(), 202);
            feeder.await.expect("feeder task");
        });
        let invocation = invoker.join().expect("invoke panicked");
        let (error_type, body) = invocation.expect_error();
        assert_eq!(error_type, Some("Runtime.Panic"));
        assert_eq!(body, &json!({"errorType": "Runtime.Panic", "errorMessage": "boom"}));
        assert_eq!(invocation.header("transfer-encoding"), Some("chunked"));
    });
}

/// Events of several KiB, which `tiny_http` sent in two writes that Nagle's algorithm held
/// ~40 ms apart, arrive whole, invocation after invocation on the same pooled connections.
/// (That they arrive promptly is a matter of `TCP_NODELAY`, checked where sockets are accepted:
/// tests here assert no timings.)
#[test]
fn the_real_client_fetches_large_events_whole() {
    const INVOCATIONS: usize = 20;
    let api = RuntimeApi::builder().invoke_timeout(SOON).start();
    let events: Vec<String> =
        (0..INVOCATIONS).map(|n| format!("{{\"n\":{n},\"pad\":\"{}\"}}", "x".repeat(8192))).collect();
    thread::scope(|scope| {
        let invoker = scope.spawn(|| events.iter().map(|event| api.invoke(event.as_bytes())).collect::<Vec<_>>());
        run(async {
            let client = client(&api);
            for event in &events {
                let next = client.call(request("GET", NEXT_PATH, Body::empty())).await.expect("GET next");
                let length = next.headers()["content-length"].to_str().expect("ASCII header").to_owned();
                assert_eq!(length, event.len().to_string());
                let id = next.headers()["lambda-runtime-aws-request-id"].to_str().expect("ASCII header").to_owned();
                let body = next.into_body().collect().await.expect("event body").to_bytes();
                assert_eq!(body.as_ref(), event.as_bytes());
                let path = format!("/2018-06-01/runtime/invocation/{id}/response");
                let posted = client.call(request("POST", &path, Body::from(body))).await.expect("POST response");
                assert_eq!(posted.status(), 202);
            }
        });
        let invocations = invoker.join().expect("invoke panicked");
        for (invocation, event) in invocations.iter().zip(&events) {
            assert_eq!(invocation.raw_body, event.as_bytes(), "the function's echo of the event");
        }
    });
}

#[test]
fn a_held_next_does_not_block_the_real_clients_other_requests() {
    let api = RuntimeApi::start();
    run(async {
        let client = client(&api);
        let held = tokio::spawn(client.call(request("GET", NEXT_PATH, Body::empty())));
        while !api.wait_for_poll(Duration::ZERO) {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        // The pool must open a second connection for this while the first is held.
        let body = r#"{"errorType":"Runtime.InitError","errorMessage":"no config"}"#;
        let mut post = request("POST", INIT_ERROR_PATH, Body::from(body));
        post.headers_mut().insert(ERROR_TYPE_HEADER, "Runtime.InitError".parse().expect("header value"));
        let posted = client.call(post).await.expect("POST init/error");
        assert_eq!(posted.status(), 202);
        assert!(!held.is_finished(), "next was answered without an event");
    });
    let init = api.init_error(Duration::ZERO).expect("init error recorded");
    assert_eq!(init.error_type_header.as_deref(), Some("Runtime.InitError"));
    assert_eq!(init.body["errorMessage"], "no config");
}
