//! One `#[authorizer]` per binary, said once. Each expansion emits its `main` through
//! `__authorizer_once!`, then defines a `macro_rules!` of that name. The first invocation in
//! a module finds none and resolves to authorizer-core's, glob-imported, which emits the
//! `main`; any later one finds the textual `macro_rules!` of the expansion before it, which
//! emits the later expansion's error instead: one error, on the second function, where
//! two `main`s would give three, about generated names.

use proc_macro2::TokenStream;
use quote::quote;
use syn::Ident;

/// `main` for the first authorizer of a module, `again` for any after it.
pub(super) fn once(private: &TokenStream, main: TokenStream, again: TokenStream) -> TokenStream {
    quote! {
        #[allow(unused_imports)]
        use #private::once::*;

        __authorizer_once! { { #main } { #again } }

        #[allow(unused_macros)]
        macro_rules! __authorizer_once {
            ({ $($main:tt)* } { $($again:tt)* }) => { $($again)* };
        }
    }
}

/// The error of a second authorizer, on its name.
pub(super) fn second_authorizer(ident: &Ident) -> TokenStream {
    syn::Error::new(
        ident.span(),
        "this binary already has an `#[authorizer]`, and a binary has one: give each authorizer a binary of its own \
         (a file under `src/bin/`), or make one authorizer that takes `AnyRequest` and tells the kinds apart",
    )
    .to_compile_error()
}
