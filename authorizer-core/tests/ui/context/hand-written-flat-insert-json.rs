// A hand-written flat context has only flat values to write: the writer of a REST,
// WebSocket or HTTP API payload 1.0 context has no way to write an array or an object.
use authorizer_core::{Context, ContextWriter};

struct Roles(Vec<String>);

impl Context for Roles {
    fn write_context(&self, out: &mut ContextWriter<'_>) {
        out.insert_json("roles", &self.0);
    }
}

fn main() {}
