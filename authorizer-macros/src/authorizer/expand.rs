//! Generates `main` for a valid authorizer function. Reports no user errors: the checks
//! are done; the type rules are checked by the compiler through public traits named with
//! the user's own type tokens, so that their errors point at them.
//!
//! `main` checks the request type and the return type where the user wrote them, by
//! statements such as `let _ = <String as AuthorizerRequest>::from_event;` spanned over the
//! type. It then lets method resolution on `__private::Probe<Request, Return>` pick what to
//! do (see `authorizer_core::__private`): run the authorizer when the request takes the
//! context; else name the context in `Context::write_context` or
//! `JsonContext::write_json_context`, whichever the request's kind requires, spanned over
//! the return type, which reports the kind's rule there; and, when a type is wrong, nothing
//! more, since its own check reported it. So each mistake is one error, on what the user
//! wrote, with no private path in it.

use proc_macro2::{Delimiter, Group, Ident, Span, TokenStream};
use quote::{format_ident, quote};

use super::args::Args;
use super::validate::{Model, Output};
use crate::paths::CratePath;
use crate::spans::{around, over, respan, span_range};

pub(super) fn expand(model: &Model<'_>, args: &Args) -> TokenStream {
    let krate = CratePath::new(args.krate.as_ref());
    let private = krate.private();
    let item = model.item;
    let ident = &item.sig.ident;
    let request = model.request;

    let mut checks = vec![around(quote!(let _ = <), request, quote!(as #krate::AuthorizerRequest>::from_event;))];
    let (probe, rule_span) = match model.output {
        Output::Named(ty) => {
            checks.push(around(quote!(let _ = <), ty, quote!(as #krate::Outcome>::into_result;)));
            (quote!(#private::Probe::<#request, #ty>::NEW), span_range(ty))
        }
        // An `impl Trait` cannot be named: the compiler infers it from the function, before
        // `Kind` is resolved (which, were it still unknown, would pick `Accepted`).
        Output::Inferred(ty) => {
            let constructor = match (&model.state, model.is_async) {
                (None, false) => quote!(returned_by),
                (None, true) => quote!(returned_by_async),
                (Some(_), false) => quote!(returned_by_with_state),
                (Some(_), true) => quote!(returned_by_async_with_state),
            };
            (quote!(#private::Probe::<#request, _>::#constructor(&#ident)), span_range(ty))
        }
    };
    // The context rule of the request's kind, reported on the return type, which names
    // the context.
    let flat = over(quote!(#krate::Context::write_context), rule_span);
    let json = over(quote!(#krate::JsonContext::write_json_context), rule_span);
    let kind = kind_ident();

    let run = match &model.state {
        None if model.is_async => quote!(run_async(#ident)),
        None => quote!(run(#ident)),
        Some(state) => {
            // `init`'s signature is checked here, where `init = ...` names it; the closure's
            // future is what the runtime awaits, inside its panic guard.
            let init = call_init(&krate, state.ty, state.init);
            if model.is_async {
                quote!(run_async_with_state(#ident, #init))
            } else {
                quote!(run_with_state(#ident, #init))
            }
        }
    };

    // The framework hands the request over by value, so a sync authorizer that only reads it
    // cannot heed clippy's `needless_pass_by_value`; the lint is about a signature the user
    // does not choose. (An `async fn` is never linted for it.)
    let allow = (!model.is_async).then(|| quote!(#[allow(clippy::needless_pass_by_value)]));

    quote! {
        #allow
        #item

        fn main() -> ::std::process::ExitCode {
            use #private::Kind as _;
            #(#checks)*
            let #kind = (&&&&#probe).__authorizer_kind();
            #kind.check_context(#flat, #json);
            #kind.#run
        }
    }
}

/// The name of what `Probe` picks, hygienic so that nothing of the user's can shadow it.
fn kind_ident() -> Ident {
    format_ident!("__authorizer_kind", span = Span::mixed_site())
}

/// `|| Init::<S, _>::init(&init)`, spanned over the path of `init`.
fn call_init(krate: &CratePath<'_>, state: &syn::Type, init: &syn::Path) -> TokenStream {
    let (first, last) = span_range(init);
    let callee = respan(quote!(|| #krate::Init::<#state, _>::init), first);
    let reference = respan(quote!(&), first);
    let mut arguments = Group::new(Delimiter::Parenthesis, quote!(#reference #init));
    arguments.set_span(last);
    quote!(#callee #arguments)
}
