//! The event API Gateway sends the authorizer for a client's request, in the published
//! shape of each kind (REST: [authorizer input][input]; HTTP APIs: [HTTP API
//! authorizers][http]; WebSocket: [WebSocket authorizers][ws]).
//!
//! [input]: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-input.html
//! [http]: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html
//! [ws]: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-lambda-auth.html

use serde_json::{Map, Value, json};

use super::{Api, Request};
use crate::request::ApiKind;

/// Where the API is: what its ARNs and request contexts say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Place {
    pub(crate) region: String,
    pub(crate) account: String,
    pub(crate) api_id: String,
    pub(crate) stage: String,
    pub(crate) stage_variables: Vec<(String, String)>,
    pub(crate) source_ip: String,
}

impl Place {
    /// The request's method ARN (route ARN for HTTP APIs; `.../$connect` for WebSocket).
    pub(crate) fn method_arn(&self, api: ApiKind, request: &Request) -> String {
        let prefix = format!("arn:aws:execute-api:{}:{}:{}/{}", self.region, self.account, self.api_id, self.stage);
        if api == ApiKind::WebSocket {
            return format!("{prefix}/$connect");
        }
        format!("{prefix}/{}{}", request.method(), request.path())
    }

    /// The request's route key: `$connect` on WebSocket; otherwise the method and the
    /// resource template, `GET /pets/{id}` ([HTTP API authorizers][http]).
    ///
    /// [http]: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html
    pub(crate) fn route_key(api: ApiKind, request: &Request) -> String {
        if api == ApiKind::WebSocket {
            return "$connect".into();
        }
        format!("{} {}", request.method(), request.resource_path())
    }

    /// The API's default domain name.
    fn domain_name(&self) -> String {
        format!("{}.execute-api.{}.amazonaws.com", self.api_id, self.region)
    }

    fn stage_variables(&self) -> Value {
        Value::Object(self.stage_variables.iter().map(|(k, v)| (k.clone(), json!(v))).collect())
    }
}

/// The last value of each name, as API Gateway's single-value maps hold them; `null` when
/// there are none.
fn single(pairs: &[(String, String)]) -> Value {
    if pairs.is_empty() {
        return Value::Null;
    }
    let mut map = Map::new();
    for (name, value) in pairs {
        map.insert(name.clone(), json!(value));
    }
    Value::Object(map)
}

fn multi(pairs: &[(String, String)]) -> Value {
    if pairs.is_empty() {
        return Value::Null;
    }
    let mut map: Map<String, Value> = Map::new();
    for (name, value) in pairs {
        match map.entry(name.clone()).or_insert_with(|| json!([])) {
            Value::Array(values) => values.push(json!(value)),
            _ => unreachable!("only arrays are inserted"),
        }
    }
    Value::Object(map)
}

/// HTTP API payload 2.0 maps: names of headers lower-cased, repeated values comma-joined.
fn joined(pairs: &[(String, String)], lower: bool) -> Value {
    let mut map: Map<String, Value> = Map::new();
    for (name, value) in pairs {
        let name = if lower { name.to_ascii_lowercase() } else { name.clone() };
        let joined = match map.get(&name).and_then(Value::as_str) {
            Some(before) => format!("{before},{value}"),
            None => value.clone(),
        };
        map.insert(name, json!(joined));
    }
    Value::Object(map)
}

/// The event for `request`, with `identity` the identity-source values in order.
pub(crate) fn event(api: &Api, place: &Place, request: &Request, identity: &[String], request_id: &str) -> Value {
    match api {
        Api::RestToken { token_source, .. } => token_event(place, request, token_source),
        Api::RestRequest => rest_request_event(ApiKind::Rest, place, request, request_id),
        Api::HttpV1 => http_v1_event(place, request, identity, request_id),
        Api::HttpV2 => http_v2_event(place, request, identity, request_id),
        Api::WebSocket => websocket_event(place, request, request_id),
    }
}

/// A REST TOKEN authorizer's event: the token, from its header, and the method ARN.
fn token_event(place: &Place, request: &Request, token_source: &str) -> Value {
    json!({
        "type": "TOKEN",
        "authorizationToken": request.header_value(token_source).unwrap_or_default(),
        "methodArn": place.method_arn(ApiKind::Rest, request),
    })
}

/// A REST REQUEST authorizer's event, which HTTP API payload 1.0 extends: headers and query
/// parameters (single and multi-value), path parameters, stage variables, request context.
fn rest_request_event(kind: ApiKind, place: &Place, request: &Request, request_id: &str) -> Value {
    json!({
        "type": "REQUEST", "methodArn": place.method_arn(kind, request), "resource": request.resource_path(),
        "path": request.path(), "httpMethod": request.method(), "headers": single(request.headers()),
        "multiValueHeaders": multi(request.headers()), "queryStringParameters": single(request.query_params()),
        "multiValueQueryStringParameters": multi(request.query_params()), "pathParameters": path_parameters(request),
        "stageVariables": place.stage_variables(), "requestContext": rest_request_context(place, request, request_id),
    })
}

fn rest_request_context(place: &Place, request: &Request, request_id: &str) -> Value {
    json!({
        "path": request.path(), "accountId": place.account, "resourceId": "local", "stage": place.stage,
        "requestId": request_id, "identity": {"sourceIp": place.source_ip},
        "resourcePath": request.resource_path(), "httpMethod": request.method(), "apiId": place.api_id,
    })
}

/// An HTTP API payload 1.0 event: the REST REQUEST shape, with its version and the
/// identity-source values comma-joined.
fn http_v1_event(place: &Place, request: &Request, identity: &[String], request_id: &str) -> Value {
    let mut event = rest_request_event(ApiKind::HttpV1, place, request, request_id);
    let joined = identity.join(",");
    event["version"] = json!("1.0");
    event["identitySource"] = json!(joined);
    event["authorizationToken"] = json!(joined);
    event
}

/// An HTTP API payload 2.0 event: lower-cased, comma-joined headers without the cookies,
/// which come apart in `cookies`.
fn http_v2_event(place: &Place, request: &Request, identity: &[String], request_id: &str) -> Value {
    let route_key = Place::route_key(ApiKind::HttpV2, request);
    let query: Vec<String> = request.query_params().iter().map(|(n, v)| format!("{n}={v}")).collect();
    let headers: Vec<(String, String)> = request.headers().iter().filter(|(n, _)| !is_cookie(n)).cloned().collect();
    let mut event = json!({
        "version": "2.0", "type": "REQUEST", "routeArn": place.method_arn(ApiKind::HttpV2, request),
        "routeKey": route_key, "rawPath": request.path(), "rawQueryString": query.join("&"),
        "headers": joined(&headers, true), "queryStringParameters": joined(request.query_params(), false),
        "requestContext": http_v2_request_context(place, request, request_id, &route_key),
        "pathParameters": path_parameters(request), "stageVariables": place.stage_variables(),
    });
    // Absent, not empty, without identity sources or cookies:
    // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html
    if !identity.is_empty() {
        event["identitySource"] = json!(identity);
    }
    let cookies = cookies(request);
    if !cookies.is_empty() {
        event["cookies"] = json!(cookies);
    }
    event
}

fn http_v2_request_context(place: &Place, request: &Request, request_id: &str, route_key: &str) -> Value {
    json!({
        "accountId": place.account, "apiId": place.api_id, "domainName": place.domain_name(),
        "domainPrefix": place.api_id,
        "http": {"method": request.method(), "path": request.path(), "protocol": "HTTP/1.1",
                 "sourceIp": place.source_ip, "userAgent": request.header_value("user-agent").unwrap_or("local")},
        "requestId": request_id, "routeKey": route_key, "stage": place.stage,
        "time": "01/Jan/2026:00:00:00 +0000", "timeEpoch": 1_767_225_600_000_i64,
    })
}

fn is_cookie(header: &str) -> bool {
    header.eq_ignore_ascii_case("cookie")
}

/// Each cookie of the `Cookie` headers, as HTTP API payload 2.0's `cookies`.
fn cookies(request: &Request) -> Vec<&str> {
    request
        .headers()
        .iter()
        .filter(|(n, _)| is_cookie(n))
        .flat_map(|(_, v)| v.split(';').map(str::trim))
        .filter(|c| !c.is_empty())
        .collect()
}

/// A WebSocket API's `$connect` event.
fn websocket_event(place: &Place, request: &Request, request_id: &str) -> Value {
    json!({
        "type": "REQUEST", "methodArn": place.method_arn(ApiKind::WebSocket, request),
        "headers": single(request.headers()), "multiValueHeaders": multi(request.headers()),
        "queryStringParameters": single(request.query_params()),
        "multiValueQueryStringParameters": multi(request.query_params()), "stageVariables": place.stage_variables(),
        "requestContext": {
            "routeKey": "$connect", "eventType": "CONNECT", "messageDirection": "IN", "stage": place.stage,
            "connectedAt": 1_767_225_600_000_i64, "requestTimeEpoch": 1_767_225_600_000_i64,
            "identity": {"sourceIp": place.source_ip}, "requestId": request_id,
            "domainName": place.domain_name(), "connectionId": format!("conn-{request_id}"), "apiId": place.api_id,
        },
    })
}

/// The placeholders of the resource template with their values, as `pathParameters`.
fn path_parameters(request: &Request) -> Value {
    Value::Object(request.path_parameters().into_iter().map(|(name, value)| (name, json!(value))).collect())
}
