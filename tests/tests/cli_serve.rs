//! `gateway serve`: HTTP on a free loopback port, as API Gateway in front of a stub backend,
//! with a real binary as the authorizer.

mod cli_support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use cli_support::*;
use serde_json::Value;

/// A bound for anything that should happen promptly.
const SOON: Duration = Duration::from_secs(15);

/// A running `gateway serve`, killed when dropped.
struct Server {
    child: Child,
    port: u16,
    lines: mpsc::Receiver<String>,
}

impl Server {
    fn start(args: &[&str]) -> Server {
        let mut child = Command::new(GATEWAY)
            .arg("serve")
            .args(args)
            .args(["--port", "0"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("starting gateway serve");
        let (send, lines) = mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { return };
                if send.send(line).is_err() {
                    return;
                }
            }
        });
        let mut server = Server { child, port: 0, lines };
        let listening = server.next_line_containing("listening on http://127.0.0.1:");
        let port = listening.split("127.0.0.1:").nth(1).and_then(|rest| rest.split(' ').next()).unwrap();
        server.port = port.parse().expect("a port number");
        server.next_line_containing("try: curl");
        server
    }

    #[track_caller]
    fn next_line_containing(&self, needle: &str) -> String {
        loop {
            match self.lines.recv_timeout(SOON) {
                Ok(line) if line.contains(needle) => return line,
                Ok(_) => {}
                Err(e) => panic!("gateway serve printed no line with {needle:?} ({e})"),
            }
        }
    }

    /// The next request's log line.
    #[track_caller]
    fn log_line(&self) -> String {
        self.lines.recv_timeout(SOON).expect("a log line per request")
    }

    /// Sends `method path` with `headers` and returns the status, headers and body.
    fn send(&self, method: &str, path: &str, headers: &[(&str, &str)]) -> (u16, Vec<(String, String)>, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connecting to the gateway");
        stream.set_read_timeout(Some(SOON)).unwrap();
        let mut request = format!("{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
        for (name, value) in headers {
            request.push_str(&format!("{name}: {value}\r\n"));
        }
        request.push_str("Content-Length: 0\r\n\r\n");
        stream.write_all(request.as_bytes()).unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).expect("reading the answer");
        let (head, body) = response.split_once("\r\n\r\n").expect("a complete HTTP response");
        let mut lines = head.lines();
        let status = lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|s| s.parse().ok()).expect("a status");
        let headers = lines
            .filter_map(|l| l.split_once(": "))
            .map(|(name, value)| (name.to_ascii_lowercase(), value.to_owned()))
            .collect();
        (status, headers, body.to_owned())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

#[test]
fn serves_allows_401s_403s_and_the_cache_over_http() {
    let server = Server::start(&["--api", "rest-token", TOKEN_PROBE]);
    let token = format!("Bearer allow.{SECRET}");
    let auth = [("Authorization", token.as_str())];

    let (status, headers, body) = server.send("GET", "/pets/1?expand=owner", &auth);
    assert_eq!(status, 200, "{body}");
    assert_eq!(header(&headers, "content-type"), Some("application/json"));
    let backend: Value = serde_json::from_str(&body).expect("the stub backend answers JSON");
    assert_eq!(backend["method"], "GET");
    assert_eq!(backend["path"], "/pets/1");
    assert_eq!(backend["query"]["expand"], "owner");
    assert_eq!(backend["principalId"], "user");
    assert_eq!(backend["requestContext"]["authorizer"]["principalId"], "user");
    assert_eq!(backend["requestContext"]["authorizer"]["ratio"], "0.5", "REST stringifies context values");
    let line = server.log_line();
    assert!(
        line.starts_with("GET") && line.contains("/pets/1") && line.contains("invoked") && line.contains("200"),
        "{line}"
    );

    // Same token, another route the cached policy covers: cached, 200.
    let (status, _, _) = server.send("GET", "/pets/2", &auth);
    assert_eq!(status, 200);
    assert!(server.log_line().contains("cached"));

    // Same token, a route it does not cover: the cached policy answers 403.
    let (status, headers, body) = server.send("DELETE", "/pets/2", &auth);
    assert_eq!((status, body.as_str()), (403, r#"{"Message":"User is not authorized to access this resource"}"#));
    assert_eq!(header(&headers, "x-amzn-errortype"), Some("AccessDeniedException"));
    let line = server.log_line();
    assert!(line.contains("cached") && line.contains("403") && line.contains("no Allow covers the request"), "{line}");

    // No token: 401 from API Gateway itself.
    let (status, _, body) = server.send("GET", "/pets/1", &[]);
    assert_eq!((status, body.as_str()), (401, r#"{"message":"Unauthorized"}"#));
    assert!(server.log_line().contains("not invoked"));

    // The authorizer's own 401 and 500.
    let unauthorized = format!("Bearer unauthorized.{SECRET}");
    let (status, _, _) = server.send("GET", "/pets/1", &[("Authorization", &unauthorized)]);
    assert_eq!(status, 401);
    let line = server.log_line();
    assert!(line.contains("invoked") && line.contains("the authorizer said Unauthorized"), "{line}");
    let failing = format!("Bearer io-error.{SECRET}");
    let (status, headers, body) = server.send("GET", "/pets/1", &[("Authorization", &failing)]);
    assert_eq!((status, body.as_str()), (500, r#"{"message": null}"#));
    assert_eq!(header(&headers, "x-amzn-errortype"), Some("AuthorizerConfigurationException"));
    let line = server.log_line();
    assert!(!line.contains(SECRET) && !line.contains("allow."), "a log line shows the token: {line}");
}

#[test]
fn a_request_authorizer_checks_its_identity_sources() {
    let server = Server::start(&[
        "--api",
        "rest-request",
        "--identity-source",
        "method.request.header.Authorization",
        "--ttl",
        "0",
        REQUEST_PROBE,
    ]);
    let token = format!("Bearer {SECRET}");
    let (status, _, body) = server.send("GET", "/pets/1", &[("Authorization", &token)]);
    assert_eq!(status, 200, "{body}");
    assert!(server.log_line().contains("invoked"));
    let (status, _, _) = server.send("GET", "/pets/1", &[]);
    assert_eq!(status, 401);
    let line = server.log_line();
    assert!(line.contains("not invoked") && line.contains("method.request.header.Authorization"), "{line}");
    // TTL 0: every request invokes the authorizer.
    let (status, _, _) = server.send("GET", "/pets/1", &[("Authorization", &token)]);
    assert_eq!(status, 200);
    assert!(server.log_line().contains("invoked"));
}
