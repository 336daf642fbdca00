use authorizer_core::prelude::*;

#[authorizer(init = build, init = build, crate = 1, timeout = 3)]
unsafe extern "C" fn authorize<T>(_state: &mut T, _extra: u8, _more: u8) {}
