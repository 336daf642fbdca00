//! Test fixture, not an example: an async REST TOKEN authorizer whose behaviour the token
//! picks, for the end-to-end tests in `tests/tests/e2e_*.rs`.
//!
//! The token is `Bearer <action>.<secret>` or `<action>`. Every message the probe makes on a
//! failure path quotes the whole token and its credential, so that the tests can check that
//! the framework masks them.
//!
//! | action                | what the function does                                          |
//! |-----------------------|-----------------------------------------------------------------|
//! | `allow`               | allows `GET /pets/*`, context `{pid, traceId, ratio}`           |
//! | `slow`                | allows as `allow` does, after sleeping 50 ms (a Tokio timer)    |
//! | `slower`              | allows as `allow` does, after sleeping 2 s (a Tokio timer)      |
//! | `spawned-panic`       | fails after a task it spawned panicked, quoting the token       |
//! | `no-route`            | allows no route, with the whole token as the principal          |
//! | `lambda-context`      | allows as `slow` does, with the `LambdaContext`'s values        |
//! | `deadline`            | fails with `due at Some(<deadline, ms>)`, after an `.await`      |
//! | `deny`                | denies everything, with a reason quoting the token              |
//! | `panic-sync`          | panics before its first `.await`                                |
//! | `panic-async`         | panics after a real suspension                                  |
//! | `io-error`            | fails with a `std::io::Error` through `?`                       |
//! | `chain`               | fails with an error whose `source()` is an `io::Error`          |
//! | `unauthorized`        | `?` on `Unauthorized`                                           |
//! | `unauthorized-reason` | `Error::unauthorized(reason quoting the token)`                 |
//! | `nan`, `infinity`     | allows, with a non-finite float in the context                  |
//! | `bad-pattern`         | allows a route with an invalid pattern                          |
//! | `unbound`             | allows a route whose `{id}` is never bound                      |
//! | `bind-star`           | binds `*` to `{id}`                                             |
//! | `bind-slash`          | binds a value holding `/` to `{id}`                             |
//! | `too-long`            | allows a route whose resource ARN is over 512 characters        |
//! | `panicking-display`   | fails with an error whose `Display` panics                      |
//! | `panicking-context`   | allows, with a context value whose `write_value` panics         |

#[path = "probe_support/mod.rs"]
mod support;

use std::error::Error as StdError;
use std::{fmt, io};

use authorizer_core::prelude::*;
use authorizer_core::{ContextValue, ValueWriter, Written};

#[derive(Context)]
#[context(rename_all = "camelCase")]
pub(crate) struct Probe {
    /// Tells the tests whether one process served several events.
    pid: u32,
    /// `_X_AMZN_TRACE_ID` as the function sees it.
    trace_id: Option<String>,
    ratio: f64,
    tripwire: Tripwire,
    /// The `LambdaContext`'s values (`lambda-context` only): `request id|trace id|tenant
    /// id|function ARN|deadline ms`, empty where absent.
    lambda: Option<String>,
}

fn lambda_values(lambda: &LambdaContext) -> String {
    let deadline = lambda.deadline().and_then(|at| at.duration_since(std::time::UNIX_EPOCH).ok());
    format!(
        "{}|{}|{}|{}|{}",
        lambda.request_id(),
        lambda.trace_id().unwrap_or_default(),
        lambda.tenant_id().unwrap_or_default(),
        lambda.invoked_function_arn().unwrap_or_default(),
        deadline.map(|d| d.as_millis().to_string()).unwrap_or_default()
    )
}

fn probe(ratio: f64) -> Probe {
    let (pid, trace_id) = (std::process::id(), std::env::var("_X_AMZN_TRACE_ID").ok());
    Probe { pid, trace_id, ratio, tripwire: Tripwire(None), lambda: None }
}

/// An error with a cause, as a client library would return.
#[derive(Debug)]
struct LookupError {
    credential: String,
    source: io::Error,
}

impl fmt::Display for LookupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "lookup failed for {}", self.credential)
    }
}

impl StdError for LookupError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(&self.source)
    }
}

/// An error whose `Display` panics: user code that the framework, not the function, runs.
#[derive(Debug)]
struct PanickingDisplay(String);

impl fmt::Display for PanickingDisplay {
    fn fmt(&self, _: &mut fmt::Formatter<'_>) -> fmt::Result {
        panic!("the probe's Display panicked on {}", self.0)
    }
}

impl StdError for PanickingDisplay {}

/// A context value of the user's own: writing it panics when it holds something.
struct Tripwire(Option<String>);

impl ContextValue for Tripwire {
    fn write_value(&self, out: ValueWriter<'_>) -> Written {
        match &self.0 {
            Some(raw) => panic!("the probe's context value panicked on {raw}"),
            None => out.omit(),
        }
    }
}

fn read_key(raw: &str) -> io::Result<Vec<u8>> {
    Err(io::Error::new(io::ErrorKind::PermissionDenied, format!("key store refused {raw}")))
}

fn lookup(raw: &str, credential: &str) -> Result<(), LookupError> {
    let source = io::Error::new(io::ErrorKind::TimedOut, format!("upstream timed out for {raw}"));
    Err(LookupError { credential: credential.to_owned(), source })
}

#[authorizer]
pub(crate) async fn authorize(request: TokenRequest, lambda: LambdaContext) -> Result<Decision<Probe>, Error> {
    let raw = request.token().to_owned();
    let credential = request.bearer_token().unwrap_or(&raw).to_owned();
    let action = credential.split('.').next().unwrap_or_default();
    let allow = || Decision::allow("user").route(Route::get("/pets/*"));
    match action {
        "allow" => Ok(allow().context(probe(0.5))),
        "slow" => {
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            Ok(allow().context(probe(0.5)))
        }
        "slower" => {
            tokio::time::sleep(std::time::Duration::from_secs(2)).await;
            Ok(allow().context(probe(0.5)))
        }
        "spawned-panic" => {
            let quoted = raw.clone();
            let task = tokio::spawn(async move { panic!("the probe's task panicked on {quoted}") });
            match task.await {
                Ok(()) => Err(Error::failure("unreachable: the task panics")),
                Err(e) => Err(Error::failure(format!("the task failed: {e}"))),
            }
        }
        "no-route" => Ok(Decision::allow(raw).context(probe(0.5))),
        "lambda-context" => {
            let given = lambda_values(&lambda);
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            let current = LambdaContext::current().map(|current| lambda_values(&current));
            if current.as_ref() != Some(&given) {
                return Err(Error::failure(format!("the current context {current:?} is not the given {given}")));
            }
            Ok(allow().context(Probe { lambda: Some(given), ..probe(0.5) }))
        }
        "deadline" => {
            tokio::task::yield_now().await;
            let since_epoch = authorizer_core::deadline().and_then(|at| at.duration_since(std::time::UNIX_EPOCH).ok());
            let remaining = authorizer_core::remaining().is_some_and(|left| left > std::time::Duration::ZERO);
            Err(Error::failure(format!("due at {:?}, time left: {remaining}", since_epoch.map(|d| d.as_millis()))))
        }
        "deny" => Ok(Decision::deny("user").reason(format!("the probe bans {raw}")).context(probe(0.5))),
        "panic-sync" => panic!("probe panicked before awaiting, on {raw} ({credential})"),
        "panic-async" => {
            support::pause().await;
            panic!("probe panicked after awaiting, on {raw} ({credential})")
        }
        "io-error" => {
            read_key(&raw)?;
            Err(Error::failure("unreachable: read_key always fails"))
        }
        "chain" => {
            lookup(&raw, &credential)?;
            Err(Error::failure("unreachable: lookup always fails"))
        }
        "unauthorized" => {
            let session: Option<&str> = None;
            session.ok_or(Unauthorized)?;
            Err(Error::failure("unreachable: there is no session"))
        }
        "unauthorized-reason" => Err(Error::unauthorized(format!("the probe refuses {raw}"))),
        "nan" => Ok(allow().context(probe(f64::NAN))),
        "infinity" => Ok(allow().context(probe(f64::INFINITY))),
        "bad-pattern" => Ok(allow().route(Route::get("/pets?")).context(probe(0.5))),
        "unbound" => Ok(allow().route(Route::get("/users/{id}/orders")).context(probe(0.5))),
        "bind-star" => Ok(allow().route(Route::get("/users/{id}/orders").bind("id", "*")).context(probe(0.5))),
        "bind-slash" => {
            Ok(allow().route(Route::get("/users/{id}/orders").bind("id", "u-1/../admin")).context(probe(0.5)))
        }
        "too-long" => {
            Ok(allow().route(Route::get("/users/{id}/orders").bind("id", "a".repeat(600))).context(probe(0.5)))
        }
        "panicking-display" => Err(PanickingDisplay(raw).into()),
        "panicking-context" => Ok(allow().context(Probe { tripwire: Tripwire(Some(raw)), ..probe(0.5) })),
        _ => Err(Error::failure("the probe has no such action")),
    }
}
