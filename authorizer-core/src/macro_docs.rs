//! The macros, re-exported with their user documentation.
//!
//! The documentation lives here rather than on the macros themselves so that its examples
//! can use `authorizer_core`, which the macro crate cannot depend on.

// No `*-expanded.rs` (STYLE rule 13): "What it generates" below is checked by the `the_documented_expansion` tests.

/// Makes a struct the context of a decision: one context key per field, each field's type
/// checked at compile time.
///
/// What a context may hold depends on the kind of API, and the compiler checks it against
/// the authorizer's request type:
///
/// | Request type | Context |
/// |---|---|
/// | [`TokenRequest`](crate::TokenRequest), [`RestRequest`](crate::RestRequest) (REST API) | flat: `#[derive(Context)]` |
/// | [`WebSocketRequest`](crate::WebSocketRequest) (WebSocket API) | flat |
/// | [`HttpV1Request`](crate::HttpV1Request) (HTTP API, payload 1.0) | flat |
/// | [`AnyRequest`](crate::AnyRequest) (any of them: the strictest rule) | flat |
/// | [`HttpV2Request`](crate::HttpV2Request) (HTTP API, payload 2.0) | flat, or nested: `#[context(nested)]` |
///
/// # Flat contexts
///
/// REST, WebSocket and HTTP API payload 1.0 APIs accept only strings, numbers and booleans
/// as context values: an object or an array makes API Gateway answer 500 to every request.
/// So a field may be a `String`, `&str` (`&'static str` for a `const` context), `Box<str>`,
/// `Rc<str>`, `Arc<str>`, `Cow<str>`, `char`, `bool`, any integer or float type, or an
/// `Option` of one of them (`None` leaves the key out). A field of any other type does not
/// compile. The derive implements [`Context`](trait@crate::Context), and, since a flat
/// object is valid JSON everywhere, [`JsonContext`](crate::JsonContext) and
/// [`JsonValue`](crate::JsonValue) too: a flat context also serves an HTTP API payload 2.0
/// authorizer, and can be a value nested in a nested context.
///
/// ```
/// use authorizer_core::prelude::*;
///
/// #[derive(Context)]
/// struct Session {
///     user: String,
///     admin: bool,
///     quota: u32,
///     plan: Option<&'static str>, // `None` sends no `plan` key
/// }
///
/// let decision = Decision::allow_all("user-1")
///     .context(Session { user: "ana".into(), admin: false, quota: 100, plan: None });
/// # let _ = decision;
/// ```
///
/// The backend then reads, for a REST API, `$context.authorizer.user` in a mapping
/// template, or `event.requestContext.authorizer.user` in a Lambda proxy integration.
/// API Gateway hands every value to the backend as a string.
///
/// # Nested contexts: `#[context(nested)]` on the struct
///
/// An HTTP API payload 2.0 authorizer may send objects and arrays. With `#[context(nested)]`,
/// a field may be any [`JsonValue`](crate::JsonValue): the flat types above, `Vec`s, arrays
/// and slices of values, `HashMap`s and `BTreeMap`s with string keys, `serde_json::Value`
/// and `serde_json::Map`, `Option`s of them (`None` leaves the key out; `null` in an array),
/// and other structs that derive `Context`, flat or nested. The derive then implements only
/// [`JsonContext`](crate::JsonContext) and [`JsonValue`](crate::JsonValue): such a
/// context does not compile with a request of another kind.
///
/// ```no_run
/// use std::collections::BTreeMap;
///
/// use authorizer_core::prelude::*;
///
/// #[derive(Context)]
/// struct Org {
///     id: String,
/// }
///
/// #[derive(Context)]
/// #[context(nested, rename_all = "camelCase")]
/// struct Claims {
///     roles: Vec<String>,            // ["reader", "writer"]
///     org: Org,                      // {"id": "o-1"}
///     rate_limits: BTreeMap<String, u32>,
///     extra: Option<serde_json::Value>,
/// }
///
/// #[authorizer]
/// fn authorize(request: HttpV2Request) -> Result<Decision<Claims>, Error> {
///     let token = request.bearer_token().ok_or(Unauthorized)?;
///     Ok(Decision::allow_all(token).context(Claims {
///         roles: vec!["reader".into()],
///         org: Org { id: "o-1".into() },
///         rate_limits: BTreeMap::from([("GET /pets".into(), 10)]),
///         extra: None,
///     }))
/// }
/// ```
///
/// The backend reads it, with its nesting, under `requestContext.authorizer.lambda`.
///
/// # Reading it back in the backend
///
/// The derive also implements [`FromContext`](crate::FromContext): the backend reads the
/// same struct back with `Session::from_authorizer(&request_context.authorizer)`, from any
/// kind of API, and gets a [`ReadError`](crate::ReadError) naming the key when the two sides
/// disagree. Its fields must be owned (`String`, not `&'static str`), and a skipped field is
/// filled with its `Default`; the [context chapter](crate::guide::context) shows it all.
///
/// # Keys
///
/// A key is the field's name, as written (`r#type` gives `type`), unless an option says
/// otherwise. Two fields with the same key do not compile: the backend would see only one.
///
/// ## `#[context(rename = "key")]` on a field
///
/// Sends the field under `key`, which may be any non-empty string.
///
/// ```
/// use authorizer_core::Context;
///
/// #[derive(Context)]
/// struct Session {
///     #[context(rename = "x-user-id")]
///     user_id: u64,
/// }
/// ```
///
/// ## `#[context(rename_all = "...")]` on the struct
///
/// Converts every `snake_case` field name that `rename` does not set: `"camelCase"`,
/// `"PascalCase"`, `"snake_case"`, `"SCREAMING_SNAKE_CASE"`, `"kebab-case"`,
/// `"lowercase"` or `"UPPERCASE"`.
///
/// ```
/// use authorizer_core::Context;
///
/// #[derive(Context)]
/// #[context(rename_all = "camelCase")]
/// struct Session {
///     user_id: u64,           // "userId"
///     is_admin: bool,         // "isAdmin"
///     #[context(rename = "tier")]
///     plan_name: String,      // "tier"
/// }
/// ```
///
/// ## `#[context(skip)]` on a field
///
/// Leaves the field out of the context. Its type is then free: the field is for your code.
///
/// ```
/// use authorizer_core::Context;
///
/// #[derive(Context)]
/// struct Session {
///     user: String,
///     #[context(skip)]
///     roles: Vec<String>, // used to decide, never sent
/// }
/// ```
///
/// ## `#[context(crate = "path")]` on the struct
///
/// Where to find `authorizer_core`, when it is not at `::authorizer_core`: when Cargo.toml
/// renames the dependency (`my_core = { package = "authorizer-core", ... }`), or when another
/// crate re-exports it.
///
/// ```
/// # extern crate authorizer_core as my_core;
/// use my_core::Context;
///
/// #[derive(Context)]
/// #[context(crate = "my_core")]
/// struct Session {
///     user: String,
/// }
/// ```
///
/// # Lifetimes and empty contexts
///
/// A context may borrow: lifetime parameters are fine. A unit struct, or one whose fields
/// are all skipped, is an empty context, as is `()`.
///
/// ```
/// use authorizer_core::Context;
///
/// #[derive(Context)]
/// struct Borrowed<'a> {
///     user: &'a str,
/// }
///
/// #[derive(Context)]
/// struct Nothing;
/// ```
///
/// # What does not compile
///
/// In a flat context, a field that REST cannot carry, with the error on the field's type,
/// one per field:
///
/// ```compile_fail,E0277
/// use authorizer_core::Context;
///
/// #[derive(Context)]
/// struct Session {
///     roles: Vec<String>, // error: `Vec<String>` cannot be a flat context value
/// }
/// ```
///
/// A nested struct, which REST cannot carry either: flatten it into several fields, or, for
/// an HTTP API payload 2.0 authorizer, make the context `nested`.
///
/// ```compile_fail,E0277
/// use authorizer_core::Context;
///
/// #[derive(Context)]
/// struct Org {
///     id: String,
/// }
///
/// #[derive(Context)]
/// struct Session {
///     org: Org, // error: `Org` cannot be a flat context value
/// }
/// ```
///
/// In a nested context, a struct that does not derive `Context`, or a tuple:
///
/// ```compile_fail,E0277
/// use authorizer_core::Context;
///
/// struct Org {
///     id: String,
/// }
///
/// #[derive(Context)]
/// #[context(nested)]
/// struct Claims {
///     org: Org,          // error: `Org` cannot be an HTTP API context value
///     range: (u32, u32), // error: `(u32, u32)` cannot be an HTTP API context value
/// }
/// ```
///
/// A nested context for a request of another kind than HTTP API payload 2.0: see
/// [`authorizer`](macro@crate::authorizer).
///
/// Two fields with one key:
///
/// ```compile_fail
/// use authorizer_core::Context;
///
/// #[derive(Context)]
/// struct Session {
///     user: String,
///     #[context(rename = "user")] // error: duplicate context key `user`
///     name: String,
/// }
/// ```
///
/// A type parameter, since each field needs a concrete type to be checked:
///
/// ```compile_fail
/// use authorizer_core::Context;
///
/// #[derive(Context)]
/// struct Session<T> { // error: #[derive(Context)] cannot take type or const parameters
///     user: T,
/// }
/// ```
///
/// An enum, or a tuple struct, whose fields have no names to be keys:
///
/// ```compile_fail
/// use authorizer_core::Context;
///
/// #[derive(Context)]
/// struct Session(String); // error: #[derive(Context)] needs named fields
/// ```
///
/// # What it generates
///
/// For the struct of the `rename_all` example above, simplified (the real expansion also
/// checks each field's type in a statement of its own, spanned over it, so that an error
/// underlines the type you wrote):
///
/// ```
/// # struct Session { user_id: u64, is_admin: bool, plan_name: String }
/// #[automatically_derived]
/// impl ::authorizer_core::Context for Session {
///     fn write_context(&self, out: &mut ::authorizer_core::ContextWriter<'_>) {
///         out.insert::<u64>("userId", &self.user_id);
///         out.insert::<bool>("isAdmin", &self.is_admin);
///         out.insert::<String>("tier", &self.plan_name);
///     }
/// }
///
/// // A flat context is an HTTP API context, and a value in a nested one, as it is.
/// #[automatically_derived]
/// impl ::authorizer_core::JsonContext for Session {
///     fn write_json_context(&self, out: &mut ::authorizer_core::ObjectWriter<'_>) {
///         ::authorizer_core::Context::write_context(self, out.flat());
///     }
/// }
///
/// #[automatically_derived]
/// impl ::authorizer_core::JsonValue for Session {
///     fn write_json(&self, out: ::authorizer_core::JsonWriter<'_>) -> ::authorizer_core::Written {
///         out.object(|out| ::authorizer_core::JsonContext::write_json_context(self, out))
///     }
/// }
///
/// // The backend's side: each key read back as its field's type. The bounds are
/// // higher-ranked so that the impl holds only when every field can be read (a
/// // `&'static str` field cannot), and reading is the error otherwise, not the derive.
/// #[automatically_derived]
/// impl ::authorizer_core::FromContext for Session {} // `from_authorizer`
///
/// #[automatically_derived]
/// impl ::authorizer_core::ReadContext for Session
/// where
///     for<'r> u64: ::authorizer_core::ReadValue,
///     for<'r> bool: ::authorizer_core::ReadValue,
///     for<'r> String: ::authorizer_core::ReadValue,
/// {
///     fn read_context(keys: &::authorizer_core::ContextReader<'_>) -> Result<Self, ::authorizer_core::ReadError> {
///         Ok(Self {
///             user_id: keys.read::<u64>("userId")?,
///             is_admin: keys.read::<bool>("isAdmin")?,
///             plan_name: keys.read::<String>("tier")?,
///         })
///     }
/// }
///
/// // The struct as a value nested in a context: an object, read key by key.
/// #[automatically_derived]
/// impl ::authorizer_core::ReadValue for Session
/// where
///     for<'r> u64: ::authorizer_core::ReadValue,
///     for<'r> bool: ::authorizer_core::ReadValue,
///     for<'r> String: ::authorizer_core::ReadValue,
/// {
///     fn read_value(value: ::authorizer_core::ValueReader<'_>) -> Result<Self, ::authorizer_core::ReadError> {
///         <Self as ::authorizer_core::ReadContext>::read_context(&value.object()?)
///     }
/// }
/// ```
///
/// For a nested context, the same reading impls and, on the writing side, only the last two,
/// with each field written as JSON (and checked against `JsonValue`):
///
/// ```
/// # use authorizer_core::Context;
/// # #[derive(Context)] struct Org { id: String }
/// # struct Claims { roles: Vec<String>, org: Org }
/// #[automatically_derived]
/// impl ::authorizer_core::JsonContext for Claims {
///     fn write_json_context(&self, out: &mut ::authorizer_core::ObjectWriter<'_>) {
///         out.insert_json::<Vec<String>>("roles", &self.roles);
///         out.insert_json::<Org>("org", &self.org);
///     }
/// }
///
/// #[automatically_derived]
/// impl ::authorizer_core::JsonValue for Claims {
///     fn write_json(&self, out: ::authorizer_core::JsonWriter<'_>) -> ::authorizer_core::Written {
///         out.object(|out| ::authorizer_core::JsonContext::write_json_context(self, out))
///     }
/// }
/// ```
#[doc(inline)]
pub use authorizer_macros::Context;

/// Turns one function into a complete AWS API Gateway Lambda authorizer binary.
///
/// The function stays as you wrote it, a plain function you can call and unit-test.
/// Beside it, `#[authorizer]` generates the binary's `main`, which runs the Lambda Runtime
/// API loop: it decodes and validates each event into the function's request type, calls
/// the function, and sends API Gateway exactly what it expects. [`Unauthorized`](crate::Unauthorized) gives 401,
/// a deny gives 403; any other error, a panic, an invalid event or an invalid decision
/// gives 500. Nothing fails open.
///
/// ```no_run
/// use authorizer_core::prelude::*;
///
/// #[authorizer]
/// async fn authorize(request: TokenRequest) -> Result<Decision, Error> {
///     match request.bearer_token() {
///         Some("let-me-in") => Ok(Decision::allow_all("user-1")),
///         Some(_) => Ok(Decision::deny("someone")), // 403
///         None => Err(Unauthorized.into()),         // 401
///     }
/// }
/// ```
///
/// Put it in a binary's root (`src/main.rs` or `src/bin/<name>.rs`), one per binary, and
/// write no `main` of your own.
///
/// # The function
///
/// - Its first parameter is the request, whose type says the kind of authorizer:
///   - [`TokenRequest`](crate::TokenRequest): a REST API TOKEN authorizer;
///   - [`RestRequest`](crate::RestRequest): a REST API REQUEST authorizer;
///   - [`HttpV1Request`](crate::HttpV1Request): an HTTP API authorizer, payload format 1.0;
///   - [`HttpV2Request`](crate::HttpV2Request): an HTTP API authorizer, payload format 2.0,
///     answering with a simple response, or, as `HttpV2Request<IamPolicy>`, with an IAM
///     policy (as its `enableSimpleResponses` setting says);
///   - [`WebSocketRequest`](crate::WebSocketRequest): a WebSocket API `$connect` authorizer;
///   - [`AnyRequest`](crate::AnyRequest): one function behind several kinds of API, the
///     kind read from each event.
/// - It may take a second parameter, `&State`: state built once, at cold start, by the
///   function that `init` names, and then lent to every invocation. The state is `Sync`:
///   under Lambda Managed Instances several invocations read it at once, from several
///   threads.
/// - It may take, last, the invocation's [`LambdaContext`](crate::LambdaContext), by value:
///   `fn authorize(request: TokenRequest, state: &State, lambda: LambdaContext)`.
/// - It returns `Result<Decision<C>, E>`, where `C` is the context sent to the backend
///   (leave it out, `Decision`, to send none) and `E` any error that converts into
///   [`Error`](crate::Error); or `Decision<C>` when it never fails.
/// - The context follows the rule of the request's kind ([`Respond`](crate::Respond)): a
///   flat [`Context`](trait@crate::Context), string, number and boolean values only, for
///   REST, WebSocket, HTTP API payload 1.0 and `AnyRequest`; any
///   [`JsonContext`](crate::JsonContext), which may nest objects and arrays
///   (`#[context(nested)]`), for HTTP API payload 2.0. See [`Context`](macro@crate::Context).
/// - It may be an `async fn` (or return `impl Future<Output = ...>`); the runtime is one
///   current-thread Tokio runtime (one per CPU under Lambda Managed Instances), so its
///   futures need not be `Send`.
/// - It cannot be a method, generic over types, `unsafe`, `extern`, or named `main`.
///
/// # Options
///
/// ## `init = path::to::function`
///
/// Names the function that builds the shared state behind the second parameter. It runs
/// once, before the first event; it takes nothing, may be `async`, and returns
/// `Result<State, E>` with `E` any error that converts into [`Error`](crate::Error). When
/// it fails or panics, the function reports an initialisation error to Lambda and exits.
///
/// ```no_run
/// use authorizer_core::prelude::*;
///
/// struct Keys {
///     admin_token: String,
/// }
///
/// async fn load_keys() -> Result<Keys, std::env::VarError> {
///     Ok(Keys { admin_token: std::env::var("ADMIN_TOKEN")? })
/// }
///
/// #[authorizer(init = load_keys)]
/// async fn authorize(request: TokenRequest, keys: &Keys) -> Result<Decision, Error> {
///     if request.bearer_token() == Some(keys.admin_token.as_str()) {
///         Ok(Decision::allow_all("admin"))
///     } else {
///         Err(Unauthorized.into())
///     }
/// }
/// ```
///
/// Use interior mutability (a `Mutex`, an atomic, a `OnceLock`) for what the state must
/// change: every invocation shares it.
///
/// ## `logging = path::to::function`
///
/// Names a `fn()` that installs your own `tracing` subscriber. The generated `main` calls it
/// first, before `init` and the first event; if it installed a subscriber, the runtime keeps
/// it and installs none of its own (no `RUST_LOG` or `AWS_LAMBDA_LOG_*` handling: yours
/// decides).
///
/// ```no_run
/// use authorizer_core::prelude::*;
///
/// fn init_logging() {
///     let subscriber = tracing_subscriber::fmt().with_max_level(tracing::Level::DEBUG).finish();
///     tracing::subscriber::set_global_default(subscriber).expect("the only subscriber");
/// }
///
/// #[authorizer(logging = init_logging)]
/// fn authorize(_request: TokenRequest) -> Result<Decision, Error> {
///     Ok(Decision::allow_all("user"))
/// }
/// ```
///
/// ## `crate = "path"`
///
/// Where to find `authorizer_core`, when it is not at `::authorizer_core`: when Cargo.toml
/// renames the dependency (`my_core = { package = "authorizer-core", ... }`), or when another
/// crate re-exports it. Every path the macro generates starts with it.
///
/// ```no_run
/// # extern crate authorizer_core as my_core;
/// use my_core::prelude::*;
///
/// #[authorizer(crate = "my_core")]
/// fn authorize(request: TokenRequest) -> Result<Decision, Error> {
///     Ok(Decision::allow_all(request.token()))
/// }
/// ```
///
/// # Testing
///
/// The function is still a function: [`testing`](crate::testing) invokes it with an event
/// and shows what the deployed binary would send, and the status API Gateway would answer.
///
/// ```
/// use authorizer_core::prelude::*;
/// use authorizer_core::testing;
///
/// #[authorizer]
/// fn authorize(request: TokenRequest) -> Result<Decision, Error> {
///     match request.token() {
///         "allow" => Ok(Decision::allow_all("user")),
///         _ => Err(Unauthorized.into()),
///     }
/// }
///
/// let event = |token: &str| {
///     serde_json::json!({
///         "type": "TOKEN",
///         "authorizationToken": token,
///         "methodArn": "arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets",
///     })
/// };
/// assert_eq!(testing::invoke(authorize, event("allow")).status(), 200);
/// assert_eq!(testing::invoke(authorize, event("nope")).status(), 401);
/// ```
///
/// # What does not compile
///
/// Each mistake is one error, on what you wrote, saying what to write instead.
///
/// A request type that API Gateway does not send:
///
/// ```compile_fail,E0277
/// use authorizer_core::prelude::*;
///
/// #[authorizer]
/// fn authorize(token: String) -> Result<Decision, Error> { // error: `String` is not an authorizer request type
///     Ok(Decision::allow_all(token))
/// }
/// ```
///
/// A return type that is not a decision:
///
/// ```compile_fail,E0277
/// use authorizer_core::prelude::*;
///
/// #[authorizer]
/// fn authorize(request: TokenRequest) -> Result<String, Error> { // error: `Result<String, Error>` is not what an authorizer returns
///     Ok(request.token().to_owned())
/// }
/// ```
///
/// A context type that is not a [`Context`](trait@crate::Context):
///
/// ```compile_fail,E0277
/// use authorizer_core::prelude::*;
///
/// struct Session {
///     user: String,
/// }
///
/// #[authorizer]
/// fn authorize(request: TokenRequest) -> Result<Decision<Session>, Error> { // error: `Session` is not a flat authorizer context
///     Ok(Decision::allow_all("user").context(Session { user: request.token().into() }))
/// }
/// ```
///
/// A nested context for a REST, WebSocket or HTTP API payload 1.0 authorizer, whose context
/// holds only string, number and boolean values (API Gateway would answer 500). The error
/// is on the return type; the same context compiles with `HttpV2Request`:
///
/// ```compile_fail,E0277
/// use authorizer_core::prelude::*;
///
/// #[derive(Context)]
/// #[context(nested)]
/// struct Claims {
///     roles: Vec<String>,
/// }
///
/// #[authorizer]
/// fn authorize(request: RestRequest) -> Result<Decision<Claims>, Error> { // error: `Claims` is not a flat authorizer context
///     let _ = request;
///     Ok(Decision::allow_all("user").context(Claims { roles: Vec::new() }))
/// }
/// ```
///
/// `AnyRequest` may answer a REST event, so its context is flat too:
///
/// ```compile_fail,E0277
/// use authorizer_core::prelude::*;
///
/// #[derive(Context)]
/// #[context(nested)]
/// struct Claims {
///     roles: Vec<String>,
/// }
///
/// #[authorizer]
/// async fn authorize(request: AnyRequest) -> Result<Decision<Claims>, Error> { // error: `Claims` is not a flat authorizer context
///     let _ = request;
///     Ok(Decision::allow_all("user").context(Claims { roles: Vec::new() }))
/// }
/// ```
///
/// And a context that derives nothing, for an HTTP API payload 2.0 authorizer:
///
/// ```compile_fail,E0277
/// use authorizer_core::prelude::*;
///
/// struct Claims {
///     roles: Vec<String>,
/// }
///
/// #[authorizer]
/// fn authorize(request: HttpV2Request) -> Result<Decision<Claims>, Error> { // error: `Claims` is not an HTTP API payload 2.0 context
///     let _ = request;
///     Ok(Decision::allow_all("user").context(Claims { roles: Vec::new() }))
/// }
/// ```
///
/// Shared state without `init`:
///
/// ```compile_fail
/// use authorizer_core::prelude::*;
///
/// struct Keys;
///
/// #[authorizer]
/// fn authorize(request: TokenRequest, keys: &Keys) -> Result<Decision, Error> { // error: this authorizer takes shared state: name the function that builds it
///     Ok(Decision::allow_all(request.token()))
/// }
/// ```
///
/// An `init` that does not build the state:
///
/// ```compile_fail,E0277
/// use authorizer_core::prelude::*;
///
/// struct Keys;
///
/// fn load_keys() -> Keys {
///     Keys
/// }
///
/// #[authorizer(init = load_keys)] // error: `fn() -> Keys {load_keys}` cannot build the shared state `Keys`
/// fn authorize(request: TokenRequest, keys: &Keys) -> Result<Decision, Error> {
///     Ok(Decision::allow_all(request.token()))
/// }
/// ```
///
/// No return type, a generic function, or state taken by value:
///
/// ```compile_fail
/// use authorizer_core::prelude::*;
///
/// #[authorizer]
/// fn authorize(request: TokenRequest) { // error: an authorizer returns its decision: add a return type
/// }
/// ```
///
/// ```compile_fail
/// use authorizer_core::prelude::*;
///
/// #[authorizer]
/// fn authorize<R>(request: R) -> Result<Decision, Error> { // error: an authorizer cannot have type or const parameters
///     Ok(Decision::allow_all("user"))
/// }
/// ```
///
/// A binary has one authorizer, since it has one `main`: a second is one error, on its name,
/// that says to give it a binary of its own (a file under `src/bin/`), or to make one
/// authorizer that takes [`AnyRequest`](crate::AnyRequest):
///
/// ```compile_fail
/// use authorizer_core::prelude::*;
///
/// #[authorizer]
/// fn authorize(request: TokenRequest) -> Result<Decision, Error> {
///     Ok(Decision::allow_all(request.token()))
/// }
///
/// #[authorizer]
/// fn authorize_admin(request: TokenRequest) -> Result<Decision, Error> { // error: this binary already has an `#[authorizer]`
///     Ok(Decision::allow_all(request.token()))
/// }
/// ```
///
/// # What it generates
///
/// For the `init` example above (in the real expansion, the checks are spanned over the
/// types you wrote, so that a wrong type is reported once, there, and nowhere in the
/// generated code):
///
/// ```no_run
/// # use authorizer_core::prelude::*;
/// # struct Keys { admin_token: String }
/// # async fn load_keys() -> Result<Keys, std::env::VarError> { Ok(Keys { admin_token: std::env::var("ADMIN_TOKEN")? }) }
/// // Your function, unchanged, but for clippy's lints about the signature the framework
/// // imposes: here, the state lent as `&Keys` even were `Keys` small and `Copy`.
/// #[allow(clippy::trivially_copy_pass_by_ref)]
/// async fn authorize(request: TokenRequest, keys: &Keys) -> Result<Decision, Error> {
///     # let _ = (request, keys); Ok(Decision::deny("nobody"))
///     // ...
/// }
///
/// // One `#[authorizer]` a binary: the first `__authorizer_once!` of a module is
/// // authorizer-core's, which emits its first part; the `macro_rules!` below shadows it for
/// // the code after, so that a second `#[authorizer]` emits its second part instead, one
/// // error on that function's name.
/// #[allow(unused_imports)]
/// use ::authorizer_core::__private::once::*;
///
/// __authorizer_once! { {
///     // `main`, glob-imported: a `fn main` of yours would shadow it rather than clash with it,
///     // and the check at the end says to remove yours.
///     #[doc(hidden)]
///     mod __authorizer_main {
///         pub(super) struct __AuthorizerMain;
///
///         pub(super) fn main() -> __AuthorizerMain {
///             __AuthorizerMain
///         }
///     }
///
///     use __authorizer_main::*;
///
///     const _: () = {
///         // What `main` returns; the standard library "reports" it, which runs the authorizer.
///         #[automatically_derived]
///         impl ::std::process::Termination for __authorizer_main::__AuthorizerMain {
///             fn report(self) -> ::std::process::ExitCode {
///                 use ::authorizer_core::__private::Kind as _;
///                 // Each type is checked where you wrote it, with the message of the public trait.
///                 let _ = <TokenRequest as ::authorizer_core::AuthorizerRequest>::from_event;
///                 let _ = <Result<Decision, Error> as ::authorizer_core::Outcome>::into_result;
///                 // What to do, picked by the types: run the authorizer when the request takes
///                 // the context; when it does not, name the context in the trait of the request
///                 // kind's rule (`Context` or `JsonContext`), on the return type, which is the
///                 // error; and when a type is wrong, nothing more, as its check above reports it.
///                 let __authorizer_kind =
///                     (&&&&::authorizer_core::__private::Probe::<TokenRequest, Result<Decision, Error>>::NEW)
///                         .__authorizer_kind();
///                 __authorizer_kind.check_context(
///                     ::authorizer_core::Context::write_context,
///                     ::authorizer_core::JsonContext::write_json_context,
///                 );
///                 // Builds `Keys` once, then serves events until Lambda stops the process.
///                 __authorizer_kind.run_async_with_state(authorize, || ::authorizer_core::Init::<Keys, _>::init(&load_keys))
///             }
///         }
///
///         #[automatically_derived]
///         impl ::authorizer_core::__private::Entry for __authorizer_main::__AuthorizerMain {}
///
///         // `main` is the one above: a `main` of yours returns another type.
///         ::authorizer_core::__private::main_is_generated(&main, ::authorizer_core::__private::GeneratedMain::generated_main)
///     };
/// } {
///     ::core::compile_error! { "this binary already has an `#[authorizer]`, and a binary has one: ..." }
/// } }
///
/// #[allow(unused_macros)]
/// macro_rules! __authorizer_once {
///     ({ $($main:tt)* } { $($again:tt)* }) => { $($again)* };
/// }
///
/// // Built with `panic = "abort"`, a warning: the note of a deprecated item it uses.
/// #[cfg(panic = "abort")]
/// const _: () = {
///     #[deprecated(note = "this binary is built with `panic = \"abort\"`: ...")]
///     struct PanicAbort;
///     let _ = PanicAbort;
/// };
/// ```
#[doc(inline)]
pub use authorizer_macros::authorizer;
