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
//! The derive's documentation, [`Context`](macro@crate::Context), has every option
//! (`rename`, `rename_all`, `skip`, `crate`), what each kind of API accepts, every compile
//! error, and what the derive generates.
