use authorizer_core::Context;

#[derive(Context)]
union Session {
    id: u32,
    admin: bool,
}

fn main() {}
