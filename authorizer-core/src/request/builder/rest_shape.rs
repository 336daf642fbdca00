//! What the builders of REST-shaped events (REST `REQUEST`, HTTP API payload 1.0) share.

use serde::Serialize;
use serde_json::Value;

use super::common::{Common, context_json, overlay, set};
use super::pairs::{Grouped, Pairs};
use crate::{MethodArn, RestRequestContext};

/// The fields of a REST-shaped event, as given.
#[derive(Clone, Default)]
pub(super) struct RestShape {
    pub(super) common: Common,
    pub(super) resource: Option<String>,
    pub(super) path: Option<String>,
    pub(super) http_method: Option<String>,
    pub(super) api_key: Option<String>,
    pub(super) context: Option<RestRequestContext>,
}

/// How an event carries repeated headers and query parameters: REST sends each name's last
/// value and, in `multiValue*` maps, all of them; HTTP APIs join them with commas.
#[derive(Clone, Copy)]
pub(super) enum Repeated {
    LastAndMultiValue,
    Joined,
}

impl Repeated {
    /// `headers` or `queryStringParameters`.
    fn single(self, pairs: &Pairs) -> Grouped<'_> {
        match self {
            Self::LastAndMultiValue => pairs.last(),
            Self::Joined => pairs.joined(),
        }
    }

    /// `multiValueHeaders` or `multiValueQueryStringParameters`, for the events that have them.
    fn multi(self, pairs: &Pairs) -> Option<Grouped<'_>> {
        matches!(self, Self::LastAndMultiValue).then(|| pairs.all())
    }
}

/// The top of an HTTP API payload 1.0 event: its version and identity values.
pub(super) struct V1<'a> {
    pub(super) identity_source: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Event<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<&'static str>,
    #[serde(rename = "type")]
    kind: &'static str,
    method_arn: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    identity_source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    authorization_token: Option<&'a str>,
    resource: &'a str,
    path: &'a str,
    http_method: &'a str,
    headers: Grouped<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    multi_value_headers: Option<Grouped<'a>>,
    query_string_parameters: Grouped<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    multi_value_query_string_parameters: Option<Grouped<'a>>,
    path_parameters: Grouped<'a>,
    stage_variables: Grouped<'a>,
    request_context: Value,
}

impl RestShape {
    pub(super) fn new(method_arn: impl Into<String>) -> Self {
        Self { common: Common::new(method_arn), ..Self::default() }
    }

    /// The event: `v1` for HTTP API payload 1.0, `None` for REST.
    pub(super) fn json(&self, repeated: Repeated, v1: Option<V1<'_>>) -> String {
        let arn = MethodArn::parse(self.common.arn.as_str()).ok();
        let path = self.path.clone().unwrap_or_else(|| arn.as_ref().map(|a| a.path().to_owned()).unwrap_or_default());
        let resource = self.resource.clone().unwrap_or_else(|| path.clone());
        let http_method =
            self.http_method.clone().unwrap_or_else(|| arn.as_ref().map(|a| a.verb().to_owned()).unwrap_or_default());
        let identity_source = v1.as_ref().and_then(|v| v.identity_source);
        super::to_json(&Event {
            version: v1.as_ref().map(|_| "1.0"),
            kind: "REQUEST",
            method_arn: &self.common.arn,
            identity_source,
            authorization_token: identity_source,
            resource: &resource,
            path: &path,
            http_method: &http_method,
            headers: repeated.single(&self.common.headers),
            multi_value_headers: repeated.multi(&self.common.headers),
            query_string_parameters: repeated.single(&self.common.query),
            multi_value_query_string_parameters: repeated.multi(&self.common.query),
            path_parameters: self.common.path_parameters.last(),
            stage_variables: self.common.stage_variables.last(),
            request_context: self.context(arn.as_ref(), &resource, &path, &http_method),
        })
    }

    /// The request context given, or one of the ARN's account, API id and stage and the
    /// request's method, path and resource; then the values set one by one.
    fn context(&self, arn: Option<&MethodArn>, resource: &str, path: &str, http_method: &str) -> Value {
        let mut context = match &self.context {
            Some(context) => context_json(context),
            None => {
                let mut context = Value::Object(serde_json::Map::new());
                if let Some(arn) = arn {
                    set(&mut context, &["accountId"], arn.account());
                    set(&mut context, &["apiId"], arn.api_id());
                    set(&mut context, &["stage"], arn.stage());
                }
                set(&mut context, &["path"], path);
                set(&mut context, &["resourcePath"], resource);
                set(&mut context, &["httpMethod"], http_method);
                context
            }
        };
        overlay(
            &mut context,
            &[
                (&["identity", "sourceIp"], self.common.source_ip.as_deref()),
                (&["identity", "apiKey"], self.api_key.as_deref()),
            ],
        );
        context
    }
}

/// The setters of the REST-shaped fields, reached through `self.shape`.
macro_rules! shape_setters {
    () => {
        super::common::common_setters!(shape.common, "Authorization");
        super::common::path_parameter_setter!(shape.common);

        /// Sets the resource template, e.g. `/pets/{id}` (by default, the path).
        #[must_use]
        pub fn resource(mut self, resource: impl Into<String>) -> Self {
            self.shape.resource = Some(resource.into());
            self
        }

        /// Sets the request path, e.g. `/pets/42` (by default, the method ARN's).
        #[must_use]
        pub fn path(mut self, path: impl Into<String>) -> Self {
            self.shape.path = Some(path.into());
            self
        }

        /// Sets the HTTP method, e.g. `GET` (by default, the method ARN's verb).
        #[must_use]
        pub fn http_method(mut self, method: impl Into<String>) -> Self {
            self.shape.http_method = Some(method.into());
            self
        }

        /// Sets the API key (`requestContext.identity.apiKey`, over the one of a context
        /// given to `request_context`).
        #[must_use]
        pub fn api_key(mut self, key: impl Into<String>) -> Self {
            self.shape.api_key = Some(key.into());
            self
        }

        /// Sets the whole request context. Without it, the context holds the method ARN's
        /// account, API id and stage and the request's path, resource and method; the
        /// source IP and API key, when set, go into either.
        #[must_use]
        pub fn request_context(mut self, context: crate::RestRequestContext) -> Self {
            self.shape.context = Some(context);
            self
        }
    };
}
pub(super) use shape_setters;
