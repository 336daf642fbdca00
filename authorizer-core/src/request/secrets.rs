//! Masks credentials in text that goes to logs or to the Lambda error, and finds them in
//! events: which headers carry credentials, and the cookies and query values that may.

mod encoded;

use std::borrow::Cow;
use std::cell::OnceCell;
use std::ops::Range;

use base64::Engine as _;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

use self::encoded::Secret;
use super::AuthorizerRequest;
use super::maps::{Headers, MultiValues, Params};

/// What a masked credential becomes.
pub(crate) const MASK: &str = "[redacted]";

/// Shorter values are not masked: masking them would garble any text without protecting
/// anything worth the name.
const MIN_SECRET_LEN: usize = 4;

/// The credentials of one request: masked wherever they appear, and values that may be
/// credentials or ordinary words (query values, cookies), masked where they stand as whole
/// words. Each is held in the forms a library may turn it into before quoting it (see
/// [`for_each_form`]); its percent-encoded and escaped forms are found when masking.
#[derive(Default)]
pub(crate) struct Secrets {
    anywhere: Vec<Secret>,
    words: Vec<Secret>,
}

impl Secrets {
    pub(crate) fn of<R: AuthorizerRequest>(request: &R) -> Self {
        let mut secrets = Self::default();
        request.for_each_secret(&mut |value| for_each_form(value, &mut |form| add(&mut secrets.anywhere, form)));
        request.for_each_word_secret(&mut |value| {
            for_each_form(value, &mut |form| {
                // Only a short run of letters may be an ordinary word (`panic`, `dark`);
                // anything else (`s3cret`, `a.b`, a long value) is masked wherever it appears.
                let word = form.len() < 16 && form.bytes().all(|b| b.is_ascii_alphabetic());
                add(if word { &mut secrets.words } else { &mut secrets.anywhere }, form);
            });
        });
        secrets
    }

    /// `text` with every credential replaced by [`MASK`]: each stretch of text that holds
    /// credentials, overlapping or adjacent ones too, becomes one mask.
    pub(crate) fn mask<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let encoded = encoded::may_hold_encoded(text);
        let mut spans = Vec::new();
        for secret in &self.anywhere {
            secret.find(text, encoded, &mut |span| spans.push(span));
        }
        let anywhere = spans.len();
        for word in &self.words {
            word.find(text, encoded, &mut |span| {
                if stands_alone(text, &span, &spans[..anywhere]) {
                    spans.push(span);
                }
            });
        }
        if spans.is_empty() {
            return Cow::Borrowed(text);
        }
        spans.sort_unstable_by_key(|span| span.start);
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(spans.len());
        for span in spans {
            match merged.last_mut() {
                Some(last) if span.start <= last.end => last.end = last.end.max(span.end),
                _ => merged.push(span),
            }
        }
        let mut masked = String::with_capacity(text.len());
        let mut shown = 0;
        for span in merged {
            masked.push_str(&text[shown..span.start]);
            masked.push_str(MASK);
            shown = span.end;
        }
        masked.push_str(&text[shown..]);
        Cow::Owned(masked)
    }
}

/// Adds `secret` unless it is too short or already there.
fn add(secrets: &mut Vec<Secret>, secret: &str) {
    if secret.len() >= MIN_SECRET_LEN && !secrets.iter().any(|s| s.as_str() == secret) {
        secrets.push(secret.into());
    }
}

/// Whether no letter or digit touches `span` of `text`; a character inside a masked span
/// (`masked`) touches nothing, since it becomes the mask.
fn stands_alone(text: &str, span: &Range<usize>, masked: &[Range<usize>]) -> bool {
    let is_masked = |at: usize| masked.iter().any(|m| m.contains(&at));
    let before = text[..span.start].char_indices().next_back();
    let after = text[span.end..].chars().next().map(|c| (span.end, c));
    [before, after].into_iter().flatten().all(|(at, c)| !c.is_alphanumeric() || is_masked(at))
}

/// Calls `f` with `value` and the forms of it a library or an error text may quote instead:
/// each comma-separated part (HTTP APIs join repeated headers and query values with commas);
/// for `Scheme credential` (`Bearer xyz`, any whitespace between them), the credential alone;
/// for `Basic` credentials, the decoded `user:password` and the password alone (the user
/// name alone names the caller, it proves nothing); a quoted value without its quotes; and
/// a percent-encoded value decoded (`%2B` and `+` read as `+`, then `+` read as a space).
fn for_each_form(value: &str, f: &mut dyn FnMut(&str)) {
    let parts = value.contains(',').then(|| value.split(',').map(str::trim));
    for value in std::iter::once(value).chain(parts.into_iter().flatten()) {
        f(value);
        if let Some((scheme, credential)) = value.split_once(char::is_whitespace) {
            let credential = credential.trim();
            f(credential);
            if let Some(pair) = scheme.eq_ignore_ascii_case("basic").then(|| basic(credential)).flatten() {
                f(&pair);
                if let Some((_, password)) = pair.split_once(':') {
                    f(password);
                }
            }
        }
        if let Some(unquoted) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
            f(unquoted);
        }
        if value.contains('%') || value.contains('+') {
            for plus in ["+", " "] {
                let value = value.replace('+', plus);
                if let Ok(decoded) = percent_encoding::percent_decode_str(&value).decode_utf8() {
                    f(&decoded);
                }
            }
        }
    }
}

/// The `user:password` a `Basic` credential encodes (with or without its padding).
fn basic(credential: &str) -> Option<String> {
    const BASE64: GeneralPurpose = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
    );
    let pair = String::from_utf8(BASE64.decode(credential).ok()?).ok()?;
    pair.contains(':').then_some(pair)
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

/// Calls `f` with each value of a query string as sent (`a=1&b=x%2By`, HTTP API payload
/// 2.0's `rawQueryString`), and each item without a value (`?s3cret`).
pub(crate) fn for_each_raw_query_value(raw_query: &str, f: &mut dyn FnMut(&str)) {
    for item in raw_query.split('&') {
        f(item.split_once('=').map_or(item, |(_, value)| value));
    }
}

/// Calls `f` with every query value, single or multi-value.
pub(crate) fn for_each_query_value(query: &Params, multi_value_query: &MultiValues, f: &mut dyn FnMut(&str)) {
    query.iter().chain(multi_value_query.iter()).for_each(|(_, value)| f(value));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::TokenRequest;

    fn words(words: &[&str]) -> Secrets {
        Secrets { anywhere: Vec::new(), words: words.iter().map(|w| Secret::from(*w)).collect() }
    }

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
            assert_eq!(words(&["panic"]).mask(text), masked, "{text}");
        }
        // A match touched by a letter is skipped, and a whole-word match overlapping it is
        // still found; overlapping whole-word matches become one mask.
        assert_eq!(words(&["ab-ab"]).mask("xab-ab-ab"), "xab-[redacted]");
        assert_eq!(words(&["ab-ab"]).mask("ab-ab-ab"), "[redacted]");
    }

    #[test]
    fn a_word_next_to_a_masked_credential_stands_alone() {
        let secrets = Secrets { anywhere: vec!["s3cret".into()], words: vec!["panic".into()] };
        assert_eq!(secrets.mask("s3cretpanic panics"), "[redacted] panics");
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
