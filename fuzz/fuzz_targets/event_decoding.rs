//! Decoding any bytes as each kind of event never panics; a decoded request's accessors
//! never panic, and its ARN obeys the documented rules; `AnyRequest` decodes an event as
//! the kind `EventKind::of` names, exactly when that kind's own type decodes it.
#![no_main]

use authorizer_core::testing::EventKind;
use authorizer_core::{
    AnyRequest, AuthorizerRequest, HttpV1Request, HttpV2Request, IamPolicy, RestRequest, SimpleResponse, TokenRequest,
    WebSocketRequest,
};
use authorizer_fuzz::accessors;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|event: &[u8]| {
    let token = TokenRequest::from_event(event);
    let rest = RestRequest::from_event(event);
    let http_v1 = HttpV1Request::from_event(event);
    let http_v2 = HttpV2Request::<SimpleResponse>::from_event(event);
    let http_v2_iam = HttpV2Request::<IamPolicy>::from_event(event);
    let websocket = WebSocketRequest::from_event(event);
    let any = AnyRequest::<SimpleResponse>::from_event(event);
    let any_iam = AnyRequest::<IamPolicy>::from_event(event);

    if let Ok(r) = &token {
        accessors::token(r);
    }
    if let Ok(r) = &rest {
        accessors::rest(r);
    }
    if let Ok(r) = &http_v1 {
        accessors::http_v1(r);
    }
    if let Ok(r) = &http_v2 {
        accessors::http_v2(r);
    }
    if let Ok(r) = &websocket {
        accessors::websocket(r);
    }
    // The response mode changes the response, never what is read.
    assert_eq!(http_v2.is_ok(), http_v2_iam.is_ok());
    assert_eq!(any.is_ok(), any_iam.is_ok());

    // The kind is read from the event, never guessed: `AnyRequest` decodes an event exactly
    // when `EventKind::of` names a kind whose own type decodes it, as that kind, to the same ARN.
    let kind = EventKind::of(event);
    let own = |r: Result<String, _>| r.ok();
    let arn = match kind {
        Some(EventKind::Token) => own(token.map(|r| r.arn().as_str().to_owned())),
        Some(EventKind::Rest) => own(rest.map(|r| r.arn().as_str().to_owned())),
        Some(EventKind::HttpV1) => own(http_v1.map(|r| r.arn().as_str().to_owned())),
        Some(EventKind::HttpV2) => own(http_v2.map(|r| r.arn().as_str().to_owned())),
        Some(EventKind::WebSocket) => own(websocket.map(|r| r.arn().as_str().to_owned())),
        _ => None,
    };
    assert_eq!(any.as_ref().ok().map(|r| r.arn().as_str().to_owned()), arn, "AnyRequest and {kind:?} disagree");
    let Ok(any) = any else { return };
    accessors::any(&any);
    let decoded = match &any {
        AnyRequest::Token(_) => EventKind::Token,
        AnyRequest::Rest(_) => EventKind::Rest,
        AnyRequest::HttpV1(_) => EventKind::HttpV1,
        AnyRequest::HttpV2(_) => EventKind::HttpV2,
        AnyRequest::WebSocket(_) => EventKind::WebSocket,
        _ => return,
    };
    assert_eq!(Some(decoded), kind);
});
