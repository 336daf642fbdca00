use authorizer_core::prelude::*;

#[authorizer]
async fn authorize(_request: TokenRequest, lambda: LambdaContext, again: LambdaContext) -> Result<Decision, Error> {
    Ok(Decision::allow(format!("{}{}", lambda.request_id(), again.request_id())))
}
