use authorizer_core::prelude::*;

fn allow_tenant(tenant: &str) -> Decision {
    Decision::allow("u").route(Route::get(&format!("/tenants/{tenant}/*")))
}

fn main() {
    let _ = allow_tenant("acme");
}
