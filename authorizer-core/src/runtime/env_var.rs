//! Reading `init`'s settings from the environment, with errors that name the variable.

use std::env::{self, VarError};
use std::fmt;

/// The value of the environment variable `name`, for `init`:
/// `let table = authorizer_core::env_var("TENANT_TABLE")?;`.
///
/// `std::env::var("X")?` fails with "environment variable not found", which does not say
/// which: this error does (its value, if any, is never shown).
///
/// ```
/// let e = authorizer_core::env_var("AUTHORIZER_DOC_NEVER_SET").unwrap_err();
/// assert_eq!(e.to_string(), "environment variable `AUTHORIZER_DOC_NEVER_SET` is not set");
/// ```
///
/// # Errors
///
/// When the variable is not set, or its value is not Unicode.
pub fn env_var(name: &str) -> Result<String, EnvVarError> {
    env::var(name).map_err(|e| EnvVarError::new(name, &e))
}

/// [`env_var`]'s error: which variable, and whether it is unset or not Unicode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvVarError {
    name: String,
    not_unicode: bool,
}

impl EnvVarError {
    fn new(name: &str, error: &VarError) -> Self {
        Self { name: name.to_owned(), not_unicode: matches!(error, VarError::NotUnicode(_)) }
    }

    /// The variable's name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl fmt::Display for EnvVarError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let problem = if self.not_unicode { "is not valid Unicode" } else { "is not set" };
        write!(f, "environment variable `{}` {problem}", self.name)
    }
}

impl std::error::Error for EnvVarError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unset_variable_is_named() {
        let e = env_var("AUTHORIZER_TEST_NEVER_SET").unwrap_err();
        assert_eq!(e.name(), "AUTHORIZER_TEST_NEVER_SET");
        assert_eq!(e.to_string(), "environment variable `AUTHORIZER_TEST_NEVER_SET` is not set");
    }

    #[test]
    fn a_set_variable_is_read() {
        // `PATH` is set wherever tests run; reading it changes nothing.
        assert_eq!(env_var("PATH").ok(), env::var("PATH").ok());
    }

    #[test]
    #[cfg(unix)]
    fn a_value_that_is_not_unicode_is_said_so_and_not_shown() {
        use std::os::unix::ffi::OsStringExt as _;
        let value = std::ffi::OsString::from_vec(b"s3cret\xff".to_vec());
        let e = EnvVarError::new("X", &VarError::NotUnicode(value));
        assert_eq!(e.to_string(), "environment variable `X` is not valid Unicode");
        assert!(!format!("{e:?}").contains("s3cret"));
    }
}
