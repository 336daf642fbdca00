//! `_X_AMZN_TRACE_ID`, set for every invocation as Lambda's runtimes do, without the
//! unbounded growth of `std::env::set_var`: glibc's `setenv` allocates a new `NAME=value`
//! string on every call and never frees the old one, so a process grows with every
//! invocation (`lambda_runtime` 1.5 calls `set_var` per invocation, `src/runtime.rs`).
//! POSIX `putenv` makes a caller-owned string part of the environment, "so altering the
//! string shall change the environment": one buffer, rewritten in place, serves every
//! invocation.

const NAME: &str = "_X_AMZN_TRACE_ID";

/// Room for `_X_AMZN_TRACE_ID=` and a trace header (`Root=1-...;Parent=...;Sampled=1`,
/// about 80 bytes, more with `Lineage`); a longer id falls back to `set_var`.
const CAPACITY: usize = 512;

/// The trace id variable of this process.
pub(crate) struct TraceEnv {
    /// The `NAME=value\0` string the environment points to while `installed`: a leaked
    /// buffer of `CAPACITY` bytes. A raw pointer, the same one libc keeps, so that writing
    /// through it never invalidates libc's copy.
    buf: *mut u8,
    installed: bool,
}

impl TraceEnv {
    pub(crate) fn new() -> Self {
        Self { buf: Box::into_raw(Box::new([0u8; CAPACITY])).cast(), installed: false }
    }

    /// Sets the variable to `trace_id`, or removes it.
    ///
    /// # Safety
    ///
    /// As for `std::env::set_var`: no other thread may read or write the environment
    /// meanwhile. The runtime calls it between invocations, on the thread that runs the
    /// user's code.
    pub(crate) unsafe fn set(&mut self, trace_id: Option<&str>) {
        let len = NAME.len() + 1 + trace_id.map_or(0, str::len);
        match trace_id {
            #[cfg(target_os = "linux")]
            Some(id) if len < CAPACITY && !id.contains('\0') => {
                // SAFETY: `buf` points to `CAPACITY` bytes that live as long as the process,
                // and only this value writes them; libc reads them only when asked, and the
                // caller guarantees that nothing else reads or writes the environment now.
                let buf = unsafe { std::slice::from_raw_parts_mut(self.buf, CAPACITY) };
                buf[..NAME.len()].copy_from_slice(NAME.as_bytes());
                buf[NAME.len()] = b'=';
                buf[NAME.len() + 1..len].copy_from_slice(id.as_bytes());
                buf[len] = 0;
                if !self.installed {
                    // SAFETY: the buffer is leaked, so it lives as long as the process, and
                    // it is NUL-terminated; the caller guarantees no concurrent access.
                    unsafe { libc::putenv(self.buf.cast()) };
                    self.installed = true;
                }
            }
            Some(id) => {
                // SAFETY: the caller guarantees no concurrent access. `setenv` replaces the
                // environment's pointer to the buffer, which is then no longer installed.
                unsafe { std::env::set_var(NAME, id) };
                self.installed = false;
            }
            None => {
                // SAFETY: as above.
                unsafe { std::env::remove_var(NAME) };
                self.installed = false;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One test touches the environment, so no other test of this binary reads it meanwhile.
    #[test]
    fn the_variable_follows_each_invocation() {
        let mut env = TraceEnv::new();
        let long = format!("Root=1-{};Parent=0;Sampled=1", "a".repeat(CAPACITY));
        for id in [
            "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
            "Root=1-2;Sampled=0",
            &long,
            "x",
        ] {
            // SAFETY: this test is the only code of the binary that uses the variable.
            unsafe { env.set(Some(id)) };
            assert_eq!(std::env::var(NAME).as_deref(), Ok(id));
        }
        // SAFETY: as above.
        unsafe { env.set(None) };
        assert!(std::env::var(NAME).is_err());
        // SAFETY: as above.
        unsafe { env.set(Some("again")) };
        assert_eq!(std::env::var(NAME).as_deref(), Ok("again"));
    }
}
