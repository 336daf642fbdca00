//! The options of `#[authorizer(...)]`.

use proc_macro2::TokenStream;
use syn::meta::ParseNestedMeta;
use syn::parse::Parser;
use syn::{LitStr, Path};

use crate::errors::Errors;

/// `#[authorizer(init = build_state, crate = "renamed_core")]`
#[derive(Default)]
pub(super) struct Args {
    /// The function that builds the shared state at cold start.
    pub(super) init: Option<Path>,
    /// Where `authorizer_core` is, when it was renamed in Cargo.toml.
    pub(super) krate: Option<Path>,
}

const OPTIONS: &str = "`init = path::to::function` or `crate = \"path\"`";

pub(super) fn parse(tokens: TokenStream, errors: &mut Errors) -> Args {
    let mut args = Args::default();
    let parser = syn::meta::parser(|meta| {
        if meta.path.is_ident("init") {
            let path: Path = meta.value()?.parse()?;
            set_once(&meta, &mut args.init, path, "init")
        } else if meta.path.is_ident("crate") {
            let path: LitStr = meta.value()?.parse()?;
            set_once(&meta, &mut args.krate, path.parse()?, "crate")
        } else {
            let name = meta.path.get_ident().map_or_else(|| "this".to_owned(), |i| format!("`{i}`"));
            Err(meta.error(format_args!("unknown #[authorizer] option {name}; the options are {OPTIONS}")))
        }
    });
    if let Err(e) = parser.parse2(tokens) {
        errors.push(e);
    }
    args
}

/// Rejects an option given twice, at its second occurrence.
fn set_once(meta: &ParseNestedMeta<'_>, slot: &mut Option<Path>, value: Path, name: &str) -> syn::Result<()> {
    if slot.is_some() {
        return Err(meta.error(format_args!("duplicate #[authorizer] option `{name}`")));
    }
    *slot = Some(value);
    Ok(())
}
