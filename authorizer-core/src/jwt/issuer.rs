//! One issuer a verifier trusts: its exact `iss`, where its keys are, and what its tokens must
//! hold. Presets for Amazon Cognito and the common OpenID Connect providers.

use std::time::Duration;

use jsonwebtoken::Algorithm;

use super::error::ConfigError;

/// The algorithms accepted unless [`Issuer::algorithms`] says otherwise: the asymmetric ones
/// (RS256/384/512, PS256/384/512, ES256/384, EdDSA). Never `none`, never HMAC.
pub const DEFAULT_ALGORITHMS: &[Algorithm] = &[
    Algorithm::RS256,
    Algorithm::RS384,
    Algorithm::RS512,
    Algorithm::PS256,
    Algorithm::PS384,
    Algorithm::PS512,
    Algorithm::ES256,
    Algorithm::ES384,
    Algorithm::EdDSA,
];

/// The clock leeway unless [`Issuer::leeway`] says otherwise.
pub const DEFAULT_LEEWAY: Duration = Duration::from_secs(60);

/// The largest leeway accepted (RFC 7519 §4.1.4: "usually no more than a few minutes").
pub const MAX_LEEWAY: Duration = Duration::from_secs(600);

/// Which Amazon Cognito token an issuer accepts (its `token_use` claim). ID tokens carry the
/// app client id in `aud`; access tokens carry it in `client_id`, and have no `aud`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenUse {
    /// Access tokens (`token_use` = `access`): what an API should accept.
    Access,
    /// ID tokens (`token_use` = `id`).
    Id,
}

impl TokenUse {
    pub(crate) const fn as_str(self) -> &'static str {
        match self {
            Self::Access => "access",
            Self::Id => "id",
        }
    }
}

/// Where an issuer's keys are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum KeysAt {
    /// Read `jwks_uri` from `{issuer}/.well-known/openid-configuration`.
    Discovery,
    /// This JWK Set URL.
    Jwks(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Audiences {
    Unset,
    Any,
    Only(Vec<String>),
}

/// An issuer of tokens and the rules for its tokens. Build one with a preset
/// ([`Issuer::cognito`], [`Issuer::auth0`], [`Issuer::okta`], [`Issuer::entra`],
/// [`Issuer::google`]) or [`Issuer::oidc`], then say which audience it must be for:
///
/// ```
/// use authorizer_core::jwt::{Issuer, TokenUse};
///
/// let cognito = Issuer::cognito("eu-west-1_AbCdEf123", TokenUse::Access).audience("7h3c1i3nt1d");
/// let auth0 = Issuer::auth0("example.eu.auth0.com").audience("https://api.example.com");
/// let custom = Issuer::oidc("https://idp.example.com")
///     .jwks_url("https://idp.example.com/keys")
///     .audience("pets-api")
///     .require("sub");
/// ```
///
/// An issuer without [`audience`](Self::audience) (or an explicit
/// [`any_audience`](Self::any_audience)) is refused when the verifier is built: an issuer that
/// serves several applications signs tokens for all of them (RFC 8725 §3.9,
/// <https://www.rfc-editor.org/rfc/rfc8725#section-3.9>).
#[derive(Debug, Clone)]
pub struct Issuer {
    pub(crate) iss: Vec<String>,
    pub(crate) keys: KeysAt,
    pub(crate) audiences: Audiences,
    pub(crate) algorithms: Vec<Algorithm>,
    pub(crate) leeway: Duration,
    pub(crate) required: Vec<String>,
    pub(crate) token_use: Option<TokenUse>,
    pub(crate) typ: Option<String>,
    /// What a preset could not check when it was made, reported when the verifier is built.
    pub(crate) invalid: Option<String>,
}

impl Issuer {
    /// An OpenID Connect issuer: tokens whose `iss` is exactly `issuer`, keys from the
    /// `jwks_uri` of `{issuer}/.well-known/openid-configuration` (whose own `issuer` must be
    /// exactly `issuer` too), unless [`jwks_url`](Self::jwks_url) names them.
    pub fn oidc(issuer: impl Into<String>) -> Self {
        Self {
            iss: vec![issuer.into()],
            keys: KeysAt::Discovery,
            audiences: Audiences::Unset,
            algorithms: DEFAULT_ALGORITHMS.to_vec(),
            leeway: DEFAULT_LEEWAY,
            required: Vec::new(),
            token_use: None,
            typ: None,
            invalid: None,
        }
    }

    /// An Amazon Cognito user pool, by its id (`{region}_{id}`, e.g. `eu-west-1_AbCdEf123`):
    /// `iss` `https://cognito-idp.{region}.amazonaws.com/{pool id}`, keys at
    /// `{iss}/.well-known/jwks.json`, RS256, and `token_use` exactly `token_use`.
    /// [`audience`](Self::audience) is the app client id: checked against `aud` in ID tokens
    /// and `client_id` in access tokens
    /// (<https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-verifying-a-jwt.html>).
    pub fn cognito(user_pool_id: &str, token_use: TokenUse) -> Self {
        let region = user_pool_id.split_once('_').map(|(region, _)| region).unwrap_or_default();
        let valid = !region.is_empty()
            && region.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && user_pool_id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        let iss = format!("https://cognito-idp.{region}.amazonaws.com/{user_pool_id}");
        let keys = KeysAt::Jwks(format!("{iss}/.well-known/jwks.json"));
        Self {
            keys,
            algorithms: vec![Algorithm::RS256],
            token_use: Some(token_use),
            invalid: (!valid).then(|| format!("`{user_pool_id}` is not a Cognito user pool id (`{{region}}_{{id}}`)")),
            ..Self::oidc(iss)
        }
    }

    /// An Auth0 tenant by its domain (`example.eu.auth0.com`, or a custom domain): `iss`
    /// `https://{domain}/`, with its trailing slash, keys by discovery. The audience is the
    /// API's identifier.
    pub fn auth0(domain: &str) -> Self {
        Self::oidc(format!("https://{domain}/")).domain_rule(domain)
    }

    /// An Okta custom authorization server (`default`, or its id): `iss`
    /// `https://{domain}/oauth2/{server}`, keys by discovery, RS256. (Access tokens of Okta's
    /// org authorization server are for Okta's own APIs, not yours.)
    pub fn okta(domain: &str, authorization_server: &str) -> Self {
        Self {
            algorithms: vec![Algorithm::RS256],
            ..Self::oidc(format!("https://{domain}/oauth2/{authorization_server}"))
        }
        .domain_rule(domain)
    }

    /// A Microsoft Entra ID tenant, v2.0 tokens (`accessTokenAcceptedVersion: 2`): `iss`
    /// `https://login.microsoftonline.com/{tenant id}/v2.0`, keys by discovery, RS256. The
    /// audience is the API's application (client) id. Each tenant of a multi-tenant
    /// application is an issuer of its own.
    pub fn entra(tenant_id: &str) -> Self {
        Self {
            algorithms: vec![Algorithm::RS256],
            ..Self::oidc(format!("https://login.microsoftonline.com/{tenant_id}/v2.0"))
        }
        .domain_rule(tenant_id)
    }

    /// Google ID tokens: `iss` `https://accounts.google.com` or `accounts.google.com` (Google
    /// issues both), keys at `https://www.googleapis.com/oauth2/v3/certs`, RS256. The
    /// audience is your OAuth client id.
    pub fn google() -> Self {
        Self {
            iss: vec!["https://accounts.google.com".into(), "accounts.google.com".into()],
            keys: KeysAt::Jwks("https://www.googleapis.com/oauth2/v3/certs".into()),
            algorithms: vec![Algorithm::RS256],
            ..Self::oidc("https://accounts.google.com")
        }
    }

    fn domain_rule(mut self, part: &str) -> Self {
        if part.is_empty() || part.contains(['/', ':', '?', '#', '@', ' ']) {
            self.invalid = Some(format!("`{part}` must be a bare domain or id, without scheme or path"));
        }
        self
    }

    /// Fetch the keys from this JWK Set URL instead of discovering it.
    #[must_use]
    pub fn jwks_url(mut self, url: impl Into<String>) -> Self {
        self.keys = KeysAt::Jwks(url.into());
        self
    }

    /// Accept tokens for this audience (repeat for several): the token's `aud` (a string, or an
    /// array of which one must match) must hold one of them exactly. For Cognito access
    /// tokens, the app client id in `client_id`.
    #[must_use]
    pub fn audience(mut self, audience: impl Into<String>) -> Self {
        match &mut self.audiences {
            Audiences::Only(list) => list.push(audience.into()),
            other => *other = Audiences::Only(vec![audience.into()]),
        }
        self
    }

    /// Accept tokens for any audience: only for an issuer that issues tokens for you alone.
    #[must_use]
    pub fn any_audience(mut self) -> Self {
        self.audiences = Audiences::Any;
        self
    }

    /// The algorithms this issuer's tokens may use (by default [`DEFAULT_ALGORITHMS`]). HMAC
    /// algorithms are refused: keys from a JWK Set are public.
    #[must_use]
    pub fn algorithms(mut self, algorithms: impl IntoIterator<Item = Algorithm>) -> Self {
        self.algorithms = algorithms.into_iter().collect();
        self
    }

    /// The clock skew tolerated on `exp` and `nbf` (by default [`DEFAULT_LEEWAY`], at most
    /// [`MAX_LEEWAY`]).
    #[must_use]
    pub fn leeway(mut self, leeway: Duration) -> Self {
        self.leeway = leeway;
        self
    }

    /// Require a registered claim that is otherwise optional: `sub`, `iat`, `nbf`, `jti`
    /// (`exp` is always required). For claims of your own, make them non-`Option` fields of
    /// your claims type: a token without them is refused.
    #[must_use]
    pub fn require(mut self, claim: &str) -> Self {
        self.required.push(claim.to_owned());
        self
    }

    /// Require the header's `typ` to be this (compared without case, `application/` omitted):
    /// `at+jwt` for RFC 9068 access tokens (<https://www.rfc-editor.org/rfc/rfc9068#section-4>).
    #[must_use]
    pub fn token_type(mut self, typ: impl Into<String>) -> Self {
        self.typ = Some(typ.into());
        self
    }

    pub(crate) fn name(&self) -> &str {
        &self.iss[0]
    }

    /// Checks what can be checked before the first token.
    pub(crate) fn check(&self) -> Result<(), ConfigError> {
        let name = self.name();
        let fail = |why: String| Err(ConfigError(format!("issuer `{name}`: {why}")));
        if let Some(why) = &self.invalid {
            return fail(why.clone());
        }
        if self.iss.iter().any(String::is_empty) {
            return fail("the issuer is empty".into());
        }
        if matches!(self.audiences, Audiences::Unset) {
            return fail("no audience: say which with `.audience(..)`, or `.any_audience()` if every token of this issuer is for you".into());
        }
        if matches!(&self.audiences, Audiences::Only(list) if list.iter().any(String::is_empty)) {
            return fail("an empty audience".into());
        }
        if self.leeway > MAX_LEEWAY {
            return fail(format!(
                "a leeway of {} s: clocks drift by seconds, not hours (at most {} s)",
                self.leeway.as_secs(),
                MAX_LEEWAY.as_secs()
            ));
        }
        if self.algorithms.is_empty() {
            return fail("no algorithm allowed".into());
        }
        if let Some(hmac) =
            self.algorithms.iter().find(|alg| matches!(alg, Algorithm::HS256 | Algorithm::HS384 | Algorithm::HS512))
        {
            return fail(format!(
                "{hmac:?} is an HMAC algorithm: keys from a JWK Set are public, and a public key used as an HMAC secret lets anyone sign"
            ));
        }
        for claim in &self.required {
            if !matches!(claim.as_str(), "sub" | "iat" | "nbf" | "jti" | "exp") {
                return fail(format!(
                    "`require(\"{claim}\")`: only registered claims (sub, iat, nbf, jti) are required this way; make `{claim}` a non-Option field of your claims type"
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_name_the_issuer_exactly() {
        let cognito = Issuer::cognito("eu-west-1_AbC123", TokenUse::Access);
        assert_eq!(cognito.iss, ["https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123"]);
        assert_eq!(
            cognito.keys,
            KeysAt::Jwks("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123/.well-known/jwks.json".into())
        );
        assert_eq!(cognito.algorithms, [Algorithm::RS256]);
        assert_eq!(Issuer::auth0("t.eu.auth0.com").iss, ["https://t.eu.auth0.com/"]);
        assert_eq!(Issuer::okta("acme.okta.com", "default").iss, ["https://acme.okta.com/oauth2/default"]);
        assert_eq!(Issuer::entra("tid").iss, ["https://login.microsoftonline.com/tid/v2.0"]);
        assert_eq!(Issuer::google().iss, ["https://accounts.google.com", "accounts.google.com"]);
        assert_eq!(Issuer::oidc("https://idp").keys, KeysAt::Discovery);
    }

    #[test]
    fn an_issuer_that_cannot_work_is_refused_with_a_reason() {
        let error = |issuer: Issuer| issuer.check().unwrap_err().to_string();
        assert!(error(Issuer::oidc("https://idp")).contains("no audience"));
        assert!(error(Issuer::oidc("https://idp").audience("")).contains("empty audience"));
        assert!(error(Issuer::oidc("https://idp").any_audience().algorithms([Algorithm::HS256])).contains("HMAC"));
        assert!(error(Issuer::oidc("https://idp").any_audience().algorithms([])).contains("no algorithm"));
        assert!(error(Issuer::oidc("https://idp").any_audience().require("email")).contains("non-Option field"));
        assert!(error(Issuer::cognito("AbC123", TokenUse::Id).any_audience()).contains("not a Cognito user pool id"));
        assert!(error(Issuer::auth0("https://t.auth0.com").any_audience()).contains("bare domain"));
        assert!(error(Issuer::oidc("").any_audience()).contains("empty"));
        assert!(
            error(Issuer::oidc("https://idp").any_audience().leeway(Duration::from_secs(601)))
                .contains("at most 600 s")
        );
        assert!(Issuer::oidc("https://idp").audience("a").require("sub").leeway(MAX_LEEWAY).check().is_ok());
    }
}
