//! The backend reads back, with the same struct, what an authorizer wrote: flat from REST's
//! strings, nested from an HTTP API's `lambda` object, a hand-read newtype included.
#![deny(warnings, clippy::pedantic)]

use authorizer_core::prelude::*;
use authorizer_core::{ContextValue, ReadError, ReadValue, ValueReader, ValueWriter, Written};

#[derive(Debug, PartialEq)]
struct Quota(u32);

impl ContextValue for Quota {
    fn write_value(&self, out: ValueWriter<'_>) -> Written {
        out.u64(u64::from(self.0))
    }
}

impl ReadValue for Quota {
    fn read_value(from: ValueReader<'_>) -> Result<Self, ReadError> {
        u32::read_value(from).map(Quota)
    }
}

#[derive(Context, Debug, PartialEq)]
#[context(rename_all = "camelCase")]
struct Session<'a> {
    user_id: std::borrow::Cow<'a, str>,
    quota: Quota,
    #[context(skip)]
    cache: Vec<u8>,
}

#[derive(Context, Debug, PartialEq)]
#[context(nested)]
struct Claims {
    roles: Vec<String>,
    session: Session<'static>,
}

fn main() {
    let rest = serde_json::json!({"userId": "u-1", "quota": "5", "principalId": "u-1"});
    let session = Session::from_authorizer(&rest).unwrap();
    assert_eq!(session, Session { user_id: "u-1".into(), quota: Quota(5), cache: Vec::new() });
    let http = serde_json::json!({"lambda": {"roles": ["r"], "session": {"userId": "u-2", "quota": 6}}});
    let claims = Claims::from_authorizer(&http).unwrap();
    assert_eq!(claims.session.quota, Quota(6));
    assert_eq!(claims.roles, ["r"]);
}
