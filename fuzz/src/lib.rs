//! What the fuzz targets share: the oracles, written apart from the code they check, and the
//! split of an input into an event and a script.
//!
//! Every oracle here is a second, simpler statement of a documented rule, so that a bug in
//! the framework's own code cannot hide itself by being used to check itself. One input is
//! the framework's: which values of an event are credentials (`credentials.rs`); their forms,
//! and whether the masked text still shows one, are judged here.

pub mod accessors;
pub mod arn;
pub mod credentials;
pub mod glob;

/// Splits an input into the event (before the first `0xFF`, a byte no UTF-8 text holds) and
/// the script that drives the target (after it; empty when there is none).
#[must_use]
pub fn split_input(data: &[u8]) -> (&[u8], &[u8]) {
    match data.iter().position(|&b| b == 0xFF) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &[]),
    }
}
