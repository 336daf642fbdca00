//! A [`Decision`] rendered as the response API Gateway expects for the request's kind: an
//! IAM policy ([authorizer output][output]) or an HTTP API simple response ([HTTP API
//! authorizers][http]).
//!
//! [output]: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html
//! [http]: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html

use std::borrow::Cow;
use std::fmt;

use super::ContextError;
use super::json;
use crate::model::{Decision, RequestArn, Route, RouteError, wildcard};

/// How API Gateway would judge the request that was authorized, under the response sent
/// (for the log line; [`Judgement`](crate::testing::Judgement) is the whole judgement).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// An allowed route covers the request and no denied one does: the backend is called.
    Allowed,
    /// A denied route covers the request: 403 "... with an explicit deny".
    ExplicitDeny,
    /// No route covers the request: 403.
    ImplicitDeny,
}

/// A decision that cannot become a valid response. The invocation fails (500): nothing is
/// allowed by accident.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecisionError {
    /// A route is invalid or its resource ARN is too long.
    Route(RouteError),
    /// A context value cannot be JSON.
    Context(ContextError),
    /// `usage_identifier_key` is set, but HTTP APIs have no usage plans.
    UsageKeyNotSupported,
}

impl fmt::Display for DecisionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Route(e) => write!(f, "invalid decision: {e}"),
            Self::Context(e) => write!(f, "invalid decision: {e}"),
            Self::UsageKeyNotSupported => f.write_str(
                "invalid decision: `usage_identifier_key` is set, but only REST and WebSocket APIs have usage plans",
            ),
        }
    }
}

impl std::error::Error for DecisionError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Route(e) => Some(e),
            Self::Context(e) => Some(e),
            Self::UsageKeyNotSupported => None,
        }
    }
}

/// The response format API Gateway expects from an authorizer of one kind.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// An IAM policy; `usage_key`: whether `usageIdentifierKey` may be sent (REST, WebSocket).
    Iam { usage_key: bool },
    /// HTTP API payload 2.0 with simple responses: `{"isAuthorized": .., "context": ..}`.
    Simple,
}

/// One policy statement: its resource ARNs, written once and matched against the request.
/// A resource that is the request's own ARN is borrowed from it.
struct Statement<'a> {
    resources: Vec<Cow<'a, str>>,
}

impl<'a> Statement<'a> {
    fn build(routes: &[Route], arn: RequestArn<'a>, allow: bool) -> Result<Self, RouteError> {
        let mut resources = Vec::with_capacity(routes.len());
        for route in routes {
            let start = resources.len();
            route.write_resources(arn, allow, &mut resources)?;
            // Each resource once, where it first appears.
            let mut i = start;
            while i < resources.len() {
                if resources[..i].contains(&resources[i]) {
                    resources.remove(i);
                } else {
                    i += 1;
                }
            }
        }
        Ok(Self { resources })
    }

    fn covers(&self, arn: RequestArn<'_>) -> bool {
        self.resources.iter().any(|r| wildcard::matches(r, arn.as_str()))
    }

    fn write(&self, effect: &str, buf: &mut Vec<u8>) {
        buf.extend_from_slice(br#"{"Action":"execute-api:Invoke","Effect":""#);
        buf.extend_from_slice(effect.as_bytes());
        buf.extend_from_slice(br#"","Resource":"#);
        // One resource as a string, as AWS's samples send it; several as an array.
        if let [one] = self.resources.as_slice() {
            json::write_str(buf, one);
        } else {
            buf.push(b'[');
            for (i, resource) in self.resources.iter().enumerate() {
                if i > 0 {
                    buf.push(b',');
                }
                json::write_str(buf, resource);
            }
            buf.push(b']');
        }
        buf.push(b'}');
    }
}

/// Writes `decision` in `format` for the request of `arn` into `buf` (cleared first), with
/// the context written by `write_context`, and says how API Gateway would judge that
/// request.
///
/// A decision with no routes at all becomes an explicit Deny of the whole stage: an empty
/// policy is not a documented response.
pub(crate) fn write_response<C>(
    decision: &Decision<C>,
    arn: RequestArn<'_>,
    format: Format,
    write_context: fn(&C, &mut Vec<u8>) -> Result<bool, ContextError>,
    buf: &mut Vec<u8>,
) -> Result<Verdict, DecisionError> {
    buf.clear();
    let allow = Statement::build(&decision.allow, arn, true).map_err(DecisionError::Route)?;
    let mut deny = Statement::build(&decision.deny, arn, false).map_err(DecisionError::Route)?;
    if allow.resources.is_empty() && deny.resources.is_empty() {
        // Without the principal: it may be a credential, and only the invocation, which logs
        // the verdict next, knows the request's credentials to mask them.
        tracing::warn!("the decision allows no route; denying every route");
        deny = Statement::build(&[Route::everything()], arn, false).map_err(DecisionError::Route)?;
    }
    let verdict = if deny.covers(arn) {
        Verdict::ExplicitDeny
    } else if allow.covers(arn) {
        Verdict::Allowed
    } else {
        Verdict::ImplicitDeny
    };

    match format {
        Format::Iam { usage_key } => {
            if decision.usage_identifier_key.is_some() && !usage_key {
                return Err(DecisionError::UsageKeyNotSupported);
            }
            buf.extend_from_slice(br#"{"principalId":"#);
            json::write_str(buf, &decision.principal_id);
            buf.extend_from_slice(br#","policyDocument":{"Version":"2012-10-17","Statement":["#);
            if !allow.resources.is_empty() {
                allow.write("Allow", buf);
            }
            if !deny.resources.is_empty() {
                if !allow.resources.is_empty() {
                    buf.push(b',');
                }
                deny.write("Deny", buf);
            }
            buf.extend_from_slice(b"]}");
        }
        Format::Simple => {
            if decision.usage_identifier_key.is_some() {
                return Err(DecisionError::UsageKeyNotSupported);
            }
            buf.extend_from_slice(if verdict == Verdict::Allowed {
                br#"{"isAuthorized":true"#
            } else {
                br#"{"isAuthorized":false"#
            });
        }
    }
    if let Some(context) = &decision.context {
        let mark = buf.len();
        buf.extend_from_slice(br#","context":"#);
        if !write_context(context, buf).map_err(DecisionError::Context)? {
            buf.truncate(mark);
        }
    }
    if let Some(key) = &decision.usage_identifier_key {
        buf.extend_from_slice(br#","usageIdentifierKey":"#);
        json::write_str(buf, key);
    }
    buf.push(b'}');
    Ok(verdict)
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;
    use crate::model::{MethodArn, Route};
    use crate::wire::Context;

    const ARN: &str = "arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets/1";
    const P: &str = "arn:aws:execute-api:us-east-1:123456789012:abc/prod/";
    const IAM: Format = Format::Iam { usage_key: true };

    fn write<C: Context>(d: &Decision<C>, format: Format) -> Result<(Value, Verdict), DecisionError> {
        let arn: MethodArn = ARN.parse().unwrap();
        let mut buf = Vec::new();
        let verdict = write_response(d, RequestArn::Method(&arn), format, crate::wire::write_flat::<C>, &mut buf)?;
        Ok((serde_json::from_slice(&buf).unwrap(), verdict))
    }

    fn render<C: Context>(d: &Decision<C>) -> (Value, Verdict) {
        write(d, IAM).unwrap()
    }

    #[test]
    fn allow_with_routes_and_denies() {
        let d: Decision = Decision::allow("u")
            .routes([Route::get("/pets/*"), Route::post("/pets"), Route::get("/pets/*")])
            .deny_routes([Route::delete("/*")]);
        let (v, verdict) = render(&d);
        assert_eq!(verdict, Verdict::Allowed);
        assert_eq!(
            v,
            json!({"principalId": "u", "policyDocument": {"Version": "2012-10-17", "Statement": [
                {"Action": "execute-api:Invoke", "Effect": "Allow", "Resource": [format!("{P}GET/pets/*"), format!("{P}POST/pets")]},
                {"Action": "execute-api:Invoke", "Effect": "Deny", "Resource": format!("{P}DELETE/*")},
            ]}})
        );
    }

    #[test]
    fn verdict_follows_api_gateway_precedence() {
        let d: Decision = Decision::allow_all("u").deny_routes([Route::get("/pets/*")]);
        assert_eq!(render(&d).1, Verdict::ExplicitDeny);
        let d: Decision = Decision::allow("u").route(Route::post("/pets"));
        assert_eq!(render(&d).1, Verdict::ImplicitDeny);
        let d: Decision = Decision::deny("u");
        assert_eq!(render(&d).1, Verdict::ExplicitDeny);
    }

    #[test]
    fn no_routes_is_an_explicit_deny_of_everything() {
        let (v, verdict) = render::<()>(&Decision::allow("u"));
        assert_eq!(verdict, Verdict::ExplicitDeny);
        assert_eq!(
            v["policyDocument"]["Statement"],
            json!([{"Action": "execute-api:Invoke", "Effect": "Deny", "Resource": format!("{P}*/*")}])
        );
    }

    #[test]
    fn optional_fields_are_left_out_not_null() {
        let (v, _) = render::<()>(&Decision::allow_all("u").context(()));
        let keys: Vec<_> = v.as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys, ["policyDocument", "principalId"]);
        let (v, _) = render::<()>(&Decision::allow_all("u").usage_identifier_key("k"));
        assert_eq!(v["usageIdentifierKey"], "k");
    }

    #[test]
    fn simple_responses_judge_the_request_itself() {
        let allowed: Decision = Decision::allow("u").route(Route::get("/pets/*"));
        assert_eq!(write(&allowed, Format::Simple).unwrap().0, json!({"isAuthorized": true}));
        let elsewhere: Decision = Decision::allow("u").route(Route::post("/pets"));
        assert_eq!(write(&elsewhere, Format::Simple).unwrap().0, json!({"isAuthorized": false}));
        let denied: Decision = Decision::allow_all("u").deny_routes([Route::get("/pets/1")]);
        assert_eq!(write(&denied, Format::Simple).unwrap().0, json!({"isAuthorized": false}));
    }

    #[test]
    fn usage_keys_only_where_api_gateway_reads_them() {
        let d: Decision = Decision::allow_all("u").usage_identifier_key("k");
        for format in [Format::Simple, Format::Iam { usage_key: false }] {
            assert_eq!(write(&d, format).unwrap_err(), DecisionError::UsageKeyNotSupported);
        }
    }

    #[test]
    fn route_errors_fail_the_decision() {
        let d: Decision = Decision::allow("u").route(Route::get("/users/{id}").bind("id", "*"));
        let err = write(&d, IAM).unwrap_err();
        assert!(matches!(err, DecisionError::Route(RouteError::InvalidValue { .. })), "{err}");
    }
}
