//! # Context
//!
//! The context is what the backend receives about the caller, besides the principal: a struct
//! that derives [`Context`](macro@crate::Context), one key per field.
//!
//! ```
//! use authorizer_core::prelude::*;
//! use authorizer_core::testing;
//!
//! #[derive(Context)]
//! #[context(rename_all = "camelCase")]
//! struct Session {
//!     user_id: String,              // "userId"
//!     admin: bool,
//!     #[context(rename = "tier")]
//!     level: u8,
//!     plan: Option<String>,         // None leaves the key out
//!     #[context(skip)]
//!     roles: Vec<String>,           // not sent
//! }
//!
//! fn authorize(_: TokenRequest) -> Result<Decision<Session>, Error> {
//!     let session = Session { user_id: "u-1".into(), admin: false, level: 2, plan: None, roles: vec![] };
//!     Ok(Decision::allow_all("u-1").context(session))
//! }
//!
//! let event = serde_json::json!({"type": "TOKEN", "authorizationToken": "t",
//!     "methodArn": "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/pets"});
//! let response = testing::invoke(authorize, event).response().unwrap();
//! assert_eq!(response["context"], serde_json::json!({"userId": "u-1", "admin": false, "tier": 2}));
//! ```
//!
//! # Flat contexts: REST, WebSocket, HTTP API payload 1.0
//!
//! Fields may be `String`, `&str`, `Cow<str>`, `Box<str>`, `Rc<str>`, `Arc<str>`, `char`,
//! `bool`, an integer of up to 64 bits (`isize` and `usize` included), `f32`, `f64`, or an
//! `Option` of one. Anything else does not compile, with the error on the field's type:
//!
//! ```compile_fail,E0277
//! use authorizer_core::Context;
//!
//! #[derive(Context)]
//! struct Session {
//!     roles: Vec<String>,
//! }
//! ```
//!
//! ```text
//! error[E0277]: `Vec<String>` cannot be a flat context value
//!   |     roles: Vec<String>,
//!   |            ^^^^^^^^^^^ REST, WebSocket and HTTP API payload 1.0 context values are strings, numbers and booleans
//! ```
//!
//! A NaN or infinite float cannot be JSON: it fails the invocation (500, `InvalidDecision`)
//! instead of sending an invalid response. `Decision` without a type parameter has no
//! context.
//!
//! # Nested contexts: HTTP API payload 2.0
//!
//! **HTTP API payload 2.0** contexts may nest objects and arrays. Mark such a context
//! `#[context(nested)]`; its fields may then be `Vec`s, arrays, maps with string keys,
//! `serde_json::Value`, and structs that derive `Context`:
//!
//! ```
//! use authorizer_core::Context;
//!
//! #[derive(Context)]
//! struct Team { name: String }
//!
//! #[derive(Context)]
//! #[context(nested)]
//! #[context(rename_all = "camelCase")]
//! struct Claims { user_id: String, roles: Vec<String>, team: Team }
//! ```
//!
//! A nested context does not compile with a REST, WebSocket, HTTP API payload 1.0 or
//! `AnyRequest` authorizer: their contexts hold only string, number and boolean values.
//!
//! # Reading the context in the backend
//!
//! The integration behind the authorizer gets the context in `requestContext.authorizer`.
//! Read it back with the struct the authorizer sent, shared by both (a small crate of
//! their own, or a module both include): `#[derive(Context)]` also implements
//! [`FromContext`](crate::FromContext), so one line turns the request context into a
//! `Session`, and a change on one side that the other does not follow is an error, not a
//! silently wrong value.
//!
//! ```
//! use authorizer_core::prelude::*;
//!
//! #[derive(Context, Debug, PartialEq)]
//! #[context(rename_all = "camelCase")]
//! struct Session { user_id: String, admin: bool, quota: u32, plan: Option<String> }
//!
//! // The proxy event, as a REST API's Lambda integration receives it.
//! let event = serde_json::json!({"requestContext": {"authorizer": {
//!     "userId": "u-1", "admin": "false", "quota": "50", "principalId": "u-1", "integrationLatency": 7
//! }}});
//! let session = Session::from_authorizer(&event["requestContext"]["authorizer"])?;
//! assert_eq!(session, Session { user_id: "u-1".into(), admin: false, quota: 50, plan: None });
//! # Ok::<(), authorizer_core::ReadError>(())
//! ```
//!
//! One call serves every kind of API. API Gateway hands the context over in two shapes
//! ([authorizer output][output], [HTTP API authorizers][http]), and `from_authorizer` reads
//! both:
//!
//! | API | `requestContext.authorizer` | values |
//! |---|---|---|
//! | REST, WebSocket | the context's keys, `principalId`, `integrationLatency` | strings: `1` is `"1"`, `true` is `"true"` |
//! | HTTP API | `{"lambda": {the context}}` | their JSON types, nested objects and arrays included |
//!
//! It needs no telling which: a `lambda` object is an HTTP API's context (a REST context
//! cannot hold an object), anything else holds the keys themselves. A field reads from its
//! JSON type or from the string API Gateway made of it, which is exactly what the authorizer
//! wrote: numbers and booleans come back as they were, floats to the bit. (For an HTTP API
//! authorizer with payload 1.0, AWS does not document the shape; either reads, and the
//! [local gateway](crate::gateway) hands it over as REST does.)
//!
//! A missing key or `null` is `None` for an `Option` field, a skipped field is its `Default`,
//! and renames are honoured. A request with no Lambda authorizer's context is an error, even
//! for a struct of `Option`s, `()` included: `null` or `None` (the route has no authorizer),
//! an HTTP API's `jwt` or `iam` object (a JWT or IAM authorizer's), or the request context
//! passed instead of its `authorizer` (``the request has no authorizer context: was the route
//! authorized by this Lambda authorizer, and is `requestContext.authorizer` what was passed?``,
//! [`is_no_context`](crate::ReadError::is_no_context)). The keys the backend does not know
//! (`principalId`, `integrationLatency`) are left alone: read the principal from
//! `principalId` itself.
//!
//! With `aws_lambda_events` 1.x (whose request contexts `lambda_http` 1.x hands over in its
//! `RequestContext`), turn on the feature `backend` and pass the request context's
//! `authorizer` as it is:
//!
//! ```
//! # use authorizer_core::prelude::*;
//! # #[derive(Context)] struct Session { user_id: String }
//! use aws_lambda_events::apigw::{ApiGatewayProxyRequest, ApiGatewayV2httpRequest};
//!
//! fn rest(event: &ApiGatewayProxyRequest) -> Result<Session, authorizer_core::ReadError> {
//!     Session::from_authorizer(&event.request_context.authorizer) // also WebSocket's
//! }
//!
//! fn http(event: &ApiGatewayV2httpRequest) -> Result<Session, authorizer_core::ReadError> {
//!     Session::from_authorizer(&event.request_context.authorizer) // an Option: None is an error
//! }
//! ```
//!
//! When the two sides disagree, [`ReadError`](crate::ReadError) names the key and the type
//! the backend expected, and never the value, which may be a credential:
//!
//! ```
//! # use authorizer_core::prelude::*;
//! # #[derive(Context, Debug)] struct Session { quota: u32 }
//! let authorizer = serde_json::json!({"quota": "unlimited"});
//! let error = Session::from_authorizer(&authorizer).unwrap_err();
//! assert_eq!(error.to_string(), "context key `quota` holds a string that is not a `u32`");
//! assert_eq!(error.key(), "quota");
//! ```
//!
//! The other messages: ``context key `quota` is missing; the backend expects a `u32` ``,
//! ``context key `quota` holds a boolean; the backend expects a `u32` `` (another JSON type),
//! ``context key `quota` holds a number out of range for a `u32` ``, and, in a nested
//! context, the key's place: ``context key `team.members[2]` ...``, with an entry of a map
//! written without its key, which is context data too: ``context key `limits{…}` ...``.
//! Answer them as a misconfiguration (500): the request was allowed, but not with the
//! context this backend was built for.
//!
//! Fields are read into owned values: a context with a `&'static str` field (handy for a
//! `const` context) still derives and is sent, but reading it is a compile error that says to
//! use `String`. A skipped field whose type has no `Default` cannot be read either.
//!
//! [output]: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html
//! [http]: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html
//!
//! The derive's documentation, [`Context`](macro@crate::Context), has every option
//! (`rename`, `rename_all`, `skip`, `crate`), what each kind of API accepts, every compile
//! error, and what the derive generates.
