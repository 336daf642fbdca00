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
    resource: Option<String>,
}

impl Request {
    /// A request with any method (upper-cased), e.g. `Request::new("PATCH", "/pets/7")`.
    /// A path without a leading `/` gets one.
    #[must_use]
    pub fn new(method: &str, path: &str) -> Self {
        let path = if path.starts_with('/') { path.to_owned() } else { format!("/{path}") };
        Self { method: method.to_ascii_uppercase(), path, headers: Vec::new(), query: Vec::new(), resource: None }
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

    /// The template of the API's resource (REST) or route (HTTP API) that the request
    /// matches, such as `/pets/{id}` or `/files/{proxy+}`; without it, the concrete path.
    /// API Gateway sends the template as a REST event's `resource` and
    /// `requestContext.resourcePath`, with the placeholders' values as `pathParameters`,
    /// and an HTTP API's route key is the method and the template (`GET /pets/{id}`). As
    /// identity sources (`context.resourcePath`, `$context.routeKey`), they make requests to
    /// `/pets/1` and `/pets/2` share one cached answer ([REST][use], [HTTP APIs][http]). A template
    /// without a leading `/` gets one.
    ///
    /// ```
    /// use authorizer_core::gateway::Request;
    ///
    /// let request = Request::get("/pets/7").resource("/pets/{id}");
    /// assert_eq!((request.path(), request.resource_path()), ("/pets/7", "/pets/{id}"));
    /// assert_eq!(Request::get("/pets/7").resource_path(), "/pets/7");
    /// ```
    ///
    /// [use]: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html
    /// [http]: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html
    #[must_use]
    pub fn resource(mut self, template: &str) -> Self {
        self.resource = Some(if template.starts_with('/') { template.to_owned() } else { format!("/{template}") });
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

    /// The resource template given with [`Request::resource`], else the path.
    #[must_use]
    pub fn resource_path(&self) -> &str {
        self.resource.as_deref().unwrap_or(&self.path)
    }

    /// The placeholders of the resource template with their values in the path, as API
    /// Gateway's `pathParameters`: `{id}` takes one segment, `{name+}` the rest of the path.
    /// Empty without a template, or when the path does not fit it.
    pub(crate) fn path_parameters(&self) -> Vec<(String, String)> {
        let Some(template) = &self.resource else { return Vec::new() };
        let mut parameters = Vec::new();
        let mut path = self.path.split('/');
        for part in template.split('/') {
            let Some(name) = part.strip_prefix('{').and_then(|p| p.strip_suffix('}')) else {
                if path.next() != Some(part) {
                    return Vec::new();
                }
                continue;
            };
            if let Some(greedy) = name.strip_suffix('+') {
                let rest: Vec<&str> = path.by_ref().collect();
                if rest.is_empty() || rest.concat().is_empty() {
                    return Vec::new();
                }
                parameters.push((greedy.to_owned(), rest.join("/")));
            } else {
                match path.next() {
                    Some(value) if !value.is_empty() => parameters.push((name.to_owned(), value.to_owned())),
                    _ => return Vec::new(),
                }
            }
        }
        if path.next().is_some() {
            return Vec::new();
        }
        parameters
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
