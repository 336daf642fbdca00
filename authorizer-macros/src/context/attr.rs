//! The `#[context(...)]` attributes of `#[derive(Context)]`.

use syn::{Attribute, LitStr, Path};

use crate::errors::Errors;

/// `#[context(rename_all = "camelCase", crate = "renamed_core")]` on the struct.
#[derive(Default)]
pub(super) struct Container {
    pub(super) rename_all: Option<RenameAll>,
    pub(super) krate: Option<Path>,
}

/// `#[context(rename = "key")]` or `#[context(skip)]` on a field.
#[derive(Default)]
pub(super) struct Field {
    pub(super) rename: Option<LitStr>,
    pub(super) skip: bool,
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

fn is_context(attr: &Attribute) -> bool {
    attr.path().is_ident("context")
}

pub(super) fn container(attrs: &[Attribute], errors: &mut Errors) -> Container {
    let mut out = Container::default();
    for attr in attrs.iter().filter(|a| is_context(a)) {
        let result = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename_all") {
                let value: LitStr = meta.value()?.parse()?;
                let Some(rule) = RenameAll::from_str(&value.value()) else {
                    return Err(syn::Error::new_spanned(&value, format!("unknown `rename_all` rule; use {RENAME_ALL}")));
                };
                if out.rename_all.replace(rule).is_some() {
                    return Err(meta.error("duplicate #[context] option `rename_all`"));
                }
                Ok(())
            } else if meta.path.is_ident("crate") {
                let value: LitStr = meta.value()?.parse()?;
                if out.krate.replace(value.parse()?).is_some() {
                    return Err(meta.error("duplicate #[context] option `crate`"));
                }
                Ok(())
            } else if meta.path.is_ident("rename") || meta.path.is_ident("skip") {
                Err(meta.error("`rename` and `skip` go on a field, not on the struct"))
            } else {
                Err(meta.error("unknown #[context] option on a struct; the options are `rename_all = \"camelCase\"` and `crate = \"path\"`"))
            }
        });
        if let Err(e) = result {
            errors.push(e);
        }
    }
    out
}

pub(super) fn field(attrs: &[Attribute], errors: &mut Errors) -> Field {
    let mut out = Field::default();
    for attr in attrs.iter().filter(|a| is_context(a)) {
        let result = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename") {
                let value: LitStr = meta.value()?.parse()?;
                if value.value().is_empty() {
                    return Err(syn::Error::new_spanned(&value, "a context key cannot be empty"));
                }
                if out.rename.replace(value).is_some() {
                    return Err(meta.error("duplicate #[context] option `rename`"));
                }
                Ok(())
            } else if meta.path.is_ident("skip") {
                if std::mem::replace(&mut out.skip, true) {
                    return Err(meta.error("duplicate #[context] option `skip`"));
                }
                Ok(())
            } else if meta.path.is_ident("rename_all") || meta.path.is_ident("crate") {
                Err(meta.error("`rename_all` and `crate` go on the struct, not on a field"))
            } else {
                Err(meta.error("unknown #[context] option on a field; the options are `rename = \"key\"` and `skip`"))
            }
        });
        if let Err(e) = result {
            errors.push(e);
        }
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
