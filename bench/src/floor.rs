//! The floor of the per-event work: serde_json reading the event and writing the response,
//! with nothing decided in between.

use serde::de::IgnoredAny;
use serde_json::Value;

/// Validates the event with serde_json without keeping anything (`IgnoredAny`), then copies
/// the response's bytes into a fresh buffer: the least any JSON-in, JSON-out handler does.
///
/// # Panics
///
/// If `event` is not JSON.
#[must_use]
pub fn ignored(event: &[u8], response: &[u8]) -> Vec<u8> {
    let _: IgnoredAny = serde_json::from_slice(event).expect("the event is JSON");
    let mut out = Vec::with_capacity(response.len());
    out.extend_from_slice(response);
    out
}

/// Parses the event into a `serde_json::Value` and serializes the response from a `Value`:
/// the cheapest way to write a handler with serde_json alone, without a type per event.
///
/// # Panics
///
/// If `event` is not JSON.
#[must_use]
pub fn value(event: &[u8], response: &Value) -> Vec<u8> {
    let event: Value = serde_json::from_slice(event).expect("the event is JSON");
    std::hint::black_box(&event);
    serde_json::to_vec(response).expect("a Value serializes")
}
