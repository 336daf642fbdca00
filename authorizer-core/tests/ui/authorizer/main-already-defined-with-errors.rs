// A `main` of the user's beside an authorizer with an error: the error, and nothing about
// two `main`s.
use authorizer_core::prelude::*;

#[authorizer]
fn authorize(request: TokenRequest) {
    let _ = request;
}

fn main() {}
