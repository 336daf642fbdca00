//! One invocation: event bytes in, what to post to the Runtime API out.
//!
//! The generated `main` and [`testing`](crate::testing) both go through [`invoke`], so a
//! test sees exactly what the deployed function posts.

use std::borrow::Cow;

use tracing::{debug, error, info};

use super::panics::{CatchPanics, catch_panics};
use super::{Authorizer, LambdaContext};
use crate::model::{Error, Outcome, OwnedArn, RequestArn};
use crate::request::{AuthorizerRequest, LazySecrets, Respond};
use crate::wire::response::{Format, Verdict, write_response};
use crate::wire::{ErrorReply, ErrorType, Reply};

/// Runs `authorizer` on one event and says what to post. Never panics, never allows on a
/// failure: every path that is not a valid decision is an error reply. The user's code runs
/// with `context` as [`LambdaContext::current`].
pub(crate) async fn invoke<A, M>(
    authorizer: &A,
    state: &'static A::State,
    event: &[u8],
    context: &LambdaContext,
) -> Reply
where
    A: Authorizer<M>,
{
    let secrets = LazySecrets::of::<A::Request>(event);
    // Inside the panic guard too: a panic there would otherwise end the process.
    let request = match catch_panics(|| A::Request::from_event(event)) {
        Ok(Ok(request)) => request,
        Ok(Err(e)) => {
            error!(error = %e, "refused the event (500)");
            return Reply::Error(ErrorReply::new(ErrorType::InvalidEvent, e.to_string()));
        }
        Err(panic) => {
            let message = secrets.mask(&panic).into_owned();
            error!(panic = %message, "reading the event panicked (500)");
            return Reply::Error(ErrorReply::new(ErrorType::InvalidEvent, format!("cannot read the event: {message}")));
        }
    };
    let arn = OwnedArn::of(request.arn());
    let format = request.format();

    let outcome = match catch_panics(|| context.scope_sync(|| authorizer.call(request, state))) {
        Ok(future) => context.scope(CatchPanics(Box::pin(future))).await,
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
    match write_response(&decision, arn, format, R::context_writer(), &mut buf) {
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
            response_reply(buf)
        }
        Err(e) => {
            let message = secrets.mask(&e.to_string()).into_owned();
            error!(error = %message, "the decision cannot be sent (500)");
            Reply::Error(ErrorReply::new(ErrorType::InvalidDecision, message))
        }
    }
}

/// The response to post. The writers only write UTF-8; were it otherwise, the invocation
/// fails rather than posting an empty success.
fn response_reply(buf: Vec<u8>) -> Reply {
    match String::from_utf8(buf) {
        Ok(json) => Reply::Response(json),
        Err(_) => {
            error!("the response is not UTF-8 (500)");
            Reply::Error(ErrorReply::new(ErrorType::InvalidDecision, "the response is not UTF-8"))
        }
    }
}

fn error_reply(e: &Error, secrets: &LazySecrets<'_>) -> Reply {
    if e.is_unauthorized() {
        let reason = e.unauthorized_reason().map_or_else(|| "none given".into(), |r| secrets.mask(r));
        info!(reason = %reason, "unauthorized (401)");
        // API Gateway answers 401 only for this exact message:
        // https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html
        return Reply::Error(ErrorReply::new(ErrorType::Unauthorized, "Unauthorized"));
    }
    let message = secrets.mask(&e.to_string()).into_owned();
    error!(error = %message, "the authorizer failed (500)");
    // The prefix keeps the message from ever being exactly `Unauthorized`.
    Reply::Error(ErrorReply::new(ErrorType::AuthorizerError, format!("authorizer failed: {message}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_response_that_is_not_utf8_is_an_invalid_decision() {
        assert!(matches!(response_reply(b"{}".to_vec()), Reply::Response(json) if json == "{}"));
        match response_reply(vec![b'{', 0xff, b'}']) {
            Reply::Error(e) => assert_eq!(e.error_type, ErrorType::InvalidDecision),
            Reply::Response(json) => panic!("posted as a success: {json:?}"),
        }
    }
}
