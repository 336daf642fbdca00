//! Writing a context never panics, and writes exactly what was given: for the kinds whose
//! context is flat (REST TOKEN and REQUEST, HTTP API payload 1.0, WebSocket, `AnyRequest`) a
//! JSON object of strings, numbers and booleans; for HTTP API payload 2.0 any JSON object.
//! A key written twice in one object, a NaN or infinite number anywhere, or objects and
//! arrays nested deeper than 100 levels, is an error, never a response; a context with no key writes nothing. Both a hand-written context and
//! one that derives `Context` (flat, and `nested`) are checked.
#![no_main]

use std::collections::HashSet;

use arbitrary::Arbitrary;
use authorizer_core::{
    AnyRequest, ArrayWriter, Context, ContextValue, ContextWriter, HttpV1Request, HttpV2Request, IamPolicy,
    JsonContext, JsonValue, JsonWriter, ObjectWriter, Respond, RestRequest, SimpleResponse, TokenRequest, ValueWriter,
    WebSocketRequest, Written,
};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

#[derive(Arbitrary, Debug, Clone)]
enum Val {
    Str(String),
    Bool(bool),
    I64(i64),
    U64(u64),
    F64(f64),
    F32(f32),
    Char(char),
    /// `None`: the key is left out (`null` in an array).
    Omit,
    Null,
    Array(Vec<Val>),
    Object(Vec<(String, Val)>),
}

impl Val {
    /// Whether a flat context can hold it.
    const fn is_flat(&self) -> bool {
        !matches!(self, Self::Null | Self::Array(_) | Self::Object(_))
    }
}

/// A match on a value whose scalar arms write through `$out`'s scalar methods (the same on
/// both writers), followed by the arms given.
macro_rules! write_scalars {
    ($value:expr, $out:ident, $write_char:ident, { $($arms:tt)* }) => {
        match $value {
            Val::Str(s) => $out.string(s),
            Val::Bool(b) => $out.bool(*b),
            Val::I64(n) => $out.i64(*n),
            Val::U64(n) => $out.u64(*n),
            Val::F64(n) => $out.f64(*n),
            Val::F32(n) => $out.f32(*n),
            Val::Char(c) => c.$write_char($out),
            $($arms)*
        }
    };
}

impl ContextValue for Val {
    fn write_value(&self, out: ValueWriter<'_>) -> Written {
        write_scalars!(self, out, write_value, {
            Self::Omit | Self::Null | Self::Array(_) | Self::Object(_) => out.omit(),
        })
    }
}

impl JsonValue for Val {
    fn write_json(&self, out: JsonWriter<'_>) -> Written {
        write_scalars!(self, out, write_json, {
            Self::Omit => out.omit(),
            Self::Null => out.null(),
            Self::Array(items) => out.array(|a: &mut ArrayWriter<'_>| items.iter().for_each(|v| a.push(v))),
            Self::Object(entries) => out.object(|o: &mut ObjectWriter<'_>| write_entries(entries, o)),
        })
    }
}

fn write_entries(entries: &[(String, Val)], out: &mut ObjectWriter<'_>) {
    for (key, value) in entries {
        out.insert_json(key, value);
    }
}

/// A context written key by key through the public writers.
struct HandWritten(Vec<(String, Val)>);

impl Context for HandWritten {
    fn write_context(&self, out: &mut ContextWriter<'_>) {
        for (key, value) in self.0.iter().filter(|(_, v)| v.is_flat()) {
            out.insert(key, value);
        }
    }
}

impl JsonContext for HandWritten {
    fn write_json_context(&self, out: &mut ObjectWriter<'_>) {
        write_entries(&self.0, out);
    }
}

/// What a value must read back as.
#[derive(Debug)]
enum Want {
    Exact(Value),
    /// Written in its own shortest form: any decimal that reads back as this `f32`.
    F32(f32),
    Array(Vec<Want>),
    Object(Vec<(String, Want)>),
}

impl Want {
    fn is_read_in(&self, got: &Value) -> bool {
        match (self, got) {
            (Self::Exact(want), got) => want == got,
            #[allow(clippy::cast_possible_truncation)]
            (Self::F32(want), Value::Number(n)) => n.as_f64().is_some_and(|n| n as f32 == *want),
            (Self::Array(want), Value::Array(got)) => {
                want.len() == got.len() && want.iter().zip(got).all(|(w, g)| w.is_read_in(g))
            }
            (Self::Object(want), Value::Object(got)) => {
                want.len() == got.len() && want.iter().all(|(k, w)| got.get(k).is_some_and(|g| w.is_read_in(g)))
            }
            _ => false,
        }
    }
}

/// How deep objects and arrays may nest in a context, the context itself counted as 1.
const MAX_DEPTH: usize = 100;

/// What a value in a container `depth` deep must read back as: `Ok(None)` when it is left
/// out, `Err` when it cannot be written (a NaN or an infinity, a key twice, nesting deeper
/// than [`MAX_DEPTH`]).
fn expected(value: &Val, in_array: bool, depth: usize) -> Result<Option<Want>, ()> {
    if matches!(value, Val::Array(_) | Val::Object(_)) && depth + 1 > MAX_DEPTH {
        return Err(());
    }
    let finite = |ok: bool, v: Want| if ok { Ok(Some(v)) } else { Err(()) };
    Ok(Some(match value {
        Val::Str(s) => Want::Exact(Value::from(s.as_str())),
        Val::Bool(b) => Want::Exact(Value::from(*b)),
        Val::I64(n) => Want::Exact(Value::from(*n)),
        Val::U64(n) => Want::Exact(Value::from(*n)),
        Val::F64(n) => return finite(n.is_finite(), Want::Exact(Value::from(*n))),
        Val::F32(n) => return finite(n.is_finite(), Want::F32(*n)),
        Val::Char(c) => Want::Exact(Value::from(c.to_string())),
        Val::Omit if in_array => Want::Exact(Value::Null),
        Val::Omit => return Ok(None),
        Val::Null => Want::Exact(Value::Null),
        Val::Array(items) => Want::Array(
            items
                .iter()
                .map(|v| Ok(expected(v, true, depth + 1)?.unwrap_or(Want::Exact(Value::Null))))
                .collect::<Result<_, _>>()?,
        ),
        Val::Object(entries) => expected_object(entries.iter(), depth + 1)?,
    }))
}

fn expected_object<'a>(entries: impl Iterator<Item = &'a (String, Val)>, depth: usize) -> Result<Want, ()> {
    let mut object = Vec::new();
    let mut keys = HashSet::new();
    for (key, value) in entries {
        if let Some(value) = expected(value, false, depth)? {
            if !keys.insert(key.as_str()) {
                return Err(());
            }
            object.push((key.clone(), value));
        }
    }
    Ok(Want::Object(object))
}

/// Checks what `write` made of `entries` against what they must read back as.
fn check(
    write: fn(&HandWritten, &mut Vec<u8>) -> Result<bool, authorizer_core::ContextError>,
    context: &HandWritten,
    flat: bool,
) {
    let entries: Vec<&(String, Val)> = context.0.iter().filter(|(_, v)| !flat || v.is_flat()).collect();
    let want = expected_object(entries.into_iter(), 1);
    let mut buf = Vec::new();
    let written = write(context, &mut buf);
    match (written, want) {
        (Err(e), Err(())) => {
            // The message names the key: never a value, which may be request data.
            assert!(e.to_string().starts_with("context key `"), "{e}");
        }
        (Ok(false), Ok(want)) => {
            assert!(matches!(&want, Want::Object(o) if o.is_empty()) && buf.is_empty(), "no key, yet {buf:?}");
        }
        (Ok(true), Ok(want)) => {
            let got: Value = serde_json::from_slice(&buf).expect("a context is valid JSON");
            let Value::Object(got) = got else { panic!("a context is an object") };
            if flat {
                assert!(got.values().all(|v| v.is_string() || v.is_number() || v.is_boolean()), "not flat");
            }
            assert!(want.is_read_in(&Value::Object(got.clone())), "wrote {got:?}, expected {want:?}");
        }
        (written, want) => panic!("wrote {written:?} ({:?}), expected {want:?}", String::from_utf8_lossy(&buf)),
    }
}

#[derive(authorizer_core::Context, Arbitrary, Debug)]
#[context(rename_all = "camelCase")]
struct Derived {
    user_name: String,
    admin: bool,
    #[context(rename = "x-quota")]
    quota: u32,
    ratio: f64,
    plan: Option<String>,
    #[context(skip)]
    #[allow(dead_code)]
    hidden: String,
}

#[derive(authorizer_core::Context, Arbitrary, Debug)]
#[context(nested)]
struct DerivedNested {
    roles: Vec<String>,
    inner: Derived,
    scores: Vec<Option<f32>>,
}

fn derived_expected(d: &Derived) -> Result<Want, ()> {
    let mut entries = vec![
        ("userName".to_owned(), Val::Str(d.user_name.clone())),
        ("admin".to_owned(), Val::Bool(d.admin)),
        ("x-quota".to_owned(), Val::U64(u64::from(d.quota))),
        ("ratio".to_owned(), Val::F64(d.ratio)),
    ];
    if let Some(plan) = &d.plan {
        entries.push(("plan".to_owned(), Val::Str(plan.clone())));
    }
    expected_object(entries.iter(), 1)
}

fn check_derived(derived: &Derived, nested: &DerivedNested) {
    let flat_want = derived_expected(derived);
    for write in
        [<RestRequest as Respond<Derived>>::context_writer(), <HttpV2Request as Respond<Derived>>::context_writer()]
    {
        let mut buf = Vec::new();
        match (write(derived, &mut buf), &flat_want) {
            (Ok(true), Ok(want)) => assert!(want.is_read_in(&serde_json::from_slice(&buf).unwrap()), "{want:?}"),
            (Err(_), Err(())) => {}
            (got, want) => panic!("derived: wrote {got:?}, expected {want:?}"),
        }
    }
    let scores: Result<Vec<Want>, ()> = nested
        .scores
        .iter()
        .map(|s| Ok(expected(&s.map_or(Val::Omit, Val::F32), true, 2)?.unwrap_or(Want::Exact(Value::Null))))
        .collect();
    let want = match (derived_expected(&nested.inner), scores) {
        (Ok(inner), Ok(scores)) => Ok(Want::Object(vec![
            ("roles".to_owned(), Want::Exact(serde_json::json!(nested.roles))),
            ("inner".to_owned(), inner),
            ("scores".to_owned(), Want::Array(scores)),
        ])),
        _ => Err(()),
    };
    let mut buf = Vec::new();
    match (<HttpV2Request<IamPolicy> as Respond<DerivedNested>>::context_writer()(nested, &mut buf), want) {
        (Ok(true), Ok(want)) => assert!(want.is_read_in(&serde_json::from_slice(&buf).unwrap()), "{want:?}"),
        (Err(_), Err(())) => {}
        (got, want) => panic!("derived nested: wrote {got:?}, expected {want:?}"),
    }
}

#[derive(Arbitrary, Debug)]
struct Input {
    entries: Vec<(String, Val)>,
    derived: Derived,
    nested: DerivedNested,
}

fuzz_target!(|input: Input| {
    let context = HandWritten(input.entries);
    for write in [
        <TokenRequest as Respond<HandWritten>>::context_writer(),
        <RestRequest as Respond<HandWritten>>::context_writer(),
        <HttpV1Request as Respond<HandWritten>>::context_writer(),
        <WebSocketRequest as Respond<HandWritten>>::context_writer(),
        <AnyRequest<SimpleResponse> as Respond<HandWritten>>::context_writer(),
        <AnyRequest<IamPolicy> as Respond<HandWritten>>::context_writer(),
    ] {
        check(write, &context, true);
    }
    for write in [
        <HttpV2Request<SimpleResponse> as Respond<HandWritten>>::context_writer(),
        <HttpV2Request<IamPolicy> as Respond<HandWritten>>::context_writer(),
    ] {
        check(write, &context, false);
    }
    check_derived(&input.derived, &input.nested);
});
