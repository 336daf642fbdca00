//! Why a context cannot be read back: the authorizer and the backend disagree on a key.

use std::fmt;

/// A context the backend cannot read as its type: no Lambda authorizer's context at all, a
/// key missing, a value of another JSON type, or a string that does not parse as the
/// field's type.
///
/// It names the key (with its place in nested objects and arrays, `team.members[2]`) and
/// what the backend expected, never the value, which may be a credential or personal data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    key: String,
    expected: &'static str,
    problem: Problem,
}

/// What is wrong with the value at the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Problem {
    /// The key is not there.
    Missing,
    /// The value is of another JSON type, named here (`"a number"`).
    Holds(&'static str),
    /// A string that does not parse as the expected type.
    Unparsable,
    /// A number that does not fit the expected type.
    OutOfRange,
    /// `requestContext.authorizer` itself is not an object; what it is instead.
    NotAnObject(&'static str),
    /// The request carries no Lambda authorizer's context: `null`, no authorizer, or a JWT
    /// or IAM authorizer's.
    NoContext,
}

impl ReadError {
    pub(crate) fn new(key: String, expected: &'static str, problem: Problem) -> Self {
        Self { key, expected, problem }
    }

    /// The key, with its place in nested objects and arrays: `quota`, `team.name`,
    /// `roles[1]`, `limits{…}` (an entry of a map, whose key is context data too). Empty
    /// when there is no context or it is not an object.
    #[must_use]
    pub fn key(&self) -> &str {
        &self.key
    }

    /// Whether the key is missing, which an `Option` field would have read as `None`.
    #[must_use]
    pub fn is_missing(&self) -> bool {
        self.problem == Problem::Missing
    }

    /// Whether the request carries no Lambda authorizer's context at all: `null`, no
    /// authorizer (`None`), or a JWT or IAM authorizer's.
    #[must_use]
    pub fn is_no_context(&self) -> bool {
        self.problem == Problem::NoContext
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (key, expected) = (&self.key, self.expected);
        match self.problem {
            Problem::Missing => write!(f, "context key `{key}` is missing; the backend expects {expected}"),
            Problem::Holds(found) => write!(f, "context key `{key}` holds {found}; the backend expects {expected}"),
            Problem::Unparsable => write!(f, "context key `{key}` holds a string that is not {expected}"),
            Problem::OutOfRange => write!(f, "context key `{key}` holds a number out of range for {expected}"),
            Problem::NotAnObject(found) => {
                write!(f, "the authorizer context (`requestContext.authorizer`) is {found}, not an object")
            }
            Problem::NoContext => f.write_str(
                "the request has no authorizer context: was the route authorized by this Lambda authorizer, \
                 and is `requestContext.authorizer` what was passed?",
            ),
        }
    }
}

impl std::error::Error for ReadError {}
