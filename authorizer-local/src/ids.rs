//! Fresh identifiers for invocations: request ids and X-Ray trace ids.
//!
//! They only need to be unique within a test run and look like Lambda's, so they come from std's
//! randomly keyed hasher instead of a random-number crate.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// Makes every draw distinct even if two hashers happened to share keys.
static DRAWS: AtomicU64 = AtomicU64::new(0);

/// 64 unpredictable bits.
fn random_u64() -> u64 {
    // Each `RandomState::new()` has fresh keys, so hashing a counter gives unrelated values.
    RandomState::new().hash_one(DRAWS.fetch_add(1, Ordering::Relaxed))
}

/// Time since the Unix epoch, zero if the clock is before it.
fn since_epoch() -> std::time::Duration {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default()
}

/// Milliseconds since the Unix epoch, the unit of `Lambda-Runtime-Deadline-Ms`.
pub(crate) fn epoch_ms() -> u64 {
    u64::try_from(since_epoch().as_millis()).unwrap_or(u64::MAX)
}

/// A request id in the UUID v4 form Lambda uses, e.g. `8476a536-e9f4-11e8-9739-2dfe598c3fcd`.
pub(crate) fn request_id() -> String {
    let high = (random_u64() & !0xf000) | 0x4000; // version 4
    let low = (random_u64() & !(0xc000_u64 << 48)) | (0x8000_u64 << 48); // RFC 4122 variant
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        high >> 32,
        (high >> 16) & 0xffff,
        high & 0xffff,
        low >> 48,
        low & 0xffff_ffff_ffff,
    )
}

/// An X-Ray trace header: `Root=1-<8 hex>-<24 hex>;Parent=<16 hex>;Sampled=0`.
///
/// The first part of the root is the epoch time in seconds, as X-Ray requires.
pub(crate) fn trace_id() -> String {
    let seconds = since_epoch().as_secs() & 0xffff_ffff;
    format!(
        "Root=1-{seconds:08x}-{:08x}{:016x};Parent={:016x};Sampled=0",
        random_u64() & 0xffff_ffff,
        random_u64(),
        random_u64(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_ids_are_uuid_v4_and_distinct() {
        let (a, b) = (request_id(), request_id());
        assert_ne!(a, b);
        let groups: Vec<&str> = a.split('-').collect();
        let lengths: Vec<usize> = groups.iter().map(|g| g.len()).collect();
        assert_eq!(lengths, [8, 4, 4, 4, 12], "{a}");
        assert!(groups[2].starts_with('4'), "{a}");
        assert!(matches!(&groups[3][..1], "8" | "9" | "a" | "b"), "{a}");
    }

    #[test]
    fn trace_ids_have_the_xray_shape_and_are_distinct() {
        let (a, b) = (trace_id(), trace_id());
        assert_ne!(a, b);
        let (root, rest) = a.split_once(";Parent=").expect("has a parent");
        let (parent, sampled) = rest.split_once(';').expect("has a sampled flag");
        let parts: Vec<&str> = root.trim_start_matches("Root=").split('-').collect();
        assert_eq!(parts[0], "1");
        assert_eq!((parts[1].len(), parts[2].len(), parent.len()), (8, 24, 16));
        assert_eq!(sampled, "Sampled=0");
    }
}
