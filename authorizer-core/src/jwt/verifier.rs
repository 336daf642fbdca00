//! The verifier: built once at cold start, shared by every invocation.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, Validation};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::cache::{KeySource, Location, MAX_WAIT, Pacing};
use super::claims::{Claims, Wire};
use super::error::{ConfigError, InvalidToken, JwtError};
use super::fetch::{Fetcher, discovery_url, key_url};
use super::issuer::{Audiences, Issuer, KeysAt, TokenUse};
use super::keys::Lookup;

/// The longest token accepted unless [`VerifierBuilder::max_token_bytes`] says otherwise.
pub const DEFAULT_MAX_TOKEN_BYTES: usize = 16 * 1024;
/// The largest key set or discovery document read unless
/// [`VerifierBuilder::max_key_set_bytes`] says otherwise (API Gateway's own JWT authorizers
/// read at most 150,000 bytes:
/// <https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html>).
pub const DEFAULT_MAX_KEY_SET_BYTES: usize = 256 * 1024;
/// How long one fetch may take unless [`VerifierBuilder::fetch_timeout`] says otherwise; it is
/// also cut to the invocation's remaining time.
pub const DEFAULT_FETCH_TIMEOUT: Duration = Duration::from_secs(3);
/// After a fetch that lacked a token's `kid`, how long no token triggers another, unless
/// [`VerifierBuilder::refetch_penalty`] says otherwise (aws-jwt-verify's default too).
pub const DEFAULT_REFETCH_PENALTY: Duration = Duration::from_secs(10);
/// After a failed fetch, how long until the next, unless
/// [`VerifierBuilder::failure_backoff`] says otherwise.
pub const DEFAULT_FAILURE_BACKOFF: Duration = Duration::from_secs(1);

/// Verifies tokens of one or more [`Issuer`]s against their published keys. Build it once, in
/// `init`, and share it: it keeps each issuer's keys for the life of the process.
///
/// ```no_run
/// use authorizer_core::jwt::{Issuer, JwtError, Verifier};
/// use authorizer_core::prelude::*;
///
/// fn verifier() -> Result<Verifier, Error> {
///     Ok(Verifier::new(Issuer::auth0("example.eu.auth0.com").audience("https://pets.example.com"))?)
/// }
///
/// #[authorizer(init = verifier)]
/// async fn authorize(request: TokenRequest, jwt: &Verifier) -> Result<Decision, Error> {
///     let token = request.bearer_token().ok_or(Unauthorized)?;
///     let claims: authorizer_core::jwt::Claims = jwt.verify(token).await?; // invalid: 401; no keys: 500
///     Ok(Decision::allow(claims.sub()?).route(Route::get("/pets")))
/// }
/// ```
///
/// What it checks, in order: the token's size and shape; the issuer (by `iss`, when there are
/// several); `alg` in the issuer's list (never `none` or HMAC); no `crit`; `typ`, if the
/// issuer requires one; a `kid`; `iss`, before fetching keys for an unknown `kid`; a key of that issuer with that `kid` that can verify that `alg`
/// (its own `alg`, `use` and `key_ops` permitting); the signature; `exp` (required), `nbf`,
/// `iss` exactly, the audience; the required claims; Cognito's `token_use`. A header's `jku`,
/// `x5u`, `jwk` or `x5c` is never used: keys come only from the issuer's configured source.
#[derive(Clone)]
pub struct Verifier {
    inner: Arc<Inner>,
}

struct Inner {
    issuers: Vec<Rules>,
    /// Each key source once (issuers may share one).
    sources: Vec<Arc<KeySource>>,
    by_iss: HashMap<String, usize>,
    fetcher: Fetcher,
    pacing: Pacing,
    max_token_bytes: usize,
}

/// An issuer, with what verifying its tokens needs.
struct Rules {
    issuer: Issuer,
    source: Arc<KeySource>,
    /// One `jsonwebtoken` validation per allowed algorithm (it takes the key's family from
    /// the list of algorithms, so each list holds one).
    validations: Vec<(Algorithm, Validation)>,
    /// Cognito access tokens carry the app client in `client_id`, not in `aud`.
    client_ids: Option<Vec<String>>,
}

impl Verifier {
    /// A verifier of one issuer's tokens, with the default limits.
    pub fn new(issuer: Issuer) -> Result<Self, ConfigError> {
        Self::builder().issuer(issuer).build()
    }

    /// A verifier of several issuers (tenants), or with other limits.
    pub fn builder() -> VerifierBuilder {
        VerifierBuilder {
            issuers: Vec::new(),
            max_token_bytes: DEFAULT_MAX_TOKEN_BYTES,
            max_key_set_bytes: DEFAULT_MAX_KEY_SET_BYTES,
            fetch_timeout: DEFAULT_FETCH_TIMEOUT,
            pacing: Pacing { penalty: DEFAULT_REFETCH_PENALTY, backoff: DEFAULT_FAILURE_BACKOFF },
        }
    }

    /// Verifies `token` (the JWT alone, without `Bearer `) and returns its claims, the ones
    /// beyond the registered claims as `T` (by default, a JSON map).
    ///
    /// An invalid token is [`JwtError::Invalid`] (a 401 through `?`); keys that cannot be had
    /// are [`JwtError::KeysUnavailable`] (a 500). Once an issuer's keys are held, verifying a
    /// token whose `kid` they have makes no network call.
    pub async fn verify<T: DeserializeOwned>(&self, token: &str) -> Result<Claims<T>, JwtError> {
        let inner = &*self.inner;
        if token.len() > inner.max_token_bytes {
            return Err(InvalidToken::TooLarge.into());
        }
        let mut parts = token.split('.');
        let (Some(header), Some(payload), Some(_signature), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(InvalidToken::Malformed("not three parts").into());
        };
        let header = Header::decode(header)?;
        let rules = inner.rules_for(payload)?;
        let alg = Algorithm::from_str(&header.alg).map_err(|_| InvalidToken::Algorithm)?;
        let Some((_, validation)) = rules.validations.iter().find(|(allowed, _)| *allowed == alg) else {
            return Err(InvalidToken::Algorithm.into());
        };
        if header.crit.is_some() {
            return Err(InvalidToken::CriticalHeader.into());
        }
        if let Some(typ) = &rules.issuer.typ
            && !header.typ.as_deref().is_some_and(|given| same_media_type(given, typ))
        {
            return Err(InvalidToken::TokenType.into());
        }
        let kid = header.kid.ok_or(InvalidToken::MissingKeyId)?;
        // Before fetching keys for an unknown `kid`: not for a token of another issuer (with
        // several issuers, `iss` chose the rules already).
        let same_issuer = || match inner.issuers.len() {
            1 if !peek_iss(payload)?.is_some_and(|iss| rules.issuer.iss.contains(&iss)) => {
                Err(InvalidToken::Issuer.into())
            }
            _ => Ok(()),
        };
        let keys = rules.source.keys_with(&kid, &inner.fetcher, inner.pacing, same_issuer).await?;
        let key = match keys.find(&kid, alg) {
            Lookup::Found(key) => key,
            Lookup::UnknownKid => return Err(InvalidToken::UnknownKey.into()),
            Lookup::Mismatch => return Err(InvalidToken::KeyMismatch.into()),
        };
        let wire =
            jsonwebtoken::decode::<Wire<T>>(token, &key.decoding, validation).map_err(|e| invalid(e.kind()))?.claims;
        rules.check(&wire)?;
        Ok(wire.into_claims()?)
    }

    /// Fetches every issuer's keys now, whatever the pacing: call it in `init` so that the first
    /// invocation makes no network call, and a cold start whose keys cannot be had fails there.
    pub async fn preload(&self) -> Result<(), JwtError> {
        for source in &self.inner.sources {
            source.preload(&self.inner.fetcher).await?;
        }
        Ok(())
    }
}

/// Names the issuers only: a verifier holds no secret, but its keys are of no use in a log.
impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier")
            .field("issuers", &self.inner.issuers.iter().map(|r| r.issuer.name()).collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

impl Inner {
    /// The issuer whose rules apply: the only one, or the one named by the (still unverified)
    /// `iss`, whose signature is then checked with that issuer's keys alone.
    fn rules_for(&self, payload: &str) -> Result<&Rules, InvalidToken> {
        if let [only] = self.issuers.as_slice() {
            return Ok(only);
        }
        peek_iss(payload)?.and_then(|iss| self.by_iss.get(&iss)).map(|&i| &self.issuers[i]).ok_or(InvalidToken::Issuer)
    }
}

/// The `iss` of a payload not verified yet: only to choose which keys to verify it with.
fn peek_iss(payload: &str) -> Result<Option<String>, InvalidToken> {
    #[derive(Deserialize)]
    struct Iss {
        iss: Option<String>,
    }
    let bytes = URL_SAFE_NO_PAD.decode(payload).map_err(|_| InvalidToken::Malformed("payload is not base64url"))?;
    let iss: Iss =
        serde_json::from_slice(&bytes).map_err(|_| InvalidToken::Malformed("payload is not a JSON object"))?;
    Ok(iss.iss)
}

impl Rules {
    fn new(issuer: Issuer, source: Arc<KeySource>) -> Self {
        let cognito_access = issuer.token_use == Some(TokenUse::Access);
        let client_ids = match (&issuer.audiences, cognito_access) {
            (Audiences::Only(list), true) => Some(list.clone()),
            _ => None,
        };
        let validations = issuer
            .algorithms
            .iter()
            .map(|&alg| {
                let mut v = Validation::new(alg);
                v.leeway = issuer.leeway.as_secs();
                v.validate_exp = true;
                v.validate_nbf = true;
                v.set_issuer(&issuer.iss);
                let mut required = vec!["exp", "iss"];
                match &issuer.audiences {
                    Audiences::Only(list) if !cognito_access => {
                        v.set_audience(list);
                        required.push("aud");
                    }
                    _ => v.validate_aud = false,
                }
                v.set_required_spec_claims(&required);
                (alg, v)
            })
            .collect();
        Self { issuer, source, validations, client_ids }
    }

    /// What `jsonwebtoken` does not check: `iss` as a string exactly (it also takes an array),
    /// the required claims, Cognito's `token_use` and `client_id`.
    fn check<T: DeserializeOwned>(&self, wire: &Wire<T>) -> Result<(), InvalidToken> {
        if !wire.iss().is_some_and(|iss| self.issuer.iss.iter().any(|ours| ours == iss)) {
            return Err(InvalidToken::Issuer);
        }
        for claim in &self.issuer.required {
            if !wire.has(claim) {
                return Err(InvalidToken::MissingClaim(static_name(claim)));
            }
        }
        if let Some(token_use) = self.issuer.token_use
            && wire.token_use() != Some(token_use.as_str())
        {
            return Err(InvalidToken::TokenUse);
        }
        if let Some(client_ids) = &self.client_ids
            && !wire.client_id().is_some_and(|id| client_ids.iter().any(|ours| ours == id))
        {
            return Err(InvalidToken::Audience);
        }
        Ok(())
    }
}

/// `typ` values compare without case, with or without `application/` (RFC 7515 §4.1.9,
/// <https://www.rfc-editor.org/rfc/rfc7515#section-4.1.9>).
fn same_media_type(a: &str, b: &str) -> bool {
    fn bare(typ: &str) -> &str {
        match typ.get(..12) {
            Some(prefix) if prefix.eq_ignore_ascii_case("application/") => &typ[12..],
            _ => typ,
        }
    }
    bare(a).eq_ignore_ascii_case(bare(b))
}

fn static_name(claim: &str) -> &'static str {
    match claim {
        "sub" => "sub",
        "iat" => "iat",
        "nbf" => "nbf",
        "jti" => "jti",
        "exp" => "exp",
        "iss" => "iss",
        "aud" => "aud",
        _ => "a required claim",
    }
}

/// `jsonwebtoken`'s verdict, as a reason that quotes nothing from the token.
fn invalid(kind: &ErrorKind) -> InvalidToken {
    match kind {
        ErrorKind::InvalidSignature => InvalidToken::Signature,
        ErrorKind::ExpiredSignature => InvalidToken::Expired,
        ErrorKind::ImmatureSignature => InvalidToken::NotYetValid,
        ErrorKind::InvalidIssuer => InvalidToken::Issuer,
        ErrorKind::InvalidAudience => InvalidToken::Audience,
        ErrorKind::MissingRequiredClaim(claim) => InvalidToken::MissingClaim(static_name(claim)),
        ErrorKind::InvalidClaimFormat(_) => InvalidToken::Malformed("a registered claim of the wrong type"),
        ErrorKind::InvalidAlgorithm | ErrorKind::MissingAlgorithm => InvalidToken::Algorithm,
        ErrorKind::InvalidRsaKey(_)
        | ErrorKind::InvalidEcdsaKey
        | ErrorKind::InvalidEddsaKey
        | ErrorKind::InvalidKeyFormat => InvalidToken::KeyMismatch,
        ErrorKind::Base64(_) => InvalidToken::Malformed("not base64url"),
        ErrorKind::Json(_) | ErrorKind::Utf8(_) => InvalidToken::Malformed("claims that do not fit"),
        _ => InvalidToken::Malformed("refused by the JOSE library"),
    }
}

/// Makes aws-lc-rs `jsonwebtoken`'s provider unless one was installed: with both of its crypto
/// features on (another crate of the build may turn `rust_crypto` on), it has no default, and
/// every signature check would panic.
pub(crate) fn install_crypto_provider() {
    if jsonwebtoken::crypto::CryptoProvider::try_get_default().is_none() {
        // Another thread may install one between the check and here: either is fine.
        let _ = jsonwebtoken::crypto::aws_lc::DEFAULT_PROVIDER.install_default();
    }
}

/// The protected header, as far as choosing the issuer and key needs it.
#[derive(Deserialize)]
struct Header {
    alg: String,
    #[serde(default)]
    kid: Option<String>,
    #[serde(default)]
    typ: Option<String>,
    #[serde(default)]
    crit: Option<serde::de::IgnoredAny>,
}

impl Header {
    fn decode(part: &str) -> Result<Self, InvalidToken> {
        let bytes = URL_SAFE_NO_PAD.decode(part).map_err(|_| InvalidToken::Malformed("header is not base64url"))?;
        serde_json::from_slice(&bytes).map_err(|_| InvalidToken::Malformed("header is not a JSON object with `alg`"))
    }
}

/// Settings for a [`Verifier`]; [`Verifier::builder`] makes one.
#[derive(Debug)]
#[must_use]
pub struct VerifierBuilder {
    issuers: Vec<Issuer>,
    max_token_bytes: usize,
    max_key_set_bytes: usize,
    fetch_timeout: Duration,
    pacing: Pacing,
}

impl fmt::Debug for Pacing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pacing").field("penalty", &self.penalty).field("backoff", &self.backoff).finish()
    }
}

impl VerifierBuilder {
    /// Trust this issuer too. Tokens are matched to their issuer by exact `iss`, and verified
    /// with that issuer's keys only.
    pub fn issuer(mut self, issuer: Issuer) -> Self {
        self.issuers.push(issuer);
        self
    }

    /// Refuse longer tokens without decoding them (by default [`DEFAULT_MAX_TOKEN_BYTES`]).
    pub fn max_token_bytes(mut self, bytes: usize) -> Self {
        self.max_token_bytes = bytes;
        self
    }

    /// Refuse larger key sets and discovery documents (by default
    /// [`DEFAULT_MAX_KEY_SET_BYTES`]).
    pub fn max_key_set_bytes(mut self, bytes: usize) -> Self {
        self.max_key_set_bytes = bytes;
        self
    }

    /// The longest one fetch may take (by default [`DEFAULT_FETCH_TIMEOUT`]); never longer
    /// than the invocation has left, less 100 ms to answer.
    pub fn fetch_timeout(mut self, timeout: Duration) -> Self {
        self.fetch_timeout = timeout;
        self
    }

    /// After a fetch that lacked a token's `kid`, how long tokens with unknown `kid`s are
    /// refused (401) without fetching (by default [`DEFAULT_REFETCH_PENALTY`]; at most a year).
    pub fn refetch_penalty(mut self, penalty: Duration) -> Self {
        self.pacing.penalty = penalty.min(MAX_WAIT);
        self
    }

    /// After a failed fetch, how long tokens that need a fetch fail (500) without one (by
    /// default [`DEFAULT_FAILURE_BACKOFF`]; at most a year).
    pub fn failure_backoff(mut self, backoff: Duration) -> Self {
        self.pacing.backoff = backoff.min(MAX_WAIT);
        self
    }

    /// The verifier, or why its configuration cannot work.
    pub fn build(self) -> Result<Verifier, ConfigError> {
        if self.issuers.is_empty() {
            return Err(ConfigError("no issuer".into()));
        }
        install_crypto_provider();
        let mut sources: HashMap<String, Arc<KeySource>> = HashMap::new();
        let mut by_iss = HashMap::new();
        let mut issuers = Vec::with_capacity(self.issuers.len());
        for issuer in self.issuers {
            issuer.check()?;
            let (key, location) = match &issuer.keys {
                KeysAt::Jwks(url) => {
                    let uri = key_url(url, "the JWKS URL")
                        .map_err(|why| ConfigError(format!("issuer `{}`: {why}", issuer.name())))?;
                    (url.clone(), Location::Jwks(uri))
                }
                KeysAt::Discovery => {
                    let url = discovery_url(issuer.name())?;
                    (url.to_string(), Location::Discovery { url, issuer: issuer.name().to_owned() })
                }
            };
            let source = Arc::clone(sources.entry(key).or_insert_with(|| Arc::new(KeySource::new(location))));
            for iss in &issuer.iss {
                if by_iss.insert(iss.clone(), issuers.len()).is_some() {
                    return Err(ConfigError(format!("issuer `{iss}` is configured twice")));
                }
            }
            issuers.push(Rules::new(issuer, source));
        }
        let fetcher = Fetcher::new(self.fetch_timeout, self.max_key_set_bytes);
        Ok(Verifier {
            inner: Arc::new(Inner {
                issuers,
                sources: sources.into_values().collect(),
                by_iss,
                fetcher,
                pacing: self.pacing,
                max_token_bytes: self.max_token_bytes,
            }),
        })
    }
}
