//! The options of `#[authorizer(...)]`.

use proc_macro2::{TokenStream, TokenTree};
use syn::meta::ParseNestedMeta;
use syn::parse::Parser;
use syn::{Expr, ExprLit, ExprPath, Lit, LitStr, Path, Token};

use crate::errors::Errors;

/// `#[authorizer(init = build_state, crate = "renamed_core")]`
#[derive(Default)]
pub(super) struct Args {
    /// The function that builds the shared state at cold start.
    pub(super) init: Option<Path>,
    /// `init` was given, valid or not: when it is not, that is the error to report.
    pub(super) init_given: bool,
    /// Where `authorizer_core` is, when it was renamed in Cargo.toml.
    pub(super) krate: Option<Path>,
}

const OPTIONS: &str = "`init = build_state` and `crate = \"my_core\"`";

/// Parses every option, reporting each bad one and going on with the next, so that one
/// build shows them all.
pub(super) fn parse(tokens: TokenStream, errors: &mut Errors) -> Args {
    let mut args = Args::default();
    let parser = syn::meta::parser(|meta| {
        let result = if meta.path.is_ident("init") {
            args.init_given = true;
            init(&meta).and_then(|path| set_once(&meta, &mut args.init, path, "init"))
        } else if meta.path.is_ident("crate") {
            krate(&meta).and_then(|path| set_once(&meta, &mut args.krate, path, "crate"))
        } else {
            let name = meta.path.get_ident().map_or_else(|| "this".to_owned(), |i| format!("`{i}`"));
            Err(meta.error(format_args!("unknown #[authorizer] option {name}; the options are {OPTIONS}")))
        };
        if let Err(error) = result {
            errors.push(error);
            skip_value(&meta)?;
        }
        Ok(())
    });
    if let Err(error) = parser.parse2(tokens) {
        errors.push(error);
    }
    args
}

/// `init = path::to::function`
fn init(meta: &ParseNestedMeta<'_>) -> syn::Result<Path> {
    let value = meta.value()?;
    if let Ok(lit) = value.fork().parse::<LitStr>() {
        return Err(syn::Error::new(
            lit.span(),
            format_args!("`init` takes the function itself, not a string: write `init = {}`", lit.value()),
        ));
    }
    match value.parse::<Expr>()? {
        Expr::Path(ExprPath { qself: None, path, .. }) => Ok(path),
        other => Err(syn::Error::new_spanned(
            other,
            "`init` takes a path to a function: `init = build_state`, with `fn build_state() -> Result<State, Error>`",
        )),
    }
}

/// `crate = "path"`, a string as in serde and tokio, since `crate` is a keyword.
fn krate(meta: &ParseNestedMeta<'_>) -> syn::Result<Path> {
    let expr: Expr = meta.value()?.parse()?;
    match &expr {
        Expr::Lit(ExprLit { lit: Lit::Str(lit), .. }) => lit.parse().map_err(|_| {
            syn::Error::new(
                lit.span(),
                "`crate` takes the path of `authorizer_core` as a string: `crate = \"my_core\"`",
            )
        }),
        _ => Err(syn::Error::new_spanned(
            &expr,
            "`crate` takes a string: `crate = \"my_core\"` when Cargo.toml renames `authorizer_core` to `my_core`",
        )),
    }
}

/// Rejects an option given twice, at its second occurrence.
fn set_once(meta: &ParseNestedMeta<'_>, slot: &mut Option<Path>, value: Path, name: &str) -> syn::Result<()> {
    if slot.is_some() {
        return Err(meta.error(format_args!("duplicate #[authorizer] option `{name}`; give it once")));
    }
    *slot = Some(value);
    Ok(())
}

/// Skips what is left of a bad option, up to the next comma, to go on with the next one.
fn skip_value(meta: &ParseNestedMeta<'_>) -> syn::Result<()> {
    while !meta.input.is_empty() && !meta.input.peek(Token![,]) {
        meta.input.parse::<TokenTree>()?;
    }
    Ok(())
}
