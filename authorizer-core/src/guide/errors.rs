//! # Errors: what API Gateway answers
//!
//! | your function | posted to the Runtime API | API Gateway answers |
//! |---|---|---|
//! | `Ok(decision)` whose Allow covers the request, no Deny does | the IAM policy | 200 (the backend is called) |
//! | `Ok(decision)` that denies the request, or does not allow it | the IAM policy | 403 |
//! | `Err(Unauthorized)`, [`Error::unauthorized("reason")`](Error::unauthorized) | error `Unauthorized` / `Unauthorized` | 401 |
//! | any other `Err` (`?` converts any error type) | error `AuthorizerError` | 500 |
//! | a panic (the process keeps serving) | error `AuthorizerPanic` | 500 |
//! | an event that is not the authorizer's kind | error `InvalidEvent` | 500 |
//! | an invalid route, a NaN or a key written twice in the context | error `InvalidDecision` | 500 |
//!
//! ([`ErrorType`] names them; [`ErrorReply`] is what is posted.) For an HTTP API with simple
//! responses, "allows" means `"isAuthorized": true`, and anything else is a 403. HTTP APIs
//! have no usage plans: a `usage_identifier_key` in their decisions is an `InvalidDecision`.
//! AWS documents the 401 for `Unauthorized` for REST and WebSocket APIs
//! ([calling an API with a Lambda authorizer][use]); for HTTP APIs it does not say, so treat
//! it as "not allowed" (401 or 500, never an allow).
//!
//! ```
//! use authorizer_core::prelude::*;
//! use authorizer_core::testing;
//!
//! fn authorize(request: TokenRequest) -> Result<Decision, Error> {
//!     match request.token() {
//!         "no-token" => Err(Unauthorized.into()),
//!         "expired" => Err(Error::unauthorized("the token expired")), // the reason is logged
//!         "io" => Err(std::io::Error::other("the user store is down").into()),
//!         "panic" => panic!("a bug"),
//!         _ => Ok(Decision::allow("u").route(Route::get("/pets/{id}"))), // never bound
//!     }
//! }
//!
//! let event = |token: &str| serde_json::json!({"type": "TOKEN", "authorizationToken": token,
//!     "methodArn": "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/pets"});
//! let posted = |token: &str| {
//!     let invocation = testing::invoke(authorize, event(token));
//!     let error = invocation.error().unwrap();
//!     (invocation.status(), error.error_type.as_str(), error.error_message.clone())
//! };
//!
//! assert_eq!(posted("no-token"), (401, "Unauthorized", "Unauthorized".to_owned()));
//! assert_eq!(posted("expired"), (401, "Unauthorized", "Unauthorized".to_owned()));
//! let (status, error_type, message) = posted("io");
//! assert_eq!((status, error_type), (500, "AuthorizerError"));
//! assert!(message.starts_with("authorizer failed:"), "{message}");
//! assert_eq!(posted("panic").1, "AuthorizerPanic");
//! assert_eq!(posted("bug").1, "InvalidDecision");
//! ```
//!
//! API Gateway answers 401 only for an error whose message is exactly `Unauthorized`; the
//! framework posts exactly that for `Unauthorized` and never for anything else (other
//! messages, an `init` failure's included, start with `authorizer failed:`, `init failed:`
//! and the like). The `errorType`s are short and stable.
//!
//! # Your own error type
//!
//! The function (and `init`) may return `Result<_, E>` for any `E` that converts into
//! [`Error`]: any `std::error::Error + Send + Sync + 'static`; `Box<dyn std::error::Error +
//! Send + Sync>`, which is `lambda_runtime::Error`; `anyhow::Error` and `eyre::Report` (no
//! cargo feature needed: they convert into that box); a `String` or `&str`. Each is a 500,
//! its message (with its sources', `: `-separated) masked and posted after
//! `authorizer failed: `. Only [`Unauthorized`] and [`Error::unauthorized`] are 401s: an
//! `anyhow::Error` or a box whose message is `Unauthorized` is still a 500, so no error from a
//! library can turn a failure into an answer the client could mistake for "log in again".
//!
//! ```
//! use authorizer_core::prelude::*;
//! use authorizer_core::testing;
//!
//! fn authorize(request: TokenRequest) -> anyhow::Result<Decision> {
//!     anyhow::ensure!(request.token() != "unknown", "no such tenant");
//!     Ok(Decision::allow_all("u"))
//! }
//!
//! let event = serde_json::json!({"type": "TOKEN", "authorizationToken": "unknown",
//!     "methodArn": "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/pets"});
//! let invocation = testing::invoke(authorize, event);
//! assert_eq!(invocation.status(), 500);
//! assert_eq!(invocation.error().unwrap().error_message, "authorizer failed: no such tenant");
//! ```
//!
//! # Credentials are masked
//!
//! The framework's own log lines and the error messages it posts (your error's text, a
//! panic's message, the reason of an `Error::unauthorized`) have the request's credentials
//! masked (`[redacted]`), even where they quote them: the TOKEN event's token; the
//! identity-source values (HTTP API); the values of the `Authorization`, `Proxy-Authorization`, `Cookie` and
//! `X-Api-Key` headers and of every header whose name holds `auth`, `token`, `key`, `secret`,
//! `session`, `signature`, `credential`, `password` or `jwt`, in any case (`HeaderAuth1`,
//! `X-Auth-Token`); WebSocket query values (each value of a repeated parameter) and
//! `Sec-WebSocket-Protocol` values; and the API key (`requestContext.identity.apiKey`). Each
//! cookie (as `name=value` and its value alone, from the `Cookie` header or HTTP API's
//! `cookies`) and the query values of the other kinds (each value of a repeated parameter,
//! and each value of HTTP API's `rawQueryString`) are masked too, wherever they appear,
//! except those that may be ordinary words (under 16 letters and nothing else): those only
//! where they stand as whole words, no letter or digit touching them. `?action=panic` masks
//! `on panic` but leaves `panicked` alone.
//!
//! Each is masked in the forms a library or an error text quotes it:
//!
//! - as written, and each part between commas (HTTP APIs join repeated headers and query
//!   values with commas);
//! - for `Scheme credential`, whatever the whitespace between them (`Bearer xyz`,
//!   `bearer<TAB>xyz`), the credential alone too; for `Basic`, the decoded `user:password`
//!   and the password alone, but not the user name alone, which names the caller and proves
//!   nothing (it is often the principal you log);
//! - percent-encoded, as a URL or a form writes it (`abc%2Bdef%3D` or `abc%2bdef%3d` for
//!   `abc+def=`, `+` for a space; letters and digits as written, as encoders leave them),
//!   and decoded where the event holds it encoded (a cookie, a `rawQueryString` value);
//! - escaped as Rust's `{:?}` (`\"`, `\\`, `\n`, `\u{1b}`), JSON (`\"`, `\/`, `\u001b`,
//!   surrogate pairs) or Python (`\x1b`) write a string, one level deep;
//! - without the quotes around a quoted value.
//!
//! Where credentials overlap or touch in the text, the whole stretch is one mask, so no part
//! of either shows. Values shorter than 4 bytes are never masked, and a credential elsewhere
//! (another header, the path) is not: do not quote those. What your function logs itself
//! (`tracing::info!("{}", request.token())`) is written as is: that is yours to keep out.
//!
//! ```
//! use authorizer_core::prelude::*;
//! use authorizer_core::testing;
//!
//! fn authorize(request: TokenRequest) -> Result<Decision, Error> {
//!     let token = request.bearer_token().unwrap_or_default();
//!     Err(Error::failure(format!("no user has the token {token:?}, GET /introspect?token=s3cret%2Bt0ken")))
//! }
//!
//! let event = serde_json::json!({"type": "TOKEN", "authorizationToken": "Bearer s3cret+t0ken",
//!     "methodArn": "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/pets"});
//! let invocation = testing::invoke(authorize, event);
//! let message = &invocation.error().unwrap().error_message;
//! let expected = r#"no user has the token "[redacted]", GET /introspect?token=[redacted]"#;
//! assert_eq!(message, &format!("authorizer failed: {expected}"));
//! ```
//!
//! # Around your function
//!
//! Failures around the function fail closed too (the README's fail-closed table names the
//! tests behind each):
//!
//! - `init` returning an error or panicking is posted as an `InitError` (`init failed: …`);
//!   the process exits without taking an event, and the invocation is a 500.
//! - Past Lambda's timeout, Lambda ends the invocation and API Gateway answers 500; a reply
//!   posted late answers no other invocation. [`LambdaContext::remaining`] says how much
//!   time is left, and the JWT verifier's key fetches stop at the deadline.
//! - When the Runtime API closes the connection, the function connects again and posts its
//!   reply (or asks for the next event) again. A reply it refuses with a 4xx (one for an
//!   invocation already over) is logged at ERROR, and the function serves on. A refused
//!   connection or a 500 (a "non-recoverable" state) ends the process with the ERROR line
//!   `the Lambda Runtime API failed; exiting`: the invocation in flight, if any, is a 500.
//!
//! [use]: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html

#[cfg(doc)]
use crate::{Error, ErrorReply, ErrorType, LambdaContext, Unauthorized};
