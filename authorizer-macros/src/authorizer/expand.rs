//! Generates `main` for a valid authorizer function. Reports no user errors: the checks
//! are done; the type rules are checked by the compiler through the traits called here,
//! with the user's own type tokens so that their errors point at them.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::Type;
use syn::spanned::Spanned;

use super::args::Args;
use super::validate::Model;
use crate::paths::CratePath;

pub(super) fn expand(model: &Model<'_>, args: &Args) -> TokenStream {
    let krate = CratePath::new(args.krate.as_ref());
    let private = krate.private();
    let item = model.item;
    let ident = &item.sig.ident;

    let request = model.request;
    let request_check = quote_spanned! {request.span()=>
        #private::assert_request::<#request>();
    };
    let output_check = item.return_type().filter(|ty| !has_impl_trait(ty)).map(|output| {
        quote_spanned! {output.span()=>
            #private::assert_outcome::<#output>();
        }
    });
    let run = match (&model.state, &args.init) {
        (Some(_), Some(init)) => quote_spanned! {init.span()=>
            #private::run_with_state(#ident, #init)
        },
        _ => quote!(#private::run(#ident)),
    };

    quote! {
        #item

        fn main() -> ::std::process::ExitCode {
            #run
        }

        const _: () = {
            #request_check
            #output_check
        };
    }
}

/// `impl Trait` cannot be named in a turbofish; the compiler checks those types at `main`.
fn has_impl_trait(ty: &Type) -> bool {
    match ty {
        Type::ImplTrait(_) => true,
        Type::Path(path) => path.path.segments.iter().any(|segment| match &segment.arguments {
            syn::PathArguments::AngleBracketed(args) => args.args.iter().any(|arg| match arg {
                syn::GenericArgument::Type(ty) => has_impl_trait(ty),
                _ => false,
            }),
            _ => false,
        }),
        Type::Reference(r) => has_impl_trait(&r.elem),
        Type::Paren(p) => has_impl_trait(&p.elem),
        Type::Group(g) => has_impl_trait(&g.elem),
        _ => false,
    }
}
