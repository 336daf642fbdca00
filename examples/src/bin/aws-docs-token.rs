//! A port of the AWS documentation's Node.js TOKEN authorizer sample
//! (`apigateway-use-lambda-authorizer.md`), behaviour for behaviour:
//!
//! | token          | result                                                        |
//! |----------------|---------------------------------------------------------------|
//! | `allow`        | Allow policy for principal `user` on the event's `methodArn`  |
//! | `deny`         | Deny policy for principal `user` on the event's `methodArn`   |
//! | `unauthorized` | the `Unauthorized` error: API Gateway answers 401             |
//! | anything else  | an error with another message: API Gateway answers 500        |
//!
//! Both policies carry the sample's context
//! `{"stringKey":"stringval","numberKey":123,"booleanKey":true}`.
//!
//! Like the sample, the policy covers only the method being called. Under API Gateway's
//! policy cache that is only right with the cache off (TTL 0): see the `petstore` example
//! for routes that stay right when cached.

use authorizer_core::prelude::*;

/// The sample's context, key for key.
#[derive(Context)]
struct SampleContext {
    #[context(rename = "stringKey")]
    string: &'static str,
    #[context(rename = "numberKey")]
    number: u32,
    #[context(rename = "booleanKey")]
    boolean: bool,
}

const CONTEXT: SampleContext = SampleContext { string: "stringval", number: 123, boolean: true };

#[authorizer]
fn authorize(request: TokenRequest) -> Result<Decision<SampleContext>, Error> {
    // Token values are case-sensitive, as in the sample.
    match request.token() {
        "allow" => Ok(Decision::allow_request("user").context(CONTEXT)),
        "deny" => Ok(Decision::deny_request("user").context(CONTEXT)),
        "unauthorized" => Err(Unauthorized.into()),
        _ => Err(Error::failure("Error: Invalid token")),
    }
}

#[cfg(test)]
mod tests {
    use authorizer_core::testing;
    use serde_json::json;

    use super::authorize;

    const ARN: &str = "arn:aws:execute-api:us-west-2:123456789012:ymy8tbxw7b/prod/GET/";

    fn event(token: &str) -> serde_json::Value {
        json!({"type": "TOKEN", "authorizationToken": token, "methodArn": ARN})
    }

    fn policy(effect: &str) -> serde_json::Value {
        json!({
            "principalId": "user",
            "policyDocument": {"Version": "2012-10-17", "Statement": [
                {"Action": "execute-api:Invoke", "Effect": effect, "Resource": ARN}
            ]},
            "context": {"stringKey": "stringval", "numberKey": 123, "booleanKey": true}
        })
    }

    #[test]
    fn allow_and_deny_are_the_samples_policies() {
        let allowed = testing::invoke(authorize, event("allow"));
        assert_eq!(allowed.response(), Some(policy("Allow")));
        assert_eq!(allowed.status(), 200);
        let denied = testing::invoke(authorize, event("deny"));
        assert_eq!(denied.response(), Some(policy("Deny")));
        assert_eq!(denied.status(), 403);
    }

    #[test]
    fn unauthorized_is_401_and_anything_else_500() {
        let refused = testing::invoke(authorize, event("unauthorized"));
        assert_eq!(refused.status(), 401);
        assert_eq!(refused.error().unwrap().error_message, "Unauthorized");
        for token in ["fail", "", "Allow"] {
            let failed = testing::invoke(authorize, event(token));
            assert_eq!(failed.status(), 500, "{token:?}");
            assert_ne!(failed.error().unwrap().error_message, "Unauthorized");
        }
    }
}
