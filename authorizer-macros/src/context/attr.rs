//! The `#[context(...)]` attributes of `#[derive(Context)]`.

use quote::quote;
use syn::{Attribute, LitStr, Path};

use crate::errors::Errors;
use crate::options::{Options, crate_path, string};

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

pub(super) fn container(attrs: &[Attribute], errors: &mut Errors) -> Container {
    let mut out = Container::default();
    let attribute = Options::CONTEXT;
    attribute.parse_attrs(attrs, errors, |meta| {
        if meta.path.is_ident("rename_all") {
            let value = string(meta, "`rename_all = \"camelCase\"`")?;
            let Some(rule) = RenameAll::from_str(&value.value()) else {
                return Err(syn::Error::new_spanned(&value, format!("unknown `rename_all` rule; use {RENAME_ALL}")));
            };
            attribute.set_once(meta, &mut out.rename_all, rule)
        } else if meta.path.is_ident("nested") {
            attribute.flag(meta, &mut out.nested)
        } else if meta.path.is_ident("crate") {
            attribute.set_once(meta, &mut out.krate, crate_path(meta)?)
        } else if meta.path.is_ident("rename") || meta.path.is_ident("skip") {
            Err(meta.error("`rename` and `skip` go on a field, not on the struct; `rename_all` renames every field"))
        } else if meta.path.get_ident().is_some_and(|ident| ident.to_string().starts_with("nest")) {
            // Most likely meant: check the fields as nested, so that the typo is the only error.
            out.nested = true;
            Err(attribute.unknown(meta, "; write `nested` to let the fields hold objects and arrays"))
        } else {
            Err(attribute.unknown(
                meta,
                " on a struct; the options are `rename_all = \"camelCase\"`, `nested` and `crate = \"my_core\"`",
            ))
        }
    });
    out
}

pub(super) fn field(attrs: &[Attribute], errors: &mut Errors) -> Field {
    let mut out = Field::default();
    // `rename = "..."` as written, for an error on all of it.
    let mut rename_option = None;
    let attribute = Options::CONTEXT;
    attribute.parse_attrs(attrs, errors, |meta| {
        if meta.path.is_ident("rename") {
            let value = string(meta, "`rename = \"userId\"`")?;
            if value.value().is_empty() {
                return Err(syn::Error::new_spanned(
                    &value,
                    "a context key cannot be empty: the backend reads each value by its key",
                ));
            }
            let path = &meta.path;
            let option = quote!(#path = #value);
            attribute.set_once(meta, &mut out.rename, value)?;
            rename_option = Some(option);
            Ok(())
        } else if meta.path.is_ident("skip") {
            attribute.flag(meta, &mut out.skip)
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
            Err(attribute.unknown(meta, " on a field; the options are `rename = \"key\"` and `skip`"))
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
