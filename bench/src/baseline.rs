//! The baseline side of the per-event benchmarks: what a handler written by hand does with an
//! event, as in `baseline-token` (serde_json into `aws_lambda_events` types, a response built
//! from them, `serde_json::to_vec`). `lambda_runtime` decodes through `serde_path_to_error`,
//! which costs a little more (`lambda_runtime` 1.5 `src/deserializer.rs`); plain serde_json
//! is used here.

use aws_lambda_events::apigw::{
    ApiGatewayCustomAuthorizerPolicy, ApiGatewayCustomAuthorizerRequest, ApiGatewayCustomAuthorizerRequestTypeRequest,
    ApiGatewayCustomAuthorizerResponse, ApiGatewayV2CustomAuthorizerSimpleResponse,
    ApiGatewayV2CustomAuthorizerV2Request,
};
use aws_lambda_events::iam::{IamPolicyEffect, IamPolicyStatement};
use lambda_runtime::Error;
use serde_json::{Value, json};

use crate::events::BEARER_TOKEN;

fn sample_context() -> Value {
    json!({"stringKey": "stringval", "numberKey": 123, "booleanKey": true})
}

/// A policy with one statement on `resource`, and the sample's context (as `baseline-token`).
fn policy(principal_id: &str, effect: IamPolicyEffect, resource: String) -> ApiGatewayCustomAuthorizerResponse {
    let mut statement = IamPolicyStatement::default();
    statement.action = vec!["execute-api:Invoke".to_owned()];
    statement.effect = effect;
    statement.resource = vec![resource];
    let mut document = ApiGatewayCustomAuthorizerPolicy::default();
    document.version = Some("2012-10-17".to_owned());
    document.statement = vec![statement];
    let mut response = ApiGatewayCustomAuthorizerResponse::default();
    response.principal_id = Some(principal_id.to_owned());
    response.policy_document = document;
    response.context = sample_context();
    response
}

/// The token of an `Authorization: Bearer ..` header.
fn bearer(headers: &aws_lambda_events::http::HeaderMap) -> Option<&str> {
    headers.get("authorization")?.to_str().ok()?.strip_prefix("Bearer ")
}

/// `baseline-token`'s handler on one TOKEN event: decode, decide, encode.
///
/// # Errors
///
/// As `baseline-token`: `Unauthorized`, or another error.
pub fn token(event: &[u8]) -> Result<Vec<u8>, Error> {
    let request: ApiGatewayCustomAuthorizerRequest = serde_json::from_slice(event)?;
    let method_arn = request.method_arn.ok_or("the event has no methodArn")?;
    let response = match request.authorization_token.as_deref() {
        Some("allow") => policy("user", IamPolicyEffect::Allow, method_arn),
        Some("deny") => policy("user", IamPolicyEffect::Deny, method_arn),
        Some("unauthorized") => return Err("Unauthorized".into()),
        _ => return Err("Error: Invalid token".into()),
    };
    Ok(serde_json::to_vec(&response)?)
}

/// A REST `REQUEST` handler: an Allow on the `methodArn` for the bearer token
/// [`BEARER_TOKEN`], with the sample's context.
///
/// # Errors
///
/// `Unauthorized` for any other credential.
pub fn rest(event: &[u8]) -> Result<Vec<u8>, Error> {
    let request: ApiGatewayCustomAuthorizerRequestTypeRequest = serde_json::from_slice(event)?;
    if bearer(&request.headers) != Some(BEARER_TOKEN) {
        return Err("Unauthorized".into());
    }
    let method_arn = request.method_arn.ok_or("the event has no methodArn")?;
    Ok(serde_json::to_vec(&policy("user", IamPolicyEffect::Allow, method_arn))?)
}

/// An HTTP API payload 2.0 handler with simple responses: authorized for the bearer token
/// [`BEARER_TOKEN`], with the sample's context.
///
/// # Errors
///
/// `Unauthorized` for any other credential.
pub fn http_v2(event: &[u8]) -> Result<Vec<u8>, Error> {
    let request: ApiGatewayV2CustomAuthorizerV2Request = serde_json::from_slice(event)?;
    if bearer(&request.headers) != Some(BEARER_TOKEN) {
        return Err("Unauthorized".into());
    }
    let mut response = ApiGatewayV2CustomAuthorizerSimpleResponse::default();
    response.is_authorized = true;
    response.context = sample_context();
    Ok(serde_json::to_vec(&response)?)
}
