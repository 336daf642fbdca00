//! What an authorizer decides: who the caller is, where they may go, and what the backend
//! learns about them.

use std::borrow::Cow;
use std::fmt;

use super::Route;

/// An authorizer's decision, turned by the framework into API Gateway's exact wire format.
///
/// - `principal_id`: who the caller is (the policy's `principalId`).
/// - `allow`: the routes the caller may call. An explicit `deny` wins over them, and a
///   route in neither is denied (403), as in API Gateway
///   ([authorization workflow][flow]).
/// - `deny`: routes refused even when an `allow` route covers them.
/// - `context`: a typed [`Context`](crate::Context) the backend receives.
/// - `usage_identifier_key`: the API key of a usage plan, for REST APIs whose API key
///   source is `AUTHORIZER`.
///
/// Declare every route the caller may use, not only the one being called: API Gateway caches
/// the policy (300 s by default on REST) and checks later requests with the same token
/// against it ([caching][caching]).
///
/// ```
/// use authorizer_core::{Context, Decision, Route};
///
/// #[derive(Context)]
/// struct Session { role: String }
///
/// let decision: Decision<Session> = Decision::allow("user-1")
///     .routes([Route::get("/pets/*"), Route::post("/pets")])
///     .deny_routes([Route::delete("/*")])
///     .context(Session { role: "editor".into() });
/// assert_eq!(decision.allow.len(), 2);
/// ```
///
/// [flow]: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-authorization-flow.html
/// [caching]: https://docs.aws.amazon.com/apigateway/latest/developerguide/configure-api-gateway-lambda-authorization.html
#[must_use = "a decision does nothing until the authorizer returns it"]
#[derive(Clone, PartialEq)]
#[non_exhaustive]
pub struct Decision<C = ()> {
    /// The caller's identity, sent as `principalId`.
    pub principal_id: String,
    /// Routes the caller may call.
    pub allow: Vec<Route>,
    /// Routes the caller may not call, even where `allow` covers them.
    pub deny: Vec<Route>,
    /// The context sent to the backend; `None` sends none.
    pub context: Option<C>,
    /// The usage plan's API key (`usageIdentifierKey`), REST only.
    pub usage_identifier_key: Option<String>,
    /// Why, for the log line of a deny. Never sent to API Gateway.
    pub reason: Option<Cow<'static, str>>,
}

impl<C> Decision<C> {
    fn new(principal_id: impl Into<String>, allow: Vec<Route>, deny: Vec<Route>) -> Self {
        Self { principal_id: principal_id.into(), allow, deny, context: None, usage_identifier_key: None, reason: None }
    }

    /// Allows `principal_id` the routes given next with [`Decision::routes`].
    /// With none, nothing is allowed (403) and the log warns.
    pub fn allow(principal_id: impl Into<String>) -> Self {
        Self::new(principal_id, Vec::new(), Vec::new())
    }

    /// Allows every verb on every path of the API stage ([`Route::everything`]).
    pub fn allow_all(principal_id: impl Into<String>) -> Self {
        Self::new(principal_id, vec![Route::everything()], Vec::new())
    }

    /// Allows exactly the incoming request ([`Route::request`]). Read its caveat about
    /// API Gateway's policy cache first.
    pub fn allow_request(principal_id: impl Into<String>) -> Self {
        Self::new(principal_id, vec![Route::request()], Vec::new())
    }

    /// Denies every route of the API stage (403). API Gateway caches a deny like an allow,
    /// so later requests with the same token are refused without invoking the authorizer.
    pub fn deny(principal_id: impl Into<String>) -> Self {
        Self::new(principal_id, Vec::new(), vec![Route::everything()])
    }

    /// Denies exactly the incoming request ([`Route::request`]) and nothing else: API
    /// Gateway answers 403 to it, and, under its policy cache, to nothing else that the
    /// decision does not allow either (an implicit deny).
    pub fn deny_request(principal_id: impl Into<String>) -> Self {
        Self::new(principal_id, Vec::new(), vec![Route::request()])
    }

    /// Adds one route to `allow`.
    pub fn route(mut self, route: Route) -> Self {
        self.allow.push(route);
        self
    }

    /// Adds routes to `allow`.
    pub fn routes(mut self, routes: impl IntoIterator<Item = Route>) -> Self {
        self.allow.extend(routes);
        self
    }

    /// Adds routes to `deny`.
    pub fn deny_routes(mut self, routes: impl IntoIterator<Item = Route>) -> Self {
        self.deny.extend(routes);
        self
    }

    /// Sets the context sent to the backend.
    pub fn context(mut self, context: C) -> Self {
        self.context = Some(context);
        self
    }

    /// Sets `usageIdentifierKey`: the API key of the caller's usage plan (REST APIs whose
    /// API key source is `AUTHORIZER`).
    pub fn usage_identifier_key(mut self, key: impl Into<String>) -> Self {
        self.usage_identifier_key = Some(key.into());
        self
    }

    /// Says why, for the log line of a deny. Never sent to API Gateway.
    pub fn reason(mut self, reason: impl Into<Cow<'static, str>>) -> Self {
        self.reason = Some(reason.into());
        self
    }
}

/// Leaves out the context and the usage key, which may be sensitive.
impl<C> fmt::Debug for Decision<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Decision")
            .field("principal_id", &self.principal_id)
            .field("allow", &self.allow)
            .field("deny", &self.deny)
            .field("context", &self.context.as_ref().map(|_| ".."))
            .field("usage_identifier_key", &self.usage_identifier_key.as_ref().map(|_| ".."))
            .field("reason", &self.reason)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builders_declare_intent() {
        let d: Decision = Decision::allow_all("u");
        assert_eq!((d.allow, d.deny), (vec![Route::everything()], vec![]));
        let d: Decision = Decision::deny("u").reason("banned");
        assert_eq!((d.allow, d.deny), (vec![], vec![Route::everything()]));
        assert_eq!(d.reason.as_deref(), Some("banned"));
        let d: Decision = Decision::allow_request("u");
        assert_eq!(d.allow, vec![Route::request()]);
        let d: Decision = Decision::deny_request("u");
        assert_eq!((d.allow, d.deny), (vec![], vec![Route::request()]));
        let d: Decision<u8> = Decision::allow("u").route(Route::get("/a")).context(7).usage_identifier_key("k");
        assert_eq!(d.allow, vec![Route::get("/a")]);
        assert_eq!(d.context, Some(7));
        assert_eq!(d.usage_identifier_key.as_deref(), Some("k"));
    }

    #[test]
    fn debug_hides_context_and_usage_key() {
        let d: Decision<&str> = Decision::allow("u").context("secret-ctx").usage_identifier_key("secret-key");
        let shown = format!("{d:?}");
        assert!(!shown.contains("secret"), "{shown}");
    }
}
