//! The rules of `#[derive(Context)]`, on token streams.

use proc_macro2::TokenStream;
use quote::quote;

use super::expand;
use crate::test_support::{compact, errors, mentions};

/// The keys inserted, in order.
fn keys(out: &TokenStream) -> Vec<String> {
    let text = compact(out);
    text.split(".insert::<").skip(1).filter_map(|insert| insert.split('"').nth(1).map(str::to_owned)).collect()
}

#[test]
fn one_key_per_field_in_order() {
    let out = expand(quote! {
        #[context(rename_all = "camelCase")]
        struct Session<'a> {
            user_id: &'a str,
            #[context(rename = "x-plan")]
            plan: String,
            #[context(skip)]
            cache: Vec<u8>,
            r#type: bool,
        }
    });
    assert!(errors(&out).is_empty(), "{:?}", errors(&out));
    assert_eq!(keys(&out), ["userId", "x-plan", "type"]);
    let out = compact(&out);
    assert!(out.contains("impl<'a>::authorizer_core::ContextforSession<'a>"), "{out}");
    assert!(out.contains("#[automatically_derived]"), "{out}");
    // A skipped field is neither sent nor checked.
    assert!(!out.contains("Vec<u8>"), "{out}");
}

#[test]
fn every_field_type_is_checked_on_the_public_trait() {
    let out = compact(&expand(quote!(
        struct S {
            a: Vec<String>,
            b: Option<u8>,
        }
    )));
    assert!(out.contains("let_=<Vec<String>as::authorizer_core::ContextValue>::write_value;"), "{out}");
    assert!(out.contains("let_=<Option<u8>as::authorizer_core::ContextValue>::write_value;"), "{out}");
}

#[test]
fn crate_changes_every_path() {
    let out = expand(quote! {
        #[context(crate = "renamed::core")]
        struct S { a: u8 }
    });
    assert!(errors(&out).is_empty());
    assert!(!mentions(&out, "authorizer_core"), "{out}");
    assert!(compact(&out).contains("renamed::core::ContextforS"), "{out}");
}

#[test]
fn with_errors_the_impl_is_a_stub_that_still_checks_field_types() {
    let out = expand(quote! {
        struct S {
            a: u8,
            #[context(rename = "a")]
            b: Vec<u8>,
        }
    });
    assert_eq!(errors(&out), ["duplicate context key `a`: field `a` has it already; rename one of them"]);
    let text = compact(&out);
    assert!(keys(&out).is_empty(), "{text}");
    assert!(text.contains("impl::authorizer_core::ContextforS"), "{text}");
    assert!(text.contains("<Vec<u8>as::authorizer_core::ContextValue>"), "{text}");
}

#[test]
fn every_attribute_error_is_reported_in_one_build() {
    let out = expand(quote! {
        #[context(rename_all = "camel", rename = "s", crate = 1, flatten)]
        struct S<T> {
            #[context(rename = "", skip, skip, rename_all = "camelCase")]
            a: u8,
            #[context(rename = b, default)]
            b: T,
        }
    });
    let expected = [
        "unknown `rename_all` rule",
        "`rename` and `skip` go on a field",
        "`crate` takes a string",
        "unknown #[context] option on a struct",
        "#[derive(Context)] cannot take type or const parameters",
        "a context key cannot be empty",
        "duplicate #[context] option `skip`",
        "`rename_all` and `crate` go on the struct",
        "`rename` takes a string",
        "unknown #[context] option on a field",
    ];
    let errors = errors(&out);
    assert_eq!(errors.len(), expected.len(), "{errors:#?}");
    for (error, expected) in errors.iter().zip(expected) {
        assert!(error.starts_with(expected), "{error:?} does not start with {expected:?}");
    }
    // `T` is the error: a field of type `T` is not checked too.
    assert!(!compact(&out).contains("<Tas"), "{out}");
}

#[test]
fn only_structs_with_named_fields() {
    for input in [
        quote!(
            struct S(u8);
        ),
        quote!(
            enum S {
                A,
            }
        ),
        quote!(union S { a: u8 }),
    ] {
        let out = expand(input.clone());
        assert_eq!(errors(&out).len(), 1, "{input}");
        assert!(compact(&out).contains("::authorizer_core::ContextforS"), "{input}: no stub impl");
    }
    let unit = expand(quote!(
        struct S;
    ));
    assert!(errors(&unit).is_empty());
    assert!(keys(&unit).is_empty());
}

/// The expansion the documentation of `authorizer_core::Context` shows, simplified there by
/// leaving out the type checks: update both together.
#[test]
fn the_documented_expansion() {
    let out = expand(quote! {
        #[context(rename_all = "camelCase")]
        struct Session {
            user_id: u64,
            #[context(rename = "tier")]
            plan_name: String,
        }
    });
    let expected = quote! {
        #[automatically_derived]
        impl ::authorizer_core::Context for Session {
            fn write_context(&self, __authorizer_out: &mut ::authorizer_core::ContextWriter<'_>) {
                let _ = <u64 as ::authorizer_core::ContextValue>::write_value;
                let _ = <String as ::authorizer_core::ContextValue>::write_value;
                __authorizer_out.insert::<u64>("userId", &self.user_id);
                __authorizer_out.insert::<String>("tier", &self.plan_name);
            }
        }
    };
    assert_eq!(compact(&out), compact(&expected));
}
