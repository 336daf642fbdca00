//! The Lambda function behind the `petstore` authorizer: a proxy integration that reads the
//! caller's context back typed, for a REST API (payload of `ApiGatewayProxyRequest`) or an
//! HTTP API (payload 2.0, `ApiGatewayV2httpRequest`).
//!
//! - `Caller` is the context the authorizer sends, `{"userId", "role", "canWrite"}`, read
//!   back with `Caller::from_authorizer(&event.request_context.authorizer)`: REST hands every
//!   value over as a string (`"true"`), an HTTP API keeps JSON types under `lambda`, and the
//!   same call reads both. In your project, put the struct in a crate (or a module) that the
//!   authorizer and the backend both use, so that a change reaches both sides; here the
//!   authorizer keeps `role` as a `&'static str`, which an authorizer may send but a backend
//!   cannot read into, so the backend declares the struct with a `String`.
//! - A context that does not read (the authorizer and the backend drifted apart) is answered
//!   with 500 and logged by key and expected type, never by value: the request was allowed,
//!   but this backend does not know whom for.
//! - Writes (`POST`, `PUT`, `PATCH`, `DELETE` on `/pets`) need `canWrite`; the authorizer's
//!   policy already says so, and the backend checks again from the context.

use authorizer_core::ReadError;
use authorizer_core::prelude::*;
use aws_lambda_events::apigw::{
    ApiGatewayProxyRequest, ApiGatewayProxyResponse, ApiGatewayV2httpRequest, ApiGatewayV2httpResponse,
};
use aws_lambda_events::encodings::Body;
use lambda_runtime::{LambdaEvent, service_fn};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// The petstore authorizer's context, read back.
#[derive(Context, Debug, Clone, PartialEq, Eq)]
#[context(rename_all = "camelCase")]
struct Caller {
    user_id: String,
    role: String,
    can_write: bool,
}

/// The events this function is the integration of. An HTTP API payload 2.0 event has
/// `requestContext.http`, which a REST proxy event has not: each reads as its own kind.
#[derive(Deserialize)]
#[serde(untagged)]
enum Event {
    Http(Box<ApiGatewayV2httpRequest>),
    Rest(Box<ApiGatewayProxyRequest>),
}

/// The answer of either kind.
#[derive(Serialize)]
#[serde(untagged)]
enum Answer {
    Http(ApiGatewayV2httpResponse),
    Rest(ApiGatewayProxyResponse),
}

/// The status and JSON body for `method path`, asked by the caller the context describes.
fn respond(context: Result<Caller, ReadError>, method: &str, path: &str) -> (i64, serde_json::Value) {
    let caller = match context {
        Ok(caller) => caller,
        Err(error) => {
            // The key and the expected type, never the value.
            eprintln!("the authorizer's context does not read as `Caller`: {error}");
            return (500, json!({"message": "Internal Server Error"}));
        }
    };
    let writes = !matches!(method, "GET" | "HEAD" | "OPTIONS");
    if writes && path.starts_with("/pets") && !caller.can_write {
        return (403, json!({"message": "read-only role", "role": caller.role}));
    }
    (200, json!({"userId": caller.user_id, "role": caller.role, "canWrite": caller.can_write, "path": path}))
}

fn handle(event: Event) -> Answer {
    match event {
        Event::Rest(event) => {
            let context = Caller::from_authorizer(&event.request_context.authorizer);
            let (status, body) = respond(context, event.http_method.as_str(), event.path.as_deref().unwrap_or("/"));
            let mut response = ApiGatewayProxyResponse::default();
            response.status_code = status;
            response.body = Some(Body::Text(body.to_string()));
            Answer::Rest(response)
        }
        Event::Http(event) => {
            let context = Caller::from_authorizer(&event.request_context.authorizer);
            let http = &event.request_context.http;
            let (status, body) = respond(context, http.method.as_str(), http.path.as_deref().unwrap_or("/"));
            let mut response = ApiGatewayV2httpResponse::default();
            response.status_code = status;
            response.body = Some(Body::Text(body.to_string()));
            Answer::Http(response)
        }
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), lambda_runtime::Error> {
    lambda_runtime::run(service_fn(|event: LambdaEvent<Event>| async move {
        Ok::<_, lambda_runtime::Error>(handle(event.payload))
    }))
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caller(role: &str, can_write: bool) -> Caller {
        Caller { user_id: "u-1".into(), role: role.into(), can_write }
    }

    #[test]
    fn readers_read_and_writers_write() {
        assert_eq!(respond(Ok(caller("reader", false)), "GET", "/pets").0, 200);
        assert_eq!(respond(Ok(caller("reader", false)), "POST", "/pets").0, 403);
        assert_eq!(respond(Ok(caller("editor", true)), "POST", "/pets").0, 200);
    }

    #[test]
    fn a_context_that_does_not_read_is_a_500() {
        let error = Caller::from_authorizer(&json!({"userId": "u-1", "role": "reader"})).unwrap_err();
        assert_eq!(respond(Err(error), "GET", "/pets"), (500, json!({"message": "Internal Server Error"})));
    }
}
