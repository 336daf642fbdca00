//! Calls every accessor of a decoded request, so that a panic in one is found, and checks
//! what each kind promises of its ARN.

use std::hint::black_box;

use authorizer_core::maps::{CaseRule, Map};
use authorizer_core::{
    AnyRequest, AuthorizerRequest, HttpV1Request, HttpV2Request, RequestArn, ResponseMode, RestRequest, TokenRequest,
    WebSocketRequest,
};

use crate::arn;

/// Reads every entry of a map, and looks each name up again.
fn map<C: CaseRule>(map: &Map<C>) {
    black_box((map.len(), map.is_empty()));
    for (name, value) in map.iter() {
        black_box(value);
        assert!(map.get(name).is_some(), "a name the map lists is not found in it");
    }
}

/// What every kind promises: its ARN obeys the documented rules, so no wildcard stands
/// before the path or route key.
fn request_arn<R: AuthorizerRequest>(request: &R) {
    let raw = request.arn().as_str().to_owned();
    match request.arn() {
        RequestArn::Method(m) => {
            let parsed = arn::method(&raw).expect("a decoded request's method ARN obeys the documented rules");
            assert_eq!((parsed.verb, parsed.path), (m.verb(), m.path()));
            assert!(!arn::has_wildcard(parsed.head.stage_prefix));
        }
        RequestArn::WebSocket(w) => {
            let (head, key) = arn::websocket(&raw).expect("a decoded request's route ARN obeys the documented rules");
            assert_eq!(key, w.route_key());
            assert!(!arn::has_wildcard(head.stage_prefix));
        }
    }
    black_box(request.api());
    request.for_each_secret(&mut |s| {
        black_box(s);
    });
    request.for_each_word_secret(&mut |s| {
        black_box(s);
    });
}

pub fn token(r: &TokenRequest) {
    request_arn(r);
    black_box((r.token(), r.bearer_token(), r.method_arn(), format!("{r:?}")));
}

macro_rules! rest_shaped {
    ($name:ident, $ty:ty) => {
        pub fn $name(r: &$ty) {
            request_arn(r);
            black_box((r.method_arn(), r.resource(), r.path(), r.http_method(), r.authorization(), r.bearer_token()));
            black_box((r.source_ip(), format!("{:?}", r.request_context()), format!("{r:?}")));
            map(r.headers());
            map(r.query());
            map(r.path_parameters());
            map(r.stage_variables());
            for (name, _) in r.headers().iter() {
                assert!(r.header(name).is_some());
                black_box(r.header_values(name).count());
            }
            for (name, _) in r.query().iter() {
                assert!(r.query_param(name).is_some());
                black_box(r.query_values(name).count());
            }
            for (name, _) in r.path_parameters().iter() {
                assert!(r.path_parameter(name).is_some());
            }
            for (name, _) in r.stage_variables().iter() {
                assert!(r.stage_variable(name).is_some());
            }
        }
    };
}

rest_shaped!(rest, RestRequest);
rest_shaped!(http_v1_shape, HttpV1Request);

pub fn http_v1(r: &HttpV1Request) {
    http_v1_shape(r);
    black_box(r.identity_source());
}

pub fn http_v2<M: ResponseMode>(r: &HttpV2Request<M>) {
    request_arn(r);
    black_box((r.route_arn(), r.route_key(), r.raw_path(), r.raw_query_string(), r.cookies()));
    black_box((r.authorization(), r.bearer_token(), r.identity_source(), r.http_method(), r.source_ip()));
    black_box((format!("{:?}", r.request_context()), format!("{r:?}")));
    map(r.headers());
    map(r.query());
    map(r.path_parameters());
    map(r.stage_variables());
    for cookie in r.cookies() {
        if let Some((name, _)) = cookie.split_once('=') {
            black_box(r.cookie(name.trim()));
        }
    }
    for (name, _) in r.headers().iter() {
        assert!(r.header(name).is_some());
    }
    for (name, _) in r.query().iter() {
        assert!(r.query_param(name).is_some());
    }
}

pub fn websocket(r: &WebSocketRequest) {
    request_arn(r);
    black_box((r.method_arn(), r.bearer_token(), r.connection_id(), r.route_key(), r.source_ip()));
    black_box((format!("{:?}", r.request_context()), format!("{r:?}")));
    map(r.headers());
    map(r.query());
    map(r.stage_variables());
    for (name, _) in r.headers().iter() {
        assert!(r.header(name).is_some());
    }
    for (name, _) in r.query().iter() {
        assert!(r.query_param(name).is_some());
    }
}

pub fn any<M: ResponseMode + std::fmt::Debug>(r: &AnyRequest<M>) {
    request_arn(r);
    black_box((r.bearer_token(), r.header("authorization"), format!("{r:?}")));
    match r {
        AnyRequest::Token(t) => token(t),
        AnyRequest::Rest(t) => rest(t),
        AnyRequest::HttpV1(t) => http_v1(t),
        AnyRequest::HttpV2(t) => http_v2(t),
        AnyRequest::WebSocket(t) => websocket(t),
        _ => {}
    }
}
