//! A port of the AWS documentation's Node.js HTTP API authorizer sample for payload format
//! 2.0 with IAM policy responses (`http-api-lambda-authorizer.md`), behaviour for behaviour:
//!
//! | request                              | response                                                  | API Gateway |
//! |--------------------------------------|-----------------------------------------------------------|-------------|
//! | header `authorization: secretToken`  | Allow policy for principal `abcdef` on the event's `routeArn` | calls the backend |
//! | anything else                        | Deny policy for principal `abcdef` on the event's `routeArn`  | 403 |
//!
//! Both policies carry the sample's context, which nests an array and an object, as only
//! HTTP API payload 2.0 contexts may:
//! `{"stringKey":"value","numberKey":1,"booleanKey":true,"arrayKey":["value1","value2"],"mapKey":{"value1":"value2"}}`.
//! The function never fails on a valid event: no 401 comes from it.
//!
//! **The cache.** Like the sample, the policy names only the route being called
//! ([`Decision::allow_request`], [`Decision::deny_request`]). An HTTP API "uses the cached
//! authorizer response for all routes of an API that use the authorizer" (API Gateway
//! developer guide, "Working with AWS Lambda authorizers for HTTP APIs"): a cached Allow for
//! `GET /request` checked against `POST /admin` is an implicit deny, 403. Keep the cache
//! off (TTL 0), or add `$context.routeKey` to the identity sources to cache per route (exact
//! only while no route has a path variable: the route key is the template, the `routeArn` the
//! concrete path), or allow routes, not the request, as the `petstore` example does.
//!
//! Where the port differs, on purpose:
//!
//! - **The header name is matched in any case** ([`HttpV2Request::authorization`]). API
//!   Gateway lower-cases header names in payload 2.0 events, so on a real event this is the
//!   sample's `event.headers.authorization`.
//! - **A `routeArn` whose path holds `*` or `?` is never allowed.** The path is the client's,
//!   and an Allow of `.../GET/pets/*` would also cover every path below `/pets/`; the
//!   framework refuses to write it and the invocation fails (500) instead. Denying it is fine.

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

#[authorizer]
fn authorize(request: HttpV2Request<IamPolicy>) -> Decision<SampleContext> {
    if request.authorization() == Some("secretToken") {
        Decision::allow_request("abcdef").context(CONTEXT)
    } else {
        // The reason goes to the log; the header's value never does.
        Decision::deny_request("abcdef").context(CONTEXT).reason("header authorization is missing or wrong")
    }
}

#[cfg(test)]
mod tests {
    use authorizer_core::testing;
    use serde_json::{Value, json};

    use super::authorize;

    fn fixture(text: &str) -> Value {
        serde_json::from_str(text).expect("fixtures are JSON")
    }

    fn published() -> Value {
        fixture(include_str!("../../tests/fixtures/http-api-v2-request.json"))
    }

    fn with_authorization(value: &str) -> Value {
        let mut event = published();
        event["headers"]["authorization"] = json!(value);
        event
    }

    #[test]
    fn the_published_event_is_denied_with_the_derived_policy() {
        let denied = testing::invoke(authorize, published());
        assert_eq!(
            denied.response(),
            Some(fixture(include_str!("../../tests/fixtures/http-api-v2-iam-sample-deny-response.json")))
        );
        assert_eq!(denied.status(), 403);
    }

    #[test]
    fn the_secret_token_is_allowed_with_the_derived_policy() {
        let allowed = testing::invoke(authorize, with_authorization("secretToken"));
        assert_eq!(
            allowed.response(),
            Some(fixture(include_str!("../../tests/fixtures/http-api-v2-iam-sample-allow-response.json")))
        );
        assert_eq!(allowed.status(), 200);
        // Like the sample's, the policy covers the route called and nothing else.
        let stage = "arn:aws:execute-api:us-east-1:123456789012:abcdef123/test";
        assert_eq!(allowed.status_for(&format!("{stage}/POST/request")), 403);
        assert_eq!(allowed.status_for(&format!("{stage}/GET/request/1")), 403);
    }

    #[test]
    fn other_values_are_denied() {
        for value in ["secrettoken", "Bearer secretToken", " secretToken", ""] {
            assert_eq!(testing::invoke(authorize, with_authorization(value)).status(), 403, "{value:?}");
        }
    }

    #[test]
    fn a_wildcard_in_the_route_is_never_allowed() {
        let mut event = with_authorization("secretToken");
        event["routeArn"] = json!("arn:aws:execute-api:us-east-1:123456789012:abcdef123/test/GET/pets/*");
        let failed = testing::invoke(authorize, &event);
        assert_eq!(failed.status(), 500);
        assert_eq!(failed.error().unwrap().error_type.as_str(), "InvalidDecision");
        event["headers"] = json!({});
        assert_eq!(testing::invoke(authorize, event).status(), 403);
    }

    #[test]
    fn other_events_are_500() {
        for text in [
            include_str!("../../tests/fixtures/rest-request.json"),
            include_str!("../../tests/fixtures/http-api-v1-request.json"),
        ] {
            let refused = testing::invoke(authorize, text);
            assert_eq!(refused.status(), 500);
            assert_eq!(refused.error().unwrap().error_type.as_str(), "InvalidEvent");
        }
    }
}
