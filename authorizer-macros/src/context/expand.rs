//! Generates the impls of a valid struct, or, when it has errors, stub impls that still
//! check every field's type, so that its uses do not fail too and every independent error
//! shows in one build.
//!
//! A flat context implements `Context`, and `JsonContext` and `JsonValue` through it: a flat
//! object is a valid HTTP API context, and a valid value nested in one. A
//! `#[context(nested)]` context implements only `JsonContext` and `JsonValue`.
//!
//! Both implement the reading side for the backend: `FromContext`, and `ReadContext` and
//! `ReadValue` (as a value nested in a context). The last two hold only when every field type can be read back
//! and every skipped one has a `Default`: each is a bound of the impl, written higher-ranked
//! (`for<'r>`) so that rustc checks it where the impl is used rather than rejecting the
//! impl. A context the backend cannot read (a `&'static str` field, sent by a `const`
//! context) still derives as before; reading it is the error, naming the field's type.

use proc_macro2::{Ident, Span, TokenStream, TokenTree};
use quote::{ToTokens, format_ident, quote};

use super::validate::{Key, Model, Skipped};
use crate::errors::Errors;
use crate::paths::CratePath;
use crate::spans::around;

pub(super) fn expand(model: &Model<'_>) -> TokenStream {
    let krate = CratePath::new(model.container.krate.as_ref());
    let out = out();
    let checks = checks(model, &krate);
    let insert = if model.nested { quote!(insert_json) } else { quote!(insert) };
    let inserts = model.keys.iter().map(|Key { member, ty, name }| {
        // The same type, at the same span, as its check: if the check fails, rustc reports
        // it once, not again with a note about `insert`.
        quote!(#out.#insert::<#ty>(#name, &self.#member);)
    });
    let writing = implementations(model, &krate, &quote!(#checks #(#inserts)*));
    let reading = reading(model, &krate);
    quote!(#writing #reading)
}

pub(super) fn fallback(model: &Model<'_>, errors: Errors) -> TokenStream {
    let krate = CratePath::new(model.container.krate.as_ref());
    let out = out();
    let checks = checks(model, &krate);
    let errors = errors.into_compile_errors();
    let implementations = implementations(model, &krate, &quote!(#checks let _ = #out;));
    let reading = reading_stub(model, &krate);
    quote!(#errors #implementations #reading)
}

/// `let _ = <T as ContextValue>::write_value;` for each field type (`JsonValue::write_json`
/// in a nested context), spanned over it: an unsupported type is reported on the field,
/// with the trait's message. A type naming a type parameter is not checked: the parameter
/// is the error, reported already.
fn checks(model: &Model<'_>, krate: &CratePath<'_>) -> TokenStream {
    let params: Vec<_> = model.input.generics.type_params().map(|param| &param.ident).collect();
    let rule = if model.nested {
        quote!(as #krate::JsonValue>::write_json;)
    } else {
        quote!(as #krate::ContextValue>::write_value;)
    };
    model
        .keys
        .iter()
        .filter(|key| !mentions(key.ty.to_token_stream(), &params))
        .map(|key| around(quote!(let _ = <), key.ty, rule.clone()))
        .collect()
}

fn mentions(tokens: TokenStream, idents: &[&Ident]) -> bool {
    tokens.into_iter().any(|token| match token {
        TokenTree::Ident(ident) => idents.iter().any(|i| **i == ident),
        TokenTree::Group(group) => mentions(group.stream(), idents),
        _ => false,
    })
}

/// The impls, `body` writing the keys into `out()`.
fn implementations(model: &Model<'_>, krate: &CratePath<'_>, body: &TokenStream) -> TokenStream {
    let ident = &model.input.ident;
    let (impl_generics, ty_generics, where_clause) = model.input.generics.split_for_impl();
    let out = out();
    // The trait whose method writes the keys; the other impls go through it.
    let (context, write, writer) = if model.nested {
        (quote!(#krate::JsonContext), quote!(write_json_context), quote!(#krate::ObjectWriter))
    } else {
        (quote!(#krate::Context), quote!(write_context), quote!(#krate::ContextWriter))
    };
    let flat = (!model.nested).then(|| {
        quote! {
            #[automatically_derived]
            impl #impl_generics #krate::JsonContext for #ident #ty_generics #where_clause {
                fn write_json_context(&self, #out: &mut #krate::ObjectWriter<'_>) {
                    #krate::Context::write_context(self, #out.flat());
                }
            }
        }
    });
    quote! {
        #[automatically_derived]
        impl #impl_generics #context for #ident #ty_generics #where_clause {
            fn #write(&self, #out: &mut #writer<'_>) {
                #body
            }
        }

        #flat

        #[automatically_derived]
        impl #impl_generics #krate::JsonValue for #ident #ty_generics #where_clause {
            fn write_json(&self, #out: #krate::JsonWriter<'_>) -> #krate::Written {
                #out.object(|#out| #krate::JsonContext::write_json_context(self, #out))
            }
        }
    }
}

/// `FromContext`, the backend's door, always, so that reading a context that cannot be read
/// is an error about the field's type (a bound of `from_authorizer`), not about a missing
/// method; `ReadContext`, which reads each key as its field's type and fills each skipped
/// field with its `Default`; and `ReadValue`, which reads the struct as an object nested in
/// a context.
fn reading(model: &Model<'_>, krate: &CratePath<'_>) -> TokenStream {
    let reader = reader();
    let lifetime = quote!(for<'__authorizer_read>);
    let mut bounds = Vec::new();
    let mut fields = Vec::new();
    for Key { member, ty, name } in &model.keys {
        bounds.push(quote!(#lifetime #ty: #krate::ReadValue));
        fields.push(quote!(#member: #reader.read::<#ty>(#name)?));
    }
    for Skipped { member, ty } in &model.skipped {
        bounds.push(quote!(#lifetime #ty: #krate::SkippedField));
        fields.push(quote!(#member: <#ty as #krate::SkippedField>::skipped()));
    }
    let predicates = model.input.generics.where_clause.as_ref().map(|clause| &clause.predicates);
    let separator = predicates.filter(|p| !p.is_empty() && !p.trailing_punct()).map(|_| quote!(,));
    let where_clause = quote!(where #predicates #separator #(#bounds,)*);
    read_impls(model, krate, &where_clause, &quote!(::core::result::Result::Ok(Self { #(#fields,)* })))
}

/// The reading impls of a struct with errors, so that its uses report nothing more. It never
/// runs: the build fails on the errors.
fn reading_stub(model: &Model<'_>, krate: &CratePath<'_>) -> TokenStream {
    let where_clause = &model.input.generics.where_clause;
    let reader = reader();
    read_impls(model, krate, &quote!(#where_clause), &quote!({ let _ = #reader; ::core::unreachable!() }))
}

fn read_impls(model: &Model<'_>, krate: &CratePath<'_>, where_clause: &TokenStream, body: &TokenStream) -> TokenStream {
    let ident = &model.input.ident;
    let (impl_generics, ty_generics, _) = model.input.generics.split_for_impl();
    let reader = reader();
    let result = quote!(::core::result::Result<Self, #krate::ReadError>);
    let own_where = &model.input.generics.where_clause;
    quote! {
        #[automatically_derived]
        impl #impl_generics #krate::FromContext for #ident #ty_generics #own_where {}

        #[automatically_derived]
        impl #impl_generics #krate::ReadContext for #ident #ty_generics #where_clause {
            fn read_context(#reader: &#krate::ContextReader<'_>) -> #result {
                #body
            }
        }

        #[automatically_derived]
        impl #impl_generics #krate::ReadValue for #ident #ty_generics #where_clause {
            fn read_value(#reader: #krate::ValueReader<'_>) -> #result {
                <Self as #krate::ReadContext>::read_context(&#reader.object()?)
            }
        }
    }
}

/// The reader's name, hygienic as the writer's.
fn reader() -> Ident {
    format_ident!("__authorizer_in", span = Span::mixed_site())
}

/// The writer's name, hygienic so that no field or constant of the user's can shadow it.
fn out() -> Ident {
    format_ident!("__authorizer_out", span = Span::mixed_site())
}
