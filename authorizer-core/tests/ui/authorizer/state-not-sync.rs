use std::cell::Cell;

use authorizer_core::prelude::*;

struct Counter {
    seen: Cell<u64>,
}

fn build() -> Result<Counter, Error> {
    Ok(Counter { seen: Cell::new(0) })
}

#[authorizer(init = build)]
fn authorize(request: TokenRequest, counter: &Counter) -> Result<Decision, Error> {
    counter.seen.set(counter.seen.get() + 1);
    Ok(Decision::allow(request.token()))
}
