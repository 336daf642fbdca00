//! A struct without fields, or whose fields are all skipped, is an empty context.

use authorizer_core::Context;

#[derive(Context)]
struct Nothing;

#[derive(Context)]
struct Braces {}

#[derive(Context)]
struct AllSkipped {
    #[context(skip)]
    _cache: Vec<u8>,
}

fn assert_context<C: Context>() {}

fn main() {
    assert_context::<Nothing>();
    assert_context::<Braces>();
    assert_context::<AllSkipped>();
}
