//! One authorizer function behind every kind of API Gateway API: a REST API (as a `TOKEN`
//! and as a `REQUEST` authorizer), an HTTP API (payload 2.0 with simple responses, or 1.0)
//! and a WebSocket API. It takes [`AnyRequest`]: the kind is read from each event, and the
//! response is written in that kind's format (an IAM policy, or
//! `{"isAuthorized": .., "context": ..}` for HTTP API payload 2.0). An event of no known kind
//! fails the invocation (500).
//!
//! - Callers present an API token as a bearer token: `Bearer <token>` as a TOKEN
//!   authorizer's token, or the `Authorization: Bearer <token>` header. Browsers cannot set
//!   headers on a WebSocket, so a WebSocket client may instead send it as the
//!   `access_token` query parameter (RFC 6750 §2.3); the framework masks every WebSocket
//!   query value in its logs.
//! - The tokens are loaded once, at cold start (`#[authorizer(init = load_tokens)]`), from
//!   the `MULTI_API_TOKENS` variable: `<token> <user-id>` entries separated by `;` or new
//!   lines, tokens of 16 characters or more. A missing or malformed table fails the cold
//!   start.
//! - A known token is allowed every route of the API it came through
//!   ([`Decision::allow_all`]), with the context `{"userId": ..}` (flat: the rule of the
//!   strictest kind the function serves).
//! - Without a known token: `Unauthorized` (401) for REST and WebSocket events; for HTTP
//!   API events a deny (403). AWS documents the `Unauthorized` error as a 401 for REST APIs,
//!   and its WebSocket sample uses it, but documents no such error for HTTP APIs: their
//!   documented 401 is API Gateway's own, for a request without the identity sources.
//!
//! **The cache.** The answer depends on the token alone, never on the route called, so every
//! kind may cache it: a REST TOKEN authorizer by its token, a REST REQUEST or HTTP API one with
//! the `Authorization` header as identity source. WebSocket authorizers run once per
//! connection and are not cached.

use std::collections::HashMap;

use authorizer_core::prelude::*;

/// The environment variable holding the token table.
const TOKENS_VAR: &str = "MULTI_API_TOKENS";

/// Tokens shorter than this are refused at load: they could be guessed.
const MIN_TOKEN_LEN: usize = 16;

/// The shared state: API tokens and the user each belongs to.
struct Tokens {
    users: HashMap<String, String>,
}

impl Tokens {
    /// Parses `<token> <user-id>` entries separated by `;` or new lines. Errors name the
    /// entry, never the token in it.
    fn parse(table: &str) -> Result<Self, Error> {
        let mut users = HashMap::new();
        let entries = table.split([';', '\n']).map(str::trim).filter(|e| !e.is_empty());
        for (index, entry) in entries.enumerate() {
            let fail = |reason: &str| Err(Error::failure(format!("{TOKENS_VAR}, entry {}: {reason}", index + 1)));
            let [token, user] = entry.split_whitespace().collect::<Vec<_>>()[..] else {
                return fail("expected `<token> <user-id>`");
            };
            if token.len() < MIN_TOKEN_LEN {
                return fail("the token is shorter than 16 characters");
            }
            if users.insert(token.to_owned(), user.to_owned()).is_some() {
                return fail("this token is already given to an earlier entry");
            }
        }
        if users.is_empty() {
            return Err(Error::failure(format!("{TOKENS_VAR}: the table has no entries")));
        }
        Ok(Self { users })
    }

    fn user(&self, token: &str) -> Option<&str> {
        self.users.get(token).map(String::as_str)
    }
}

/// Builds the shared state at cold start.
fn load_tokens() -> Result<Tokens, Error> {
    let table = std::env::var(TOKENS_VAR).map_err(|_| Error::failure(format!("{TOKENS_VAR} is not set")))?;
    Tokens::parse(&table)
}

/// What the backend learns about the caller.
#[derive(Context)]
#[context(rename_all = "camelCase")]
struct Caller {
    user_id: String,
}

#[authorizer(init = load_tokens)]
fn authorize(request: AnyRequest, tokens: &Tokens) -> Result<Decision<Caller>, Error> {
    let token = match &request {
        AnyRequest::WebSocket(connect) => connect.bearer_token().or_else(|| connect.query_param("access_token")),
        other => other.bearer_token(),
    };
    if let Some(user) = token.and_then(|token| tokens.user(token)) {
        return Ok(Decision::allow_all(user).context(Caller { user_id: user.to_owned() }));
    }
    match request {
        AnyRequest::HttpV1(_) | AnyRequest::HttpV2(_) => {
            Ok(Decision::deny("anonymous").reason("no known bearer token"))
        }
        _ => Err(Error::unauthorized("no known bearer token")),
    }
}

#[cfg(test)]
mod tests {
    use authorizer_core::testing::{self, Invocation};
    use serde_json::{Value, json};

    use super::{Tokens, authorize};

    const TOKEN: &str = "tk_multi_api_0001";

    fn invoke(event: &Value) -> Invocation {
        let tokens: &'static Tokens = Box::leak(Box::new(Tokens::parse(&format!("{TOKEN} u-1")).unwrap()));
        testing::invoke_with_state(authorize, tokens, event)
    }

    fn fixture(text: &str) -> Value {
        serde_json::from_str(text).expect("fixtures are JSON")
    }

    #[test]
    fn each_kind_is_answered_in_its_format() {
        let mut token = fixture(include_str!("../../tests/fixtures/rest-token.json"));
        token["authorizationToken"] = json!(format!("Bearer {TOKEN}"));
        let mut request = fixture(include_str!("../../tests/fixtures/rest-request-docs.json"));
        request["headers"]["Authorization"] = json!(format!("Bearer {TOKEN}"));
        let mut http = fixture(include_str!("../../tests/fixtures/http-api-v2-request.json"));
        http["headers"]["authorization"] = json!(format!("Bearer {TOKEN}"));
        let mut connect = fixture(include_str!("../../tests/fixtures/websocket-connect-request.json"));
        connect["queryStringParameters"]["access_token"] = json!(TOKEN);

        let policy = |stage_wide: &str| {
            json!({
                "principalId": "u-1",
                "policyDocument": {"Version": "2012-10-17", "Statement": [
                    {"Action": "execute-api:Invoke", "Effect": "Allow", "Resource": stage_wide}
                ]},
                "context": {"userId": "u-1"}
            })
        };
        assert_eq!(
            invoke(&token).response(),
            Some(policy("arn:aws:execute-api:us-west-2:123456789012:ymy8tbxw7b/dev/*/*"))
        );
        assert_eq!(
            invoke(&request).response(),
            Some(policy("arn:aws:execute-api:us-east-1:123456789012:abcdef123/test/*/*"))
        );
        assert_eq!(invoke(&http).response(), Some(json!({"isAuthorized": true, "context": {"userId": "u-1"}})));
        assert_eq!(
            invoke(&connect).response(),
            Some(policy("arn:aws:execute-api:us-east-1:123456789012:abcdef123/default/*"))
        );
        for event in [token, request, http, connect] {
            assert_eq!(invoke(&event).status(), 200, "{event}");
        }
    }

    #[test]
    fn without_a_known_token_rest_and_websocket_get_401_http_apis_403() {
        for (text, status) in [
            (include_str!("../../tests/fixtures/rest-token.json"), 401),
            (include_str!("../../tests/fixtures/rest-request.json"), 401),
            (include_str!("../../tests/fixtures/websocket-connect-request-powertools.json"), 401),
            (include_str!("../../tests/fixtures/http-api-v2-request-powertools.json"), 403),
            (include_str!("../../tests/fixtures/http-api-v1-request.json"), 403),
        ] {
            let event = fixture(text);
            assert_eq!(invoke(&event).status(), status, "{event}");
        }
    }

    #[test]
    fn events_of_no_kind_are_500() {
        let mut unknown_version = fixture(include_str!("../../tests/fixtures/http-api-v2-request.json"));
        unknown_version["version"] = json!("3.0");
        for event in [json!({"type": "OTHER"}), unknown_version] {
            let refused = invoke(&event);
            assert_eq!(refused.status(), 500);
            assert_eq!(refused.error().unwrap().error_type.as_str(), "InvalidEvent");
        }
    }

    #[test]
    fn malformed_tables_fail_without_naming_the_token() {
        for table in ["", "short u-1", "tk_multi_api_0001", "tk_multi_api_0001 u-1; tk_multi_api_0001 u-2"] {
            let error = Tokens::parse(table).err().unwrap().to_string();
            assert!(!error.contains("tk_multi"), "{error}");
        }
    }
}
