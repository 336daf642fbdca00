//! What an authorizer returns when it does not decide: `Unauthorized` (401) or a failure (500).

use std::borrow::Cow;
use std::error::Error as StdError;
use std::fmt;

/// The caller did not prove who it is: API Gateway answers **401**.
///
/// API Gateway answers 401 only when the function fails with the error message exactly
/// `Unauthorized` ([Use API Gateway Lambda authorizers][use]); the framework posts
/// exactly that. Use it with `?`:
///
/// ```
/// use authorizer_core::prelude::*;
///
/// fn check(request: &TokenRequest) -> Result<&str, Error> {
///     let token = request.bearer_token().ok_or(Unauthorized)?;
///     Ok(token)
/// }
/// ```
///
/// To log why, use [`Error::unauthorized`]. The reason never reaches the wire.
///
/// [use]: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Unauthorized;

/// An authorizer's error: either [`Unauthorized`] (401) or a failure (500).
///
/// Any error converts into it with `?`, and becomes a failure: API Gateway answers 500
/// and nothing is allowed. That is any `std::error::Error + Send + Sync + 'static`, and
/// whatever converts into `Box<dyn std::error::Error + Send + Sync>`: that box itself (which
/// is `lambda_runtime::Error`), `anyhow::Error`, `eyre::Report`, a `String` or a `&str`.
/// Only [`Unauthorized`] and [`Error::unauthorized`] are 401s: an error that converts is a
/// failure whatever it holds or says, even an `anyhow::Error` whose message is
/// `Unauthorized`. The failure's text goes to the log and to the Lambda error (never to the
/// client, who sees `{"message": null}`), with the request's token masked.
pub struct Error {
    kind: Kind,
}

enum Kind {
    Unauthorized(Option<Cow<'static, str>>),
    Failure(Box<dyn StdError + Send + Sync + 'static>),
}

impl Error {
    /// A 401 with a reason for the log: `Error::unauthorized("token expired")`.
    /// The wire message is exactly `Unauthorized` whatever the reason.
    pub fn unauthorized(reason: impl Into<Cow<'static, str>>) -> Self {
        Self { kind: Kind::Unauthorized(Some(reason.into())) }
    }

    /// A failure (500) with a message of yours: `Error::failure("key set unavailable")`.
    pub fn failure(message: impl Into<Cow<'static, str>>) -> Self {
        Self { kind: Kind::Failure(Box::new(Message(message.into()))) }
    }

    /// A failure (500) from a boxed error, such as `lambda_runtime::Error`: what `?` does
    /// with it, as a function to name (`result.map_err(Error::from_boxed)`).
    #[must_use]
    pub fn from_boxed(error: Box<dyn StdError + Send + Sync + 'static>) -> Self {
        Self { kind: Kind::Failure(error) }
    }

    /// Whether this is a 401.
    #[must_use]
    pub const fn is_unauthorized(&self) -> bool {
        matches!(self.kind, Kind::Unauthorized(_))
    }

    /// The reason given to [`Error::unauthorized`], if this is a 401 that has one.
    #[must_use]
    pub fn unauthorized_reason(&self) -> Option<&str> {
        match &self.kind {
            Kind::Unauthorized(reason) => reason.as_deref(),
            Kind::Failure(_) => None,
        }
    }

    /// The underlying error of a failure.
    #[must_use]
    pub fn failure_source(&self) -> Option<&(dyn StdError + Send + Sync + 'static)> {
        match &self.kind {
            Kind::Unauthorized(_) => None,
            Kind::Failure(error) => Some(error.as_ref()),
        }
    }
}

#[derive(Debug)]
struct Message(Cow<'static, str>);

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl StdError for Message {}

impl From<Unauthorized> for Error {
    fn from(Unauthorized: Unauthorized) -> Self {
        Self { kind: Kind::Unauthorized(None) }
    }
}

// Bounded by the conversion into the box, not by `std::error::Error`: the box itself
// (which does not implement `Error`), `anyhow::Error` and `eyre::Report` (which cannot) convert
// into it, as does every `Error + Send + Sync + 'static`.
impl<E: Into<Box<dyn StdError + Send + Sync + 'static>>> From<E> for Error {
    fn from(error: E) -> Self {
        Self { kind: Kind::Failure(error.into()) }
    }
}

/// `Unauthorized` for a 401; for a failure, its message followed by its sources'.
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            Kind::Unauthorized(_) => f.write_str("Unauthorized"),
            Kind::Failure(error) => {
                write!(f, "{error}")?;
                let mut source = error.source();
                while let Some(cause) = source {
                    write!(f, ": {cause}")?;
                    source = cause.source();
                }
                Ok(())
            }
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            Kind::Unauthorized(None) => f.write_str("Unauthorized"),
            Kind::Unauthorized(Some(reason)) => write!(f, "Unauthorized({reason:?})"),
            Kind::Failure(_) => write!(f, "Failure({:?})", self.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct Outer(std::io::Error);
    impl fmt::Display for Outer {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("lookup failed")
        }
    }
    impl StdError for Outer {
        fn source(&self) -> Option<&(dyn StdError + 'static)> {
            Some(&self.0)
        }
    }

    fn question_mark(e: impl Into<Error>) -> Result<(), Error> {
        Err(e.into())?;
        Ok(())
    }

    #[test]
    fn unauthorized_displays_exactly_unauthorized() {
        assert_eq!(Error::from(Unauthorized).to_string(), "Unauthorized");
        let e = Error::unauthorized("expired");
        assert_eq!(e.to_string(), "Unauthorized");
        assert!(e.is_unauthorized());
        assert_eq!(e.unauthorized_reason(), Some("expired"));
    }

    #[test]
    fn any_error_is_a_failure_with_its_chain() {
        let e = question_mark(Outer(std::io::Error::other("timed out"))).unwrap_err();
        assert!(!e.is_unauthorized());
        assert_eq!(e.to_string(), "lookup failed: timed out");
        let boxed: Box<dyn StdError + Send + Sync> = "boxed".into();
        assert_eq!(Error::from_boxed(boxed).to_string(), "boxed");
        let boxed: Box<dyn StdError + Send + Sync> = Box::new(Outer(std::io::Error::other("refused")));
        let e = question_mark(boxed).unwrap_err();
        assert!(!e.is_unauthorized());
        assert_eq!(e.to_string(), "lookup failed: refused");
        let e = question_mark("Unauthorized").unwrap_err();
        assert!(!e.is_unauthorized(), "a message is not a 401, whatever it says");
        assert_eq!(question_mark(String::from("no route")).unwrap_err().to_string(), "no route");
        assert_eq!(Error::failure("no keys").to_string(), "no keys");
        assert!(Error::failure("x").failure_source().is_some());
    }
}
