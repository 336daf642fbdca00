//! `#[authorizer]`: parse the options and the function, check the rules, then generate
//! `main` beside the function, which stays as written.

mod args;
mod expand;
mod item;
mod validate;

use proc_macro2::TokenStream;
use quote::quote;

use crate::errors::Errors;

pub(crate) fn expand(args: TokenStream, tokens: TokenStream) -> TokenStream {
    let mut errors = Errors::default();
    let args = args::parse(args, &mut errors);
    let item: item::ItemFn = match syn::parse2(tokens.clone()) {
        Ok(item) => item,
        Err(_) => {
            errors.spanned(
                &tokens,
                "#[authorizer] goes on a function, such as `async fn authorize(request: TokenRequest) -> Result<Decision, Error>`",
            );
            return fallback(tokens, errors, true);
        }
    };
    match validate::check(&item, &args, &mut errors) {
        Some(model) if errors.is_empty() => expand::expand(&model, &args),
        _ => {
            let stub_main = item.sig.ident != "main";
            fallback(quote!(#item), errors, stub_main)
        }
    }
}

/// The user's item unchanged, so that the IDE and the rest of the crate keep working, plus
/// the errors, plus an empty `main` so the missing one is not reported too.
fn fallback(item: TokenStream, errors: Errors, stub_main: bool) -> TokenStream {
    let errors = errors.into_compile_errors();
    let main = stub_main.then(|| {
        quote!(
            fn main() {}
        )
    });
    quote!(#item #errors #main)
}
