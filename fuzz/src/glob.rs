//! IAM's matching of a policy resource against a request ARN: `*` matches any run of
//! characters (`/` included), `?` any one character, anything else itself.

/// Whether `text` matches `pattern`, by dynamic programming over characters.
#[must_use]
pub fn matches(pattern: &str, text: &str) -> bool {
    let pattern: Vec<char> = pattern.chars().collect();
    let text: Vec<char> = text.chars().collect();
    // `row[j]`: whether the pattern read so far matches the first `j` characters of `text`.
    let mut row = vec![false; text.len() + 1];
    row[0] = true;
    for &p in &pattern {
        let mut next = vec![false; text.len() + 1];
        if p == '*' {
            let mut any = false;
            for j in 0..=text.len() {
                any |= row[j];
                next[j] = any;
            }
        } else {
            for j in 1..=text.len() {
                next[j] = row[j - 1] && (p == '?' || p == text[j - 1]);
            }
        }
        row = next;
    }
    row[text.len()]
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn iam_wildcards() {
        assert!(matches("a/*", "a/b/c"));
        assert!(matches("a/*", "a/"));
        assert!(!matches("a/*", "a"));
        assert!(matches("a?c", "abc"));
        assert!(!matches("a?c", "ac"));
        assert!(matches("*", ""));
        assert!(!matches("abc", "abd"));
    }
}
