//! `route!`: a [`Route`](crate::Route) whose literal pattern is checked while compiling.

/// A [`Route`](crate::Route) whose pattern, a string literal, is checked while compiling:
/// `route!(GET "/pets/{id}")` is `Route::get("/pets/{id}")`, and a pattern that breaks [the
/// pattern rules](crate::Route#patterns) is a compile error on the literal, in the words of
/// [`RouteError`](crate::RouteError) (which, for a pattern passed to `Route::get`, only
/// [`Route::check`](crate::Route::check) or a failed invocation would show).
///
/// The verb is one of `GET`, `POST`, `PUT`, `PATCH`, `DELETE`, `HEAD`, `OPTIONS`, `ANY`.
/// Placeholders are bound as ever, at run time, with [`Route::bind`](crate::Route::bind). A
/// `route!` is `const`, so it can fill a table of routes.
///
/// ```
/// use authorizer_core::{Route, route};
///
/// const READ: Route = route!(GET "/pets/*");
/// let own = route!(GET "/users/{id}/orders/*").bind("id", "u-42");
/// assert_eq!(own.path().unwrap(), "/users/u-42/orders/*");
/// assert_eq!(READ, Route::get("/pets/*"));
/// ```
///
/// ```compile_fail
/// // error: evaluation panicked: invalid route pattern `/pets/`: only the root pattern `/`
/// // may end with `/`; API Gateway paths have no trailing slash
/// let route = authorizer_core::route!(GET "/pets/");
/// ```
#[macro_export]
macro_rules! route {
    ($($input:tt)*) => {
        $crate::__private::__route!($crate; $($input)*)
    };
}
