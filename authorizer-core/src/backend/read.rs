//! The traits a context is read back with, and the readers the derive's code is given.

use std::fmt;

use serde_json::Value;

use super::error::{Problem, ReadError};
use super::source::{ContextObject, ContextSource};
use super::values::json_type;

/// A context the backend reads back from `requestContext.authorizer`: what an authorizer
/// sent as a [`Context`](crate::Context) or [`JsonContext`](crate::JsonContext), read into
/// the same type.
///
/// `#[derive(Context)]` implements it, and [`ReadContext`], which does the reading,
/// whenever every field can be read back (owned types: `String`, not `&'static str`) and
/// every skipped field has a `Default`. `from_authorizer` on a context that cannot be read
/// is a compile error naming the field's type.
///
/// ```
/// use authorizer_core::prelude::*;
///
/// #[derive(Context, Debug, PartialEq)]
/// struct Session { org: String, admin: bool, quota: u32, plan: Option<String> }
///
/// // A REST proxy integration's `requestContext.authorizer`: every value a string.
/// let authorizer = serde_json::json!({
///     "org": "acme", "admin": "true", "quota": "5", "principalId": "u-1", "integrationLatency": 12
/// });
/// let session = Session::from_authorizer(&authorizer)?;
/// assert_eq!(session, Session { org: "acme".into(), admin: true, quota: 5, plan: None });
/// # Ok::<(), authorizer_core::ReadError>(())
/// ```
pub trait FromContext: Sized {
    /// Reads the context from what the integration received as `requestContext.authorizer`:
    /// a `serde_json::Value`, or, with the feature `backend`, `aws_lambda_events`'
    /// `authorizer` of any request context.
    ///
    /// # Errors
    ///
    /// When a key the type needs is missing, or its value does not fit the field's type: the
    /// error names the key and the expected type, never the value.
    fn from_authorizer<S: ContextSource + ?Sized>(authorizer: &S) -> Result<Self, ReadError>
    where
        Self: ReadContext,
    {
        Self::read_context(&ContextReader { object: authorizer.context_object()?, at: None })
    }
}

/// Reads each key of a context as its field's type: what `#[derive(Context)]` implements,
/// for the types it can read back, and [`FromContext::from_authorizer`] calls.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be read back from an authorizer context",
    label = "the backend reads a struct that derives `Context`",
    note = "derive `authorizer_core::Context` for the type the authorizer sends, and read that same type in the backend"
)]
pub trait ReadContext: Sized {
    /// Reads every key.
    ///
    /// # Errors
    ///
    /// When a key the type needs is missing, or its value does not fit the field's type.
    fn read_context(keys: &ContextReader<'_>) -> Result<Self, ReadError>;
}

/// The empty context reads from any authorizer context.
impl FromContext for () {}

impl ReadContext for () {
    fn read_context(_: &ContextReader<'_>) -> Result<Self, ReadError> {
        Ok(())
    }
}

/// Where a value stands in the context, for errors: `quota`, `team.name`, `roles[1]`, and
/// `limits{…}` for an entry of a map, whose key is context data too.
#[derive(Debug, Clone, Copy)]
pub struct KeyPath<'a> {
    parent: Option<&'a KeyPath<'a>>,
    step: Step<'a>,
}

#[derive(Debug, Clone, Copy)]
enum Step<'a> {
    Key(&'a str),
    Index(usize),
    Entry,
}

impl<'a> KeyPath<'a> {
    /// `key` in the object at `parent` (`None`: the context itself).
    #[must_use]
    pub const fn key(parent: Option<&'a KeyPath<'a>>, key: &'a str) -> Self {
        Self { parent, step: Step::Key(key) }
    }

    /// The element `index` of the array at `self`.
    #[must_use]
    pub const fn index(&'a self, index: usize) -> Self {
        Self { parent: Some(self), step: Step::Index(index) }
    }

    /// An entry of the map at `self`, written without its key (`limits{…}`): a map's keys
    /// are context data, which errors never show.
    #[must_use]
    pub const fn entry(&'a self) -> Self {
        Self { parent: Some(self), step: Step::Entry }
    }
}

impl fmt::Display for KeyPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(parent) = self.parent {
            parent.fmt(f)?;
        }
        match self.step {
            Step::Key(key) if self.parent.is_some() => write!(f, ".{key}"),
            Step::Key(key) => f.write_str(key),
            Step::Index(index) => write!(f, "[{index}]"),
            Step::Entry => f.write_str("{…}"),
        }
    }
}

/// Reads the keys of one object: the context, or an object nested in it.
///
/// Its `Debug` shows the keys, never their values.
#[derive(Clone, Copy)]
pub struct ContextReader<'a> {
    object: ContextObject<'a>,
    at: Option<&'a KeyPath<'a>>,
}

impl fmt::Debug for ContextReader<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ContextReader")
            .field("keys", &self.object)
            .field("at", &self.at.map(ToString::to_string))
            .finish()
    }
}

impl ContextReader<'_> {
    /// Reads `key` as a `T`; an `Option` reads a missing key (or `null`) as `None`.
    ///
    /// # Errors
    ///
    /// When the key is missing (and `T` is not an `Option`), or its value does not fit `T`.
    pub fn read<T: ReadValue>(&self, key: &str) -> Result<T, ReadError> {
        let at = KeyPath::key(self.at, key);
        T::read_value(ValueReader { value: self.object.get(key), at: &at })
    }
}

/// One value of the context, to be read as the type of its field: the value, if its key is
/// there, and where it stands (for errors).
///
/// Its `Debug` shows where the value stands and its JSON type, never the value.
#[derive(Clone, Copy)]
pub struct ValueReader<'a> {
    value: Option<&'a Value>,
    at: &'a KeyPath<'a>,
}

impl fmt::Debug for ValueReader<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ValueReader")
            .field("at", &self.at.to_string())
            .field("value", &self.value.map_or("missing", json_type))
            .finish()
    }
}

impl<'a> ValueReader<'a> {
    /// The value at `at`, or none when its key is missing.
    #[must_use]
    pub const fn new(value: Option<&'a Value>, at: &'a KeyPath<'a>) -> Self {
        Self { value, at }
    }

    /// The value; `None` when the key is missing.
    #[must_use]
    pub const fn value(&self) -> Option<&'a Value> {
        self.value
    }

    /// Where the value stands.
    #[must_use]
    pub const fn at(&self) -> &'a KeyPath<'a> {
        self.at
    }

    /// The value, which must be there and not `null`.
    ///
    /// # Errors
    ///
    /// When the key is missing or `null`: `expected` says what the backend expects
    /// (`"a string"`).
    pub fn present(&self, expected: &'static str) -> Result<&'a Value, ReadError> {
        match self.value {
            None => Err(self.error(expected, Problem::Missing)),
            Some(Value::Null) => Err(self.error(expected, Problem::Holds("null"))),
            Some(value) => Ok(value),
        }
    }

    /// The keys of the value, which must be an object: for a struct nested in the context.
    ///
    /// # Errors
    ///
    /// When the key is missing, or the value is not an object.
    pub fn object(&self) -> Result<ContextReader<'a>, ReadError> {
        match self.present("an object")? {
            Value::Object(map) => Ok(ContextReader { object: ContextObject::from_map(map), at: Some(self.at) }),
            other => Err(self.wrong_type("an object", other)),
        }
    }

    /// The error for a value of another JSON type than `expected`.
    #[must_use]
    pub fn wrong_type(&self, expected: &'static str, found: &Value) -> ReadError {
        self.error(expected, Problem::Holds(json_type(found)))
    }

    /// The error for a string that does not parse as `expected`.
    #[must_use]
    pub fn unparsable(&self, expected: &'static str) -> ReadError {
        self.error(expected, Problem::Unparsable)
    }

    /// The error for a number out of `expected`'s range.
    #[must_use]
    pub fn out_of_range(&self, expected: &'static str) -> ReadError {
        self.error(expected, Problem::OutOfRange)
    }

    pub(crate) fn error(&self, expected: &'static str, problem: Problem) -> ReadError {
        ReadError::new(self.at.to_string(), expected, problem)
    }
}

/// A value of a context the backend reads back: what a [`ContextValue`](crate::ContextValue)
/// or [`JsonValue`](crate::JsonValue) wrote, read into the same type.
///
/// Implemented for the owned types among those (`String`, `Box<str>`, `Rc<str>`, `Arc<str>`,
/// `Cow<str>`, `char`, `bool`, the integer and float types, `Option`s, `Vec`s and arrays,
/// maps with string keys, `serde_json::Value` and `Map`, `Box`es) and for every struct that
/// derives `Context`. Implement it for a newtype of yours by reading the type it wraps.
///
/// ```
/// use authorizer_core::{ReadError, ReadValue, ValueReader};
///
/// struct Quota(u32);
///
/// impl ReadValue for Quota {
///     fn read_value(from: ValueReader<'_>) -> Result<Self, ReadError> {
///         u32::read_value(from).map(Quota)
///     }
/// }
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be read back from an authorizer context",
    label = "the backend cannot read this field's type back",
    note = "read contexts with owned fields: `String` instead of `&str`, `Vec<T>` instead of `&[T]`; the authorizer may send the same struct",
    note = "a newtype of yours implements `ReadValue` by reading the type it wraps"
)]
pub trait ReadValue: Sized {
    /// Reads the value.
    ///
    /// # Errors
    ///
    /// When the key is missing (and `Self` is not an `Option`), or the value does not fit.
    fn read_value(from: ValueReader<'_>) -> Result<Self, ReadError>;
}

/// A field skipped with `#[context(skip)]`: the authorizer does not send it, so the backend
/// reads its `Default`.
#[diagnostic::on_unimplemented(
    message = "the skipped field of type `{Self}` cannot be read back: it has no `Default`",
    label = "`#[context(skip)]` sends no key, so the backend fills this field with `Default::default()`",
    note = "implement or derive `Default` for `{Self}`, or wrap the field in an `Option`"
)]
pub trait SkippedField {
    /// The value the backend reads.
    fn skipped() -> Self;
}

#[diagnostic::do_not_recommend]
impl<T: Default> SkippedField for T {
    fn skipped() -> Self {
        T::default()
    }
}
