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

use proc_macro2::{Delimiter, Group, Ident, Spacing, Span, TokenStream, TokenTree};
use quote::{ToTokens, format_ident, quote};

use super::args::Args;
use super::once::{once, second_authorizer};
use super::validate::{Model, Output};
use crate::paths::CratePath;
use crate::spans::{around, over, respan, span_range};

pub(super) fn expand(model: &Model<'_>, args: &Args) -> TokenStream {
    let krate = CratePath::new(args.krate.as_ref());
    let private = krate.private();
    let item = model.item;
    let ident = &item.sig.ident;
    let lifetimes: Vec<&Ident> = item.sig.generics.lifetimes().map(|param| &param.lifetime.ident).collect();
    let request = &elide(model.request, &lifetimes);
    // A function taking the `LambdaContext` is called through a closure that hands it the
    // current invocation's: the runtime then runs it as one that does not.
    let function = if model.takes_context {
        let context = quote!(#private::lambda_context());
        // Hygienic names, so that no constant of the user's is taken for a pattern.
        let request = format_ident!("request", span = Span::mixed_site());
        let state = format_ident!("state", span = Span::mixed_site());
        match model.state {
            None => quote!(|#request| #ident(#request, #context)),
            Some(_) => quote!(|#request, #state| #ident(#request, #state, #context)),
        }
    } else {
        quote!(#ident)
    };

    let mut checks = vec![around(quote!(let _ = <), request, quote!(as #krate::AuthorizerRequest>::from_event;))];
    let (probe, rule_span) = match model.output {
        Output::Named(ty) => {
            let ty = &elide(ty, &lifetimes);
            checks.push(around(quote!(let _ = <), ty, quote!(as #krate::Outcome>::into_result;)));
            (quote!(#private::Probe::<#request, #ty>::NEW), span_range(ty))
        }
        // An `impl Trait` cannot be named: the compiler infers it from the function, before
        // `Kind` is resolved (which, were it still unknown, would pick `Accepted`). Naming
        // `Outcome::into_result` for it is its check, spanned over the return type.
        Output::Inferred(ty) => {
            let constructor = match (&model.state, model.is_async) {
                (None, false) => quote!(returned_by),
                (None, true) => quote!(returned_by_async),
                (Some(_), false) => quote!(returned_by_with_state),
                (Some(_), true) => quote!(returned_by_async_with_state),
            };
            let range = span_range(ty);
            let callee = over(quote!(#private::Probe::<#request, _>::#constructor), range);
            let outcome = over(quote!(#krate::Outcome::into_result), range);
            let mut arguments = Group::new(Delimiter::Parenthesis, quote!(&#function, #outcome));
            arguments.set_span(range.1);
            (quote!(#callee #arguments), range)
        }
    };
    // The context rule of the request's kind, reported on the return type, which names
    // the context.
    let flat = over(quote!(#krate::Context::write_context), rule_span);
    let json = over(quote!(#krate::JsonContext::write_json_context), rule_span);
    let kind = kind_ident();

    let run = match &model.state {
        None if model.is_async => quote!(run_async(#function)),
        None => quote!(run(#function)),
        Some(state) => {
            // `init`'s signature is checked here, where `init = ...` names it; the closure's
            // future is what the runtime awaits, inside its panic guard.
            let init = call_init(&krate, &elide(state.ty, &lifetimes), state.init);
            // Spanned over the state's type, where a state that is not `Sync` is reported.
            let method = if model.is_async { quote!(run_async_with_state) } else { quote!(run_with_state) };
            let method = over(method, span_range(state.ty));
            quote!(#method(#function, #init))
        }
    };

    let allow = allow(model);
    // The user's own subscriber, installed before anything else runs: the runtime keeps it.
    let logging = args.logging.as_ref().map(|path| set_up_logging(path, &private));
    let panic_abort = panic_abort_warning();

    // `main` is in a module of its own, glob-imported, so that a `fn main` of the user's
    // shadows it rather than clashing with it (rustc's E0428, which cannot say why); then
    // `main_is_generated` finds the user's, and says to remove it. The module names nothing
    // of the user's, so that it compiles in a block too (as in a doctest): `main` returns a
    // type of its own, whose `Termination::report` runs the authorizer.
    let main = quote! {
        #[doc(hidden)]
        mod __authorizer_main {
            pub(super) struct __AuthorizerMain;

            pub(super) fn main() -> __AuthorizerMain {
                __AuthorizerMain
            }
        }

        use __authorizer_main::*;

        const _: () = {
            #[automatically_derived]
            impl ::std::process::Termination for __authorizer_main::__AuthorizerMain {
                fn report(self) -> ::std::process::ExitCode {
                    #logging
                    use #private::Kind as _;
                    #(#checks)*
                    let #kind = (&&&&#probe).__authorizer_kind();
                    #kind.check_context(#flat, #json);
                    #kind.#run
                }
            }

            #[automatically_derived]
            impl #private::Entry for __authorizer_main::__AuthorizerMain {}

            #private::main_is_generated(&main, #private::GeneratedMain::generated_main)
        };
    };
    let main = once(&private, main, second_authorizer(ident));

    quote! {
        #allow
        #item
        #main
        #panic_abort
    }
}

/// Under `panic = "abort"` a panic of the authorizer ends the process (API Gateway still
/// answers 500, and Lambda starts a new one, cold) where it is otherwise an `AuthorizerPanic`
/// the process serves on after. A warning says so: stable Rust has no warning a macro can
/// emit, so it is the deprecation of an item the expansion uses (`deprecated` fires inside
/// the crate that declares the item too).
pub(super) fn panic_abort_warning() -> TokenStream {
    quote! {
        #[cfg(panic = "abort")]
        const _: () = {
            #[deprecated(
                note = "this binary is built with `panic = \"abort\"`: a panic in the authorizer ends the process \
                        (API Gateway answers 500 and Lambda starts a new one, cold) instead of being reported \
                        as an `AuthorizerPanic` while the process serves on; remove `panic = \"abort\"` from the profile"
            )]
            struct PanicAbort;
            let _ = PanicAbort;
        };
    }
}

/// Lints the user cannot heed, since they are about a signature the framework imposes.
fn allow(model: &Model<'_>) -> Option<TokenStream> {
    let sig = &model.item.sig;
    let mut lints = Vec::new();
    // The request is handed over by value, so a function that only reads it cannot heed
    // `needless_pass_by_value` (an `async fn` is never linted for it; one returning
    // `impl Future` is).
    if sig.asyncness.is_none() {
        lints.push(quote!(clippy::needless_pass_by_value));
    }
    // The state is lent as `&S` whatever `S` is, so a small `Copy` state cannot heed
    // `trivially_copy_pass_by_ref`.
    if model.state.is_some() {
        lints.push(quote!(clippy::trivially_copy_pass_by_ref));
    }
    (!lints.is_empty()).then(|| quote!(#[allow(#(#lints),*)]))
}

/// `ty` with each lifetime the function declares made `'_`, which the compiler infers:
/// `main` copies the types as written, and those lifetimes are not declared there.
fn elide(ty: &impl ToTokens, lifetimes: &[&Ident]) -> TokenStream {
    let mut out = Vec::new();
    let mut tokens = ty.to_token_stream().into_iter().peekable();
    while let Some(token) = tokens.next() {
        match token {
            TokenTree::Punct(tick) if tick.as_char() == '\'' && tick.spacing() == Spacing::Joint => {
                out.push(TokenTree::Punct(tick));
                if let Some(TokenTree::Ident(name)) =
                    tokens.next_if(|next| matches!(next, TokenTree::Ident(name) if lifetimes.contains(&name)))
                {
                    out.push(TokenTree::Ident(Ident::new("_", name.span())));
                }
            }
            TokenTree::Group(group) => {
                let mut elided = Group::new(group.delimiter(), elide(&group.stream(), lifetimes));
                elided.set_span(group.span());
                out.push(TokenTree::Group(elided));
            }
            token => out.push(token),
        }
    }
    out.into_iter().collect()
}

/// The name of what `Probe` picks, hygienic so that nothing of the user's can shadow it.
fn kind_ident() -> Ident {
    format_ident!("__authorizer_kind", span = Span::mixed_site())
}

/// `|| Init::<S, _>::init(&init)`, spanned over the path of `init`.
fn call_init(krate: &CratePath<'_>, state: &TokenStream, init: &syn::Path) -> TokenStream {
    let (first, last) = span_range(init);
    let callee = respan(quote!(|| #krate::Init::<#state, _>::init), first);
    let reference = respan(quote!(&), first);
    let mut arguments = Group::new(Delimiter::Parenthesis, quote!(#reference #init));
    arguments.set_span(last);
    quote!(#callee #arguments)
}

/// `{ before_user_code(); let logging: fn() = path; logging(); }`, with `fn()` spanned over
/// the path, where a function of another signature is reported. What the runtime must do
/// while the process has one thread is done first, since the user's function may start
/// threads (an exporter's, say).
fn set_up_logging(path: &syn::Path, private: &TokenStream) -> TokenStream {
    let ty = respan(quote!(fn()), span_range(path).0);
    let logging = format_ident!("logging", span = Span::mixed_site());
    quote!({ #private::before_user_code(); let #logging: #ty = #path; #logging(); })
}
