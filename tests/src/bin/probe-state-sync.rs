//! Test fixture, not an example: a sync REST TOKEN authorizer with shared state built by a
//! sync `init`, for the end-to-end tests in `tests/tests/e2e_*.rs`.
//!
//! `PROBE_INIT=fail` makes `init` return an error, `PROBE_INIT=panic` makes it panic.
//! The token `explode` makes the function panic (a sync function, so inside the call itself);
//! any other token is allowed, with a context that counts `init` calls and invocations.

#[path = "probe_support/mod.rs"]
mod support;

use std::io;
use std::sync::atomic::{AtomicUsize, Ordering};

use authorizer_core::prelude::*;
use support::InitMode;

/// Every call of `build_state`, whatever the framework does with its result.
static INIT_CALLS: AtomicUsize = AtomicUsize::new(0);

struct State {
    invocations: AtomicUsize,
}

fn build_state() -> Result<State, io::Error> {
    INIT_CALLS.fetch_add(1, Ordering::SeqCst);
    match support::init_mode() {
        InitMode::Succeed => Ok(State { invocations: AtomicUsize::new(0) }),
        InitMode::Fail => Err(io::Error::new(io::ErrorKind::NotFound, "the probe's sync init found no config")),
        InitMode::Panic => panic!("the probe's sync init panicked"),
    }
}

#[derive(Context)]
#[context(rename_all = "camelCase")]
struct Counts {
    init_calls: usize,
    invocation: usize,
    pid: u32,
}

#[authorizer(init = build_state)]
fn authorize(request: TokenRequest, state: &State) -> Result<Decision<Counts>, Error> {
    if request.token() == "explode" {
        panic!("the probe's sync authorizer panicked");
    }
    let invocation = state.invocations.fetch_add(1, Ordering::SeqCst) + 1;
    let counts = Counts { init_calls: INIT_CALLS.load(Ordering::SeqCst), invocation, pid: std::process::id() };
    Ok(Decision::allow("user").route(Route::get("/*")).context(counts))
}
