//! [`RestRequestBuilder`]: a REST API `REQUEST` event built in code.

use std::fmt;

use super::event_methods;
use super::rest_shape::{Repeated, RestShape, shape_setters};
use crate::RestRequest;

/// A REST API `REQUEST` event, built in code.
///
/// The path and the HTTP method are the method ARN's unless set, the resource is the path,
/// and the request context holds the ARN's account, API id and stage. As REST sends them, a
/// header or query parameter given twice is in `multiValueHeaders` or
/// `multiValueQueryStringParameters` with all its values, and in `headers` or
/// `queryStringParameters` with its last one.
///
/// ```
/// use authorizer_core::prelude::*;
/// use authorizer_core::testing;
///
/// fn authorize(request: RestRequest) -> Result<Decision, Error> {
///     match (request.header("x-api-client"), request.query_param("tenant")) {
///         (Some("mobile"), Some(tenant)) => Ok(Decision::allow(tenant).route(Route::get("/pets/*"))),
///         _ => Err(Unauthorized.into()),
///     }
/// }
///
/// let arn = "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/pets/7";
/// let builder = RestRequest::builder(arn)
///     .header("X-Api-Client", "mobile")
///     .query_param("tenant", "acme")
///     .resource("/pets/{id}")
///     .path_parameter("id", "7");
/// let request = builder.build().unwrap();
/// assert_eq!((request.path(), request.http_method()), ("/pets/7", "GET"));
/// assert_eq!(request.path_parameter("id"), Some("7"));
/// let invocation = testing::invoke(authorize, builder);
/// assert_eq!(invocation.status(), 200);
/// assert_eq!(invocation.response().unwrap()["principalId"], "acme");
///
/// let anonymous = RestRequest::builder(arn).build().unwrap();
/// assert!(authorize(anonymous).unwrap_err().is_unauthorized());
///
/// // The same checks as decoding a real event:
/// let error = RestRequest::builder("arn:aws:execute-api:us-east-1:123456789012:abc123/prod/$connect").build();
/// assert!(error.unwrap_err().to_string().contains("`methodArn` is"));
/// ```
#[derive(Clone)]
pub struct RestRequestBuilder {
    shape: RestShape,
}

impl RestRequest {
    /// A builder of a `REQUEST` event for `method_arn`, for tests: see
    /// [`RestRequestBuilder`]. A bad ARN is refused by `build`.
    #[must_use]
    pub fn builder(method_arn: impl Into<String>) -> RestRequestBuilder {
        RestRequestBuilder { shape: RestShape::new(method_arn) }
    }
}

impl RestRequestBuilder {
    shape_setters!();

    fn json(&self) -> String {
        self.shape.json(Repeated::LastAndMultiValue, None)
    }
}

event_methods!(RestRequestBuilder => RestRequest);

impl fmt::Debug for RestRequestBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RestRequestBuilder")
            .field("method_arn", &self.shape.common.arn)
            .field("headers", &self.shape.common.headers)
            .field("query", &self.shape.common.query)
            .finish_non_exhaustive()
    }
}
