//! The error types users return from an authorizer or its `init`: a boxed error (which is
//! `lambda_runtime::Error`), `anyhow::Error`, `eyre::Report`, a `String`. Each is a 500 whose
//! posted message is the error's, masked; none is a 401, whatever it holds or says.

use authorizer_core::ErrorType;
use authorizer_core::prelude::*;
use authorizer_core::testing::{self, Invocation};
use serde_json::{Value, json};

const TOKEN: &str = "Bearer tok-secret-value";

fn event() -> Value {
    json!({
        "type": "TOKEN",
        "authorizationToken": TOKEN,
        "methodArn": "arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets",
    })
}

/// A 500, posted as the framework's failure with the error's message, which starts with
/// `message` (the token it then quotes is masked: the masking chapter says how).
fn assert_failure(invocation: &Invocation, message: &str) {
    assert_eq!(invocation.status(), 500, "{invocation:?}");
    let error = invocation.error().expect("an error is posted");
    assert_eq!(error.error_type, ErrorType::AuthorizerError);
    let posted = &error.error_message;
    assert!(posted.starts_with(&format!("authorizer failed: {message}")), "{posted}");
    assert!(!posted.contains("tok-secret-value"), "{posted}");
}

fn boxed(request: TokenRequest) -> Result<Decision, Box<dyn std::error::Error + Send + Sync>> {
    Err(format!("no tenant for {}", request.token()).into())
}

fn anyhow_error(request: TokenRequest) -> Result<Decision, anyhow::Error> {
    Err(anyhow::anyhow!("no tenant for {}", request.token()).context("lookup failed"))
}

fn eyre_report(request: TokenRequest) -> Result<Decision, eyre::Report> {
    Err(eyre::eyre!("no tenant for {}", request.token()).wrap_err("lookup failed"))
}

fn string(request: TokenRequest) -> Result<Decision, String> {
    Err(format!("no tenant for {}", request.token()))
}

#[test]
fn a_boxed_error_is_a_500_with_its_message_masked() {
    assert_failure(&testing::invoke(boxed, event()), "no tenant for ");
}

#[test]
fn an_anyhow_error_is_a_500_with_its_chain_masked() {
    assert_failure(&testing::invoke(anyhow_error, event()), "lookup failed: no tenant for ");
}

#[test]
fn an_eyre_report_is_a_500_with_its_chain_masked() {
    assert_failure(&testing::invoke(eyre_report, event()), "lookup failed: no tenant for ");
}

#[test]
fn a_string_is_a_500_with_its_message_masked() {
    assert_failure(&testing::invoke(string, event()), "no tenant for ");
}

// `Unauthorized` is no `std::error::Error`, so no boxed error holds one: what these hold is
// a message, and a message is a failure whatever it says. A 401 is `Unauthorized` returned.
fn anyhow_saying_unauthorized(_: TokenRequest) -> Result<Decision, anyhow::Error> {
    Err(anyhow::Error::msg(Error::from(Unauthorized)))
}

fn boxed_saying_unauthorized(_: TokenRequest) -> Result<Decision, Box<dyn std::error::Error + Send + Sync>> {
    Err("Unauthorized".into())
}

#[test]
fn an_error_that_says_unauthorized_is_still_a_500() {
    for invocation in
        [testing::invoke(anyhow_saying_unauthorized, event()), testing::invoke(boxed_saying_unauthorized, event())]
    {
        assert_failure(&invocation, "Unauthorized");
        assert_eq!(invocation.error().unwrap().error_message, "authorizer failed: Unauthorized");
    }
}

#[tokio::test]
async fn an_init_returning_a_boxed_error_is_a_failure() {
    fn init() -> Result<u8, Box<dyn std::error::Error + Send + Sync>> {
        Err("no table named TENANTS".into())
    }
    let error = authorizer_core::Init::<u8, _>::init(&init).await.expect_err("init failed");
    assert!(!error.is_unauthorized());
    assert_eq!(error.to_string(), "no table named TENANTS");
}
