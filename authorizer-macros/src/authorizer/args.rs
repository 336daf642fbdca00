//! The options of `#[authorizer(...)]`.

use proc_macro2::TokenStream;
use syn::meta::ParseNestedMeta;
use syn::{Expr, ExprPath, LitStr, Path};

use crate::errors::Errors;
use crate::options::{Options, crate_path};

/// `#[authorizer(init = build_state, logging = init_logging, crate = "renamed_core")]`
#[derive(Default)]
pub(super) struct Args {
    /// The function that builds the shared state at cold start.
    pub(super) init: Option<Path>,
    /// `init` was given, valid or not: when it is not, that is the error to report.
    pub(super) init_given: bool,
    /// The user's `fn()` that installs their own `tracing` subscriber: `main` calls it first,
    /// and the runtime then installs none.
    pub(super) logging: Option<Path>,
    /// Where `authorizer_core` is, when it was renamed in Cargo.toml.
    pub(super) krate: Option<Path>,
}

const OPTIONS: &str = "`init = build_state`, `logging = init_logging` and `crate = \"my_core\"`";

/// Parses every option, reporting each bad one and going on with the next, so that one
/// build shows them all.
pub(super) fn parse(tokens: TokenStream, errors: &mut Errors) -> Args {
    let mut args = Args::default();
    let attribute = Options::AUTHORIZER;
    attribute.parse(tokens, errors, |meta| {
        if meta.path.is_ident("init") {
            args.init_given = true;
            let example = "`init = build_state`, with `fn build_state() -> Result<State, Error>`";
            attribute.set_once(meta, &mut args.init, function(meta, "init", example)?)
        } else if meta.path.is_ident("logging") {
            let example = "`logging = init_logging`, with `fn init_logging()` that installs your subscriber";
            attribute.set_once(meta, &mut args.logging, function(meta, "logging", example)?)
        } else if meta.path.is_ident("crate") {
            attribute.set_once(meta, &mut args.krate, crate_path(meta)?)
        } else {
            Err(attribute.unknown(meta, format_args!("; the options are {OPTIONS}")))
        }
    });
    args
}

/// `key = path::to::function`; `example` shows how to write it.
fn function(meta: &ParseNestedMeta<'_>, key: &str, example: &str) -> syn::Result<Path> {
    let value = meta.value()?;
    if let Ok(lit) = value.fork().parse::<LitStr>() {
        return Err(syn::Error::new(
            lit.span(),
            format_args!("`{key}` takes the function itself, not a string: write `{key} = {}`", lit.value()),
        ));
    }
    match value.parse::<Expr>()? {
        Expr::Path(ExprPath { qself: None, path, .. }) => Ok(path),
        other => Err(syn::Error::new_spanned(other, format!("`{key}` takes a path to a function: {example}"))),
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::super::expand;
    use crate::test_support::{compact, errors};

    #[test]
    fn logging_is_called_first_in_main() {
        let item = quote!(
            fn authorize(request: TokenRequest) -> Result<Decision, Error> {
                todo!()
            }
        );
        let out = expand(quote!(logging = telemetry::init_logging), item);
        assert!(errors(&out).is_empty(), "{:?}", errors(&out));
        let out = compact(&out);
        let call = "fnreport(self)->::std::process::ExitCode{{::authorizer_core::__private::before_user_code();\
                    letlogging:fn()=telemetry::init_logging;logging();}";
        assert!(out.contains(call), "{out}");
    }

    #[test]
    fn logging_takes_a_path_once() {
        let item = quote!(
            fn authorize(request: TokenRequest) -> Result<Decision, Error> {
                todo!()
            }
        );
        let out = expand(quote!(logging = "init_logging", logging = || (), logging = a, logging = b, log = a), item);
        assert_eq!(
            errors(&out),
            [
                "`logging` takes the function itself, not a string: write `logging = init_logging`",
                "`logging` takes a path to a function: `logging = init_logging`, with `fn init_logging()` that installs your subscriber",
                "duplicate #[authorizer] option `logging`; give it once",
                "unknown #[authorizer] option `log`; the options are `init = build_state`, `logging = init_logging` and `crate = \"my_core\"`",
            ]
        );
    }
}
