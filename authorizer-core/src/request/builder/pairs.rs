//! The names and values a builder was given, in order, and the three ways events carry them.

use std::fmt;

use serde::ser::{Serialize, SerializeMap, Serializer};

/// Name-value pairs in the order they were given; a name may come more than once.
///
/// `Debug` shows the names only: a value may be a credential.
#[derive(Clone, Default)]
pub(super) struct Pairs(Vec<(String, String)>);

impl Pairs {
    /// Adds a value of `name`, after those it has.
    pub(super) fn push(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.0.push((name.into(), value.into()));
    }

    /// Gives `name` this one value.
    pub(super) fn set(&mut self, name: impl Into<String>, value: impl Into<String>) {
        let name = name.into();
        self.0.retain(|(n, _)| *n != name);
        self.0.push((name, value.into()));
    }

    /// Every pair, in order.
    pub(super) fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }

    /// Each name once, in the order it first came.
    fn names(&self) -> impl Iterator<Item = &str> {
        self.0
            .iter()
            .enumerate()
            .filter(|(i, (n, _))| !self.0[..*i].iter().any(|(m, _)| m == n))
            .map(|(_, (n, _))| n.as_str())
    }

    /// The values of `name`, in order.
    fn values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> {
        self.0.iter().filter(move |(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// An object of each name's last value: REST's `headers` and `queryStringParameters`,
    /// path parameters and stage variables.
    pub(super) const fn last(&self) -> Grouped<'_> {
        Grouped { pairs: self, how: How::Last }
    }

    /// An object of each name's values as an array: REST's `multiValueHeaders` and
    /// `multiValueQueryStringParameters`.
    pub(super) const fn all(&self) -> Grouped<'_> {
        Grouped { pairs: self, how: How::All }
    }

    /// An object of each name's values joined with commas, as HTTP APIs join a repeated
    /// header or parameter.
    pub(super) const fn joined(&self) -> Grouped<'_> {
        Grouped { pairs: self, how: How::Joined }
    }
}

impl fmt::Debug for Pairs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.names()).finish()
    }
}

#[derive(Clone, Copy)]
enum How {
    Last,
    All,
    Joined,
}

/// [`Pairs`] written as a JSON object, one key per name, in the order of the names.
pub(super) struct Grouped<'a> {
    pairs: &'a Pairs,
    how: How,
}

impl Serialize for Grouped<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for name in self.pairs.names() {
            let values = self.pairs.values(name);
            match self.how {
                How::Last => map.serialize_entry(name, &values.last())?,
                How::All => map.serialize_entry(name, &values.collect::<Vec<_>>())?,
                How::Joined => map.serialize_entry(name, &values.collect::<Vec<_>>().join(","))?,
            }
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_by_name_in_first_seen_order() {
        let mut pairs = Pairs::default();
        pairs.push("b", "1");
        pairs.push("a", "2");
        pairs.push("b", "3");
        let json = |g: Grouped<'_>| serde_json::to_string(&g).unwrap();
        assert_eq!(json(pairs.last()), r#"{"b":"3","a":"2"}"#);
        assert_eq!(json(pairs.all()), r#"{"b":["1","3"],"a":["2"]}"#);
        assert_eq!(json(pairs.joined()), r#"{"b":"1,3","a":"2"}"#);
        pairs.set("b", "4");
        assert_eq!(json(pairs.all()), r#"{"a":["2"],"b":["4"]}"#);
        assert_eq!(format!("{pairs:?}"), r#"{"a", "b"}"#);
    }
}
