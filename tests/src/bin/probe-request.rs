//! Test fixture, not an example: a sync REST REQUEST authorizer for the end-to-end tests in
//! `tests/tests/e2e_*.rs`. The query parameter `action` picks what it does; every failure
//! message quotes the `Authorization` header and its bearer token, so that the tests can check
//! that the framework masks them.
//!
//! | `action`              | what the function does                                  |
//! |-----------------------|---------------------------------------------------------|
//! | `allow` (or none)     | allows exactly the request                              |
//! | `io-error`            | fails with a `std::io::Error` through `?`               |
//! | `panic`               | panics                                                  |
//! | `unauthorized-reason` | `Error::unauthorized(reason quoting the token)`         |
//!
//! Without a bearer token it answers `Unauthorized`.

use std::io;

use authorizer_core::prelude::*;

fn call_backend(authorization: &str) -> io::Result<()> {
    Err(io::Error::new(io::ErrorKind::ConnectionRefused, format!("backend refused `{authorization}`")))
}

#[authorizer]
pub(crate) fn authorize(request: RestRequest) -> Result<Decision, Error> {
    let authorization = request.authorization().unwrap_or_default();
    let token = request.bearer_token().ok_or(Unauthorized)?;
    match request.query_param("action").unwrap_or("allow") {
        "allow" => Ok(Decision::allow_request("user")),
        "io-error" => {
            call_backend(authorization)?;
            Err(Error::failure("unreachable: the backend always refuses"))
        }
        "panic" => panic!("probe panicked on `{authorization}` (token {token})"),
        "unauthorized-reason" => Err(Error::unauthorized(format!("the probe refuses {token}"))),
        _ => Err(Error::failure("the probe has no such action")),
    }
}
