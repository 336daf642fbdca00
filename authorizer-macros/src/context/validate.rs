//! The rules a `#[derive(Context)]` struct must follow, one function each. Field types are
//! left to the compiler, through `ContextValue` (or `JsonValue`, nested) and its message.

use syn::{Data, DeriveInput, Fields, GenericParam, Ident, Type};

use super::attr::{self, Container};
use crate::errors::Errors;

/// What the expansion needs to know. Built even when a rule fails, so that the fallback
/// still checks every field's type.
pub(super) struct Model<'a> {
    pub(super) input: &'a DeriveInput,
    pub(super) container: &'a Container,
    /// The fields sent, in order.
    pub(super) keys: Vec<Key<'a>>,
    /// The fields skipped (`#[context(skip)]`), which the backend fills with their `Default`.
    pub(super) skipped: Vec<Skipped<'a>>,
    /// `#[context(nested)]`, or, when that is an error, `nested` written on a field: the
    /// fallback then checks the fields as the user meant, and reports nothing more.
    pub(super) nested: bool,
}

/// A field the context does not send.
pub(super) struct Skipped<'a> {
    pub(super) member: &'a Ident,
    pub(super) ty: &'a Type,
}

/// One key of the context.
pub(super) struct Key<'a> {
    pub(super) member: &'a Ident,
    pub(super) ty: &'a Type,
    pub(super) name: String,
}

pub(super) fn check<'a>(input: &'a DeriveInput, container: &'a Container, errors: &mut Errors) -> Model<'a> {
    no_type_parameters(input, errors);
    let mut nested = container.nested;
    let mut skipped = Vec::new();
    let keys = named_fields(input, errors)
        .map_or_else(Vec::new, |fields| keys(fields, container, &mut nested, &mut skipped, errors));
    Model { input, container, keys, skipped, nested }
}

/// Field types must be concrete for the compiler to check them against the context's rule.
fn no_type_parameters(input: &DeriveInput, errors: &mut Errors) {
    for param in &input.generics.params {
        if !matches!(param, GenericParam::Lifetime(_)) {
            errors.spanned(
                param,
                "#[derive(Context)] cannot take type or const parameters: each field needs a concrete type, such as `String`",
            );
        }
    }
}

/// A context is a JSON object: its keys are the names of a struct's fields.
fn named_fields<'a>(input: &'a DeriveInput, errors: &mut Errors) -> Option<&'a Fields> {
    let keyword = match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Unnamed(fields) => {
                errors.spanned(
                    fields,
                    "#[derive(Context)] needs named fields, whose names are the context's keys: `struct Session { user: String }`",
                );
                return None;
            }
            fields => return Some(fields),
        },
        Data::Enum(data) => data.enum_token.span,
        Data::Union(data) => data.union_token.span,
    };
    errors.push(syn::Error::new(
        keyword,
        "#[derive(Context)] goes on a struct with named fields: a context is a map of keys to values",
    ));
    None
}

/// One key per field not skipped; two equal keys would make the backend see only one.
fn keys<'a>(
    fields: &'a Fields,
    container: &Container,
    nested: &mut bool,
    skipped: &mut Vec<Skipped<'a>>,
    errors: &mut Errors,
) -> Vec<Key<'a>> {
    let mut keys: Vec<Key<'a>> = Vec::new();
    for field in fields {
        let attrs = attr::field(&field.attrs, errors);
        *nested |= attrs.nested;
        let Some(member) = &field.ident else { continue };
        if attrs.skip {
            skipped.push(Skipped { member, ty: &field.ty });
            continue;
        }
        let (name, span) = match &attrs.rename {
            Some(lit) => (lit.value(), lit.span()),
            None => {
                let raw = member.to_string();
                let raw = raw.strip_prefix("r#").unwrap_or(&raw);
                (container.rename_all.map_or_else(|| raw.to_owned(), |rule| rule.apply(raw)), member.span())
            }
        };
        if let Some(first) = keys.iter().find(|k| k.name == name) {
            errors.push(syn::Error::new(
                span,
                format!("duplicate context key `{name}`: field `{}` has it already; rename one of them", first.member),
            ));
        }
        keys.push(Key { member, ty: &field.ty, name });
    }
    keys
}
