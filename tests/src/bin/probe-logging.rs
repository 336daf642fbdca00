//! Test fixture, not an example: a TOKEN authorizer that logs, for the end-to-end tests of
//! logging in `tests/tests/e2e_logging_*.rs`.
//!
//! Each invocation logs, inside a span `probe_span{step = 1}` of its own, `probe trace`,
//! `probe debug`, `probe info` and `probe warn` (target `probe_logging`) and `noisy info`
//! (target `probe_logging::noisy`). The token `deny` is denied, any other allowed.
//!
//! With `PROBE_SUBSCRIBER=own`, `#[authorizer(logging = ...)]`'s function installs a
//! subscriber of the probe's own, which writes every event as `probe subscriber: LEVEL
//! message` to standard output, whatever the logging variables say. With
//! `PROBE_TRACE_ENV=print`, that function first prints `probe logging set-up:
//! _X_AMZN_TRACE_ID=` and the variable's value as it sees it (`Debug` of `env::var`).

use std::fmt::{self, Write as _};
use std::io::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};

use authorizer_core::prelude::*;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

fn install_own_subscriber() {
    if std::env::var("PROBE_TRACE_ENV").is_ok_and(|v| v == "print") {
        println!("probe logging set-up: _X_AMZN_TRACE_ID={:?}", std::env::var("_X_AMZN_TRACE_ID"));
    }
    if std::env::var("PROBE_SUBSCRIBER").is_ok_and(|v| v == "own") {
        tracing::subscriber::set_global_default(OwnSubscriber::default()).expect("the first subscriber");
    }
}

#[authorizer(logging = install_own_subscriber)]
fn authorize(request: TokenRequest) -> Result<Decision, Error> {
    tracing::info_span!("probe_span", step = 1).in_scope(|| {
        tracing::trace!("probe trace");
        tracing::debug!(detail = "d", "probe debug");
        tracing::info!("probe info");
        tracing::warn!("probe warn");
        tracing::info!(target: "probe_logging::noisy", "noisy info");
    });
    if request.token() == "deny" {
        return Ok(Decision::deny("user").reason("the probe denies"));
    }
    Ok(Decision::allow_all("user"))
}

/// A subscriber as a user might write one: every event, one line, no filter.
#[derive(Default)]
struct OwnSubscriber {
    next_id: AtomicU64,
}

impl Subscriber for OwnSubscriber {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(self.next_id.fetch_add(1, Ordering::Relaxed) + 1)
    }

    fn record(&self, _: &Id, _: &Record<'_>) {}

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut message = Message(String::new());
        event.record(&mut message);
        let line = format!("probe subscriber: {} {}\n", event.metadata().level(), message.0);
        let _ = std::io::stdout().lock().write_all(line.as_bytes());
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

struct Message(String);

impl Visit for Message {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        if field.name() == "message" {
            let _ = write!(self.0, "{value:?}");
        }
    }
}
