//! `_X_AMZN_TRACE_ID`, set for every invocation as Lambda's runtimes do
//! (<https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime>).
//!
//! The variable is one buffer, installed in the environment once, before `init` runs and
//! while the process has one thread, and then rewritten in place between invocations:
//! POSIX `putenv` makes a caller-owned string part of the environment, "so altering the
//! string shall change the environment". Never `std::env::set_var` or `remove_var` after
//! start-up: those are unsound while another thread (the user's, Tokio's blocking pool, an
//! SDK) reads the environment, and glibc's `setenv` never frees the strings it replaces, so
//! a process calling it per invocation grows with every one.
//!
//! The rule that remains for the user's code: the value changes between invocations, so a
//! thread of the user's that outlives an invocation must not read the variable while the
//! next one starts; [`LambdaContext::trace_id`](crate::LambdaContext::trace_id) has the id
//! without the environment. Under Lambda Managed Instances the variable is not set at all.

const NAME: &str = "_X_AMZN_TRACE_ID";

/// Room for `_X_AMZN_TRACE_ID=`, a trace header (`Root=1-...;Parent=...;Sampled=1`, about
/// 80 bytes, more with `Lineage`) and the closing NUL. A longer id leaves the value empty.
const CAPACITY: usize = 512;

/// The trace id variable of this process, once installed.
pub(crate) struct TraceEnv {
    /// The `NAME=value\0` string the environment points to: a leaked buffer of `CAPACITY`
    /// bytes. A raw pointer, the same one libc keeps, so that writing through it never
    /// invalidates libc's copy.
    buf: *mut u8,
}

impl TraceEnv {
    /// Installs the variable, empty, the first time it is called; later calls give the same
    /// buffer, so that the generated `main` may install it before the user's logging set-up
    /// runs and the runtime again when it starts. `None` where `putenv` is not POSIX's
    /// (outside Unix): there the variable is never set.
    ///
    /// # Safety
    ///
    /// No other thread may read or write the environment meanwhile: call it before any
    /// other thread starts. Only one of the values it returns may be used to `set` the
    /// variable.
    #[cfg(unix)]
    pub(crate) unsafe fn install() -> Option<Self> {
        /// The installed buffer, `None` if `putenv` refused it.
        struct Installed(Option<*mut u8>);
        // SAFETY: the pointer is only an address kept for later calls; what may write
        // through it is ruled by `install`'s and `set`'s contracts.
        unsafe impl Send for Installed {}
        unsafe impl Sync for Installed {}
        static INSTALLED: std::sync::OnceLock<Installed> = std::sync::OnceLock::new();

        let installed = INSTALLED.get_or_init(|| {
            let buf: *mut u8 = Box::into_raw(Box::new([0u8; CAPACITY])).cast();
            let mut env = Self { buf };
            env.write_name();
            env.write("");
            // SAFETY: the buffer is leaked, so it lives as long as the process, and it is
            // NUL-terminated; the caller guarantees that no other thread uses the environment.
            Installed((unsafe { libc::putenv(buf.cast()) } == 0).then_some(buf))
        });
        installed.0.map(|buf| Self { buf })
    }

    #[cfg(not(unix))]
    pub(crate) unsafe fn install() -> Option<Self> {
        None
    }

    /// Sets the value to `trace_id`; to empty when there is none, or when it does not fit
    /// (or holds a NUL): an id cut short would name another trace.
    ///
    /// # Safety
    ///
    /// No other thread may read the environment meanwhile. The runtime calls it between
    /// invocations, on the thread that runs the user's code.
    pub(crate) unsafe fn set(&mut self, trace_id: Option<&str>) {
        let id = trace_id.unwrap_or_default();
        if NAME.len() + 1 + id.len() < CAPACITY && !id.contains('\0') {
            self.write(id);
        } else {
            tracing::warn!(bytes = id.len(), "the trace id does not fit {NAME}: it is left empty");
            self.write("");
        }
    }

    /// Writes `NAME=` into the buffer, once, before it joins the environment: later writes
    /// touch only the value, so that a thread looking up another variable meanwhile reads
    /// bytes nobody writes.
    fn write_name(&mut self) {
        // SAFETY: `buf` points to `CAPACITY` bytes that live as long as the process; it is
        // not in the environment yet, so nothing else reads them.
        let buf = unsafe { std::slice::from_raw_parts_mut(self.buf, CAPACITY) };
        buf[..NAME.len()].copy_from_slice(NAME.as_bytes());
        buf[NAME.len()] = b'=';
    }

    /// Writes `id\0` after `NAME=`; `id` fits.
    fn write(&mut self, id: &str) {
        let start = NAME.len() + 1;
        // SAFETY: `buf` points to `CAPACITY` bytes that live as long as the process, and only
        // this value writes them; libc reads the value only when the variable is looked up,
        // which the callers rule out while this runs.
        let value = unsafe { std::slice::from_raw_parts_mut(self.buf.add(start), CAPACITY - start) };
        value[..id.len()].copy_from_slice(id.as_bytes());
        value[id.len()] = 0;
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    /// One test touches the environment, so no other test of this binary reads it meanwhile.
    #[test]
    fn the_variable_follows_each_invocation() {
        // SAFETY: this test is the only code of the binary that uses the environment.
        let mut env = unsafe { TraceEnv::install() }.unwrap();
        assert_eq!(std::env::var(NAME).as_deref(), Ok(""));
        let long = format!("Root=1-{};Parent=0;Sampled=1", "a".repeat(CAPACITY));
        let cases = [
            (Some("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"), None),
            (Some("Root=1-2;Sampled=0"), None),
            (Some(long.as_str()), Some("")),
            (Some("x\0y"), Some("")),
            (None, Some("")),
            (Some("again"), None),
        ];
        let longest = "a".repeat(CAPACITY - NAME.len() - 2);
        let too_long = "a".repeat(CAPACITY - NAME.len() - 1);
        assert_eq!(longest.len(), 494, "the figure `guide::runtime` gives");
        for (id, expected) in cases {
            // SAFETY: as above.
            unsafe { env.set(id) };
            assert_eq!(std::env::var(NAME).as_deref(), Ok(expected.or(id).unwrap()), "{id:?}");
        }
        // SAFETY: as above.
        unsafe { env.set(Some(&longest)) };
        assert_eq!(std::env::var(NAME).as_deref(), Ok(longest.as_str()));
        // SAFETY: as above.
        unsafe { env.set(Some(&too_long)) };
        assert_eq!(std::env::var(NAME).as_deref(), Ok(""));

        // Installing again gives the same buffer, and leaves its value alone.
        // SAFETY: as above.
        unsafe { env.set(Some("Root=1-3")) };
        // SAFETY: as above.
        let again = unsafe { TraceEnv::install() }.unwrap();
        assert_eq!(again.buf, env.buf);
        assert_eq!(std::env::var(NAME).as_deref(), Ok("Root=1-3"));
    }
}
