//! Built by the `renamed_dependency` test of `tests/ui.rs`, beside `main.rs`: `#[authorizer]`
//! at the root of a crate without a prelude, where the `main` it generates is the entry
//! point. (trybuild runs its `pass` cases, and this `main` starts the Lambda runtime, which
//! fails outside Lambda.)

#![no_implicit_prelude]

use ::renamed_core::prelude::*;

#[authorizer(crate = "::renamed_core")]
fn authorize(request: TokenRequest) -> ::std::result::Result<Decision, Error> {
    ::std::result::Result::Ok(Decision::allow_all(request.token()))
}
