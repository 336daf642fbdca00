//! The options of both macros' attributes, `#[authorizer(init = build, crate = "my_core")]`
//! and `#[context(rename_all = "camelCase", nested)]`: the loop that reads them, going on past
//! a bad one so that one build reports them all, and what the options have in common (a
//! string value, a flag, `crate = "..."`, the errors for a duplicate or an unknown key).

use std::fmt::Display;

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use syn::meta::ParseNestedMeta;
use syn::parse::Parser;
use syn::{Attribute, Expr, ExprLit, Lit, LitStr, Path, Token};

use crate::errors::Errors;

/// The attribute whose options are read, by its name, which messages write as `#[name]`.
#[derive(Clone, Copy)]
pub(crate) struct Options(&'static str);

impl Options {
    pub(crate) const AUTHORIZER: Self = Self("authorizer");
    pub(crate) const CONTEXT: Self = Self("context");

    /// Calls `option` for each option in `tokens`, the arguments of the attribute macro.
    pub(crate) fn parse(
        self,
        tokens: TokenStream,
        errors: &mut Errors,
        mut option: impl FnMut(&ParseNestedMeta<'_>) -> syn::Result<()>,
    ) {
        let result = syn::meta::parser(|meta| recover(&meta, option(&meta), errors)).parse2(tokens);
        if let Err(error) = result {
            errors.push(error);
        }
    }

    /// Calls `option` for each option of each of this attribute in `attrs`, the helper
    /// attributes of a derive.
    pub(crate) fn parse_attrs(
        self,
        attrs: &[Attribute],
        errors: &mut Errors,
        mut option: impl FnMut(&ParseNestedMeta<'_>) -> syn::Result<()>,
    ) {
        for attr in attrs.iter().filter(|attr| attr.path().is_ident(self.0)) {
            let result = attr.parse_nested_meta(|meta| recover(&meta, option(&meta), errors));
            if let Err(error) = result {
                errors.push(error);
            }
        }
    }

    /// Sets `slot` to `value`, or rejects an option given twice, at its second occurrence:
    /// the first one stands.
    pub(crate) fn set_once<T>(self, meta: &ParseNestedMeta<'_>, slot: &mut Option<T>, value: T) -> syn::Result<()> {
        if slot.is_some() {
            return Err(self.duplicate(meta));
        }
        *slot = Some(value);
        Ok(())
    }

    /// An option that is only a name, such as `nested`. `seen` is set even when a value is
    /// written, so that the rest is checked as the user meant.
    pub(crate) fn flag(self, meta: &ParseNestedMeta<'_>, seen: &mut bool) -> syn::Result<()> {
        if std::mem::replace(seen, true) {
            return Err(self.duplicate(meta));
        }
        if meta.input.is_empty() || meta.input.peek(Token![,]) {
            Ok(())
        } else {
            let flag = meta.path.to_token_stream();
            Err(meta.error(format_args!("`{flag}` takes no value: write `#[{}({flag})]`", self.0)))
        }
    }

    fn duplicate(self, meta: &ParseNestedMeta<'_>) -> syn::Error {
        meta.error(format_args!("duplicate #[{}] option {}; give it once", self.0, key(meta)))
    }

    /// `unknown #[name] option `key``, then `hint`, which says where it goes or what to write
    /// instead, such as `; the options are ...`.
    pub(crate) fn unknown(self, meta: &ParseNestedMeta<'_>, hint: impl Display) -> syn::Error {
        meta.error(format_args!("unknown #[{}] option {}{hint}", self.0, key(meta)))
    }
}

/// Records the error of a bad option, if any, and skips what is left of it, up to the next
/// comma, to go on with the next option.
fn recover(meta: &ParseNestedMeta<'_>, result: syn::Result<()>, errors: &mut Errors) -> syn::Result<()> {
    if let Err(error) = result {
        errors.push(error);
        while !meta.input.is_empty() && !meta.input.peek(Token![,]) {
            meta.input.parse::<TokenTree>()?;
        }
    }
    Ok(())
}

/// The option's key as written, in backticks, for messages.
fn key(meta: &ParseNestedMeta<'_>) -> String {
    meta.path.get_ident().map_or_else(|| "this".to_owned(), |ident| format!("`{ident}`"))
}

/// The string of `key = "..."`, or an error saying how to write it: `example`.
pub(crate) fn string(meta: &ParseNestedMeta<'_>, example: &str) -> syn::Result<LitStr> {
    let expr: Expr = meta.value()?.parse()?;
    match expr {
        Expr::Lit(ExprLit { lit: Lit::Str(lit), .. }) => Ok(lit),
        other => Err(syn::Error::new_spanned(other, format!("{} takes a string: {example}", key(meta)))),
    }
}

/// `crate = "path"`, where `authorizer_core` is when Cargo.toml renames it: a string, as in
/// serde and tokio, since `crate` is a keyword.
pub(crate) fn crate_path(meta: &ParseNestedMeta<'_>) -> syn::Result<Path> {
    let value = string(meta, "`crate = \"my_core\"` when Cargo.toml renames `authorizer_core` to `my_core`")?;
    value.parse().map_err(|_| {
        syn::Error::new(value.span(), "`crate` takes the path of `authorizer_core` as a string: `crate = \"my_core\"`")
    })
}

#[cfg(test)]
mod tests {
    use proc_macro2::TokenStream;
    use quote::quote;

    use super::{Options, crate_path, string};
    use crate::errors::Errors;
    use crate::test_support::errors;

    /// The keys `parse` read and the messages it reported, for `#[context(...)]` options
    /// `a = "..."` (set once), `f` (a flag) and `crate = "..."`.
    fn read(tokens: TokenStream) -> (Vec<String>, Option<String>, Vec<String>) {
        let attribute = Options::CONTEXT;
        let mut found = Errors::default();
        let (mut keys, mut a, mut flag, mut krate) = (Vec::new(), None, false, None);
        attribute.parse(tokens, &mut found, |meta| {
            keys.push(meta.path.get_ident().map(ToString::to_string).unwrap_or_default());
            if meta.path.is_ident("a") {
                attribute.set_once(meta, &mut a, string(meta, "`a = \"x\"`")?.value())
            } else if meta.path.is_ident("f") {
                attribute.flag(meta, &mut flag)
            } else if meta.path.is_ident("crate") {
                attribute.set_once(meta, &mut krate, crate_path(meta)?)
            } else {
                Err(attribute.unknown(meta, "; the options are `a` and `f`"))
            }
        });
        (keys, a, errors(&found.into_compile_errors()))
    }

    #[test]
    fn a_bad_option_is_skipped_up_to_the_next_comma() {
        let (keys, a, errors) = read(quote!(a = 1 + 2, zz = [3] 4, f = true, f, a = "x", crate = 1, crate = "a b"));
        assert_eq!(keys, ["a", "zz", "f", "f", "a", "crate", "crate"]);
        assert_eq!(a.as_deref(), Some("x"));
        assert_eq!(
            errors,
            [
                "`a` takes a string: `a = \"x\"`",
                "unknown #[context] option `zz`; the options are `a` and `f`",
                "`f` takes no value: write `#[context(f)]`",
                "duplicate #[context] option `f`; give it once",
                "`crate` takes a string: `crate = \"my_core\"` when Cargo.toml renames `authorizer_core` to `my_core`",
                "`crate` takes the path of `authorizer_core` as a string: `crate = \"my_core\"`",
            ]
        );
    }

    /// The error is at the second occurrence, so the first one is what the rest sees.
    #[test]
    fn a_duplicate_is_rejected_and_the_first_stands() {
        let (_, a, errors) = read(quote!(a = "first", a = "second"));
        assert_eq!(a.as_deref(), Some("first"));
        assert_eq!(errors, ["duplicate #[context] option `a`; give it once"]);
    }

    #[test]
    fn a_syntax_error_stops_the_options() {
        let (keys, _, errors) = read(quote!(a = "x" f));
        assert_eq!(keys, ["a"]);
        assert_eq!(errors, ["expected `,`"]);
    }
}
