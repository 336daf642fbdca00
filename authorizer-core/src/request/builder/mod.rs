//! Requests built in code, for tests: `RestRequest::builder(method_arn)` and its kin, one per
//! kind of event.
//!
//! A builder writes the event its kind of API sends, in the shape AWS documents, and
//! [`build`](RestRequestBuilder::build) decodes it as the deployed function decodes a real
//! one ([`AuthorizerRequest::from_event`]): the same checks (a bad ARN is the same
//! [`EventError`]), and the same value as the real event that carries what was given. Each
//! builder is also an [`Event`](crate::testing::Event), to invoke with.

mod common;
mod http_v1;
mod http_v2;
mod pairs;
mod rest;
mod rest_shape;
mod token;
mod websocket;

pub use http_v1::HttpV1RequestBuilder;
pub use http_v2::HttpV2RequestBuilder;
pub use rest::RestRequestBuilder;
pub use token::TokenRequestBuilder;
pub use websocket::WebSocketRequestBuilder;

#[cfg(doc)]
use super::{AuthorizerRequest, EventError};

/// `to_json`, `build` and the [`Event`](crate::testing::Event) impl of a builder whose
/// private `fn json(&self) -> String` writes its event.
macro_rules! event_methods {
    ($builder:ty => $request:ty) => {
        impl $builder {
            /// The event, as JSON text: what API Gateway sends for this request.
            #[must_use]
            pub fn to_json(&self) -> String {
                self.json()
            }

            /// The request, decoded from [`to_json`](Self::to_json) exactly as the deployed
            /// function decodes an event.
            ///
            /// # Errors
            ///
            /// Whenever decoding would refuse the event, with the same message: an ARN that
            /// is not one of this kind, say.
            pub fn build(&self) -> Result<$request, crate::EventError> {
                <$request as crate::AuthorizerRequest>::from_event(self.json().as_bytes())
            }
        }

        impl crate::testing::Event for $builder {
            fn into_bytes(self) -> Vec<u8> {
                self.json().into_bytes()
            }
        }
    };
}
pub(crate) use event_methods;

/// Writes an event (a `Serialize` of this module, which cannot fail) as JSON text.
fn to_json(event: &impl serde::Serialize) -> String {
    serde_json::to_string(event).expect("an event of strings, maps and numbers is always JSON")
}
