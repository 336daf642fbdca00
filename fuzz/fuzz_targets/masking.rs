//! Masking a text with a request's credentials never panics and leaves no credential of 4
//! bytes or more in it: none of the values the request's kind names as credentials, nor the
//! credential part of a `Scheme credential` value, anywhere; nor a short run of letters among
//! query values and cookies where it stands as a whole word. The input is an event, then
//! `0xFF`, then how to build the text from pieces of it and of the credentials.
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use authorizer_core::{__private::mask_credentials, AnyRequest, AuthorizerRequest, IamPolicy};
use authorizer_fuzz::credentials::Credentials;
use authorizer_fuzz::split_input;
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
enum Piece {
    Text(String),
    /// A whole credential, by index.
    Credential(u8),
    /// Part of a credential, by index, start and length in characters.
    Part(u8, u8, u8),
    /// A credential as `{:?}` shows it.
    Debug(u8),
}

fuzz_target!(|data: &[u8]| {
    let (event, script) = split_input(data);
    let Ok(request) = AnyRequest::<IamPolicy>::from_event(event) else { return };
    let credentials = Credentials::of(&request);
    let all: Vec<&str> = credentials.all().collect();
    let Ok(pieces) = Vec::<Piece>::arbitrary_take_rest(Unstructured::new(script)) else { return };
    let pick = |i: u8| all.get(usize::from(i) % all.len().max(1)).copied().unwrap_or_default();
    let mut text = String::new();
    for piece in &pieces {
        match piece {
            Piece::Text(t) => text.push_str(t),
            Piece::Credential(i) => text.push_str(pick(*i)),
            Piece::Part(i, start, len) => {
                text.extend(pick(*i).chars().skip(usize::from(*start)).take(usize::from(*len)));
            }
            // Only the plain forms are promised; a `Debug` form without escapes is the same text.
            Piece::Debug(i) => text.push_str(&format!("{:?}", pick(*i))),
        }
    }
    let masked = mask_credentials(&request, &text);
    if let Some(shown) = credentials.shown_in(&masked) {
        panic!("masking {text:?} left the credential {shown:?}: {masked:?}");
    }
});
