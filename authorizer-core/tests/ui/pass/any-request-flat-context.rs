//! One authorizer for several kinds of API takes `AnyRequest`, with a flat context.

// The generated `main` starts the Lambda runtime, which fails outside Lambda: the test
// calls the function through `testing` instead.
#[allow(dead_code)]
mod lambda {
    use authorizer_core::prelude::*;

    #[derive(Context)]
    pub struct Session {
        pub kind: &'static str,
    }

    #[authorizer]
    pub async fn authorize(request: AnyRequest) -> Result<Decision<Session>, Error> {
        let kind = match request {
            AnyRequest::Token(_) => "token",
            AnyRequest::HttpV2(_) => "http",
            _ => "other",
        };
        Ok(Decision::allow_all("user").context(Session { kind }))
    }
}

const TOKEN: &str = r#"{"type":"TOKEN","authorizationToken":"allow","methodArn":"arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets"}"#;
const HTTP: &str = r#"{"type":"REQUEST","version":"2.0","routeArn":"arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets","requestContext":{"http":{"method":"GET"},"timeEpoch":1}}"#;

fn main() {
    let token = authorizer_core::testing::invoke(lambda::authorize, TOKEN);
    assert_eq!(token.response().unwrap()["context"]["kind"], "token");
    let http = authorizer_core::testing::invoke(lambda::authorize, HTTP);
    assert_eq!(http.response().unwrap()["context"]["kind"], "http");
}
