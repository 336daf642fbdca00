//! The runtime API's routes, and the log of requests the server received.

use std::fmt;

/// The API version prefix every runtime API path starts with.
pub const BASE_PATH: &str = "/2018-06-01";

/// Path of the long-polling `next` endpoint.
pub const NEXT_PATH: &str = "/2018-06-01/runtime/invocation/next";

/// Path of the initialization error endpoint.
pub const INIT_ERROR_PATH: &str = "/2018-06-01/runtime/init/error";

/// Header with which a function names the type of the error it reports.
pub const ERROR_TYPE_HEADER: &str = "Lambda-Runtime-Function-Error-Type";

/// What a request asks of the runtime API, decided from its method and path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Endpoint {
    /// `GET /runtime/invocation/next`: wait for the next event.
    Next,
    /// `POST /runtime/invocation/{id}/response`: the invocation's result.
    Response(String),
    /// `POST /runtime/invocation/{id}/error`: the invocation failed.
    Error(String),
    /// `POST /runtime/init/error`: the function could not initialize.
    InitError,
    /// Anything else; the server answers 404.
    Unknown,
}

impl Endpoint {
    /// Routes a request line. A query string is ignored, as Lambda does.
    pub fn parse(method: &str, path: &str) -> Endpoint {
        let path = path.split_once('?').map_or(path, |(path, _query)| path);
        let Some(route) = path.strip_prefix(BASE_PATH).and_then(|rest| rest.strip_prefix("/runtime/")) else {
            return Endpoint::Unknown;
        };
        let segments: Vec<&str> = route.split('/').collect();
        match (method, segments.as_slice()) {
            ("GET", ["invocation", "next"]) => Endpoint::Next,
            ("POST", ["init", "error"]) => Endpoint::InitError,
            ("POST", ["invocation", id, "response"]) if !id.is_empty() => Endpoint::Response((*id).to_owned()),
            ("POST", ["invocation", id, "error"]) if !id.is_empty() => Endpoint::Error((*id).to_owned()),
            _ => Endpoint::Unknown,
        }
    }
}

/// One request line the server received: method and path (with any query), in arrival order.
///
/// Displays as `GET /2018-06-01/runtime/invocation/next`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedRequest {
    /// The HTTP method, e.g. `GET`.
    pub method: String,
    /// The request target as sent, e.g. `/2018-06-01/runtime/invocation/next`.
    pub path: String,
}

impl RecordedRequest {
    /// Which endpoint this request was routed to.
    pub fn endpoint(&self) -> Endpoint {
        Endpoint::parse(&self.method, &self.path)
    }
}

impl fmt::Display for RecordedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method, self.path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_the_four_endpoints() {
        let invocation = "/2018-06-01/runtime/invocation";
        assert_eq!(Endpoint::parse("GET", NEXT_PATH), Endpoint::Next);
        assert_eq!(Endpoint::parse("POST", INIT_ERROR_PATH), Endpoint::InitError);
        assert_eq!(Endpoint::parse("POST", &format!("{invocation}/abc/response")), Endpoint::Response("abc".into()));
        assert_eq!(Endpoint::parse("POST", &format!("{invocation}/abc/error?x=1")), Endpoint::Error("abc".into()));
    }

    #[test]
    fn anything_else_is_unknown() {
        for (method, path) in [
            ("POST", NEXT_PATH),
            ("GET", INIT_ERROR_PATH),
            ("GET", "/2018-06-01/runtime/invocation/abc/response"),
            ("POST", "/2018-06-01/runtime/invocation//response"),
            ("POST", "/2018-06-01/runtime/invocation/a/b/response"),
            ("GET", "/2020-01-01/runtime/invocation/next"),
            ("GET", "/"),
        ] {
            assert_eq!(Endpoint::parse(method, path), Endpoint::Unknown, "{method} {path}");
        }
    }
}
