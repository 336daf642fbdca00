//! A minimal HTTP/1.1 client on one keep-alive `TcpStream`, to exercise the server byte by byte.

use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::str::FromStr;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use authorizer_local::RuntimeApi;
use serde_json::Value;

/// Longest a read may block before the test fails instead of hanging.
const READ_TIMEOUT: Duration = Duration::from_secs(5);

/// Milliseconds since the Unix epoch.
pub fn epoch_ms() -> u64 {
    let since = SystemTime::now().duration_since(UNIX_EPOCH).expect("clock after 1970");
    u64::try_from(since.as_millis()).expect("fits in u64")
}

/// Whether connecting to `addr` is refused within `timeout`.
pub fn refused_within(addr: SocketAddr, timeout: Duration) -> bool {
    let deadline = Instant::now() + timeout;
    while Instant::now() < deadline {
        if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    false
}

/// A parsed response.
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    /// A header by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(field, _)| field.eq_ignore_ascii_case(name)).map(|(_, value)| value.as_str())
    }

    /// A header that must be there.
    pub fn header_owned(&self, name: &str) -> String {
        match self.header(name) {
            Some(value) => value.to_owned(),
            None => panic!("no {name} header in {:?}", self.headers),
        }
    }

    /// A header that must be there and parse as `T`.
    pub fn header_parsed<T: FromStr>(&self, name: &str) -> T {
        let value = self.header_owned(name);
        match value.parse() {
            Ok(parsed) => parsed,
            Err(_) => panic!("unparsable {name} header: {value:?}"),
        }
    }

    /// The body as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).expect("a JSON body")
    }
}

/// One connection to the server.
pub struct Client {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
}

impl Client {
    pub fn connect(api: &RuntimeApi) -> Client {
        let stream = TcpStream::connect(api.socket_addr()).expect("connecting to the runtime API");
        stream.set_read_timeout(Some(READ_TIMEOUT)).expect("setting a read timeout");
        let writer = stream.try_clone().expect("cloning the stream");
        Client { reader: BufReader::new(stream), writer }
    }

    /// Sends a request with a `Content-Length` body (no header for an empty GET body).
    pub fn send(&mut self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) {
        let mut head = format!("{method} {path} HTTP/1.1\r\nHost: localhost\r\n");
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        if method != "GET" || !body.is_empty() {
            head.push_str(&format!("Content-Length: {}\r\n", body.len()));
        }
        head.push_str("\r\n");
        self.send_raw(head.as_bytes());
        self.send_raw(body);
    }

    /// Writes bytes as they are.
    pub fn send_raw(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("writing to the server");
        self.writer.flush().expect("flushing to the server");
    }

    /// Sends a request and reads its reply.
    pub fn request(&mut self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
        self.send(method, path, headers, body);
        self.read_reply()
    }

    /// Reads one response; the server is expected to send `Content-Length`.
    pub fn read_reply(&mut self) -> Reply {
        let status_line = self.read_line();
        let status = status_line
            .split(' ')
            .nth(1)
            .and_then(|code| code.parse().ok())
            .unwrap_or_else(|| panic!("bad status line {status_line:?}"));
        let mut headers = Vec::new();
        loop {
            let line = self.read_line();
            if line.is_empty() {
                break;
            }
            let (name, value) = line.split_once(':').unwrap_or_else(|| panic!("bad header line {line:?}"));
            headers.push((name.to_owned(), value.trim().to_owned()));
        }
        let mut reply = Reply { status, headers, body: Vec::new() };
        let length: usize = reply.header_parsed("content-length");
        reply.body.resize(length, 0);
        self.reader.read_exact(&mut reply.body).expect("reading the response body");
        reply
    }

    /// Whether the server has sent anything (or closed) that was not read yet; never blocks.
    pub fn has_data(&mut self) -> bool {
        if !self.reader.buffer().is_empty() {
            return true;
        }
        let stream = self.reader.get_ref();
        stream.set_nonblocking(true).expect("non-blocking mode");
        let mut byte = [0; 1];
        let peeked = stream.peek(&mut byte);
        stream.set_nonblocking(false).expect("blocking mode");
        match peeked {
            Ok(_) => true,
            Err(error) if error.kind() == ErrorKind::WouldBlock => false,
            Err(error) => panic!("peeking at the connection: {error}"),
        }
    }

    fn read_line(&mut self) -> String {
        let mut line = String::new();
        let read = self.reader.read_line(&mut line).expect("reading from the server (timed out?)");
        assert!(read > 0, "the server closed the connection");
        line.trim_end_matches(['\r', '\n']).to_owned()
    }
}
