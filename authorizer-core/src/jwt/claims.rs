//! A verified token's claims: the registered ones, the scopes, and the rest in your own type.

use std::fmt;
use std::ops::Deref;

use serde::Deserialize;
use serde::de::{self, DeserializeOwned, Deserializer};

use super::error::{InvalidToken, JwtError};
use crate::Route;

/// The claims of a verified token. The registered claims are fields; the others go to
/// `custom`, a type of yours (`#[derive(Deserialize)]`), which `Claims` also dereferences to:
///
/// ```
/// use authorizer_core::jwt::Claims;
///
/// #[derive(serde::Deserialize)]
/// struct Profile { email: String, #[serde(default)] email_verified: bool }
///
/// fn greet(claims: &Claims<Profile>) -> String {
///     format!("{} <{}>", claims.subject.as_deref().unwrap_or("?"), claims.email)
/// }
/// ```
///
/// A claim your type requires (a non-`Option` field) and the token lacks makes the token
/// invalid (401). Your type does not see the claims that have fields here (`sub`, `scope`, ...).
/// Without a type of yours, `Claims` keeps the other claims as a JSON map.
#[derive(Clone, PartialEq)]
#[non_exhaustive]
pub struct Claims<T = serde_json::Map<String, serde_json::Value>> {
    /// `iss`: who issued the token, exactly one of the verifier's issuers.
    pub issuer: String,
    /// `sub`: whom the token is about.
    pub subject: Option<String>,
    /// `aud`: whom the token is for (a single string becomes one element).
    pub audience: Vec<String>,
    /// `exp`: when the token expires, in seconds since the Unix epoch.
    pub expires_at: u64,
    /// `nbf`: not valid before, in seconds since the Unix epoch.
    pub not_before: Option<u64>,
    /// `iat`: when the token was issued, in seconds since the Unix epoch.
    pub issued_at: Option<u64>,
    /// `jti`: the token's id.
    pub jwt_id: Option<String>,
    /// The scopes, from `scope` (space-delimited, OAuth 2.0) and `scp` (an array, as Okta
    /// sends it, or space-delimited, as Entra ID does).
    pub scopes: Scopes,
    /// `cognito:groups`: the user's Cognito groups.
    pub groups: Vec<String>,
    /// `client_id`: the OAuth client the token was issued to (Cognito access tokens, RFC 9068).
    pub client_id: Option<String>,
    /// `token_use`: `access` or `id` (Cognito).
    pub token_use: Option<String>,
    /// Every other claim, as your type.
    pub custom: T,
}

impl<T> Claims<T> {
    /// `sub`, for a principal id: `Decision::allow(claims.sub()?)`. A token without one is
    /// invalid (401).
    pub fn sub(&self) -> Result<&str, JwtError> {
        self.subject.as_deref().ok_or(JwtError::Invalid(InvalidToken::MissingClaim("sub")))
    }
}

impl<T> Deref for Claims<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.custom
    }
}

/// Shows the registered claims (for tests and debugging): the token itself is not in there.
impl<T: fmt::Debug> fmt::Debug for Claims<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Claims")
            .field("issuer", &self.issuer)
            .field("subject", &self.subject)
            .field("audience", &self.audience)
            .field("expires_at", &self.expires_at)
            .field("scopes", &self.scopes)
            .field("groups", &self.groups)
            .field("custom", &self.custom)
            .finish_non_exhaustive()
    }
}

/// A token's scopes: test one, or turn a table of scope-guarded routes into the routes the
/// token may call, one line per route:
///
/// ```
/// use authorizer_core::Route;
/// use authorizer_core::jwt::Scopes;
///
/// const ROUTES: &[(&str, Route)] = &[
///     ("pets:read", Route::get("/pets")),
///     ("pets:read", Route::get("/pets/*")),
///     ("pets:write", Route::post("/pets")),
/// ];
///
/// let scopes = Scopes::from_iter(["openid", "pets:read"]);
/// assert!(scopes.contains("pets:read"));
/// assert_eq!(scopes.routes(ROUTES), [Route::get("/pets"), Route::get("/pets/*")]);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scopes(Vec<String>);

impl Scopes {
    /// Whether the token has this scope (exactly, case-sensitive).
    #[must_use]
    pub fn contains(&self, scope: &str) -> bool {
        self.0.iter().any(|s| s == scope)
    }

    /// The scopes, in the token's order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }

    /// Whether there are none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The routes of `table` whose scope the token has, in the table's order.
    #[must_use]
    pub fn routes(&self, table: &[(&str, Route)]) -> Vec<Route> {
        table.iter().filter(|(scope, _)| self.contains(scope)).map(|(_, route)| route.clone()).collect()
    }
}

impl<S: Into<String>> FromIterator<S> for Scopes {
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> Self {
        Self(iter.into_iter().map(Into::into).collect())
    }
}

/// The claims as they arrive. The registered ones are optional here, so that a token without
/// one reaches the validation, which names the missing claim.
#[derive(Deserialize)]
pub(crate) struct Wire<T> {
    #[serde(default)]
    iss: Option<String>,
    #[serde(default)]
    sub: Option<String>,
    #[serde(default)]
    aud: Option<OneOrMany>,
    #[serde(default)]
    exp: Option<NumericDate>,
    #[serde(default)]
    nbf: Option<NumericDate>,
    #[serde(default)]
    iat: Option<NumericDate>,
    #[serde(default)]
    jti: Option<String>,
    #[serde(default)]
    scope: Option<OneOrMany>,
    #[serde(default)]
    scp: Option<OneOrMany>,
    #[serde(default, rename = "cognito:groups")]
    groups: Option<Vec<String>>,
    #[serde(default)]
    client_id: Option<String>,
    #[serde(default)]
    token_use: Option<String>,
    #[serde(flatten)]
    custom: T,
}

impl<T: DeserializeOwned> Wire<T> {
    /// Whether a registered claim is present.
    pub(crate) fn has(&self, claim: &str) -> bool {
        match claim {
            "sub" => self.sub.is_some(),
            "iat" => self.iat.is_some(),
            "nbf" => self.nbf.is_some(),
            "jti" => self.jti.is_some(),
            "exp" => self.exp.is_some(),
            _ => false,
        }
    }

    pub(crate) fn iss(&self) -> Option<&str> {
        self.iss.as_deref()
    }

    pub(crate) fn token_use(&self) -> Option<&str> {
        self.token_use.as_deref()
    }

    pub(crate) fn client_id(&self) -> Option<&str> {
        self.client_id.as_deref()
    }

    /// The claims, once the validation has required `iss` and `exp`.
    pub(crate) fn into_claims(self) -> Result<Claims<T>, InvalidToken> {
        let mut scopes = Vec::new();
        for list in [self.scope, self.scp].into_iter().flatten() {
            for scope in list.into_vec() {
                scopes.extend(scope.split(' ').filter(|s| !s.is_empty()).map(str::to_owned));
            }
        }
        Ok(Claims {
            issuer: self.iss.ok_or(InvalidToken::MissingClaim("iss"))?,
            subject: self.sub,
            audience: self.aud.map(OneOrMany::into_vec).unwrap_or_default(),
            expires_at: self.exp.ok_or(InvalidToken::MissingClaim("exp"))?.0,
            not_before: self.nbf.map(|d| d.0),
            issued_at: self.iat.map(|d| d.0),
            jwt_id: self.jti,
            scopes: Scopes(scopes),
            groups: self.groups.unwrap_or_default(),
            client_id: self.client_id,
            token_use: self.token_use,
            custom: self.custom,
        })
    }
}

/// A string or an array of strings, as `aud`, `scope` and `scp` may be.
#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            Self::One(one) => vec![one],
            Self::Many(many) => many,
        }
    }
}

/// Seconds since the Unix epoch; RFC 7519 allows fractions, which are dropped.
struct NumericDate(u64);

impl<'de> Deserialize<'de> for NumericDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let seconds = f64::deserialize(deserializer)?;
        if seconds.is_finite() && seconds >= 0.0 && seconds < 2f64.powi(53) {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // checked just above
            Ok(Self(seconds as u64))
        } else {
            Err(de::Error::custom("a NumericDate must be a non-negative number of seconds"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn claims(value: serde_json::Value) -> Claims {
        serde_json::from_value::<Wire<serde_json::Map<String, serde_json::Value>>>(value)
            .unwrap()
            .into_claims()
            .unwrap()
    }

    #[test]
    fn scopes_come_from_scope_and_scp_in_every_form() {
        let base = json!({"iss": "i", "exp": 1});
        let with = |key: &str, value: serde_json::Value| {
            let mut v = base.clone();
            v[key] = value;
            claims(v).scopes
        };
        assert_eq!(with("scope", json!("a b  c")), Scopes::from_iter(["a", "b", "c"]));
        assert_eq!(with("scp", json!(["a", "b"])), Scopes::from_iter(["a", "b"]));
        assert_eq!(with("scp", json!("a b")), Scopes::from_iter(["a", "b"]));
        assert!(claims(base).scopes.is_empty());
        let both = claims(json!({"iss": "i", "exp": 1, "scope": "a", "scp": ["b"]}));
        assert_eq!(both.scopes, Scopes::from_iter(["a", "b"]));
    }

    #[test]
    fn registered_claims_are_fields_and_the_rest_is_custom() {
        let c = claims(json!({
            "iss": "i", "sub": "u-1", "aud": "api", "exp": 10.9, "nbf": 1, "iat": 2, "jti": "j",
            "cognito:groups": ["admins"], "client_id": "c", "token_use": "access", "email": "e@x"
        }));
        assert_eq!(
            (c.issuer.as_str(), c.sub().unwrap(), c.audience.as_slice()),
            ("i", "u-1", ["api".to_owned()].as_slice())
        );
        assert_eq!((c.expires_at, c.not_before, c.issued_at), (10, Some(1), Some(2)));
        assert_eq!(c.groups, ["admins"]);
        assert_eq!(c.custom.len(), 1);
        assert_eq!(c["email"], "e@x");
        assert!(claims(json!({"iss": "i", "exp": 1})).sub().is_err());
    }

    #[test]
    fn dates_must_be_non_negative_numbers() {
        for exp in [json!("1700000000"), json!(-1), json!(true)] {
            let wire = serde_json::from_value::<Wire<serde_json::Map<String, serde_json::Value>>>(
                json!({"iss": "i", "exp": exp}),
            );
            assert!(wire.is_err(), "{exp}");
        }
    }
}
