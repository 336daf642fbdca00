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
//! Every request type has a builder, which is also an [`Event`]: `RestRequest::builder(arn)`
//! and its kin ([`builder`](crate::builder)); [`sample`] has AWS's documented example event
//! of each kind as one.
//!
//! [`invoke`] runs the authorizer on a runtime of its own; inside an async test
//! (`#[tokio::test]`), await [`invoke_async`] instead.
//!
//! [`evaluate`] is API Gateway's whole judgement of a posted reply (the [`Judgement`], what
//! the client gets and what the backend sees); it judges any authorizer's reply, not only
//! one built with this crate.

use std::fmt;
use std::future::Future;

use serde_json::Value;

use crate::model::{MethodArn, WebSocketArn};
use crate::request::{ApiKind, AuthorizerRequest};
use crate::runtime::{Authorizer, LambdaContext};
use crate::wire::{ErrorReply, Reply};

pub use crate::judge::{
    BackendView, ClientAnswer, Evaluation, Judgement, MAX_METHOD_ARN_LEN, evaluate, evaluate_error,
};
#[cfg(feature = "jwt")]
pub use crate::jwt::local_issuer::{LOCAL_AUDIENCE, LocalIssuer};
pub use crate::request::EventKind;

pub mod sample;

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
///
/// `Debug` shows the reply with the value of `usageIdentifierKey` (an API key) and the
/// context's values as `..`, as [`Decision`](crate::Decision)'s does; [`Invocation::reply`]
/// gives them.
#[derive(Clone)]
pub struct Invocation {
    reply: Reply,
    status: u16,
    api: Option<ApiKind>,
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
    /// allow it, 401 for `Unauthorized`, 500 for any other error ([calling an API][use]).
    ///
    /// [use]: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html
    #[must_use]
    pub const fn status(&self) -> u16 {
        self.status
    }

    /// What API Gateway answers a request to another method ARN judged by this reply: what
    /// happens when API Gateway serves the caller's next request, to another route, from
    /// its policy cache ([caching][caching]).
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
    ///
    /// [caching]: https://docs.aws.amazon.com/apigateway/latest/developerguide/configure-api-gateway-lambda-authorization.html
    #[must_use]
    pub fn status_for(&self, method_arn: &str) -> u16 {
        if let Err(e) =
            method_arn.parse::<MethodArn>().map(drop).or_else(|_| method_arn.parse::<WebSocketArn>().map(drop))
        {
            panic!("{method_arn:?}: {e}");
        }
        gateway_status(&self.reply, method_arn, self.api.unwrap_or(ApiKind::Rest))
    }
}

impl fmt::Debug for Invocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Invocation")
            .field("reply", &ShownReply(&self.reply))
            .field("status", &self.status)
            .field("api", &self.api)
            .finish()
    }
}

/// A reply for `Debug`: a response's usage identifier key and context values as `..`.
struct ShownReply<'a>(&'a Reply);

impl fmt::Debug for ShownReply<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Reply::Error(e) => f.debug_tuple("Error").field(e).finish(),
            Reply::Response(json) => {
                let Ok(Value::Object(mut response)) = serde_json::from_str::<Value>(json) else {
                    return f.debug_tuple("Response").field(&"..").finish();
                };
                if let Some(key) = response.get_mut("usageIdentifierKey") {
                    *key = Value::from("..");
                }
                if let Some(Value::Object(context)) = response.get_mut("context") {
                    context.values_mut().for_each(|v| *v = Value::from(".."));
                }
                f.debug_tuple("Response").field(&format_args!("{}", Value::Object(response))).finish()
            }
        }
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

/// Invokes `authorizer` with its shared state.
///
/// The state is `&'static`, as in Lambda, where it lives as long as the process: an
/// [`Authorizer`] lends it to the function as `&'static`, and the function's future may keep
/// it (in a spawned task, say), so no shorter borrow can be lent safely. In a test, make one
/// with `Box::leak(Box::new(state))` (it lives until the test process ends), or use a
/// `static`:
///
/// ```
/// use authorizer_core::prelude::*;
/// use authorizer_core::testing;
///
/// struct Keys(Vec<String>);
///
/// fn authorize(request: TokenRequest, keys: &Keys) -> Result<Decision, Error> {
///     match request.bearer_token() {
///         Some(key) if keys.0.iter().any(|k| k == key) => Ok(Decision::allow_request("client")),
///         _ => Err(Unauthorized.into()),
///     }
/// }
///
/// let keys: &'static Keys = Box::leak(Box::new(Keys(vec!["k-1".into()])));
/// let arn = "arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets";
/// let request = |token: &str| TokenRequest::builder(arn).bearer_token(token);
/// assert_eq!(testing::invoke_with_state(authorize, keys, request("k-1")).status(), 200);
/// assert_eq!(testing::invoke_with_state(authorize, keys, request("k-2")).status(), 401);
/// ```
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

/// [`invoke_with_state`], from an async test. The state is `&'static` for the same reason.
pub async fn invoke_async_with_state<A, M>(authorizer: A, state: &'static A::State, event: impl Event) -> Invocation
where
    A: Authorizer<M>,
{
    let event = event.into_bytes();
    let context = LambdaContext::new(crate::runtime::TEST_REQUEST_ID);
    let reply = crate::runtime::invoke(&authorizer, state, &event, &context).await;
    let (status, api) = match A::Request::from_event(&event) {
        Ok(request) => (gateway_status(&reply, request.arn().as_str(), request.api()), Some(request.api())),
        Err(_) => (500, None),
    };
    Invocation { reply, status, api }
}

/// One invocation and nothing else: the event's bytes in, what the deployed function posts
/// out, with no copy of the event, no status judged and no runtime; the future is polled
/// once, so an async authorizer that waits on anything gives `None`.
///
/// Exists for benchmarks of the per-event work; tests want [`invoke`], which also says
/// what API Gateway answers. The state is `&'static`, as for [`invoke_with_state`].
#[doc(hidden)]
pub fn reply_now<A, M>(authorizer: &A, state: &'static A::State, event: &[u8]) -> Option<Reply>
where
    A: Authorizer<M>,
{
    let context = LambdaContext::new(crate::runtime::TEST_REQUEST_ID);
    let mut future = std::pin::pin!(crate::runtime::invoke(authorizer, state, event, &context));
    match future.as_mut().poll(&mut std::task::Context::from_waker(std::task::Waker::noop())) {
        std::task::Poll::Ready(reply) => Some(reply),
        std::task::Poll::Pending => None,
    }
}

/// What API Gateway answers a client of an API of kind `api` whose request has the method
/// (or route) ARN `arn`, given what the authorizer posted: 401 for exactly `Unauthorized`,
/// 500 for any other error; for a response, 200 if it allows `arn` (an IAM policy whose
/// Allow covers it and no Deny does, or a simple response with `"isAuthorized": true`), 403
/// if it does not, 500 if it is not a valid response, such as a context holding an object
/// or an array outside HTTP API payload 2.0 ([authorizer output][output]).
///
/// It is how [`Invocation::status`] is computed, and it reads only the posted bytes, so it
/// also judges what a real binary posted. For HTTP APIs, the status of an `Unauthorized`
/// error is not documented by AWS ([HTTP API authorizers][http]): this says 401. The whole
/// judgement, with the client's body and what the backend sees, is
/// [`evaluate`].
///
/// [output]: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html
/// [http]: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html
#[must_use]
pub fn gateway_status(reply: &Reply, arn: &str, api: ApiKind) -> u16 {
    evaluate(api, reply, arn).answer.status
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prelude::*;

    const EVENT: &str = r#"{"type":"TOKEN","authorizationToken":"allow","methodArn":"arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets"}"#;

    fn sync(_: TokenRequest) -> Result<Decision, Error> {
        Ok(Decision::allow_request("user"))
    }

    async fn waits_forever(_: TokenRequest) -> Result<Decision, Error> {
        std::future::pending::<()>().await;
        Ok(Decision::allow_request("user"))
    }

    #[test]
    fn reply_now_is_what_invoke_posts_or_none_for_a_function_that_waits() {
        let reply = reply_now(&sync, &(), EVENT.as_bytes());
        assert_eq!(reply.as_ref(), Some(invoke(sync, EVENT).reply()));
        assert!(matches!(reply, Some(Reply::Response(_))));
        assert_eq!(reply_now(&waits_forever, &(), EVENT.as_bytes()), None);
    }
}
