//! The ARN rules of `MethodArn` and `WebSocketArn`, restated from their documentation:
//! `arn:{partition}:execute-api:{region}:{account}:{api-id}/{stage}/...`, where the partition
//! is `aws` or `aws-` and lower-case words, the region lower-case letters, digits and `-`,
//! the account digits, the API id lower-case letters and digits, the stage letters, digits,
//! `-` and `_` (or `$default`); then a verb of upper-case letters (or `*` alone) and a path
//! without blanks or control characters, or a WebSocket route key without `/`, `*`, `?`,
//! blanks or control characters.

/// The parts of an ARN, as slices of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Head<'a> {
    pub partition: &'a str,
    pub region: &'a str,
    pub account: &'a str,
    pub api_id: &'a str,
    pub stage: &'a str,
    /// Everything up to and including the `/` after the stage.
    pub stage_prefix: &'a str,
    /// What follows the stage prefix.
    pub rest: &'a str,
}

/// A method ARN's verb and path (with its leading `/`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Method<'a> {
    pub head: Head<'a>,
    pub verb: &'a str,
    pub path: &'a str,
}

fn all(text: &str, ok: impl Fn(u8) -> bool) -> bool {
    !text.is_empty() && text.bytes().all(ok)
}

/// Whether `b` is a blank or a control character.
#[must_use]
pub const fn is_blank_or_control(b: u8) -> bool {
    b <= b' ' || b == 0x7f
}

fn is_partition(p: &str) -> bool {
    p == "aws"
        || p.strip_prefix("aws-").is_some_and(|words| words.split('-').all(|w| all(w, |b| b.is_ascii_lowercase())))
}

/// The parts every `execute-api` ARN has, or `None` when one breaks its rule.
#[must_use]
pub fn head(raw: &str) -> Option<Head<'_>> {
    let body = raw.strip_prefix("arn:")?;
    let mut parts = body.splitn(5, ':');
    let (partition, service, region, account, resource) =
        (parts.next()?, parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    let mut segments = resource.splitn(3, '/');
    let (api_id, stage, rest) = (segments.next()?, segments.next()?, segments.next()?);
    let valid = is_partition(partition)
        && service == "execute-api"
        && all(region, |b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && all(account, |b| b.is_ascii_digit())
        && all(api_id, |b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && (stage == "$default" || all(stage, |b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
    let stage_prefix = &raw[..raw.len() - rest.len()];
    valid.then_some(Head { partition, region, account, api_id, stage, stage_prefix, rest })
}

/// A method ARN (REST, HTTP API) by the documented rules, or `None`.
#[must_use]
pub fn method(raw: &str) -> Option<Method<'_>> {
    let head = head(raw)?;
    let slash = head.rest.find('/')?;
    let (verb, path) = head.rest.split_at(slash);
    let verb_ok = verb == "*" || all(verb, |b| b.is_ascii_uppercase());
    (verb_ok && !path.bytes().any(is_blank_or_control)).then_some(Method { head, verb, path })
}

/// A WebSocket route ARN by the documented rules: its head and its route key, or `None`.
#[must_use]
pub fn websocket(raw: &str) -> Option<(Head<'_>, &str)> {
    let head = head(raw)?;
    let key_ok = all(head.rest, |b| !is_blank_or_control(b) && !matches!(b, b'/' | b'*' | b'?'));
    key_ok.then_some((head, head.rest))
}

/// Whether `text` holds an IAM wildcard.
#[must_use]
pub fn has_wildcard(text: &str) -> bool {
    text.contains(['*', '?'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_examples() {
        let m = method("arn:aws-cn:execute-api:cn-north-1:123456789012:abc123/prod/GET/pets/42").unwrap();
        assert_eq!((m.head.partition, m.head.region, m.head.account), ("aws-cn", "cn-north-1", "123456789012"));
        assert_eq!((m.head.api_id, m.head.stage, m.verb, m.path), ("abc123", "prod", "GET", "/pets/42"));
        assert_eq!(m.head.stage_prefix, "arn:aws-cn:execute-api:cn-north-1:123456789012:abc123/prod/");
        assert_eq!(method("arn:aws:execute-api:r:1:a/ESTestInvoke-stage/*/").unwrap().verb, "*");
        let (head, key) = websocket("arn:aws:execute-api:us-east-1:123456789012:abcdef123/default/$connect").unwrap();
        assert_eq!((head.stage, key), ("default", "$connect"));
    }

    #[test]
    fn wildcards_before_the_path_are_refused() {
        for arn in [
            "arn:aws:execute-api:us-east-1:123456789012:abc/*/GET/",
            "arn:aws:execute-api:*:123456789012:abc/prod/GET/",
            "arn:aws:execute-api:us-east-1:12345678901?:abc/prod/GET/",
            "arn:aws:execute-api:us-east-1:123456789012:*/prod/GET/",
            "arn:*:execute-api:us-east-1:123456789012:abc/prod/GET/",
            "arn:aws:execute-api:us-east-1:123456789012:abc/prod/G*/",
            "arn:aws-:execute-api:us-east-1:123456789012:abc/prod/GET/",
        ] {
            assert!(method(arn).is_none() && websocket(arn).is_none(), "{arn}");
        }
        assert!(websocket("arn:aws:execute-api:r:1:a/s/$conn*ect").is_none());
        // A route key, not a verb and a path.
        assert!(
            method("arn:aws:execute-api:r:1:a/s/GET").is_none()
                && websocket("arn:aws:execute-api:r:1:a/s/GET").is_some()
        );
        assert!(method("arn:aws:execute-api:r:1:a/s/GET/a b").is_none());
    }
}
