//! The few JSON primitives the wire writers need, with serde_json's own escaping and
//! number formatting.
//!
//! Responses are written straight into one buffer instead of through `Serialize` structs:
//! the shapes are small and fixed, and skipping the intermediate values keeps the
//! per-invocation work close to the cost of writing the bytes.

use serde_json::ser::{CompactFormatter, Formatter};

// Writing into a `Vec<u8>` cannot fail, so the `io::Result`s below are always `Ok`.

/// Appends `value` as a JSON string, quoted and escaped.
pub(crate) fn write_str(buf: &mut Vec<u8>, value: &str) {
    let _ = serde_json::to_writer(&mut *buf, value);
}

pub(crate) fn write_i64(buf: &mut Vec<u8>, value: i64) {
    let _ = CompactFormatter.write_i64(buf, value);
}

pub(crate) fn write_u64(buf: &mut Vec<u8>, value: u64) {
    let _ = CompactFormatter.write_u64(buf, value);
}

/// Appends a finite float; callers reject NaN and infinities first.
pub(crate) fn write_f64(buf: &mut Vec<u8>, value: f64) {
    debug_assert!(value.is_finite());
    let _ = CompactFormatter.write_f64(buf, value);
}

/// Appends a finite single-precision float in its shortest form.
pub(crate) fn write_f32(buf: &mut Vec<u8>, value: f32) {
    debug_assert!(value.is_finite());
    let _ = CompactFormatter.write_f32(buf, value);
}
