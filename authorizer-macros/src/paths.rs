//! The one place that spells the runtime crate's path, so `crate = "..."` changes all of it.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};

/// The path of `authorizer_core`: `::authorizer_core` unless `crate = "..."` renames it.
pub(crate) struct CratePath<'a>(Option<&'a syn::Path>);

impl<'a> CratePath<'a> {
    pub(crate) const fn new(path: Option<&'a syn::Path>) -> Self {
        Self(path)
    }

    /// `<crate>::__private`, the only module generated code may use besides public items.
    pub(crate) fn private(&self) -> TokenStream {
        quote!(#self::__private)
    }
}

impl ToTokens for CratePath<'_> {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        match &self.0 {
            Some(path) => path.to_tokens(tokens),
            None => tokens.extend(quote!(::authorizer_core)),
        }
    }
}
