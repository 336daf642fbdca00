//! A local API Gateway in front of an authorizer: what a client would get, before deploying.
//!
//! [`Gateway`] does what API Gateway does around a Lambda authorizer: it checks the identity
//! sources (and a TOKEN authorizer's validation expression) and answers 401 without invoking
//! the authorizer when they fail; builds the event of its kind of API; invokes the
//! authorizer, or serves its cached answer (TTL, keyed by the token or the identity-source
//! values); judges the answer for the request's own method ARN ([`evaluate`]); and says what
//! the client gets and what the backend sees ([authorizer workflow][use],
//! [`identitySource` and caching][api-ref], [HTTP APIs][http]). An HTTP API simple response
//! is one yes or no, cached for every route: when a cached one answers another route than the
//! one it was computed for, [`Exchange::simple_response_for`] names that route. Time is
//! injected: [`Gateway::advance`] moves it, so tests never sleep.
//!
//! ```
//! use authorizer_core::gateway::{Call, Gateway, Request, local};
//! use authorizer_core::prelude::*;
//!
//! fn authorize(request: TokenRequest) -> Result<Decision, Error> {
//!     match request.bearer_token() {
//!         // The classic caching bug: a policy for the called method only.
//!         Some("t-1") => Ok(Decision::allow_request("user")),
//!         _ => Err(Unauthorized.into()),
//!     }
//! }
//!
//! let mut gateway = Gateway::rest_token(local(authorize));
//! let first = gateway.send(&Request::get("/pets").header("Authorization", "Bearer t-1"));
//! assert_eq!((first.status, first.authorizer), (200, Call::Invoked));
//! // Same token, another route, within the TTL: the cached policy does not cover it.
//! let second = gateway.send(&Request::get("/pets/7").header("Authorization", "Bearer t-1"));
//! assert_eq!((second.status, second.authorizer), (403, Call::Cached));
//! // No token: API Gateway answers 401 without invoking the authorizer.
//! let anonymous = gateway.send(&Request::get("/pets"));
//! assert_eq!((anonymous.status, anonymous.authorizer), (401, Call::NotInvoked));
//! ```
//!
//! [`evaluate`]: crate::testing::evaluate()
//!
//! [use]: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html
//! [api-ref]: https://docs.aws.amazon.com/apigateway/latest/api/API_Authorizer.html
//! [http]: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html

mod events;
mod identity;
mod request;

use std::collections::HashMap;
use std::fmt;
use std::time::Duration;

pub use identity::{IdentitySource, IdentitySourceError};
pub use request::Request;

use crate::judge::{BackendView, Judgement, MAX_METHOD_ARN_LEN, evaluate, is_simple_response};
use crate::request::ApiKind;
use crate::runtime::Authorizer;
use crate::wire::Reply;

/// API Gateway's authorizer result TTL limit, 3600 s (`authorizerResultTtlInSeconds`,
/// [`Authorizer` reference][api-ref]).
///
/// [api-ref]: https://docs.aws.amazon.com/apigateway/latest/api/API_Authorizer.html
pub const MAX_TTL: Duration = Duration::from_secs(3600);

/// Something that answers authorizer events: the user's function in-process ([`local`]),
/// or a real binary under a local Lambda Runtime API.
pub trait Invoker {
    /// Invokes the authorizer with one event and returns what it posted.
    fn invoke(&mut self, event: &[u8]) -> Reply;
}

/// An authorizer function run in-process, through the same code as the deployed binary.
pub struct Local<A, M: 'static>
where
    A: Authorizer<M>,
{
    authorizer: A,
    state: &'static A::State,
    runtime: tokio::runtime::Runtime,
}

/// `authorizer` (without shared state) as an [`Invoker`].
///
/// # Panics
///
/// When a Tokio runtime cannot start.
pub fn local<A: Authorizer<M, State = ()>, M>(authorizer: A) -> Local<A, M> {
    local_with_state(authorizer, &())
}

/// `authorizer` with its shared state as an [`Invoker`].
///
/// The state is `&'static`, as in Lambda, where it lives as long as the process: the
/// [`Authorizer`] lends it to the function as `&'static`, and the function's future may keep
/// it, so no shorter borrow can be lent safely. In a test, `Box::leak(Box::new(state))`
/// makes one ([`testing::invoke_with_state`](crate::testing::invoke_with_state) has an
/// example).
///
/// # Panics
///
/// When a Tokio runtime cannot start.
pub fn local_with_state<A: Authorizer<M>, M>(authorizer: A, state: &'static A::State) -> Local<A, M> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a Tokio runtime starts");
    Local { authorizer, state, runtime }
}

impl<A: Authorizer<M>, M> Invoker for Local<A, M> {
    fn invoke(&mut self, event: &[u8]) -> Reply {
        let context = crate::LambdaContext::new(crate::runtime::TEST_REQUEST_ID);
        self.runtime.block_on(crate::runtime::invoke(&self.authorizer, self.state, event, &context))
    }
}

/// The kind of authorizer the gateway runs.
#[derive(Debug, Clone)]
pub(crate) enum Api {
    RestToken { token_source: String, validation: Option<regex_lite::Regex> },
    RestRequest,
    HttpV1,
    HttpV2,
    WebSocket,
}

impl Api {
    pub(crate) const fn kind(&self) -> ApiKind {
        match self {
            Self::RestToken { .. } | Self::RestRequest => ApiKind::Rest,
            Self::HttpV1 => ApiKind::HttpV1,
            Self::HttpV2 => ApiKind::HttpV2,
            Self::WebSocket => ApiKind::WebSocket,
        }
    }
}

/// Whether the authorizer ran for a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Call {
    /// It was invoked.
    Invoked,
    /// Its cached answer was used.
    Cached,
    /// API Gateway answered without it (identity sources, validation expression, 414).
    NotInvoked,
}

impl fmt::Display for Call {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Invoked => "invoked",
            Self::Cached => "cached",
            Self::NotInvoked => "not invoked",
        })
    }
}

/// What happened to one request.
#[derive(Debug, Clone, PartialEq)]
pub struct Exchange {
    /// The status the client gets (200: the backend answers).
    pub status: u16,
    /// The body API Gateway answers with (empty for 200).
    pub body: String,
    /// The `x-amzn-ErrorType` header API Gateway sends with its answer, if any.
    pub error_type: Option<&'static str>,
    /// Whether the authorizer ran.
    pub authorizer: Call,
    /// How API Gateway judged the authorizer's answer (`None` when it answered without it).
    pub judgement: Option<Judgement>,
    /// What the backend receives about the caller, when the request reaches it.
    pub backend: Option<BackendView>,
    /// Why, in a few words.
    pub reason: String,
    /// Statements with a `Condition` that could not be evaluated (see
    /// [`evaluate`](crate::testing::evaluate())).
    pub unevaluated_conditions: usize,
    /// When a cached simple response (HTTP API payload 2.0, `isAuthorized`) answered this
    /// request but was computed for another route, that route (`GET /pets/1`): API Gateway
    /// caches one yes or no per identity-source values and gives it to every route, without
    /// asking the authorizer about this one ([HTTP API authorizers][http]). `None` otherwise: a
    /// policy, even cached, is judged for this request's own ARN.
    ///
    /// [http]: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html
    pub simple_response_for: Option<String>,
    /// The request's method (or route) ARN.
    pub method_arn: String,
}

/// A gateway configuration API Gateway itself would refuse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError(String);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

/// A local API Gateway with one Lambda authorizer (see the [module documentation](self)).
pub struct Gateway {
    api: Api,
    invoker: Box<dyn Invoker>,
    ttl: Duration,
    /// Each identity source, with its expression as written.
    identity_sources: Vec<(String, IdentitySource)>,
    place: events::Place,
    now: Duration,
    cache: HashMap<String, CachedAnswer>,
    requests: u64,
    config_error: Option<ConfigError>,
}

impl Gateway {
    fn new(api: Api, invoker: impl Invoker + 'static, ttl: Duration) -> Self {
        Self {
            api,
            invoker: Box::new(invoker),
            ttl,
            identity_sources: Vec::new(),
            place: events::Place {
                region: "us-east-1".into(),
                account: "123456789012".into(),
                api_id: "a1b2c3d4e5".into(),
                stage: "prod".into(),
                stage_variables: Vec::new(),
                source_ip: "203.0.113.10".into(),
            },
            now: Duration::ZERO,
            cache: HashMap::new(),
            requests: 0,
            config_error: None,
        }
    }

    /// A REST API with a TOKEN authorizer: the token comes from the `Authorization` header
    /// ([`Gateway::token_source`] changes it), and the TTL is API Gateway's default, 300 s.
    #[must_use]
    pub fn rest_token(invoker: impl Invoker + 'static) -> Self {
        Self::new(
            Api::RestToken { token_source: "Authorization".into(), validation: None },
            invoker,
            Duration::from_secs(300),
        )
    }

    /// A REST API with a REQUEST authorizer; TTL 300 s, which needs identity sources
    /// ([`Gateway::identity_source`]), as API Gateway requires when caching is on.
    #[must_use]
    pub fn rest_request(invoker: impl Invoker + 'static) -> Self {
        Self::new(Api::RestRequest, invoker, Duration::from_secs(300))
    }

    /// An HTTP API with a Lambda authorizer, payload format 2.0 (simple or IAM responses,
    /// as the authorizer answers). TTL 0: HTTP APIs have no documented default.
    #[must_use]
    pub fn http(invoker: impl Invoker + 'static) -> Self {
        Self::new(Api::HttpV2, invoker, Duration::ZERO)
    }

    /// An HTTP API with a Lambda authorizer, payload format 1.0. TTL 0.
    #[must_use]
    pub fn http_v1(invoker: impl Invoker + 'static) -> Self {
        Self::new(Api::HttpV1, invoker, Duration::ZERO)
    }

    /// A WebSocket API with a REQUEST authorizer on `$connect`. TTL 0.
    #[must_use]
    pub fn websocket(invoker: impl Invoker + 'static) -> Self {
        Self::new(Api::WebSocket, invoker, Duration::ZERO)
    }

    fn refuse(&mut self, message: String) {
        self.config_error.get_or_insert(ConfigError(message));
    }

    /// The authorizer result TTL: 0 turns the cache off; at most 3600 s.
    #[must_use]
    pub fn ttl(mut self, ttl: Duration) -> Self {
        if ttl > MAX_TTL {
            self.refuse(format!("a TTL of {} s is over API Gateway's maximum of 3600 s", ttl.as_secs()));
        }
        self.ttl = ttl;
        self
    }

    /// Adds an identity source, in API Gateway's expression for the kind of API, such as
    /// `method.request.header.Authorization` (REST) or `$request.header.authorization` (HTTP).
    #[must_use]
    pub fn identity_source(mut self, expression: &str) -> Self {
        match IdentitySource::parse(self.api.kind(), expression) {
            Ok(source) => self.identity_sources.push((expression.trim().to_owned(), source)),
            Err(e) => self.refuse(e.to_string()),
        }
        self
    }

    /// The header a TOKEN authorizer takes its token from (default `Authorization`).
    #[must_use]
    pub fn token_source(mut self, header: &str) -> Self {
        match &mut self.api {
            Api::RestToken { token_source, .. } => *token_source = header.to_owned(),
            _ => self.refuse("`token_source` is for REST TOKEN authorizers".into()),
        }
        self
    }

    /// A TOKEN authorizer's validation expression: a token it does not match is answered
    /// 401 without invoking the authorizer. API Gateway's dialect and anchoring are not
    /// documented (`identityValidationExpression`, [`Authorizer` reference][api-ref]):
    /// anchor it (`^...$`).
    ///
    /// [api-ref]: https://docs.aws.amazon.com/apigateway/latest/api/API_Authorizer.html
    #[must_use]
    pub fn validation_expression(mut self, pattern: &str) -> Self {
        match (&mut self.api, regex_lite::Regex::new(pattern)) {
            (Api::RestToken { validation, .. }, Ok(regex)) => *validation = Some(regex),
            (Api::RestToken { .. }, Err(e)) => self.refuse(format!("invalid validation expression: {e}")),
            _ => self.refuse("a validation expression is for REST TOKEN authorizers".into()),
        }
        self
    }

    /// The stage (default `prod`).
    #[must_use]
    pub fn stage(mut self, stage: &str) -> Self {
        stage.clone_into(&mut self.place.stage);
        self
    }

    /// Adds a stage variable.
    #[must_use]
    pub fn stage_variable(mut self, name: &str, value: &str) -> Self {
        self.place.stage_variables.push((name.to_owned(), value.to_owned()));
        self
    }

    /// What API Gateway would refuse in this configuration, if anything.
    ///
    /// # Errors
    ///
    /// A TTL over 3600 s, an identity source of the wrong form, an invalid validation
    /// expression, or caching without identity sources for a REQUEST-type authorizer.
    pub fn check(&self) -> Result<(), ConfigError> {
        if let Some(error) = &self.config_error {
            return Err(error.clone());
        }
        let needs_sources = !matches!(self.api, Api::RestToken { .. });
        if needs_sources && !self.ttl.is_zero() && self.identity_sources.is_empty() {
            return Err(ConfigError(
                "caching (a TTL above 0) needs at least one identity source: API Gateway keys its cache with them"
                    .into(),
            ));
        }
        Ok(())
    }

    /// Moves the gateway's clock forward (cached answers expire with it).
    pub fn advance(&mut self, by: Duration) {
        self.now += by;
    }

    /// Forgets every cached answer, as `FlushStageAuthorizersCache` does.
    pub fn flush(&mut self) {
        self.cache.clear();
    }

    /// Sends one client request through the gateway, in API Gateway's steps: the method ARN's
    /// length, the identity sources, the cache or else the authorizer, and the judgement of
    /// its answer for this request's own method ARN.
    ///
    /// # Panics
    ///
    /// When the configuration is one API Gateway would refuse ([`Gateway::check`]).
    pub fn send(&mut self, request: &Request) -> Exchange {
        if let Err(e) = self.check() {
            panic!("this gateway's configuration would be refused by API Gateway: {e}");
        }
        self.requests += 1;
        let method_arn = self.place.method_arn(self.api.kind(), request);
        if method_arn.len() > MAX_METHOD_ARN_LEN {
            return Exchange::not_invoked(414, "Request URI too long", "the method ARN is over 1600 bytes", method_arn);
        }
        let identity = match self.identity(request) {
            Ok(identity) => identity,
            Err(reason) => return Exchange::not_invoked(401, UNAUTHORIZED, &reason, method_arn),
        };
        let answer = match self.cached(&identity.key, request) {
            Some(answer) => answer,
            None => self.invoke(request, identity),
        };
        self.judge(answer, method_arn)
    }

    /// What API Gateway reads before invoking, and keys its cache with: a TOKEN authorizer's
    /// token, or the identity-source values. `Err` says why it answers 401 instead.
    fn identity(&self, request: &Request) -> Result<Identity, String> {
        match &self.api {
            Api::RestToken { token_source, validation } => token(request, token_source, validation.as_ref()),
            _ => self.identity_source_values(request),
        }
    }

    /// Every identity source's value, in order: one missing or empty is a 401.
    fn identity_source_values(&self, request: &Request) -> Result<Identity, String> {
        let route_key = events::Place::route_key(self.api.kind(), request);
        let mut values = Vec::with_capacity(self.identity_sources.len());
        for (expression, source) in &self.identity_sources {
            let Some(value) = source.value(request, &self.place.stage_variables, &route_key) else {
                return Err(format!("identity source {expression} is missing or empty"));
            };
            values.push(value.to_owned());
        }
        Ok(Identity { key: values.join("\u{0}"), values })
    }

    /// The answer cached under `key`, unless caching is off or it has expired.
    fn cached(&self, key: &str, request: &Request) -> Option<Answer> {
        if self.ttl.is_zero() {
            return None;
        }
        let entry = self.cache.get(key).filter(|entry| entry.expires > self.now)?;
        let route = route(request);
        Some(Answer {
            reply: entry.reply.clone(),
            call: Call::Cached,
            simple_response_for: entry.simple_response_for.clone().filter(|computed_for| *computed_for != route),
        })
    }

    /// Invokes the authorizer with the event of `request`, and caches its answer.
    fn invoke(&mut self, request: &Request, identity: Identity) -> Answer {
        let request_id = format!("local-{}", self.requests);
        let event = events::event(&self.api, &self.place, request, &identity.values, &request_id).to_string();
        let reply = self.invoker.invoke(event.as_bytes());
        self.remember(identity.key, &reply, request);
        Answer { reply, call: Call::Invoked, simple_response_for: None }
    }

    /// Caches `reply` under `key` for the TTL, with the route of `request` if it is a simple
    /// response. Only answers are cached; errors, `Unauthorized` included, are not.
    fn remember(&mut self, key: String, reply: &Reply, request: &Request) {
        if self.ttl.is_zero() || !matches!(reply, Reply::Response(_)) {
            return;
        }
        let simple_response_for = is_simple_response(self.api.kind(), reply).then(|| route(request));
        self.cache
            .insert(key, CachedAnswer { expires: self.now + self.ttl, reply: reply.clone(), simple_response_for });
    }

    /// Judges `answer` for the request's method ARN: what the client gets, and why.
    fn judge(&self, answer: Answer, method_arn: String) -> Exchange {
        let evaluation = evaluate(self.api.kind(), &answer.reply, &method_arn);
        let backend = match &evaluation.judgement {
            Judgement::Allowed { backend } => Some(backend.clone()),
            _ => None,
        };
        Exchange {
            status: evaluation.answer.status,
            body: evaluation.answer.body.to_owned(),
            error_type: evaluation.answer.error_type,
            authorizer: answer.call,
            backend,
            reason: evaluation.judgement.to_string(),
            unevaluated_conditions: evaluation.unevaluated_conditions,
            judgement: Some(evaluation.judgement),
            simple_response_for: answer.simple_response_for,
            method_arn,
        }
    }
}

/// The body of API Gateway's own 401.
const UNAUTHORIZED: &str = r#"{"message":"Unauthorized"}"#;

/// A TOKEN authorizer's token, from the `token_source` header: missing, empty or not matching
/// the validation expression, it is a 401.
fn token(request: &Request, token_source: &str, validation: Option<&regex_lite::Regex>) -> Result<Identity, String> {
    let Some(token) = request.header_value(token_source).filter(|t| !t.is_empty()) else {
        return Err(format!("no {token_source} header"));
    };
    if validation.is_some_and(|v| !v.is_match(token)) {
        return Err("the token fails the validation expression".into());
    }
    Ok(Identity { key: token.to_owned(), values: Vec::new() })
}

/// The route a request calls, as a simple response is computed for it: `GET /pets/1`.
fn route(request: &Request) -> String {
    format!("{} {}", request.method(), request.path())
}

/// What API Gateway keys its cache with, and the identity-source values the event carries.
struct Identity {
    key: String,
    values: Vec<String>,
}

/// An authorizer answer in the cache.
struct CachedAnswer {
    expires: Duration,
    reply: Reply,
    /// For a simple response, the route it was computed for.
    simple_response_for: Option<String>,
}

/// The authorizer's answer to one request: invoked, or cached (for a simple response computed
/// for another route, that route).
struct Answer {
    reply: Reply,
    call: Call,
    simple_response_for: Option<String>,
}

impl Exchange {
    /// API Gateway's own answer, the authorizer not invoked.
    fn not_invoked(status: u16, body: &str, reason: &str, method_arn: String) -> Self {
        Self {
            status,
            body: body.to_owned(),
            error_type: None,
            authorizer: Call::NotInvoked,
            judgement: None,
            backend: None,
            reason: reason.to_owned(),
            unevaluated_conditions: 0,
            simple_response_for: None,
            method_arn,
        }
    }
}

#[cfg(test)]
mod tests;
