use authorizer_core::prelude::*;

fn main() {
    let tenant = "acme";
    let _ = route!(GET format!("/tenants/{tenant}/*"));
}
