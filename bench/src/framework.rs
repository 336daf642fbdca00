//! The framework side of the per-event benchmarks: three authorizers written with
//! `authorizer-core`, run in-process as the deployed function runs them.

use authorizer_core::prelude::*;
use authorizer_core::testing::{self, Invocation};
use authorizer_core::{Authorizer, JsonContext, ObjectWriter, Reply};

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
    fn write_json_context(&self, out: &mut ObjectWriter<'_>) {
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

/// Runs `authorizer` on `event` exactly as the deployed function does, and nothing else:
/// what the per-event benchmark times.
///
/// # Panics
///
/// If the authorizer is async and does not finish at its first poll (these ones are sync).
pub fn reply<A, M>(authorizer: &A, event: &[u8]) -> Reply
where
    A: Authorizer<M, State = ()>,
{
    testing::reply_now(authorizer, &(), event).expect("a sync authorizer finishes at its first poll")
}

/// Runs `authorizer` on `event` through [`testing::invoke`], the public way, which also says
/// what API Gateway would answer.
pub fn invoke<A, M>(authorizer: A, event: &[u8]) -> Invocation
where
    A: Authorizer<M, State = ()>,
{
    testing::invoke(authorizer, event)
}
