//! Parsing any text as a method ARN or a WebSocket route ARN never panics, and accepts
//! exactly what the documented rules accept: so an accepted ARN has no `*` or `?` in its
//! partition, region, account, API id or stage, and a verb of upper-case letters or the
//! console's bare `*`, which no decision may allow as the request.
#![no_main]

use authorizer_core::{Decision, MethodArn, Route, TokenRequest, WebSocketArn, testing};
use authorizer_fuzz::arn;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|raw: &str| {
    match (MethodArn::parse(raw), arn::method(raw)) {
        (Ok(parsed), Some(expected)) => {
            let head = expected.head;
            let parts = [parsed.partition(), parsed.region(), parsed.account(), parsed.api_id(), parsed.stage()];
            assert_eq!(parts, [head.partition, head.region, head.account, head.api_id, head.stage]);
            assert_eq!(
                (parsed.verb(), parsed.path(), parsed.stage_prefix()),
                (expected.verb, expected.path, head.stage_prefix)
            );
            assert_eq!(parsed.as_str(), raw);
            assert!(!arn::has_wildcard(head.stage_prefix), "a wildcard before the verb: {raw:?}");
            assert!(parsed.verb() == "*" || parsed.verb().bytes().all(|b| b.is_ascii_uppercase()));
            assert_eq!(parsed, raw.parse::<MethodArn>().unwrap());
            // The console's `*` verb, or a wildcard in the path, is never allowed as the request.
            if arn::has_wildcard(parsed.verb()) || arn::has_wildcard(parsed.path()) {
                let request = TokenRequest::new("token", raw).expect("a valid ARN makes a TOKEN request");
                let event =
                    serde_json::json!({"type": "TOKEN", "authorizationToken": request.token(), "methodArn": raw});
                let allow_request = |_: TokenRequest| Decision::<()>::allow("p").route(Route::request());
                let reply = testing::reply_now(&allow_request, &(), event.to_string().as_bytes());
                assert!(matches!(reply, Some(authorizer_core::Reply::Error(_))), "{raw:?} allowed as the request");
            }
        }
        (Err(_), None) => {}
        (parsed, expected) => panic!("{raw:?}: parsed {parsed:?}, the documented rules say {expected:?}"),
    }
    match (WebSocketArn::parse(raw), arn::websocket(raw)) {
        (Ok(parsed), Some((head, key))) => {
            let parts = [parsed.partition(), parsed.region(), parsed.account(), parsed.api_id(), parsed.stage()];
            assert_eq!(parts, [head.partition, head.region, head.account, head.api_id, head.stage]);
            assert_eq!((parsed.route_key(), parsed.stage_prefix()), (key, head.stage_prefix));
            assert!(!arn::has_wildcard(raw), "a wildcard in a WebSocket ARN: {raw:?}");
        }
        (Err(_), None) => {}
        (parsed, expected) => panic!("{raw:?}: parsed {parsed:?}, the documented rules say {expected:?}"),
    }
});
