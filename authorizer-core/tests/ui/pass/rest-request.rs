//! A REST REQUEST authorizer takes `RestRequest`.

// The generated `main` starts the Lambda runtime, which fails outside Lambda: the test
// calls the function through `testing` instead.
#[allow(dead_code)]
mod lambda {
    use authorizer_core::prelude::*;

    #[authorizer]
    pub fn authorize(request: RestRequest) -> Result<Decision, Error> {
        let token = request.bearer_token().ok_or(Unauthorized)?;
        Ok(Decision::allow_all(token))
    }
}

fn main() {
    let _: fn(authorizer_core::RestRequest) -> _ = lambda::authorize;
}
