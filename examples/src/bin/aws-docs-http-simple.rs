//! A port of the AWS documentation's Node.js HTTP API authorizer sample for payload format
//! 2.0 with simple responses (`http-api-lambda-authorizer.md`), behaviour for behaviour:
//!
//! | request                                    | response                                  | API Gateway |
//! |--------------------------------------------|-------------------------------------------|-------------|
//! | header `authorization: secretToken`        | `{"isAuthorized": true, "context": {..}}`  | calls the backend |
//! | anything else: no header, another value, `Bearer secretToken`, a repeated header (comma-joined) | `{"isAuthorized": false, "context": {..}}` | 403 |
//!
//! Both responses carry the sample's context, which nests an array and an object, as only
//! HTTP API payload 2.0 contexts may:
//! `{"stringKey":"value","numberKey":1,"booleanKey":true,"arrayKey":["value1","value2"],"mapKey":{"value1":"value2"}}`.
//! The function never fails: no 401 and no 500 come from it.
//!
//! **"Authorized" as a decision.** A simple response has one boolean for the whole request;
//! the framework computes it by judging the [`Decision`] against the request's own
//! `routeArn`. [`Decision::allow_all`] covers every route of the stage, so a caller with the
//! token is authorized whatever route they call; [`Decision::deny`] is an explicit deny of
//! every route, so any other caller is refused whatever route they call. A decision naming
//! routes (`Decision::allow(..).routes(..)`) would make `isAuthorized` depend on the route
//! called, which the cache below would then hand to other routes.
//!
//! **The cache.** With the identity source `$request.header.authorization` and a TTL above 0,
//! API Gateway keeps the response per header value and "uses the cached authorizer response
//! for all routes of an API that use the authorizer"; a cached simple response "fully allows
//! or denies all API requests that match the cached identity source values" (API Gateway
//! developer guide, "Working with AWS Lambda authorizers for HTTP APIs"). The answer here
//! depends on the header alone, never on the route, so a cached answer is what a fresh call
//! would give: caching is safe. With that identity source, a request
//! without the header gets 401 from API Gateway and never reaches the function; without
//! identity sources (no caching), it reaches the function and gets `isAuthorized: false`.
//!
//! Where the port differs, on purpose: the header name is matched in any case
//! ([`HttpV2Request::authorization`]). API Gateway lower-cases header names in payload 2.0
//! events, so on a real event this is the sample's `event.headers.authorization`; it differs
//! only for hand-written events, such as Powertools' test event with `Authorization`.

use authorizer_core::prelude::*;

/// The sample's context, key for key. `nested`: its values may be arrays and objects, which
/// only HTTP API payload 2.0 contexts accept.
#[derive(Context)]
#[context(nested)]
struct SampleContext {
    #[context(rename = "stringKey")]
    string: &'static str,
    #[context(rename = "numberKey")]
    number: u32,
    #[context(rename = "booleanKey")]
    boolean: bool,
    #[context(rename = "arrayKey")]
    array: [&'static str; 2],
    #[context(rename = "mapKey")]
    map: MapKey,
}

/// The object under `mapKey`.
#[derive(Context)]
struct MapKey {
    value1: &'static str,
}

const CONTEXT: SampleContext = SampleContext {
    string: "value",
    number: 1,
    boolean: true,
    array: ["value1", "value2"],
    map: MapKey { value1: "value2" },
};

/// A simple response has no principal: this one only names the caller in the log.
const PRINCIPAL: &str = "client";

#[authorizer]
fn authorize(request: HttpV2Request) -> Decision<SampleContext> {
    if request.authorization() == Some("secretToken") {
        Decision::allow_all(PRINCIPAL).context(CONTEXT)
    } else {
        // The reason goes to the log; the header's value never does.
        Decision::deny(PRINCIPAL).context(CONTEXT).reason("header authorization is missing or wrong")
    }
}

#[cfg(test)]
mod tests {
    use authorizer_core::prelude::*;
    use authorizer_core::{AuthorizerRequest, testing};
    use serde_json::{Value, json};

    use super::authorize;

    fn fixture(text: &str) -> Value {
        serde_json::from_str(text).expect("fixtures are JSON")
    }

    /// The published event (no `authorization` header), with `headers` set to `headers`.
    fn event(headers: Value) -> Value {
        let mut event = fixture(include_str!("../../tests/fixtures/http-api-v2-request.json"));
        event["headers"] = headers;
        event
    }

    fn authorized() -> Value {
        fixture(include_str!("../../tests/fixtures/http-api-simple-response.json"))
    }

    fn refused() -> Value {
        fixture(include_str!("../../tests/fixtures/http-api-simple-response-denied.json"))
    }

    #[test]
    fn the_secret_token_is_authorized_with_the_samples_context() {
        let allowed = testing::invoke(authorize, event(json!({"authorization": "secretToken"})));
        assert_eq!(allowed.response(), Some(authorized()));
        assert_eq!(allowed.status(), 200);
    }

    #[test]
    fn the_published_event_and_other_values_are_refused_with_the_context() {
        let published = fixture(include_str!("../../tests/fixtures/http-api-v2-request.json"));
        let mut cases = vec![published];
        for value in ["secrettoken", "Bearer secretToken", "secretToken ", "", "secretToken,secretToken"] {
            cases.push(event(json!({"authorization": value})));
        }
        cases.push(event(Value::Null));
        for event in cases {
            let denied = testing::invoke(authorize, &event);
            assert_eq!(denied.response(), Some(refused()), "{event}");
            assert_eq!(denied.status(), 403, "{event}");
        }
    }

    #[test]
    fn the_decision_names_no_route() {
        // `isAuthorized` is computed for the route called; a decision about the whole stage
        // gives the same answer for every route, which is what the cache hands them.
        let stage_wide = vec![Route::everything()];
        let decide = |headers: Value| {
            let event = event(headers).to_string();
            authorize(HttpV2Request::from_event(event.as_bytes()).expect("a payload 2.0 event"))
        };
        let allowed = decide(json!({"authorization": "secretToken"}));
        assert_eq!((allowed.allow, allowed.deny), (stage_wide.clone(), vec![]));
        let denied = decide(json!({}));
        assert_eq!((denied.allow, denied.deny), (vec![], stage_wide));
    }

    #[test]
    fn the_answer_is_the_same_for_every_route() {
        // A cached answer is re-used for the other routes of the API: it must hold for them.
        let other = "arn:aws:execute-api:us-east-1:123456789012:abcdef123/test/DELETE/admin/users/7";
        let allowed = testing::invoke(authorize, event(json!({"authorization": "secretToken"})));
        let denied = testing::invoke(authorize, event(json!({})));
        for route in ["GET/request", "POST/", "DELETE/admin/users/7"] {
            let mut moved = event(json!({"authorization": "secretToken"}));
            moved["routeArn"] = json!(format!("arn:aws:execute-api:us-east-1:123456789012:abcdef123/test/{route}"));
            assert_eq!(testing::invoke(authorize, moved).response(), Some(authorized()), "{route}");
        }
        assert_eq!(allowed.status_for(other), 200);
        assert_eq!(denied.status_for(other), 403);
    }

    #[test]
    fn other_events_are_500() {
        for text in [
            include_str!("../../tests/fixtures/rest-token.json"),
            include_str!("../../tests/fixtures/http-api-v1-request.json"),
            include_str!("../../tests/fixtures/websocket-connect-request.json"),
        ] {
            let refused = testing::invoke(authorize, text);
            assert_eq!(refused.status(), 500);
            assert_eq!(refused.error().unwrap().error_type.as_str(), "InvalidEvent");
        }
    }
}
