use authorizer_core::Context;

#[derive(Context)]
#[context(nested)]
struct Claims {
    range: (u32, u32),
}

fn main() {}
