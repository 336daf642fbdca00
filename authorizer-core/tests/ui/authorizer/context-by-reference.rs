use authorizer_core::prelude::*;

#[authorizer]
fn authorize(request: TokenRequest, lambda: &LambdaContext) -> Result<Decision, Error> {
    let _ = request;
    Ok(Decision::allow(lambda.request_id()))
}
