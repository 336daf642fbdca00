//! [`TokenRequestBuilder`]: a REST API `TOKEN` event built in code.

use std::fmt;

use serde::Serialize;

use super::event_methods;
use crate::TokenRequest;

/// A REST API `TOKEN` event, built in code: `{"type": "TOKEN", "authorizationToken": ..,
/// "methodArn": ..}`. The token is empty until [`token`](Self::token) or
/// [`bearer_token`](Self::bearer_token) sets it.
///
/// ```
/// use authorizer_core::prelude::*;
/// use authorizer_core::testing;
///
/// fn authorize(request: TokenRequest) -> Result<Decision, Error> {
///     match request.bearer_token() {
///         Some("reader") => Ok(Decision::allow("reader").route(Route::get("/pets"))),
///         _ => Err(Unauthorized.into()),
///     }
/// }
///
/// let arn = "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/pets";
/// let request = TokenRequest::builder(arn).bearer_token("reader").build().unwrap();
/// assert_eq!(request.token(), "Bearer reader");
/// assert!(authorize(request).is_ok());
///
/// // The builder is also an event: the status API Gateway would answer.
/// assert_eq!(testing::invoke(authorize, TokenRequest::builder(arn).bearer_token("reader")).status(), 200);
/// assert!(authorize(TokenRequest::builder(arn).token("reader").build().unwrap()).unwrap_err().is_unauthorized());
/// ```
#[derive(Clone)]
pub struct TokenRequestBuilder {
    method_arn: String,
    token: String,
}

impl TokenRequest {
    /// A builder of a `TOKEN` event for `method_arn`, for tests: see
    /// [`TokenRequestBuilder`]. A bad ARN is refused by `build`.
    #[must_use]
    pub fn builder(method_arn: impl Into<String>) -> TokenRequestBuilder {
        TokenRequestBuilder { method_arn: method_arn.into(), token: String::new() }
    }
}

impl TokenRequestBuilder {
    /// Sets the raw `authorizationToken`, the value of the token-source header.
    #[must_use]
    pub fn token(mut self, token: impl Into<String>) -> Self {
        self.token = token.into();
        self
    }

    /// Sets the `authorizationToken` to `Bearer <token>`.
    #[must_use]
    pub fn bearer_token(self, token: impl fmt::Display) -> Self {
        self.token(format!("Bearer {token}"))
    }

    fn json(&self) -> String {
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Event<'a> {
            #[serde(rename = "type")]
            kind: &'static str,
            authorization_token: &'a str,
            method_arn: &'a str,
        }
        super::to_json(&Event { kind: "TOKEN", authorization_token: &self.token, method_arn: &self.method_arn })
    }
}

event_methods!(TokenRequestBuilder => TokenRequest);

impl fmt::Debug for TokenRequestBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenRequestBuilder").field("method_arn", &self.method_arn).finish_non_exhaustive()
    }
}
