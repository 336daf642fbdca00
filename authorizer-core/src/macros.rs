//! The macros, re-exported with their user documentation.

#[doc(inline)]
pub use authorizer_macros::Context;
#[doc(inline)]
pub use authorizer_macros::authorizer;
