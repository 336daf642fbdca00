//! The options of `#[authorizer(...)]`.

use proc_macro2::TokenStream;
use syn::meta::ParseNestedMeta;
use syn::{Expr, ExprPath, LitStr, Path};

use crate::errors::Errors;
use crate::options::{Options, crate_path};

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
    let attribute = Options::AUTHORIZER;
    attribute.parse(tokens, errors, |meta| {
        if meta.path.is_ident("init") {
            args.init_given = true;
            attribute.set_once(meta, &mut args.init, init(meta)?)
        } else if meta.path.is_ident("crate") {
            attribute.set_once(meta, &mut args.krate, crate_path(meta)?)
        } else {
            Err(attribute.unknown(meta, format_args!("; the options are {OPTIONS}")))
        }
    });
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
