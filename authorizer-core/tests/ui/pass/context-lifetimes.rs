//! A context may borrow, and may be generic over lifetimes.

use std::borrow::Cow;

use authorizer_core::Context;

#[derive(Context)]
struct Session<'a, 'b: 'a> {
    user: &'a str,
    org: Cow<'b, str>,
}

fn assert_context<C: Context>(_: &C) {}

fn main() {
    let user = String::from("ana");
    assert_context(&Session { user: &user, org: Cow::Borrowed("acme") });
}
