//! REST API `TOKEN` authorizer events ([authorizer input][input]).
//!
//! [input]: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-input.html

use std::fmt;

use serde::Deserialize;

use super::{ApiKind, AuthorizerRequest, EventError, Text, bearer, expect_type, flat_context, method_arn, sealed};
use crate::model::{MethodArn, RequestArn};
use crate::wire::Format;

const KIND: &str = "REST TOKEN";

/// A REST API `TOKEN` authorizer event: `{"type":"TOKEN","authorizationToken":..,"methodArn":..}`.
///
/// `authorizationToken` is the raw value of the token-source header: API Gateway does not
/// strip `Bearer ` (use [`TokenRequest::bearer_token`]). The event has no headers, path or
/// request context ([authorizer input][input]).
///
/// `Debug` never shows the token.
///
/// [input]: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-input.html
#[derive(Clone, PartialEq, Eq)]
pub struct TokenRequest {
    token: String,
    method_arn: MethodArn,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Wire<'a> {
    #[serde(rename = "type", borrow)]
    kind: Option<Text<'a>>,
    authorization_token: Option<String>,
    method_arn: Option<String>,
}

impl TokenRequest {
    /// A request as API Gateway would send it, for tests (as
    /// [`TokenRequest::builder`]`(method_arn).token(token).build()`).
    ///
    /// # Errors
    ///
    /// When `method_arn` is not an `execute-api` method ARN.
    pub fn new(token: impl Into<String>, method_arn: &str) -> Result<Self, crate::model::ArnError> {
        Ok(Self { token: token.into(), method_arn: method_arn.parse()? })
    }

    /// The raw `authorizationToken`, exactly as the client sent it.
    #[must_use]
    pub fn token(&self) -> &str {
        &self.token
    }

    /// The token of a `Bearer <token>` value (scheme in any case), or `None`.
    #[must_use]
    pub fn bearer_token(&self) -> Option<&str> {
        bearer(&self.token)
    }

    /// The ARN of the method being called.
    #[must_use]
    pub fn method_arn(&self) -> &MethodArn {
        &self.method_arn
    }
}

impl sealed::Sealed for TokenRequest {}

flat_context!(TokenRequest);

impl AuthorizerRequest for TokenRequest {
    const KIND: &'static str = KIND;

    fn from_event(event: &[u8]) -> Result<Self, EventError> {
        let wire: Wire<'_> = serde_json::from_slice(event).map_err(|e| EventError::json(KIND, &e))?;
        expect_type(KIND, "TOKEN", wire.kind.as_deref())?;
        let token = wire.authorization_token.ok_or_else(|| EventError::new(KIND, "`authorizationToken` is missing"))?;
        let method_arn = method_arn(KIND, wire.method_arn)?;
        Ok(Self { token, method_arn })
    }

    fn arn(&self) -> RequestArn<'_> {
        RequestArn::Method(&self.method_arn)
    }

    fn api(&self) -> ApiKind {
        ApiKind::Rest
    }

    fn format(&self) -> Format {
        Format::Iam { usage_key: true }
    }

    fn for_each_secret(&self, f: &mut dyn FnMut(&str)) {
        f(&self.token);
    }
}

impl fmt::Debug for TokenRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenRequest").field("token", &"<redacted>").field("method_arn", &self.method_arn).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The developer guide's TOKEN event has this ARN with stage `*`, which no API sends: a
    /// stage of its own here, and the `*` is refused below.
    const ARN: &str = "arn:aws:execute-api:us-west-2:123456789012:ymy8tbxw7b/dev/GET/";

    fn decode(json: &str) -> Result<TokenRequest, EventError> {
        TokenRequest::from_event(json.as_bytes())
    }

    #[test]
    fn decodes_the_documented_event() {
        let r = decode(&format!(r#"{{"type":"TOKEN","authorizationToken":"allow","methodArn":"{ARN}"}}"#)).unwrap();
        assert_eq!(r.token(), "allow");
        assert_eq!(r.bearer_token(), None);
        assert_eq!(r.method_arn().as_str(), ARN);
    }

    #[test]
    fn refuses_wildcards_before_the_path() {
        for arn in [
            "arn:aws:execute-api:us-west-2:123456789012:ymy8tbxw7b/*/GET/",
            "arn:aws:execute-api:*:*:*/*/GET/pets",
            "arn:aws:execute-api:us-west-2:123456789012:ymy8tbxw7b/dev/G*/",
            "arn:aws-:execute-api:us-west-2:123456789012:ymy8tbxw7b/dev/GET/",
        ] {
            let err = decode(&format!(r#"{{"type":"TOKEN","authorizationToken":"allow","methodArn":"{arn}"}}"#))
                .unwrap_err()
                .to_string();
            assert!(err.contains("`methodArn` is not an execute-api ARN"), "{arn}: {err}");
        }
    }

    #[test]
    fn refuses_anything_else_without_echoing_values() {
        let cases = [
            (String::from("not json"), "not valid JSON"),
            (String::from(r#"{"type":"TOKEN""#), "truncated"),
            (String::from("[]"), "wrong type"),
            (format!(r#"{{"type":"TOKEN","methodArn":"{ARN}"}}"#), "`authorizationToken` is missing"),
            (String::from(r#"{"type":"TOKEN","authorizationToken":"s3cret"}"#), "`methodArn` is missing"),
            (
                format!(r#"{{"type":"REQUEST","authorizationToken":"s3cret","methodArn":"{ARN}"}}"#),
                "`type` is not `TOKEN`",
            ),
            (format!(r#"{{"authorizationToken":"s3cret","methodArn":"{ARN}"}}"#), "`type` is missing"),
            (
                String::from(r#"{"type":"TOKEN","authorizationToken":"s3cret","methodArn":"arn:aws:s3:::b"}"#),
                "`methodArn` is not an execute-api",
            ),
            (format!(r#"{{"type":"TOKEN","authorizationToken":12345678,"methodArn":"{ARN}"}}"#), "wrong type"),
            (
                format!(
                    r#"{{"type":"TOKEN","authorizationToken":"s3cret","authorizationToken":"s3cret2","methodArn":"{ARN}"}}"#
                ),
                "a key appears twice",
            ),
        ];
        for (json, needle) in cases {
            let err = decode(&json).unwrap_err().to_string();
            assert!(err.contains(needle), "{json}: {err}");
            assert!(err.starts_with("not a valid REST TOKEN authorizer event"), "{err}");
            assert!(!err.contains("s3cret") && !err.contains("12345678"), "{err}");
        }
    }

    #[test]
    fn unknown_fields_are_ignored_and_debug_hides_the_token() {
        let r = decode(&format!(
            r#"{{"type":"TOKEN","authorizationToken":"Bearer s3cret","methodArn":"{ARN}","extra":{{"a":1}}}}"#
        ))
        .unwrap();
        assert_eq!(r.bearer_token(), Some("s3cret"));
        assert!(!format!("{r:?}").contains("s3cret"));
    }
}
