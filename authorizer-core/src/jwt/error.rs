//! What a verification can end in: an invalid token (401), keys that cannot be had (500), or a
//! configuration that cannot work (at cold start).

use std::fmt;

use crate::Error;

/// Why a verification failed. `?` turns it into the framework's [`Error`]: an
/// [`Invalid`](JwtError::Invalid) token is a 401 (`Unauthorized`, with the reason in the log), and
/// [`KeysUnavailable`](JwtError::KeysUnavailable) is a 500, never a 401 and never an allow.
///
/// It deliberately does not implement `std::error::Error`: if it did, `?` would take the
/// framework's catch-all conversion, and every invalid token would be a 500.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum JwtError {
    /// The token is not valid for this verifier: API Gateway answers 401.
    Invalid(InvalidToken),
    /// The issuer's keys could not be fetched or read: API Gateway answers 500.
    KeysUnavailable(KeysUnavailable),
}

impl JwtError {
    /// Whether the token itself was refused (a 401), as opposed to keys that could not be had.
    #[must_use]
    pub const fn is_invalid(&self) -> bool {
        matches!(self, Self::Invalid(_))
    }
}

impl fmt::Display for JwtError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Invalid(reason) => write!(f, "invalid token: {reason}"),
            Self::KeysUnavailable(cause) => write!(f, "{cause}"),
        }
    }
}

impl From<InvalidToken> for JwtError {
    fn from(reason: InvalidToken) -> Self {
        Self::Invalid(reason)
    }
}

impl From<KeysUnavailable> for JwtError {
    fn from(cause: KeysUnavailable) -> Self {
        Self::KeysUnavailable(cause)
    }
}

/// An invalid token is `Unauthorized` (401) with its reason for the log; keys that cannot be
/// had are a failure (500).
impl From<JwtError> for Error {
    fn from(error: JwtError) -> Self {
        match error {
            JwtError::Invalid(reason) => Self::unauthorized(reason.to_string()),
            JwtError::KeysUnavailable(cause) => Self::from(cause),
        }
    }
}

/// Why a token was refused. The text names the rule, never a value from the token.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum InvalidToken {
    /// Not three base64url parts, a header or payload that is not a JSON object, a claim of the
    /// wrong type, or a signature that is not base64url.
    Malformed(&'static str),
    /// Longer than the verifier accepts.
    TooLarge,
    /// `alg` is `none`, unknown, or not allowed for the token's issuer.
    Algorithm,
    /// The header lists a critical extension (`crit`): none is understood.
    CriticalHeader,
    /// The header has no `kid`.
    MissingKeyId,
    /// `typ` is not the one the issuer requires.
    TokenType,
    /// No key of the issuer has the token's `kid`, even after fetching its keys again.
    UnknownKey,
    /// The key with the token's `kid` cannot verify its `alg` (another key type or curve, or
    /// the key's own `alg`, `use` or `key_ops` rule it out).
    KeyMismatch,
    /// The signature does not verify.
    Signature,
    /// `iss` is none of the verifier's issuers.
    Issuer,
    /// No accepted audience is in `aud` (or, for Cognito access tokens, `client_id`).
    Audience,
    /// `exp` has passed (beyond the leeway).
    Expired,
    /// `nbf` is still ahead (beyond the leeway).
    NotYetValid,
    /// A claim the verifier requires is absent.
    MissingClaim(&'static str),
    /// Cognito's `token_use` is not the one the issuer accepts.
    TokenUse,
}

impl fmt::Display for InvalidToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Malformed(what) => write!(f, "malformed ({what})"),
            Self::TooLarge => f.write_str("too large"),
            Self::Algorithm => f.write_str("algorithm not allowed"),
            Self::CriticalHeader => f.write_str("unsupported critical header"),
            Self::MissingKeyId => f.write_str("no kid in the header"),
            Self::TokenType => f.write_str("wrong typ"),
            Self::UnknownKey => f.write_str("no key of the issuer has its kid"),
            Self::KeyMismatch => f.write_str("its kid names a key that cannot verify its alg"),
            Self::Signature => f.write_str("bad signature"),
            Self::Issuer => f.write_str("unknown issuer"),
            Self::Audience => f.write_str("audience not accepted"),
            Self::Expired => f.write_str("expired"),
            Self::NotYetValid => f.write_str("not yet valid"),
            Self::MissingClaim(claim) => write!(f, "missing claim {claim}"),
            Self::TokenUse => f.write_str("wrong token_use"),
        }
    }
}

/// An issuer's keys could not be had: the discovery document or key set could not be fetched,
/// or was not valid. The text names the URL (configuration, not a secret) and the cause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeysUnavailable {
    pub(crate) url: String,
    pub(crate) cause: String,
}

impl KeysUnavailable {
    pub(crate) fn new(url: &str, cause: impl fmt::Display) -> Self {
        Self { url: url.to_owned(), cause: cause.to_string() }
    }

    /// The URL that could not be fetched or read.
    #[must_use]
    pub fn url(&self) -> &str {
        &self.url
    }
}

impl fmt::Display for KeysUnavailable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the issuer's keys are unavailable: {}: {}", self.url, self.cause)
    }
}

impl std::error::Error for KeysUnavailable {}

/// A verifier configuration that cannot work, reported when it is built (at cold start).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError(pub(crate) String);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid JWT verifier configuration: {}", self.0)
    }
}

impl std::error::Error for ConfigError {}
