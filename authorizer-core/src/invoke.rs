//! One invocation: event bytes in, what to post to the Runtime API out.
//!
//! The generated `main` and [`testing`](crate::testing) both go through [`invoke`], so a
//! test sees exactly what the deployed function posts.

use std::any::Any;
use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::panic::{self, AssertUnwindSafe};
use std::pin::Pin;
use std::sync::Once;
use std::task::{Context as TaskContext, Poll};

use tracing::{debug, error, info};

use crate::arn::OwnedArn;
use crate::outcome::{Authorizer, Outcome};
use crate::policy::{self, Format, Verdict};
use crate::redact::LazySecrets;
use crate::reply::{ErrorReply, ErrorType, Reply};
use crate::request::Respond;
use crate::{AuthorizerRequest, Error, RequestArn};

/// Runs `authorizer` on one event and says what to post. Never panics, never allows on a
/// failure: every path that is not a valid decision is an error reply.
pub(crate) async fn invoke<A, M>(authorizer: &A, state: &'static A::State, event: &[u8]) -> Reply
where
    A: Authorizer<M>,
{
    let request = match A::Request::from_event(event) {
        Ok(request) => request,
        Err(e) => {
            error!(error = %e, "refused the event (500)");
            return Reply::Error(ErrorReply::new(ErrorType::InvalidEvent, e.to_string()));
        }
    };
    let secrets = LazySecrets::of::<A::Request>(event);
    let arn = OwnedArn::of(request.arn());
    let format = request.format();

    let outcome = match catch_panics(|| authorizer.call(request, state)) {
        Ok(future) => CatchPanics(Box::pin(future)).await,
        Err(panic) => Err(panic),
    };
    // What follows still runs the user's code: `Into<Error>`, an error's `Display`, the
    // context's `write_context`, `Drop`s. A panic there is a panic of the authorizer too.
    let reply =
        outcome.and_then(|outcome| catch_panics(|| respond::<A::Request, _>(outcome, arn.as_ref(), format, &secrets)));
    reply.unwrap_or_else(|panic| {
        let message = secrets.mask(&panic).into_owned();
        error!(panic = %message, "the authorizer panicked (500)");
        Reply::Error(ErrorReply::new(ErrorType::AuthorizerPanic, format!("authorizer panicked: {message}")))
    })
}

/// The reply for what the authorizer returned, in the format of its request's kind.
fn respond<R: Respond<O::Context>, O: Outcome>(
    outcome: O,
    arn: RequestArn<'_>,
    format: Format,
    secrets: &LazySecrets<'_>,
) -> Reply {
    let decision = match outcome.into_result() {
        Ok(decision) => decision,
        Err(e) => return error_reply(&e, secrets),
    };
    let mut buf = Vec::with_capacity(512);
    match policy::write_response(&decision, arn, format, R::context_writer(), &mut buf) {
        Ok(verdict) => {
            // Masked inside the macros: tracing evaluates fields only for a line it writes.
            let principal = || secrets.mask(&decision.principal_id);
            let reason = |otherwise| decision.reason.as_deref().map_or(Cow::Borrowed(otherwise), |r| secrets.mask(r));
            match verdict {
                Verdict::Allowed => debug!(principal_id = %principal(), "allowed"),
                Verdict::ExplicitDeny => {
                    info!(principal_id = %principal(), reason = %reason("none given"), "denied (403, explicit deny)");
                }
                Verdict::ImplicitDeny => info!(
                    principal_id = %principal(),
                    reason = %reason("no allowed route covers the request"),
                    "denied (403)"
                ),
            }
            // The writers only write UTF-8.
            Reply::Response(String::from_utf8(buf).unwrap_or_default())
        }
        Err(e) => {
            let message = secrets.mask(&e.to_string()).into_owned();
            error!(error = %message, "the decision cannot be sent (500)");
            Reply::Error(ErrorReply::new(ErrorType::InvalidDecision, message))
        }
    }
}

fn error_reply(e: &Error, secrets: &LazySecrets<'_>) -> Reply {
    if e.is_unauthorized() {
        let reason = e.unauthorized_reason().map_or_else(|| "none given".into(), |r| secrets.mask(r));
        info!(reason = %reason, "unauthorized (401)");
        // API Gateway answers 401 only for this exact message (AWS-FACTS §6).
        return Reply::Error(ErrorReply::new(ErrorType::Unauthorized, "Unauthorized"));
    }
    let message = secrets.mask(&e.to_string()).into_owned();
    error!(error = %message, "the authorizer failed (500)");
    // The prefix keeps the message from ever being exactly `Unauthorized`.
    Reply::Error(ErrorReply::new(ErrorType::AuthorizerError, format!("authorizer failed: {message}")))
}

thread_local! {
    /// Set while the user's code runs: its panics are reported by the invocation, not
    /// printed by the panic hook.
    static CAPTURING: Cell<bool> = const { Cell::new(false) };
    static LOCATION: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Wraps the process's panic hook so that panics of the user's function are reported once,
/// by the invocation, with the request's credentials masked. Other panics print as before.
pub(crate) fn install_panic_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if CAPTURING.get() {
                LOCATION.set(info.location().map(ToString::to_string));
            } else {
                previous(info);
            }
        }));
    });
}

/// Runs `f`, turning a panic into its message (with its location).
pub(crate) fn catch_panics<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    install_panic_hook();
    let was = CAPTURING.replace(true);
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    CAPTURING.set(was);
    result.map_err(|payload| describe(payload.as_ref()))
}

fn describe(payload: &(dyn Any + Send)) -> String {
    let message = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("a panic with a non-string payload");
    match LOCATION.take() {
        Some(location) => format!("{message} (at {location})"),
        None => message.to_owned(),
    }
}

/// Polls a future, turning a panic into its message.
pub(crate) struct CatchPanics<F>(pub(crate) Pin<Box<F>>);

impl<F: Future> Future for CatchPanics<F> {
    type Output = Result<F::Output, String>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<Self::Output> {
        let future = self.0.as_mut();
        match catch_panics(|| future.poll(cx)) {
            Ok(Poll::Ready(output)) => Poll::Ready(Ok(output)),
            Ok(Poll::Pending) => Poll::Pending,
            Err(panic) => Poll::Ready(Err(panic)),
        }
    }
}
