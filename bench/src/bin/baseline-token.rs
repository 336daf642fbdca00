//! The baseline: the AWS documentation's TOKEN authorizer sample, written by hand the way AWS's
//! Rust examples are (`#[tokio::main]`, `lambda_runtime`'s default subscriber,
//! `run(service_fn(..))`, `aws_lambda_events` with only `apigw`, and `serde_json`).
//!
//! It behaves like the `aws-docs-token` example: an Allow or a Deny policy for principal `user`
//! on the event's `methodArn`, with the sample's context, for the tokens `allow` and `deny`; the
//! error `Unauthorized` (API Gateway's 401) for `unauthorized`; another error (500) for anything
//! else. The responses differ only in how they are spelled: `aws_lambda_events` writes `Action`
//! and `Resource` as one-element arrays and `"usageIdentifierKey": null`, and the errors' types
//! are what `lambda_runtime` posts (`std::any::type_name` of the error, `lambda_runtime` 1.5
//! `src/diagnostic.rs`). This file is the whole program: the compile
//! benchmark builds it as a user's `src/main.rs`.

use aws_lambda_events::apigw::{
    ApiGatewayCustomAuthorizerPolicy, ApiGatewayCustomAuthorizerRequest, ApiGatewayCustomAuthorizerResponse,
};
use aws_lambda_events::iam::{IamPolicyEffect, IamPolicyStatement};
use lambda_runtime::{Error, LambdaEvent, run, service_fn, tracing};
use serde_json::json;

/// The sample's decision, on the decoded event.
fn authorize(request: ApiGatewayCustomAuthorizerRequest) -> Result<ApiGatewayCustomAuthorizerResponse, Error> {
    let method_arn = request.method_arn.ok_or("the event has no methodArn")?;
    // Token values are case-sensitive, as in the sample.
    match request.authorization_token.as_deref() {
        Some("allow") => Ok(policy("user", IamPolicyEffect::Allow, method_arn)),
        Some("deny") => Ok(policy("user", IamPolicyEffect::Deny, method_arn)),
        Some("unauthorized") => Err("Unauthorized".into()),
        _ => Err("Error: Invalid token".into()),
    }
}

/// A policy with one statement on `resource`, and the sample's context.
fn policy(principal_id: &str, effect: IamPolicyEffect, resource: String) -> ApiGatewayCustomAuthorizerResponse {
    // The response types are `#[non_exhaustive]`: built from `Default`.
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
    response.context = json!({"stringKey": "stringval", "numberKey": 123, "booleanKey": true});
    response
}

async fn function_handler(
    event: LambdaEvent<ApiGatewayCustomAuthorizerRequest>,
) -> Result<ApiGatewayCustomAuthorizerResponse, Error> {
    authorize(event.payload)
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    tracing::init_default_subscriber();
    run(service_fn(function_handler)).await
}
