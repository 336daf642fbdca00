//! The deadline of the invocation being served, as the Lambda Runtime API gives it.

use std::cell::Cell;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

thread_local! {
    /// `Lambda-Runtime-Deadline-Ms` of the invocation this thread is serving.
    static DEADLINE_MS: Cell<Option<u64>> = const { Cell::new(None) };
}

/// When the invocation being served must have answered: Lambda stops the function then, and
/// API Gateway answers 500 (`Lambda-Runtime-Deadline-Ms`, the function's timeout from the
/// event's arrival).
///
/// Call it from the authorizer function, on the thread that runs it (not from a task you
/// spawn on another one). `None` outside an invocation, and under [`testing`](crate::testing),
/// where no Runtime API gives one. API Gateway may give up sooner than Lambda: an HTTP API
/// waits 10 s for its authorizer.
///
/// ```
/// use std::time::Duration;
///
/// // The time left for a key-set fetch, keeping 100 ms to answer.
/// let budget = authorizer_core::remaining()
///     .map_or(Duration::from_secs(2), |left| left.saturating_sub(Duration::from_millis(100)));
/// # assert_eq!(budget, Duration::from_secs(2));
/// ```
#[must_use]
pub fn deadline() -> Option<SystemTime> {
    DEADLINE_MS.with(Cell::get).map(|ms| UNIX_EPOCH + Duration::from_millis(ms))
}

/// The time left until [`deadline`]: zero once it has passed, `None` where it is.
#[must_use]
pub fn remaining() -> Option<Duration> {
    deadline().map(|at| at.duration_since(SystemTime::now()).unwrap_or(Duration::ZERO))
}

/// The deadline of one invocation, set while this guard lives.
pub(crate) struct Scope(());

impl Scope {
    pub(crate) fn enter(deadline_ms: Option<u64>) -> Self {
        DEADLINE_MS.with(|cell| cell.set(deadline_ms));
        Self(())
    }
}

impl Drop for Scope {
    fn drop(&mut self) {
        DEADLINE_MS.with(|cell| cell.set(None));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_for_one_invocation_only() {
        assert_eq!(deadline(), None);
        assert_eq!(remaining(), None);
        let in_a_minute = SystemTime::now() + Duration::from_secs(60);
        let ms = u64::try_from(in_a_minute.duration_since(UNIX_EPOCH).unwrap().as_millis()).unwrap();
        {
            let _scope = Scope::enter(Some(ms));
            assert_eq!(deadline(), Some(UNIX_EPOCH + Duration::from_millis(ms)));
            let left = remaining().unwrap();
            assert!(left > Duration::from_secs(50) && left <= Duration::from_secs(60), "{left:?}");
        }
        assert_eq!(deadline(), None);
        {
            let _past = Scope::enter(Some(1));
            assert_eq!(remaining(), Some(Duration::ZERO));
        }
        let _none = Scope::enter(None);
        assert_eq!(deadline(), None);
    }

    #[test]
    fn none_under_testing() {
        let authorize = |_: crate::TokenRequest| -> Result<crate::Decision, crate::Error> {
            Err(crate::Error::failure(format!("due at {:?}", deadline())))
        };
        let event = serde_json::json!({
            "type": "TOKEN", "authorizationToken": "t", "methodArn": "arn:aws:execute-api:r:1:a/s/GET/p"
        });
        let invocation = crate::testing::invoke(authorize, event);
        assert!(invocation.error().unwrap().error_message.ends_with("due at None"), "{invocation:?}");
    }
}
