//! `#[derive(Context)]`: one context key per named field, each field's type checked by the
//! compiler against `ContextValue`, whose message says what a flat context (REST, WebSocket,
//! HTTP API payload 1.0) accepts, or, with `#[context(nested)]`, against `JsonValue`, what an
//! HTTP API payload 2.0 context accepts. It also implements the backend's side, reading each
//! key back as its field's type (`FromContext`, `ReadContext`, `ReadValue`).

mod attr;
mod expand;
#[cfg(test)]
mod tests;
mod validate;

use proc_macro2::TokenStream;
use syn::DeriveInput;

use crate::errors::Errors;

pub(crate) fn expand(tokens: TokenStream) -> TokenStream {
    let input: DeriveInput = match syn::parse2(tokens) {
        Ok(input) => input,
        Err(e) => return e.to_compile_error(),
    };
    let mut errors = Errors::default();
    let container = attr::container(&input.attrs, &mut errors);
    let model = validate::check(&input, &container, &mut errors);
    if errors.is_empty() { expand::expand(&model) } else { expand::fallback(&model, errors) }
}
