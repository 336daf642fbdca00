//! The credentials of a request, as the framework documents them: every value its kind
//! names as a credential (`for_each_secret`), and every value that may be one or may be an
//! ordinary word (`for_each_word_secret`: query values, cookies). Each is masked wherever
//! it appears, but for a short run of letters among the latter, masked where it stands as a
//! whole word. Values shorter than 4 bytes are not masked. Each is a credential in its plain
//! forms too (see [`forms`]), each form masked by the rule of its own shape.

use authorizer_core::AuthorizerRequest;

/// What a masked credential becomes.
pub const MASK: &str = "[redacted]";

/// Values shorter than this are never masked.
pub const MIN_LEN: usize = 4;

/// The credentials of one request.
#[derive(Debug, Default)]
pub struct Credentials {
    /// Masked wherever they appear.
    pub anywhere: Vec<String>,
    /// Masked where no letter or digit touches them.
    pub words: Vec<String>,
}

fn add(to: &mut Vec<String>, form: &str) {
    if form.len() >= MIN_LEN && !to.iter().any(|s| s == form) {
        to.push(form.to_owned());
    }
}

/// The plain forms of a value the guide lists: the value as written, each part between
/// commas, and for each of those, when it is `Scheme credential` (whatever the whitespace
/// between them), the credential alone.
fn forms(value: &str) -> Vec<&str> {
    let mut out = vec![value];
    if value.contains(',') {
        out.extend(value.split(',').map(str::trim));
    }
    for i in 0..out.len() {
        if let Some((_, credential)) = out[i].split_once(char::is_whitespace) {
            out.push(credential.trim());
        }
    }
    out
}

impl Credentials {
    /// The credentials of `request`.
    pub fn of<R: AuthorizerRequest>(request: &R) -> Self {
        let mut credentials = Self::default();
        request.for_each_secret(&mut |value| forms(value).into_iter().for_each(|f| add(&mut credentials.anywhere, f)));
        request.for_each_word_secret(&mut |value| {
            for form in forms(value) {
                let word = form.len() < 16 && form.bytes().all(|b| b.is_ascii_alphabetic());
                add(if word { &mut credentials.words } else { &mut credentials.anywhere }, form);
            }
        });
        credentials
    }

    /// Every credential, whichever way it is masked.
    pub fn all(&self) -> impl Iterator<Item = &str> {
        self.anywhere.iter().chain(&self.words).map(String::as_str)
    }

    /// The first credential that a masked `text` shows between its masks: one masked anywhere
    /// that a stretch between two masks contains, or a word a stretch holds where no letter or
    /// digit touches it. (The mask itself is no credential, even when one reads `redacted`.)
    #[must_use]
    pub fn shown_in(&self, text: &str) -> Option<&str> {
        text.split(MASK).find_map(|stretch| {
            let anywhere = self.anywhere.iter().find(|s| stretch.contains(s.as_str()));
            anywhere.or_else(|| self.words.iter().find(|w| holds_word(stretch, w))).map(String::as_str)
        })
    }
}

/// Whether `word` stands in `text` with no letter or digit right before or after it, at any
/// of its occurrences (overlapping ones included).
#[must_use]
pub fn holds_word(text: &str, word: &str) -> bool {
    let touches = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    (0..text.len())
        .filter(|&at| text.is_char_boundary(at) && text[at..].starts_with(word))
        .any(|at| !touches(text[..at].chars().next_back()) && !touches(text[at + word.len()..].chars().next()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_forms() {
        assert_eq!(forms("Bearer\tabc"), ["Bearer\tabc", "abc"]);
        assert_eq!(forms("a b, c"), ["a b, c", "a b", "c", "b, c", "b"]);
    }

    #[test]
    fn words_stand_alone_or_not() {
        assert!(holds_word("on panic: x", "panic"));
        assert!(!holds_word("panicked", "panic"));
        assert!(holds_word("xpanic panic", "panic"));
        let credentials = Credentials { anywhere: vec!["s3cret".into()], words: vec!["dark".into()] };
        assert_eq!(credentials.shown_in("a [redacted] darkness"), None);
        assert_eq!(credentials.shown_in("[redacted]dark"), Some("dark"));
        assert_eq!(credentials.shown_in("xs3cretx"), Some("s3cret"));
    }
}
