//! Masks credentials in text that goes to logs or to the Lambda error.

use std::borrow::Cow;
use std::cell::OnceCell;

use super::AuthorizerRequest;

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
}
