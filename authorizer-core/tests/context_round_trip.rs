//! Round trip: a context written by an authorizer, through the local gateway (the response
//! on the wire, judged as API Gateway judges it, and handed to the backend as the
//! integration receives `requestContext.authorizer`: strings for REST and WebSocket APIs,
//! JSON types under `lambda` for HTTP APIs), reads back as the same value, for each kind.

use std::collections::BTreeMap;
use std::sync::Arc;

use authorizer_core::gateway::{Gateway, Invoker, Request, local};
use authorizer_core::prelude::*;
use authorizer_core::{ReadContext, Respond};
use proptest::prelude::*;
use serde_json::Value;

#[derive(Context, Debug, Clone, PartialEq)]
#[context(rename_all = "camelCase")]
struct Flat {
    text: String,
    boxed: Box<str>,
    shared: Arc<str>,
    letter: char,
    flag: bool,
    tiny: i8,
    small: i16,
    medium: i32,
    large: i64,
    size: isize,
    byte: u8,
    word: u16,
    count: u32,
    big: u64,
    index: usize,
    single: f32,
    double: f64,
    #[context(rename = "plan-name")]
    plan: Option<String>,
    quota: Option<u32>,
    #[context(skip)]
    cache: Vec<u8>,
}

#[derive(Context, Debug, Clone, PartialEq)]
#[context(nested)]
struct Nested {
    flat: Flat,
    roles: Vec<String>,
    scores: Vec<Option<f64>>,
    limits: BTreeMap<String, i64>,
    pair: [u16; 2],
    note: Option<String>,
}

fn finite<T: std::fmt::Debug + Copy + 'static>(
    values: impl Strategy<Value = T>,
    ok: fn(T) -> bool,
) -> impl Strategy<Value = T> {
    values.prop_filter("finite", move |v| ok(*v))
}

prop_compose! {
    fn flat()(
        (text, boxed, shared, letter, flag) in (any::<String>(), any::<String>(), any::<String>(), any::<char>(), any::<bool>()),
        (tiny, small, medium, large, size) in (any::<i8>(), any::<i16>(), any::<i32>(), any::<i64>(), any::<isize>()),
        (byte, word, count, big, index) in (any::<u8>(), any::<u16>(), any::<u32>(), any::<u64>(), any::<usize>()),
        single in finite(any::<f32>(), f32::is_finite),
        double in finite(any::<f64>(), f64::is_finite),
        plan in any::<Option<String>>(),
        quota in any::<Option<u32>>(),
    ) -> Flat {
        Flat {
            text, boxed: boxed.into(), shared: shared.into(), letter, flag, tiny, small, medium, large, size,
            byte, word, count, big, index, single, double, plan, quota, cache: Vec::new(),
        }
    }
}

prop_compose! {
    fn nested()(
        flat in flat(),
        roles in prop::collection::vec(any::<String>(), 0..4),
        scores in prop::collection::vec(prop::option::of(finite(any::<f64>(), f64::is_finite)), 0..4),
        limits in prop::collection::btree_map(any::<String>(), any::<i64>(), 0..4),
        pair in any::<[u16; 2]>(),
        note in any::<Option<String>>(),
    ) -> Nested {
        Nested { flat, roles, scores, limits, pair, note }
    }
}

/// What the backend receives as `requestContext.authorizer` when `gateway` allows `request`.
fn backend_sees(mut gateway: Gateway, request: &Request) -> Value {
    let exchange = gateway.send(request);
    assert_eq!(exchange.status, 200, "{exchange:?}");
    exchange.backend.expect("allowed").authorizer
}

fn read<C: FromContext + ReadContext>(authorizer: &Value) -> C {
    C::from_authorizer(authorizer).unwrap_or_else(|e| panic!("{e}: {authorizer}"))
}

fn invoker<R, C>(context: C) -> impl Invoker
where
    R: Respond<C> + 'static,
    C: Clone + Send + Sync + 'static,
{
    local(move |_: R| -> Result<Decision<C>, Error> { Ok(Decision::allow_all("p-1").context(context.clone())) })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_flat_context_reads_back_as_written_for_each_kind(context in flat()) {
        let gateways = [
            ("REST", Gateway::rest_token(invoker::<TokenRequest, _>(context.clone()))),
            ("WebSocket", Gateway::websocket(invoker::<WebSocketRequest, _>(context.clone()))),
            ("HTTP API payload 1.0", Gateway::http_v1(invoker::<HttpV1Request, _>(context.clone()))),
        ];
        let request = Request::get("/pets").header("Authorization", "token");
        for (kind, gateway) in gateways {
            let authorizer = backend_sees(gateway, &request);
            prop_assert_eq!(read::<Flat>(&authorizer), context.clone(), "{}", kind);
        }
    }

    #[test]
    fn an_http_api_payload_2_0_context_reads_back_as_written(flat in flat(), context in nested()) {
        let request = Request::get("/pets").header("Authorization", "token");
        let authorizer = backend_sees(Gateway::http(invoker::<HttpV2Request, _>(flat.clone())), &request);
        prop_assert_eq!(read::<Flat>(&authorizer), flat);
        let authorizer = backend_sees(Gateway::http(invoker::<HttpV2Request, _>(context.clone())), &request);
        prop_assert_eq!(read::<Nested>(&authorizer), context);
    }
}
