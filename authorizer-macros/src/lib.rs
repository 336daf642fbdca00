//! Procedural macros of `authorizer-core`: `#[authorizer]` and `#[derive(Context)]`.
//!
//! Depend on `authorizer-core`, which re-exports them with their documentation. Each entry
//! point converts and delegates; the work is done on `proc_macro2` so it can be unit-tested.

mod authorizer;
mod context;
mod errors;
mod options;
mod paths;
mod route;
mod spans;
#[cfg(test)]
mod test_support;

use proc_macro::TokenStream;

// Documented on its re-export, `authorizer_core::authorizer`, whose examples can use
// authorizer-core: rustdoc would append a doc comment here to that page.
#[proc_macro_attribute]
pub fn authorizer(args: TokenStream, item: TokenStream) -> TokenStream {
    authorizer::expand(args.into(), item.into()).into()
}

// Documented on its re-export, `authorizer_core::Context`.
#[proc_macro_derive(Context, attributes(context))]
pub fn derive_context(input: TokenStream) -> TokenStream {
    context::expand(input.into()).into()
}

// Called by `authorizer_core::route!`, which passes its `$crate` and is documented there.
#[doc(hidden)]
#[proc_macro]
pub fn __route(input: TokenStream) -> TokenStream {
    route::expand(input.into()).into()
}
