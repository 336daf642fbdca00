//! The rules an `#[authorizer]` function must follow, one function each. The type rules
//! (request, return and state types, `init`'s signature) are left to the compiler, through
//! traits with their own messages, since only it knows what a path names.

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::{FnArg, GenericParam, Path, PathArguments, Type, TypeParamBound};

use super::args::Args;
use super::item::ItemFn;
use crate::errors::{Errors, pretty};

/// What the expansion needs to know, once the rules hold.
pub(super) struct Model<'a> {
    pub(super) item: &'a ItemFn,
    /// The request type (first parameter).
    pub(super) request: &'a Type,
    /// What the function's call, or its future, gives.
    pub(super) output: Output<'a>,
    /// An `async fn`, or a function returning `impl Future`.
    pub(super) is_async: bool,
    /// The shared state, if the function takes one.
    pub(super) state: Option<State<'a>>,
    /// Whether it takes the invocation's `LambdaContext`, as its last parameter.
    pub(super) takes_context: bool,
}

/// What the function returns, once awaited.
pub(super) enum Output<'a> {
    /// A type written out, checked against `Outcome` where it is written.
    Named(&'a Type),
    /// A type with `impl Trait` in it: it cannot be named, the compiler infers it. The
    /// type as written, for spans.
    Inferred(&'a Type),
}

/// The second parameter `&S` and the `init` that builds `S`.
pub(super) struct State<'a> {
    pub(super) ty: &'a Type,
    pub(super) init: &'a Path,
}

pub(super) fn check<'a>(item: &'a ItemFn, args: &'a Args, errors: &mut Errors) -> Option<Model<'a>> {
    // In the order of the signature, so that the errors read left to right.
    plain_function(item, errors);
    not_main(item, errors);
    not_generic(item, errors);
    no_receiver(item, errors);
    no_impl_trait_parameters(item, errors);
    let takes_context = context_parameter(item, errors);
    let request = request_parameter(item, errors);
    let state = state_parameter(item, args, errors);
    no_extra_parameters(item, errors);
    let output = return_type(item, errors);
    if !errors.is_empty() {
        return None;
    }
    let (output, is_async) = output?;
    Some(Model { item, request: request?, output, is_async, state: state?, takes_context })
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
        errors.spanned(
            receiver,
            "an authorizer cannot take `self`: make it a free function, outside any `impl` (the binary's `main` is generated beside it), and put what it shares in the state built by `init`",
        );
    }
}

/// The generated `main` must name one request type and one context type. Lifetimes are
/// harmless: `main` calls the function as any caller would.
fn not_generic(item: &ItemFn, errors: &mut Errors) {
    let generics = &item.sig.generics;
    let typed: TokenStream = generics
        .params
        .pairs()
        .filter(|pair| !matches!(pair.value(), GenericParam::Lifetime(_)))
        .map(|pair| pair.into_token_stream())
        .collect();
    if !typed.is_empty() {
        errors.spanned(
            typed,
            "an authorizer cannot have type or const parameters: `main` must know its request, state and context types",
        );
    }
    if let Some(where_clause) = &generics.where_clause {
        errors.spanned(
            where_clause,
            "an authorizer cannot have a `where` clause: remove it; `main` calls the function with the types its signature names",
        );
    }
}

/// `impl Trait` in argument position is a type parameter in disguise.
fn no_impl_trait_parameters(item: &ItemFn, errors: &mut Errors) {
    for param in item.params() {
        if let Some(bad) = find_impl_trait(&param.ty) {
            errors.spanned(bad, "an authorizer cannot take `impl Trait`: name the type, such as `TokenRequest`");
        }
    }
}

/// `main` calls it as a plain Rust function, for every event.
fn plain_function(item: &ItemFn, errors: &mut Errors) {
    let sig = &item.sig;
    if let syn::Safety::Unsafe(unsafety) = &sig.safety {
        errors.spanned(
            unsafety,
            "an authorizer cannot be `unsafe`: nothing could uphold its contract; use `unsafe` blocks inside it instead",
        );
    }
    if let Some(abi) = &sig.abi {
        errors.spanned(abi, "an authorizer cannot have an `extern` ABI: remove it");
    }
    if let Some(variadic) = &sig.variadic {
        errors.spanned(
            variadic,
            format_args!(
                "an authorizer cannot be variadic: remove `{}`; it takes the request, and `&State` built by `init`",
                variadic.pat.as_ref().map_or_else(|| "...".to_owned(), |(pat, _)| format!("{}: ...", pretty(pat)))
            ),
        );
    }
}

/// Without a return type the function decides nothing. An `async fn`, or one returning
/// `impl Future<Output = T>`, returns `T` once awaited.
fn return_type<'a>(item: &'a ItemFn, errors: &mut Errors) -> Option<(Output<'a>, bool)> {
    let Some(ty) = item.return_type() else {
        errors.push(syn::Error::new(
            item.sig.paren_token.span.close(),
            "an authorizer returns its decision: add a return type, such as `-> Result<Decision, Error>`",
        ));
        return None;
    };
    let (ty, is_async) = match (future_output(ty), &item.sig.asyncness) {
        (Some(output), None) => (output, true),
        // Awaited once, it would give a second future, not a decision.
        (Some(output), Some(_)) => {
            errors.spanned(
                ty,
                format_args!(
                    "an `async fn` returns a future already: write what it gives once awaited, `-> {}`, or remove `async`",
                    pretty(output)
                ),
            );
            return None;
        }
        (None, asyncness) => (ty, asyncness.is_some()),
    };
    let output = if find_impl_trait(ty).is_some() { Output::Inferred(ty) } else { Output::Named(ty) };
    Some((output, is_async))
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

/// The invocation's `LambdaContext`, when the function takes it: its last parameter, by
/// value, after the request and the state. Told by its name, as only the compiler knows what
/// a path names; a type of another name is a parameter of another kind, reported as such.
fn context_parameter(item: &ItemFn, errors: &mut Errors) -> bool {
    let params: Vec<_> = item.params().collect();
    let contexts: Vec<usize> = (0..params.len()).filter(|&i| names_lambda_context(&params[i].ty)).collect();
    let Some((&first, again)) = contexts.split_first() else { return false };
    if !again.is_empty() {
        for &i in again {
            errors.spanned(params[i], "an authorizer takes the `LambdaContext` once: remove this parameter");
        }
        return false;
    }
    let param = params[first];
    if first == 0 {
        errors.spanned(
            param,
            "the first parameter of an authorizer is its request, such as `request: TokenRequest`; the `LambdaContext` comes last",
        );
    } else if first + 1 != params.len() {
        errors.spanned(
            param,
            "the `LambdaContext` comes last: `fn authorize(request: TokenRequest, state: &State, lambda: LambdaContext)`",
        );
    } else if matches!(&*param.ty, Type::Reference(_)) {
        errors.spanned(
            &param.ty,
            "take the `LambdaContext` by value, `lambda: LambdaContext`: each invocation gets its own (cloning one is cheap)",
        );
    } else {
        return true;
    }
    false
}

/// `LambdaContext`, `authorizer_core::LambdaContext`, or a reference to one.
fn names_lambda_context(ty: &Type) -> bool {
    match ty {
        Type::Reference(reference) => names_lambda_context(&reference.elem),
        Type::Path(path) => {
            path.qself.is_none() && path.path.segments.last().is_some_and(|last| last.ident == "LambdaContext")
        }
        _ => false,
    }
}

/// The parameters other than the `LambdaContext` (which [`context_parameter`] checks,
/// wherever it is), after the first.
fn after_request(item: &ItemFn) -> impl Iterator<Item = &syn::PatType> {
    item.params().filter(|param| !names_lambda_context(&param.ty)).skip(1)
}

/// The second parameter, if any and if not the `LambdaContext`, is the shared state, built
/// once by `init` at cold start and then lent to every invocation. `Some(None)`: no state;
/// `None`: an error was reported.
fn state_parameter<'a>(item: &'a ItemFn, args: &'a Args, errors: &mut Errors) -> Option<Option<State<'a>>> {
    let Some(param) = after_request(item).next() else {
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
            format_args!(
                "the second parameter of an authorizer is its shared state, lent to every invocation: write `&{}`",
                pretty(&param.ty)
            ),
        );
        return None;
    };
    if let Some(mutability) = &reference.mutability {
        errors.spanned(
            mutability,
            format_args!(
                "the shared state is shared by every invocation, so it is lent as `&{}`: use interior mutability (a `Mutex`, an atomic) for what changes",
                pretty(&reference.elem)
            ),
        );
        return None;
    }
    let Some(init) = &args.init else {
        if !args.init_given {
            errors.spanned(
                &param.ty,
                format_args!(
                    "this authorizer takes shared state: name the function that builds it once, at cold start: `#[authorizer(init = build_state)]` with `fn build_state() -> Result<{}, Error>`",
                    pretty(&reference.elem)
                ),
            );
        }
        return None;
    };
    Some(Some(State { ty: &reference.elem, init }))
}

/// A request, a state and the `LambdaContext` are all an authorizer receives.
fn no_extra_parameters(item: &ItemFn, errors: &mut Errors) {
    let extra: TokenStream = after_request(item).skip(1).map(ToTokens::into_token_stream).collect();
    if !extra.is_empty() {
        errors.spanned(
            extra,
            "an authorizer takes the request, then `&State` built by `init`, then the invocation's `LambdaContext`, each if it needs it; put anything else in the state",
        );
    }
}

/// The first `impl Trait` in `ty`, if any: it cannot be named in `main`.
pub(super) fn find_impl_trait(ty: &Type) -> Option<&Type> {
    match ty {
        Type::ImplTrait(_) => Some(ty),
        Type::Path(path) => path.path.segments.iter().find_map(|segment| match &segment.arguments {
            PathArguments::AngleBracketed(args) => args.args.iter().find_map(|arg| match arg {
                syn::GenericArgument::Type(ty) => find_impl_trait(ty),
                _ => None,
            }),
            _ => None,
        }),
        Type::Reference(r) => find_impl_trait(&r.elem),
        Type::Paren(p) => find_impl_trait(&p.elem),
        Type::Group(g) => find_impl_trait(&g.elem),
        Type::Tuple(t) => t.elems.iter().find_map(find_impl_trait),
        Type::Array(a) => find_impl_trait(&a.elem),
        Type::Slice(s) => find_impl_trait(&s.elem),
        _ => None,
    }
}

/// `T` of `impl Future<Output = T>`.
fn future_output(ty: &Type) -> Option<&Type> {
    let Type::ImplTrait(bounds) = ty else { return None };
    bounds.bounds.iter().find_map(|bound| {
        let TypeParamBound::Trait(bound) = bound else { return None };
        let last = bound.path.segments.last().filter(|segment| segment.ident == "Future")?;
        let PathArguments::AngleBracketed(args) = &last.arguments else { return None };
        args.args.iter().find_map(|arg| match arg {
            syn::GenericArgument::AssocType(assoc) if assoc.ident == "Output" => Some(&assoc.ty),
            _ => None,
        })
    })
}
