//! What the probe binaries share. Included with `#[path]`; not a binary of its own.

// Each probe uses only part of it.
#![allow(dead_code)]

use std::future::Future;
use std::pin::Pin;
use std::task::{Context as TaskContext, Poll};
use std::time::Duration;

/// A future that is pending once and is woken from another thread, so that the code after
/// `pause().await` runs in a later poll, after a real suspension.
pub fn pause() -> Pause {
    Pause { woken: false }
}

pub struct Pause {
    woken: bool,
}

impl Future for Pause {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<()> {
        if self.woken {
            return Poll::Ready(());
        }
        self.woken = true;
        let waker = cx.waker().clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(1));
            waker.wake();
        });
        Poll::Pending
    }
}

/// What `PROBE_INIT` asks of a probe's init function.
pub enum InitMode {
    Succeed,
    Fail,
    Panic,
}

pub fn init_mode() -> InitMode {
    match std::env::var("PROBE_INIT").as_deref() {
        Ok("fail") => InitMode::Fail,
        Ok("panic") => InitMode::Panic,
        _ => InitMode::Succeed,
    }
}
