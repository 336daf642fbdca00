//! `route!(VERB "pattern")`: a `Route` whose literal pattern is checked while compiling.
//!
//! The rules are authorizer-core's `const fn`, the very one `Route::check` applies at run
//! time: the expansion evaluates it in a `const` spanned over the literal, so that a
//! broken rule is a compile error there, in `RouteError`'s words. This crate only parses.

use proc_macro2::{Literal, Span, TokenStream, TokenTree};
use quote::{quote, quote_spanned};
use syn::parse::{ParseStream, Parser};
use syn::{Ident, LitStr, Token};

/// The verbs `route!` takes, as written, and the `Verb` each names.
const VERBS: [(&str, &str); 8] = [
    ("GET", "Get"),
    ("POST", "Post"),
    ("PUT", "Put"),
    ("PATCH", "Patch"),
    ("DELETE", "Delete"),
    ("HEAD", "Head"),
    ("OPTIONS", "Options"),
    ("ANY", "Any"),
];

/// Room for `invalid route pattern `...`: ` and the longest reason, beside the pattern.
const MESSAGE_ROOM: usize = 256;

/// `input` is `$crate; VERB "pattern"`: `authorizer_core::route!` passes its own path first.
pub(crate) fn expand(input: TokenStream) -> TokenStream {
    match parse.parse2(input) {
        Ok(tokens) => tokens,
        Err(e) => e.to_compile_error(),
    }
}

fn parse(input: ParseStream<'_>) -> syn::Result<TokenStream> {
    let krate: TokenTree = input.parse()?;
    input.parse::<Token![;]>()?;
    let verb = verb(input)?;
    let pattern = pattern(input)?;
    if !input.is_empty() {
        return Err(input.error("`route!` takes a verb and a pattern, nothing more: `route!(GET \"/pets/{id}\")`"));
    }
    let room = Literal::usize_unsuffixed(pattern.value().len() + MESSAGE_ROOM);
    // A `const` item, which `cargo check` evaluates too (an inline `const` block is evaluated
    // only when the code is built). Its call is spanned over the literal, where a pattern that
    // breaks a rule is then reported: so the function is imported under a name of that span,
    // since `$crate` keeps its own.
    let check = Ident::new("__authorizer_checked_pattern", pattern.span());
    let checked = quote_spanned!(pattern.span()=> #check::<#room>(#pattern));
    Ok(quote!({
        use #krate::__private::checked_pattern as #check;
        const __AUTHORIZER_PATTERN: &str = #checked;
        #krate::Route::new(#krate::Verb::#verb, __AUTHORIZER_PATTERN)
    }))
}

/// One of [`VERBS`], as the `Verb` variant it names.
fn verb(input: ParseStream<'_>) -> syn::Result<Ident> {
    let expected = || {
        let names: Vec<&str> = VERBS.iter().map(|(name, _)| *name).collect();
        let (last, others) = names.split_last().expect("VERBS is not empty");
        format!("`route!` starts with a verb ({} or {last}), as in `route!(GET \"/pets/{{id}}\")`", others.join(", "))
    };
    let Ok(written) = input.parse::<Ident>() else {
        return Err(syn::Error::new(span_of_next(input), expected()));
    };
    VERBS
        .iter()
        .find(|(name, _)| written == name)
        .map(|(_, variant)| Ident::new(variant, written.span()))
        .ok_or_else(|| syn::Error::new(written.span(), expected()))
}

/// The pattern: a string literal, which the compiler can check.
fn pattern(input: ParseStream<'_>) -> syn::Result<LitStr> {
    input.parse::<LitStr>().map_err(|_| {
        syn::Error::new(
            span_of_next(input),
            "`route!` takes the pattern as a string literal, such as `\"/tenants/{tenant}/*\"`: request data goes in a `{placeholder}`, bound with `.bind(\"tenant\", tenant)`",
        )
    })
}

/// The next token's span, or the invocation's at the end.
fn span_of_next(input: ParseStream<'_>) -> Span {
    input.cursor().token_tree().map_or_else(Span::call_site, |(token, _)| token.span())
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::expand;

    #[test]
    fn names_the_verb_and_checks_the_literal_in_a_const_block() {
        let out = expand(quote!(krate; DELETE "/pets/{id}")).to_string();
        let expected = quote!({
            use krate::__private::checked_pattern as __authorizer_checked_pattern;
            const __AUTHORIZER_PATTERN: &str = __authorizer_checked_pattern::<266>("/pets/{id}");
            krate::Route::new(krate::Verb::Delete, __AUTHORIZER_PATTERN)
        });
        assert_eq!(out, expected.to_string());
    }

    #[test]
    fn misuse_is_one_error() {
        for (input, needle) in [
            (quote!(krate; get "/pets"), "starts with a verb (GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS or ANY)"),
            (quote!(krate; "/pets"), "starts with a verb"),
            (quote!(krate; GET path), "string literal"),
            (quote!(krate; GET), "string literal"),
            (quote!(krate; GET "/pets" "/toys"), "nothing more"),
        ] {
            let out = expand(input.clone()).to_string();
            assert_eq!(out.matches("compile_error").count(), 1, "{input}: {out}");
            assert!(out.contains(needle), "{input}: {out}");
        }
    }
}
