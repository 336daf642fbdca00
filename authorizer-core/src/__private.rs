//! The only door generated code uses. Not public API: no stability promise.

pub use crate::outcome::{Authorizer, Init};

use crate::Error;

/// The `main` of an authorizer without shared state.
pub fn run<A: Authorizer<M, State = ()>, M>(authorizer: A) -> std::process::ExitCode {
    fn no_state() -> Result<(), Error> {
        Ok(())
    }
    crate::runtime::run(authorizer, no_state)
}

/// The `main` of an authorizer whose state `init` builds once, at cold start.
pub fn run_with_state<A: Authorizer<M>, M, I: Init<A::State, IM>, IM>(
    authorizer: A,
    init: I,
) -> std::process::ExitCode {
    crate::runtime::run(authorizer, init)
}

/// Fails to compile, with a readable error, unless `T` is a request type.
pub const fn assert_request<T: crate::AuthorizerRequest>() {}

/// Fails to compile, with a readable error, unless `T` is an authorizer's return type.
pub const fn assert_outcome<T: crate::outcome::Outcome>() {}

/// Fails to compile, with a readable error, unless `T` is a REST context value.
pub const fn assert_context_value<T: crate::ContextValue + ?Sized>() {}
