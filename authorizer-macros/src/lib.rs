//! Procedural macros of `authorizer-core`: `#[authorizer]` and `#[derive(Context)]`.
//!
//! Depend on `authorizer-core`, which re-exports them with their documentation. Each entry
//! point converts and delegates; the work is done on `proc_macro2` so it can be unit-tested.

mod authorizer;
mod context;
mod errors;
mod paths;

use proc_macro::TokenStream;

/// Turns a function into a complete API Gateway Lambda authorizer binary. See
/// `authorizer_core::authorizer` for the guide.
#[proc_macro_attribute]
pub fn authorizer(args: TokenStream, item: TokenStream) -> TokenStream {
    authorizer::expand(args.into(), item.into()).into()
}

/// Implements `authorizer_core::Context` for a struct whose fields are context values,
/// checking each field's type at compile time.
#[proc_macro_derive(Context, attributes(context))]
pub fn derive_context(input: TokenStream) -> TokenStream {
    context::expand(input.into()).into()
}
