//! A port of the AWS documentation's Node.js REST REQUEST authorizer sample
//! (`apigateway-use-lambda-authorizer.md`), behaviour for behaviour, less two crashes:
//!
//! | request                                                        | result                    |
//! |----------------------------------------------------------------|---------------------------|
//! | header `HeaderAuth1: headerValue1`, query `QueryString1=queryValue1` and stage variable `StageVar1=stageValue1` | Allow policy for principal `me` on the event's `methodArn` |
//! | anything else                                                  | `Unauthorized`: API Gateway answers 401 |
//!
//! The policy carries the sample's context
//! `{"stringKey":"stringval","numberKey":123,"booleanKey":true}`.
//!
//! Where the port differs, on purpose:
//!
//! - **The header name is matched in any case.** The sample reads `headers.headerauth1`
//!   (lower case, changed from `HeaderAuth1` after an HTTP/2 client sent it lower-cased), but
//!   the documentation's own REQUEST event has `HeaderAuth1`, so the published sample rejects
//!   the published event. REST APIs pass header names in the case the client sent; the port
//!   uses [`RestRequest::header`], which ignores case. Query-string parameters and stage
//!   variables keep exact names, as in API Gateway.
//! - **Absent or `null` maps are a 401, not a crash.** The sample throws a `TypeError` (500)
//!   when `queryStringParameters` or `stageVariables` is `null`; here they are empty.
//!
//! Like the sample, the policy covers only the method being called. The sample's identity
//! sources (the header, the query string and the stage variable) are the cache key, so under
//! API Gateway's policy cache the same three values calling another method would meet this
//! cached policy and get 403. Keep the cache off (TTL 0), add `context.httpMethod` and
//! `context.path` to the identity sources (not `context.resourcePath`: that is the template,
//! `/pets/{id}`, while the policy names the concrete path, `/pets/7`), or declare routes as
//! the `petstore` example does.

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
fn authorize(request: RestRequest) -> Result<Decision<SampleContext>, Error> {
    // Each reason names what was wrong, never the value sent: the log is no place for it.
    if request.header("HeaderAuth1") != Some("headerValue1") {
        return Err(Error::unauthorized("header HeaderAuth1 is missing or wrong"));
    }
    if request.query_param("QueryString1") != Some("queryValue1") {
        return Err(Error::unauthorized("query parameter QueryString1 is missing or wrong"));
    }
    if request.stage_variable("StageVar1") != Some("stageValue1") {
        return Err(Error::unauthorized("stage variable StageVar1 is missing or wrong"));
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

    fn docs_event() -> Value {
        fixture(include_str!("../../tests/fixtures/rest-request-docs.json"))
    }

    fn full_event() -> Value {
        fixture(include_str!("../../tests/fixtures/rest-request.json"))
    }

    fn assert_unauthorized(event: Value, what: &str) {
        let refused = testing::invoke(authorize, event);
        assert_eq!(refused.status(), 401, "{what}");
        assert_eq!(refused.error().unwrap().error_message, "Unauthorized", "{what}");
    }

    #[test]
    fn the_docs_events_are_allowed_with_the_samples_policy() {
        for (event, expected) in [
            (docs_event(), include_str!("../../tests/fixtures/rest-request-docs-sample-allow-response.json")),
            (full_event(), include_str!("../../tests/fixtures/rest-request-sample-allow-response.json")),
        ] {
            let allowed = testing::invoke(authorize, event);
            assert_eq!(allowed.status(), 200);
            assert_eq!(allowed.response(), Some(fixture(expected)));
        }
    }

    #[test]
    fn the_header_name_is_matched_in_any_case() {
        for name in ["headerauth1", "HEADERAUTH1", "HeaderAuth1", "hEaDeRaUtH1"] {
            let mut event = docs_event();
            let headers = event["headers"].as_object_mut().unwrap();
            headers.remove("HeaderAuth1");
            headers.insert(name.into(), json!("headerValue1"));
            assert_eq!(testing::invoke(authorize, event).status(), 200, "{name}");
        }
    }

    #[test]
    fn wrong_or_missing_values_are_401() {
        let cases: [(&str, &str, Value); 8] = [
            ("headers", "HeaderAuth1", json!("headervalue1")),
            ("headers", "HeaderAuth1", json!("")),
            ("queryStringParameters", "QueryString1", json!("queryValue2")),
            ("stageVariables", "StageVar1", json!("StageValue1")),
            ("headers", "HeaderAuth1", Value::Null),
            ("queryStringParameters", "QueryString1", Value::Null),
            ("stageVariables", "StageVar1", Value::Null),
            // Query-string names are case-sensitive in API Gateway.
            ("queryStringParameters", "querystring1", json!("queryValue1")),
        ];
        for (map, key, value) in cases {
            let mut event = full_event();
            let entries = event[map].as_object_mut().unwrap();
            if value.is_null() {
                entries.clear();
            } else {
                entries.retain(|k, _| !k.eq_ignore_ascii_case(key));
                entries.insert(key.into(), value.clone());
            }
            // The fuller event repeats headers and query parameters in multi-value maps, which
            // the accessors fall back to; keep them agreeing, as API Gateway's events do.
            let multi = match map {
                "headers" => "multiValueHeaders",
                "queryStringParameters" => "multiValueQueryStringParameters",
                _ => "", // stage variables have no multi-value map
            };
            if !multi.is_empty() {
                let entries = event[multi].as_object_mut().unwrap();
                if value.is_null() {
                    entries.clear();
                } else {
                    entries.retain(|k, _| !k.eq_ignore_ascii_case(key));
                    entries.insert(key.into(), json!([value]));
                }
            }
            assert_unauthorized(event, &format!("{map}.{key} = {value}"));
        }
    }

    #[test]
    fn null_and_absent_maps_are_401_not_a_crash() {
        for map in ["headers", "queryStringParameters", "stageVariables"] {
            let mut event = docs_event();
            event[map] = Value::Null;
            assert_unauthorized(event, &format!("{map}: null"));
            let mut event = docs_event();
            event.as_object_mut().unwrap().remove(map);
            assert_unauthorized(event, &format!("no {map}"));
        }
    }

    #[test]
    fn other_events_are_500() {
        let token = fixture(include_str!("../../tests/fixtures/rest-token.json"));
        let refused = testing::invoke(authorize, token);
        assert_eq!(refused.status(), 500);
        assert_eq!(refused.error().unwrap().error_type.as_str(), "InvalidEvent");
    }
}
