//! `aws_lambda_events`' request contexts as context sources (feature `backend`), and so
//! `lambda_http`'s, which are the same types.

use aws_lambda_events::apigw::ApiGatewayRequestAuthorizer;

use super::error::ReadError;
use super::source::{ContextObject, ContextSource};

/// The `authorizer` of a REST proxy (`ApiGatewayProxyRequestContext`) or WebSocket
/// (`ApiGatewayWebsocketProxyRequestContext`) request context, whose `fields` are every key
/// API Gateway put there (the context's, `principalId`, `integrationLatency`).
impl ContextSource for ApiGatewayRequestAuthorizer {
    fn context_object(&self) -> Result<ContextObject<'_>, ReadError> {
        Ok(ContextObject::authorizer(&self.fields))
    }
}

/// The `authorizer` of an HTTP API payload 2.0 request context
/// (`ApiGatewayV2httpRequestContext`), whose `fields` are its `lambda` object: the context
/// as it is. `None` (no authorizer) has no keys.
impl ContextSource for Option<ApiGatewayRequestAuthorizer> {
    fn context_object(&self) -> Result<ContextObject<'_>, ReadError> {
        Ok(self.as_ref().map_or_else(ContextObject::empty, |authorizer| ContextObject::from_fields(&authorizer.fields)))
    }
}
