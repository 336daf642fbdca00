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
pub(crate) fn event(api: &Api, place: &Place, request: &Request, identity: &[&str], request_id: &str) -> Value {
    let method_arn = place.method_arn(api.kind(), request);
    let route_key = Place::route_key(api.kind(), request);
    let path_parameters =
        || Value::Object(request.path_parameters().into_iter().map(|(name, value)| (name, json!(value))).collect());
    let rest_context = || {
        json!({
            "path": request.path(), "accountId": place.account, "resourceId": "local", "stage": place.stage,
            "requestId": request_id, "identity": {"sourceIp": place.source_ip},
            "resourcePath": request.resource_path(), "httpMethod": request.method(), "apiId": place.api_id,
        })
    };
    let rest_shape = || {
        json!({
            "type": "REQUEST", "methodArn": method_arn, "resource": request.resource_path(), "path": request.path(),
            "httpMethod": request.method(), "headers": single(request.headers()),
            "multiValueHeaders": multi(request.headers()), "queryStringParameters": single(request.query_params()),
            "multiValueQueryStringParameters": multi(request.query_params()), "pathParameters": path_parameters(),
            "stageVariables": place.stage_variables(), "requestContext": rest_context(),
        })
    };
    match api {
        Api::RestToken { token_source, .. } => json!({
            "type": "TOKEN",
            "authorizationToken": request.header_value(token_source).unwrap_or_default(),
            "methodArn": method_arn,
        }),
        Api::RestRequest => rest_shape(),
        Api::HttpV1 => {
            let mut event = rest_shape();
            let joined = identity.join(",");
            event["version"] = json!("1.0");
            event["identitySource"] = json!(joined);
            event["authorizationToken"] = json!(joined);
            event
        }
        Api::HttpV2 => {
            let query: Vec<String> = request.query_params().iter().map(|(n, v)| format!("{n}={v}")).collect();
            let cookies: Vec<&str> = request
                .headers()
                .iter()
                .filter(|(n, _)| n.eq_ignore_ascii_case("cookie"))
                .flat_map(|(_, v)| v.split(';').map(str::trim))
                .filter(|c| !c.is_empty())
                .collect();
            let headers: Vec<(String, String)> =
                request.headers().iter().filter(|(n, _)| !n.eq_ignore_ascii_case("cookie")).cloned().collect();
            let mut event = json!({
                "version": "2.0", "type": "REQUEST", "routeArn": method_arn, "routeKey": route_key,
                "rawPath": request.path(), "rawQueryString": query.join("&"),
                "headers": joined(&headers, true), "queryStringParameters": joined(request.query_params(), false),
                "requestContext": {
                    "accountId": place.account, "apiId": place.api_id,
                    "domainName": format!("{}.execute-api.{}.amazonaws.com", place.api_id, place.region),
                    "domainPrefix": place.api_id,
                    "http": {"method": request.method(), "path": request.path(), "protocol": "HTTP/1.1",
                             "sourceIp": place.source_ip, "userAgent": request.header_value("user-agent").unwrap_or("local")},
                    "requestId": request_id, "routeKey": route_key, "stage": place.stage,
                    "time": "01/Jan/2026:00:00:00 +0000", "timeEpoch": 1_767_225_600_000_i64,
                },
                "pathParameters": path_parameters(), "stageVariables": place.stage_variables(),
            });
            // Absent, not empty, without identity sources or cookies:
            // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html
            if !identity.is_empty() {
                event["identitySource"] = json!(identity);
            }
            if !cookies.is_empty() {
                event["cookies"] = json!(cookies);
            }
            event
        }
        Api::WebSocket => json!({
            "type": "REQUEST", "methodArn": method_arn, "headers": single(request.headers()),
            "multiValueHeaders": multi(request.headers()), "queryStringParameters": single(request.query_params()),
            "multiValueQueryStringParameters": multi(request.query_params()), "stageVariables": place.stage_variables(),
            "requestContext": {
                "routeKey": "$connect", "eventType": "CONNECT", "messageDirection": "IN", "stage": place.stage,
                "connectedAt": 1_767_225_600_000_i64, "requestTimeEpoch": 1_767_225_600_000_i64,
                "identity": {"sourceIp": place.source_ip}, "requestId": request_id,
                "domainName": format!("{}.execute-api.{}.amazonaws.com", place.api_id, place.region),
                "connectionId": format!("conn-{request_id}"), "apiId": place.api_id,
            },
        }),
    }
}
