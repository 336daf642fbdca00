//! Generates the `Context` impl of a valid struct, or, when it has errors, a stub impl that
//! still checks every field's type, so that its uses do not fail too and every independent
//! error shows in one build.

use proc_macro2::{Ident, Span, TokenStream, TokenTree};
use quote::{ToTokens, format_ident, quote};

use super::validate::{Key, Model};
use crate::errors::Errors;
use crate::paths::CratePath;
use crate::spans::around;

pub(super) fn expand(model: &Model<'_>) -> TokenStream {
    let krate = CratePath::new(model.container.krate.as_ref());
    let out = out();
    let checks = checks(model, &krate);
    let inserts = model.keys.iter().map(|Key { member, ty, name }| {
        // The same type, at the same span, as its check: if the check fails, rustc reports
        // it once, not again with a note about `insert`.
        quote!(#out.insert::<#ty>(#name, &self.#member);)
    });
    implementation(model, &krate, &quote!(#checks #(#inserts)*))
}

pub(super) fn fallback(model: &Model<'_>, errors: Errors) -> TokenStream {
    let krate = CratePath::new(model.container.krate.as_ref());
    let out = out();
    let checks = checks(model, &krate);
    let errors = errors.into_compile_errors();
    let implementation = implementation(model, &krate, &quote!(#checks let _ = #out;));
    quote!(#errors #implementation)
}

/// `let _ = <T as ContextValue>::write_value;` for each field type, spanned over it: an
/// unsupported type is reported on the field, with `ContextValue`'s message. A type naming a
/// type parameter is not checked: the parameter is the error, reported already.
fn checks(model: &Model<'_>, krate: &CratePath<'_>) -> TokenStream {
    let params: Vec<_> = model.input.generics.type_params().map(|param| &param.ident).collect();
    model
        .keys
        .iter()
        .filter(|key| !mentions(key.ty.to_token_stream(), &params))
        .map(|key| around(quote!(let _ = <), key.ty, quote!(as #krate::ContextValue>::write_value;)))
        .collect()
}

fn mentions(tokens: TokenStream, idents: &[&Ident]) -> bool {
    tokens.into_iter().any(|token| match token {
        TokenTree::Ident(ident) => idents.iter().any(|i| **i == ident),
        TokenTree::Group(group) => mentions(group.stream(), idents),
        _ => false,
    })
}

fn implementation(model: &Model<'_>, krate: &CratePath<'_>, body: &TokenStream) -> TokenStream {
    let ident = &model.input.ident;
    let (impl_generics, ty_generics, where_clause) = model.input.generics.split_for_impl();
    let out = out();
    quote! {
        #[automatically_derived]
        impl #impl_generics #krate::Context for #ident #ty_generics #where_clause {
            fn write_context(&self, #out: &mut #krate::ContextWriter<'_>) {
                #body
            }
        }
    }
}

/// The writer's name, hygienic so that no field or constant of the user's can shadow it.
fn out() -> Ident {
    format_ident!("__authorizer_out", span = Span::mixed_site())
}
