//! The `#[context(...)]` attributes of `#[derive(Context)]`.

use proc_macro2::TokenTree;
use quote::quote;
use syn::meta::ParseNestedMeta;
use syn::{Attribute, Expr, ExprLit, Lit, LitStr, Path, Token};

use crate::errors::Errors;

/// `#[context(rename_all = "camelCase", nested, crate = "renamed_core")]` on the struct.
#[derive(Default)]
pub(super) struct Container {
    pub(super) rename_all: Option<RenameAll>,
    /// Values may be objects and arrays: the context is only a `JsonContext`.
    pub(super) nested: bool,
    pub(super) krate: Option<Path>,
}

/// `#[context(rename = "key")]` or `#[context(skip)]` on a field.
#[derive(Default)]
pub(super) struct Field {
    pub(super) rename: Option<LitStr>,
    pub(super) skip: bool,
    /// `nested` was written here, which is an error: it goes on the struct.
    pub(super) nested: bool,
}

#[derive(Clone, Copy)]
pub(super) enum RenameAll {
    Lower,
    Upper,
    Pascal,
    Camel,
    Snake,
    ScreamingSnake,
    Kebab,
}

const RENAME_ALL: &str = "\"lowercase\", \"UPPERCASE\", \"PascalCase\", \"camelCase\", \"snake_case\", \"SCREAMING_SNAKE_CASE\" or \"kebab-case\"";

impl RenameAll {
    fn from_str(s: &str) -> Option<Self> {
        Some(match s {
            "lowercase" => Self::Lower,
            "UPPERCASE" => Self::Upper,
            "PascalCase" => Self::Pascal,
            "camelCase" => Self::Camel,
            "snake_case" => Self::Snake,
            "SCREAMING_SNAKE_CASE" => Self::ScreamingSnake,
            "kebab-case" => Self::Kebab,
            _ => return None,
        })
    }

    /// The key of a `snake_case` field name.
    pub(super) fn apply(self, field: &str) -> String {
        let words = field.split('_').filter(|w| !w.is_empty());
        let capitalised = |w: &str| {
            let mut chars = w.chars();
            chars.next().map(|c| c.to_uppercase().chain(chars).collect::<String>()).unwrap_or_default()
        };
        match self {
            Self::Lower | Self::Snake => field.to_ascii_lowercase(),
            Self::Upper | Self::ScreamingSnake => field.to_ascii_uppercase(),
            Self::Kebab => field.replace('_', "-"),
            Self::Pascal => words.map(capitalised).collect(),
            Self::Camel => words.enumerate().map(|(i, w)| if i == 0 { w.to_owned() } else { capitalised(w) }).collect(),
        }
    }
}

/// The string value of `name = "..."`, or an error saying how to write it.
fn string(meta: &ParseNestedMeta<'_>, name: &str, example: &str) -> syn::Result<LitStr> {
    let expr: Expr = meta.value()?.parse()?;
    match expr {
        Expr::Lit(ExprLit { lit: Lit::Str(lit), .. }) => Ok(lit),
        other => Err(syn::Error::new_spanned(other, format!("`{name}` takes a string: {example}"))),
    }
}

/// The option's name as written, in backticks, for messages.
fn name(meta: &ParseNestedMeta<'_>) -> String {
    meta.path.get_ident().map_or_else(|| "this".to_owned(), |ident| format!("`{ident}`"))
}

/// An option that is only a name, such as `nested`.
fn flag(meta: &ParseNestedMeta<'_>, name: &str) -> syn::Result<()> {
    if meta.input.is_empty() || meta.input.peek(Token![,]) {
        Ok(())
    } else {
        Err(meta.error(format_args!("`{name}` takes no value: write `#[context({name})]`")))
    }
}

fn is_context(attr: &Attribute) -> bool {
    attr.path().is_ident("context")
}

/// Calls `option` for each option of each `#[context(...)]` in `attrs`, reporting every bad
/// one and going on with the next, so that one build shows them all.
fn each_option(
    attrs: &[Attribute],
    errors: &mut Errors,
    mut option: impl FnMut(&ParseNestedMeta<'_>) -> syn::Result<()>,
) {
    for attr in attrs.iter().filter(|a| is_context(a)) {
        let result = attr.parse_nested_meta(|meta| {
            if let Err(error) = option(&meta) {
                errors.push(error);
                // Skip what is left of the bad option, up to the next comma.
                while !meta.input.is_empty() && !meta.input.peek(Token![,]) {
                    meta.input.parse::<TokenTree>()?;
                }
            }
            Ok(())
        });
        if let Err(error) = result {
            errors.push(error);
        }
    }
}

pub(super) fn container(attrs: &[Attribute], errors: &mut Errors) -> Container {
    let mut out = Container::default();
    each_option(attrs, errors, |meta| {
        if meta.path.is_ident("rename_all") {
            let value = string(meta, "rename_all", "`rename_all = \"camelCase\"`")?;
            let Some(rule) = RenameAll::from_str(&value.value()) else {
                return Err(syn::Error::new_spanned(&value, format!("unknown `rename_all` rule; use {RENAME_ALL}")));
            };
            if out.rename_all.replace(rule).is_some() {
                return Err(meta.error("duplicate #[context] option `rename_all`; give it once"));
            }
            Ok(())
        } else if meta.path.is_ident("nested") {
            // Set even when written wrong, so that the fields are checked as the user meant.
            if std::mem::replace(&mut out.nested, true) {
                return Err(meta.error("duplicate #[context] option `nested`; give it once"));
            }
            flag(meta, "nested")
        } else if meta.path.is_ident("crate") {
            let value = string(meta, "crate", "`crate = \"my_core\"`")?;
            let path = value.parse().map_err(|_| {
                syn::Error::new_spanned(
                    &value,
                    "`crate` takes the path of `authorizer_core` as a string: `crate = \"my_core\"`",
                )
            })?;
            if out.krate.replace(path).is_some() {
                return Err(meta.error("duplicate #[context] option `crate`; give it once"));
            }
            Ok(())
        } else if meta.path.is_ident("rename") || meta.path.is_ident("skip") {
            Err(meta.error("`rename` and `skip` go on a field, not on the struct; `rename_all` renames every field"))
        } else if meta.path.get_ident().is_some_and(|ident| ident.to_string().starts_with("nest")) {
            // Most likely meant: check the fields as nested, so that the typo is the only error.
            out.nested = true;
            Err(meta.error(format_args!(
                "unknown #[context] option {}; write `nested` to let the fields hold objects and arrays",
                name(meta)
            )))
        } else {
            Err(meta.error(format_args!(
                "unknown #[context] option {} on a struct; the options are `rename_all = \"camelCase\"`, `nested` and `crate = \"my_core\"`",
                name(meta)
            )))
        }
    });
    out
}

pub(super) fn field(attrs: &[Attribute], errors: &mut Errors) -> Field {
    let mut out = Field::default();
    // `rename = "..."` as written, for an error on all of it.
    let mut rename_option = None;
    each_option(attrs, errors, |meta| {
        if meta.path.is_ident("rename") {
            let value = string(meta, "rename", "`rename = \"userId\"`")?;
            let path = &meta.path;
            rename_option = Some(quote!(#path = #value));
            if value.value().is_empty() {
                return Err(syn::Error::new_spanned(
                    &value,
                    "a context key cannot be empty: the backend reads each value by its key",
                ));
            }
            if out.rename.replace(value).is_some() {
                return Err(meta.error("duplicate #[context] option `rename`; give it once"));
            }
            Ok(())
        } else if meta.path.is_ident("skip") {
            if std::mem::replace(&mut out.skip, true) {
                return Err(meta.error("duplicate #[context] option `skip`; give it once"));
            }
            flag(meta, "skip")
        } else if meta.path.is_ident("nested") {
            out.nested = true;
            Err(meta.error(
                "`nested` goes on the struct, not on a field: `#[context(nested)]` lets every field hold objects and arrays",
            ))
        } else if meta.path.is_ident("rename_all") || meta.path.is_ident("crate") {
            Err(meta.error(
                "`rename_all` and `crate` go on the struct, not on a field; `rename = \"key\"` renames one field",
            ))
        } else {
            Err(meta.error(format_args!(
                "unknown #[context] option {} on a field; the options are `rename = \"key\"` and `skip`",
                name(meta)
            )))
        }
    });
    // A skipped field has no key: a `rename` beside `skip` would be silently ignored.
    if let (true, Some(rename), Some(option)) = (out.skip, &out.rename, rename_option) {
        errors.spanned(
            option,
            format_args!(
                "a skipped field sends no key, so `rename = {:?}` would do nothing: remove it, or remove `skip` to send the field",
                rename.value()
            ),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::RenameAll;

    #[test]
    fn rename_rules() {
        let cases = [
            (RenameAll::Camel, "user_id"),
            (RenameAll::Pascal, "UserId"),
            (RenameAll::ScreamingSnake, "USER_ID"),
            (RenameAll::Kebab, "user-id"),
            (RenameAll::Lower, "user_id"),
            (RenameAll::Upper, "USER_ID"),
            (RenameAll::Snake, "user_id"),
        ];
        assert_eq!(RenameAll::Camel.apply("user_id"), "userId");
        for (rule, expected) in &cases[1..] {
            assert_eq!(rule.apply("user_id"), *expected);
        }
        assert_eq!(RenameAll::Camel.apply("org"), "org");
    }
}
