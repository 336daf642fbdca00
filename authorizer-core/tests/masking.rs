//! Credentials of REQUEST events never reach the posted error, whatever the user's error
//! quotes, and `Debug` of what a test sees never shows them.

use authorizer_core::prelude::*;
use authorizer_core::testing;
use serde_json::{Value, json};

const COOKIE_VALUE: &str = "s3cret-session-id";
const API_KEY_HEADER: &str = "s3cret-header-api-key";
const IDENTITY_API_KEY: &str = "s3cret-identity-api-key";
const CUSTOM_HEADER: &str = "s3cret-custom-auth";
const QUERY_TOKEN: &str = "s3cret-query-token";

fn rest_event() -> Value {
    json!({
        "type": "REQUEST",
        "methodArn": "arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets",
        "resource": "/pets", "path": "/pets", "httpMethod": "GET",
        "headers": {
            "Cookie": format!("theme=dark; session={COOKIE_VALUE}"),
            "X-Api-Key": API_KEY_HEADER,
            "X-Auth-Token": CUSTOM_HEADER,
        },
        "queryStringParameters": {"token": QUERY_TOKEN},
        "multiValueQueryStringParameters": {"token": [QUERY_TOKEN]},
        "requestContext": {"identity": {"apiKey": IDENTITY_API_KEY, "sourceIp": "203.0.113.7"}},
    })
}

/// An error quoting every credential the event carries, each alone and among other text.
fn quote_all(header: impl Fn(&str) -> Option<String>, query: Option<&str>, api_key: Option<&str>) -> Error {
    let cookie = header("cookie").unwrap_or_default();
    let session = cookie.rsplit_once('=').map(|(_, v)| v.to_owned()).unwrap_or_default();
    Error::failure(format!(
        "unknown session {session} (cookie {cookie}); key {:?}; identity key {api_key:?}; custom {:?}; query {query:?}",
        header("x-api-key"),
        header("x-auth-token"),
    ))
}

fn assert_masked(message: &str) {
    for secret in [COOKIE_VALUE, API_KEY_HEADER, IDENTITY_API_KEY, CUSTOM_HEADER, QUERY_TOKEN] {
        assert!(!message.contains(secret), "{secret} in {message}");
    }
    assert!(message.contains("[redacted]"), "{message}");
}

#[test]
fn rest_request_credentials_never_reach_the_posted_error() {
    let leaky = |r: RestRequest| -> Result<Decision, Error> {
        let api_key = r.request_context().identity.as_ref().and_then(|i| i.api_key.clone());
        Err(quote_all(|n| r.header(n).map(str::to_owned), r.query_param("token"), api_key.as_deref()))
    };
    let invocation = testing::invoke(leaky, rest_event());
    assert_eq!(invocation.status(), 500);
    assert_masked(&invocation.error().unwrap().error_message);
}

#[test]
fn http_v1_request_credentials_never_reach_the_posted_error() {
    let leaky = |r: HttpV1Request| -> Result<Decision, Error> {
        let api_key = r.request_context().identity.as_ref().and_then(|i| i.api_key.clone());
        Err(quote_all(|n| r.header(n).map(str::to_owned), r.query_param("token"), api_key.as_deref()))
    };
    let mut event = rest_event();
    event["version"] = json!("1.0");
    let invocation = testing::invoke(leaky, event);
    assert_masked(&invocation.error().unwrap().error_message);
}

#[test]
fn websocket_request_credentials_never_reach_the_posted_error() {
    let leaky = |r: WebSocketRequest| -> Result<Decision, Error> {
        let protocol = r.header("sec-websocket-protocol").unwrap_or_default().to_owned();
        // Without `queryStringParameters`, the first of `multiValueQueryStringParameters`.
        let first = r.query_param("token").unwrap_or_default().to_owned();
        let e = quote_all(|n| r.header(n).map(str::to_owned), Some(&first), None);
        Err(Error::failure(format!("{e}; protocol {protocol}")))
    };
    let event = json!({
        "type": "REQUEST",
        "methodArn": "arn:aws:execute-api:us-east-1:123456789012:abc/prod/$connect",
        "headers": {
            "Cookie": format!("theme=dark; session={COOKIE_VALUE}"),
            "X-Api-Key": API_KEY_HEADER,
            "X-Auth-Token": CUSTOM_HEADER,
            "Sec-WebSocket-Protocol": "graphql-ws, s3cret-protocol-token",
        },
        "multiValueQueryStringParameters": {"token": [QUERY_TOKEN, "s3cret-second-value"]},
        "requestContext": {"routeKey": "$connect", "eventType": "CONNECT", "connectedAt": 1, "requestTimeEpoch": 1,
            "identity": {"sourceIp": "203.0.113.7"}},
    });
    let message = testing::invoke(leaky, event).error().unwrap().error_message.clone();
    for secret in [COOKIE_VALUE, API_KEY_HEADER, CUSTOM_HEADER, QUERY_TOKEN, "s3cret-protocol-token"] {
        assert!(!message.contains(secret), "{secret} in {message}");
    }
}

#[test]
fn invocation_debug_hides_the_usage_identifier_key_and_context_values() {
    #[derive(Context)]
    struct Tenant {
        tenant: &'static str,
    }
    let authorize = |_: TokenRequest| -> Result<Decision<Tenant>, Error> {
        Ok(Decision::allow_all("user").usage_identifier_key("s3cret-usage-key").context(Tenant { tenant: "t-secret" }))
    };
    let event = json!({"type": "TOKEN", "authorizationToken": "t", "methodArn": "arn:aws:execute-api:r:1:a/s/GET/"});
    let invocation = testing::invoke(authorize, event);
    assert_eq!(invocation.response().unwrap()["usageIdentifierKey"], "s3cret-usage-key");
    let shown = format!("{invocation:?}");
    assert!(!shown.contains("s3cret-usage-key") && !shown.contains("t-secret"), "{shown}");
    assert!(
        shown.contains("usageIdentifierKey") && shown.contains("tenant") && shown.contains("principalId"),
        "{shown}"
    );
    assert!(shown.contains("status: 200"), "{shown}");
}

/// The error message posted when the authorizer fails with `text`, which quotes credentials
/// of `event` (any kind of event).
fn posted(event: &Value, text: &str) -> String {
    let text = text.to_owned();
    let authorize = move |_: AnyRequest| -> Result<Decision, Error> { Err(Error::failure(text.clone())) };
    let invocation = testing::invoke(authorize, event.clone());
    assert_eq!(invocation.status(), 500);
    let message = invocation.error().unwrap().error_message.clone();
    message.strip_prefix("authorizer failed: ").unwrap_or_else(|| panic!("{message}")).to_owned()
}

fn token_event(token: &str) -> Value {
    json!({"type": "TOKEN", "authorizationToken": token,
        "methodArn": "arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets"})
}

fn rest_event_with_headers(headers: Value) -> Value {
    let mut event = rest_event();
    event["headers"] = headers;
    event
}

fn http_v2_event() -> Value {
    serde_json::from_str(include_str!("fixtures/http-v2-request.json")).unwrap()
}

/// `value` percent-encoded as URLs and forms write it: every byte but letters and digits as
/// `%XX`, in upper-case hex, in lower-case hex, and with `+` for a space.
fn percent_encoded_forms(value: &str) -> [String; 3] {
    let upper = percent_encoding::utf8_percent_encode(value, percent_encoding::NON_ALPHANUMERIC).to_string();
    let mut lower = String::new();
    for (i, part) in upper.split('%').enumerate() {
        if i > 0 {
            lower.push('%');
            lower.push_str(&part[..2].to_ascii_lowercase());
            lower.push_str(&part[2..]);
        } else {
            lower.push_str(part);
        }
    }
    let form = upper.replace("%20", "+");
    [upper, lower, form]
}

#[test]
fn percent_encoded_credentials_are_masked() {
    let token = "s3cret+t0ken/é =";
    let api_key = "s3cret key+v4lue";
    let event = rest_event_with_headers(json!({"Authorization": format!("Bearer {token}"), "X-Api-Key": api_key}));
    for secret in [token, api_key] {
        for encoded in percent_encoded_forms(secret) {
            assert_ne!(encoded, secret);
            let text = format!("GET https://idp.example/introspect?token={encoded}&v=1 failed");
            assert_eq!(posted(&event, &text), "GET https://idp.example/introspect?token=[redacted]&v=1 failed");
        }
    }
}

#[test]
fn basic_credentials_are_masked_decoded_and_the_password_alone_but_not_the_user_name() {
    use base64::Engine as _;
    for engine in [base64::engine::general_purpose::STANDARD, base64::engine::general_purpose::STANDARD_NO_PAD] {
        let encoded = engine.encode("alice:s3cret pass");
        let event = rest_event_with_headers(json!({"Authorization": format!("Basic {encoded}")}));
        assert_eq!(
            posted(
                &event,
                &format!("login alice:s3cret pass failed; password s3cret pass; header {encoded}; user alice")
            ),
            "login [redacted] failed; password [redacted]; header [redacted]; user alice"
        );
        // The scheme in any case.
        let event = rest_event_with_headers(json!({"Authorization": format!("BASIC {encoded}")}));
        assert_eq!(posted(&event, "password s3cret+pass"), "password [redacted]");
    }
}

#[test]
fn the_credential_is_masked_whatever_the_whitespace_after_the_scheme_and_its_case() {
    for token in ["Bearer\ts3cret-t0ken", "Bearer   s3cret-t0ken", "bearer \t s3cret-t0ken", "BEARER\u{a0}s3cret-t0ken"]
    {
        assert_eq!(
            posted(&token_event(token), &format!("token {token}; credential s3cret-t0ken; Bearer s3cret-t0ken")),
            "token [redacted]; credential [redacted]; Bearer [redacted]",
            "{token:?}"
        );
    }
}

#[test]
fn debug_escaped_credentials_are_masked() {
    let credential = "s3cret\"t0ken\\x\n\t\u{1b}é\u{301}\u{200b}!";
    let event = token_event(&format!("Bearer {credential}"));
    let debug = format!("{credential:?}");
    assert!(debug.contains(r#"\""#) && debug.contains(r"\u{1b}") && debug.contains(r"\u{301}"), "{debug}");
    assert_eq!(posted(&event, &format!("unknown token {debug}")), r#"unknown token "[redacted]""#);
    assert_eq!(posted(&event, &format!("{:?}", Some(credential))), r#"Some("[redacted]")"#);
}

#[test]
fn json_escaped_credentials_are_masked() {
    let credential = "s3cret\"t0ken\\/\u{1b}é😀";
    let event = token_event(&format!("Bearer {credential}"));
    let body = serde_json::to_string(&json!({"token": credential})).unwrap();
    assert_eq!(posted(&event, &format!("the issuer refused {body}")), r#"the issuer refused {"token":"[redacted]"}"#);
    // As a writer that escapes `/` and everything outside ASCII writes it.
    let ascii = r#"{"token":"s3cret\"t0ken\\\/\u001B\u00e9\uD83D\uDE00"}"#;
    assert_eq!(posted(&event, &format!("the issuer refused {ascii}")), r#"the issuer refused {"token":"[redacted]"}"#);
}

#[test]
fn overlapping_credentials_leave_no_part_shown() {
    let event = rest_event_with_headers(json!({
        "X-Api-Key": "s3cret-abcd",
        "X-Auth-Token": "abcd-wxyz",
        "X-Session": "cret-ab",
        "X-Secret": "s3cret-abcd-long",
    }));
    for (text, masked) in [
        // Two that overlap in the text, each longer than the overlap.
        ("key s3cret-abcd-wxyz.", "key [redacted]."),
        ("key cret-abcd-wxyz.", "key [redacted]."),
        // One a prefix, an infix or a suffix of another.
        ("key s3cret-abcd-long.", "key [redacted]."),
        ("key s3cret-abcd-longer.", "key [redacted]er."),
        ("key s3cret-abcd.", "key [redacted]."),
        // Two that touch.
        ("key s3cret-abcdabcd-wxyz.", "key [redacted]."),
    ] {
        assert_eq!(posted(&event, text), masked, "{text}");
    }
}

#[test]
fn raw_query_string_values_are_masked_as_sent_and_decoded() {
    let mut event = http_v2_event();
    event["rawQueryString"] = json!("token=s3cret%2Bq%3D&token=second-s3cret&s3cret-flag&page=2");
    event["queryStringParameters"] = json!({"token": "s3cret+q=,second-s3cret", "s3cret-flag": "", "page": "2"});
    assert_eq!(
        posted(
            &event,
            "GET /my/path?token=s3cret%2Bq%3D&token=second-s3cret&s3cret-flag&page=2; first s3cret+q=, second second-s3cret"
        ),
        "GET /my/path?token=[redacted]&token=[redacted]&[redacted]&page=2; first [redacted], second [redacted]"
    );
}

#[test]
fn cookies_are_masked_in_the_header_form_the_array_form_and_decoded() {
    let mut v2 = http_v2_event();
    v2["cookies"] = json!(["session=s3cret%3Dc00kie", "theme=dark"]);
    let rest = rest_event_with_headers(json!({"Cookie": "session=s3cret%3Dc00kie; theme=dark"}));
    for event in [v2, rest] {
        assert_eq!(
            posted(&event, "Cookie: theme=dark; session=s3cret%3Dc00kie; decoded s3cret=c00kie, dark"),
            "Cookie: [redacted]; [redacted]; decoded [redacted], [redacted]"
        );
    }
}

#[test]
fn every_value_of_a_repeated_query_parameter_is_masked() {
    let mut event = rest_event();
    event["queryStringParameters"] = json!({"token": "s3cret-second"});
    event["multiValueQueryStringParameters"] = json!({"token": ["s3cret-first", "s3cret-second"]});
    assert_eq!(posted(&event, "first s3cret-first, last s3cret-second"), "first [redacted], last [redacted]");
}

/// What the framework logs while `f` runs on this thread.
fn logged(f: impl FnOnce()) -> String {
    #[derive(Clone, Default)]
    struct Lines(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);
    impl std::io::Write for Lines {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let lines = Lines::default();
    let writer = lines.clone();
    let subscriber = tracing_subscriber::fmt().with_writer(move || writer.clone()).with_ansi(false).finish();
    tracing::subscriber::with_default(subscriber, f);
    String::from_utf8(lines.0.lock().unwrap().clone()).unwrap()
}

#[test]
fn the_frameworks_log_lines_and_a_panics_message_are_masked() {
    let event = token_event("Bearer s3cret+t0ken");
    let [encoded, ..] = percent_encoded_forms("s3cret+t0ken");
    let quoted = encoded.clone();
    let panicking = move |_: TokenRequest| -> Result<Decision, Error> { panic!("no user for ?token={quoted}") };
    let quoted = encoded.clone();
    let failing = move |_: TokenRequest| -> Result<Decision, Error> {
        Err(Error::unauthorized(format!("the token {quoted} expired")))
    };
    let mut posted = String::new();
    let output = logged(|| {
        posted = testing::invoke(panicking, event.clone()).error().unwrap().error_message.clone();
        assert_eq!(testing::invoke(failing, event.clone()).status(), 401);
    });
    assert!(posted.starts_with("authorizer panicked: no user for ?token=[redacted] (at "), "{posted}");
    assert!(output.contains("panic=no user for ?token=[redacted]"), "{output}");
    assert!(output.contains("reason=the token [redacted] expired"), "{output}");
    assert!(!output.contains(&encoded) && !output.contains("s3cret"), "{output}");
}

#[test]
fn what_the_function_logs_itself_is_not_masked() {
    let authorize = |request: TokenRequest| -> Result<Decision, Error> {
        tracing::info!("the token is {}", request.token());
        Err(Unauthorized.into())
    };
    let output = logged(|| drop(testing::invoke(authorize, token_event("Bearer s3cret-t0ken"))));
    assert!(output.contains("the token is Bearer s3cret-t0ken"), "{output}");
}
