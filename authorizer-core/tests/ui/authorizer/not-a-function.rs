use authorizer_core::prelude::*;

#[authorizer]
struct Authorizer;
