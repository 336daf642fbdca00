//! How each value type reads back what its writer wrote: from its JSON type (HTTP APIs), or
//! from the string API Gateway made of it (REST and WebSocket APIs turn `1` into `"1"` and
//! `true` into `"true"`; [authorizer output][output]).
//!
//! [output]: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasher, Hash};
use std::num::IntErrorKind;
use std::rc::Rc;
use std::sync::Arc;

use serde_json::{Map, Value};

use super::error::{Problem, ReadError};
use super::read::{ReadValue, ValueReader};

/// What a JSON value is, for errors: never the value itself.
pub(crate) const fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

impl ReadValue for String {
    fn read_value(from: ValueReader<'_>) -> Result<Self, ReadError> {
        match from.present("a string")? {
            Value::String(s) => Ok(s.clone()),
            other => Err(from.wrong_type("a string", other)),
        }
    }
}

macro_rules! from_string {
    ($($ty:ty),*) => {$(
        impl ReadValue for $ty {
            fn read_value(from: ValueReader<'_>) -> Result<Self, ReadError> {
                String::read_value(from).map(Self::from)
            }
        }
    )*};
}

from_string!(Box<str>, Rc<str>, Arc<str>, Cow<'_, str>);

impl ReadValue for char {
    fn read_value(from: ValueReader<'_>) -> Result<Self, ReadError> {
        const EXPECTED: &str = "a single character";
        match from.present(EXPECTED)? {
            Value::String(s) => {
                let mut chars = s.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => Ok(c),
                    _ => Err(from.unparsable(EXPECTED)),
                }
            }
            other => Err(from.wrong_type(EXPECTED, other)),
        }
    }
}

impl ReadValue for bool {
    fn read_value(from: ValueReader<'_>) -> Result<Self, ReadError> {
        const EXPECTED: &str = "a boolean";
        match from.present(EXPECTED)? {
            Value::Bool(b) => Ok(*b),
            Value::String(s) if s == "true" => Ok(true),
            Value::String(s) if s == "false" => Ok(false),
            Value::String(_) => Err(from.unparsable(EXPECTED)),
            other => Err(from.wrong_type(EXPECTED, other)),
        }
    }
}

/// Integers: a JSON integer, or the decimal string API Gateway made of one.
macro_rules! integers {
    ($($ty:ty => $expected:literal),*) => {$(
        impl ReadValue for $ty {
            fn read_value(from: ValueReader<'_>) -> Result<Self, ReadError> {
                const EXPECTED: &str = $expected;
                match from.present(EXPECTED)? {
                    Value::Number(n) => {
                        let fits = match (n.as_i64(), n.as_u64()) {
                            (Some(i), _) => Self::try_from(i).ok(),
                            (None, Some(u)) => Self::try_from(u).ok(),
                            (None, None) => return Err(from.error(EXPECTED, Problem::Holds("a fractional number"))),
                        };
                        fits.ok_or_else(|| from.out_of_range(EXPECTED))
                    }
                    Value::String(s) => s.parse().map_err(|e: std::num::ParseIntError| match e.kind() {
                        IntErrorKind::PosOverflow | IntErrorKind::NegOverflow => from.out_of_range(EXPECTED),
                        _ => from.unparsable(EXPECTED),
                    }),
                    other => Err(from.wrong_type(EXPECTED, other)),
                }
            }
        }
    )*};
}

integers! {
    i8 => "an `i8`", i16 => "an `i16`", i32 => "an `i32`", i64 => "an `i64`", isize => "an `isize`",
    u8 => "a `u8`", u16 => "a `u16`", u32 => "a `u32`", u64 => "a `u64`", usize => "a `usize`"
}

/// A finite float: a JSON number, or the string API Gateway made of one. The writer never
/// writes a NaN or an infinity, so neither reads back.
fn float(from: ValueReader<'_>, expected: &'static str) -> Result<f64, ReadError> {
    match from.present(expected)? {
        Value::Number(n) => n.as_f64().ok_or_else(|| from.out_of_range(expected)),
        Value::String(s) => s.parse::<f64>().ok().filter(|v| v.is_finite()).ok_or_else(|| from.unparsable(expected)),
        other => Err(from.wrong_type(expected, other)),
    }
}

impl ReadValue for f64 {
    fn read_value(from: ValueReader<'_>) -> Result<Self, ReadError> {
        float(from, "an `f64`")
    }
}

impl ReadValue for f32 {
    fn read_value(from: ValueReader<'_>) -> Result<Self, ReadError> {
        const EXPECTED: &str = "an `f32`";
        // The writer writes an `f32` in its own shortest form, which parses back to it
        // exactly; read through `f64`, that form rounds to the same `f32`.
        #[allow(clippy::cast_possible_truncation, reason = "rounding to the nearest f32 is the point")]
        let value = float(from, EXPECTED)? as f32;
        if value.is_finite() { Ok(value) } else { Err(from.out_of_range(EXPECTED)) }
    }
}

impl<T: ReadValue> ReadValue for Option<T> {
    fn read_value(from: ValueReader<'_>) -> Result<Self, ReadError> {
        match from.value() {
            None | Some(Value::Null) => Ok(None),
            Some(_) => T::read_value(from).map(Some),
        }
    }
}

impl<T: ReadValue> ReadValue for Box<T> {
    fn read_value(from: ValueReader<'_>) -> Result<Self, ReadError> {
        T::read_value(from).map(Box::new)
    }
}

impl<T: ReadValue> ReadValue for Vec<T> {
    fn read_value(from: ValueReader<'_>) -> Result<Self, ReadError> {
        match from.present("an array")? {
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, item)| T::read_value(ValueReader::new(Some(item), &from.at().index(i))))
                .collect(),
            other => Err(from.wrong_type("an array", other)),
        }
    }
}

impl<T: ReadValue, const N: usize> ReadValue for [T; N] {
    fn read_value(from: ValueReader<'_>) -> Result<Self, ReadError> {
        Vec::<T>::read_value(from)?
            .try_into()
            .map_err(|_| from.error("an array of the field's length", Problem::Holds("an array of another length")))
    }
}

/// The entries of an object, each read as a `V`.
fn entries<'a, V: ReadValue>(
    from: &ValueReader<'a>,
) -> Result<impl Iterator<Item = Result<(String, V), ReadError>> + 'a, ReadError> {
    let at = from.at();
    match from.present("an object")? {
        Value::Object(map) => Ok(map.iter().map(move |(key, value)| {
            let path = at.entry();
            V::read_value(ValueReader::new(Some(value), &path)).map(|v| (key.clone(), v))
        })),
        other => Err(from.wrong_type("an object", other)),
    }
}

impl<K: From<String> + Eq + Hash, V: ReadValue, S: BuildHasher + Default> ReadValue for HashMap<K, V, S> {
    fn read_value(from: ValueReader<'_>) -> Result<Self, ReadError> {
        entries(&from)?.map(|entry| entry.map(|(k, v)| (K::from(k), v))).collect()
    }
}

impl<K: From<String> + Ord, V: ReadValue> ReadValue for BTreeMap<K, V> {
    fn read_value(from: ValueReader<'_>) -> Result<Self, ReadError> {
        entries(&from)?.map(|entry| entry.map(|(k, v)| (K::from(k), v))).collect()
    }
}

impl ReadValue for Map<String, Value> {
    fn read_value(from: ValueReader<'_>) -> Result<Self, ReadError> {
        match from.present("an object")? {
            Value::Object(map) => Ok(map.clone()),
            other => Err(from.wrong_type("an object", other)),
        }
    }
}

/// Any JSON value, as it is; `null` included, but not a missing key.
impl ReadValue for Value {
    fn read_value(from: ValueReader<'_>) -> Result<Self, ReadError> {
        from.value().cloned().ok_or_else(|| from.error("a JSON value", Problem::Missing))
    }
}
