// With shared state, the return type that cannot be named is checked too.
use authorizer_core::prelude::*;

struct Keys;

fn load_keys() -> Result<Keys, Error> {
    Ok(Keys)
}

#[authorizer(init = load_keys)]
fn authorize(request: TokenRequest, _keys: &Keys) -> Option<impl Into<String>> {
    Some(request.token().to_owned())
}
