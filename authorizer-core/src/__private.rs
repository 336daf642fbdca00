//! The only door generated code uses. Not public API: no stability promise.
//!
//! `#[authorizer]` generates a `main` that first checks each type the user wrote through a
//! public trait, spanned over it (`<T as AuthorizerRequest>::from_event`,
//! `<T as Outcome>::into_result`, or, for a return type with `impl Trait` in it, which
//! cannot be named, `Outcome::into_result` passed to [`Probe::returned_by`] and its
//! siblings), then picks what to run by method resolution on a
//! [`Probe`] of the request and return types (autoref specialization: [`Kind`] is
//! implemented for `&&&Probe`, `&&Probe`, `&Probe` and `Probe`, and the call takes the first
//! whose bounds hold):
//!
//! 1. the request takes the context ([`Respond`]): [`Accepted`], which runs the authorizer;
//! 2. it does not, and its kind is one of [`ContextRule`]'s: [`Rejected`], whose
//!    `check_context` names the context in the public trait of the kind's rule, so that
//!    the error is that trait's, on the return type, with nothing private in it;
//! 3. a request of a kind not listed there: [`Accepted`], whose `run` then reports it;
//! 4. not a request, or not a return type: [`Rejected`] with `()`, which reports nothing,
//!    since the checks above already did. Nothing asks `String: Respond<C>`, which would
//!    be a second error about the same mistake.
//!
//! A [`Rejected`] never runs: each way to one fails to compile (2. by `check_context`, since
//! every kind takes every context of its rule; 4. by the checks, which cover both types,
//! named or not).

use std::future::Future;
use std::marker::PhantomData;
use std::process::ExitCode;

use crate::model::Outcome;
use crate::request::{Respond, ResponseMode};
use crate::runtime::shape;
use crate::{
    AnyRequest, AuthorizerRequest, Context, ContextWriter, Error, HttpV1Request, HttpV2Request, IamPolicy, JsonContext,
    ObjectWriter, RestRequest, SimpleResponse, TokenRequest, WebSocketRequest,
};

// `route!` expands to a call of its proc macro, passing `$crate`, and to the pattern check.
pub use crate::model::checked_pattern;
pub use authorizer_macros::__route;

/// What the generated `main` returns, and no other `main`: see [`main_is_generated`].
/// Implemented through [`Entry`], which the expansion implements for its own type, since
/// `#[diagnostic::do_not_recommend]` there would not resolve under `#![no_implicit_prelude]`.
#[diagnostic::on_unimplemented(
    message = "`#[authorizer]` generates this binary's `main`: remove the `fn main` you wrote",
    label = "`main` is generated here; it runs the Lambda runtime and calls the authorizer for each event",
    note = "what your `main` prepared belongs in the shared state: `#[authorizer(init = build_state)]` builds it once, at cold start"
)]
pub trait GeneratedMain {
    /// Named for its check; never called.
    fn generated_main(&self) {}
}

/// The type the generated `main` returns.
pub trait Entry {}

// So that a `main` of the user's is reported as not generated, not as not an `Entry`.
#[diagnostic::do_not_recommend]
impl<T: Entry> GeneratedMain for T {}

/// `#[authorizer]` glob-imports its `main`, so that a `main` of the user's shadows it
/// instead of clashing with it: then `T` is not the generated `main`'s type, and naming
/// `GeneratedMain::generated_main` for it (the second argument) is the error.
pub const fn main_is_generated<T>(_main: &impl Fn() -> T, _check: fn(&T)) {}

/// The request type `R` and return type `O` an authorizer was written with.
pub struct Probe<R, O>(PhantomData<fn() -> (R, O)>);

impl<R, O> Probe<R, O> {
    /// The probe of the types as written.
    pub const NEW: Self = Self(PhantomData);

    /// For a return type with `impl Trait` in it, which cannot be named: `O` is what the
    /// sync authorizer `_f` returns, known before `Kind` is resolved. `_outcome` is
    /// `Outcome::into_result`, spanned over the return type: naming it for `O` is the check
    /// that `<O as Outcome>::into_result` is for a type written out (without it, `O` would
    /// fall through to `Rejected<(), ()>`, which reports nothing).
    pub fn returned_by<T>(_f: &impl Fn(R) -> O, _outcome: fn(O) -> T) -> Self {
        Self(PhantomData)
    }

    /// [`Probe::returned_by`], for an async authorizer.
    pub fn returned_by_async<Fut: Future<Output = O>, T>(_f: &impl Fn(R) -> Fut, _outcome: fn(O) -> T) -> Self {
        Self(PhantomData)
    }

    /// [`Probe::returned_by`], for a sync authorizer with shared state.
    pub fn returned_by_with_state<S: 'static, T>(_f: &impl Fn(R, &'static S) -> O, _outcome: fn(O) -> T) -> Self {
        Self(PhantomData)
    }

    /// [`Probe::returned_by`], for an async authorizer with shared state.
    pub fn returned_by_async_with_state<S: 'static, Fut: Future<Output = O>, T>(
        _f: &impl Fn(R, &'static S) -> Fut,
        _outcome: fn(O) -> T,
    ) -> Self {
        Self(PhantomData)
    }
}

/// What `main` does with `R` and `O`: see the module's documentation. The name is unusual
/// so that no trait of the user's in scope offers a method of the same name.
pub trait Kind {
    /// [`Accepted`] or [`Rejected`].
    type Kind;

    fn __authorizer_kind(&self) -> Self::Kind;
}

impl<R, O> Kind for &&&Probe<R, O>
where
    R: Respond<O::Context>,
    O: Outcome,
{
    type Kind = Accepted<R, O>;

    fn __authorizer_kind(&self) -> Self::Kind {
        Accepted(PhantomData)
    }
}

impl<R, O> Kind for &&Probe<R, O>
where
    R: ContextRule<O::Context>,
    O: Outcome,
{
    type Kind = Rejected<R::Flat, R::Json>;

    fn __authorizer_kind(&self) -> Self::Kind {
        Rejected(PhantomData)
    }
}

impl<R, O> Kind for &Probe<R, O>
where
    R: AuthorizerRequest,
    O: Outcome,
{
    type Kind = Accepted<R, O>;

    fn __authorizer_kind(&self) -> Self::Kind {
        Accepted(PhantomData)
    }
}

impl<R, O> Kind for Probe<R, O> {
    type Kind = Rejected<(), ()>;

    fn __authorizer_kind(&self) -> Self::Kind {
        Rejected(PhantomData)
    }
}

/// The context rule of a request kind, as its [`Respond`] implementation states it: the
/// context `C` in `Flat` for the kinds that take a flat [`Context`], in `Json` for those
/// that take any [`JsonContext`], and `()`, which is both, in the other.
pub trait ContextRule<C> {
    type Flat;
    type Json;
}

/// Lists the kinds of each rule, and proves that each takes every context of its rule:
/// so when `Respond` refuses a context, the rule's trait refuses it too, and a
/// [`Rejected`] always comes with an error.
macro_rules! context_rules {
    (flat: $($flat:ty),*; json: $($json:ty),*) => {
        $(
            impl<C> ContextRule<C> for $flat {
                type Flat = C;
                type Json = ();
            }
        )*
        $(
            impl<C, M: ResponseMode> ContextRule<C> for $json {
                type Flat = ();
                type Json = C;
            }
        )*
        #[allow(dead_code)]
        fn every_kind_takes_every_context_of_its_rule<C: Context, J: JsonContext, M: ResponseMode>() {
            fn takes<R: Respond<C>, C>() {}
            $(takes::<$flat, C>();)*
            $(takes::<$json, J>();)*
        }
    };
}

context_rules! {
    flat: TokenRequest, RestRequest, HttpV1Request, WebSocketRequest, AnyRequest<SimpleResponse>, AnyRequest<IamPolicy>;
    json: HttpV2Request<M>
}

/// The request takes the context: `main` runs the authorizer.
pub struct Accepted<R, O>(PhantomData<fn() -> (R, O)>);

/// `main` reports `F: Context` and `J: JsonContext`; it never runs.
pub struct Rejected<F, J>(PhantomData<fn() -> (F, J)>);

/// What the runtime does while the process has one thread, called by the generated `main`
/// before the user's logging set-up, which may start threads. For the generated `main`
/// only, as `Kind::run` is: the first call installs the `_X_AMZN_TRACE_ID` variable with
/// `putenv`, which assumes that no other thread uses the environment.
pub fn before_user_code() {
    crate::runtime::before_user_code();
}

/// `text` masked with the credentials of `request`, as the framework masks its log lines and
/// the error messages it posts: for the fuzz targets (`fuzz/`), which check that none is left.
/// Only in their builds (cargo-fuzz passes `--cfg fuzzing`): deployed binaries lack it.
#[cfg(fuzzing)]
pub fn mask_credentials<R: AuthorizerRequest>(request: &R, text: &str) -> String {
    crate::request::Secrets::of(request).mask(text).into_owned()
}

/// The context of the invocation being served, for an authorizer that takes it: the
/// generated `main` calls it in a closure around the function.
pub fn lambda_context() -> crate::LambdaContext {
    crate::runtime::current_context()
}

fn no_state() -> Result<(), Error> {
    Ok(())
}

impl<R, O> Accepted<R, O> {
    /// Nothing to report.
    pub fn check_context(&self, _: fn(&(), &mut ContextWriter<'_>), _: fn(&(), &mut ObjectWriter<'_>)) {}

    /// The `main` of a sync authorizer without shared state.
    pub fn run<F>(self, authorizer: F) -> ExitCode
    where
        R: Respond<O::Context>,
        O: Outcome,
        F: Fn(R) -> O + Sync + 'static,
    {
        crate::runtime::run::<F, shape::Sync<R, O>, _, _>(authorizer, no_state)
    }

    /// The `main` of an async authorizer without shared state.
    pub fn run_async<F, Fut>(self, authorizer: F) -> ExitCode
    where
        R: Respond<O::Context>,
        O: Outcome,
        F: Fn(R) -> Fut + Sync + 'static,
        Fut: Future<Output = O>,
    {
        crate::runtime::run::<F, shape::Async<R, Fut>, _, _>(authorizer, no_state)
    }

    /// The `main` of a sync authorizer whose state `init` builds once, at cold start.
    /// `init` is the user's function already wrapped by `Init`: a closure giving a future.
    pub fn run_with_state<S, F, I, IFut>(self, authorizer: F, init: I) -> ExitCode
    where
        R: Respond<O::Context>,
        S: Sync + 'static,
        O: Outcome,
        F: Fn(R, &'static S) -> O + Sync + 'static,
        I: Fn() -> IFut + 'static,
        IFut: Future<Output = Result<S, Error>>,
    {
        crate::runtime::run::<F, shape::SyncWithState<R, S, O>, I, shape::Async<Error, IFut>>(authorizer, init)
    }

    /// The `main` of an async authorizer whose state `init` builds once, at cold start.
    pub fn run_async_with_state<S, F, Fut, I, IFut>(self, authorizer: F, init: I) -> ExitCode
    where
        R: Respond<O::Context>,
        S: Sync + 'static,
        O: Outcome,
        F: Fn(R, &'static S) -> Fut + Sync + 'static,
        Fut: Future<Output = O>,
        I: Fn() -> IFut + 'static,
        IFut: Future<Output = Result<S, Error>>,
    {
        crate::runtime::run::<F, shape::AsyncWithState<R, S, Fut>, I, shape::Async<Error, IFut>>(authorizer, init)
    }
}

impl<F, J> Rejected<F, J> {
    /// `Context::write_context` and `JsonContext::write_json_context`, spanned over the
    /// return type: naming them for `F` and `J` is the check.
    pub fn check_context(&self, _: fn(&F, &mut ContextWriter<'_>), _: fn(&J, &mut ObjectWriter<'_>)) {}

    pub fn run<A>(self, _: A) -> ExitCode {
        ExitCode::FAILURE
    }

    pub fn run_async<A>(self, _: A) -> ExitCode {
        ExitCode::FAILURE
    }

    pub fn run_with_state<A, I>(self, _: A, _: I) -> ExitCode {
        ExitCode::FAILURE
    }

    pub fn run_async_with_state<A, I>(self, _: A, _: I) -> ExitCode {
        ExitCode::FAILURE
    }
}

/// What `#[authorizer]` glob-imports: the first `__authorizer_once!` of a module resolves to
/// this one, which emits the `main` it is given; each expansion then defines its own, which
/// shadows this one for what follows and emits a second authorizer's error instead.
pub mod once {
    pub use crate::__authorizer_once;
}

#[doc(hidden)]
#[macro_export]
macro_rules! __authorizer_once {
    ({ $($main:tt)* } { $($again:tt)* }) => { $($main)* };
}
