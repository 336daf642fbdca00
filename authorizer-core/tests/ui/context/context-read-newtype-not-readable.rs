// A newtype written by hand as a context value must be read by hand too.
use authorizer_core::prelude::*;
use authorizer_core::{ContextValue, ValueWriter, Written};

struct Quota(u32);

impl ContextValue for Quota {
    fn write_value(&self, out: ValueWriter<'_>) -> Written {
        out.u64(u64::from(self.0))
    }
}

#[derive(Context)]
struct Session {
    quota: Quota,
}

fn main() {
    let _ = Session::from_authorizer(&serde_json::Value::Null);
}
