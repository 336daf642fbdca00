//! Finds a secret in text as written or in the forms a library or an error message quotes
//! it: percent-encoded (`%2B` or `%2b`, `+` for a space), or escaped as Rust's `{:?}`
//! (`\"`, `\\`, `\n`, `\u{1b}`), JSON (`\"`, `\/`, `\u001b`, surrogate pairs) or Python
//! (`\x1b`) write strings. Each character may take any of these forms, one level deep,
//! except ASCII letters and digits, which no escape touches and URL encoders leave as they
//! are ([RFC 3986, section 2.3][unreserved]): a secret's longest run of them is looked for
//! as written first, which keeps text that holds no secret quick to go through.
//!
//! [unreserved]: https://www.rfc-editor.org/rfc/rfc3986#section-2.3

use std::ops::Range;

/// Whether `text` holds a byte that starts an encoded character. Without one, a secret can
/// only appear as written.
pub(super) fn may_hold_encoded(text: &str) -> bool {
    text.bytes().any(|b| matches!(b, b'%' | b'\\' | b'+'))
}

/// A secret to find, and what any of its forms holds as written: its longest run of ASCII
/// letters and digits, up to 16 bytes (so that looking for it stays quick), or nothing.
pub(super) struct Secret {
    value: String,
    anchor: Range<usize>,
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        let (mut longest, mut run_start) = (0..0, None);
        // A space after the end closes the last run.
        for (at, c) in value.char_indices().chain([(value.len(), ' ')]) {
            match (c.is_ascii_alphanumeric(), run_start) {
                (true, None) => run_start = Some(at),
                (false, Some(start)) => {
                    if at - start > longest.len() {
                        longest = start..at;
                    }
                    run_start = None;
                }
                _ => {}
            }
        }
        // Letters and digits are ASCII: any length is on a character boundary.
        let anchor = longest.start..longest.start + longest.len().min(16);
        Self { value: value.to_owned(), anchor }
    }
}

impl Secret {
    pub(super) fn as_str(&self) -> &str {
        &self.value
    }

    fn anchor(&self) -> &str {
        &self.value[self.anchor.clone()]
    }

    /// Calls `found` with the byte range of every appearance of the secret in `text`,
    /// overlapping ones included. `encoded` is [`may_hold_encoded`] of `text`.
    pub(super) fn find(&self, text: &str, encoded: bool, found: &mut dyn FnMut(Range<usize>)) {
        let secret = self.as_str();
        let Some(first) = secret.bytes().next() else { return };
        let may_appear = text.contains(secret) || (encoded && text.contains(self.anchor()));
        if !may_appear {
            return;
        }
        if !encoded {
            let mut from = 0;
            while let Some(at) = text[from..].find(secret).map(|at| from + at) {
                found(at..at + secret.len());
                // On past the match's first character: another may start inside it.
                from = at + text[at..].chars().next().map_or(1, char::len_utf8);
            }
            return;
        }
        let bytes = text.as_bytes();
        for start in 0..bytes.len() {
            let may_start = matches!(bytes[start], b'%' | b'\\' | b'+') || bytes[start] == first;
            if may_start && let Some(end) = match_at(bytes, start, secret) {
                found(start..end);
            }
        }
    }
}

/// Where the appearance of `secret` starting at `start` ends, if one does.
fn match_at(text: &[u8], start: usize, secret: &str) -> Option<usize> {
    if text[start..].starts_with(secret.as_bytes()) {
        return Some(start + secret.len());
    }
    secret.chars().try_fold(start, |at, c| match_char(text, at, c))
}

/// Where `c` ends if it starts at `at`, in any form: an encoded form first, since `%41`
/// written as is starts with a `%` too.
fn match_char(text: &[u8], at: usize, c: char) -> Option<usize> {
    let mut utf8 = [0; 4];
    let utf8 = c.encode_utf8(&mut utf8).as_bytes();
    let rest = text.get(at..)?;
    let encoded = match rest.first()? {
        b'%' => percent_encoded(rest, utf8),
        b'\\' => unescape(rest).filter(|&(escaped, _)| escaped == c).map(|(_, len)| len),
        b'+' if c == ' ' => Some(1),
        _ => None,
    };
    encoded.or_else(|| rest.starts_with(utf8).then_some(utf8.len())).map(|len| at + len)
}

/// The length of `utf8` percent-encoded (`%C3%A9`, either case) at the start of `text`.
fn percent_encoded(text: &[u8], utf8: &[u8]) -> Option<usize> {
    for (i, &byte) in utf8.iter().enumerate() {
        match text.get(3 * i..3 * i + 3)? {
            [b'%', hi, lo] if hex(&[*hi, *lo]) == Some(u32::from(byte)) => {}
            _ => return None,
        }
    }
    Some(3 * utf8.len())
}

/// The character an escape at the start of `text` (which starts with `\`) stands for, and
/// the escape's length.
fn unescape(text: &[u8]) -> Option<(char, usize)> {
    let simple = |c| Some((c, 2));
    match *text.get(1)? {
        b @ (b'"' | b'\\' | b'\'' | b'/') => simple(char::from(b)),
        b'n' => simple('\n'),
        b'r' => simple('\r'),
        b't' => simple('\t'),
        b'0' => simple('\0'),
        b'b' => simple('\u{8}'),
        b'f' => simple('\u{c}'),
        b'x' => Some((char::from_u32(hex(text.get(2..4)?)?)?, 4)),
        b'u' if text.get(2) == Some(&b'{') => {
            let len = text[3..].iter().take(7).position(|&b| b == b'}')?;
            Some((char::from_u32(hex(&text[3..3 + len])?)?, len + 4))
        }
        b'u' => {
            let unit = hex(text.get(2..6)?)?;
            if !(0xD800..0xDC00).contains(&unit) {
                return Some((char::from_u32(unit)?, 6));
            }
            // A UTF-16 surrogate pair, as JSON writes a character outside the BMP.
            let low = match text.get(6..12)? {
                [b'\\', b'u', low @ ..] => hex(low).filter(|low| (0xDC00..0xE000).contains(low))?,
                _ => return None,
            };
            Some((char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))?, 12))
        }
        _ => None,
    }
}

/// The value of 1 to 6 hex digits, either case.
fn hex(digits: &[u8]) -> Option<u32> {
    if digits.is_empty() || digits.len() > 6 {
        return None;
    }
    digits.iter().try_fold(0, |value, &d| Some(value * 16 + char::from(d).to_digit(16)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where `secret` appears in `text`, as (start, end) pairs.
    fn spans(text: &str, secret: &str) -> Vec<(usize, usize)> {
        let mut spans = Vec::new();
        Secret::from(secret).find(text, may_hold_encoded(text), &mut |span| spans.push((span.start, span.end)));
        spans
    }

    #[test]
    fn finds_each_form_of_a_secret() {
        for (text, secret) in [
            ("abc+def=", "abc+def="),
            ("abc%2Bdef%3D", "abc+def="),
            ("abc%2bdef%3d", "abc+def="),
            ("my+pass%20word", "my pass word"),
            ("caf%C3%A9!", "café!"),
            (r#"a\"b\\c\nd"#, "a\"b\\c\nd"),
            (r"esc\u{1b}x\u{301}", "esc\u{1b}x\u{301}"),
            (r"esc\u001Bx\u00e9", "esc\u{1b}x\u{e9}"),
            (r"emoji\ud83d\ude00", "emoji\u{1f600}"),
            (r"python\x1b\xe9", "python\u{1b}\u{e9}"),
            (r"a\/b", "a/b"),
            ("a%25b", "a%b"),
            ("a%25b", "a%25b"),
        ] {
            assert_eq!(spans(text, secret), [(0, text.len())], "{secret:?} in {text:?}");
        }
    }

    #[test]
    fn finds_overlapping_appearances_in_a_longer_text() {
        assert_eq!(spans("xabab-abab", "abab"), [(1, 5), (6, 10)]);
        assert_eq!(spans("ababab", "abab"), [(0, 4), (2, 6)]);
        assert_eq!(spans("x ab%2Bb a", "ab+b"), [(2, 8)]);
    }

    #[test]
    fn the_anchor_is_the_longest_run_of_letters_and_digits() {
        assert_eq!(Secret::from("s3cret+t0ken/é =").anchor(), "s3cret");
        assert_eq!(Secret::from("a.bcdefghijklmnopqrstuvwxyz").anchor(), "bcdefghijklmnopq");
        assert_eq!(Secret::from("é-abc").anchor(), "abc");
        assert_eq!(Secret::from("+/=é").anchor(), "");
    }

    #[test]
    fn other_text_is_not_a_secret() {
        for (text, secret) in [
            ("abc%2Cdef", "abc+def"),
            ("abc+def", "abc def="),
            (r"a\nb", "a\tb"),
            ("a%2", "a+"),
            (r"a\u{110000}", "a\u{fffd}"),
            (r"a\ud83d", "a\u{fffd}"),
            (r"a\ud83dx", "a\u{1f600}"),
            // Letters and digits as written only.
            ("ab%63d", "abcd"),
        ] {
            assert!(spans(text, secret).is_empty(), "{secret:?} in {text:?}");
        }
    }
}
