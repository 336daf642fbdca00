//! An HTTP API payload 2.0 context may nest: `Vec`s, maps, `Option`s, `serde_json::Value`,
//! and structs that derive `Context`, flat or nested themselves.

use std::collections::{BTreeMap, HashMap};

// The generated `main` starts the Lambda runtime, which fails outside Lambda: the test
// calls the function through `testing` instead.
#[allow(dead_code)]
mod lambda {
    use std::collections::{BTreeMap, HashMap};

    use authorizer_core::prelude::*;

    #[derive(Context)]
    pub struct Org {
        pub id: String,
    }

    #[derive(Context)]
    #[context(nested, rename_all = "camelCase")]
    pub struct Team {
        pub member_ids: Vec<u32>,
    }

    #[derive(Context)]
    #[context(nested, rename_all = "camelCase")]
    pub struct Claims {
        pub roles: Vec<String>,
        pub limits: BTreeMap<String, u32>,
        pub flags: HashMap<&'static str, bool>,
        pub org: Org,
        pub teams: Vec<Team>,
        pub plan: Option<String>,
        #[context(rename = "x-raw")]
        pub raw: serde_json::Value,
        #[context(skip)]
        pub cache: std::cell::Cell<u8>,
    }

    #[authorizer]
    pub fn authorize(request: HttpV2Request) -> Result<Decision<Claims>, Error> {
        let _ = request.route_key();
        Ok(Decision::allow_all("user").context(Claims {
            roles: vec!["admin".to_owned()],
            limits: BTreeMap::from([("rps".to_owned(), 10)]),
            flags: HashMap::from([("beta", true)]),
            org: Org { id: "o-1".to_owned() },
            teams: vec![Team { member_ids: vec![1, 2] }],
            plan: None,
            raw: serde_json::json!({"a": [null, 1]}),
            cache: std::cell::Cell::new(0),
        }))
    }
}

const EVENT: &str = r#"{"type":"REQUEST","version":"2.0","routeArn":"arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets","requestContext":{"http":{"method":"GET"},"timeEpoch":1}}"#;

fn main() {
    let _ = (BTreeMap::<u8, u8>::new(), HashMap::<u8, u8>::new());
    let invocation = authorizer_core::testing::invoke(lambda::authorize, EVENT);
    let response = invocation.response().expect("a simple response");
    assert_eq!(response["isAuthorized"], true);
    assert_eq!(
        response["context"],
        serde_json::json!({
            "roles": ["admin"],
            "limits": {"rps": 10},
            "flags": {"beta": true},
            "org": {"id": "o-1"},
            "teams": [{"memberIds": [1, 2]}],
            "x-raw": {"a": [null, 1]},
        })
    );
}
