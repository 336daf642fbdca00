//! The rules of a route pattern, as one `const fn`: [`Route::check`](crate::Route::check)
//! applies them at run time and `route!` at compile time, so both say the same.

/// The first words of an invalid pattern's message, at run time and at compile time.
pub(crate) const INVALID_PATTERN: &str = "invalid route pattern";

/// Why `pattern` breaks the pattern rules, or `None` when it keeps them. `const`, so that
/// `route!` can apply it to a literal while compiling.
pub(crate) const fn pattern_error(pattern: &str) -> Option<&'static str> {
    let bytes = pattern.as_bytes();
    let len = bytes.len();
    if len == 0 || bytes[0] != b'/' {
        return Some("it must start with `/`");
    }
    if len > 1 && bytes[len - 1] == b'/' {
        return Some("only the root pattern `/` may end with `/`; API Gateway paths have no trailing slash");
    }
    let mut i = 1;
    while i < len {
        if bytes[i] == b'/' && bytes[i - 1] == b'/' {
            return Some("it has an empty segment (`//`)");
        }
        i += 1;
    }
    // What the current segment holds so far: a `*` beside a value in one segment would let one
    // value cover others (`/users/{id}*` bound to `1` is `/users/1*`, which covers `/users/10`).
    let (mut star_in_segment, mut placeholder_in_segment) = (false, false);
    // Just past the last placeholder's `}`: a `{` there touches it.
    let mut after_placeholder = usize::MAX;
    let mut i = 0;
    while i < len {
        match bytes[i] {
            b'{' => {
                if star_in_segment {
                    return Some(STAR_BESIDE_PLACEHOLDER);
                }
                placeholder_in_segment = true;
                let Some(end) = closing_brace(bytes, i) else {
                    return Some("a `{` has no closing `}`");
                };
                if !is_identifier(bytes, i + 1, end) {
                    return Some("a placeholder name must be an identifier, as in `{user_id}`");
                }
                if named_before(bytes, i + 1, end) {
                    return Some("a placeholder name appears twice");
                }
                if after_placeholder == i {
                    return Some("two placeholders must not touch, or their values could not be told apart");
                }
                i = end + 1;
                after_placeholder = i;
            }
            b'}' => return Some("a `}` has no opening `{`"),
            b'?' => return Some("`?` is an IAM wildcard; use `*`, or nothing: query strings are not part of a route"),
            b'/' => {
                (star_in_segment, placeholder_in_segment) = (false, false);
                i += 1;
            }
            b'*' => {
                if placeholder_in_segment {
                    return Some(STAR_BESIDE_PLACEHOLDER);
                }
                star_in_segment = true;
                i += 1;
            }
            b if is_literal(b) => i += 1,
            _ => return Some("it holds a character that is not allowed in an API Gateway path"),
        }
    }
    None
}

const STAR_BESIDE_PLACEHOLDER: &str = "a `*` in the same segment as a placeholder would let one value cover others; give the `*` a segment of its own, as in `/users/{id}/*`";

/// Literal characters of a path pattern or a bound value: a URL path's unreserved and
/// sub-delimiter characters, `:`, `@` and `%`. Never `*` or `?` (IAM wildcards), `/`, blanks.
/// A value bound with `Route::bind` is further kept from `.`, `..` and `%`.
pub(crate) const fn is_literal(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'-' | b'.'
                | b'_'
                | b'~'
                | b'!'
                | b'$'
                | b'&'
                | b'\''
                | b'('
                | b')'
                | b'+'
                | b','
                | b';'
                | b'='
                | b':'
                | b'@'
                | b'%'
        )
}

/// The index of the first `}` after the `{` at `open`.
pub(crate) const fn closing_brace(bytes: &[u8], open: usize) -> Option<usize> {
    let mut i = open + 1;
    while i < bytes.len() {
        if bytes[i] == b'}' {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Whether `bytes[start..end]` is an identifier: a letter or `_`, then letters, digits, `_`.
const fn is_identifier(bytes: &[u8], start: usize, end: usize) -> bool {
    if start == end || !(bytes[start].is_ascii_alphabetic() || bytes[start] == b'_') {
        return false;
    }
    let mut i = start + 1;
    while i < end {
        if !(bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
            return false;
        }
        i += 1;
    }
    true
}

/// Whether a placeholder before `start - 1` has the name `bytes[start..end]`.
const fn named_before(bytes: &[u8], start: usize, end: usize) -> bool {
    let mut open = 0;
    while open + 1 < start {
        if bytes[open] == b'{'
            && let Some(close) = closing_brace(bytes, open)
            && same(bytes, open + 1, close, start, end)
        {
            return true;
        }
        open += 1;
    }
    false
}

/// Whether `bytes[a..a_end]` and `bytes[b..b_end]` are the same bytes.
const fn same(bytes: &[u8], a: usize, a_end: usize, b: usize, b_end: usize) -> bool {
    if a_end - a != b_end - b {
        return false;
    }
    let mut i = 0;
    while i < a_end - a {
        if bytes[a + i] != bytes[b + i] {
            return false;
        }
        i += 1;
    }
    true
}

/// `pattern`, when it keeps the pattern rules; otherwise a panic with the words of
/// [`RouteError::InvalidPattern`](crate::RouteError::InvalidPattern), which, in the `const`
/// block `route!` puts it in, is a compile error. `N` bounds the message's length: `route!`
/// gives the pattern's length and room for the longest reason.
#[track_caller]
pub const fn checked_pattern<const N: usize>(pattern: &'static str) -> &'static str {
    let Some(reason) = pattern_error(pattern) else {
        return pattern;
    };
    let mut message = [0u8; N];
    let mut len = push(&mut message, 0, INVALID_PATTERN);
    len = push(&mut message, len, " `");
    len = push(&mut message, len, pattern);
    len = push(&mut message, len, "`: ");
    len = push(&mut message, len, reason);
    match core::str::from_utf8(message.split_at(len).0) {
        Ok(message) => panic!("{}", message),
        Err(_) => panic!("{}", reason),
    }
}

/// Appends what of `text` fits to `buf[..len]`; returns the new length.
const fn push(buf: &mut [u8], mut len: usize, text: &str) -> usize {
    let text = text.as_bytes();
    let mut i = 0;
    while i < text.len() && len < buf.len() {
        buf[len] = text[i];
        len += 1;
        i += 1;
    }
    len
}

/// What `Route::get` and its siblings take: a `&'static str`, a pattern written in the
/// code. Request data goes into a `{placeholder}`, bound with `Route::bind`.
#[diagnostic::on_unimplemented(
    message = "a route pattern is a string literal, not `{Self}`: request data cannot be part of a pattern",
    label = "expected a literal such as `\"/tenants/{{tenant}}/*\"`",
    note = "write a `{{placeholder}}` in the pattern and bind the value to it: `Route::get(\"/tenants/{{tenant}}/*\").bind(\"tenant\", tenant)`; a bound value cannot widen the policy"
)]
pub trait RoutePattern: sealed::Sealed + Copy {}

impl RoutePattern for &'static str {}

mod sealed {
    pub trait Sealed {}
    impl Sealed for &'static str {}
}

/// A [`RoutePattern`] as the `&'static str` it is.
pub(crate) const fn as_static<P: RoutePattern>(pattern: P) -> &'static str {
    // A `const fn` cannot call a trait method on stable Rust, so the one implementor is read
    // back through a union.
    union Static<P: Copy> {
        pattern: P,
        text: &'static str,
    }
    // SAFETY: `RoutePattern` is sealed and implemented for `&'static str` alone, so `P` is
    // `&'static str` and the union holds one.
    unsafe { Static { pattern }.text }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Route, RouteError};

    /// The compile-time check's message, caught from its panic.
    fn compile_time_message(pattern: &'static str) -> Option<String> {
        let payload = std::panic::catch_unwind(|| checked_pattern::<512>(pattern)).err()?;
        Some(
            payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap(),
        )
    }

    #[test]
    fn compile_time_and_run_time_say_the_same() {
        for pattern in ["pets", "/pets/", "/a//b", "/a?b", "/{x", "/x}", "/{1}", "/{x}/{x}", "/{x}{y}", "/{x}*", "/a b"]
        {
            let run_time = Route::get(pattern).check().unwrap_err();
            assert!(matches!(run_time, RouteError::InvalidPattern { .. }), "{pattern}");
            assert_eq!(compile_time_message(pattern), Some(run_time.to_string()), "{pattern}");
        }
        for pattern in ["/", "/*", "/pets/{id}/toys/*", "/a/{x}-{y}"] {
            assert_eq!(compile_time_message(pattern), None, "{pattern}");
            assert_eq!(checked_pattern::<0>(pattern), pattern);
        }
    }

    #[test]
    fn a_placeholder_named_like_an_earlier_one_only_in_part_is_another() {
        assert_eq!(pattern_error("/{id}/{identity}"), None);
        assert_eq!(pattern_error("/{identity}/{id}"), None);
        assert!(pattern_error("/{id}/x/{id}").is_some());
    }
}
