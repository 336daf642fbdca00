//! `#[derive(Context)]`: one context key per named field, each field's type checked by the
//! compiler against `ContextValue`, whose message says what REST accepts.

mod attr;

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields, GenericParam, Ident, Type};

use crate::errors::Errors;
use crate::paths::CratePath;

/// One key of the context.
struct Key<'a> {
    member: &'a Ident,
    ty: &'a Type,
    name: String,
}

pub(crate) fn expand(tokens: TokenStream) -> TokenStream {
    let input: DeriveInput = match syn::parse2(tokens) {
        Ok(input) => input,
        Err(e) => return e.to_compile_error(),
    };
    let mut errors = Errors::default();
    let container = attr::container(&input.attrs, &mut errors);
    let krate = CratePath::new(container.krate.as_ref());
    no_type_parameters(&input, &mut errors);
    let keys = keys(&input, container.rename_all, &mut errors);

    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let out = format_ident!("__authorizer_out", span = Span::mixed_site());
    let body = if errors.is_empty() {
        let inserts = keys.iter().map(|Key { member, ty, name }| {
            // The user's type tokens carry their spans, so an unsupported field type is
            // reported on the field, with `ContextValue`'s message.
            quote_spanned! {ty.span()=>
                #out.insert::<#ty>(#name, &self.#member);
            }
        });
        quote!(#(#inserts)*)
    } else {
        // A stub body keeps uses of the type from failing too.
        quote!(let _ = #out;)
    };
    let errors = errors.into_compile_errors();
    quote! {
        #errors
        #[automatically_derived]
        impl #impl_generics #krate::Context for #ident #ty_generics #where_clause {
            fn write_context(&self, #out: &mut #krate::ContextWriter<'_>) {
                #body
            }
        }
    }
}

/// Field types must be concrete for the compiler to check them against REST's rule.
fn no_type_parameters(input: &DeriveInput, errors: &mut Errors) {
    for param in &input.generics.params {
        if !matches!(param, GenericParam::Lifetime(_)) {
            errors.spanned(
                param,
                "#[derive(Context)] does not take type or const parameters: context fields must have concrete types",
            );
        }
    }
}

/// Context keys come from named fields.
fn keys<'a>(input: &'a DeriveInput, rename_all: Option<attr::RenameAll>, errors: &mut Errors) -> Vec<Key<'a>> {
    let fields = match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Named(fields) => &fields.named,
            Fields::Unit => return Vec::new(),
            Fields::Unnamed(fields) => {
                errors.spanned(fields, "#[derive(Context)] needs named fields: their names are the context's keys");
                return Vec::new();
            }
        },
        Data::Enum(data) => {
            errors.push(syn::Error::new(
                data.enum_token.span,
                "#[derive(Context)] goes on a struct with named fields; a context is a flat map of keys to values",
            ));
            return Vec::new();
        }
        Data::Union(data) => {
            errors.push(syn::Error::new(
                data.union_token.span,
                "#[derive(Context)] goes on a struct with named fields, not a union",
            ));
            return Vec::new();
        }
    };
    let mut keys: Vec<Key<'a>> = Vec::new();
    for field in fields {
        let attrs = attr::field(&field.attrs, errors);
        let Some(member) = &field.ident else { continue };
        if attrs.skip {
            continue;
        }
        let (name, span_of_name) = match &attrs.rename {
            Some(lit) => (lit.value(), lit.span()),
            None => {
                let raw = member.to_string();
                let raw = raw.strip_prefix("r#").unwrap_or(&raw).to_owned();
                (rename_all.map_or_else(|| raw.clone(), |rule| rule.apply(&raw)), member.span())
            }
        };
        // Two equal keys would make the backend see only one of them.
        if keys.iter().any(|k| k.name == name) {
            errors.push(syn::Error::new(span_of_name, format!("duplicate context key `{name}`")));
            continue;
        }
        keys.push(Key { member, ty: &field.ty, name });
    }
    keys
}
