//! The rules of `#[derive(Context)]`, on token streams.

use proc_macro2::TokenStream;
use quote::quote;

use super::expand;
use crate::test_support::{compact, errors, mentions};

/// The keys inserted, in order (`insert` or, nested, `insert_json`).
fn keys(out: &TokenStream) -> Vec<String> {
    let text = compact(out);
    text.split(".insert").skip(1).filter_map(|insert| insert.split('"').nth(1).map(str::to_owned)).collect()
}

/// The traits implemented, in order.
fn traits(out: &TokenStream) -> Vec<String> {
    let text = compact(out);
    text.split("impl")
        .skip(1)
        .filter_map(|header| {
            header.split_once("for").map(|(path, _)| path.rsplit("::").next().unwrap_or(path).to_owned())
        })
        .collect()
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
    // A skipped field is not sent: the backend reads its `Default`.
    assert!(!out.contains("<Vec<u8>as::authorizer_core::ContextValue>"), "{out}");
    assert!(out.contains("for<'__authorizer_read>Vec<u8>:::authorizer_core::SkippedField"), "{out}");
    assert!(out.contains("cache:<Vec<u8>as::authorizer_core::SkippedField>::skipped()"), "{out}");
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

/// A flat context is valid JSON everywhere: an HTTP API context, and a value nested in one.
#[test]
fn a_flat_context_is_also_a_json_context_and_value() {
    let out = expand(quote!(
        struct S {
            a: u8,
        }
    ));
    assert!(errors(&out).is_empty(), "{:?}", errors(&out));
    assert_eq!(traits(&out), ["Context", "JsonContext", "JsonValue", "FromContext", "ReadContext", "ReadValue"]);
    let text = compact(&out);
    assert!(text.contains("::authorizer_core::Context::write_context(self,__authorizer_out.flat());"), "{text}");
    assert!(text.contains("__authorizer_out.object(|__authorizer_out|::authorizer_core::JsonContext::write_json_context(self,__authorizer_out))"), "{text}");
}

#[test]
fn a_nested_context_is_only_json_and_checks_fields_against_json_value() {
    let out = expand(quote! {
        #[context(nested, rename_all = "camelCase")]
        struct Claims<'a> {
            user_roles: Vec<&'a str>,
            #[context(rename = "org")]
            scope: Scope,
            #[context(skip)]
            cache: Cache,
        }
    });
    assert!(errors(&out).is_empty(), "{:?}", errors(&out));
    assert_eq!(traits(&out), ["JsonContext", "JsonValue", "FromContext", "ReadContext", "ReadValue"]);
    assert_eq!(keys(&out), ["userRoles", "org"]);
    let text = compact(&out);
    assert!(text.contains("impl<'a>::authorizer_core::JsonContextforClaims<'a>"), "{text}");
    assert!(text.contains("let_=<Vec<&'astr>as::authorizer_core::JsonValue>::write_json;"), "{text}");
    assert!(text.contains("let_=<Scopeas::authorizer_core::JsonValue>::write_json;"), "{text}");
    assert!(text.contains("__authorizer_out.insert_json::<Scope>(\"org\",&self.scope);"), "{text}");
    assert!(!text.contains("ContextValue"), "{text}");
    // The skipped field is not sent; the backend fills it with its `Default`.
    assert!(!text.contains("<Cacheas::authorizer_core::JsonValue>"), "{text}");
    assert!(text.contains("cache:<Cacheas::authorizer_core::SkippedField>::skipped()"), "{text}");
    // Each field read back as its type, and the impls hold only when every one can be.
    assert!(text.contains("for<'__authorizer_read>Vec<&'astr>:::authorizer_core::ReadValue"), "{text}");
    assert!(text.contains("user_roles:__authorizer_in.read::<Vec<&'astr>>(\"userRoles\")?"), "{text}");
    assert!(
        text.contains("__authorizer_out.object(|__authorizer_out|::authorizer_core::JsonContext::write_json_context(self,__authorizer_out))"),
        "{text}"
    );
}

#[test]
fn nested_errors_say_what_to_write() {
    let cases = [
        (
            quote!(
                #[context(nested, nested)]
                struct S {
                    a: u8,
                }
            ),
            "duplicate #[context] option `nested`; give it once",
        ),
        (
            quote!(
                #[context(nested = true)]
                struct S {
                    a: u8,
                }
            ),
            "`nested` takes no value: write `#[context(nested)]`",
        ),
        (
            quote!(
                #[context(nested(x))]
                struct S {
                    a: u8,
                }
            ),
            "`nested` takes no value",
        ),
        (
            quote!(
                struct S {
                    #[context(nested)]
                    a: u8,
                }
            ),
            "`nested` goes on the struct, not on a field",
        ),
        (
            quote!(
                #[context(nest)]
                struct S {
                    a: Vec<u8>,
                }
            ),
            "unknown #[context] option `nest`; write `nested`",
        ),
        (
            quote!(
                #[context(flat)]
                struct S {
                    a: u8,
                }
            ),
            "option `flat` on a struct; the options are `rename_all = \"camelCase\"`, `nested` and `crate",
        ),
        (
            quote!(
                struct S {
                    #[context(flatten)]
                    a: u8,
                }
            ),
            "option `flatten` on a field; the options are",
        ),
        (
            quote!(
                struct S {
                    #[context(skip = true)]
                    a: u8,
                }
            ),
            "`skip` takes no value",
        ),
        (
            quote!(
                struct S {
                    #[context(skip, rename = "x")]
                    a: u8,
                }
            ),
            "a skipped field sends no key, so `rename = \"x\"` would do nothing: remove it, or remove `skip`",
        ),
        (
            quote!(
                struct S {
                    #[context(rename = "x")]
                    #[context(skip)]
                    a: u8,
                }
            ),
            "a skipped field sends no key",
        ),
    ];
    for (input, expected) in cases {
        let errors = errors(&expand(input.clone()));
        assert_eq!(errors.len(), 1, "{input}: {errors:#?}");
        assert!(errors[0].contains(expected), "{input}: {:?} does not say {expected:?}", errors[0]);
    }
}

/// `nested` written wrong, or on a field, still makes the stubs nested: the fields are then
/// checked as the user meant, and a `Vec` field is not a second error.
#[test]
fn a_misplaced_nested_still_means_nested() {
    for input in [
        quote!(
            #[context(nested = true)]
            struct S {
                a: Vec<u8>,
            }
        ),
        quote!(
            struct S {
                #[context(nested)]
                a: Vec<u8>,
            }
        ),
    ] {
        let out = expand(input.clone());
        assert_eq!(errors(&out).len(), 1, "{input}: {:?}", errors(&out));
        assert_eq!(traits(&out), ["JsonContext", "JsonValue", "FromContext", "ReadContext", "ReadValue"], "{input}");
        assert!(compact(&out).contains("<Vec<u8>as::authorizer_core::JsonValue>"), "{out}");
    }
}

/// With errors, a nested context's stubs are the impls it would have, still checking each
/// field against `JsonValue`; an option after a bad one is still read.
#[test]
fn a_nested_context_with_errors_gets_nested_stubs() {
    let out = expand(quote! {
        #[context(nested, nested, crate = "my_core")]
        struct S {
            a: Vec<u8>,
        }
    });
    assert_eq!(errors(&out).len(), 1, "{:?}", errors(&out));
    assert_eq!(traits(&out), ["JsonContext", "JsonValue", "FromContext", "ReadContext", "ReadValue"]);
    let text = compact(&out);
    assert!(keys(&out).is_empty(), "{text}");
    assert!(text.contains("<Vec<u8>asmy_core::JsonValue>::write_json"), "{text}");
    assert!(!mentions(&out, "authorizer_core"), "{text}");
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
    let nested = expand(quote! {
        #[context(nested, crate = "renamed::core")]
        struct S { a: u8 }
    });
    assert!(errors(&nested).is_empty());
    assert!(!mentions(&nested, "authorizer_core"), "{nested}");
    assert!(compact(&nested).contains("renamed::core::JsonValueforS"), "{nested}");
}

/// A duplicate option is the error, at its second occurrence: the first one gives the key,
/// so the second cannot also make a duplicate key.
#[test]
fn the_first_of_a_duplicate_option_stands() {
    let out = expand(quote! {
        #[context(rename_all = "kebab-case", rename_all = "camelCase")]
        struct S {
            #[context(rename = "user", rename = "orgId")]
            user: u8,
            org_id: u8,
        }
    });
    assert_eq!(
        errors(&out),
        [
            "duplicate #[context] option `rename_all`; give it once",
            "duplicate #[context] option `rename`; give it once"
        ]
    );
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
    assert_eq!(traits(&out), ["Context", "JsonContext", "JsonValue", "FromContext", "ReadContext", "ReadValue"]);
    assert!(text.contains("impl::authorizer_core::ContextforS"), "{text}");
    // The reading stubs read nothing, so they name no field type.
    assert!(!text.contains("ReadValue>"), "{text}");
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
        "unknown #[context] option `flatten` on a struct",
        "#[derive(Context)] cannot take type or const parameters",
        "a context key cannot be empty",
        "duplicate #[context] option `skip`",
        "`rename_all` and `crate` go on the struct",
        "`rename` takes a string",
        "unknown #[context] option `default` on a field",
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

/// The expansions the documentation of `authorizer_core::Context` shows, simplified there by
/// leaving out the type checks and writing `out` for `__authorizer_out`: update both together.
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

        #[automatically_derived]
        impl ::authorizer_core::JsonContext for Session {
            fn write_json_context(&self, __authorizer_out: &mut ::authorizer_core::ObjectWriter<'_>) {
                ::authorizer_core::Context::write_context(self, __authorizer_out.flat());
            }
        }

        #[automatically_derived]
        impl ::authorizer_core::JsonValue for Session {
            fn write_json(&self, __authorizer_out: ::authorizer_core::JsonWriter<'_>) -> ::authorizer_core::Written {
                __authorizer_out.object(|__authorizer_out| ::authorizer_core::JsonContext::write_json_context(self, __authorizer_out))
            }
        }
        #[automatically_derived]
        impl ::authorizer_core::FromContext for Session {}

        #[automatically_derived]
        impl ::authorizer_core::ReadContext for Session
        where
            for<'__authorizer_read> u64: ::authorizer_core::ReadValue,
            for<'__authorizer_read> String: ::authorizer_core::ReadValue,
        {
            fn read_context(__authorizer_in: &::authorizer_core::ContextReader<'_>) -> ::core::result::Result<Self, ::authorizer_core::ReadError> {
                ::core::result::Result::Ok(Self {
                    user_id: __authorizer_in.read::<u64>("userId")?,
                    plan_name: __authorizer_in.read::<String>("tier")?,
                })
            }
        }

        #[automatically_derived]
        impl ::authorizer_core::ReadValue for Session
        where
            for<'__authorizer_read> u64: ::authorizer_core::ReadValue,
            for<'__authorizer_read> String: ::authorizer_core::ReadValue,
        {
            fn read_value(__authorizer_in: ::authorizer_core::ValueReader<'_>) -> ::core::result::Result<Self, ::authorizer_core::ReadError> {
                <Self as ::authorizer_core::ReadContext>::read_context(&__authorizer_in.object()?)
            }
        }
    };
    assert_eq!(compact(&out), compact(&expected));
}

#[test]
fn the_documented_nested_expansion() {
    let out = expand(quote! {
        #[context(nested)]
        struct Claims {
            roles: Vec<String>,
            org: Org,
        }
    });
    let expected = quote! {
        #[automatically_derived]
        impl ::authorizer_core::JsonContext for Claims {
            fn write_json_context(&self, __authorizer_out: &mut ::authorizer_core::ObjectWriter<'_>) {
                let _ = <Vec<String> as ::authorizer_core::JsonValue>::write_json;
                let _ = <Org as ::authorizer_core::JsonValue>::write_json;
                __authorizer_out.insert_json::<Vec<String> >("roles", &self.roles);
                __authorizer_out.insert_json::<Org>("org", &self.org);
            }
        }

        #[automatically_derived]
        impl ::authorizer_core::JsonValue for Claims {
            fn write_json(&self, __authorizer_out: ::authorizer_core::JsonWriter<'_>) -> ::authorizer_core::Written {
                __authorizer_out.object(|__authorizer_out| ::authorizer_core::JsonContext::write_json_context(self, __authorizer_out))
            }
        }
        #[automatically_derived]
        impl ::authorizer_core::FromContext for Claims {}

        #[automatically_derived]
        impl ::authorizer_core::ReadContext for Claims
        where
            for<'__authorizer_read> Vec<String>: ::authorizer_core::ReadValue,
            for<'__authorizer_read> Org: ::authorizer_core::ReadValue,
        {
            fn read_context(__authorizer_in: &::authorizer_core::ContextReader<'_>) -> ::core::result::Result<Self, ::authorizer_core::ReadError> {
                ::core::result::Result::Ok(Self {
                    roles: __authorizer_in.read::<Vec<String> >("roles")?,
                    org: __authorizer_in.read::<Org>("org")?,
                })
            }
        }

        #[automatically_derived]
        impl ::authorizer_core::ReadValue for Claims
        where
            for<'__authorizer_read> Vec<String>: ::authorizer_core::ReadValue,
            for<'__authorizer_read> Org: ::authorizer_core::ReadValue,
        {
            fn read_value(__authorizer_in: ::authorizer_core::ValueReader<'_>) -> ::core::result::Result<Self, ::authorizer_core::ReadError> {
                <Self as ::authorizer_core::ReadContext>::read_context(&__authorizer_in.object()?)
            }
        }
    };
    assert_eq!(compact(&out), compact(&expected));
}
