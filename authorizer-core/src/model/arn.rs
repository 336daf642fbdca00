//! The `methodArn` API Gateway sends with every REST authorizer event.

use std::fmt;
use std::ops::Range;

/// A parsed, validated `execute-api` method ARN:
/// `arn:{partition}:execute-api:{region}:{account}:{api-id}/{stage}/{VERB}/{path}`.
///
/// API Gateway puts the *concrete* request path in it (path-parameter values substituted),
/// and the root resource's ARN ends in `/{VERB}/` with an empty path
/// ([ARN formats][arn-format]).
/// The partition is not always `aws` (`aws-cn`, `aws-us-gov`), which is why policies are
/// built from this ARN and never from a hard-coded prefix.
///
/// Every part before the path is checked, since a policy's resources are written from it: an
/// IAM wildcard (`*`, `?`) there would widen every route of the decision. The partition is
/// `aws` or `aws-` and lower-case words, the region lower-case letters, digits and `-`, the
/// account digits, the API id lower-case letters and digits, the stage letters, digits, `-`
/// and `_` (or `$default`), the verb upper-case letters (or `*` alone: see
/// [`MethodArn::verb`]). The path may hold anything but blanks and control characters: it is
/// the client's, and [`Route::request`](crate::Route::request) refuses to allow one that holds
/// a wildcard.
///
/// ```
/// use authorizer_core::MethodArn;
///
/// let arn: MethodArn = "arn:aws-cn:execute-api:cn-north-1:123456789012:abc123/prod/GET/pets/42"
///     .parse()
///     .unwrap();
/// assert_eq!(arn.partition(), "aws-cn");
/// assert_eq!(arn.region(), "cn-north-1");
/// assert_eq!(arn.account(), "123456789012");
/// assert_eq!(arn.api_id(), "abc123");
/// assert_eq!(arn.stage(), "prod");
/// assert_eq!(arn.verb(), "GET");
/// assert_eq!(arn.path(), "/pets/42");
/// ```
///
/// [arn-format]: https://docs.aws.amazon.com/apigateway/latest/developerguide/arn-format-reference.html
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct MethodArn {
    raw: String,
    partition: Range<usize>,
    region: Range<usize>,
    account: Range<usize>,
    api_id: Range<usize>,
    stage: Range<usize>,
    verb: Range<usize>,
}

/// Why a string is not an `execute-api` method ARN.
///
/// The message names the part that is wrong, never the ARN itself: the path can carry
/// request data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArnError {
    reason: &'static str,
}

impl fmt::Display for ArnError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "not an execute-api ARN (`arn:{{partition}}:execute-api:{{region}}:{{account}}:{{api-id}}/{{stage}}/...`): {}",
            self.reason
        )
    }
}

impl std::error::Error for ArnError {}

const fn fail<T>(reason: &'static str) -> Result<T, ArnError> {
    Err(ArnError { reason })
}

/// Whether `b` may not appear in an ARN field: ASCII whitespace or a control character
/// (every ASCII whitespace is a control character but the space).
const fn is_blank_or_control(b: u8) -> bool {
    b <= b' ' || b == 0x7f
}

/// Whether any byte of `bytes` is one `bad` says no to. A fold without an early exit, so
/// that the compiler checks many bytes per instruction: ARN fields are short.
fn any_byte(bytes: &[u8], bad: impl Fn(u8) -> bool) -> bool {
    bytes.iter().fold(false, |found, &b| found | bad(b))
}

/// An ARN field that must be present and hold only bytes `ok` accepts.
fn field(
    raw: &str,
    range: Range<usize>,
    ok: impl Fn(u8) -> bool,
    what: &'static str,
) -> Result<Range<usize>, ArnError> {
    let text = &raw.as_bytes()[range.clone()];
    if text.is_empty() || any_byte(text, |b| !ok(b)) {
        return fail(what);
    }
    Ok(range)
}

/// A partition: `aws`, or `aws-` and lower-case words joined by `-` (`aws-cn`, `aws-us-gov`,
/// `aws-iso-b`, `aws-eusc`, ...): never empty words, a trailing `-` or a wildcard.
fn is_partition(p: &str) -> bool {
    p.strip_prefix("aws").is_some_and(|rest| {
        rest.is_empty()
            || rest.strip_prefix('-').is_some_and(|words| {
                words.split('-').all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase()))
            })
    })
}

/// A region: lower-case letters, digits and `-` (`us-east-1`, `cn-north-1`, `us-gov-west-1`).
const fn is_region_byte(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'
}

/// An API id: lower-case letters and digits (`abcdef123`).
const fn is_api_id_byte(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit()
}

/// A stage name: letters, digits, `-` and `_` ([stage names][stage]); an HTTP API's default
/// stage, `$default`, is checked apart.
///
/// [stage]: https://docs.aws.amazon.com/apigateway/latest/api/API_CreateStage.html
const fn is_stage_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

/// A byte of a WebSocket route key: anything printable but `/` and IAM's wildcards `*`, `?`.
const fn is_route_key_byte(b: u8) -> bool {
    !is_blank_or_control(b) && b != b'/' && b != b'*' && b != b'?'
}

/// `str::splitn` over bytes, yielding ranges of `raw`: the ARN is parsed on every event, and
/// a byte scan is several times cheaper than the generic `char` pattern search.
struct SplitN<'a> {
    raw: &'a [u8],
    /// Where the next part starts; `None` once the last part was yielded.
    at: Option<usize>,
    sep: u8,
    /// How many parts may still be yielded; the last one takes the rest.
    left: usize,
}

impl<'a> SplitN<'a> {
    const fn new(raw: &'a str, from: usize, n: usize, sep: u8) -> Self {
        Self { raw: raw.as_bytes(), at: Some(from), sep, left: n }
    }

    /// The next part, or the error `what` when there is none.
    fn next_or(&mut self, what: &'static str) -> Result<Range<usize>, ArnError> {
        let Some(start) = self.at else { return fail(what) };
        self.left -= 1;
        let end = if self.left == 0 {
            None
        } else {
            self.raw[start..].iter().position(|&b| b == self.sep).map(|i| start + i)
        };
        let Some(end) = end else {
            self.at = None;
            return Ok(start..self.raw.len());
        };
        self.at = Some(end + 1);
        Ok(start..end)
    }
}

/// The ranges of the parts every `execute-api` ARN has, and where the rest starts.
struct Parts {
    partition: Range<usize>,
    region: Range<usize>,
    account: Range<usize>,
    api_id: Range<usize>,
    stage: Range<usize>,
    /// The offset of what follows `{stage}/`.
    rest: usize,
}

/// Parses `arn:{partition}:execute-api:{region}:{account}:{api-id}/{stage}/...`.
fn parse_parts(raw: &str) -> Result<Parts, ArnError> {
    if !raw.starts_with("arn:") {
        return fail("it does not start with `arn:`");
    }
    let mut parts = SplitN::new(raw, "arn:".len(), 5, b':');
    let partition = parts.next_or("the partition is missing")?;
    let service = parts.next_or("the service is missing")?;
    let region = parts.next_or("the region is missing")?;
    let account = parts.next_or("the account is missing")?;
    let resource = parts.next_or("the resource (`{api-id}/{stage}/...`) is missing")?;

    if !is_partition(&raw[partition.clone()]) {
        return fail("the partition is not `aws` or `aws-` and lower-case words (`aws-cn`, `aws-us-gov`, ...)");
    }
    if &raw[service] != "execute-api" {
        return fail("the service is not `execute-api`");
    }
    let region = field(raw, region, is_region_byte, "the region is empty or not lower-case letters, digits and `-`")?;
    let account = field(raw, account, |b| b.is_ascii_digit(), "the account is empty or not digits")?;

    let mut segments = SplitN::new(raw, resource.start, 3, b'/');
    let api_id = segments.next_or("the API id is missing")?;
    let stage = segments.next_or("the stage is missing")?;
    let api_id = field(raw, api_id, is_api_id_byte, "the API id is empty or not lower-case letters and digits")?;
    let stage = if &raw[stage.clone()] == "$default" {
        stage
    } else {
        field(raw, stage, is_stage_byte, "the stage is empty or not letters, digits, `-` and `_` (or `$default`)")?
    };
    if stage.end >= raw.len() {
        return fail("nothing follows the stage");
    }
    Ok(Parts { partition, region, account, api_id, stage: stage.clone(), rest: stage.end + 1 })
}

/// The accessors every `execute-api` ARN has.
macro_rules! common_accessors {
    () => {
        /// The whole ARN, as API Gateway sent it.
        #[must_use]
        pub fn as_str(&self) -> &str {
            &self.raw
        }

        /// `aws`, `aws-cn`, `aws-us-gov`, ...
        #[must_use]
        pub fn partition(&self) -> &str {
            &self.raw[self.partition.clone()]
        }

        /// The AWS region, e.g. `us-east-1`.
        #[must_use]
        pub fn region(&self) -> &str {
            &self.raw[self.region.clone()]
        }

        /// The AWS account id of the API.
        #[must_use]
        pub fn account(&self) -> &str {
            &self.raw[self.account.clone()]
        }

        /// The API id, e.g. `abcdef123`.
        #[must_use]
        pub fn api_id(&self) -> &str {
            &self.raw[self.api_id.clone()]
        }

        /// The stage name: letters, digits, `-` and `_`, or an HTTP API's default stage,
        /// `$default`. The console's authorizer test uses `ESTestInvoke-stage`. (Some of
        /// AWS's documentation examples show a stage `*`: no API sends it, and it is refused.)
        #[must_use]
        pub fn stage(&self) -> &str {
            &self.raw[self.stage.clone()]
        }

        /// `arn:{partition}:execute-api:{region}:{account}:{api-id}/{stage}/`: what every
        /// resource ARN of a policy for this API and stage starts with.
        #[must_use]
        pub fn stage_prefix(&self) -> &str {
            &self.raw[..=self.stage.end]
        }
    };
}

impl MethodArn {
    /// Parses and validates a method ARN (REST) or route ARN (HTTP API).
    ///
    /// # Errors
    ///
    /// When the string is not an `execute-api` ARN with a region, an account, an API id, a
    /// stage and an HTTP verb.
    pub fn parse(raw: impl Into<String>) -> Result<Self, ArnError> {
        let raw = raw.into();
        let Parts { partition, region, account, api_id, stage, rest } = parse_parts(&raw)?;
        let verb_end = raw.as_bytes()[rest..].iter().position(|&b| b == b'/').map(|i| rest + i);
        let Some(verb_end) = verb_end else {
            return fail("there is no `/` after the HTTP verb (a WebSocket ARN has none: see `WebSocketArn`)");
        };
        let verb = rest..verb_end;
        // `*` alone is what the console's authorizer test sends: parsed, never allowed as is
        // (see `Route::request`).
        if &raw[verb.clone()] != "*" {
            field(
                &raw,
                verb.clone(),
                |b| b.is_ascii_uppercase(),
                "the HTTP verb is empty or not an upper-case method name",
            )?;
        }
        // The path may be empty (root resource).
        if any_byte(&raw.as_bytes()[verb.end..], is_blank_or_control) {
            return fail("the path holds whitespace or control characters");
        }
        Ok(Self { raw, partition, region, account, api_id, stage, verb })
    }

    common_accessors!();

    /// The HTTP verb of the request, e.g. `GET`: upper-case letters, or `*` alone, which the
    /// console's authorizer test sends (`.../ESTestInvoke-stage/*/`). A decision that allows
    /// [`Route::request`](crate::Route::request) on a `*` verb fails: it would allow every verb.
    #[must_use]
    pub fn verb(&self) -> &str {
        &self.raw[self.verb.clone()]
    }

    /// The concrete request path with a leading `/`: `/pets/42`, or `/` for the root resource.
    #[must_use]
    pub fn path(&self) -> &str {
        &self.raw[self.verb.end..]
    }
}

/// The `methodArn` of a WebSocket `$connect` authorizer event:
/// `arn:{partition}:execute-api:{region}:{account}:{api-id}/{stage}/{route-key}`, with a route
/// key such as `$connect` and no HTTP verb ([WebSocket authorizers][ws]).
///
/// The parts before the route key are checked as for [`MethodArn`]; the route key may hold
/// anything but `/`, `*`, `?`, blanks and control characters.
///
/// ```
/// use authorizer_core::WebSocketArn;
///
/// let arn: WebSocketArn = "arn:aws:execute-api:us-east-1:123456789012:abcdef123/default/$connect".parse().unwrap();
/// assert_eq!(arn.stage(), "default");
/// assert_eq!(arn.route_key(), "$connect");
/// ```
///
/// [ws]: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-lambda-auth.html
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct WebSocketArn {
    raw: String,
    partition: Range<usize>,
    region: Range<usize>,
    account: Range<usize>,
    api_id: Range<usize>,
    stage: Range<usize>,
}

impl WebSocketArn {
    /// Parses and validates a WebSocket route ARN.
    ///
    /// # Errors
    ///
    /// When the string is not an `execute-api` ARN with a region, an account, an API id, a
    /// stage and one route key.
    pub fn parse(raw: impl Into<String>) -> Result<Self, ArnError> {
        let raw = raw.into();
        let Parts { partition, region, account, api_id, stage, rest } = parse_parts(&raw)?;
        field(
            &raw,
            rest..raw.len(),
            is_route_key_byte,
            "the route key is empty or holds `/`, `*`, `?` or blanks (a WebSocket ARN ends in one route key, such as `$connect`)",
        )?;
        Ok(Self { raw, partition, region, account, api_id, stage })
    }

    common_accessors!();

    /// The route key, e.g. `$connect`.
    #[must_use]
    pub fn route_key(&self) -> &str {
        &self.raw[self.stage.end + 1..]
    }
}

impl std::str::FromStr for WebSocketArn {
    type Err = ArnError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl fmt::Display for WebSocketArn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.raw)
    }
}

impl fmt::Debug for WebSocketArn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "WebSocketArn({:?})", self.raw)
    }
}

/// The ARN of an authorizer request, whatever its kind: what a decision's routes are
/// written against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestArn<'a> {
    /// A REST method ARN or an HTTP API route ARN.
    Method(&'a MethodArn),
    /// A WebSocket route ARN.
    WebSocket(&'a WebSocketArn),
}

impl RequestArn<'_> {
    /// The whole ARN.
    #[must_use]
    pub fn as_str(&self) -> &str {
        match self {
            Self::Method(arn) => arn.as_str(),
            Self::WebSocket(arn) => arn.as_str(),
        }
    }

    /// What every resource ARN of a policy for this API and stage starts with.
    #[must_use]
    pub fn stage_prefix(&self) -> &str {
        match self {
            Self::Method(arn) => arn.stage_prefix(),
            Self::WebSocket(arn) => arn.stage_prefix(),
        }
    }
}

/// An owned [`RequestArn`], kept while the request itself is with the user's function.
#[derive(Debug, Clone)]
pub(crate) enum OwnedArn {
    Method(MethodArn),
    WebSocket(WebSocketArn),
}

impl OwnedArn {
    pub(crate) fn of(arn: RequestArn<'_>) -> Self {
        match arn {
            RequestArn::Method(arn) => Self::Method(arn.clone()),
            RequestArn::WebSocket(arn) => Self::WebSocket(arn.clone()),
        }
    }

    pub(crate) const fn as_ref(&self) -> RequestArn<'_> {
        match self {
            Self::Method(arn) => RequestArn::Method(arn),
            Self::WebSocket(arn) => RequestArn::WebSocket(arn),
        }
    }
}

impl std::str::FromStr for MethodArn {
    type Err = ArnError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl fmt::Display for MethodArn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.raw)
    }
}

/// Shows the ARN up to the verb, and each path segment as `…`: the path carries request
/// values (`/reset/<token>`). `Display` and [`MethodArn::as_str`] give it whole.
impl fmt::Debug for MethodArn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = format!("{}{}", &self.raw[..self.verb.end], super::MaskedPath(self.path()));
        write!(f, "MethodArn({shown:?})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arn(s: &str) -> MethodArn {
        s.parse().unwrap()
    }

    #[test]
    fn parses_every_part_of_a_nested_path() {
        let a = arn("arn:aws:execute-api:us-east-1:123456789012:abcdef123/test/GET/pets/1/toys");
        assert_eq!(a.partition(), "aws");
        assert_eq!(a.region(), "us-east-1");
        assert_eq!(a.account(), "123456789012");
        assert_eq!(a.api_id(), "abcdef123");
        assert_eq!(a.stage(), "test");
        assert_eq!(a.verb(), "GET");
        assert_eq!(a.path(), "/pets/1/toys");
        assert_eq!(a.stage_prefix(), "arn:aws:execute-api:us-east-1:123456789012:abcdef123/test/");
    }

    #[test]
    fn websocket_arns_have_a_route_key_and_no_verb() {
        let a: WebSocketArn = "arn:aws:execute-api:us-east-1:123456789012:abcdef123/default/$connect".parse().unwrap();
        assert_eq!((a.api_id(), a.stage(), a.route_key()), ("abcdef123", "default", "$connect"));
        assert_eq!(a.stage_prefix(), "arn:aws:execute-api:us-east-1:123456789012:abcdef123/default/");
        assert!(MethodArn::parse(a.as_str()).unwrap_err().to_string().contains("WebSocketArn"));
        for bad in [
            "arn:aws:execute-api:us-east-1:1:a/default/",
            "arn:aws:execute-api:us-east-1:1:a/default",
            "arn:aws:execute-api:us-east-1:1:a/default/GET/x",
            "arn:aws:lambda:us-east-1:1:a/default/$connect",
        ] {
            assert!(WebSocketArn::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn http_api_default_stage() {
        let a = arn("arn:aws:execute-api:us-east-1:123456789012:abcdef123/$default/GET/pets");
        assert_eq!((a.stage(), a.verb(), a.path()), ("$default", "GET", "/pets"));
    }

    #[test]
    fn root_resource_has_path_slash() {
        let a = arn("arn:aws:execute-api:us-west-2:123456789012:ymy8tbxw7b/dev/GET/");
        assert_eq!(a.stage(), "dev");
        assert_eq!(a.verb(), "GET");
        assert_eq!(a.path(), "/");
    }

    #[test]
    fn wildcards_before_the_path_are_refused() {
        let p = "arn:aws:execute-api:us-east-1:123456789012";
        for (s, reason) in [
            // The developer guide's TOKEN example: stage `*` covers every stage.
            ("arn:aws:execute-api:us-west-2:123456789012:ymy8tbxw7b/*/GET/".into(), "the stage is"),
            ("arn:aws:execute-api:*:*:*/*/GET/pets".into(), "the region is"),
            (format!("{p}:abc/pro?/GET/x"), "the stage is"),
            (format!("{p}:abc/pr*d/GET/x"), "the stage is"),
            (format!("{p}:ab*/prod/GET/x"), "the API id is"),
            (format!("{p}:ab?/prod/GET/x"), "the API id is"),
            (format!("{p}:ABC/prod/GET/x"), "the API id is"),
            ("arn:aws:execute-api:us-east-1:12345678901*:abc/prod/GET/x".into(), "the account is"),
            ("arn:aws:execute-api:us-east-1:?23456789012:abc/prod/GET/x".into(), "the account is"),
            ("arn:aws:execute-api:us-east-*:123456789012:abc/prod/GET/x".into(), "the region is"),
            ("arn:aws:execute-api:us-east-?:123456789012:abc/prod/GET/x".into(), "the region is"),
            ("arn:aws:execute-api:US-EAST-1:123456789012:abc/prod/GET/x".into(), "the region is"),
            ("arn:aws*:execute-api:us-east-1:123456789012:abc/prod/GET/x".into(), "the partition is"),
            ("arn:*:execute-api:us-east-1:123456789012:abc/prod/GET/x".into(), "the partition is"),
            ("arn:aws-:execute-api:us-east-1:123456789012:abc/prod/GET/x".into(), "the partition is"),
            ("arn:aws--cn:execute-api:us-east-1:123456789012:abc/prod/GET/x".into(), "the partition is"),
            ("arn:aws-cn-:execute-api:us-east-1:123456789012:abc/prod/GET/x".into(), "the partition is"),
            ("arn:aws-?:execute-api:us-east-1:123456789012:abc/prod/GET/x".into(), "the partition is"),
            ("arn:awscn:execute-api:us-east-1:123456789012:abc/prod/GET/x".into(), "the partition is"),
            // `*/pets` would cover `GET /x/pets`: IAM's `*` crosses `/`.
            (format!("{p}:abc/prod/G*/pets"), "the HTTP verb is"),
            (format!("{p}:abc/prod/**/pets"), "the HTTP verb is"),
            (format!("{p}:abc/prod/GE?/pets"), "the HTTP verb is"),
            (format!("{p}:abc/prod/?/pets"), "the HTTP verb is"),
        ] {
            let err = MethodArn::parse(s.as_str()).map(|a| a.to_string()).unwrap_err();
            assert!(err.to_string().contains(reason), "{s:?}: {err}");
        }
        // The parts as API Gateway writes them.
        for partition in ["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"] {
            let a = arn(&format!("arn:{partition}:execute-api:us-gov-west-1:123456789012:a1b2c3/Stage_2-b/DELETE/x"));
            assert_eq!((a.partition(), a.stage(), a.verb()), (partition, "Stage_2-b", "DELETE"));
        }
        // The path is the client's: a wildcard there is parsed, and never allowed as is.
        assert_eq!(arn(&format!("{p}:abc/prod/GET/pets/*")).path(), "/pets/*");
    }

    #[test]
    fn other_partitions() {
        assert_eq!(arn("arn:aws-us-gov:execute-api:us-gov-west-1:1:a/s/POST/x").partition(), "aws-us-gov");
        assert_eq!(arn("arn:aws-cn:execute-api:cn-north-1:1:a/s/POST/x").partition(), "aws-cn");
    }

    #[test]
    fn console_test_stage_and_wildcard_verb() {
        // Parsed; `Route::request()` refuses to allow it (see the route tests).
        let a = arn("arn:aws:execute-api:us-east-1:123456789012:ivdtdhp7b5/ESTestInvoke-stage/*/");
        assert_eq!(a.stage(), "ESTestInvoke-stage");
        assert_eq!(a.verb(), "*");
    }

    #[test]
    fn rejects_what_is_not_a_method_arn_and_says_why() {
        let p = "arn:aws:execute-api:us-east-1:123456789012";
        let cases = [
            (String::new(), "it does not start with `arn:`"),
            ("arn".into(), "it does not start with `arn:`"),
            ("not-an-arn".into(), "it does not start with `arn:`"),
            ("arn:".into(), "the service is missing"),
            ("arn:aws".into(), "the service is missing"),
            ("arn:aws:execute-api".into(), "the region is missing"),
            ("arn:aws:execute-api:us-east-1".into(), "the account is missing"),
            (p.into(), "the resource (`{api-id}/{stage}/...`) is missing"),
            ("arn:aws:lambda:us-east-1:123456789012:function:f".into(), "the service is not `execute-api`"),
            ("arn:gcp:execute-api:us-east-1:123456789012:abc/prod/GET/".into(), "the partition is not `aws` or `aws-`"),
            ("arn:AWS:execute-api:us-east-1:123456789012:abc/prod/GET/".into(), "the partition is not `aws` or `aws-`"),
            ("arn:aws:execute-api::123456789012:abc/prod/GET/".into(), "the region is empty or not"),
            ("arn:aws:execute-api:us east:123456789012:abc/prod/GET/".into(), "the region is empty or not"),
            ("arn:aws:execute-api:us-east-1::abc/prod/GET/".into(), "the account is empty or not digits"),
            ("arn:aws:execute-api:us-east-1:1/2:abc/prod/GET/".into(), "the account is empty or not digits"),
            (format!("{p}:abc"), "the stage is missing"),
            (format!("{p}:abc/prod"), "nothing follows the stage"),
            (format!("{p}:/prod/GET/"), "the API id is empty or not"),
            (format!("{p}:a\u{7f}c/prod/GET/"), "the API id is empty or not"),
            (format!("{p}:abc//GET/"), "the stage is empty or not"),
            (format!("{p}:abc/prod/"), "there is no `/` after the HTTP verb"),
            (format!("{p}:abc/prod/GET"), "there is no `/` after the HTTP verb"),
            (format!("{p}:abc/default/$connect"), "there is no `/` after the HTTP verb"),
            (format!("{p}:abc/prod//x"), "the HTTP verb is empty or not"),
            (format!("{p}:abc/prod/get/x"), "the HTTP verb is empty or not an upper-case method name"),
            (format!("{p}:abc/prod/GET/a b"), "the path holds whitespace or control characters"),
            (format!("{p}:abc/prod/GET/a\tb"), "the path holds whitespace or control characters"),
        ];
        for (s, reason) in cases {
            let err = MethodArn::parse(s.as_str()).map(|a| a.to_string()).unwrap_err();
            assert!(err.to_string().contains(reason), "{s:?}: {err}");
        }
        // The path may hold `:` and `/`; the stage neither.
        assert!(MethodArn::parse(format!("{p}:abc/prod/GET/a:b/c")).is_ok());
        assert!(MethodArn::parse(format!("{p}:abc/pro:d/GET/a:b/c")).is_err());
    }

    #[test]
    fn websocket_arns_are_checked_the_same_way() {
        let p = "arn:aws:execute-api:us-east-1:123456789012";
        for (s, reason) in [
            (format!("{p}:abc/default"), "nothing follows the stage"),
            (format!("{p}:abc/default/"), "the route key is empty or holds"),
            (format!("{p}:abc/default/$connect/x"), "the route key is empty or holds"),
            (format!("{p}:abc/default/$con nect"), "the route key is empty or holds"),
            (format!("{p}:abc/default/*"), "the route key is empty or holds"),
            (format!("{p}:abc/default/$conn?ct"), "the route key is empty or holds"),
            (format!("{p}:abc/default/send*"), "the route key is empty or holds"),
            (format!("{p}:abc/*/$connect"), "the stage is"),
            (format!("{p}:a?c/default/$connect"), "the API id is"),
            ("arn:aws:execute-api:*:123456789012:abc/default/$connect".into(), "the region is"),
            ("arn:aws:execute-api:us-east-1:*:abc/default/$connect".into(), "the account is"),
            ("arn:aws-:execute-api:us-east-1:123456789012:abc/default/$connect".into(), "the partition is"),
            ("arn:aws:execute-api:us-east-1::abc/default/$connect".into(), "the account is empty or not digits"),
        ] {
            let err = WebSocketArn::parse(s.as_str()).map(|a| a.to_string()).unwrap_err();
            assert!(err.to_string().contains(reason), "{s:?}: {err}");
        }
        for key in ["$connect", "$default", "$disconnect", "sendMessage", "chat.send", "é"] {
            let a = WebSocketArn::parse(format!("{p}:abc/$default/{key}")).unwrap();
            assert_eq!((a.stage(), a.route_key()), ("$default", key));
        }
    }

    #[test]
    fn error_never_echoes_the_arn() {
        let err = MethodArn::parse("arn:aws:execute-api:r:1:a/s/GET/secret-token value").unwrap_err();
        assert!(!err.to_string().contains("secret-token"), "{err}");
        assert!(err.to_string().contains("whitespace"), "{err}");
    }
}
