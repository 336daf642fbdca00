//! An authorizer served through [`lambda_runtime`](::lambda_runtime) instead of the
//! generated `main` (feature `lambda-runtime`): for functions whose `main` already composes
//! `lambda_runtime` with its own tower layers.
//!
//! [`service`] (or [`service_with_state`]) makes the authorizer function a
//! [`tower::Service`](::lambda_runtime::tower::Service) of
//! `LambdaEvent<Box<RawValue>>`, which `lambda_runtime::run` serves, with any layers around
//! it; `lambda_runtime::run_concurrent` (Lambda Managed Instances, `lambda_runtime`'s
//! `concurrency-tokio` feature) too when the function, its state and its future are `Send`
//! and `Sync`. Write the function without `#[authorizer]`, which would generate a `main`:
//!
//! ```no_run
//! use authorizer_core::prelude::*;
//! use lambda_runtime::tower::ServiceBuilder;
//! use lambda_runtime::{LambdaEvent, run};
//! use serde_json::value::RawValue;
//!
//! async fn authorize(request: TokenRequest) -> Result<Decision, Error> {
//!     let token = request.bearer_token().ok_or(Unauthorized)?; // 401
//!     if token == "banned" {
//!         return Ok(Decision::deny("someone")); // 403
//!     }
//!     Ok(Decision::allow("user-1").route(Route::get("/pets/*")))
//! }
//!
//! #[tokio::main(flavor = "current_thread")]
//! async fn main() -> Result<(), lambda_runtime::Error> {
//!     // Your subscriber, e.g. `lambda_runtime::tracing::init_default_subscriber()`.
//!     let service = ServiceBuilder::new()
//!         // A layer of yours. It sees the event, which holds the credential: log ids only.
//!         .map_request(|event: LambdaEvent<Box<RawValue>>| {
//!             tracing::debug!(request_id = %event.context.request_id, "authorizing");
//!             event
//!         })
//!         .service(authorizer_core::lambda_runtime::service(authorize));
//!     run(service).await
//! }
//! ```
//!
//! The event reaches the authorizer as the bytes Lambda sent, and the response is posted as
//! the bytes the generated `main` posts (a [`RawValue`], written verbatim). A failure is a
//! [`Diagnostic`] with the framework's `errorType` and `errorMessage`: exactly
//! `Unauthorized` and `Unauthorized` for a 401, which API Gateway requires
//! (<https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html>),
//! and the request's credentials masked in every other message. The function sees the same
//! [`LambdaContext`], built from `lambda_runtime`'s [`Context`] (request id, deadline, X-Ray
//! trace id, tenant id, invoked function ARN).
//!
//! What differs from the generated `main` (`lambda_runtime` 1.5):
//!
//! - **Error type header.** `lambda_runtime` posts every error with
//!   `Lambda-Runtime-Function-Error-Type: unhandled`, not the `errorType`; the body is the
//!   same.
//! - **Logging.** `lambda_runtime` logs every error the service returns at ERROR with its
//!   `Debug` form, a 401 included (`Diagnostic { error_type: "Unauthorized", .. }`). The
//!   messages it logs are the masked ones the framework posts. The subscriber is yours: the
//!   framework installs none, and its own log lines go to yours.
//! - **No `init`.** Build the shared state in your `main` and give it to
//!   [`service_with_state`]. A failure there is not reported to `/runtime/init/error`
//!   unless you report it: the process exits, and Lambda reports `Runtime.ExitError`
//!   (<https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html#runtimes-api-initerror>).
//! - **`_X_AMZN_TRACE_ID`.** `lambda_runtime`'s sequential `run` sets it with
//!   `std::env::set_var` before every invocation, while your tasks and threads may be
//!   reading the environment; glibc's `setenv` keeps every value it stored, so memory grows
//!   with each invocation. In `run_concurrent`'s concurrent mode it is not set. The
//!   generated `main` rewrites it in place, on the only thread that runs the authorizer.
//!   Either way the trace id is in [`LambdaContext::trace_id`].
//! - **Request ids.** `lambda_runtime` splices the request id into the reply's path as it
//!   came; the generated `main` percent-encodes it, so that an id cannot name another path.
//! - **An event that is not JSON** (which Lambda never delivers) is refused by
//!   `lambda_runtime` before the authorizer runs, with its own error type.
//! - **Panics.** A panic of the authorizer is still caught by the framework (an
//!   `AuthorizerPanic`, masked). Building the service installs the framework's panic hook,
//!   as the generated `main` does: a panic outside the authorizer function (in a task it
//!   spawned, or elsewhere in your `main`) prints its thread and location, not its message,
//!   which may quote a credential.
//! - **Concurrency.** `run` serves one invocation at a time; `run_concurrent` spawns
//!   `AWS_LAMBDA_MAX_CONCURRENCY` Tokio tasks on your runtime, where the generated `main`
//!   runs its pollers on one current-thread runtime per CPU.

use std::future::Future;
use std::sync::Arc;

use ::lambda_runtime::tower::{Service, service_fn};
use ::lambda_runtime::{Context, Diagnostic, LambdaEvent};
use serde_json::value::RawValue;

use super::{Authorizer, LambdaContext, invoke, panics};
use crate::wire::{ErrorReply, ErrorType, Reply};

/// What `lambda_runtime` fills `Context::invoked_function_arn` with when Lambda sent none.
const NO_FUNCTION_ARN: &str = "No header lambda-runtime-invoked-function-arn found.";

/// The authorizer function (without shared state) as a `lambda_runtime` service: give it to
/// `lambda_runtime::run`, with your layers around it.
///
/// The service is `Clone`; it is `Send`, and so is its future, when the function and its
/// future are, as `lambda_runtime::run_concurrent` requires.
pub fn service<A, M>(
    authorizer: A,
) -> impl Service<
    LambdaEvent<Box<RawValue>>,
    Response = Box<RawValue>,
    Error = Diagnostic,
    Future = impl Future<Output = Result<Box<RawValue>, Diagnostic>> + 'static,
> + Clone
+ 'static
where
    A: Authorizer<M, State = ()>,
{
    service_with_state(authorizer, &())
}

/// The authorizer function with its shared state as a `lambda_runtime` service. The state
/// is `&'static`, as the generated `main` keeps it: `Box::leak(Box::new(state))`, built in
/// your `main` before `lambda_runtime::run`.
///
/// ```no_run
/// use authorizer_core::prelude::*;
///
/// struct Keys { admin: String }
///
/// fn authorize(request: TokenRequest, keys: &Keys) -> Result<Decision, Error> {
///     match request.bearer_token() {
///         Some(token) if token == keys.admin => Ok(Decision::allow_all("admin")),
///         Some(_) => Ok(Decision::deny("someone")),
///         None => Err(Unauthorized.into()),
///     }
/// }
///
/// #[tokio::main(flavor = "current_thread")]
/// async fn main() -> Result<(), lambda_runtime::Error> {
///     let admin = std::env::var("ADMIN_KEY")?;
///     let keys: &'static Keys = Box::leak(Box::new(Keys { admin }));
///     lambda_runtime::run(authorizer_core::lambda_runtime::service_with_state(authorize, keys)).await
/// }
/// ```
pub fn service_with_state<A, M>(
    authorizer: A,
    state: &'static A::State,
) -> impl Service<
    LambdaEvent<Box<RawValue>>,
    Response = Box<RawValue>,
    Error = Diagnostic,
    Future = impl Future<Output = Result<Box<RawValue>, Diagnostic>> + 'static,
> + Clone
+ 'static
where
    A: Authorizer<M>,
{
    // Not in this crate's unit tests, whose failed assertions are panics too.
    if !cfg!(test) {
        panics::hide_other_panic_messages();
    }
    let authorizer = Arc::new(authorizer);
    service_fn(move |event: LambdaEvent<Box<RawValue>>| {
        let authorizer = Arc::clone(&authorizer);
        let context = LambdaContext::from(&event.context);
        async move {
            let reply = invoke(&*authorizer, state, event.payload.get().as_bytes(), &context).await;
            posted(reply)
        }
    })
}

/// What the service returns for a reply: the response's JSON, verbatim, or the error.
fn posted(reply: Reply) -> Result<Box<RawValue>, Diagnostic> {
    match reply {
        Reply::Response(json) => RawValue::from_string(json).map_err(|_| {
            // The framework only writes valid JSON; were it otherwise, the invocation fails.
            diagnostic(ErrorReply::new(ErrorType::InvalidDecision, "the response is not JSON"))
        }),
        Reply::Error(error) => Err(diagnostic(error)),
    }
}

fn diagnostic(error: ErrorReply) -> Diagnostic {
    Diagnostic { error_type: error.error_type.as_str().to_owned(), error_message: error.error_message }
}

/// The invocation `lambda_runtime` describes, as the authorizer sees it. A value Lambda did
/// not send (an empty one, or `lambda_runtime`'s placeholder for a missing function ARN) is
/// `None`.
impl From<&Context> for LambdaContext {
    fn from(context: &Context) -> Self {
        let given = |value: &str| !value.is_empty();
        let mut lambda = Self::new(context.request_id.as_str()).with_deadline_ms(context.deadline);
        if let Some(trace_id) = context.xray_trace_id.as_deref().filter(|v| given(v)) {
            lambda = lambda.with_trace_id(trace_id);
        }
        if let Some(tenant_id) = context.tenant_id.as_deref().filter(|v| given(v)) {
            lambda = lambda.with_tenant_id(tenant_id);
        }
        let arn = context.invoked_function_arn.as_str();
        if given(arn) && arn != NO_FUNCTION_ARN {
            lambda = lambda.with_invoked_function_arn(arn);
        }
        lambda
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, UNIX_EPOCH};

    use ::lambda_runtime::tower::ServiceExt;

    use super::*;
    use crate::testing;
    use crate::{Decision, Error, Route, TokenRequest, Unauthorized};

    const ARN: &str = "arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets";

    fn authorize(request: TokenRequest, lambda: LambdaContext) -> Result<Decision, Error> {
        match request.token() {
            "allow" => Ok(Decision::allow(lambda.request_id()).route(Route::get("/pets"))),
            "deny" => Ok(Decision::deny("user")),
            "fail" => Err(Error::failure(format!("cannot check {}", request.token()))),
            "panic" => panic!("boom on {}", request.token()),
            _ => Err(Unauthorized.into()),
        }
    }

    fn event(token: &str) -> String {
        serde_json::json!({"type": "TOKEN", "authorizationToken": token, "methodArn": ARN}).to_string()
    }

    fn lambda_context(request_id: &str) -> Context {
        let mut context = Context::default();
        context.request_id = request_id.to_owned();
        context.deadline = 1_700_000_000_000;
        context.xray_trace_id = Some("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1".to_owned());
        context.invoked_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:auth".to_owned();
        context
    }

    fn call(token: &str) -> Result<Box<RawValue>, Diagnostic> {
        let payload = RawValue::from_string(event(token)).unwrap();
        let event = LambdaEvent::new(payload, lambda_context(crate::runtime::TEST_REQUEST_ID));
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(service(authorize).oneshot(event))
    }

    /// Every outcome is what `testing` (the generated `main`'s own invocation) posts.
    #[test]
    fn the_service_posts_what_the_runtime_posts() {
        for token in ["allow", "deny", "fail", "panic", "nobody"] {
            let expected = testing::invoke(authorize, event(token));
            match (call(token), expected.reply()) {
                (Ok(raw), Reply::Response(json)) => assert_eq!(raw.get(), json, "{token}"),
                (Err(diagnostic), Reply::Error(error)) => {
                    assert_eq!(diagnostic.error_type, error.error_type.as_str(), "{token}");
                    assert_eq!(diagnostic.error_message, error.error_message, "{token}");
                }
                (got, expected) => panic!("{token}: the service gave {got:?}, the runtime {expected:?}"),
            }
        }
        let refused = call("nobody").unwrap_err();
        assert_eq!((refused.error_type.as_str(), refused.error_message.as_str()), ("Unauthorized", "Unauthorized"));
    }

    #[test]
    fn the_context_comes_from_lambda_runtimes() {
        let mut context = lambda_context("id-1");
        context.tenant_id = Some("tenant-a".to_owned());
        let lambda = LambdaContext::from(&context);
        assert_eq!(lambda.request_id(), "id-1");
        assert_eq!(lambda.deadline(), Some(UNIX_EPOCH + Duration::from_millis(1_700_000_000_000)));
        assert_eq!(lambda.trace_id(), Some("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1"));
        assert_eq!(lambda.tenant_id(), Some("tenant-a"));
        assert_eq!(lambda.invoked_function_arn(), Some("arn:aws:lambda:us-east-1:123456789012:function:auth"));

        context.invoked_function_arn = NO_FUNCTION_ARN.to_owned();
        context.xray_trace_id = Some(String::new());
        context.tenant_id = None;
        let bare = LambdaContext::from(&context);
        assert_eq!((bare.trace_id(), bare.tenant_id(), bare.invoked_function_arn()), (None, None, None));
    }

    /// What `lambda_runtime::run_concurrent` asks of a service and its future.
    #[test]
    fn a_send_authorizer_makes_a_send_service() {
        fn run_concurrent_accepts<S>(service: S) -> S
        where
            S: Service<LambdaEvent<Box<RawValue>>> + Clone + Send + 'static,
            S::Future: Send + 'static,
        {
            service
        }
        async fn authorize_async(request: TokenRequest) -> Result<Decision, Error> {
            tokio::task::yield_now().await;
            authorize(request, LambdaContext::new("x"))
        }
        let mut service = run_concurrent_accepts(service(authorize_async));
        let event = LambdaEvent::new(RawValue::from_string(event("deny")).unwrap(), lambda_context("id-2"));
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let denied = rt.block_on(async { service.ready().await.unwrap().call(event).await }).unwrap();
        assert!(denied.get().contains(r#""Effect":"Deny""#), "{}", denied.get());
    }
}
