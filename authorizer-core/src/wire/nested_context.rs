//! Contexts of HTTP API payload 2.0 authorizers, which may nest objects and arrays.

use std::collections::{BTreeMap, HashMap};

use super::context::{
    ContextError, ContextValue, ContextWriter, MAX_CONTEXT_DEPTH, Slot, Written, scalar_values, scalar_writers,
};

/// The context of an HTTP API payload 2.0 authorizer, simple or IAM response: a JSON object
/// whose values may be objects and arrays. API Gateway passes it to the integration under
/// `requestContext.authorizer.lambda` ([HTTP API authorizers][http]).
///
/// `#[derive(Context)]` implements it for every context. `#[derive(Context)]` with
/// `#[context(nested)]` implements only it, and its fields may then be any [`JsonValue`]:
/// `Vec`s, maps, `serde_json::Value`, and other structs that derive `Context`.
///
/// ```
/// use authorizer_core::Context;
///
/// #[derive(Context)]
/// struct Scope { name: String }
///
/// #[derive(Context)]
/// #[context(nested)]
/// struct Claims { roles: Vec<String>, scope: Scope }
/// ```
///
/// [http]: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an HTTP API payload 2.0 context",
    label = "an HTTP API payload 2.0 context is a struct that derives `Context`",
    note = "derive it: `#[derive(Context)]`, with `#[context(nested)]` when its fields hold objects or arrays; or return `Decision`, which sends no context",
    note = "when the context is hidden behind `impl Trait`, write `impl JsonContext`: `impl Context` does not promise it, even when the type behind it derives `Context`"
)]
pub trait JsonContext {
    /// Writes every key and value.
    fn write_json_context(&self, out: &mut ObjectWriter<'_>);
}

impl JsonContext for () {
    fn write_json_context(&self, _: &mut ObjectWriter<'_>) {}
}

/// Writes a JSON object one key at a time: an HTTP API payload 2.0 context, or an object
/// nested in one. Its values may be objects and arrays; a key written twice fails the
/// invocation.
pub struct ObjectWriter<'a> {
    object: ContextWriter<'a>,
}

impl<'a> ObjectWriter<'a> {
    pub(crate) fn new(buf: &'a mut Vec<u8>) -> Self {
        Self { object: ContextWriter::new(buf) }
    }

    /// Writes `key` with a flat `value`, or nothing when the value leaves its key out.
    pub fn insert<V: ContextValue + ?Sized>(&mut self, key: &str, value: &V) {
        self.object.insert(key, value);
    }

    /// Writes `key` with a JSON `value`, which may nest objects and arrays, or nothing when
    /// the value leaves its key out.
    pub fn insert_json<V: JsonValue + ?Sized>(&mut self, key: &str, value: &V) {
        let _: Written = value.write_json(JsonWriter { slot: self.object.slot(key) });
    }

    /// This object as a flat context's writer, to write a flat [`Context`](crate::Context)
    /// into it: every flat context is also a valid JSON object.
    pub fn flat(&mut self) -> &mut ContextWriter<'a> {
        &mut self.object
    }
}

/// Appends an HTTP API payload 2.0 context to `buf` as a JSON object; `Ok(false)` when it
/// has no key (and nothing was written).
pub(crate) fn write_nested<C: JsonContext + ?Sized>(context: &C, buf: &mut Vec<u8>) -> Result<bool, ContextError> {
    let mut writer = ObjectWriter::new(buf);
    context.write_json_context(&mut writer);
    writer.object.finish()
}

/// A value of an HTTP API payload 2.0 context: a string, number or boolean, `null`, an
/// array, an object (a map with string keys, or a struct that derives `Context`), or a
/// `serde_json::Value`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be an HTTP API context value",
    label = "HTTP API payload 2.0 context values are strings, numbers, booleans, arrays, maps with string keys, `serde_json::Value`s and structs that derive `Context`",
    note = "derive `authorizer_core::Context` for a struct nested in a context, with `#[context(nested)]` when it nests objects or arrays itself; write a tuple as a struct with named fields"
)]
pub trait JsonValue {
    /// Writes the value, or leaves its key out.
    fn write_json(&self, out: JsonWriter<'_>) -> Written;
}

/// Writes one value of an HTTP API payload 2.0 context.
pub struct JsonWriter<'w> {
    pub(crate) slot: Slot<'w>,
}

impl JsonWriter<'_> {
    scalar_writers!();

    /// `null`.
    pub fn null(mut self) -> Written {
        self.slot.begin().extend_from_slice(b"null");
        Written(())
    }

    /// Leaves the key out; in an array, where nothing can be left out, writes `null`.
    pub fn omit(self) -> Written {
        if self.slot.key.is_some() { Written(()) } else { self.null() }
    }

    /// An object, whose entries `f` writes. One nested deeper than 100 levels (the context
    /// itself counted as 1) fails the invocation: JSON readers refuse it.
    pub fn object(mut self, f: impl FnOnce(&mut ObjectWriter<'_>)) -> Written {
        let depth = self.slot.depth + 1;
        if depth > MAX_CONTEXT_DEPTH {
            self.slot.fail_too_deep();
            return Written(());
        }
        let buf = self.slot.begin();
        let mut writer = ObjectWriter::new(buf);
        writer.object.depth = depth;
        f(&mut writer);
        let object = writer.object;
        if object.entries == 0 {
            object.buf.extend_from_slice(b"{}");
        } else {
            object.buf.push(b'}');
        }
        if let Some(error) = object.error {
            self.slot.error.get_or_insert(error);
        }
        Written(())
    }

    /// An array, whose elements `f` writes. One nested deeper than 100 levels fails the
    /// invocation, as an object does.
    pub fn array(mut self, f: impl FnOnce(&mut ArrayWriter<'_>)) -> Written {
        let depth = self.slot.depth + 1;
        if depth > MAX_CONTEXT_DEPTH {
            self.slot.fail_too_deep();
            return Written(());
        }
        let buf = self.slot.begin();
        let mut array = ArrayWriter { buf, count: 0, error: None, depth };
        f(&mut array);
        array.buf.extend_from_slice(if array.count == 0 { b"[]" } else { b"]" });
        if let Some(error) = array.error {
            self.slot.error.get_or_insert(error);
        }
        Written(())
    }

    /// Any JSON value, as it is; nested deeper than 100 levels, it fails the invocation.
    pub fn value(mut self, value: &serde_json::Value) -> Written {
        if nests_deeper(value, MAX_CONTEXT_DEPTH - self.slot.depth) {
            self.slot.fail_too_deep();
            return Written(());
        }
        // A `serde_json::Value` holds no NaN or infinity, and writing to a Vec cannot fail.
        let _ = serde_json::to_writer(&mut *self.slot.begin(), value);
        Written(())
    }
}

/// Whether `value` nests objects and arrays more than `levels` deep; it looks no deeper.
fn nests_deeper(value: &serde_json::Value, levels: usize) -> bool {
    match value {
        serde_json::Value::Array(items) => levels == 0 || items.iter().any(|v| nests_deeper(v, levels - 1)),
        serde_json::Value::Object(entries) => levels == 0 || entries.values().any(|v| nests_deeper(v, levels - 1)),
        _ => false,
    }
}

/// Writes the elements of an array.
pub struct ArrayWriter<'a> {
    buf: &'a mut Vec<u8>,
    count: usize,
    error: Option<ContextError>,
    /// How deep this array stands.
    depth: usize,
}

impl ArrayWriter<'_> {
    /// Appends one element.
    pub fn push<V: JsonValue + ?Sized>(&mut self, value: &V) {
        let slot = Slot { buf: self.buf, count: &mut self.count, error: &mut self.error, key: None, depth: self.depth };
        let _: Written = value.write_json(JsonWriter { slot });
    }
}

macro_rules! impl_json_value {
    ($($ty:ty => |$value:ident, $out:ident| $body:expr;)*) => {$(
        impl JsonValue for $ty {
            fn write_json(&self, $out: JsonWriter<'_>) -> Written {
                let $value = self;
                $body
            }
        }
    )*};
}

scalar_values!(impl_json_value);

impl<T: JsonValue> JsonValue for Option<T> {
    fn write_json(&self, out: JsonWriter<'_>) -> Written {
        match self {
            Some(value) => value.write_json(out),
            None => out.omit(),
        }
    }
}

impl<T: JsonValue + ?Sized> JsonValue for &T {
    fn write_json(&self, out: JsonWriter<'_>) -> Written {
        (**self).write_json(out)
    }
}

impl<T: JsonValue + ?Sized> JsonValue for Box<T> {
    fn write_json(&self, out: JsonWriter<'_>) -> Written {
        (**self).write_json(out)
    }
}

impl<T: JsonValue> JsonValue for [T] {
    fn write_json(&self, out: JsonWriter<'_>) -> Written {
        out.array(|array| self.iter().for_each(|item| array.push(item)))
    }
}

impl<T: JsonValue, const N: usize> JsonValue for [T; N] {
    fn write_json(&self, out: JsonWriter<'_>) -> Written {
        self.as_slice().write_json(out)
    }
}

impl<T: JsonValue> JsonValue for Vec<T> {
    fn write_json(&self, out: JsonWriter<'_>) -> Written {
        self.as_slice().write_json(out)
    }
}

// Not recommended in errors: a map with other keys then reads "cannot be an HTTP API
// context value" rather than "`u32: AsRef<str>` is not satisfied".
#[diagnostic::do_not_recommend]
impl<K: AsRef<str>, V: JsonValue, S> JsonValue for HashMap<K, V, S> {
    fn write_json(&self, out: JsonWriter<'_>) -> Written {
        out.object(|object| self.iter().for_each(|(key, value)| object.insert_json(key.as_ref(), value)))
    }
}

#[diagnostic::do_not_recommend]
impl<K: AsRef<str>, V: JsonValue> JsonValue for BTreeMap<K, V> {
    fn write_json(&self, out: JsonWriter<'_>) -> Written {
        out.object(|object| self.iter().for_each(|(key, value)| object.insert_json(key.as_ref(), value)))
    }
}

impl JsonValue for serde_json::Value {
    fn write_json(&self, out: JsonWriter<'_>) -> Written {
        out.value(self)
    }
}

impl JsonValue for serde_json::Map<String, serde_json::Value> {
    fn write_json(&self, out: JsonWriter<'_>) -> Written {
        out.object(|object| self.iter().for_each(|(key, value)| object.insert_json(key, value)))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;

    struct Nested;
    impl JsonContext for Nested {
        fn write_json_context(&self, out: &mut ObjectWriter<'_>) {
            out.insert_json("stringKey", "value");
            out.insert_json("numberKey", &1);
            out.insert_json("booleanKey", &true);
            out.insert_json("arrayKey", &vec!["value1", "value2"]);
            out.insert_json("mapKey", &BTreeMap::from([("value1", "value2")]));
            out.insert_json("empty", &Vec::<u8>::new());
            out.insert_json("none", &None::<u8>);
            out.insert_json("holes", &[Some(1), None]);
            out.insert_json("raw", &json!({"a": [null, {"b": false}]}));
            out.insert_json("object", &HashMap::<String, u8>::new());
        }
    }

    fn write(context: &impl JsonContext) -> Result<Value, ContextError> {
        let mut buf = Vec::new();
        write_nested(context, &mut buf)?;
        Ok(serde_json::from_slice(&buf).unwrap())
    }

    #[test]
    fn nested_values_are_json() {
        assert_eq!(
            write(&Nested).unwrap(),
            json!({
                "stringKey": "value", "numberKey": 1, "booleanKey": true,
                "arrayKey": ["value1", "value2"], "mapKey": {"value1": "value2"},
                "empty": [], "holes": [1, null], "raw": {"a": [null, {"b": false}]}, "object": {}
            })
        );
    }

    #[test]
    fn a_nan_deep_inside_is_still_an_error() {
        struct Deep;
        impl JsonContext for Deep {
            fn write_json_context(&self, out: &mut ObjectWriter<'_>) {
                out.insert_json("scores", &BTreeMap::from([("a", vec![1.0, f64::NAN])]));
            }
        }
        let err = write(&Deep).unwrap_err();
        assert!(err.to_string().contains("array element"), "{err}");
    }

    #[test]
    fn keys_are_unique_per_object_at_every_depth() {
        struct Nest;
        impl JsonContext for Nest {
            fn write_json_context(&self, out: &mut ObjectWriter<'_>) {
                out.insert("id", "a");
                out.insert_json("inner", &BTreeMap::from([("id", 1)]));
                out.flat().insert("flat", &true);
            }
        }
        assert_eq!(write(&Nest).unwrap(), json!({"id": "a", "inner": {"id": 1}, "flat": true}));

        struct Twice;
        impl JsonContext for Twice {
            fn write_json_context(&self, out: &mut ObjectWriter<'_>) {
                out.insert("id", "a");
                out.insert_json("id", &vec![1]);
            }
        }
        assert!(write(&Twice).unwrap_err().to_string().contains("`id` is written twice"));

        struct DeepTwice;
        impl JsonContext for DeepTwice {
            fn write_json_context(&self, out: &mut ObjectWriter<'_>) {
                out.insert_json("outer", &vec![serde_json::Value::Null]);
                out.insert_json("inner", &Inner);
            }
        }
        struct Inner;
        impl JsonValue for Inner {
            fn write_json(&self, out: JsonWriter<'_>) -> Written {
                out.object(|object| {
                    object.insert("k", &1);
                    object.insert("k", &2);
                })
            }
        }
        assert!(write(&DeepTwice).unwrap_err().to_string().contains("`k` is written twice"));
    }

    /// `levels` arrays, objects or JSON values nested in one another, with `1` in the
    /// innermost: the context itself is one level more.
    struct Nesting {
        levels: usize,
        kind: &'static str,
    }

    impl JsonValue for Nesting {
        fn write_json(&self, out: JsonWriter<'_>) -> Written {
            let inner = Nesting { levels: self.levels.saturating_sub(1), kind: self.kind };
            match (self.levels, self.kind) {
                (0, _) => out.i64(1),
                (_, "array") => out.array(|a| a.push(&inner)),
                (_, "object") => out.object(|o| o.insert_json("k", &inner)),
                _ => out.value(&(0..self.levels).fold(json!(1), |v, _| json!([v]))),
            }
        }
    }

    impl JsonContext for Nesting {
        fn write_json_context(&self, out: &mut ObjectWriter<'_>) {
            out.insert_json("deep", self);
        }
    }

    #[test]
    fn a_context_nests_at_most_100_levels() {
        // The key of the value that goes too deep, as for a NaN.
        for (kind, key) in [("array", "(an array element)"), ("object", "k"), ("value", "deep")] {
            let deepest = write(&Nesting { levels: MAX_CONTEXT_DEPTH - 1, kind }).unwrap();
            // The response and the integration's event around it still read as JSON.
            let event = json!({"requestContext": {"authorizer": {"lambda": {"response": deepest}}}});
            assert!(serde_json::from_str::<Value>(&event.to_string()).is_ok(), "{kind}");

            let err = write(&Nesting { levels: MAX_CONTEXT_DEPTH, kind }).unwrap_err();
            assert_eq!(
                err.to_string(),
                format!(
                    "context key `{key}` nests objects and arrays deeper than 100 levels, which JSON readers refuse"
                ),
            );
        }
        // Found by the `context_writing` fuzz target: 128 nested arrays were written, and
        // serde_json refused to read the response back.
        let err = write(&Nesting { levels: 128, kind: "array" }).unwrap_err();
        assert!(err.to_string().contains("deeper than 100 levels"), "{err}");
    }
}
