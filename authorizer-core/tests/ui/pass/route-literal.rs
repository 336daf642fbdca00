//! `route!` with each verb, in a `const` table and with a bound placeholder, under a
//! renamed import.

use authorizer_core::{Route, route as checked_route};

const ROUTES: &[(&str, Route)] = &[
    ("pets:read", checked_route!(GET "/pets/*")),
    ("pets:write", checked_route!(POST "/pets")),
    ("pets:replace", checked_route!(PUT "/pets/{id}")),
    ("pets:edit", checked_route!(PATCH "/pets/{id}")),
    ("pets:delete", checked_route!(DELETE "/pets/{id}")),
    ("pets:head", checked_route!(HEAD "/pets")),
    ("pets:options", checked_route!(OPTIONS "/pets")),
    ("admin", checked_route!(ANY "/admin/*")),
];

fn main() {
    assert_eq!(ROUTES[0].1, Route::get("/pets/*"));
    assert_eq!(ROUTES[7].1, Route::any("/admin/*"));
    let own = checked_route!(GET "/users/{id}/orders/*").bind("id", "u-42");
    assert_eq!(own.path().unwrap(), "/users/u-42/orders/*");
    assert_eq!(checked_route!(GET "/"), Route::get("/"));
}
