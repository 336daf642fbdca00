//! The few JSON primitives the wire writers need, with serde_json's own escaping and
//! number formatting.
//!
//! Responses are written straight into one buffer instead of through `Serialize` structs:
//! the shapes are small and fixed, and skipping the intermediate values keeps the
//! per-invocation work close to the cost of writing the bytes.

use serde_json::ser::{CompactFormatter, Formatter};

// Writing into a `Vec<u8>` cannot fail, so the `io::Result`s below are always `Ok`.

/// Appends `value` as a JSON string, quoted and escaped.
///
/// serde_json escapes exactly `"`, `\` and the control characters below U+0020; a string
/// without them (an ARN, a principal id, most context values) is copied as it is, which is
/// several times cheaper than serde_json's escaping loop, with the same bytes out.
pub(crate) fn write_str(buf: &mut Vec<u8>, value: &str) {
    // A fold without an early exit, so that the compiler checks many bytes at once.
    if value.bytes().fold(false, |found, b| found | (b < 0x20) | (b == b'"') | (b == b'\\')) {
        let _ = serde_json::to_writer(&mut *buf, value);
    } else {
        buf.reserve(value.len() + 2);
        buf.push(b'"');
        buf.extend_from_slice(value.as_bytes());
        buf.push(b'"');
    }
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

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::write_str;

    proptest! {
        #[test]
        fn any_string_is_written_as_serde_json_writes_it(value in any::<String>()) {
            let mut buf = Vec::new();
            write_str(&mut buf, &value);
            prop_assert_eq!(buf, serde_json::to_vec(&value).unwrap());
        }
    }

    /// The copy and the escaping path write what serde_json writes.
    #[test]
    fn strings_are_written_as_serde_json_writes_them() {
        let cases = [
            "",
            "plain",
            "arn:aws:execute-api:us-east-1:1:a/prod/GET/pets/*",
            "quote \" and backslash \\",
            "tab\tnewline\ncontrol\u{1}\u{1f}",
            "unicode é ✓ 𝄞 and \u{7f} and / slash",
        ];
        for value in cases {
            let mut buf = b"x".to_vec();
            write_str(&mut buf, value);
            assert_eq!(buf, [b"x".as_slice(), &serde_json::to_vec(value).unwrap()].concat(), "{value:?}");
        }
    }
}
