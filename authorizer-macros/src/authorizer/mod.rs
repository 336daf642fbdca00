//! `#[authorizer]`: parse the options and the function, check the rules, then generate
//! `main` beside the function, which stays as written.

mod args;
mod expand;
mod item;
mod once;
#[cfg(test)]
mod tests;
mod validate;

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::parse::{ParseStream, Parser};
use syn::{Attribute, FnArg, Visibility};

use crate::errors::Errors;
use crate::paths::CratePath;

pub(crate) fn expand(args: TokenStream, tokens: TokenStream) -> TokenStream {
    let mut errors = Errors::default();
    let args = args::parse(args, &mut errors);
    let Ok(item) = syn::parse2::<item::ItemFn>(tokens.clone()) else {
        errors.push(syn::Error::new(
            item_keyword(tokens.clone()),
            "#[authorizer] goes on a function, such as `fn authorize(request: TokenRequest) -> Result<Decision, Error>`",
        ));
        return fallback(tokens, errors, Main::Stub, &private(&args));
    };
    match validate::check(&item, &args, &mut errors) {
        Some(model) if errors.is_empty() => expand::expand(&model, &args),
        _ => {
            let mut item = item;
            // A C-variadic function does not compile on stable either: without its `...`, the
            // mistake is reported once, by our rule, rather than also twice by rustc.
            item.sig.variadic = None;
            let main = if item.sig.ident == "main" {
                Main::UserFunction
            } else if matches!(item.sig.inputs.first(), Some(FnArg::Receiver(_))) {
                // A method: `main` would land in its `impl` block, where it is no use.
                Main::None
            } else {
                Main::Stub
            };
            fallback(quote!(#item), errors, main, &private(&args))
        }
    }
}

/// What to emit for `main` when the function has errors.
enum Main {
    /// An empty `main`, so that its absence is not reported too.
    Stub,
    /// The user's function is `main` itself: kept out of the crate root, so that rustc does not
    /// also reject it as an entry point (a second error about the same mistake).
    UserFunction,
    /// Nothing.
    None,
}

/// `<crate>::__private`.
fn private(args: &args::Args) -> TokenStream {
    CratePath::new(args.krate.as_ref()).private()
}

/// The user's item unchanged, so that the IDE and the rest of the crate keep working, plus
/// the errors.
fn fallback(item: TokenStream, errors: Errors, main: Main, private: &TokenStream) -> TokenStream {
    let errors = errors.into_compile_errors();
    // Glob-imported, as the real one is, so that a `fn main` of the user's shadows it.
    let stub = quote! {
        #[doc(hidden)]
        #[allow(dead_code)]
        mod __authorizer_main {
            pub(super) fn main() {}
        }

        #[allow(unused_imports)]
        use __authorizer_main::*;
    };
    // Through `once`, as the real one is, so that a stub beside another authorizer's `main`
    // adds no error to the function's own.
    let stub = once::once(private, stub, TokenStream::new());
    match main {
        Main::Stub => quote! {
            #item
            #errors
            #stub
        },
        Main::UserFunction => quote! {
            #[allow(dead_code)]
            const _: () = {
                #item
            };
            #errors
            #stub
        },
        Main::None => quote!(#item #errors),
    }
}

/// The span of the item's keyword (`struct`, `impl`, ...), past its attributes and
/// visibility: the smallest token that says what the item is.
fn item_keyword(tokens: TokenStream) -> Span {
    let parser = |input: ParseStream<'_>| {
        input.call(Attribute::parse_outer)?;
        input.parse::<Visibility>()?;
        let keyword = input.cursor().token_tree().map_or_else(Span::call_site, |(token, _)| token.span());
        input.parse::<TokenStream>()?;
        Ok(keyword)
    };
    parser.parse2(tokens).unwrap_or_else(|_: syn::Error| Span::call_site())
}
