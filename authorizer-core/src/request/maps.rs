//! The string maps of REQUEST events: headers (case-insensitive names) and parameters.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};

/// Request headers, looked up case-insensitively.
///
/// REST APIs pass header names in whatever case the client sent (HTTP/2 clients send lower
/// case), so AWS's own REQUEST sample and its own example event disagree on `HeaderAuth1`
/// and `headerauth1` ([the REQUEST sample][sample] and [its input][input]). `Headers::get`
/// finds either.
///
/// `Debug` shows header names only: any header can carry a credential.
///
/// [sample]: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html
/// [input]: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-input.html
pub type Headers = Map<IgnoreCase>;

/// Query-string parameters, path parameters or stage variables: exact, case-sensitive names.
///
/// `Debug` shows names only.
pub type Params = Map<ExactCase>;

/// How a [`Map`] compares a name it is asked for with the names it holds: [`IgnoreCase`] or
/// [`ExactCase`] (sealed: there are no others).
pub trait CaseRule: sealed::Sealed {
    /// Whether `a` and `b` name the same entry.
    fn same(a: &str, b: &str) -> bool;
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::IgnoreCase {}
    impl Sealed for super::ExactCase {}
}

/// Names compared without regard to ASCII case: [`Headers`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IgnoreCase;

impl CaseRule for IgnoreCase {
    fn same(a: &str, b: &str) -> bool {
        a.eq_ignore_ascii_case(b)
    }
}

/// Names compared exactly: [`Params`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExactCase;

impl CaseRule for ExactCase {
    fn same(a: &str, b: &str) -> bool {
        a == b
    }
}

/// A string map of an event, in the order of the event, whose names are compared by the
/// case rule `R`: [`Headers`] or [`Params`].
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Map<R> {
    entries: Vec<(String, String)>,
    rule: PhantomData<R>,
}

impl<R: CaseRule> Map<R> {
    /// The value of `name`, compared by the map's case rule: whatever the case of either
    /// for [`Headers`], exactly for [`Params`].
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&str> {
        self.values_by::<R>(name).next()
    }
}

impl<R> Map<R> {
    /// Every value of `name`, compared by the case rule `S`, in the order of the event.
    fn values_by<'a, 'n, S: CaseRule>(&'a self, name: &'n str) -> impl Iterator<Item = &'a str> + use<'a, 'n, R, S> {
        self.entries.iter().filter(move |(n, _)| S::same(n, name)).map(|(_, v)| v.as_str())
    }

    /// Every entry, in the order of the event.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.entries.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }

    /// How many entries there are.
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none (absent or `null` in the event).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl<R> fmt::Debug for Map<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.entries.iter().map(|(n, _)| n)).finish()
    }
}

/// Multi-value headers or query parameters (`multiValueHeaders`,
/// `multiValueQueryStringParameters`): each value an entry of a [`Map`], in the order of the
/// event, looked up by its case rules.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct MultiValues(Map<ExactCase>);

impl MultiValues {
    /// Every value of `name`, whatever the case of either (headers).
    pub(crate) fn get_ignore_case<'a, 'n>(&'a self, name: &'n str) -> impl Iterator<Item = &'a str> + use<'a, 'n> {
        self.0.values_by::<IgnoreCase>(name)
    }

    /// Every value of `name`, compared exactly (query parameters).
    pub(crate) fn get_exact<'a, 'n>(&'a self, name: &'n str) -> impl Iterator<Item = &'a str> + use<'a, 'n> {
        self.0.values_by::<ExactCase>(name)
    }

    /// Every value, with its name, in the order of the event.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter()
    }
}

impl fmt::Debug for MultiValues {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A JSON object of `V`s, or `null` (API Gateway sends `null` for an empty map).
struct PairsVisitor<V>(PhantomData<V>);

impl<'de, V: Deserialize<'de>> Visitor<'de> for PairsVisitor<V> {
    type Value = Vec<(String, V)>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object or null")
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }

    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut pairs: Vec<(String, V)> = Vec::with_capacity(map.size_hint().unwrap_or(8));
        while let Some((name, value)) = map.next_entry()? {
            // `JSON.parse` keeps a key's last value, a lookup here its first: an event with a
            // key twice has no single reading, and is refused (the key is not quoted: a name
            // may be request data).
            if pairs.iter().any(|(seen, _)| *seen == name) {
                return Err(serde::de::Error::custom(super::DUPLICATE_KEY));
            }
            pairs.push((name, value));
        }
        Ok(pairs)
    }
}

fn pairs<'de, D: Deserializer<'de>, V: Deserialize<'de>>(d: D) -> Result<Vec<(String, V)>, D::Error> {
    d.deserialize_option(PairsVisitor(PhantomData))
}

impl<'de, R> Deserialize<'de> for Map<R> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        pairs(d).map(|entries| Self { entries, rule: PhantomData })
    }
}

impl<'de> Deserialize<'de> for MultiValues {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let lists: Vec<(String, Vec<String>)> = pairs(d)?;
        let entries = lists.into_iter().flat_map(|(name, values)| values.into_iter().map(move |v| (name.clone(), v)));
        Ok(Self(Map { entries: entries.collect(), rule: PhantomData }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_case_insensitive_params_are_not() {
        let h: Headers = serde_json::from_str(r#"{"HeaderAuth1":"v","accept":"*/*"}"#).unwrap();
        assert_eq!(h.get("headerauth1"), Some("v"));
        assert_eq!(h.get("HEADERAUTH1"), Some("v"));
        assert_eq!(h.get("Accept"), Some("*/*"));
        assert_eq!(h.get("missing"), None);
        let p: Params = serde_json::from_str(r#"{"QueryString1":"q"}"#).unwrap();
        assert_eq!(p.get("QueryString1"), Some("q"));
        assert_eq!(p.get("querystring1"), None);
    }

    #[test]
    fn null_is_empty_and_non_ascii_values_are_kept() {
        let h: Headers = serde_json::from_str("null").unwrap();
        assert!(h.is_empty());
        let h: Headers = serde_json::from_str(r#"{"X-Name":"Zoë ✓"}"#).unwrap();
        assert_eq!(h.get("x-name"), Some("Zoë ✓"));
    }

    #[test]
    fn debug_shows_names_only() {
        let h: Headers = serde_json::from_str(r#"{"Authorization":"Bearer secret"}"#).unwrap();
        assert_eq!(format!("{h:?}"), r#"{"Authorization"}"#);
        let m: MultiValues = serde_json::from_str(r#"{"a":["1","2"],"A":["3"]}"#).unwrap();
        assert_eq!(m.get_ignore_case("a").collect::<Vec<_>>(), ["1", "2", "3"]);
        assert_eq!(m.get_exact("a").collect::<Vec<_>>(), ["1", "2"]);
        assert_eq!(m.iter().collect::<Vec<_>>(), [("a", "1"), ("a", "2"), ("A", "3")]);
        assert!(!format!("{m:?}").contains('1'));
        let null: MultiValues = serde_json::from_str("null").unwrap();
        assert_eq!(null.iter().count(), 0);
    }
}
