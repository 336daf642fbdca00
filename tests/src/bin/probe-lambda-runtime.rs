//! Test fixture, not an example: the authorizers of `probe-token` and `probe-request`, served
//! through `lambda_runtime` (`authorizer_core::lambda_runtime::service`) instead of the
//! generated `main`, for `tests/tests/e2e_lambda_runtime.rs`, which checks that both post the
//! same bytes.
//!
//! | variable           | value                                                              |
//! |--------------------|--------------------------------------------------------------------|
//! | `PROBE_AUTHORIZER` | `token` (or unset): `probe-token`'s function; `request`: `probe-request`'s |
//! | `PROBE_RUN`        | `concurrent`: `lambda_runtime::run_concurrent`; otherwise `lambda_runtime::run` |
//!
//! The function's own `main` (the one `#[authorizer]` generates in those files) is not run.

#[path = "probe-request.rs"]
mod request;
#[path = "probe-token.rs"]
mod token;

use authorizer_core::lambda_runtime::service;
use lambda_runtime::{LambdaEvent, tower::ServiceBuilder};
use serde_json::value::RawValue;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), lambda_runtime::Error> {
    lambda_runtime::tracing::init_default_subscriber();
    let concurrent = std::env::var("PROBE_RUN").as_deref() == Ok("concurrent");
    match std::env::var("PROBE_AUTHORIZER").as_deref() {
        Ok("request") if concurrent => lambda_runtime::run_concurrent(service(request::authorize)).await,
        Ok("request") => lambda_runtime::run(service(request::authorize)).await,
        // A layer of the user's around the service, as a function composed with
        // `lambda_runtime` has: it logs ids only, since the event holds the credential.
        _ => {
            let layered = ServiceBuilder::new()
                .map_request(|event: LambdaEvent<Box<RawValue>>| {
                    tracing::debug!(request_id = %event.context.request_id, "authorizing");
                    event
                })
                .service(service(token::authorize));
            if concurrent { lambda_runtime::run_concurrent(layered).await } else { lambda_runtime::run(layered).await }
        }
    }
}
