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
    let item = item();
    let kept = quote!(#[allow(clippy::trivially_copy_pass_by_ref)] #item);
    assert!(compact(&out).starts_with(&compact(&kept)), "{out}");
    assert!(compact(&out).contains("pub(super)fnmain()->__AuthorizerMain"), "{out}");
    assert!(compact(&out).contains("use__authorizer_main::*;"), "{out}");
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
    assert!(out.contains(&compact(&item())), "{out}");
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
/// picks, with the constructor of the function's shape, which also checks it against
/// `Outcome`.
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
            "returned_by",
        ),
        (
            quote!(),
            quote!(
                async fn f(r: RestRequest) -> Decision<impl Context> {
                    Err(Unauthorized.into())
                }
            ),
            "returned_by_async",
        ),
        (
            quote!(init = b),
            quote!(
                fn f(r: RestRequest, s: &S) -> Decision<impl Context> {
                    Err(Unauthorized.into())
                }
            ),
            "returned_by_with_state",
        ),
        (
            quote!(init = b),
            quote!(
                async fn f(r: RestRequest, s: &S) -> Decision<impl Context> {
                    Err(Unauthorized.into())
                }
            ),
            "returned_by_async_with_state",
        ),
    ];
    for (args, item, constructor) in cases {
        let out = compact(&expand(args, item));
        let call = format!("Probe::<RestRequest,_>::{constructor}(&f,::authorizer_core::Outcome::into_result)");
        assert!(out.contains(&call), "{constructor}: {out}");
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
        // An empty `main`, so that its absence is not reported too, glob-imported so that a
        // `main` of the user's shadows it rather than being a second error.
        assert!(compact(&out).contains("fnmain(){}"), "{out}");
        assert!(compact(&out).contains("use__authorizer_main::*;"), "{out}");
    }
}

/// A C-variadic definition does not compile on stable: the function is kept without its
/// `...`, so that rustc does not report the same mistake again.
#[test]
fn a_variadic_function_is_kept_without_its_dots() {
    let out = expand(
        quote!(),
        quote!(
            fn authorize(r: TokenRequest, args: ...) -> Decision {
                Err(Unauthorized.into())
            }
        ),
    );
    assert_eq!(errors(&out).len(), 1, "{:?}", errors(&out));
    assert!(compact(&out).starts_with("fnauthorize(r:TokenRequest,)->Decision{"), "{out}");
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
        "an authorizer takes the request, then `&State` built by `init`, then the invocation's `LambdaContext`",
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
            quote!(),
            quote!(
                async fn f(r: TokenRequest) -> impl Future<Output = Result<Decision, Error>> {
                    async { Err(Unauthorized.into()) }
                }
            ),
            "an `async fn` returns a future already: write what it gives once awaited, `-> Result<Decision, Error>`, or remove `async`",
        ),
        (
            quote!(),
            quote!(
                fn f(r: TokenRequest, args: ...) -> Decision {
                    Err(Unauthorized.into())
                }
            ),
            "cannot be variadic: remove `args: ...`",
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
        (
            quote!(init = || Ok(S)),
            quote!(
                fn f(r: TokenRequest, s: &S) -> Decision {
                    Err(Unauthorized.into())
                }
            ),
            "`init` takes a path to a function: `init = build_state`, with `fn build_state()",
        ),
        (
            quote!(init = build()),
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

/// `main` copies the types as written, where the function's lifetimes are not declared:
/// there they are `'_`, which the compiler infers.
#[test]
fn lifetimes_are_allowed() {
    let item = quote!(
        fn f<'a, 'k>(r: TokenRequest, s: &'a S<'k>) -> Result<Decision<Session<'a>>, Error> {
            Err(Unauthorized.into())
        }
    );
    let out = expand(quote!(init = b), item.clone());
    assert!(errors(&out).is_empty(), "{:?}", errors(&out));
    let kept = compact(&quote!(#[allow(clippy::needless_pass_by_value, clippy::trivially_copy_pass_by_ref)] #item));
    let main = compact(&out).strip_prefix(&kept).expect("the function, unchanged, first").to_owned();
    assert!(main.contains("<Result<Decision<Session<'_>>,Error>as::authorizer_core::Outcome>"), "{main}");
    assert!(main.contains("Probe::<TokenRequest,Result<Decision<Session<'_>>,Error>>::NEW"), "{main}");
    assert!(main.contains("Init::<S<'_>,_>::init(&b)"), "{main}");
    assert!(!main.contains("'a") && !main.contains("'k"), "{main}");
    // Lifetimes the function does not declare are kept.
    let item = quote!(
        fn f(r: TokenRequest) -> Decision<Session<'static>> {
            Err(Unauthorized.into())
        }
    );
    assert!(compact(&expand(quote!(), item)).contains("Probe::<TokenRequest,Decision<Session<'static>>>::NEW"));
}

/// Lints about a signature the framework imposes are allowed on the function, and only
/// those: the request by value, which a function that is not an `async fn` may only read,
/// and the state by reference, even when it is small and `Copy`.
#[test]
fn lints_the_user_cannot_heed_are_allowed() {
    let needless = quote!(clippy::needless_pass_by_value);
    let by_ref = quote!(clippy::trivially_copy_pass_by_ref);
    let cases = [
        (
            quote!(),
            quote!(
                fn f(r: TokenRequest) -> Decision {
                    Decision::deny("u")
                }
            ),
            quote!(#[allow(#needless)]),
        ),
        (
            quote!(),
            quote!(
                fn f(r: TokenRequest) -> impl Future<Output = Decision> {
                    async { Decision::deny("u") }
                }
            ),
            quote!(#[allow(#needless)]),
        ),
        (
            quote!(init = b),
            quote!(
                async fn f(r: TokenRequest, s: &S) -> Decision {
                    Decision::deny("u")
                }
            ),
            quote!(#[allow(#by_ref)]),
        ),
        (
            quote!(init = b),
            quote!(
                fn f(r: TokenRequest, s: &S) -> Decision {
                    Decision::deny("u")
                }
            ),
            quote!(#[allow(#needless, #by_ref)]),
        ),
        (
            quote!(),
            quote!(
                async fn f(r: TokenRequest) -> Decision {
                    Decision::deny("u")
                }
            ),
            quote!(),
        ),
    ];
    for (args, item, allowed) in cases {
        let out = compact(&expand(args, item.clone()));
        assert!(out.starts_with(&compact(&quote!(#allowed #item))), "{out}");
    }
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
    // Its note is the warning's text, shortened in the documentation.
    let panic_abort = super::expand::panic_abort_warning();
    let again = "this binary already has an `#[authorizer]`, and a binary has one: give each authorizer a binary of its own \
                 (a file under `src/bin/`), or make one authorizer that takes `AnyRequest` and tells the kinds apart";
    let expected = quote! {
        #[allow(clippy::trivially_copy_pass_by_ref)]
        #item

        #[allow(unused_imports)]
        use ::authorizer_core::__private::once::*;

        __authorizer_once! { {
            #[doc(hidden)]
            mod __authorizer_main {
                pub(super) struct __AuthorizerMain;

                pub(super) fn main() -> __AuthorizerMain {
                    __AuthorizerMain
                }
            }

            use __authorizer_main::*;

            const _: () = {
                #[automatically_derived]
                impl ::std::process::Termination for __authorizer_main::__AuthorizerMain {
                    fn report(self) -> ::std::process::ExitCode {
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
                }

                #[automatically_derived]
                impl ::authorizer_core::__private::Entry for __authorizer_main::__AuthorizerMain {}

                ::authorizer_core::__private::main_is_generated(&main, ::authorizer_core::__private::GeneratedMain::generated_main)
            };
        } {
            ::core::compile_error! { #again }
        } }

        #[allow(unused_macros)]
        macro_rules! __authorizer_once {
            ({ $($main:tt)* } { $($again:tt)* }) => { $($again)* };
        }

        #panic_abort
    };
    assert_eq!(compact(&expand(quote!(init = load_keys), item)), compact(&expected));
}
