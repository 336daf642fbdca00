//! The framework side of the per-event benchmarks: three authorizers written with
//! `authorizer-core`, run in-process through [`authorizer_core::testing`].

use std::future::Future;
use std::pin::pin;
use std::task::{Context as TaskContext, Poll, Waker};

use authorizer_core::prelude::*;
use authorizer_core::testing::{self, Invocation};
use authorizer_core::{Authorizer, AuthorizerRequest, ContextWriter, JsonContext};

use crate::events::BEARER_TOKEN;

/// The AWS sample's context, key for key (as in the `aws-docs-token` example).
#[derive(Context)]
pub struct SampleContext {
    #[context(rename = "stringKey")]
    string: &'static str,
    #[context(rename = "numberKey")]
    number: u32,
    #[context(rename = "booleanKey")]
    boolean: bool,
}

const CONTEXT: SampleContext = SampleContext { string: "stringval", number: 123, boolean: true };

/// The same context for an HTTP API simple response, whose context is JSON. Written by hand
/// as `#[derive(Context)] #[context(nested)]` would write it, until that derive lands.
pub struct SampleJsonContext {
    string: &'static str,
    number: u32,
    boolean: bool,
}

impl JsonContext for SampleJsonContext {
    fn write_json_context(&self, out: &mut ContextWriter<'_>) {
        out.insert_json("stringKey", self.string);
        out.insert_json("numberKey", &self.number);
        out.insert_json("booleanKey", &self.boolean);
    }
}

const JSON_CONTEXT: SampleJsonContext = SampleJsonContext { string: "stringval", number: 123, boolean: true };

/// The `aws-docs-token` example's function, verbatim.
///
/// # Errors
///
/// `Unauthorized` for the token `unauthorized`, another error for any other unknown token.
pub fn token(request: TokenRequest) -> Result<Decision<SampleContext>, Error> {
    match request.token() {
        "allow" => Ok(Decision::allow_request("user").context(CONTEXT)),
        "deny" => Ok(Decision::deny_request("user").context(CONTEXT)),
        "unauthorized" => Err(Unauthorized.into()),
        _ => Err(Error::failure("Error: Invalid token")),
    }
}

/// A REST `REQUEST` authorizer: the request's own method for the bearer token
/// [`BEARER_TOKEN`], with the sample's context; 401 otherwise.
///
/// # Errors
///
/// `Unauthorized` for any other credential.
pub fn rest(request: RestRequest) -> Result<Decision<SampleContext>, Error> {
    match request.bearer_token() {
        Some(BEARER_TOKEN) => Ok(Decision::allow_request("user").context(CONTEXT)),
        _ => Err(Unauthorized.into()),
    }
}

/// An HTTP API (payload 2.0, simple responses) authorizer: authorized for the bearer token
/// [`BEARER_TOKEN`], with the sample's context; 401 otherwise.
///
/// # Errors
///
/// `Unauthorized` for any other credential.
pub fn http_v2(request: HttpV2Request) -> Result<Decision<SampleJsonContext>, Error> {
    match request.bearer_token() {
        Some(BEARER_TOKEN) => Ok(Decision::allow_request("user").context(JSON_CONTEXT)),
        _ => Err(Unauthorized.into()),
    }
}

/// Runs `authorizer` on `event` through [`testing::invoke_async`], the only public way to run
/// the framework's invocation in-process. It also decodes the event a second time and reads
/// the reply back as JSON to judge the status: [`testing_overhead`] measures those parts.
///
/// # Panics
///
/// If the authorizer is async and does not finish at its first poll (these ones are sync).
pub fn invoke<A, M>(authorizer: A, event: &[u8]) -> Invocation
where
    A: Authorizer<M, State = ()>,
{
    let mut future = pin!(testing::invoke_async(authorizer, event));
    match future.as_mut().poll(&mut TaskContext::from_waker(Waker::noop())) {
        Poll::Ready(invocation) => invocation,
        Poll::Pending => panic!("a sync authorizer finishes at its first poll"),
    }
}

/// What [`testing::invoke_async`] does beyond the invocation itself: it decodes the event a
/// second time and judges the reply's status (reading it back as JSON). Subtracted from
/// [`invoke`]'s time, it estimates the cost of the framework's per-event work alone.
#[must_use]
pub fn testing_overhead<R: AuthorizerRequest>(invocation: &Invocation, event: &[u8]) -> u16 {
    let event = event.to_vec();
    match R::from_event(&event) {
        Ok(request) => testing::gateway_status(invocation.reply(), request.arn().as_str(), request.api()),
        Err(_) => 500,
    }
}
