//! An authorizer returning `Box<dyn Error + Send + Sync>` (which is `lambda_runtime::Error`),
//! with shared state built by an `init` returning one too: a failure is a 500.

// The generated `main` starts the Lambda runtime, which fails outside Lambda: the test
// calls the function through `testing` instead.
#[allow(dead_code)]
mod lambda {
    use authorizer_core::prelude::*;

    type BoxError = Box<dyn std::error::Error + Send + Sync>;

    pub struct Tenants {
        pub known: String,
    }

    pub fn load_tenants() -> Result<Tenants, BoxError> {
        let known = "acme".parse::<String>()?;
        Ok(Tenants { known })
    }

    #[authorizer(init = self::load_tenants)]
    pub fn authorize(request: TokenRequest, tenants: &Tenants) -> Result<Decision, BoxError> {
        let number: u32 = request.token().parse()?;
        if number == 0 {
            return Err(format!("no tenant {}", tenants.known).into());
        }
        Ok(Decision::allow_all("user"))
    }
}

const EVENT: &str = r#"{"type":"TOKEN","authorizationToken":"x","methodArn":"arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets"}"#;

fn main() {
    let tenants = Box::leak(Box::new(lambda::Tenants { known: "acme".to_owned() }));
    let invocation = authorizer_core::testing::invoke_with_state(lambda::authorize, tenants, EVENT);
    assert_eq!(invocation.status(), 500);
}
