//! IAM's wildcard match for `Resource` ARNs: `*` is any run of characters (`/` included),
//! `?` is exactly one character, everything else matches itself, case-sensitively ([IAM
//! `Resource`][iam-resource]; API Gateway documents no case rule, and IAM matches ARNs
//! case-sensitively).
//!
//! [iam-resource]: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html

/// Whether `pattern` matches the whole of `text`.
#[must_use]
pub fn matches(pattern: &str, text: &str) -> bool {
    let (p, t) = (pattern.as_bytes(), text.as_bytes());
    // Every character of a pattern matches itself (`*` and `?` included): a resource that
    // is the request's own ARN is one comparison.
    if p == t {
        return true;
    }
    // Up to the first wildcard, both must be the same bytes: compared at once (most
    // resources are a literal ARN or a long literal prefix and a `*`).
    let literal = p.iter().position(|&c| c == b'*' || c == b'?').unwrap_or(p.len());
    if literal == p.len() {
        return p == t;
    }
    if !t.starts_with(&p[..literal]) {
        return false;
    }
    let (mut pi, mut ti) = (literal, literal);
    // Where the last `*` was, and how much of `text` it has swallowed so far.
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        match p.get(pi) {
            Some(b'*') => {
                star = Some((pi, ti));
                pi += 1;
            }
            // `?` is one character: skip a whole UTF-8 sequence.
            Some(b'?') => {
                pi += 1;
                ti += utf8_len(t[ti]);
            }
            Some(&c) if c == t[ti] => {
                pi += 1;
                ti += 1;
            }
            _ => match star {
                // The `*` swallows one more character (a whole UTF-8 sequence: stopping
                // inside one would let a `?` match a continuation byte).
                Some((sp, st)) => {
                    let next = st + utf8_len(t[st]);
                    pi = sp + 1;
                    ti = next;
                    star = Some((sp, next));
                }
                None => return false,
            },
        }
    }
    p[pi..].iter().all(|&c| c == b'*')
}

const fn utf8_len(first: u8) -> usize {
    match first {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::matches;

    /// IAM's rule as a regular expression: `*` is `.*`, `?` is `.`, the rest is literal.
    fn oracle(pattern: &str, text: &str) -> bool {
        let mut re = String::from("(?s)^");
        for c in pattern.chars() {
            match c {
                '*' => re.push_str(".*"),
                '?' => re.push('.'),
                c => re.push_str(&regex_lite::escape(&c.to_string())),
            }
        }
        re.push('$');
        regex_lite::Regex::new(&re).unwrap().is_match(text)
    }

    proptest! {
        #[test]
        fn agrees_with_the_regex_oracle(pattern in "[ab/é✓𝄞*?]{0,10}", text in "[ab/é✓𝄞*?]{0,10}") {
            prop_assert_eq!(matches(&pattern, &text), oracle(&pattern, &text), "{:?} {:?}", pattern, text);
            // A pattern matches its own text, wildcards included.
            prop_assert!(matches(&pattern, &pattern));
        }
    }

    const P: &str = "arn:aws:execute-api:us-east-1:1:a/prod/";

    #[test]
    fn star_crosses_slashes_but_literal_slash_stays() {
        assert!(matches(&format!("{P}GET/pets/*"), &format!("{P}GET/pets/1")));
        assert!(matches(&format!("{P}GET/pets/*"), &format!("{P}GET/pets/1/toys")));
        assert!(!matches(&format!("{P}GET/pets/*"), &format!("{P}GET/pets")));
        assert!(matches(&format!("{P}*/*"), &format!("{P}GET/")));
        assert!(matches(&format!("{P}*/*"), &format!("{P}DELETE/a/b/c")));
        assert!(!matches(&format!("{P}GET/"), &format!("{P}GET/pets")));
        assert!(matches(&format!("{P}GET/"), &format!("{P}GET/")));
    }

    #[test]
    fn question_mark_is_one_character() {
        assert!(matches("a?c", "abc"));
        assert!(matches("a?c", "aéc"));
        assert!(!matches("a?c", "ac"));
        assert!(!matches("a?c", "abbc"));
        // After a `*`, a `?` is still one whole character, of any length in UTF-8.
        assert!(!matches("*??a*", "✓a✓"));
        assert!(matches("*?a*", "✓a✓"));
        assert!(matches("*?", "𝄞"));
        assert!(!matches("*??", "𝄞"));
    }

    #[test]
    fn case_sensitive_and_anchored() {
        assert!(!matches("GET/pets", "get/pets"));
        assert!(!matches("GET/pets", "GET/pets/1"));
        assert!(!matches("GET/pets", "xGET/pets"));
        assert!(matches("*", ""));
        assert!(matches("**a**", "xxaxx"));
        assert!(!matches("", "a"));
    }
}
