//! `authorizer-local serve`: HTTP on a free loopback port, as API Gateway in front of a stub backend,
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

/// A running `authorizer-local serve`, killed when dropped.
struct Server {
    child: Child,
    port: u16,
    /// What it printed before it listened: what it is, and what to try.
    banner: Vec<String>,
    lines: mpsc::Receiver<String>,
}

impl Server {
    fn start(args: &[&str]) -> Server {
        let mut child = Command::new(COMMAND)
            .arg("serve")
            .args(args)
            .args(["--port", "0"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("starting authorizer-local serve");
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
        let mut server = Server { child, port: 0, banner: Vec::new(), lines };
        let listening = loop {
            let line = server.lines.recv_timeout(SOON).expect("authorizer-local serve says where it listens");
            if line.starts_with("listening on http://127.0.0.1:") {
                break line;
            }
            server.banner.push(line);
        };
        let port = listening.split("127.0.0.1:").nth(1).and_then(|rest| rest.split(' ').next()).unwrap();
        server.port = port.parse().expect("a port number");
        assert!(server.banner.iter().any(|l| l.starts_with("try: curl")), "{:#?}", server.banner);
        // The path is left to the user: only the binary knows which routes it allows.
        let tries = server.banner.iter().filter(|l| l.starts_with("try: curl"));
        assert!(tries.clone().all(|l| l.contains(&format!("127.0.0.1:{port}/<path>"))), "{:#?}", server.banner);
        server
    }

    /// The tokens of the banner's `try: curl -i -H 'Authorization: Bearer <token>' ...` lines.
    fn tokens(&self) -> Vec<String> {
        let token = |line: &String| Some(line.split("Bearer ").nth(1)?.split('\'').next()?.to_owned());
        self.banner.iter().filter(|l| l.starts_with("try: curl")).filter_map(token).collect()
    }

    /// The next request's log line.
    #[track_caller]
    fn log_line(&self) -> String {
        self.lines.recv_timeout(SOON).expect("a log line per request")
    }

    /// Sends `method path` with `headers` and returns the status, headers and body.
    fn send(&self, method: &str, path: &str, headers: &[(&str, &str)]) -> (u16, Vec<(String, String)>, String) {
        send(self.port, method, path, headers)
    }
}

/// Sends `method path` with `headers` to the server on `port`, and returns the status, headers
/// and body.
fn send(port: u16, method: &str, path: &str, headers: &[(&str, &str)]) -> (u16, Vec<(String, String)>, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connecting to the gateway");
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
    let server = Server::start(&["--api", "rest-token", token_probe()]);
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
        request_probe(),
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

#[test]
fn with_a_local_issuer_it_prints_curl_commands_with_tokens_the_authorizer_accepts() {
    let reader = r#"{"sub":"u-1","scope":"pets:read"}"#;
    let writer = r#"{"sub":"u-2","scope":"pets:write"}"#;
    let server = Server::start(&[
        "--api",
        "rest-token",
        "--local-issuer",
        "--token-claims",
        reader,
        "--token-claims",
        writer,
        jwt_oidc(),
    ]);
    let banner = server.banner.join("\n");
    assert!(banner.contains("local issuer http://127.0.0.1:") && banner.contains("JWT_AUDIENCE=local-api"), "{banner}");
    let tokens = server.tokens();
    assert_eq!(tokens.len(), 2, "{banner}");
    assert!(banner.contains(r#"# {"scope":"pets:read","sub":"u-1"}"#), "each token says its claims: {banner}");
    assert!(tokens.iter().all(|t| t.starts_with("eyJ") && t.split('.').count() == 3), "JWTs: {tokens:?}");

    let bearer = |token: &str| format!("Bearer {token}");
    let (status, _, body) = server.send("GET", "/pets", &[("Authorization", &bearer(&tokens[0]))]);
    assert_eq!(status, 200, "{body}");
    let backend: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        backend["requestContext"]["authorizer"],
        serde_json::json!({"principalId": "u-1", "sub": "u-1", "scope": "pets:read"})
    );
    let (status, _, _) = server.send("POST", "/pets", &[("Authorization", &bearer(&tokens[0]))]);
    assert_eq!(status, 403, "pets:read does not allow POST /pets");
    let (status, _, _) = server.send("POST", "/pets", &[("Authorization", &bearer(&tokens[1]))]);
    assert_eq!(status, 200, "pets:write does");
    let (status, _, body) = server.send("GET", "/pets", &[("Authorization", "Bearer garbage.not.a-jwt")]);
    assert_eq!((status, body.as_str()), (401, r#"{"message":"Unauthorized"}"#));
    for expected in ["invoked      200", "cached       403", "invoked      200", "invoked      401"] {
        let line = server.log_line();
        assert!(line.contains(expected), "{line}");
        assert!(!tokens.iter().any(|t| line.contains(&t[..20])), "a log line shows a token: {line}");
    }
}

#[test]
fn the_default_token_is_a_readers() {
    let server = Server::start(&["--api", "rest-token", "--local-issuer", jwt_oidc()]);
    let tokens = server.tokens();
    assert_eq!(tokens.len(), 1, "{:#?}", server.banner);
    let (status, _, body) = server.send("GET", "/pets", &[("Authorization", &format!("Bearer {}", tokens[0]))]);
    assert_eq!(status, 200, "{body}");
    assert!(body.contains(r#""principalId": "u-1""#), "{body}");
}

/// Several clients at once, one of them holding a connection open without finishing its
/// request: every other one gets its answer. Connections are served concurrently; the gateway
/// (one authorizer process, as in Lambda) takes their requests one at a time.
#[test]
fn answers_several_clients_at_once() {
    const CLIENTS: usize = 8;
    let server = Server::start(&["--api", "rest-token", token_probe()]);
    let mut idle = TcpStream::connect(("127.0.0.1", server.port)).expect("connecting to the gateway");
    idle.write_all(b"GET /pets/1 HTTP/1.1\r\nHost: localhost\r\n").unwrap();
    let barrier = std::sync::Barrier::new(CLIENTS);
    let statuses: Vec<u16> = thread::scope(|scope| {
        let clients: Vec<_> = (0..CLIENTS)
            .map(|i| {
                let (port, barrier) = (server.port, &barrier);
                scope.spawn(move || {
                    let token = format!("Bearer allow.{SECRET}-{i}");
                    barrier.wait();
                    send(port, "GET", &format!("/pets/{i}"), &[("Authorization", &token)]).0
                })
            })
            .collect();
        clients.into_iter().map(|client| client.join().expect("a client")).collect()
    });
    assert_eq!(statuses, [200; CLIENTS]);
    let lines: Vec<String> = (0..CLIENTS).map(|_| server.log_line()).collect();
    assert!(lines.iter().all(|l| l.contains("invoked") && l.contains("200")), "{lines:#?}");
    // The idle client is still served once it finishes its request.
    idle.set_read_timeout(Some(SOON)).unwrap();
    idle.write_all(format!("Authorization: Bearer allow.{SECRET}\r\nConnection: close\r\n\r\n").as_bytes()).unwrap();
    let mut response = String::new();
    idle.read_to_string(&mut response).expect("reading the answer");
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
}

/// The state of process `pid` (`R`, `S`, `Z`...), if it exists.
#[cfg(target_os = "linux")]
fn process_state(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat.rsplit_once(") ")?.1.chars().next()
}

/// The processes whose parent is `parent`.
#[cfg(target_os = "linux")]
fn children(parent: u32) -> Vec<u32> {
    let parent_of = |pid: u32| -> Option<u32> {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        stat.rsplit_once(") ")?.1.split(' ').nth(1)?.parse().ok()
    };
    std::fs::read_dir("/proc")
        .expect("reading /proc")
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|&pid| parent_of(pid) == Some(parent))
        .collect()
}

/// Ctrl-C (SIGINT, here to the server alone, not its process group) stops it cleanly: it says
/// so, exits with 0, and has killed and reaped the authorizer process before it exits.
#[cfg(target_os = "linux")]
#[test]
fn ctrl_c_stops_the_server_and_the_authorizer() {
    let mut server = Server::start(&["--api", "rest-token", token_probe()]);
    let (status, _, _) = server.send("GET", "/pets/1", &[("Authorization", &format!("Bearer allow.{SECRET}"))]);
    assert_eq!(status, 200);
    server.log_line();
    let authorizers = children(server.child.id());
    assert_eq!(authorizers.len(), 1, "one authorizer process: {authorizers:?}");
    let authorizer = authorizers[0];

    let sent = Command::new("kill").args(["-INT", &server.child.id().to_string()]).status().expect("running kill");
    assert!(sent.success());
    let code = wait_bounded(&mut server.child, SOON);
    assert_eq!(code, Some(0), "serve exits with 0 on Ctrl-C");
    assert!(server.log_line().starts_with("SIGINT: stopping"));
    // Reaped by the server: gone. (Had the server died first, it would still run, or be a
    // zombie until init reaped it.)
    assert_eq!(process_state(authorizer), None, "the authorizer process {authorizer} is left");
}
