//! Test fixture, not an example: an async REST TOKEN authorizer with shared state built by an
//! async `init`, for the end-to-end tests in `tests/tests/e2e_*.rs`.
//!
//! `init` suspends once before it decides. `PROBE_INIT=fail` makes it return an error,
//! `PROBE_INIT=panic` makes it panic (after that suspension). Every token is allowed, with a
//! context that counts `init` calls and invocations.

#[path = "probe_support/mod.rs"]
mod support;

use std::sync::atomic::{AtomicUsize, Ordering};

use authorizer_core::prelude::*;
use support::InitMode;

/// Every call of `build_state`, whatever the framework does with its result.
static INIT_CALLS: AtomicUsize = AtomicUsize::new(0);

struct State {
    /// `INIT_CALLS` when this state was built.
    built_at_call: usize,
    invocations: AtomicUsize,
}

async fn build_state() -> Result<State, Error> {
    let call = INIT_CALLS.fetch_add(1, Ordering::SeqCst) + 1;
    support::pause().await;
    match support::init_mode() {
        InitMode::Succeed => Ok(State { built_at_call: call, invocations: AtomicUsize::new(0) }),
        InitMode::Fail => Err(Error::failure("the probe's async init found no config")),
        InitMode::Panic => panic!("the probe's async init panicked"),
    }
}

#[derive(Context)]
#[context(rename_all = "camelCase")]
struct Counts {
    init_calls: usize,
    built_at_call: usize,
    invocation: usize,
    pid: u32,
}

#[authorizer(init = build_state)]
async fn authorize(_request: TokenRequest, state: &State) -> Result<Decision<Counts>, Error> {
    support::pause().await;
    let invocation = state.invocations.fetch_add(1, Ordering::SeqCst) + 1;
    let counts = Counts {
        init_calls: INIT_CALLS.load(Ordering::SeqCst),
        built_at_call: state.built_at_call,
        invocation,
        pid: std::process::id(),
    };
    Ok(Decision::allow("user").route(Route::get("/*")).context(counts))
}
