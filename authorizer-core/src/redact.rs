//! Masks credentials in text that goes to logs or to the Lambda error.

use std::borrow::Cow;

use crate::AuthorizerRequest;

/// What a masked credential becomes.
pub(crate) const MASK: &str = "[redacted]";

/// Shorter values are not masked: masking them would garble any text without protecting
/// anything worth the name.
const MIN_SECRET_LEN: usize = 4;

/// The credentials of one request, to mask wherever they appear.
#[derive(Default)]
pub(crate) struct Secrets(Vec<String>);

impl Secrets {
    pub(crate) fn of<R: AuthorizerRequest>(request: &R) -> Self {
        let mut secrets = Vec::new();
        request.for_each_secret(&mut |value| {
            // `Scheme credential` (`Bearer xyz`): the credential alone may be quoted too.
            let credential = value.split_once(' ').map(|(_, c)| c.trim());
            for part in std::iter::once(value).chain(credential) {
                if part.len() >= MIN_SECRET_LEN && !secrets.iter().any(|s: &String| s == part) {
                    secrets.push(part.to_owned());
                }
            }
        });
        // Longest first, so a value is masked whole before any part of it.
        secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
        Self(secrets)
    }

    /// `text` with every credential replaced by [`MASK`].
    pub(crate) fn mask<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let mut text = Cow::Borrowed(text);
        for secret in &self.0 {
            if text.contains(secret.as_str()) {
                text = Cow::Owned(text.replace(secret.as_str(), MASK));
            }
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::TokenRequest;

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
