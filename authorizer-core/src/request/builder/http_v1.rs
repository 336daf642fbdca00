//! [`HttpV1RequestBuilder`]: an HTTP API payload 1.0 event built in code.

use std::fmt;

use super::event_methods;
use super::rest_shape::{Repeated, RestShape, V1, shape_setters};
use crate::HttpV1Request;

/// An HTTP API authorizer event in payload format 1.0, built in code: the
/// [`RestRequestBuilder`](super::RestRequestBuilder)'s fields, plus `version` and the
/// identity values.
///
/// As in AWS's documented 1.0 event, there are no `multiValue*` maps: a header or query
/// parameter given twice has its values joined with commas, as HTTP APIs join them.
///
/// ```
/// use authorizer_core::prelude::*;
/// use authorizer_core::testing;
///
/// fn authorize(request: HttpV1Request) -> Result<Decision, Error> {
///     match request.identity_source() {
///         "Bearer reader,acme" => Ok(Decision::allow("reader").route(Route::get("/pets"))),
///         _ => Err(Unauthorized.into()),
///     }
/// }
///
/// let arn = "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/pets";
/// let builder = HttpV1Request::builder(arn)
///     .bearer_token("reader")
///     .query_param("tenant", "acme")
///     .identity_source(["Bearer reader", "acme"]);
/// let request = builder.build().unwrap();
/// assert_eq!(request.bearer_token(), Some("reader"));
/// assert_eq!(request.identity_source(), "Bearer reader,acme");
/// assert_eq!(testing::invoke(authorize, builder).status(), 200);
/// assert!(authorize(HttpV1Request::builder(arn).build().unwrap()).unwrap_err().is_unauthorized());
/// ```
#[derive(Clone)]
pub struct HttpV1RequestBuilder {
    shape: RestShape,
    identity_source: Option<String>,
}

impl HttpV1Request {
    /// A builder of a payload 1.0 event for `method_arn`, for tests: see
    /// [`HttpV1RequestBuilder`]. A bad ARN is refused by `build`.
    #[must_use]
    pub fn builder(method_arn: impl Into<String>) -> HttpV1RequestBuilder {
        HttpV1RequestBuilder { shape: RestShape::new(method_arn), identity_source: None }
    }
}

impl HttpV1RequestBuilder {
    shape_setters!();

    /// Sets the values of the authorizer's identity sources, in order: the event joins them
    /// with commas, in `identitySource` and `authorizationToken`.
    #[must_use]
    pub fn identity_source<I>(mut self, values: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        let values: Vec<String> = values.into_iter().map(Into::into).collect();
        self.identity_source = Some(values.join(","));
        self
    }

    fn json(&self) -> String {
        self.shape.json(Repeated::Joined, Some(V1 { identity_source: self.identity_source.as_deref() }))
    }
}

event_methods!(HttpV1RequestBuilder => HttpV1Request);

impl fmt::Debug for HttpV1RequestBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpV1RequestBuilder")
            .field("method_arn", &self.shape.common.arn)
            .field("headers", &self.shape.common.headers)
            .field("query", &self.shape.common.query)
            .finish_non_exhaustive()
    }
}
