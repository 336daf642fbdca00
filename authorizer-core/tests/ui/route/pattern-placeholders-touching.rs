use authorizer_core::prelude::*;

fn main() {
    let _ = route!(GET "/files/{name}{ext}");
}
