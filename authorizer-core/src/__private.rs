//! The only door generated code uses. Not public API: no stability promise.
//!
//! `#[authorizer]` generates a `main` that calls one of the `run` functions here with the
//! request, state and return types the user wrote. Those types first go through
//! [`Request`] and [`Returns`]: when one is wrong, the macro's check of it (a qualified path
//! on the public trait, at the same span) has already reported it, and the failed
//! projection keeps rustc from reporting it again from inside `run`.

use std::future::Future;
use std::process::ExitCode;

use crate::outcome::{Outcome, shape};
use crate::{AuthorizerRequest, Error};

/// `T` itself, when it is a request type.
pub trait Request {
    /// `T`.
    type Is: AuthorizerRequest;
}

// Not recommended: the error names `AuthorizerRequest`, with its message, not this trait.
#[diagnostic::do_not_recommend]
impl<T: AuthorizerRequest> Request for T {
    type Is = T;
}

/// `T` itself, when an authorizer may return it.
pub trait Returns {
    /// `T`.
    type Is: Outcome;
}

#[diagnostic::do_not_recommend]
impl<T: Outcome> Returns for T {
    type Is = T;
}

fn no_state() -> Result<(), Error> {
    Ok(())
}

/// The `main` of a sync authorizer without shared state.
pub fn run<R, O, F>(authorizer: F) -> ExitCode
where
    R: AuthorizerRequest,
    O: Outcome,
    F: Fn(R) -> O + 'static,
{
    crate::runtime::run::<F, shape::Sync<R, O>, _, _>(authorizer, no_state)
}

/// The `main` of an async authorizer without shared state.
pub fn run_async<R, O, F, Fut>(authorizer: F) -> ExitCode
where
    R: AuthorizerRequest,
    O: Outcome,
    F: Fn(R) -> Fut + 'static,
    Fut: Future<Output = O>,
{
    crate::runtime::run::<F, shape::Async<R, Fut>, _, _>(authorizer, no_state)
}

/// The `main` of a sync authorizer whose state `init` builds once, at cold start. `init`
/// is the user's function already wrapped by `Init`: a closure giving a future.
pub fn run_with_state<R, S, O, F, I, IFut>(authorizer: F, init: I) -> ExitCode
where
    R: AuthorizerRequest,
    S: 'static,
    O: Outcome,
    F: Fn(R, &'static S) -> O + 'static,
    I: Fn() -> IFut + 'static,
    IFut: Future<Output = Result<S, Error>>,
{
    crate::runtime::run::<F, shape::SyncWithState<R, S, O>, I, shape::Async<Error, IFut>>(authorizer, init)
}

/// The `main` of an async authorizer whose state `init` builds once, at cold start.
pub fn run_async_with_state<R, S, O, F, Fut, I, IFut>(authorizer: F, init: I) -> ExitCode
where
    R: AuthorizerRequest,
    S: 'static,
    O: Outcome,
    F: Fn(R, &'static S) -> Fut + 'static,
    Fut: Future<Output = O>,
    I: Fn() -> IFut + 'static,
    IFut: Future<Output = Result<S, Error>>,
{
    crate::runtime::run::<F, shape::AsyncWithState<R, S, Fut>, I, shape::Async<Error, IFut>>(authorizer, init)
}
