//! Routes: what a decision allows or denies, turned into policy resource ARNs.

use std::borrow::Cow;
use std::fmt;

use super::RequestArn;
use super::pattern::{INVALID_PATTERN, RoutePattern, as_static, closing_brace, is_literal, pattern_error};

/// API Gateway's limit on a `Resource` ARN in an authorizer's policy, "currently limited to 512
/// characters" ([authorizer output][output]).
///
/// [output]: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html
pub const MAX_RESOURCE_ARN_LEN: usize = 512;

/// The HTTP verb of a [`Route`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verb {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `PATCH`
    Patch,
    /// `DELETE`
    Delete,
    /// `HEAD`
    Head,
    /// `OPTIONS`
    Options,
    /// Any verb: one resource per verb in the policy (`*/*` for [`Route::everything`]).
    Any,
}

impl Verb {
    /// Every HTTP verb API Gateway puts in a method ARN.
    pub const ALL: [Self; 7] = [Self::Get, Self::Post, Self::Put, Self::Patch, Self::Delete, Self::Head, Self::Options];

    /// The verb as it stands in a resource ARN.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Patch => "PATCH",
            Self::Delete => "DELETE",
            Self::Head => "HEAD",
            Self::Options => "OPTIONS",
            Self::Any => "*",
        }
    }
}

impl fmt::Display for Verb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A route a [`Decision`](crate::Decision) allows or denies: a verb and a path pattern.
///
/// A route becomes a policy `Resource` relative to the incoming method ARN, so it keeps the
/// request's partition, region, account, API and stage:
/// `Route::get("/pets/*")` under `arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets/1`
/// is `arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets/*`.
///
/// # Patterns
///
/// A pattern starts with `/`. `*` matches any run of characters, **including `/`**, as IAM
/// does: `/pets/*` covers `/pets/1` and `/pets/1/toys` but not `/pets`; `/*` covers every path
/// including the root `/`. Literal characters are the ones a URL path may hold unescaped
/// (`A-Z a-z 0-9 - . _ ~ ! $ & ' ( ) + , ; = : @ %`). `?`, blanks, empty segments (`//`) and a
/// trailing `/` (other than the root `/`) are invalid.
///
/// Patterns are `&'static str` ([`RoutePattern`]), so request data can never become a
/// pattern. Data goes into `{name}` placeholders, bound with [`Route::bind`]; a bound value
/// may hold only literal characters, so a user id such as `*` or `../admin` can never widen
/// a policy. Nor may it be `.` or `..` or hold `%`: IAM compares paths as they are, but a
/// backend that decodes or normalises them would read `/users/../*` or
/// `/users/x%2F..%2Fbob/*` as another user's path. [`Route::bind_raw`] takes such values, for a backend that does neither.
///
/// An invalid pattern or value makes the decision fail closed: the invocation fails (API
/// Gateway answers 500) and the log says which route was wrong. [`Route::check`] finds the
/// mistake in a unit test, and [`route!`](crate::route!) finds an invalid pattern while
/// compiling.
///
/// ```
/// use authorizer_core::Route;
///
/// let own_orders = Route::get("/users/{id}/orders/*").bind("id", "u-42");
/// assert_eq!(own_orders.path().unwrap(), "/users/u-42/orders/*");
///
/// let widened = Route::get("/users/{id}/orders/*").bind("id", "*");
/// assert!(widened.check().is_err());
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Route {
    verb: Verb,
    target: Target,
}

#[derive(Clone, PartialEq, Eq, Hash)]
enum Target {
    Pattern {
        pattern: &'static str,
        values: Vec<Binding>,
    },
    /// The incoming request's own method ARN, verbatim.
    Request,
    /// Every route of the stage.
    Everything,
}

/// A value bound to a placeholder.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Binding {
    name: &'static str,
    value: String,
    /// Bound with [`Route::bind_raw`]: `.`, `..` and `%` are taken as they are.
    raw: bool,
}

/// Why a route cannot become a resource ARN.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RouteError {
    /// The pattern breaks the pattern rules; `reason` says which.
    InvalidPattern {
        /// The pattern as written.
        pattern: &'static str,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A `{name}` placeholder has no value.
    Unbound {
        /// The pattern.
        pattern: &'static str,
        /// The placeholder.
        name: String,
    },
    /// [`Route::bind`] named a placeholder the pattern does not have.
    UnknownPlaceholder {
        /// The pattern.
        pattern: &'static str,
        /// The name given to `bind`.
        name: &'static str,
    },
    /// A bound value is empty or holds a character that is not a literal path character
    /// (such as `*`, `?` or `/`). The value itself is not repeated: it is request data.
    InvalidValue {
        /// The pattern.
        pattern: &'static str,
        /// The placeholder.
        name: &'static str,
    },
    /// A value given to [`Route::bind`] is `.` or `..` or holds `%`. IAM compares it as it
    /// is, but a backend that decodes or normalises paths would serve another resource
    /// (`/users/{id}/*` bound to `..` is `/users/../*`, that is `/*`; `x%2F..%2Fbob` decodes
    /// to `x/../bob`). [`Route::bind_raw`] takes such values, for a backend that does
    /// neither. The value itself is not repeated: it is request data.
    DotOrPercentValue {
        /// The pattern.
        pattern: &'static str,
        /// The placeholder.
        name: &'static str,
    },
    /// The request's ARN holds a wildcard character (`*` or `?`): in its path, or as its verb
    /// (the console's authorizer test sends the verb `*`). Allowing "exactly this request"
    /// would allow more than this request. (Denying it is fine: that only denies more.)
    WildcardInRequest,
    /// A path route in a WebSocket decision: a WebSocket API has route keys, not paths.
    NotForWebSocket {
        /// The route, as `VERB /path`.
        route: String,
    },
    /// The resource ARN would exceed API Gateway's 512-character limit.
    TooLong {
        /// The route, as `VERB /path`.
        route: String,
        /// The length of the resource ARN.
        len: usize,
    },
}

impl fmt::Display for RouteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidPattern { pattern, reason } => {
                write!(f, "{INVALID_PATTERN} `{pattern}`: {reason}")
            }
            Self::Unbound { pattern, name } => {
                write!(
                    f,
                    "route pattern `{pattern}`: placeholder `{{{name}}}` has no value; give it one with `.bind(\"{name}\", value)`"
                )
            }
            Self::UnknownPlaceholder { pattern, name } => {
                write!(f, "route pattern `{pattern}` has no placeholder `{{{name}}}` to bind")
            }
            Self::InvalidValue { pattern, name } => write!(
                f,
                "route pattern `{pattern}`: the value bound to `{{{name}}}` is empty or holds a character that is not a literal path character (such as `*`, `?` or `/`), which could widen the policy"
            ),
            Self::DotOrPercentValue { pattern, name } => write!(
                f,
                "route pattern `{pattern}`: the value bound to `{{{name}}}` is `.` or `..` or holds `%`, which a backend that decodes or normalises paths would read as another path; refuse the request (say, `Unauthorized`), or bind it with `.bind_raw(\"{name}\", value)` if the backend takes paths as they are"
            ),
            Self::WildcardInRequest => f.write_str(
                "the request's ARN holds `*` or `?` (in its path, or as its verb in the console's authorizer test), so allowing exactly this request would allow other requests too; allow declared routes instead",
            ),
            Self::NotForWebSocket { route } => write!(
                f,
                "route `{route}` is a path, but a WebSocket authorizer's policy covers route keys: use `Route::request()` or `Route::everything()`"
            ),
            Self::TooLong { route, len } => write!(
                f,
                "route `{route}` gives a resource ARN of {len} characters, over API Gateway's limit of {MAX_RESOURCE_ARN_LEN}"
            ),
        }
    }
}

impl std::error::Error for RouteError {}

/// Whether a bound value is a dot segment (`.`, `..`) or holds `%`: what a backend that
/// decodes or normalises paths reads as another path.
fn is_dot_or_percent(value: &str) -> bool {
    value == "." || value == ".." || value.contains('%')
}

/// Whether `text` holds one of IAM's wildcards, `*` or `?`.
fn has_wildcard(text: &str) -> bool {
    text.bytes().any(|b| b == b'*' || b == b'?')
}

/// One piece of a parsed pattern.
enum Piece<'a> {
    Text(&'a str),
    Placeholder(&'a str),
}

/// Splits a pattern into text and placeholders, checking the pattern rules.
fn parse_pattern(pattern: &'static str) -> Result<Vec<Piece<'static>>, RouteError> {
    if let Some(reason) = pattern_error(pattern) {
        return Err(RouteError::InvalidPattern { pattern, reason });
    }
    let bytes = pattern.as_bytes();
    let mut pieces = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        match closing_brace(bytes, i).filter(|_| bytes[i] == b'{') {
            Some(end) => {
                if start < i {
                    pieces.push(Piece::Text(&pattern[start..i]));
                }
                pieces.push(Piece::Placeholder(&pattern[i + 1..end]));
                i = end + 1;
                start = i;
            }
            None => i += 1,
        }
    }
    if start < bytes.len() {
        pieces.push(Piece::Text(&pattern[start..]));
    }
    Ok(pieces)
}

macro_rules! verb_constructors {
    ($($(#[$doc:meta])* $name:ident => $verb:ident,)*) => {
        $(
            $(#[$doc])*
            #[must_use]
            pub const fn $name(pattern: impl RoutePattern) -> Self {
                Self::new(Verb::$verb, pattern)
            }
        )*
    };
}

impl Route {
    /// A route for `verb` and a path `pattern` (see [the pattern rules](Route#patterns)).
    #[must_use]
    pub const fn new(verb: Verb, pattern: impl RoutePattern) -> Self {
        Self { verb, target: Target::Pattern { pattern: as_static(pattern), values: Vec::new() } }
    }

    verb_constructors! {
        /// `GET pattern`.
        get => Get,
        /// `POST pattern`.
        post => Post,
        /// `PUT pattern`.
        put => Put,
        /// `PATCH pattern`.
        patch => Patch,
        /// `DELETE pattern`.
        delete => Delete,
        /// `HEAD pattern`.
        head => Head,
        /// `OPTIONS pattern`.
        options => Options,
        /// Any verb on `pattern`.
        any => Any,
    }

    /// Every route of the API stage: every verb on every path (`*/*`, the root `/`
    /// included), or every route key of a WebSocket API (`*`).
    #[must_use]
    pub const fn everything() -> Self {
        Self { verb: Verb::Any, target: Target::Everything }
    }

    /// Exactly the incoming request: its own method ARN, verbatim.
    ///
    /// **Mind API Gateway's policy cache.** A cached policy is reused for *other* routes
    /// called with the same token or identity sources, and one that covers only the first
    /// request answers 403 to all the others ([caching][caching]). Use this route only with the
    /// cache off (TTL 0), or with the method and path among a REQUEST authorizer's identity
    /// sources; otherwise declare the routes the caller may use.
    ///
    /// The client chooses the path, and a path may hold `*` (`GET /pets/*` is a valid
    /// request): allowing a method ARN whose path holds `*` or `?` would allow other paths
    /// too, so such a decision fails closed. So does allowing it when the verb is `*`, which
    /// the console's authorizer test sends (`.../ESTestInvoke-stage/*/`): that would allow
    /// every verb. Denying either is fine. (An event with a wildcard anywhere else in its ARN
    /// is refused before the function is called.)
    ///
    /// [caching]: https://docs.aws.amazon.com/apigateway/latest/developerguide/configure-api-gateway-lambda-authorization.html
    #[must_use]
    pub const fn request() -> Self {
        Self { verb: Verb::Any, target: Target::Request }
    }

    /// Gives placeholder `{name}` its value. The value is request data; it may hold only
    /// literal path characters and must not be empty, so it cannot widen the policy
    /// (checked when the policy is built, and by [`Route::check`]). It must not be `.` or
    /// `..` or hold `%` either, since a backend that normalises or decodes paths would serve
    /// another resource: [`Route::bind_raw`] takes those. A dot inside a value (`v1.2`,
    /// `a.b@example.com`) is fine.
    #[must_use]
    pub fn bind(self, name: &'static str, value: impl fmt::Display) -> Self {
        self.push_binding(name, value.to_string(), false)
    }

    /// [`Route::bind`] for a value that may be `.` or `..` or hold `%`, taken as they are:
    /// only where the backend neither decodes percent-escapes nor resolves dot segments in
    /// the path, so that `/users/../*` is no path of another user's. `*`, `?`, `/`, blanks
    /// and the empty value are refused all the same: they would widen the policy itself.
    #[must_use]
    pub fn bind_raw(self, name: &'static str, value: impl fmt::Display) -> Self {
        self.push_binding(name, value.to_string(), true)
    }

    fn push_binding(mut self, name: &'static str, value: String, raw: bool) -> Self {
        if let Target::Pattern { values, .. } = &mut self.target {
            values.push(Binding { name, value, raw });
        }
        self
    }

    /// The verb (`Any` for [`Route::request`], whose verb is the request's own).
    #[must_use]
    pub const fn verb(&self) -> Verb {
        self.verb
    }

    /// The pattern as written (`/*` for [`Route::everything`]), or `None` for
    /// [`Route::request`].
    #[must_use]
    pub const fn pattern(&self) -> Option<&'static str> {
        match &self.target {
            Target::Pattern { pattern, .. } => Some(pattern),
            Target::Everything => Some("/*"),
            Target::Request => None,
        }
    }

    /// The path with its placeholders filled, e.g. `/users/u-42/orders/*`.
    ///
    /// # Errors
    ///
    /// When the pattern is invalid, a placeholder is unbound or bound twice, or a value is
    /// not a plain path segment. Also for [`Route::request`], whose path is the request's.
    pub fn path(&self) -> Result<String, RouteError> {
        let mut out = String::new();
        self.write_path(&mut out)?;
        Ok(out)
    }

    /// Checks the pattern and the bound values without a request, for unit tests.
    ///
    /// # Errors
    ///
    /// The [`RouteError`] that would make a decision holding this route fail.
    pub fn check(&self) -> Result<(), RouteError> {
        match self.target {
            Target::Request | Target::Everything => Ok(()),
            Target::Pattern { .. } => self.write_path(&mut String::new()),
        }
    }

    fn write_path(&self, out: &mut String) -> Result<(), RouteError> {
        let (pattern, values) = match &self.target {
            Target::Pattern { pattern, values } => (*pattern, values.as_slice()),
            Target::Everything => ("/*", &[][..]),
            Target::Request => {
                return Err(RouteError::InvalidPattern {
                    pattern: "",
                    reason: "`Route::request()` has no pattern; its path is the request's own",
                });
            }
        };
        for (i, Binding { name, .. }) in values.iter().enumerate() {
            if values[..i].iter().any(|earlier| earlier.name == *name) {
                return Err(RouteError::InvalidPattern { pattern, reason: "a placeholder is bound twice" });
            }
        }
        let pieces = parse_pattern(pattern)?;
        for &Binding { name, .. } in values {
            if !pieces.iter().any(|p| matches!(p, Piece::Placeholder(n) if *n == name)) {
                return Err(RouteError::UnknownPlaceholder { pattern, name });
            }
        }
        for piece in pieces {
            match piece {
                Piece::Text(text) => out.push_str(text),
                Piece::Placeholder(name) => {
                    let Some(&Binding { name, ref value, raw }) = values.iter().find(|b| b.name == name) else {
                        return Err(RouteError::Unbound { pattern, name: name.to_owned() });
                    };
                    if value.is_empty() || !value.bytes().all(is_literal) {
                        return Err(RouteError::InvalidValue { pattern, name });
                    }
                    if !raw && is_dot_or_percent(value) {
                        return Err(RouteError::DotOrPercentValue { pattern, name });
                    }
                    out.push_str(value);
                }
            }
        }
        Ok(())
    }

    /// Appends this route's resource ARNs, relative to the request's `arn`, to `out`, for an
    /// Allow statement (`allow`) or a Deny statement.
    ///
    /// A path route for any verb is one resource per verb: in `.../prod/*/admin` the `*`
    /// would also match `GET/x`, since IAM's `*` crosses `/`, and cover `GET /x/admin`.
    pub(crate) fn write_resources<'a>(
        &self,
        arn: RequestArn<'a>,
        allow: bool,
        out: &mut Vec<Cow<'a, str>>,
    ) -> Result<(), RouteError> {
        let checked = |resource: Cow<'a, str>| {
            if resource.len() > MAX_RESOURCE_ARN_LEN {
                return Err(RouteError::TooLong { route: self.to_string(), len: resource.len() });
            }
            Ok(resource)
        };
        match (&self.target, arn) {
            // Parsing refused wildcards before the verb; the verb may be `*` (the console's
            // test) and the path is the client's.
            (Target::Request, RequestArn::Method(method)) => {
                if allow && (has_wildcard(method.verb()) || has_wildcard(method.path())) {
                    return Err(RouteError::WildcardInRequest);
                }
                out.push(checked(Cow::Borrowed(method.as_str()))?);
            }
            // Parsing refused a wildcard in the route key; checked again, as it becomes an Allow.
            (Target::Request, RequestArn::WebSocket(websocket)) => {
                if allow && has_wildcard(websocket.as_str()) {
                    return Err(RouteError::WildcardInRequest);
                }
                out.push(checked(Cow::Borrowed(websocket.as_str()))?)
            }
            (Target::Everything, RequestArn::WebSocket(websocket)) => {
                out.push(checked(format!("{}*", websocket.stage_prefix()).into())?);
            }
            (Target::Pattern { .. }, RequestArn::WebSocket(_)) => {
                return Err(RouteError::NotForWebSocket { route: self.to_string() });
            }
            // Every verb and every path: the `*` of the verb may cross `/`, it changes nothing.
            (Target::Everything, RequestArn::Method(method)) => {
                out.push(checked(format!("{}*/*", method.stage_prefix()).into())?)
            }
            (Target::Pattern { .. }, RequestArn::Method(method)) => {
                let mut path = String::new();
                self.write_path(&mut path)?;
                let verbs: &[Verb] = if self.verb == Verb::Any { &Verb::ALL } else { std::slice::from_ref(&self.verb) };
                for verb in verbs {
                    out.push(checked(format!("{}{}{path}", method.stage_prefix(), verb.as_str()).into())?);
                }
            }
        }
        Ok(())
    }
}

impl fmt::Display for Route {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.target {
            Target::Request => f.write_str("(this request)"),
            Target::Everything => f.write_str("(everything)"),
            Target::Pattern { pattern, .. } => write!(f, "{} {pattern}", self.verb),
        }
    }
}

/// Shows the pattern and the placeholder names, never the bound values (request data).
impl fmt::Debug for Route {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.target {
            Target::Request => f.write_str("Route::request()"),
            Target::Everything => f.write_str("Route::everything()"),
            Target::Pattern { pattern, values } => {
                write!(f, "Route({} {pattern:?}", self.verb)?;
                for Binding { name, raw, .. } in values {
                    write!(f, ", {name} = ..")?;
                    if *raw {
                        f.write_str(" (raw)")?;
                    }
                }
                f.write_str(")")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::{MethodArn, WebSocketArn};

    fn arn() -> MethodArn {
        "arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets/1".parse().unwrap()
    }

    fn resource(route: &Route) -> Result<String, RouteError> {
        let (arn, mut out) = (arn(), Vec::new());
        route.write_resources(RequestArn::Method(&arn), true, &mut out)?;
        assert_eq!(out.len(), 1, "{out:?}");
        Ok(out.remove(0).into_owned())
    }

    #[test]
    fn any_verb_on_a_path_is_one_resource_per_verb() {
        let (arn, mut out) = (arn(), Vec::new());
        Route::any("/admin").write_resources(RequestArn::Method(&arn), true, &mut out).unwrap();
        let p = "arn:aws:execute-api:us-east-1:123456789012:abc/prod/";
        let expected: Vec<String> = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]
            .iter()
            .map(|v| format!("{p}{v}/admin"))
            .collect();
        assert_eq!(out, expected);
        // Never `*/admin`, which IAM reads as "any path ending in /admin".
        assert!(!crate::model::wildcard::matches(&out[0], &format!("{p}GET/x/admin")));
    }

    #[test]
    fn websocket_decisions_cover_route_keys() {
        let ws: WebSocketArn = "arn:aws:execute-api:us-east-1:1:abc/default/$connect".parse().unwrap();
        let write = |route: &Route| {
            let mut out = Vec::new();
            route.write_resources(RequestArn::WebSocket(&ws), true, &mut out).map(|()| out.concat())
        };
        assert_eq!(write(&Route::request()).unwrap(), ws.as_str());
        assert_eq!(write(&Route::everything()).unwrap(), "arn:aws:execute-api:us-east-1:1:abc/default/*");
        let err = write(&Route::get("/pets")).unwrap_err();
        assert!(err.to_string().contains("route keys"), "{err}");
    }

    #[test]
    fn resources_are_relative_to_the_request() {
        let p = "arn:aws:execute-api:us-east-1:123456789012:abc/prod/";
        assert_eq!(resource(&Route::get("/pets/*")).unwrap(), format!("{p}GET/pets/*"));
        assert_eq!(resource(&Route::post("/pets")).unwrap(), format!("{p}POST/pets"));
        assert_eq!(resource(&Route::everything()).unwrap(), format!("{p}*/*"));
        assert_eq!(resource(&Route::get("/")).unwrap(), format!("{p}GET/"));
        assert_eq!(resource(&Route::request()).unwrap(), arn().as_str());
        for (route, verb) in [
            (Route::put("/a"), "PUT"),
            (Route::patch("/a"), "PATCH"),
            (Route::delete("/a"), "DELETE"),
            (Route::head("/a"), "HEAD"),
            (Route::options("/a"), "OPTIONS"),
        ] {
            assert_eq!(resource(&route).unwrap(), format!("{p}{verb}/a"));
        }
    }

    #[test]
    fn placeholders_take_bound_values() {
        let r = Route::get("/users/{id}/orders/{order}").bind("id", 42).bind("order", "o-1");
        assert_eq!(r.path().unwrap(), "/users/42/orders/o-1");
        let r = Route::get("/files/{name}.json").bind("name", "report");
        assert_eq!(r.path().unwrap(), "/files/report.json");
    }

    #[test]
    fn values_can_never_widen_the_policy() {
        for value in ["*", "a*", "?", "a/b", "..%2F/x", "", " ", "a b", "{x}", "\n"] {
            let r = Route::get("/users/{id}/*").bind("id", value);
            assert_eq!(r.check(), Err(RouteError::InvalidValue { pattern: "/users/{id}/*", name: "id" }), "{value:?}");
            assert!(resource(&r).is_err());
        }
    }

    #[test]
    fn dot_segments_and_percent_escapes_need_bind_raw() {
        for value in [".", "..", "x%2F..%2Fbob", "%2e%2e", "a%20b", "%"] {
            let r = Route::get("/users/{id}/*").bind("id", value);
            assert_eq!(
                r.check(),
                Err(RouteError::DotOrPercentValue { pattern: "/users/{id}/*", name: "id" }),
                "{value:?}"
            );
            assert!(resource(&r).is_err());
            let err = r.check().unwrap_err().to_string();
            assert!(err.contains("`{id}`") && err.contains(".bind_raw(\"id\", value)"), "{err}");
            assert!(value.len() < 3 || !err.contains(value), "{err}");
            // Opted in: taken as it is.
            let raw = Route::get("/users/{id}/*").bind_raw("id", value);
            assert_eq!(raw.path().unwrap(), format!("/users/{value}/*"));
            assert_eq!(
                resource(&raw).unwrap(),
                format!("arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/users/{value}/*")
            );
        }
        // A dot inside a value is no dot segment.
        for value in ["v1.2", "a.b@example.com", "...", ".hidden", "x.."] {
            assert_eq!(Route::get("/users/{id}/*").bind("id", value).path().unwrap(), format!("/users/{value}/*"));
        }
        // `bind_raw` still refuses what would widen the policy itself.
        for value in ["*", "?", "a/b", "", " ", "../x"] {
            let r = Route::get("/users/{id}/*").bind_raw("id", value);
            assert_eq!(r.check(), Err(RouteError::InvalidValue { pattern: "/users/{id}/*", name: "id" }), "{value:?}");
        }
        // Each binding by its own rule.
        let mixed = Route::get("/a/{x}/b/{y}").bind_raw("x", "..").bind("y", "..");
        assert_eq!(mixed.check(), Err(RouteError::DotOrPercentValue { pattern: "/a/{x}/b/{y}", name: "y" }));
        let shown = format!("{:?}", Route::get("/a/{x}").bind_raw("x", "s3cret%"));
        assert!(!shown.contains("s3cret") && shown.contains("x = .. (raw)"), "{shown}");
    }

    #[test]
    fn invalid_patterns_are_rejected_with_a_reason() {
        for (pattern, needle) in [
            ("pets", "start with `/`"),
            ("", "start with `/`"),
            ("/pets/", "trailing slash"),
            ("/pets//toys", "empty segment"),
            ("/pets?x=1", "`?`"),
            ("/pets/{id", "no closing"),
            ("/pets/id}", "no opening"),
            ("/pets/{}", "identifier"),
            ("/pets/{1a}", "identifier"),
            ("/a/{x}/{x}", "twice"),
            ("/a/{x}{y}", "touch"),
            ("/users/{id}*", "same segment"),
            ("/users/*{id}", "same segment"),
            ("/docs/{id}-*/x", "same segment"),
            ("/docs/a*b{id}", "same segment"),
            ("/pets toys", "not allowed"),
            ("/pets#x", "not allowed"),
        ] {
            let err = Route::get(pattern).check().unwrap_err();
            assert!(err.to_string().contains(needle), "{pattern:?}: {err}");
        }
    }

    #[test]
    fn binding_mistakes_are_reported() {
        assert!(matches!(Route::get("/u/{id}").check(), Err(RouteError::Unbound { .. })));
        assert!(matches!(
            Route::get("/u").bind("id", 1).check(),
            Err(RouteError::UnknownPlaceholder { name: "id", .. })
        ));
        let twice = Route::get("/u/{id}").bind("id", 1).bind("id", 2);
        assert!(twice.check().unwrap_err().to_string().contains("bound twice"));
    }

    #[test]
    fn this_request_refuses_wildcards_in_the_path_of_an_allow() {
        let arn: MethodArn = "arn:aws:execute-api:us-west-2:123456789012:abc/prod/GET/pets/*".parse().unwrap();
        let err = Route::request().write_resources(RequestArn::Method(&arn), true, &mut Vec::new()).unwrap_err();
        assert_eq!(err, RouteError::WildcardInRequest);
        let mut deny = Vec::new();
        Route::request().write_resources(RequestArn::Method(&arn), false, &mut deny).unwrap();
        assert_eq!(deny, [arn.as_str()]);
        let root: MethodArn = "arn:aws:execute-api:us-west-2:123456789012:ymy8tbxw7b/dev/GET/".parse().unwrap();
        let mut out = Vec::new();
        Route::request().write_resources(RequestArn::Method(&root), true, &mut out).unwrap();
        assert_eq!(out, [root.as_str()]);
    }

    #[test]
    fn this_request_refuses_the_console_tests_wildcard_verb_in_an_allow() {
        // The console's authorizer test sends verb `*`: allowed as is, it would cover every
        // verb on the root (and `*/` + anything, since `*` crosses `/`).
        let console: MethodArn =
            "arn:aws:execute-api:us-east-1:123456789012:ivdtdhp7b5/ESTestInvoke-stage/*/".parse().unwrap();
        let err = Route::request().write_resources(RequestArn::Method(&console), true, &mut Vec::new()).unwrap_err();
        assert_eq!(err, RouteError::WildcardInRequest);
        assert!(err.to_string().contains("verb"), "{err}");
        let mut deny = Vec::new();
        Route::request().write_resources(RequestArn::Method(&console), false, &mut deny).unwrap();
        assert_eq!(deny, [console.as_str()]);
        // Declared routes are written with their own verbs.
        let mut out = Vec::new();
        Route::get("/pets").write_resources(RequestArn::Method(&console), true, &mut out).unwrap();
        assert_eq!(out, ["arn:aws:execute-api:us-east-1:123456789012:ivdtdhp7b5/ESTestInvoke-stage/GET/pets"]);
    }

    #[test]
    fn resource_arns_over_512_characters_are_errors() {
        let long: &'static str = Box::leak(format!("/{}", "a".repeat(600)).into_boxed_str());
        let (arn, mut out) = (arn(), vec![Cow::from("kept")]);
        let err = Route::get(long).write_resources(RequestArn::Method(&arn), true, &mut out).unwrap_err();
        assert!(matches!(err, RouteError::TooLong { len, .. } if len > MAX_RESOURCE_ARN_LEN));
        assert_eq!(out, ["kept"]);
        // Exactly at the limit is fine.
        let prefix = arn.stage_prefix().len() + "GET".len();
        let fits: &'static str =
            Box::leak(format!("/{}", "a".repeat(MAX_RESOURCE_ARN_LEN - prefix - 1)).into_boxed_str());
        assert_eq!(resource(&Route::get(fits)).unwrap().len(), MAX_RESOURCE_ARN_LEN);
    }

    #[test]
    fn debug_never_shows_bound_values() {
        let r = Route::get("/users/{id}").bind("id", "secret-value");
        let shown = format!("{r:?} {r}");
        assert!(!shown.contains("secret-value"), "{shown}");
        assert!(shown.contains("/users/{id}"), "{shown}");
    }
}
