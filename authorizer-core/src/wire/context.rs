//! The typed `context` an authorizer hands to the backend.

use std::fmt;

/// A context an authorizer returns with its decision: a flat map from keys to string,
/// number or boolean values.
///
/// REST and WebSocket APIs accept nothing else: an object or an array as a context value
/// makes API Gateway answer 500 ([authorizer output][output]). Derive it, and every field's type is
/// checked at compile time:
///
/// ```
/// use authorizer_core::Context;
///
/// #[derive(Context)]
/// struct Session {
///     org: String,
///     admin: bool,
///     quota: u32,
///     #[context(rename = "planName")]
///     plan: Option<String>, // `None` leaves the key out
/// }
/// ```
///
/// A field of any other type does not compile, with the error on the field's type:
///
/// ```compile_fail
/// use authorizer_core::Context;
///
/// #[derive(Context)]
/// struct Session {
///     roles: Vec<String>, // error: `Vec<String>` cannot be a flat context value
/// }
/// ```
///
/// `()` is the empty context: a [`Decision`](crate::Decision) without one sends no `context`.
///
/// Implement it by hand for keys known only at run time. The [`ContextWriter`] takes only flat
/// values, so a hand-written context cannot break the rule either; a key written twice fails
/// the invocation, as a NaN does.
///
/// ```
/// use authorizer_core::{Context, ContextWriter};
///
/// struct Claims(Vec<(String, String)>);
///
/// impl Context for Claims {
///     fn write_context(&self, out: &mut ContextWriter<'_>) {
///         for (key, value) in &self.0 {
///             out.insert(key, value);
///         }
///     }
/// }
/// ```
///
/// The flat writer has no way to write an array or an object:
///
/// ```compile_fail
/// use authorizer_core::{Context, ContextWriter};
///
/// struct Roles;
///
/// impl Context for Roles {
///     fn write_context(&self, out: &mut ContextWriter<'_>) {
///         out.insert_json("roles", &vec!["admin"]); // error: no method `insert_json`
///     }
/// }
/// ```
///
/// [output]: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a flat authorizer context",
    label = "REST, WebSocket and HTTP API payload 1.0 contexts hold only string, number and boolean values",
    note = "a flat context is a struct with `#[derive(Context)]`, not `nested`, whose fields are strings, numbers or booleans; or return `Decision`, which sends no context",
    note = "nested objects and arrays (`#[context(nested)]`) are for HTTP API payload 2.0 authorizers: take `HttpV2Request`, or flatten the data into string, number and boolean fields; `AnyRequest` answers every kind, so its context is flat"
)]
pub trait Context {
    /// Writes every key and value.
    fn write_context(&self, out: &mut ContextWriter<'_>);
}

impl Context for () {
    fn write_context(&self, _: &mut ContextWriter<'_>) {}
}

/// A value of a REST or WebSocket context: a string, a number or a boolean.
///
/// Implemented for the string types, `bool`, the integer and float types, `char`, `Option`
/// of any of them (`None` leaves the key out) and references to them. Implement it for a
/// newtype of yours by writing one of those through the [`ValueWriter`].
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a flat context value",
    label = "REST, WebSocket and HTTP API payload 1.0 context values are strings, numbers and booleans",
    note = "API Gateway answers 500 when a REST, WebSocket or HTTP API payload 1.0 authorizer's context holds an object or an array",
    note = "use a `String`, `&'static str`, `bool`, integer or float field, or an `Option` of one; flatten nested data into several fields, or encode it as a string",
    note = "an HTTP API payload 2.0 authorizer (`HttpV2Request`) can send objects and arrays: derive its context with `#[context(nested)]`"
)]
pub trait ContextValue {
    /// Writes the value, or leaves the key out.
    fn write_value(&self, out: ValueWriter<'_>) -> Written;
}

/// Writes a flat context (REST, WebSocket, HTTP API payload 1.0) one key at a time: string,
/// number and boolean values only.
pub struct ContextWriter<'a> {
    pub(crate) buf: &'a mut Vec<u8>,
    pub(crate) entries: usize,
    pub(crate) error: Option<ContextError>,
    /// Where each key written so far stands in `buf`, escaped: a key written twice is an error.
    pub(crate) keys: Vec<std::ops::Range<usize>>,
    /// How deep this object stands: 1 for the context itself.
    pub(crate) depth: usize,
}

/// Proof that a value writer was used: only their methods make one.
#[must_use]
pub struct Written(pub(crate) ());

/// Where one value goes: after a key of an object, or as an element of an array.
pub(crate) struct Slot<'w> {
    pub(crate) buf: &'w mut Vec<u8>,
    /// How many entries or elements the container holds so far.
    pub(crate) count: &'w mut usize,
    pub(crate) error: &'w mut Option<ContextError>,
    /// The key and the object's keys so far, in an object; `None` in an array.
    pub(crate) key: Option<(&'w str, &'w mut Vec<std::ops::Range<usize>>)>,
    /// How deep the container holding this value stands: 1 for the context itself.
    pub(crate) depth: usize,
}

impl Slot<'_> {
    /// Writes what separates this value from the previous one (or opens the container),
    /// and the key.
    pub(crate) fn begin(&mut self) -> &mut Vec<u8> {
        let open = if self.key.is_some() { b'{' } else { b'[' };
        self.buf.push(if *self.count == 0 { open } else { b',' });
        *self.count += 1;
        if let Some((key, keys)) = &mut self.key {
            let start = self.buf.len();
            super::json::write_str(self.buf, key);
            let written = start..self.buf.len();
            if keys.iter().any(|earlier| self.buf[earlier.clone()] == self.buf[written.clone()]) {
                if self.error.is_none() {
                    *self.error = Some(ContextError { key: (*key).to_owned(), reason: Reason::Duplicate });
                }
            } else {
                keys.push(written);
            }
            self.buf.push(b':');
        }
        self.buf
    }

    pub(crate) fn string(mut self, value: &str) -> Written {
        super::json::write_str(self.begin(), value);
        Written(())
    }

    pub(crate) fn bool(mut self, value: bool) -> Written {
        self.begin().extend_from_slice(if value { b"true" } else { b"false" });
        Written(())
    }

    pub(crate) fn i64(mut self, value: i64) -> Written {
        super::json::write_i64(self.begin(), value);
        Written(())
    }

    pub(crate) fn u64(mut self, value: u64) -> Written {
        super::json::write_u64(self.begin(), value);
        Written(())
    }

    pub(crate) fn f64(mut self, value: f64) -> Written {
        if value.is_finite() {
            super::json::write_f64(self.begin(), value);
        } else {
            self.fail();
        }
        Written(())
    }

    pub(crate) fn f32(mut self, value: f32) -> Written {
        if value.is_finite() {
            super::json::write_f32(self.begin(), value);
        } else {
            self.fail();
        }
        Written(())
    }

    /// Records that the value cannot be JSON; the first such error is reported.
    pub(crate) fn fail(&mut self) {
        self.fail_for(Reason::NotFinite);
    }

    /// Records that the value would nest the context deeper than [`MAX_CONTEXT_DEPTH`].
    pub(crate) fn fail_too_deep(&mut self) {
        self.fail_for(Reason::TooDeep);
    }

    fn fail_for(&mut self, reason: Reason) {
        if self.error.is_none() {
            let key = self.key.as_ref().map_or("(an array element)", |(key, _)| key);
            *self.error = Some(ContextError { key: key.to_owned(), reason });
        }
    }
}

/// Writes the value of one key of a REST or WebSocket context: a string, a number or a
/// boolean, or nothing. It has no way to write an object or an array.
pub struct ValueWriter<'w> {
    slot: Slot<'w>,
}

/// How deep objects and arrays may nest in a context, the context itself counted as 1.
///
/// JSON readers stop somewhere: serde_json, which reads the response in this crate's own
/// tools and, through `aws_lambda_events`, the integration's event in a Rust backend, at 128
/// levels, counting the response and the event around the context. A deeper context fails
/// the invocation rather than be sent where it cannot be read.
pub(crate) const MAX_CONTEXT_DEPTH: usize = 100;

/// A context that cannot be sent: a NaN or infinite number, a key written twice, or objects
/// and arrays nested deeper than 100 levels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContextError {
    key: String,
    reason: Reason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reason {
    NotFinite,
    Duplicate,
    TooDeep,
}

impl fmt::Display for ContextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.reason {
            Reason::NotFinite => {
                write!(f, "context key `{}` holds a NaN or infinite number, which JSON cannot represent", self.key)
            }
            Reason::Duplicate => {
                write!(f, "context key `{}` is written twice; a JSON object's keys must be unique", self.key)
            }
            Reason::TooDeep => write!(
                f,
                "context key `{}` nests objects and arrays deeper than {MAX_CONTEXT_DEPTH} levels, which JSON readers refuse",
                self.key
            ),
        }
    }
}

impl std::error::Error for ContextError {}

impl<'a> ContextWriter<'a> {
    /// A writer appending to `buf`; nothing is written until the first key.
    pub(crate) fn new(buf: &'a mut Vec<u8>) -> Self {
        Self { buf, entries: 0, error: None, keys: Vec::new(), depth: 1 }
    }

    /// Where the value of `key` goes.
    pub(crate) fn slot<'w>(&'w mut self, key: &'w str) -> Slot<'w> {
        let depth = self.depth;
        Slot {
            buf: self.buf,
            count: &mut self.entries,
            error: &mut self.error,
            key: Some((key, &mut self.keys)),
            depth,
        }
    }

    /// Writes `key` with `value`, or nothing when the value leaves its key out.
    pub fn insert<V: ContextValue + ?Sized>(&mut self, key: &str, value: &V) {
        let _: Written = value.write_value(ValueWriter { slot: self.slot(key) });
    }

    /// Closes the object. `Ok(false)` when no key was written (and nothing at all was).
    pub(crate) fn finish(self) -> Result<bool, ContextError> {
        if let Some(error) = self.error {
            return Err(error);
        }
        if self.entries > 0 {
            self.buf.push(b'}');
        }
        Ok(self.entries > 0)
    }
}

/// The scalar methods of a value writer, which hands them to its slot.
macro_rules! scalar_writers {
    () => {
        /// A string value.
        pub fn string(self, value: &str) -> Written {
            self.slot.string(value)
        }

        /// A boolean value.
        pub fn bool(self, value: bool) -> Written {
            self.slot.bool(value)
        }

        /// An integer value.
        pub fn i64(self, value: i64) -> Written {
            self.slot.i64(value)
        }

        /// An unsigned integer value.
        pub fn u64(self, value: u64) -> Written {
            self.slot.u64(value)
        }

        /// A float value. NaN and infinities cannot be JSON: the invocation then fails
        /// (API Gateway answers 500) instead of sending an invalid response.
        pub fn f64(self, value: f64) -> Written {
            self.slot.f64(value)
        }

        /// A single-precision float, written in its own shortest form (`0.1f32` is `0.1`).
        /// NaN and infinities fail the invocation, as for `f64`.
        pub fn f32(self, value: f32) -> Written {
            self.slot.f32(value)
        }
    };
}
pub(crate) use scalar_writers;

impl ValueWriter<'_> {
    scalar_writers!();

    /// Leaves the key out.
    pub fn omit(self) -> Written {
        Written(())
    }
}

/// Every scalar a context value may be, with how it is written, handed to `$impl`, which
/// implements one value trait for each: [`ContextValue`] here and `JsonValue` in
/// `nested_context.rs`, so that both write every scalar the same way.
macro_rules! scalar_values {
    ($impl:ident) => {
        $impl! {
            i8 => |v, out| out.i64(i64::from(*v));
            i16 => |v, out| out.i64(i64::from(*v));
            i32 => |v, out| out.i64(i64::from(*v));
            i64 => |v, out| out.i64(*v);
            u8 => |v, out| out.u64(u64::from(*v));
            u16 => |v, out| out.u64(u64::from(*v));
            u32 => |v, out| out.u64(u64::from(*v));
            u64 => |v, out| out.u64(*v);
            f64 => |v, out| out.f64(*v);
            f32 => |v, out| out.f32(*v);
            bool => |v, out| out.bool(*v);
            // isize and usize are at most 64 bits on every target Lambda runs.
            isize => |v, out| out.i64(*v as i64);
            usize => |v, out| out.u64(*v as u64);
            char => |v, out| out.string(v.encode_utf8(&mut [0; 4]));
            str => |v, out| out.string(v);
            String => |v, out| out.string(v);
            ::std::rc::Rc<str> => |v, out| out.string(v);
            ::std::sync::Arc<str> => |v, out| out.string(v);
            ::std::borrow::Cow<'_, str> => |v, out| out.string(v);
        }
    };
}
pub(crate) use scalar_values;

macro_rules! impl_context_value {
    ($($ty:ty => |$value:ident, $out:ident| $body:expr;)*) => {$(
        impl ContextValue for $ty {
            fn write_value(&self, $out: ValueWriter<'_>) -> Written {
                let $value = self;
                $body
            }
        }
    )*};
}

scalar_values!(impl_context_value);

// `Box<str>` is a `JsonValue` through `Box<T>`.
impl ContextValue for Box<str> {
    fn write_value(&self, out: ValueWriter<'_>) -> Written {
        out.string(self)
    }
}

impl<T: ContextValue> ContextValue for Option<T> {
    fn write_value(&self, out: ValueWriter<'_>) -> Written {
        match self {
            Some(value) => value.write_value(out),
            None => out.omit(),
        }
    }
}

impl<T: ContextValue + ?Sized> ContextValue for &T {
    fn write_value(&self, out: ValueWriter<'_>) -> Written {
        (**self).write_value(out)
    }
}

/// Appends a flat context to `buf` as a JSON object; `Ok(false)` when it has no key (and
/// nothing was written).
pub(crate) fn write_flat<C: Context + ?Sized>(context: &C, buf: &mut Vec<u8>) -> Result<bool, ContextError> {
    let mut writer = ContextWriter::new(buf);
    context.write_context(&mut writer);
    writer.finish()
}

#[cfg(test)]
/// Writes a context to a JSON string, as it would go on the wire (`None` when it has no key).
///
/// # Errors
///
/// When a float is NaN or infinite, or a key is written twice.
pub fn to_json<C: Context + ?Sized>(context: &C) -> Result<Option<String>, ContextError> {
    let mut buf = Vec::new();
    let written = write_flat(context, &mut buf)?;
    // The writer only ever writes valid UTF-8 JSON.
    Ok(written.then(|| String::from_utf8(buf).unwrap_or_default()))
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;
    use std::sync::Arc;

    use super::*;

    struct All;
    impl Context for All {
        fn write_context(&self, out: &mut ContextWriter<'_>) {
            out.insert("s", "a\"b\\c\n\u{1}é");
            out.insert("i", &-5i8);
            out.insert("u", &u64::MAX);
            out.insert("f", &1.5f64);
            out.insert("g", &0.1f32);
            out.insert("b", &true);
            out.insert("none", &None::<String>);
            out.insert("some", &Some(3u16));
            out.insert("c", &'x');
            out.insert("cow", &Cow::Borrowed("z"));
            out.insert("arc", &Arc::<str>::from("q"));
            out.insert("isize", &-1isize);
            out.insert("usize", &1usize);
        }
    }

    #[test]
    fn writes_a_flat_json_object() {
        let json = to_json(&All).unwrap().unwrap();
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(
            value,
            serde_json::json!({
                "s": "a\"b\\c\n\u{1}é", "i": -5, "u": u64::MAX, "f": 1.5, "g": 0.1, "b": true,
                "some": 3, "c": "x", "cow": "z", "arc": "q", "isize": -1, "usize": 1
            })
        );
        // Key order is the order written.
        assert!(json.starts_with(r#"{"s":"#), "{json}");
    }

    #[test]
    fn empty_contexts_write_nothing() {
        assert_eq!(to_json(&()).unwrap(), None);
        struct OnlyNone;
        impl Context for OnlyNone {
            fn write_context(&self, out: &mut ContextWriter<'_>) {
                out.insert("a", &None::<bool>);
            }
        }
        assert_eq!(to_json(&OnlyNone).unwrap(), None);
    }

    #[test]
    fn non_finite_floats_are_errors_naming_the_key() {
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            struct F(f64);
            impl Context for F {
                fn write_context(&self, out: &mut ContextWriter<'_>) {
                    out.insert("ok", &1);
                    out.insert("ratio", &self.0);
                }
            }
            let err = to_json(&F(bad)).unwrap_err();
            assert!(err.to_string().contains("`ratio`"), "{err}");
        }
    }

    #[test]
    fn a_key_written_twice_is_an_error_naming_it() {
        struct Twice;
        impl Context for Twice {
            fn write_context(&self, out: &mut ContextWriter<'_>) {
                out.insert("a", &1);
                out.insert("b", &None::<u8>);
                out.insert("b", "kept");
                out.insert("a\u{e9}", "escaped differently");
                out.insert("a", "two");
            }
        }
        let err = to_json(&Twice).unwrap_err();
        assert_eq!(err.to_string(), "context key `a` is written twice; a JSON object's keys must be unique");
    }

    #[test]
    fn a_key_written_twice_fails_the_invocation() {
        struct Twice;
        impl Context for Twice {
            fn write_context(&self, out: &mut ContextWriter<'_>) {
                out.insert("org", "a");
                out.insert("org", "b");
            }
        }
        let authorize = |_: crate::TokenRequest| -> Result<crate::Decision<Twice>, crate::Error> {
            Ok(crate::Decision::allow_all("u").context(Twice))
        };
        let event = serde_json::json!({
            "type": "TOKEN", "authorizationToken": "t", "methodArn": "arn:aws:execute-api:r:1:a/s/GET/p"
        });
        let invocation = crate::testing::invoke(authorize, event);
        let error = invocation.error().expect("an error, not a policy");
        assert_eq!(error.error_type, crate::wire::ErrorType::InvalidDecision);
        assert!(error.error_message.contains("`org` is written twice"), "{}", error.error_message);
        assert_eq!(invocation.status(), 500);
    }
}
