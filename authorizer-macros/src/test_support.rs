//! Helpers for the unit tests of both macros.

use proc_macro2::{TokenStream, TokenTree};

/// The messages of the `compile_error!`s in `tokens`, in order. Those of `#[authorizer]`'s
/// `__authorizer_once! { { main } { again } }` are `main`'s: `again` is emitted only beside
/// another authorizer.
pub(crate) fn errors(tokens: &TokenStream) -> Vec<String> {
    let mut found = Vec::new();
    collect_errors(tokens.clone(), &mut found);
    found
}

fn collect_errors(tokens: TokenStream, found: &mut Vec<String>) {
    let mut iter = tokens.into_iter().peekable();
    while let Some(token) = iter.next() {
        match token {
            TokenTree::Ident(ident) if ident == "compile_error" => {
                iter.next(); // `!`
                if let Some(TokenTree::Group(group)) = iter.next() {
                    let message: syn::LitStr = syn::parse2(group.stream()).expect("a string literal");
                    found.push(message.value());
                }
            }
            TokenTree::Ident(ident) if ident == "__authorizer_once" => {
                iter.next(); // `!`
                if let Some(TokenTree::Group(arms)) = iter.next() {
                    collect_errors(arms.stream().into_iter().take(1).collect(), found);
                }
            }
            TokenTree::Group(group) => collect_errors(group.stream(), found),
            _ => {}
        }
    }
}

/// Whether `ident` appears anywhere in `tokens`.
pub(crate) fn mentions(tokens: &TokenStream, ident: &str) -> bool {
    tokens.clone().into_iter().any(|token| match token {
        TokenTree::Ident(i) => i == ident,
        TokenTree::Group(group) => mentions(&group.stream(), ident),
        _ => false,
    })
}

/// `tokens` as text without spaces, to compare shapes.
pub(crate) fn compact(tokens: &TokenStream) -> String {
    tokens.to_string().split_whitespace().collect()
}
