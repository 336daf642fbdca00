//! Drive an authorizer in-process, in unit tests: an event in, exactly what the deployed
//! function would post to the Lambda Runtime API out, and the status API Gateway would
//! answer for the event's own method ARN.
//!
//! ```
//! use authorizer_core::prelude::*;
//! use authorizer_core::testing;
//!
//! fn authorize(request: TokenRequest) -> Result<Decision, Error> {
//!     match request.token() {
//!         "allow" => Ok(Decision::allow_all("user")),
//!         "deny" => Ok(Decision::deny("user")),
//!         _ => Err(Unauthorized.into()),
//!     }
//! }
//!
//! let arn = "arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets";
//! let event = |token: &str| serde_json::json!({"type": "TOKEN", "authorizationToken": token, "methodArn": arn});
//!
//! let allowed = testing::invoke(authorize, event("allow"));
//! assert_eq!(allowed.status(), 200);
//! assert_eq!(allowed.response().unwrap()["principalId"], "user");
//!
//! assert_eq!(testing::invoke(authorize, event("deny")).status(), 403);
//!
//! let refused = testing::invoke(authorize, event("nope"));
//! assert_eq!(refused.status(), 401);
//! assert_eq!(refused.error().unwrap().error_message, "Unauthorized");
//! ```
//!
//! [`invoke`] runs the authorizer on a runtime of its own; inside an async test
//! (`#[tokio::test]`), await [`invoke_async`] instead.

use serde_json::Value;

use crate::outcome::Authorizer;
use crate::reply::{ErrorReply, ErrorType, Reply};
use crate::{AuthorizerRequest, MethodArn, glob};

/// An event to invoke with: JSON text, bytes, or a `serde_json::Value`.
pub trait Event {
    /// The event's bytes.
    fn into_bytes(self) -> Vec<u8>;
}

impl Event for &str {
    fn into_bytes(self) -> Vec<u8> {
        self.as_bytes().to_vec()
    }
}

impl Event for String {
    fn into_bytes(self) -> Vec<u8> {
        self.into()
    }
}

impl Event for &[u8] {
    fn into_bytes(self) -> Vec<u8> {
        self.to_vec()
    }
}

impl Event for Vec<u8> {
    fn into_bytes(self) -> Vec<u8> {
        self
    }
}

impl Event for Value {
    fn into_bytes(self) -> Vec<u8> {
        self.to_string().into_bytes()
    }
}

impl Event for &Value {
    fn into_bytes(self) -> Vec<u8> {
        self.to_string().into_bytes()
    }
}

/// What one invocation produced.
#[derive(Debug, Clone)]
pub struct Invocation {
    reply: Reply,
    status: u16,
}

impl Invocation {
    /// Exactly what the function posts to the Runtime API.
    #[must_use]
    pub fn reply(&self) -> &Reply {
        &self.reply
    }

    /// The response JSON, when the function succeeded.
    ///
    /// # Panics
    ///
    /// Never for responses the framework wrote: they are always valid JSON.
    #[must_use]
    pub fn response(&self) -> Option<Value> {
        match &self.reply {
            Reply::Response(json) => Some(serde_json::from_str(json).expect("the framework writes valid JSON")),
            Reply::Error(_) => None,
        }
    }

    /// The error posted, when the function failed.
    #[must_use]
    pub fn error(&self) -> Option<&ErrorReply> {
        match &self.reply {
            Reply::Response(_) => None,
            Reply::Error(e) => Some(e),
        }
    }

    /// What API Gateway answers the client for the event's own method ARN: 200 when the
    /// policy allows it (the backend is then called), 403 when it denies it or does not
    /// allow it, 401 for `Unauthorized`, 500 for any other error (AWS-FACTS §3.4).
    #[must_use]
    pub const fn status(&self) -> u16 {
        self.status
    }

    /// What API Gateway answers a request to another method ARN judged by this reply: what
    /// happens when API Gateway serves the caller's next request, to another route, from
    /// its policy cache (AWS-FACTS §4).
    ///
    /// ```
    /// use authorizer_core::prelude::*;
    /// use authorizer_core::testing;
    ///
    /// fn authorize(_: TokenRequest) -> Result<Decision, Error> {
    ///     Ok(Decision::allow("u").routes([Route::get("/pets"), Route::get("/pets/*")]))
    /// }
    ///
    /// let arn = |route: &str| format!("arn:aws:execute-api:us-east-1:123456789012:abc/prod/{route}");
    /// let event = serde_json::json!({"type": "TOKEN", "authorizationToken": "t", "methodArn": arn("GET/pets")});
    /// let first = testing::invoke(authorize, event);
    /// assert_eq!(first.status_for(&arn("GET/pets/7")), 200); // served from the cache: still allowed
    /// assert_eq!(first.status_for(&arn("DELETE/pets/7")), 403);
    /// ```
    ///
    /// # Panics
    ///
    /// When `method_arn` is not an `execute-api` method ARN.
    #[must_use]
    pub fn status_for(&self, method_arn: &str) -> u16 {
        let arn: MethodArn = method_arn.parse().unwrap_or_else(|e| panic!("{method_arn:?}: {e}"));
        gateway_status(&self.reply, &arn)
    }
}

/// Invokes `authorizer` (a function without shared state) with `event`, on a runtime of
/// its own.
///
/// # Panics
///
/// When called inside a Tokio runtime: use [`invoke_async`] there.
pub fn invoke<A, M>(authorizer: A, event: impl Event) -> Invocation
where
    A: Authorizer<M, State = ()>,
{
    invoke_with_state(authorizer, &(), event)
}

/// Invokes `authorizer` with its shared state. The state is `&'static`, as in Lambda,
/// where it lives as long as the process: `Box::leak(Box::new(state))` makes one in a test.
///
/// # Panics
///
/// When called inside a Tokio runtime: use [`invoke_async_with_state`] there.
pub fn invoke_with_state<A, M>(authorizer: A, state: &'static A::State, event: impl Event) -> Invocation
where
    A: Authorizer<M>,
{
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a current-thread Tokio runtime starts");
    runtime.block_on(invoke_async_with_state(authorizer, state, event))
}

/// [`invoke`], from an async test.
pub async fn invoke_async<A, M>(authorizer: A, event: impl Event) -> Invocation
where
    A: Authorizer<M, State = ()>,
{
    invoke_async_with_state(authorizer, &(), event).await
}

/// [`invoke_with_state`], from an async test.
pub async fn invoke_async_with_state<A, M>(authorizer: A, state: &'static A::State, event: impl Event) -> Invocation
where
    A: Authorizer<M>,
{
    let event = event.into_bytes();
    let reply = crate::invoke::invoke(&authorizer, state, &event).await;
    let status = match A::Request::from_event(&event) {
        Ok(request) => gateway_status(&reply, request.method_arn()),
        Err(_) => 500,
    };
    Invocation { reply, status }
}

/// What API Gateway answers a REST client whose request has method ARN `arn`, given what
/// the authorizer posted: 401 for exactly `Unauthorized`, 500 for any other error, and for
/// a response, 200 if its policy allows `arn` and no Deny covers it, 403 otherwise, 500 if
/// it is not a valid policy response (AWS-FACTS §3.4).
///
/// It is how [`Invocation::status`] is computed, and it reads only the posted bytes, so it
/// also judges what a real binary posted.
#[must_use]
pub fn gateway_status(reply: &Reply, arn: &MethodArn) -> u16 {
    match reply {
        Reply::Error(e) if e.error_type == ErrorType::Unauthorized && e.error_message == "Unauthorized" => 401,
        Reply::Error(_) => 500,
        Reply::Response(json) => policy_status(json, arn.as_str()),
    }
}

/// API Gateway's answer for `arn` under an IAM policy response: an explicit Deny wins, then
/// an Allow, else an implicit deny (AWS-FACTS §3.3). A response that is not a valid policy,
/// or whose context holds an object or an array, is a 500.
fn policy_status(response: &str, arn: &str) -> u16 {
    let Ok(Value::Object(response)) = serde_json::from_str::<Value>(response) else {
        return 500;
    };
    if let Some(context) = response.get("context") {
        let flat = context.as_object().is_some_and(|c| c.values().all(|v| !v.is_object() && !v.is_array()));
        if !flat {
            return 500;
        }
    }
    let Some(statements) = response.get("policyDocument").and_then(|d| d.get("Statement")).and_then(Value::as_array)
    else {
        return 500;
    };
    let strings = |v: Option<&Value>| -> Vec<String> {
        match v {
            Some(Value::String(s)) => vec![s.clone()],
            Some(Value::Array(items)) => items.iter().filter_map(|i| i.as_str().map(str::to_owned)).collect(),
            _ => Vec::new(),
        }
    };
    let (mut allowed, mut denied) = (false, false);
    for statement in statements {
        let invokes = strings(statement.get("Action")).iter().any(|a| glob::matches(a, "execute-api:Invoke"));
        let covers = strings(statement.get("Resource")).iter().any(|r| glob::matches(r, arn));
        // A condition cannot be evaluated here: it never makes an Allow match.
        let conditional = statement.get("Condition").is_some();
        if invokes && covers {
            match statement.get("Effect").and_then(Value::as_str) {
                Some("Deny") => denied = true,
                Some("Allow") if !conditional => allowed = true,
                _ => {}
            }
        }
    }
    if denied || !allowed { 403 } else { 200 }
}

#[cfg(test)]
mod tests {
    use super::policy_status;

    const ARN: &str = "arn:aws:execute-api:us-east-1:1:a/prod/GET/pets";

    fn policy(statements: &str) -> String {
        format!(r#"{{"principalId":"u","policyDocument":{{"Version":"2012-10-17","Statement":{statements}}}}}"#)
    }

    #[test]
    fn deny_wins_then_allow_then_implicit_deny() {
        let allow = r#"{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"arn:aws:execute-api:us-east-1:1:a/prod/*/*"}"#;
        let deny = r#"{"Action":["execute-api:Invoke"],"Effect":"Deny","Resource":["arn:aws:execute-api:us-east-1:1:a/prod/GET/pets"]}"#;
        assert_eq!(policy_status(&policy(&format!("[{allow}]")), ARN), 200);
        assert_eq!(policy_status(&policy(&format!("[{allow},{deny}]")), ARN), 403);
        assert_eq!(policy_status(&policy("[]"), ARN), 403);
        let other_action = allow.replace("execute-api:Invoke", "execute-api:InvalidateCache");
        assert_eq!(policy_status(&policy(&format!("[{other_action}]")), ARN), 403);
        let conditional =
            allow.replace(r#""Effect""#, r#""Condition":{"IpAddress":{"aws:SourceIp":"1.2.3.4"}},"Effect""#);
        assert_eq!(policy_status(&policy(&format!("[{conditional}]")), ARN), 403);
    }

    #[test]
    fn invalid_responses_are_500() {
        assert_eq!(policy_status(r#""Unauthorized""#, ARN), 500);
        assert_eq!(policy_status(r#"{"principalId":"u"}"#, ARN), 500);
        let allow = r#"[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"*"}]"#;
        let nested = policy(allow).replace(r#""principalId""#, r#""context":{"a":{"b":1}},"principalId""#);
        assert_eq!(policy_status(&nested, ARN), 500);
        let array = policy(allow).replace(r#""principalId""#, r#""context":{"a":[1]},"principalId""#);
        assert_eq!(policy_status(&array, ARN), 500);
    }
}
