//! Benchmarks of the framework against the hand-written baseline: the events they are fed,
//! and the per-event work of each side (decode an event, decide, encode the response), so that
//! the criterion benchmarks and the equivalence test run the very same code. BENCHMARKS.md at
//! the root of the workspace says what is measured, how, and the figures.

pub mod baseline;
pub mod estimates;
pub mod events;
pub mod floor;
pub mod framework;
pub mod jwt;
pub mod stats;
