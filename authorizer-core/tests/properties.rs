//! Properties of the policies the framework writes, checked against an oracle written
//! independently of it (regular expressions, not the IAM matcher): a request is allowed iff
//! one of the decision's allow routes covers it and none of its deny routes does; what the
//! cache serves for a later route is exactly what a fresh answer would say; and a policy for
//! one placeholder value covers no path of another value.

use authorizer_core::prelude::*;
use authorizer_core::testing;
use proptest::prelude::*;
use serde_json::json;

const STAGE: &str = "arn:aws:execute-api:us-east-1:123456789012:abc123/prod";

#[derive(Debug, Clone)]
struct Spec {
    verb: Option<&'static str>,
    pattern: &'static str,
}

impl Spec {
    fn route(&self) -> Route {
        match self.verb {
            Some("GET") => Route::get(self.pattern),
            Some("POST") => Route::post(self.pattern),
            Some("DELETE") => Route::delete(self.pattern),
            _ => Route::any(self.pattern),
        }
    }

    /// The oracle: `*` is any run of characters, everything else itself, whole path.
    fn covers(&self, verb: &str, path: &str) -> bool {
        let pattern: String = self.pattern.split('*').map(regex_lite::escape).collect::<Vec<_>>().join(".*");
        let regex = regex_lite::Regex::new(&format!("^{pattern}$")).unwrap();
        self.verb.is_none_or(|v| v == verb) && regex.is_match(path)
    }
}

fn segment() -> impl Strategy<Value = &'static str> {
    prop_oneof![Just("a"), Just("b"), Just("c-1"), Just("*"), Just("a*"), Just("*b")]
}

fn spec() -> impl Strategy<Value = Spec> {
    let verb = prop_oneof![Just(Some("GET")), Just(Some("POST")), Just(Some("DELETE")), Just(None)];
    (verb, prop::collection::vec(segment(), 1..4)).prop_map(|(verb, segments)| Spec {
        verb,
        pattern: Box::leak(format!("/{}", segments.join("/")).into_boxed_str()),
    })
}

fn request() -> impl Strategy<Value = (&'static str, String)> {
    let verb = prop_oneof![Just("GET"), Just("POST"), Just("DELETE")];
    let segment = prop_oneof![Just("a"), Just("b"), Just("c-1"), Just("ab"), Just("x")];
    (verb, prop::collection::vec(segment, 0..4)).prop_map(|(verb, segments)| (verb, format!("/{}", segments.join("/"))))
}

/// A pattern with one `{id}` placeholder, which may share its segment with text or a `*`.
fn placeholder_pattern() -> impl Strategy<Value = &'static str> {
    let holder =
        prop_oneof![Just("{id}"), Just("u{id}"), Just("{id}.json"), Just("{id}*"), Just("*{id}"), Just("{id}-*")];
    let other = prop_oneof![Just("a"), Just("*"), Just("a*"), Just("*b")];
    (prop::collection::vec(other.clone(), 0..3), holder, prop::collection::vec(other, 0..3)).prop_map(
        |(before, holder, after)| {
            let segments: Vec<&str> = before.into_iter().chain([holder]).chain(after).collect();
            &*Box::leak(format!("/{}", segments.join("/")).into_boxed_str())
        },
    )
}

/// The path of `pattern` for placeholder value `value`, each `*` replaced by the next of
/// `fills` (text without `/`, so that every path has the pattern's segments).
fn instance(pattern: &str, value: &str, fills: &[&str]) -> String {
    let mut fills = fills.iter().cycle();
    let with_value = pattern.replace("{id}", value);
    with_value.split('*').enumerate().fold(String::new(), |mut path, (i, text)| {
        if i > 0 {
            path.push_str(fills.next().unwrap());
        }
        path.push_str(text);
        path
    })
}

fn event(verb: &str, path: &str) -> serde_json::Value {
    json!({"type": "TOKEN", "authorizationToken": "t", "methodArn": format!("{STAGE}/{verb}{path}")})
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn allowed_iff_an_allow_covers_and_no_deny_does(
        allow in prop::collection::vec(spec(), 0..4),
        deny in prop::collection::vec(spec(), 0..3),
        (verb, path) in request(),
    ) {
        let (allow_routes, deny_routes): (Vec<Route>, Vec<Route>) =
            (allow.iter().map(Spec::route).collect(), deny.iter().map(Spec::route).collect());
        let authorize = move |_: TokenRequest| -> Result<Decision, Error> {
            Ok(Decision::allow("u").routes(allow_routes.clone()).deny_routes(deny_routes.clone()))
        };
        let expected = if deny.iter().any(|d| d.covers(verb, &path)) {
            403
        } else if allow.iter().any(|a| a.covers(verb, &path)) {
            200
        } else {
            403
        };
        let invocation = testing::invoke(authorize, event(verb, &path));
        prop_assert_eq!(invocation.status(), expected, "{} {} allow {:?} deny {:?}", verb, path, allow, deny);
    }

    #[test]
    fn a_cached_policy_answers_later_routes_as_a_fresh_one_would(
        allow in prop::collection::vec(spec(), 1..4),
        (first_verb, first_path) in request(),
        (verb, path) in request(),
    ) {
        let routes: Vec<Route> = allow.iter().map(Spec::route).collect();
        let authorize = move |_: TokenRequest| -> Result<Decision, Error> { Ok(Decision::allow("u").routes(routes.clone())) };
        let first = testing::invoke(authorize.clone(), event(first_verb, &first_path));
        let fresh = testing::invoke(authorize, event(verb, &path));
        let arn = format!("{STAGE}/{verb}{path}");
        prop_assert_eq!(first.status_for(&arn), fresh.status());
    }

    /// User `1`'s policy, cached, must not open user `10`'s or `1-2`'s resources: a pattern
    /// that would let it is refused.
    #[test]
    fn a_value_covers_no_path_of_another_value(
        pattern in placeholder_pattern(),
        (own, other) in prop_oneof![Just(("1", "10")), Just(("10", "1")), Just(("1", "1-2")), Just(("a", "ab")), Just(("a", "ba"))],
        fills in prop::collection::vec(prop_oneof![Just(""), Just("0"), Just("x"), Just("-2"), Just("1")], 1..4),
    ) {
        let route = Route::get(pattern).bind("id", own);
        let shares_a_segment = pattern.split('/').any(|segment| segment.contains("{id}") && segment.contains('*'));
        prop_assert_eq!(route.check().is_err(), shares_a_segment, "{}", pattern);
        if shares_a_segment {
            return Ok(());
        }
        let authorize = move |_: TokenRequest| -> Result<Decision, Error> { Ok(Decision::allow("u").route(route.clone())) };
        let first = testing::invoke(authorize, event("GET", &instance(pattern, own, &fills)));
        prop_assert_eq!(first.status(), 200, "{} {}", pattern, own);
        let arn = format!("{STAGE}/GET{}", instance(pattern, other, &fills));
        prop_assert_eq!(first.status_for(&arn), 403, "{} for {} opened {}", pattern, own, arn);
    }
}
