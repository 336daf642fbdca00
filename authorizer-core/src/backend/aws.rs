//! `aws_lambda_events`' request contexts as context sources (feature `backend`), and so
//! `lambda_http`'s, which are the same types.

use aws_lambda_events::apigw::ApiGatewayRequestAuthorizer;

use super::error::ReadError;
use super::source::{ContextObject, ContextSource, no_context};

/// The `authorizer` of a REST proxy (`ApiGatewayProxyRequestContext`) or WebSocket
/// (`ApiGatewayWebsocketProxyRequestContext`) request context, whose `fields` are every key
/// API Gateway put there (the context's, `principalId`, `integrationLatency`). None (no
/// authorizer: `aws_lambda_events` reads `null` so) is an error, as is a JWT or IAM
/// authorizer's.
impl ContextSource for ApiGatewayRequestAuthorizer {
    fn context_object(&self) -> Result<ContextObject<'_>, ReadError> {
        if self.fields.is_empty() || self.jwt.is_some() || self.iam.is_some() {
            return Err(no_context());
        }
        ContextObject::authorizer(&self.fields)
    }
}

/// The `authorizer` of an HTTP API payload 2.0 request context
/// (`ApiGatewayV2httpRequestContext`), whose `fields` are its `lambda` object: the context
/// as it is. `None` (no authorizer) is an error, as is a JWT or IAM authorizer's.
impl ContextSource for Option<ApiGatewayRequestAuthorizer> {
    fn context_object(&self) -> Result<ContextObject<'_>, ReadError> {
        match self {
            Some(authorizer) if authorizer.jwt.is_none() && authorizer.iam.is_none() => {
                Ok(ContextObject::from_fields(&authorizer.fields))
            }
            _ => Err(no_context()),
        }
    }
}
