//! Panics of the user's function, caught and reported by the invocation instead of
//! printed by the panic hook.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::panic::{self, AssertUnwindSafe};
use std::pin::Pin;
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context as TaskContext, Poll};

thread_local! {
    /// Set while the user's code runs: its panics are reported by the invocation, not
    /// printed by the panic hook.
    static CAPTURING: Cell<bool> = const { Cell::new(false) };
    static LOCATION: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Whether a panic outside the user's function is printed without its message: in the
/// deployed function ([`hide_other_panic_messages`]), not in a test process, whose failed
/// assertions are panics too.
static HIDE_OTHERS: AtomicBool = AtomicBool::new(false);

/// Wraps the process's panic hook so that panics of the user's function are reported once,
/// by the invocation, with the request's credentials masked. Other panics print as before,
/// unless [`hide_other_panic_messages`] was called.
pub(crate) fn install_panic_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if CAPTURING.get() {
                LOCATION.set(info.location().map(ToString::to_string));
            } else if HIDE_OTHERS.load(Ordering::Relaxed) {
                eprintln!("{}", unreported(std::thread::current().name(), info.location()));
            } else {
                previous(info);
            }
        }));
    });
}

/// From now on, a panic outside the user's function (in a task or thread it spawned, which
/// may quote a credential the runtime cannot know to mask) is printed by its thread and
/// location only, without its message.
pub(crate) fn hide_other_panic_messages() {
    install_panic_hook();
    HIDE_OTHERS.store(true, Ordering::Relaxed);
}

/// The line printed for a panic outside the user's function.
fn unreported(thread: Option<&str>, location: Option<&panic::Location<'_>>) -> String {
    let location = location.map_or_else(|| "an unknown location".to_owned(), ToString::to_string);
    format!(
        "thread '{}' panicked at {location}; its message is not shown, as it may quote a credential: \
         a panic outside the authorizer function (in a task or thread it spawned) is not masked; \
         handle the task's JoinError to report it",
        thread.unwrap_or("<unnamed>")
    )
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unreported_panic_says_where_not_what() {
        let location = panic::Location::caller();
        let line = unreported(Some("runtime-api"), Some(location));
        assert!(line.starts_with(&format!("thread 'runtime-api' panicked at {location};")), "{line}");
        assert!(line.contains("its message is not shown"), "{line}");
        assert!(unreported(None, None).starts_with("thread '<unnamed>' panicked at an unknown location;"));
    }
}
