//! The macros, re-exported with their user documentation.
//!
//! The documentation lives here rather than on the macros themselves so that its examples
//! can use `authorizer_core`, which the macro crate cannot depend on.

/// Implements [`Context`](trait@crate::Context) for a struct: one context key per field,
/// each field's type checked at compile time.
///
/// REST and WebSocket APIs accept only strings, numbers and booleans as context values: an
/// object or an array makes API Gateway answer 500 to every request. So a field may be a
/// `String`, `&str` (`&'static str` for a `const` context), `Box<str>`, `Rc<str>`,
/// `Arc<str>`, `Cow<str>`, `char`, `bool`, any integer or float type, or an `Option` of one
/// of them (`None` leaves the key out). A field of any other type does not compile.
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
/// A field that REST cannot carry, with the error on the field's type, one per field:
///
/// ```compile_fail,E0277
/// use authorizer_core::Context;
///
/// #[derive(Context)]
/// struct Session {
///     roles: Vec<String>, // error: `Vec<String>` cannot be a REST API context value
/// }
/// ```
///
/// A nested struct, which REST cannot carry either: flatten it into several fields.
///
/// ```compile_fail,E0277
/// use authorizer_core::Context;
///
/// struct Org {
///     id: String,
/// }
///
/// #[derive(Context)]
/// struct Session {
///     org: Org, // error: `Org` cannot be a REST API context value
/// }
/// ```
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
/// - Its first parameter is the request: [`TokenRequest`](crate::TokenRequest) for a REST
///   API TOKEN authorizer, [`RestRequest`](crate::RestRequest) for a REST API REQUEST
///   authorizer.
/// - It may take a second parameter, `&State`: state built once, at cold start, by the
///   function that `init` names, and then lent to every invocation.
/// - It returns `Result<Decision<C>, E>`, where `C` is the [`Context`](trait@crate::Context)
///   sent to the backend (leave it out, `Decision`, to send none) and `E` any error that
///   converts into [`Error`](crate::Error); or `Decision<C>` when it never fails.
/// - It may be an `async fn` (or return `impl Future<Output = ...>`); the runtime is one
///   current-thread Tokio runtime.
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
/// fn authorize(request: TokenRequest) -> Result<Decision<Session>, Error> { // error: `Session` is not an authorizer context
///     Ok(Decision::allow_all("user").context(Session { user: request.token().into() }))
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
/// # What it generates
///
/// For the `init` example above, simplified (the real expansion names each type through
/// a trait of `__private`, spanned over the type you wrote, so that a wrong type is reported
/// once, there, and nowhere in the generated code):
///
/// ```no_run
/// # use authorizer_core::prelude::*;
/// # struct Keys { admin_token: String }
/// # async fn load_keys() -> Result<Keys, std::env::VarError> { todo!() }
/// // Your function, unchanged.
/// async fn authorize(request: TokenRequest, keys: &Keys) -> Result<Decision, Error> {
///     # let _ = (request, keys); todo!()
///     // ...
/// }
///
/// fn main() -> ::std::process::ExitCode {
///     // Each type is checked where you wrote it, with the message of the public trait.
///     let _ = <TokenRequest as ::authorizer_core::AuthorizerRequest>::from_event;
///     let _ = <Result<Decision, Error> as ::authorizer_core::Outcome>::into_result;
///     // Builds `Keys` once, then serves events until Lambda stops the process.
///     ::authorizer_core::__private::run_async_with_state::<TokenRequest, Keys, Result<Decision, Error>, _, _, _, _>(
///         authorize,
///         || ::authorizer_core::Init::<Keys, _>::init(&load_keys),
///     )
/// }
/// ```
#[doc(inline)]
pub use authorizer_macros::authorizer;
