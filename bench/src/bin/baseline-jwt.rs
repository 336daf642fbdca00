//! The JWT baseline: a REST API TOKEN authorizer that verifies an OIDC issuer's JWTs, written by
//! hand the way a Rust Lambda user would write one today (`#[tokio::main]`, `lambda_runtime`'s
//! default subscriber, `run(service_fn(..))`, `aws_lambda_events`, `jsonwebtoken`, `reqwest`).
//! It is compared with the framework's `jwt-oidc` example and behaves as it does:
//!
//! - configuration from the environment: `JWT_ISSUER` (the exact `iss`), `JWT_AUDIENCE` (the
//!   accepted `aud`) and `JWT_JWKS_URL` (when unset, the `jwks_uri` of
//!   `{JWT_ISSUER}/.well-known/openid-configuration`);
//! - the key set is fetched on first use and kept for the process; a token whose `kid` is not
//!   in it makes it fetched again, once;
//! - `Authorization: Bearer <jwt>`, RS256 or ES256, `kid` required, `iss`, `aud`, `exp` and
//!   `nbf` checked; any failure is the error `Unauthorized` (API Gateway's 401), a failure to
//!   fetch the keys another error (500);
//! - scope `pets:read` allows `GET /pets` and `GET /pets/*`, `pets:write` allows `POST /pets`,
//!   neither denies every route of the stage (403); principal `sub`, context `sub` and `scope`.
//!
//! This file is the whole program, as a user's `src/main.rs` would be.

use std::sync::Arc;

use aws_lambda_events::apigw::{
    ApiGatewayCustomAuthorizerPolicy, ApiGatewayCustomAuthorizerRequest, ApiGatewayCustomAuthorizerResponse,
};
use aws_lambda_events::iam::{IamPolicyEffect, IamPolicyStatement};
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation, decode, decode_header};
use lambda_runtime::{Error, LambdaEvent, run, service_fn, tracing};
use serde::Deserialize;
use serde_json::json;
use tokio::sync::{OnceCell, RwLock};

/// The algorithms accepted, whatever a token's header says.
const ALGORITHMS: [Algorithm; 2] = [Algorithm::RS256, Algorithm::ES256];

#[derive(Debug, Deserialize)]
struct Claims {
    sub: String,
    scope: Option<String>,
}

#[derive(Deserialize)]
struct OpenIdConfiguration {
    jwks_uri: String,
}

/// Set up once per process, outside the handler.
struct Authorizer {
    issuer: String,
    audience: String,
    /// `JWT_JWKS_URL`, or the discovery document's `jwks_uri` once fetched.
    jwks_url: OnceCell<String>,
    http: reqwest::Client,
    jwks: RwLock<Option<Arc<JwkSet>>>,
}

impl Authorizer {
    fn from_env() -> Result<Self, Error> {
        let issuer = std::env::var("JWT_ISSUER").map_err(|_| "JWT_ISSUER is not set")?;
        let audience = std::env::var("JWT_AUDIENCE").map_err(|_| "JWT_AUDIENCE is not set")?;
        let jwks_url = match std::env::var("JWT_JWKS_URL") {
            Ok(url) => OnceCell::new_with(Some(url)),
            Err(_) => OnceCell::new(),
        };
        Ok(Self { issuer, audience, jwks_url, http: reqwest::Client::new(), jwks: RwLock::new(None) })
    }

    async fn jwks_url(&self) -> Result<&str, Error> {
        let url = self
            .jwks_url
            .get_or_try_init(|| async {
                let discovery = format!("{}/.well-known/openid-configuration", self.issuer.trim_end_matches('/'));
                let config: OpenIdConfiguration =
                    self.http.get(discovery).send().await?.error_for_status()?.json().await?;
                Ok::<_, Error>(config.jwks_uri)
            })
            .await?;
        Ok(url)
    }

    /// The cached key set, fetched if there is none yet or if `refresh`.
    async fn jwks(&self, refresh: bool) -> Result<Arc<JwkSet>, Error> {
        if !refresh && let Some(jwks) = self.jwks.read().await.as_ref() {
            return Ok(jwks.clone());
        }
        let url = self.jwks_url().await?;
        let jwks: JwkSet = self.http.get(url).send().await?.error_for_status()?.json().await?;
        let jwks = Arc::new(jwks);
        *self.jwks.write().await = Some(jwks.clone());
        Ok(jwks)
    }

    /// The token's verified claims; `Ok(None)` for a token that does not verify.
    async fn verify(&self, token: &str) -> Result<Option<Claims>, Error> {
        let Ok(header) = decode_header(token) else { return Ok(None) };
        // jsonwebtoken wants every algorithm of a `Validation` in the key's family: the header's
        // one, if it is one we accept.
        if !ALGORITHMS.contains(&header.alg) {
            return Ok(None);
        }
        let Some(kid) = header.kid else { return Ok(None) };
        let mut jwks = self.jwks(false).await?;
        if jwks.find(&kid).is_none() {
            // The issuer may have rotated its keys since we fetched them.
            jwks = self.jwks(true).await?;
        }
        let Some(jwk) = jwks.find(&kid) else { return Ok(None) };
        let Ok(key) = DecodingKey::from_jwk(jwk) else { return Ok(None) };

        let mut validation = Validation::new(header.alg);
        validation.set_issuer(&[&self.issuer]);
        validation.set_audience(&[&self.audience]);
        validation.validate_nbf = true;
        match decode::<Claims>(token, &key, &validation) {
            Ok(data) => Ok(Some(data.claims)),
            Err(error) => {
                tracing::info!("invalid token: {error}");
                Ok(None)
            }
        }
    }

    async fn authorize(
        &self,
        request: ApiGatewayCustomAuthorizerRequest,
    ) -> Result<ApiGatewayCustomAuthorizerResponse, Error> {
        let method_arn = request.method_arn.ok_or("the event has no methodArn")?;
        let token = request.authorization_token.as_deref().and_then(|t| t.strip_prefix("Bearer "));
        let Some(token) = token else { return Err("Unauthorized".into()) };
        let Some(claims) = self.verify(token).await? else { return Err("Unauthorized".into()) };

        // arn:aws:execute-api:REGION:ACCOUNT:APIID/STAGE/VERB/path...
        let mut parts = method_arn.splitn(3, '/');
        let (Some(api), Some(stage)) = (parts.next(), parts.next()) else {
            return Err(format!("malformed methodArn: {method_arn}").into());
        };
        let prefix = format!("{api}/{stage}/");

        let scope = claims.scope.unwrap_or_default();
        let scopes: Vec<&str> = scope.split_whitespace().collect();
        let mut resources = Vec::new();
        if scopes.contains(&"pets:read") {
            resources.push(format!("{prefix}GET/pets"));
            resources.push(format!("{prefix}GET/pets/*"));
        }
        if scopes.contains(&"pets:write") {
            resources.push(format!("{prefix}POST/pets"));
        }
        let effect = if resources.is_empty() {
            resources.push(format!("{prefix}*/*"));
            IamPolicyEffect::Deny
        } else {
            IamPolicyEffect::Allow
        };

        // The response types are `#[non_exhaustive]`: built from `Default`.
        let mut statement = IamPolicyStatement::default();
        statement.action = vec!["execute-api:Invoke".to_owned()];
        statement.effect = effect;
        statement.resource = resources;
        let mut document = ApiGatewayCustomAuthorizerPolicy::default();
        document.version = Some("2012-10-17".to_owned());
        document.statement = vec![statement];
        let mut response = ApiGatewayCustomAuthorizerResponse::default();
        response.principal_id = Some(claims.sub.clone());
        response.policy_document = document;
        response.context = json!({"sub": claims.sub, "scope": scope});
        Ok(response)
    }
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    tracing::init_default_subscriber();
    let authorizer = Authorizer::from_env()?;
    let authorizer = &authorizer;
    run(service_fn(move |event: LambdaEvent<ApiGatewayCustomAuthorizerRequest>| async move {
        authorizer.authorize(event.payload).await
    }))
    .await
}
