//! The rules of `#[authorizer]`, on token streams.

use proc_macro2::TokenStream;
use quote::quote;

use super::expand;
use crate::test_support::{compact, errors, mentions};

fn item() -> TokenStream {
    quote! {
        async fn authorize(request: TokenRequest, keys: &Keys) -> Result<Decision<Session>, Error> {
            let _ = keys;
            Ok(Decision::allow_all(request.token()))
        }
    }
}

/// The single error of expanding `item` with `args`.
fn error(args: TokenStream, item: TokenStream) -> String {
    let out = expand(args, item);
    let errors = errors(&out);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    errors.into_iter().next().unwrap_or_default()
}

#[test]
fn a_valid_function_is_kept_and_gets_a_main() {
    let out = expand(quote!(init = load_keys), item());
    assert!(errors(&out).is_empty(), "{:?}", errors(&out));
    assert!(compact(&out).starts_with(&compact(&item())), "{out}");
    assert!(compact(&out).contains("fnmain()->::std::process::ExitCode"), "{out}");
    assert!(compact(&out).contains("run_async_with_state"), "{out}");
}

#[test]
fn the_shape_picks_the_runner() {
    let cases = [
        (
            quote!(),
            quote!(
                fn f(r: TokenRequest) -> Result<Decision, Error> {
                    Err(Unauthorized.into())
                }
            ),
            ".run(f)",
        ),
        (
            quote!(),
            quote!(
                async fn f(r: TokenRequest) -> Decision {
                    Err(Unauthorized.into())
                }
            ),
            ".run_async(f)",
        ),
        (
            quote!(),
            quote!(
                fn f(r: TokenRequest) -> impl Future<Output = Decision> {
                    async { Err(Unauthorized.into()) }
                }
            ),
            ".run_async(f)",
        ),
        (
            quote!(init = s),
            quote!(
                fn f(r: TokenRequest, s: &S) -> Decision {
                    Err(Unauthorized.into())
                }
            ),
            ".run_with_state(f,||",
        ),
        (
            quote!(init = s),
            quote!(
                async fn f(r: TokenRequest, s: &S) -> Decision {
                    Err(Unauthorized.into())
                }
            ),
            ".run_async_with_state(f,||",
        ),
    ];
    for (args, item, runner) in cases {
        let out = compact(&expand(args, item));
        assert!(out.contains(runner), "{runner}: {out}");
    }
}

#[test]
fn every_type_is_checked_on_the_public_trait() {
    let out = compact(&expand(quote!(init = load_keys), item()));
    assert!(out.contains("let_=<TokenRequestas::authorizer_core::AuthorizerRequest>::from_event;"), "{out}");
    assert!(out.contains("let_=<Result<Decision<Session>,Error>as::authorizer_core::Outcome>::into_result;"), "{out}");
    assert!(out.contains("::authorizer_core::Init::<Keys,_>::init(&load_keys)"), "{out}");
}

/// The request's context rule is checked by naming the context in the trait of the kind's
/// rule, which `Probe` picks: a type that is not a request does not reach it.
#[test]
fn the_context_rule_is_checked_through_the_probe() {
    let out = compact(&expand(quote!(init = load_keys), item()));
    assert!(out.starts_with(&compact(&item())), "{out}");
    assert!(out.contains("use::authorizer_core::__private::Kindas_;"), "{out}");
    assert!(
        out.contains(
            "(&&&&::authorizer_core::__private::Probe::<TokenRequest,Result<Decision<Session>,Error>>::NEW).__authorizer_kind()"
        ),
        "{out}"
    );
    assert!(
        out.contains(".check_context(::authorizer_core::Context::write_context,::authorizer_core::JsonContext::write_json_context);"),
        "{out}"
    );
}

/// A return type that cannot be named is inferred from the function, before the probe
/// picks, with the constructor of the function's shape.
#[test]
fn an_unnameable_return_type_is_inferred_from_the_function() {
    let cases = [
        (
            quote!(),
            quote!(
                fn f(r: RestRequest) -> Result<Decision<impl Context>, Error> {
                    Err(Unauthorized.into())
                }
            ),
            "returned_by(&f)",
        ),
        (
            quote!(),
            quote!(
                async fn f(r: RestRequest) -> Decision<impl Context> {
                    Err(Unauthorized.into())
                }
            ),
            "returned_by_async(&f)",
        ),
        (
            quote!(init = b),
            quote!(
                fn f(r: RestRequest, s: &S) -> Decision<impl Context> {
                    Err(Unauthorized.into())
                }
            ),
            "returned_by_with_state(&f)",
        ),
        (
            quote!(init = b),
            quote!(
                async fn f(r: RestRequest, s: &S) -> Decision<impl Context> {
                    Err(Unauthorized.into())
                }
            ),
            "returned_by_async_with_state(&f)",
        ),
    ];
    for (args, item, constructor) in cases {
        let out = compact(&expand(args, item));
        assert!(out.contains(&format!("Probe::<RestRequest,_>::{constructor}")), "{constructor}: {out}");
        assert!(!out.contains("Outcome>::into_result"), "an `impl Trait` cannot be named: {out}");
    }
}

#[test]
fn crate_changes_every_path() {
    let out = expand(quote!(crate = "renamed::core", init = load_keys), item());
    assert!(errors(&out).is_empty());
    assert!(!mentions(&out, "authorizer_core"), "{out}");
    let out = compact(&out);
    assert!(out.contains("renamed::core::__private::Probe::<"), "{out}");
    assert!(out.contains("renamed::core::Context::write_context"), "{out}");
    assert!(out.contains("asrenamed::core::AuthorizerRequest>"), "{out}");
    assert!(out.contains("renamed::core::Init::<Keys,_>"), "{out}");
}

#[test]
fn with_errors_the_function_is_kept_unchanged() {
    let items = [
        quote!(
            unsafe fn authorize(r: TokenRequest) -> Decision {
                Err(Unauthorized.into())
            }
        ),
        quote!(
            fn authorize<T>(r: T) -> Decision {
                Err(Unauthorized.into())
            }
        ),
        quote!(
            fn authorize(r: TokenRequest) {}
        ),
        quote!(
            fn authorize() -> Decision {
                Err(Unauthorized.into())
            }
        ),
        quote!(
            fn authorize(r: TokenRequest, s: S) -> Decision {
                Err(Unauthorized.into())
            }
        ),
        quote!(
            fn authorize(r: TokenRequest, s: &S, t: u8) -> Decision {
                Err(Unauthorized.into())
            }
        ),
        quote!(
            fn main(r: TokenRequest) -> Decision {
                Err(Unauthorized.into())
            }
        ),
    ];
    for item in items {
        let out = expand(quote!(), item.clone());
        assert!(!errors(&out).is_empty(), "{item}");
        assert!(compact(&out).contains(&compact(&item)), "{item} is not in {out}");
        // An empty `main`, so that its absence is not reported too.
        assert!(compact(&out).contains("fnmain(){}"), "{out}");
    }
}

#[test]
fn a_method_keeps_its_impl_free_of_main() {
    let item = quote!(
        fn authorize(&self, r: TokenRequest) -> Decision {
            Err(Unauthorized.into())
        }
    );
    let out = expand(quote!(), item.clone());
    assert_eq!(errors(&out).len(), 1);
    assert!(compact(&out).starts_with(&compact(&item)));
    assert!(!compact(&out).contains("fnmain"), "{out}");
}

#[test]
fn not_a_function_is_kept_too() {
    let item = quote!(
        pub struct Authorizer;
    );
    let out = expand(quote!(), item.clone());
    assert!(error(quote!(), item.clone()).starts_with("#[authorizer] goes on a function"));
    assert!(compact(&out).starts_with(&compact(&item)));
}

#[test]
fn every_option_error_is_reported_in_one_build() {
    let out = expand(
        quote!(init = "load", init = load, crate = 1, crate = "a", crate = "b", timeout = 3, retries(2), init = load),
        item(),
    );
    let errors = errors(&out);
    let expected = [
        "`init` takes the function itself, not a string: write `init = load`",
        "`crate` takes a string",
        "duplicate #[authorizer] option `crate`",
        "unknown #[authorizer] option `timeout`",
        "unknown #[authorizer] option `retries`",
        "duplicate #[authorizer] option `init`",
    ];
    assert_eq!(errors.len(), expected.len(), "{errors:#?}");
    for (error, expected) in errors.iter().zip(expected) {
        assert!(error.starts_with(expected), "{error:?} does not start with {expected:?}");
    }
}

#[test]
fn every_signature_error_is_reported_in_one_build() {
    let item = quote!(
        unsafe extern "C" fn main<T>(s: &mut T, extra: u8, more: u8) {}
    );
    let errors = errors(&expand(quote!(init = load), item));
    let expected = [
        "an authorizer cannot be `unsafe`",
        "an authorizer cannot have an `extern` ABI",
        "#[authorizer] generates `main`",
        "an authorizer cannot have type or const parameters",
        "the second parameter of an authorizer is its shared state",
        "an authorizer takes at most two parameters",
        "an authorizer returns its decision",
    ];
    assert_eq!(errors.len(), expected.len(), "{errors:#?}");
    for (error, expected) in errors.iter().zip(expected) {
        assert!(error.starts_with(expected), "{error:?} does not start with {expected:?}");
    }
}

#[test]
fn each_rule_says_what_to_write() {
    let cases = [
        (
            quote!(),
            quote!(
                fn f(r: TokenRequest) {}
            ),
            "add a return type, such as `-> Result<Decision, Error>`",
        ),
        (
            quote!(),
            quote!(
                fn f() -> Decision {
                    Err(Unauthorized.into())
                }
            ),
            "such as `request: TokenRequest`",
        ),
        (
            quote!(),
            quote!(
                fn f(r: impl Request) -> Decision {
                    Err(Unauthorized.into())
                }
            ),
            "name the type",
        ),
        (
            quote!(),
            quote!(
                fn f(r: TokenRequest, s: &S) -> Decision {
                    Err(Unauthorized.into())
                }
            ),
            "`#[authorizer(init = build_state)]`",
        ),
        (
            quote!(init = b),
            quote!(
                fn f(r: TokenRequest, s: Arc<S>) -> Decision {
                    Err(Unauthorized.into())
                }
            ),
            "write `&Arc<S>`",
        ),
        (
            quote!(init = b),
            quote!(
                fn f(r: TokenRequest, s: &mut S) -> Decision {
                    Err(Unauthorized.into())
                }
            ),
            "lent as `&S`",
        ),
        (
            quote!(init = b),
            quote!(
                fn f(r: TokenRequest) -> Decision {
                    Err(Unauthorized.into())
                }
            ),
            "add a second parameter",
        ),
        (
            quote!(),
            quote!(
                fn f<T: Clone>(r: TokenRequest) -> Decision {
                    Err(Unauthorized.into())
                }
            ),
            "cannot have type or const",
        ),
        (
            quote!(),
            quote!(
                fn f(r: TokenRequest) -> Decision
                where
                    u8: Copy,
                {
                    Err(Unauthorized.into())
                }
            ),
            "`where` clause",
        ),
        (
            quote!(crate = core),
            quote!(
                fn f(r: TokenRequest) -> Decision {
                    Err(Unauthorized.into())
                }
            ),
            "`crate` takes a string",
        ),
        (
            quote!(init = 3),
            quote!(
                fn f(r: TokenRequest, s: &S) -> Decision {
                    Err(Unauthorized.into())
                }
            ),
            "`init` takes a path",
        ),
    ];
    for (args, item, expected) in cases {
        let error = error(args, item.clone());
        assert!(error.contains(expected), "{item}: {error:?} does not say {expected:?}");
    }
}

#[test]
fn lifetimes_are_allowed() {
    let item = quote!(
        fn f<'a>(r: TokenRequest, s: &'a S) -> Decision {
            Err(Unauthorized.into())
        }
    );
    assert!(errors(&expand(quote!(init = b), item)).is_empty());
}

/// The expansion the documentation of `authorizer_core::authorizer` shows: update both
/// together.
#[test]
fn the_documented_expansion() {
    let item = quote! {
        async fn authorize(request: TokenRequest, keys: &Keys) -> Result<Decision, Error> {
            Err(Unauthorized.into())
        }
    };
    let expected = quote! {
        #item

        fn main() -> ::std::process::ExitCode {
            use ::authorizer_core::__private::Kind as _;
            let _ = <TokenRequest as ::authorizer_core::AuthorizerRequest>::from_event;
            let _ = <Result<Decision, Error> as ::authorizer_core::Outcome>::into_result;
            let __authorizer_kind =
                (&&&&::authorizer_core::__private::Probe::<TokenRequest, Result<Decision, Error>>::NEW)
                    .__authorizer_kind();
            __authorizer_kind.check_context(
                ::authorizer_core::Context::write_context,
                ::authorizer_core::JsonContext::write_json_context
            );
            __authorizer_kind.run_async_with_state(authorize, || ::authorizer_core::Init::<Keys, _>::init(&load_keys))
        }
    };
    assert_eq!(compact(&expand(quote!(init = load_keys), item)), compact(&expected));
}
