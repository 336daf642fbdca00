//! [`WebSocketRequestBuilder`]: a WebSocket `$connect` event built in code.

use std::fmt;

use serde::Serialize;
use serde_json::Value;

use super::common::{Common, common_setters, context_json, overlay, set};
use super::event_methods;
use super::pairs::Grouped;
use crate::{WebSocketArn, WebSocketRequest, WebSocketRequestContext};

/// A WebSocket `$connect` authorizer event, built in code. The route key is the method
/// ARN's last segment (`.../$connect`); there is no path.
///
/// The request context holds the ARN's API id, stage and route key, the event type
/// `CONNECT` and the message direction `IN`. As WebSocket APIs send them, a header or query
/// parameter given twice is in `multiValueHeaders` or `multiValueQueryStringParameters`
/// with all its values, and in `headers` or `queryStringParameters` with its last one.
///
/// ```
/// use authorizer_core::prelude::*;
/// use authorizer_core::testing;
///
/// fn authorize(request: WebSocketRequest) -> Result<Decision, Error> {
///     match request.query_param("token") {
///         Some("t-1") => Ok(Decision::allow_request("user-1")),
///         _ => Err(Unauthorized.into()),
///     }
/// }
///
/// let arn = "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/$connect";
/// let builder = WebSocketRequest::builder(arn).query_param("token", "t-1").connection_id("c-9");
/// let request = builder.build().unwrap();
/// assert_eq!((request.route_key(), request.connection_id()), ("$connect", Some("c-9")));
/// assert_eq!(testing::invoke(authorize, builder).status(), 200);
/// assert!(authorize(WebSocketRequest::builder(arn).build().unwrap()).unwrap_err().is_unauthorized());
/// ```
#[derive(Clone)]
pub struct WebSocketRequestBuilder {
    common: Common,
    connection_id: Option<String>,
    event_type: Option<String>,
    api_key: Option<String>,
    context: Option<WebSocketRequestContext>,
}

impl WebSocketRequest {
    /// A builder of a `$connect` event for `method_arn`, for tests: see
    /// [`WebSocketRequestBuilder`]. A bad ARN is refused by `build`.
    #[must_use]
    pub fn builder(method_arn: impl Into<String>) -> WebSocketRequestBuilder {
        WebSocketRequestBuilder {
            common: Common::new(method_arn),
            connection_id: None,
            event_type: None,
            api_key: None,
            context: None,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Event<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    method_arn: &'a str,
    headers: Grouped<'a>,
    multi_value_headers: Grouped<'a>,
    query_string_parameters: Grouped<'a>,
    multi_value_query_string_parameters: Grouped<'a>,
    stage_variables: Grouped<'a>,
    request_context: Value,
}

impl WebSocketRequestBuilder {
    common_setters!(common, "Authorization");

    /// Sets the connection's id (`requestContext.connectionId`).
    #[must_use]
    pub fn connection_id(mut self, id: impl Into<String>) -> Self {
        self.connection_id = Some(id.into());
        self
    }

    /// Sets the event type (`requestContext.eventType`; by default `CONNECT`).
    #[must_use]
    pub fn event_type(mut self, event_type: impl Into<String>) -> Self {
        self.event_type = Some(event_type.into());
        self
    }

    /// Sets the API key (`requestContext.identity.apiKey`).
    #[must_use]
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = Some(key.into());
        self
    }

    /// Sets the whole request context. Without it, the context holds the ARN's API id,
    /// stage and route key, the event type and the message direction; the values set with
    /// the other methods go into either.
    #[must_use]
    pub fn request_context(mut self, context: WebSocketRequestContext) -> Self {
        self.context = Some(context);
        self
    }

    fn json(&self) -> String {
        let mut context = match &self.context {
            Some(context) => context_json(context),
            None => {
                let mut context = context_json(&WebSocketRequestContext::default());
                if let Ok(arn) = WebSocketArn::parse(self.common.arn.as_str()) {
                    set(&mut context, &["apiId"], arn.api_id());
                    set(&mut context, &["stage"], arn.stage());
                    set(&mut context, &["routeKey"], arn.route_key());
                }
                set(&mut context, &["eventType"], "CONNECT");
                set(&mut context, &["messageDirection"], "IN");
                context
            }
        };
        overlay(
            &mut context,
            &[
                (&["connectionId"][..], self.connection_id.as_deref()),
                (&["eventType"], self.event_type.as_deref()),
                (&["identity", "sourceIp"], self.common.source_ip.as_deref()),
                (&["identity", "apiKey"], self.api_key.as_deref()),
            ],
        );
        super::to_json(&Event {
            kind: "REQUEST",
            method_arn: &self.common.arn,
            headers: self.common.headers.last(),
            multi_value_headers: self.common.headers.all(),
            query_string_parameters: self.common.query.last(),
            multi_value_query_string_parameters: self.common.query.all(),
            stage_variables: self.common.stage_variables.last(),
            request_context: context,
        })
    }
}

event_methods!(WebSocketRequestBuilder => WebSocketRequest);

impl fmt::Debug for WebSocketRequestBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebSocketRequestBuilder")
            .field("method_arn", &self.common.arn)
            .field("headers", &self.common.headers)
            .field("query", &self.common.query)
            .finish_non_exhaustive()
    }
}
