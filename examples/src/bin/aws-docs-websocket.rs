//! A port of the AWS documentation's Node.js WebSocket `$connect` REQUEST authorizer sample
//! (`apigateway-websocket-api-lambda-auth.md`), behaviour for behaviour:
//!
//! | request                                                                      | result |
//! |------------------------------------------------------------------------------|--------|
//! | header `HeaderAuth1: headerValue1` and query `QueryString1=queryValue1`       | Allow policy for principal `me` on the event's `methodArn` (`.../$connect`): the connection opens |
//! | anything else                                                                | `Unauthorized`: the upgrade is answered 401 |
//!
//! The policy carries the sample's context
//! `{"stringKey":"stringval","numberKey":123,"booleanKey":true}`, which the `$connect`
//! integration reads as `$context.authorizer.*` (stringified, as for REST), and which is
//! reported, though not documented, to reach the routes of the connection's later messages.
//!
//! **The cache.** There is none to mind: a WebSocket authorizer runs on `$connect` only, once
//! per connection, and API Gateway's authorizer result cache is "supported only for HTTP API
//! Lambda authorizers" (API Gateway V2 API reference, `authorizerResultTtlInSeconds`).
//! Allowing exactly the `$connect` ARN, as the sample does, is therefore right.
//!
//! Where the port differs, on purpose:
//!
//! - **The header name is matched in any case** ([`WebSocketRequest::header`]). WebSocket
//!   APIs pass header names as the client sent them, and clients differ (AWS's REST REQUEST
//!   sample was changed to `headerauth1` after an HTTP/2 client sent it in lower case). The
//!   query-string name stays exact, as in API Gateway.
//! - **Absent or `null` maps are a 401, not a crash.** The sample throws a `TypeError` (500)
//!   when `queryStringParameters` is `null`; here it is empty.
//! - **Fields API Gateway does not send are ignored**, as the sample ignores them: an event
//!   with a stray `"version": "$LATEST"` and Lambda context fields (a fixture of
//!   `aws_lambda_events`) is judged on its headers and query string like any other. The
//!   `methodArn`, which ends in the route key, is what makes it a WebSocket event.

use authorizer_core::prelude::*;

/// The sample's context, key for key.
#[derive(Context)]
struct SampleContext {
    #[context(rename = "stringKey")]
    string: &'static str,
    #[context(rename = "numberKey")]
    number: u32,
    #[context(rename = "booleanKey")]
    boolean: bool,
}

const CONTEXT: SampleContext = SampleContext { string: "stringval", number: 123, boolean: true };

#[authorizer]
fn authorize(request: WebSocketRequest) -> Result<Decision<SampleContext>, Error> {
    // Each reason names what was wrong, never the value sent: the log is no place for it.
    if request.header("HeaderAuth1") != Some("headerValue1") {
        return Err(Error::unauthorized("header HeaderAuth1 is missing or wrong"));
    }
    if request.query_param("QueryString1") != Some("queryValue1") {
        return Err(Error::unauthorized("query parameter QueryString1 is missing or wrong"));
    }
    Ok(Decision::allow_request("me").context(CONTEXT))
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
        fixture(include_str!("../../tests/fixtures/websocket-connect-request.json"))
    }

    fn assert_unauthorized(event: Value, what: &str) {
        let refused = testing::invoke(authorize, event);
        assert_eq!(refused.status(), 401, "{what}");
        assert_eq!(refused.error().unwrap().error_message, "Unauthorized", "{what}");
    }

    #[test]
    fn the_published_event_is_allowed_with_the_derived_policy() {
        let allowed = testing::invoke(authorize, published());
        assert_eq!(
            allowed.response(),
            Some(fixture(include_str!("../../tests/fixtures/websocket-sample-allow-response.json")))
        );
        assert_eq!(allowed.status(), 200);
    }

    #[test]
    fn the_header_name_is_matched_in_any_case() {
        for name in ["headerauth1", "HEADERAUTH1", "HeaderAuth1"] {
            let mut event = published();
            for map in ["headers", "multiValueHeaders"] {
                let entries = event[map].as_object_mut().unwrap();
                let value = entries.remove("HeaderAuth1").unwrap();
                entries.insert(name.into(), value);
            }
            assert_eq!(testing::invoke(authorize, event).status(), 200, "{name}");
        }
    }

    #[test]
    fn wrong_missing_and_null_values_are_401() {
        for (map, key, value) in [
            ("headers", "HeaderAuth1", json!("headervalue1")),
            ("queryStringParameters", "QueryString1", json!("queryValue2")),
            // Query-string names are case-sensitive in API Gateway.
            ("queryStringParameters", "querystring1", json!("queryValue1")),
        ] {
            let mut event = published();
            let twin = if map == "headers" { "multiValueHeaders" } else { "multiValueQueryStringParameters" };
            for (map, value) in [(map, value.clone()), (twin, json!([value]))] {
                let entries = event[map].as_object_mut().unwrap();
                entries.retain(|k, _| !k.eq_ignore_ascii_case(key));
                entries.insert(key.into(), value);
            }
            assert_unauthorized(event, &format!("{map}.{key}"));
        }
        for maps in [["headers", "multiValueHeaders"], ["queryStringParameters", "multiValueQueryStringParameters"]] {
            let mut nulled = published();
            let mut absent = published();
            for map in maps {
                nulled[map] = Value::Null;
                absent.as_object_mut().unwrap().remove(map);
            }
            assert_unauthorized(nulled, &format!("{maps:?}: null"));
            assert_unauthorized(absent, &format!("no {maps:?}"));
        }
    }

    #[test]
    fn stray_fields_are_ignored() {
        let mut event =
            fixture(include_str!("../../tests/fixtures/websocket-connect-request-with-extraneous-fields.json"));
        assert_unauthorized(event.clone(), "no HeaderAuth1");
        event["headers"]["HeaderAuth1"] = json!("headerValue1");
        event["queryStringParameters"]["QueryString1"] = json!("queryValue1");
        let allowed = testing::invoke(authorize, event);
        assert_eq!(allowed.status(), 200);
        assert_eq!(
            allowed.response().unwrap()["policyDocument"]["Statement"][0]["Resource"],
            "arn:aws:execute-api:eu-west-1:123456789012:abcdef123/test/$connect"
        );
    }

    #[test]
    fn other_events_are_500() {
        for text in [
            include_str!("../../tests/fixtures/rest-request-docs.json"),
            include_str!("../../tests/fixtures/http-api-v2-request.json"),
        ] {
            let refused = testing::invoke(authorize, text);
            assert_eq!(refused.status(), 500);
            assert_eq!(refused.error().unwrap().error_type.as_str(), "InvalidEvent");
        }
    }
}
