//! A client's HTTP request to the local gateway.

/// A request as a client sends it to the API: method, path, headers and query string.
///
/// ```
/// use authorizer_core::gateway::Request;
///
/// let request = Request::get("/pets/7").header("Authorization", "Bearer t-1").query("expand", "owner");
/// assert_eq!(request.method(), "GET");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    method: String,
    path: String,
    headers: Vec<(String, String)>,
    query: Vec<(String, String)>,
}

impl Request {
    /// A request with any method (upper-cased), e.g. `Request::new("PATCH", "/pets/7")`.
    /// A path without a leading `/` gets one.
    #[must_use]
    pub fn new(method: &str, path: &str) -> Self {
        let path = if path.starts_with('/') { path.to_owned() } else { format!("/{path}") };
        Self { method: method.to_ascii_uppercase(), path, headers: Vec::new(), query: Vec::new() }
    }

    /// `GET path`.
    #[must_use]
    pub fn get(path: &str) -> Self {
        Self::new("GET", path)
    }

    /// `POST path`.
    #[must_use]
    pub fn post(path: &str) -> Self {
        Self::new("POST", path)
    }

    /// `PUT path`.
    #[must_use]
    pub fn put(path: &str) -> Self {
        Self::new("PUT", path)
    }

    /// `DELETE path`.
    #[must_use]
    pub fn delete(path: &str) -> Self {
        Self::new("DELETE", path)
    }

    /// Adds a header (a repeated name is sent twice).
    #[must_use]
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Adds a query-string parameter (a repeated name is sent twice).
    #[must_use]
    pub fn query(mut self, name: &str, value: &str) -> Self {
        self.query.push((name.to_owned(), value.to_owned()));
        self
    }

    /// The method, upper case.
    #[must_use]
    pub fn method(&self) -> &str {
        &self.method
    }

    /// The path, with its leading `/`.
    #[must_use]
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The headers, in order.
    #[must_use]
    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    /// The query-string parameters, in order.
    #[must_use]
    pub fn query_params(&self) -> &[(String, String)] {
        &self.query
    }

    /// The last value of header `name` (case-insensitive).
    #[must_use]
    pub fn header_value(&self, name: &str) -> Option<&str> {
        self.headers.iter().rev().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The last value of query parameter `name` (case-sensitive).
    #[must_use]
    pub fn query_value(&self, name: &str) -> Option<&str> {
        self.query.iter().rev().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}
