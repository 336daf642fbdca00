//! What an `#[authorizer]` function may be ([`Authorizer`]: sync or async, with or without
//! shared state, with or without the invocation's [`LambdaContext`]) and the function that builds its state ([`Init`]).

use std::future::{Future, Ready, ready};
use std::marker::PhantomData;

use super::LambdaContext;
use crate::model::{Error, Outcome};
use crate::request::Respond;

/// An authorizer function, sync or async, with or without shared state, with or without the
/// invocation's [`LambdaContext`] as its last parameter: what the generated `main` runs and what [`testing`](crate::testing) invokes.
///
/// `M` only tells the four shapes apart; it is inferred.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an authorizer function",
    label = "expected a function, sync or async, taking a request, then `&State` when it has shared state, then `LambdaContext` when it reads it",
    note = "an authorizer looks like `fn authorize(request: TokenRequest) -> Result<Decision, Error>` or `async fn authorize(request: RestRequest, state: &State) -> Result<Decision<C>, Error>`",
    note = "its request takes the context `C` of its kind: a flat `Context` for REST, WebSocket, HTTP API payload 1.0 and `AnyRequest`; any `JsonContext` (`#[context(nested)]`) for HTTP API payload 2.0"
)]
pub trait Authorizer<M>: 'static {
    /// The request type (the function's first parameter).
    type Request: Respond<<Self::Outcome as Outcome>::Context>;
    /// The shared state (the type behind its second parameter, `&S`), or `()`.
    type State: 'static;
    /// What it returns.
    type Outcome: Outcome;
    /// What calling it gives.
    type Future: Future<Output = Self::Outcome>;

    /// Calls the function.
    fn call(&self, request: Self::Request, state: &'static Self::State) -> Self::Future;
}

/// Shape markers for [`Authorizer`]; not to be named.
#[doc(hidden)]
pub mod shape {
    use super::PhantomData;
    pub struct Async<R, F>(PhantomData<fn(R) -> F>);
    pub struct Sync<R, O>(PhantomData<fn(R) -> O>);
    pub struct AsyncWithState<R, S, F>(PhantomData<fn(R, S) -> F>);
    pub struct SyncWithState<R, S, O>(PhantomData<fn(R, S) -> O>);
    pub struct AsyncWithContext<R, F>(PhantomData<fn(R) -> F>);
    pub struct SyncWithContext<R, O>(PhantomData<fn(R) -> O>);
    pub struct AsyncWithStateAndContext<R, S, F>(PhantomData<fn(R, S) -> F>);
    pub struct SyncWithStateAndContext<R, S, O>(PhantomData<fn(R, S) -> O>);
}

/// The context of the invocation [`Authorizer::call`] runs in: the runtime always sets one.
pub(crate) fn context() -> LambdaContext {
    LambdaContext::current().unwrap_or_else(|| LambdaContext::new(""))
}

/// The eight shapes: sync or async; with or without `&S`; with or without the
/// [`LambdaContext`]. `state` names the state parameter, `$arg` what the function is called
/// with after the request.
macro_rules! shapes {
    ($($async:ident / $sync:ident <$($s:ident)?> ($($param:ty),*) |$state:ident| ($($arg:expr),*);)*) => {$(
        impl<Func, R, $($s,)? Fut> Authorizer<shape::$async<R, $($s,)? Fut>> for Func
        where
            Func: Fn(R $(, $param)*) -> Fut + 'static,
            R: Respond<<Fut::Output as Outcome>::Context>,
            $($s: 'static,)?
            Fut: Future<Output: Outcome>,
        {
            type Request = R;
            type State = shapes!(@state $($s)?);
            type Outcome = Fut::Output;
            type Future = Fut;

            fn call(&self, request: R, $state: &'static Self::State) -> Fut {
                self(request $(, $arg)*)
            }
        }

        impl<Func, R, $($s,)? O> Authorizer<shape::$sync<R, $($s,)? O>> for Func
        where
            Func: Fn(R $(, $param)*) -> O + 'static,
            R: Respond<O::Context>,
            $($s: 'static,)?
            O: Outcome,
        {
            type Request = R;
            type State = shapes!(@state $($s)?);
            type Outcome = O;
            type Future = Ready<O>;

            fn call(&self, request: R, $state: &'static Self::State) -> Ready<O> {
                ready(self(request $(, $arg)*))
            }
        }
    )*};
    (@state) => { () };
    (@state $s:ident) => { $s };
}

shapes! {
    Async / Sync <> () |_state| ();
    AsyncWithState / SyncWithState <S> (&'static S) |state| (state);
    AsyncWithContext / SyncWithContext <> (LambdaContext) |_state| (context());
    AsyncWithStateAndContext / SyncWithStateAndContext <S> (&'static S, LambdaContext) |state| (state, context());
}

/// The function that builds an authorizer's shared state once, at cold start: sync or
/// async, returning `Result<S, E>` with `E: Into<Error>`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot build the shared state `{S}`",
    label = "`init` must name a function taking nothing and returning `Result<{S}, E>`, sync or async",
    note = "`{S}` is the type behind the authorizer's second parameter `&{S}`, and `E` is any error that converts into `authorizer_core::Error`"
)]
pub trait Init<S, M>: 'static {
    /// What calling it gives.
    type Future: Future<Output = Result<S, Error>>;

    /// Builds the state.
    fn init(&self) -> Self::Future;
}

impl<Func, S, E> Init<S, shape::Sync<(), E>> for Func
where
    Func: Fn() -> Result<S, E> + 'static,
    E: Into<Error>,
{
    type Future = Ready<Result<S, Error>>;

    fn init(&self) -> Self::Future {
        ready(self().map_err(Into::into))
    }
}

impl<Func, S, E, Fut> Init<S, shape::Async<E, Fut>> for Func
where
    Func: Fn() -> Fut + 'static,
    Fut: Future<Output = Result<S, E>>,
    E: Into<Error>,
{
    type Future = futures_util::future::MapErr<Fut, fn(E) -> Error>;

    fn init(&self) -> Self::Future {
        futures_util::TryFutureExt::map_err(self(), Into::into as fn(E) -> Error)
    }
}
