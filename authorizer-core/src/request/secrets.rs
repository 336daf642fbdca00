//! Masks credentials in text that goes to logs or to the Lambda error, and finds them in
//! events: which headers carry credentials, and the cookies and query values that may.

use std::borrow::Cow;
use std::cell::OnceCell;

use super::AuthorizerRequest;
use super::maps::{Headers, MultiValues, Params};

/// What a masked credential becomes.
pub(crate) const MASK: &str = "[redacted]";

/// Shorter values are not masked: masking them would garble any text without protecting
/// anything worth the name.
const MIN_SECRET_LEN: usize = 4;

/// The credentials of one request: masked wherever they appear, and values that may be
/// credentials or ordinary words (query values, cookies), masked where they stand as whole
/// words.
#[derive(Default)]
pub(crate) struct Secrets {
    anywhere: Vec<String>,
    words: Vec<String>,
}

impl Secrets {
    pub(crate) fn of<R: AuthorizerRequest>(request: &R) -> Self {
        let (mut anywhere, mut words) = (Vec::new(), Vec::new());
        request.for_each_secret(&mut |value| collect(&mut anywhere, value));
        request.for_each_word_secret(&mut |value| {
            // Only a short run of letters may be an ordinary word (`panic`, `dark`); anything
            // else (`s3cret`, `a.b`, a long value) is masked wherever it appears.
            let word = value.len() < 16 && value.bytes().all(|b| b.is_ascii_alphabetic());
            collect(if word { &mut words } else { &mut anywhere }, value);
        });
        // Longest first, so a value is masked whole before any part of it.
        anywhere.sort_by_key(|s| std::cmp::Reverse(s.len()));
        words.sort_by_key(|s| std::cmp::Reverse(s.len()));
        Self { anywhere, words }
    }

    /// `text` with every credential replaced by [`MASK`].
    pub(crate) fn mask<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let mut text = Cow::Borrowed(text);
        for secret in &self.anywhere {
            if text.contains(secret.as_str()) {
                text = Cow::Owned(text.replace(secret.as_str(), MASK));
            }
        }
        for word in &self.words {
            if text.contains(word.as_str()) {
                text = Cow::Owned(mask_word(&text, word));
            }
        }
        text
    }
}

/// The secrets of an event, collected the first time a text is masked: most invocations
/// mask nothing, and collecting them costs as much as a second look at every header. The
/// event is decoded again then, since the request itself went to the authorizer.
pub(crate) struct LazySecrets<'e> {
    event: &'e [u8],
    collect: fn(&[u8]) -> Secrets,
    secrets: OnceCell<Secrets>,
}

impl<'e> LazySecrets<'e> {
    /// The secrets of `event`, which decodes as an `R`.
    pub(crate) fn of<R: AuthorizerRequest>(event: &'e [u8]) -> Self {
        // It decoded once already; should it not, there is no request and nothing to mask.
        let collect = |event: &[u8]| R::from_event(event).map(|request| Secrets::of(&request)).unwrap_or_default();
        Self { event, collect, secrets: OnceCell::new() }
    }

    /// `text` with every credential replaced by [`MASK`].
    pub(crate) fn mask<'a>(&self, text: &'a str) -> Cow<'a, str> {
        self.secrets.get_or_init(|| (self.collect)(self.event)).mask(text)
    }
}

/// Adds `value` and, for `Scheme credential` (`Bearer xyz`), the credential alone, which may
/// be quoted too.
fn collect(secrets: &mut Vec<String>, value: &str) {
    let credential = value.split_once(' ').map(|(_, c)| c.trim());
    for part in std::iter::once(value).chain(credential) {
        if part.len() >= MIN_SECRET_LEN && !secrets.iter().any(|s| s == part) {
            secrets.push(part.to_owned());
        }
    }
}

/// `text` with each occurrence of `word` that no letter or digit touches replaced by [`MASK`].
fn mask_word(text: &str, word: &str) -> String {
    let touches = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(word) {
        let (before, after) = (&rest[..at], &rest[at + word.len()..]);
        out.push_str(before);
        // `out` ends with the character before the match (a mask ends with `]`).
        if touches(out.chars().next_back()) || touches(after.chars().next()) {
            // Not a whole word here; a whole-word match may still start inside this one.
            let first = rest[at..].chars().next().map_or(0, char::len_utf8);
            out.push_str(&rest[at..at + first]);
            rest = &rest[at + first..];
        } else {
            out.push_str(MASK);
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// Headers that carry credentials, to mask wherever their values appear.
pub(crate) const CREDENTIAL_HEADERS: [&str; 4] = ["authorization", "proxy-authorization", "cookie", "x-api-key"];

/// What the name of a header that may carry a credential holds, in any case: `HeaderAuth1`,
/// `X-Auth-Token`, `X-Session-Id`, `X-Amz-Signature`...
pub(crate) const CREDENTIAL_NAME_PARTS: [&str; 9] =
    ["auth", "token", "key", "secret", "session", "signature", "credential", "password", "jwt"];

/// Whether the values of header `name` are masked: one of [`CREDENTIAL_HEADERS`], or a name
/// holding one of [`CREDENTIAL_NAME_PARTS`].
pub(crate) fn is_credential_header(name: &str) -> bool {
    let name = name.as_bytes();
    CREDENTIAL_HEADERS.iter().any(|h| name.eq_ignore_ascii_case(h.as_bytes()))
        || CREDENTIAL_NAME_PARTS
            .iter()
            .any(|part| name.windows(part.len()).any(|w| w.eq_ignore_ascii_case(part.as_bytes())))
}

/// Calls `f` with each cookie of a `Cookie` header value (`a=1; b=2`) or of an HTTP API
/// payload 2.0 `cookies` entry: each `name=value`, and its value.
pub(crate) fn for_each_cookie_secret(cookies: &str, f: &mut dyn FnMut(&str)) {
    for cookie in cookies.split(';').map(str::trim) {
        f(cookie);
        if let Some((_, value)) = cookie.split_once('=') {
            f(value.trim());
        }
    }
}

/// Calls `f` with the value of every header of a REST, HTTP API payload 1.0 or WebSocket
/// event (single or multi-value) whose name `wanted` picks.
fn for_each_header_named(
    headers: &Headers,
    multi_value_headers: &MultiValues,
    wanted: fn(&str) -> bool,
    f: &mut dyn FnMut(&str),
) {
    for (name, value) in headers.iter().chain(multi_value_headers.iter()) {
        if wanted(name) {
            f(value);
        }
    }
}

/// Calls `f` with the whole value of each credential header (see [`is_credential_header`]).
pub(crate) fn for_each_header_secret(headers: &Headers, multi_value_headers: &MultiValues, f: &mut dyn FnMut(&str)) {
    for_each_header_named(headers, multi_value_headers, is_credential_header, f);
}

/// Calls `f` with each cookie of the `Cookie` headers (see [`for_each_cookie_secret`]).
pub(crate) fn for_each_cookie_header_secret(
    headers: &Headers,
    multi_value_headers: &MultiValues,
    f: &mut dyn FnMut(&str),
) {
    let is_cookie = |name: &str| name.eq_ignore_ascii_case("cookie");
    for_each_header_named(headers, multi_value_headers, is_cookie, &mut |value| for_each_cookie_secret(value, f));
}

/// Calls `f` with every query value, single or multi-value.
pub(crate) fn for_each_query_value(query: &Params, multi_value_query: &MultiValues, f: &mut dyn FnMut(&str)) {
    query.iter().chain(multi_value_query.iter()).for_each(|(_, value)| f(value));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::TokenRequest;

    #[test]
    fn words_are_masked_only_where_nothing_alphanumeric_touches_them() {
        for (text, masked) in [
            ("panic", "[redacted]"),
            ("probe panicked", "probe panicked"),
            ("on panic: x", "on [redacted]: x"),
            ("panicpanic panic-panic", "panicpanic [redacted]-[redacted]"),
            ("`panic`", "`[redacted]`"),
            ("épanic panicé", "épanic panicé"),
        ] {
            assert_eq!(mask_word(text, "panic"), masked, "{text}");
        }
        // A match touched by a letter is skipped one character at a time, so a whole-word
        // match overlapping it is still found.
        assert_eq!(mask_word("xab-ab-ab", "ab-ab"), "xab-[redacted]");
    }

    #[test]
    fn only_short_runs_of_letters_are_masked_as_words() {
        let r = crate::request::RestRequest::from_event(
            br#"{"type":"REQUEST","methodArn":"arn:aws:execute-api:r:1:a/s/GET/p",
                "queryStringParameters":{"action":"panic","t":"s3cretsession"},
                "headers":{"Cookie":"theme=dark"},"requestContext":{}}"#,
        )
        .unwrap();
        let s = Secrets::of(&r);
        assert_eq!(s.mask("probe panicked: panic"), "probe panicked: [redacted]");
        assert_eq!(s.mask("token%3Ds3cretsession, darkness"), "token%3D[redacted], darkness");
    }

    #[test]
    fn masks_the_token_and_its_credential_part() {
        let r = TokenRequest::new("Bearer abc.def.ghi", "arn:aws:execute-api:r:1:a/s/GET/").unwrap();
        let s = Secrets::of(&r);
        assert_eq!(s.mask("bad Bearer abc.def.ghi!"), "bad [redacted]!");
        assert_eq!(s.mask("jwt abc.def.ghi expired"), "jwt [redacted] expired");
        assert!(matches!(s.mask("nothing here"), Cow::Borrowed(_)));
    }

    #[test]
    fn short_values_are_left_alone() {
        let r = TokenRequest::new("ab", "arn:aws:execute-api:r:1:a/s/GET/").unwrap();
        assert_eq!(Secrets::of(&r).mask("about"), "about");
    }

    #[test]
    fn credential_headers() {
        for name in [
            "Authorization",
            "proxy-authorization",
            "Cookie",
            "X-API-KEY",
            "HeaderAuth1",
            "X-Auth-Token",
            "x-session-id",
            "X-Client-Secret",
            "X-Amz-Signature",
            "X-Credential",
            "X-Password",
            "X-JWT",
            "Sec-WebSocket-Key",
        ] {
            assert!(is_credential_header(name), "{name}");
        }
        for name in ["Accept", "User-Agent", "Host", "X-Forwarded-For", "Content-Type", "Keep-Alive", "X-Amzn-Trace-Id"]
        {
            assert!(!is_credential_header(name), "{name}");
        }
    }

    #[test]
    fn cookies_are_split() {
        let mut secrets = Vec::new();
        for_each_cookie_secret(" theme=dark;session= s3cret ; flag", &mut |s| secrets.push(s.to_owned()));
        assert_eq!(secrets, ["theme=dark", "dark", "session= s3cret", "s3cret", "flag"]);
    }
}
