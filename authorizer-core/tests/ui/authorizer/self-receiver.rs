use authorizer_core::prelude::*;

struct Service;

impl Service {
    #[authorizer]
    fn authorize(&self, request: TokenRequest) -> Result<Decision, Error> {
        Ok(Decision::allow_all(request.token()))
    }
}

fn main() {}
