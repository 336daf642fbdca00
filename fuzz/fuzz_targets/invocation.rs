//! The whole invocation, through the path the deployed function takes: an event, then
//! `0xFF`, then a script saying which request type the authorizer takes and what it returns
//! (a decision built of declared routes, `Unauthorized`, an error, a panic), its strings
//! possibly holding the request's credentials. On every input:
//!
//! - nothing panics out of the invocation;
//! - an event the request type refuses is an `InvalidEvent` error and the function is not
//!   called; otherwise it is called once;
//! - the error message is exactly `Unauthorized` exactly when the function returned
//!   `Unauthorized`;
//! - a decision becomes a response exactly when every declared route is valid under the
//!   documented rules (and its context and usage key are sendable), else an
//!   `InvalidDecision` error;
//! - a response holds exactly what the decision said: the principal, the Allow resources
//!   computed here from the declared routes and the event's ARN (never wider), the Deny
//!   resources, the context and the usage key; a simple response says `isAuthorized: true`
//!   only when an allowed route covers the request and no denied one does (IAM matching);
//! - the status API Gateway would answer agrees with that judgement;
//! - no credential of the request is left in an error message.
#![no_main]

use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;

use arbitrary::{Arbitrary, Unstructured};
use authorizer_core::testing::{self, reply_now};
use authorizer_core::{
    AnyRequest, ApiKind, AuthorizerRequest, Decision, Error, ErrorType, HttpV1Request, HttpV2Request, IamPolicy, Reply,
    RequestArn, RestRequest, Route, SimpleResponse, TokenRequest, Unauthorized, Verb, WebSocketRequest,
};
use authorizer_fuzz::credentials::Credentials;
use authorizer_fuzz::{arn, glob, split_input};
use libfuzzer_sys::fuzz_target;
use serde_json::{Map, Value};

/// API Gateway's limit on a policy's resource ARN.
const MAX_RESOURCE_LEN: usize = 512;

/// Route patterns, with whether the pattern rules accept them.
const PATTERNS: [(&str, bool); 22] = [
    ("/", true),
    ("/*", true),
    ("/pets", true),
    ("/pets/*", true),
    ("/users/{id}", true),
    ("/users/{id}/*", true),
    ("/users/{id}/orders/{order}", true),
    ("/a.{id}", true),
    ("/{id}.json", true),
    ("/files/{id}:{b}", true),
    ("/%7E/{id}", true),
    ("/../{id}", true),
    ("/x/*/y", true),
    ("pets", false),
    ("/pets/", false),
    ("//pets", false),
    ("/users/{id}*", false),
    ("/users/{id}{b}", false),
    ("/pets?", false),
    ("/{1a}", false),
    ("/users/{id}/{id}", false),
    ("/a b", false),
];

/// Names the script binds: the patterns' and one none has.
const NAMES: [&str; 4] = ["id", "b", "order", "zz"];

const VERBS: [Verb; 8] =
    [Verb::Get, Verb::Post, Verb::Put, Verb::Patch, Verb::Delete, Verb::Head, Verb::Options, Verb::Any];

#[derive(Arbitrary, Debug, Clone)]
struct Script {
    /// Which request type the authorizer takes.
    request_type: u8,
    outcome: Outcome,
}

// One per input: boxing the plan would only cost an allocation.
#[allow(clippy::large_enum_variant)]
#[derive(Arbitrary, Debug, Clone)]
enum Outcome {
    Decide(Plan),
    Unauthorized(Option<Text>),
    Fail(Text),
    Panic(Text),
}

#[derive(Arbitrary, Debug, Clone)]
enum Start {
    Allow,
    AllowAll,
    AllowRequest,
    Deny,
    DenyRequest,
}

#[derive(Arbitrary, Debug, Clone)]
struct Plan {
    start: Start,
    principal: Text,
    allow: Vec<RouteSpec>,
    deny: Vec<RouteSpec>,
    context: Option<ContextSpec>,
    usage_key: Option<Text>,
    reason: Option<Text>,
}

#[derive(Arbitrary, Debug, Clone)]
enum RouteSpec {
    Request,
    Everything,
    Pattern { verb: u8, pattern: u8, bindings: Vec<(u8, Text, bool)> },
}

#[derive(Arbitrary, Debug, Clone)]
struct ContextSpec {
    user_name: Text,
    admin: bool,
    quota: u32,
    ratio: f64,
    plan: Option<Text>,
}

/// A string of the script: plain, a credential of the request, or one between two texts.
#[derive(Arbitrary, Debug, Clone)]
enum Text {
    Plain(String),
    Credential(u8),
    Around(String, u8, String),
}

impl Text {
    fn resolve(&self, credentials: &[String]) -> String {
        let pick = |i: u8| credentials.get(usize::from(i) % credentials.len().max(1)).cloned().unwrap_or_default();
        match self {
            Self::Plain(s) => s.clone(),
            Self::Credential(i) => pick(*i),
            Self::Around(a, i, b) => format!("{a}{}{b}", pick(*i)),
        }
    }
}

#[derive(authorizer_core::Context, Debug)]
#[context(rename_all = "camelCase")]
struct Session {
    user_name: String,
    admin: bool,
    quota: u32,
    ratio: f64,
    plan: Option<String>,
}

thread_local! {
    static SCRIPT: RefCell<Option<Script>> = const { RefCell::new(None) };
    static CALLS: Cell<u32> = const { Cell::new(0) };
}

fn credentials_of<R: AuthorizerRequest>(request: &R) -> Vec<String> {
    Credentials::of(request).all().map(str::to_owned).collect()
}

fn route(spec: &RouteSpec, credentials: &[String]) -> Route {
    match spec {
        RouteSpec::Request => Route::request(),
        RouteSpec::Everything => Route::everything(),
        RouteSpec::Pattern { verb, pattern, bindings } => {
            let verb = VERBS[usize::from(*verb) % VERBS.len()];
            let mut route = Route::new(verb, PATTERNS[usize::from(*pattern) % PATTERNS.len()].0);
            for (name, value, raw) in bindings {
                let (name, value) = (NAMES[usize::from(*name) % NAMES.len()], value.resolve(credentials));
                route = if *raw { route.bind_raw(name, value) } else { route.bind(name, value) };
            }
            route
        }
    }
}

fn session(spec: &ContextSpec, credentials: &[String]) -> Session {
    Session {
        user_name: spec.user_name.resolve(credentials),
        admin: spec.admin,
        quota: spec.quota,
        ratio: spec.ratio,
        plan: spec.plan.as_ref().map(|p| p.resolve(credentials)),
    }
}

/// The authorizer under test: does what the script says.
fn authorize<R: AuthorizerRequest>(request: R) -> Result<Decision<Session>, Error> {
    CALLS.set(CALLS.get() + 1);
    let script = SCRIPT.with_borrow(Clone::clone).expect("a script is set");
    let credentials = credentials_of(&request);
    let text = |t: &Text| t.resolve(&credentials);
    let plan = match &script.outcome {
        Outcome::Unauthorized(None) => return Err(Unauthorized.into()),
        Outcome::Unauthorized(Some(reason)) => return Err(Error::unauthorized(text(reason))),
        Outcome::Fail(message) => return Err(Error::failure(text(message))),
        Outcome::Panic(message) => panic!("{}", text(message)),
        Outcome::Decide(plan) => plan,
    };
    let principal = text(&plan.principal);
    let mut decision = match plan.start {
        Start::Allow => Decision::allow(principal),
        Start::AllowAll => Decision::allow_all(principal),
        Start::AllowRequest => Decision::allow_request(principal),
        Start::Deny => Decision::deny(principal),
        Start::DenyRequest => Decision::deny_request(principal),
    };
    decision = decision
        .routes(plan.allow.iter().map(|r| route(r, &credentials)))
        .deny_routes(plan.deny.iter().map(|r| route(r, &credentials)));
    if let Some(context) = &plan.context {
        decision = decision.context(session(context, &credentials));
    }
    if let Some(key) = &plan.usage_key {
        decision = decision.usage_identifier_key(text(key));
    }
    if let Some(reason) = &plan.reason {
        decision = decision.reason(text(reason));
    }
    Ok(decision)
}

/// Whether `value`, bound with `raw` or not, is a valid value: non-empty literal path
/// characters, and for `bind` not `.`, `..` or holding `%`.
fn valid_value(value: &str, raw: bool) -> bool {
    let literal = |b: u8| b.is_ascii_alphanumeric() || b"-._~!$&'()+,;=:@%".contains(&b);
    !value.is_empty() && value.bytes().all(literal) && (raw || (value != "." && value != ".." && !value.contains('%')))
}

/// The placeholder names of a pattern.
fn placeholders(pattern: &str) -> Vec<&str> {
    pattern.split('{').skip(1).filter_map(|s| s.split_once('}').map(|(name, _)| name)).collect()
}

/// The resources a route declares under the request's ARN, or `None` when the decision must
/// fail instead.
fn resources(
    spec: &RouteSpec,
    allow: bool,
    request_arn: RequestArn<'_>,
    credentials: &[String],
) -> Option<Vec<String>> {
    let raw = request_arn.as_str();
    let websocket = matches!(request_arn, RequestArn::WebSocket(_));
    let (prefix, verb, path) = if websocket {
        (arn::websocket(raw).expect("a decoded route ARN").0.stage_prefix, "", "")
    } else {
        let method = arn::method(raw).expect("a decoded method ARN");
        (method.head.stage_prefix, method.verb, method.path)
    };
    let out = match spec {
        RouteSpec::Request if allow && (arn::has_wildcard(verb) || arn::has_wildcard(path)) => return None,
        RouteSpec::Request => vec![raw.to_owned()],
        RouteSpec::Everything if websocket => vec![format!("{prefix}*")],
        RouteSpec::Everything => vec![format!("{prefix}*/*")],
        RouteSpec::Pattern { .. } if websocket => return None,
        RouteSpec::Pattern { verb, pattern, bindings } => {
            let (pattern, valid) = PATTERNS[usize::from(*pattern) % PATTERNS.len()];
            if !valid {
                return None;
            }
            let names = placeholders(pattern);
            let mut bound: Vec<(&str, String)> = Vec::new();
            for (name, value, raw) in bindings {
                let name = NAMES[usize::from(*name) % NAMES.len()];
                let value = value.resolve(credentials);
                if bound.iter().any(|(n, _)| *n == name) || !names.contains(&name) || !valid_value(&value, *raw) {
                    return None;
                }
                bound.push((name, value));
            }
            let mut path = pattern.to_owned();
            for name in names {
                let (_, value) = bound.iter().find(|(n, _)| *n == name)?;
                path = path.replacen(&format!("{{{name}}}"), value, 1);
            }
            let verb = VERBS[usize::from(*verb) % VERBS.len()];
            let verbs = if verb == Verb::Any { &VERBS[..7] } else { std::slice::from_ref(&verb) };
            verbs.iter().map(|v| format!("{prefix}{}{path}", v.as_str())).collect()
        }
    };
    out.iter().all(|r| r.len() <= MAX_RESOURCE_LEN).then_some(out)
}

/// The specs a plan's decision holds: its start's routes, then the ones added.
fn declared(plan: &Plan) -> (Vec<RouteSpec>, Vec<RouteSpec>) {
    let (mut allow, mut deny) = match plan.start {
        Start::Allow => (vec![], vec![]),
        Start::AllowAll => (vec![RouteSpec::Everything], vec![]),
        Start::AllowRequest => (vec![RouteSpec::Request], vec![]),
        Start::Deny => (vec![], vec![RouteSpec::Everything]),
        Start::DenyRequest => (vec![], vec![RouteSpec::Request]),
    };
    allow.extend(plan.allow.iter().cloned());
    deny.extend(plan.deny.iter().cloned());
    (allow, deny)
}

/// The set of resources of all `specs`, or `None` if one must fail the decision.
fn all_resources(
    specs: &[RouteSpec],
    allow: bool,
    arn: RequestArn<'_>,
    credentials: &[String],
) -> Option<BTreeSet<String>> {
    let mut out = BTreeSet::new();
    for spec in specs {
        out.extend(resources(spec, allow, arn, credentials)?);
    }
    Some(out)
}

/// The resources of one statement, as a set.
fn statement_resources(statement: &Value) -> BTreeSet<String> {
    assert_eq!(statement["Action"], "execute-api:Invoke");
    match &statement["Resource"] {
        Value::String(one) => BTreeSet::from([one.clone()]),
        Value::Array(many) => {
            let set: BTreeSet<String> =
                many.iter().map(|r| r.as_str().expect("a resource is a string").to_owned()).collect();
            assert_eq!(set.len(), many.len(), "a resource listed twice");
            set
        }
        other => panic!("a statement's Resource is {other}"),
    }
}

/// The context a response must carry, as JSON.
fn expected_context(spec: &ContextSpec, credentials: &[String]) -> Value {
    let mut context = Map::new();
    context.insert("userName".into(), spec.user_name.resolve(credentials).into());
    context.insert("admin".into(), spec.admin.into());
    context.insert("quota".into(), spec.quota.into());
    context.insert("ratio".into(), spec.ratio.into());
    if let Some(plan) = &spec.plan {
        context.insert("plan".into(), plan.resolve(credentials).into());
    }
    Value::Object(context)
}

/// Invokes the authorizer as `R` and checks the reply.
fn check<R: AuthorizerRequest + authorizer_core::Respond<Session> + 'static>(
    event: &[u8],
    script: &Script,
    simple: bool,
) {
    SCRIPT.with_borrow_mut(|s| *s = Some(script.clone()));
    CALLS.set(0);
    let reply = reply_now(&authorize::<R>, &(), event).expect("a sync authorizer answers at once");
    let request = match R::from_event(event) {
        Err(_) => {
            assert_eq!(CALLS.get(), 0, "the function ran on a refused event");
            match reply {
                Reply::Error(e) => assert_eq!(e.error_type, ErrorType::InvalidEvent, "{e:?}"),
                Reply::Response(r) => panic!("a refused event got the response {r}"),
            }
            return;
        }
        Ok(request) => request,
    };
    assert_eq!(CALLS.get(), 1, "the function runs once per decoded event");
    let credentials = Credentials::of(&request);
    let secrets = credentials_of(&request);
    let request_arn = request.arn();
    let status = testing::gateway_status(&reply, request_arn.as_str(), request.api());
    // A request whose ARN is too long is refused before any authorizer.
    let answer = |status: u16| if request_arn.as_str().len() > testing::MAX_METHOD_ARN_LEN { 414 } else { status };
    let simple = simple && request.api() == ApiKind::HttpV2;
    let usage_keys = matches!(request.api(), ApiKind::Rest | ApiKind::WebSocket);

    let error = match (&reply, &script.outcome) {
        (Reply::Error(e), Outcome::Unauthorized(_)) => {
            assert_eq!((e.error_type, e.error_message.as_str()), (ErrorType::Unauthorized, "Unauthorized"));
            assert_eq!(status, answer(401));
            return;
        }
        (Reply::Error(e), Outcome::Fail(_)) => {
            assert_eq!(e.error_type, ErrorType::AuthorizerError, "{e:?}");
            e.error_message.strip_prefix("authorizer failed: ").expect("the failure's prefix")
        }
        (Reply::Error(e), Outcome::Panic(_)) => {
            assert_eq!(e.error_type, ErrorType::AuthorizerPanic, "{e:?}");
            e.error_message.strip_prefix("authorizer panicked: ").expect("the panic's prefix")
        }
        (Reply::Error(e), Outcome::Decide(_)) => {
            assert_eq!(e.error_type, ErrorType::InvalidDecision, "{e:?}");
            e.error_message.as_str()
        }
        (Reply::Response(_), Outcome::Decide(_)) => "",
        (reply, outcome) => panic!("{outcome:?} gave {reply:?}"),
    };
    if let Reply::Error(e) = &reply {
        assert_ne!(e.error_message, "Unauthorized", "only `Unauthorized` is posted as `Unauthorized`");
        assert_eq!(status, answer(500));
        if let Some(shown) = credentials.shown_in(error) {
            panic!("the error message {:?} shows the credential {shown:?}", e.error_message);
        }
    }

    let Outcome::Decide(plan) = &script.outcome else { return };
    let (allow_specs, deny_specs) = declared(plan);
    let allowed = all_resources(&allow_specs, true, request_arn, &secrets);
    let denied = all_resources(&deny_specs, false, request_arn, &secrets);
    let context_ok = plan.context.as_ref().is_none_or(|c| c.ratio.is_finite());
    let usage_ok = plan.usage_key.is_none() || (usage_keys && !simple);
    let (Some(allowed), Some(mut denied)) = (allowed, denied) else {
        assert!(matches!(reply, Reply::Error(_)), "a decision with an invalid route was sent: {reply:?}");
        return;
    };
    if !(context_ok && usage_ok) {
        assert!(matches!(reply, Reply::Error(_)), "an unsendable context or usage key was sent: {reply:?}");
        return;
    }
    let Reply::Response(body) = &reply else { panic!("a valid decision failed: {reply:?}") };
    let body: Value = serde_json::from_str(body).expect("a response is JSON");
    let body = body.as_object().expect("a response is an object");

    if allowed.is_empty() && denied.is_empty() {
        // No route at all: the whole stage is denied.
        denied.extend(resources(&RouteSpec::Everything, false, request_arn, &secrets).unwrap_or_default());
    }
    let covers = |set: &BTreeSet<String>| set.iter().any(|r| glob::matches(r, request_arn.as_str()));
    let authorized = covers(&allowed) && !covers(&denied);
    let mut keys: BTreeSet<&str> = BTreeSet::new();
    if simple {
        assert_eq!(body["isAuthorized"], authorized, "isAuthorized against the declared routes");
        keys.insert("isAuthorized");
    } else {
        let principal = plan.principal.resolve(&secrets);
        assert_eq!(body["principalId"], principal.as_str());
        let document = body["policyDocument"].as_object().expect("a policy document");
        assert_eq!(document.len(), 2);
        assert_eq!(document["Version"], "2012-10-17");
        let statements = document["Statement"].as_array().expect("statements");
        let (mut sent_allow, mut sent_deny) = (BTreeSet::new(), BTreeSet::new());
        for statement in statements {
            assert_eq!(statement.as_object().map(Map::len), Some(3), "{statement}");
            match statement["Effect"].as_str() {
                Some("Allow") if sent_allow.is_empty() => sent_allow = statement_resources(statement),
                Some("Deny") if sent_deny.is_empty() => sent_deny = statement_resources(statement),
                _ => panic!("an unexpected statement {statement}"),
            }
        }
        assert!(sent_allow.is_subset(&allowed), "Allow {sent_allow:?} is wider than declared {allowed:?}");
        assert_eq!(sent_allow, allowed, "Allow");
        assert_eq!(sent_deny, denied, "Deny");
        keys.extend(["principalId", "policyDocument"]);
        if let Some(key) = &plan.usage_key {
            assert_eq!(body["usageIdentifierKey"], key.resolve(&secrets).as_str());
            keys.insert("usageIdentifierKey");
        }
    }
    if let Some(context) = &plan.context {
        assert_eq!(body["context"], expected_context(context, &secrets));
        keys.insert("context");
    }
    assert_eq!(body.keys().map(String::as_str).collect::<BTreeSet<_>>(), keys, "the response's keys");
    assert_eq!(status, answer(if authorized { 200 } else { 403 }), "API Gateway's answer");
}

fuzz_target!(|data: &[u8]| {
    let (event, script) = split_input(data);
    let Ok(script) = Script::arbitrary_take_rest(Unstructured::new(script)) else { return };
    match script.request_type % 8 {
        0 => check::<TokenRequest>(event, &script, false),
        1 => check::<RestRequest>(event, &script, false),
        2 => check::<HttpV1Request>(event, &script, false),
        3 => check::<HttpV2Request<SimpleResponse>>(event, &script, true),
        4 => check::<HttpV2Request<IamPolicy>>(event, &script, false),
        5 => check::<WebSocketRequest>(event, &script, false),
        6 => check::<AnyRequest<SimpleResponse>>(event, &script, true),
        _ => check::<AnyRequest<IamPolicy>>(event, &script, false),
    }
});
