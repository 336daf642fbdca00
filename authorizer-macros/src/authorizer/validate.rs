//! The rules an `#[authorizer]` function must follow, one function each. Each rule says
//! why; the type rules (request, return and state types) are left to the compiler, through
//! traits with their own messages, since only it knows what a path names.

use syn::{FnArg, Type};

use super::args::Args;
use super::item::ItemFn;
use crate::errors::Errors;

/// What the expansion needs to know, once the rules hold.
pub(super) struct Model<'a> {
    pub(super) item: &'a ItemFn,
    /// The request type (first parameter).
    pub(super) request: &'a Type,
    /// `S` of the second parameter `&S`, if there is one.
    pub(super) state: Option<&'a Type>,
}

pub(super) fn check<'a>(item: &'a ItemFn, args: &Args, errors: &mut Errors) -> Option<Model<'a>> {
    not_main(item, errors);
    no_receiver(item, errors);
    not_generic(item, errors);
    plain_function(item, errors);
    has_return_type(item, errors);
    let request = request_parameter(item, errors);
    let state = state_parameter(item, args, errors);
    no_extra_parameters(item, errors);
    if !errors.is_empty() {
        return None;
    }
    Some(Model { item, request: request?, state: state? })
}

/// `#[authorizer]` generates `main`, so the function cannot be `main` itself.
fn not_main(item: &ItemFn, errors: &mut Errors) {
    if item.sig.ident == "main" {
        errors.spanned(
            &item.sig.ident,
            "#[authorizer] generates `main`; give the authorizer function another name, such as `authorize`",
        );
    }
}

/// The generated `main` calls a free function: there is no value to call a method on.
fn no_receiver(item: &ItemFn, errors: &mut Errors) {
    if let Some(FnArg::Receiver(receiver)) = item.sig.inputs.first() {
        errors.spanned(receiver, "an authorizer cannot take `self`: make it a free function");
    }
}

/// The generated `main` must name one request type and one context type.
fn not_generic(item: &ItemFn, errors: &mut Errors) {
    let generics = &item.sig.generics;
    if !generics.params.is_empty() || generics.where_clause.is_some() {
        errors.spanned(
            generics,
            "an authorizer cannot be generic: `main` must know its request, state and context types",
        );
    }
    for param in item.params() {
        if let Type::ImplTrait(ty) = &*param.ty {
            errors.spanned(ty, "an authorizer cannot take `impl Trait`: name the request type, such as `TokenRequest`");
        }
    }
}

/// `main` calls it as a plain Rust function.
fn plain_function(item: &ItemFn, errors: &mut Errors) {
    let sig = &item.sig;
    if let syn::Safety::Unsafe(unsafety) = &sig.safety {
        errors.spanned(unsafety, "an authorizer cannot be `unsafe`");
    }
    if let Some(abi) = &sig.abi {
        errors.spanned(abi, "an authorizer cannot have an `extern` ABI");
    }
    if let Some(variadic) = &sig.variadic {
        errors.spanned(variadic, "an authorizer cannot be variadic");
    }
}

/// Without a return type the function decides nothing.
fn has_return_type(item: &ItemFn, errors: &mut Errors) {
    if item.return_type().is_none() {
        errors.spanned(
            &item.sig,
            "an authorizer returns its decision: add `-> Result<Decision<C>, Error>` (or `-> Result<Decision, Error>` without context)",
        );
    }
}

/// The first parameter is the event API Gateway sends.
fn request_parameter<'a>(item: &'a ItemFn, errors: &mut Errors) -> Option<&'a Type> {
    let first = item.params().next();
    if first.is_none() && !matches!(item.sig.inputs.first(), Some(FnArg::Receiver(_))) {
        errors.push(syn::Error::new(
            item.sig.paren_token.span.join(),
            "an authorizer takes the request as its first parameter, such as `request: TokenRequest` or `request: RestRequest`",
        ));
    }
    first.map(|param| &*param.ty)
}

/// The second parameter, if any, is the shared state built once by `init`.
/// `Some(None)`: no state; `None`: an error was reported.
fn state_parameter<'a>(item: &'a ItemFn, args: &Args, errors: &mut Errors) -> Option<Option<&'a Type>> {
    let Some(param) = item.params().nth(1) else {
        if let Some(init) = &args.init {
            errors.spanned(
                init,
                "`init` builds shared state, but the authorizer takes none: add a second parameter such as `state: &AppState`",
            );
            return None;
        }
        return Some(None);
    };
    let Type::Reference(reference) = &*param.ty else {
        errors.spanned(
            &param.ty,
            "the second parameter of an authorizer is its shared state, borrowed: write `&AppState`",
        );
        return None;
    };
    if let Some(mutability) = &reference.mutability {
        errors.spanned(
            mutability,
            "the shared state is shared by every invocation: take `&AppState`, and use interior mutability (a `Mutex`, an atomic) for what changes",
        );
        return None;
    }
    if args.init.is_none() {
        errors.spanned(
            &param.ty,
            "this authorizer takes shared state: name the function that builds it once, at cold start, with `#[authorizer(init = build_state)]`",
        );
        return None;
    }
    Some(Some(&reference.elem))
}

/// A request and a state are all an authorizer receives.
fn no_extra_parameters(item: &ItemFn, errors: &mut Errors) {
    if let Some(extra) = item.params().nth(2) {
        errors.spanned(extra, "an authorizer takes at most two parameters: the request, and `&State` built by `init`");
    }
}
