use authorizer_core::prelude::*;

fn main() {
    let _ = route!(POST "/pets#cats");
}
