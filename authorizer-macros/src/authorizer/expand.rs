//! Generates `main` for a valid authorizer function. Reports no user errors: the checks
//! are done; the type rules are checked by the compiler through traits called with the
//! user's own type tokens, so that their errors point at them.
//!
//! Each type is checked once, where the user wrote it, by a statement such as
//! `let _ = <String as AuthorizerRequest>::from_event;` spanned over the type. The call
//! that starts the runtime then names the same type as `<String as Request>::Is`, over the
//! same span: when the check fails, that projection fails with it, at the same span, and
//! rustc reports the failure once and nothing that depends on it (no second error inside
//! the generated code, no private path in a message).

use proc_macro2::{Delimiter, Group, TokenStream};
use quote::quote;

use super::args::Args;
use super::validate::{Model, Output};
use crate::paths::CratePath;
use crate::spans::{around, respan, span_range};

pub(super) fn expand(model: &Model<'_>, args: &Args) -> TokenStream {
    let krate = CratePath::new(args.krate.as_ref());
    let private = krate.private();
    let item = model.item;
    let ident = &item.sig.ident;

    let mut checks = vec![around(quote!(let _ = <), model.request, quote!(as #krate::AuthorizerRequest>::from_event;))];
    let request = around(quote!(<), model.request, quote!(as #private::Request>::Is));
    let output = match model.output {
        Output::Named(ty) => {
            checks.push(around(quote!(let _ = <), ty, quote!(as #krate::Outcome>::into_result;)));
            around(quote!(<), ty, quote!(as #private::Returns>::Is))
        }
        Output::Inferred => quote!(_),
    };

    let run = match (&model.state, model.is_async) {
        (None, false) => quote!(#private::run::<#request, #output, _>(#ident)),
        (None, true) => quote!(#private::run_async::<#request, #output, _, _>(#ident)),
        (Some(state), is_async) => {
            let ty = state.ty;
            // `init`'s signature is checked here, where `init = ...` names it; the closure's
            // future is what the runtime awaits, inside its panic guard.
            let init = call_init(&krate, ty, state.init);
            if is_async {
                quote!(#private::run_async_with_state::<#request, #ty, #output, _, _, _, _>(#ident, #init))
            } else {
                quote!(#private::run_with_state::<#request, #ty, #output, _, _, _>(#ident, #init))
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
            #(#checks)*
            #run
        }
    }
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
