//! Panics of the user's function, caught and reported by the invocation instead of
//! printed by the panic hook.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::panic::{self, AssertUnwindSafe};
use std::pin::Pin;
use std::sync::Once;
use std::task::{Context as TaskContext, Poll};

thread_local! {
    /// Set while the user's code runs: its panics are reported by the invocation, not
    /// printed by the panic hook.
    static CAPTURING: Cell<bool> = const { Cell::new(false) };
    static LOCATION: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Wraps the process's panic hook so that panics of the user's function are reported once,
/// by the invocation, with the request's credentials masked. Other panics print as before.
pub(crate) fn install_panic_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if CAPTURING.get() {
                LOCATION.set(info.location().map(ToString::to_string));
            } else {
                previous(info);
            }
        }));
    });
}

/// Runs `f`, turning a panic into its message (with its location).
pub(crate) fn catch_panics<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    install_panic_hook();
    let was = CAPTURING.replace(true);
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    CAPTURING.set(was);
    result.map_err(|payload| describe(payload.as_ref()))
}

fn describe(payload: &(dyn Any + Send)) -> String {
    let message = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("a panic with a non-string payload");
    match LOCATION.take() {
        Some(location) => format!("{message} (at {location})"),
        None => message.to_owned(),
    }
}

/// Polls a future, turning a panic into its message.
pub(crate) struct CatchPanics<F>(pub(crate) Pin<Box<F>>);

impl<F: Future> Future for CatchPanics<F> {
    type Output = Result<F::Output, String>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<Self::Output> {
        let future = self.0.as_mut();
        match catch_panics(|| future.poll(cx)) {
            Ok(Poll::Ready(output)) => Poll::Ready(Ok(output)),
            Ok(Poll::Pending) => Poll::Pending,
            Err(panic) => Poll::Ready(Err(panic)),
        }
    }
}
