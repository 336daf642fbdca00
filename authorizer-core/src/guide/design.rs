//! # How it is built, and why
//!
//! # The crates
//!
//! - `authorizer-core`: the runtime, the only crate you depend on; it re-exports the macros.
//! - `authorizer-macros`: `#[authorizer]` and `#[derive(Context)]` (parse, validate, expand).
//! - `examples/`: the example authorizers, compiled and tested in CI.
//! - `authorizer-local/`: running authorizers locally, as the real binaries. Its library is a
//!   local implementation of the Lambda Runtime API (`RuntimeApi`, `Function`), the
//!   `ProcessInvoker` that puts a binary behind [`authorizer_core::gateway`](crate::gateway), the gateway's settings
//!   and scenarios; its command, `authorizer-local` (`demo`, `invoke`, `serve`, `scenario`), is
//!   what `cargo install --path authorizer-local` installs. Its tests cover the emulator and the
//!   command (they build the probes and examples they run with cargo).
//! - `tests/` (`authorizer-tests`): the end-to-end tests of the framework's guarantees through
//!   real binaries (the probe binaries in `tests/src/bin`), under `authorizer-local`'s emulator.
//! - `bench/`: the hand-written baseline and the benchmarks ([`BENCHMARKS.md`](https://github.com/authorizer-rs/authorizer/blob/main/BENCHMARKS.md)).
//!
//! # Written by hand, on purpose
//!
//! Two things are written in this crate rather than taken from the crates made for the job:
//!
//! - **The Runtime API loop.** The generated `main` does not use `lambda_runtime::run`, which
//!   logs every handler error at ERROR with its `Debug` form (a 401 is not an error, and `Debug`
//!   can carry a token), posts Rust type paths as `errorType`, does not report a failed
//!   initialisation to `/runtime/init/error`, and runs a multi-thread scheduler for a loop that
//!   handles one event at a time. Nor does it use `lambda_runtime_api_client`, `lambda_runtime`'s
//!   transport: that is `hyper_util`'s pooled client, made for many requests to many hosts at
//!   once, and it costs a third of the instructions of each invocation (a URI rewrite, a hashed
//!   pool lookup, the connection as a task of its own). The loop keeps one `hyper` HTTP/1.1
//!   connection to the Runtime API and sends the same bytes ([`BENCHMARKS.md`](https://github.com/authorizer-rs/authorizer/blob/main/BENCHMARKS.md) has the figures).
//!   A connection the API closed, or reset, is replaced, and a request it took no answer for
//!   (a `GET` of the next event, or a reply) is sent once more on the new one; a reply the API
//!   did receive is then refused the second time, and that is logged.
//!   (The `lambda-runtime` feature serves a function through `lambda_runtime` all the same, for
//!   a `main` of yours that composes it with tower layers: [Runtime and logging](super::runtime).)
//! - **The request wire types.** `aws_lambda_events`' TOKEN type has every field optional (it
//!   "parses" an event without `methodArn`), and its header decoding rejects header values that
//!   are not visible ASCII and quotes the offending value in its error, which can be a
//!   credential. The REST request context is still `aws_lambda_events`' type.
//!
//! Responses are written straight into one buffer rather than through `serde` structs: the
//! shapes are small and fixed, optional fields must be left out rather than sent as `null`, and
//! it keeps the per-event work close to the cost of writing the bytes.
//!
//! # JWT verification: the crates made for the job
//!
//! JWT verification (feature `jwt`, [Verifying JWTs](super::jwt)) is the crates made for the job: `jsonwebtoken` checks the
//! signatures and the registered claims, on `aws-lc-rs`; the key sets are fetched with `hyper`
//! (the runtime's HTTP client already) through `hyper-rustls` and `rustls`, on the same
//! `aws-lc-rs`, with Mozilla's roots compiled in (`webpki-roots`: nothing to read from the file
//! system at cold start, and the same roots on every Lambda image). The framework writes only the
//! policy around them: which issuer and which key, when to fetch, what a key set may hold, and
//! which failure is a 401 or a 500. aws-lc-rs rather than RustCrypto because it verifies 3.3 to
//! 3.8 times faster (RS256 16 us against 56 us) and refuses RSA keys under 2048 bits; the
//! all-RustCrypto stack (with rustls on ring) would be about 1.26 MB smaller at the same cold
//! start. Compiled-in roots rather than the system's bundle (or reqwest, which reads it too)
//! save about 2 ms of cold start; the cost is that a private CA needs code.
//! [`BENCHMARKS.md`](https://github.com/authorizer-rs/authorizer/blob/main/BENCHMARKS.md) ("Why these crates") has the measurements.
//!
//! `aws-lc-sys` compiles C: `cargo lambda build --release --arm64` needs only the Zig that
//! cargo-lambda uses as its C compiler (no CMake, no bindgen: `aws-lc-sys` ships bindings for
//! `aarch64-unknown-linux-gnu`), but not Zig 0.16.0, whose `ar` cannot create archives
//! ([aws-lc-rs#993](https://github.com/aws/aws-lc-rs/issues/993); it breaks `ring` the same
//! way). This repository's CI builds for x86_64 only: its machines cannot install the aarch64
//! target.
