use authorizer_core::prelude::*;

fn main() {
    let _ = route!(GET "/users/{id}/friends/{id}");
}
