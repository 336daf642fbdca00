//! Spans for generated tokens, so that an error the compiler finds in them underlines
//! exactly what the user wrote.

use proc_macro2::{Group, Span, TokenStream, TokenTree};
use quote::{ToTokens, quote};

/// `before user after`, with `before` at the span of `user`'s first token and `after` at
/// its last: rustc then gives the expression exactly `user`'s span, so that an error in it
/// underlines what the user wrote (on stable, a proc macro cannot join two spans itself).
pub(crate) fn around(before: TokenStream, user: &impl ToTokens, after: TokenStream) -> TokenStream {
    let (first, last) = span_range(user);
    let before = respan(before, first);
    let after = respan(after, last);
    quote!(#before #user #after)
}

/// The spans of the first and the last token of `tokens`.
pub(crate) fn span_range(tokens: &impl ToTokens) -> (Span, Span) {
    let mut tokens = tokens.to_token_stream().into_iter();
    let first = tokens.next().map_or_else(Span::call_site, |t| t.span());
    let last = tokens.last().map_or(first, |t| t.span());
    (first, last)
}

/// `tokens`, every one of them at `span`.
pub(crate) fn respan(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|token| match token {
            TokenTree::Group(group) => {
                let mut group = Group::new(group.delimiter(), respan(group.stream(), span));
                group.set_span(span);
                TokenTree::Group(group)
            }
            mut token => {
                token.set_span(span);
                token
            }
        })
        .collect()
}

/// `path`, all but its last token at `span.0` and its last at `span.1`: rustc then gives the
/// path the range of user tokens whose first and last spans those are.
pub(crate) fn over(path: TokenStream, (first, last): (Span, Span)) -> TokenStream {
    let mut tokens: Vec<TokenTree> = path.into_iter().collect();
    let end = tokens.pop();
    let head = respan(tokens.into_iter().collect(), first);
    let end = end.map(|end| respan(end.into(), last)).unwrap_or_default();
    quote!(#head #end)
}
