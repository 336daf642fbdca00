//! Identity sources: where API Gateway takes the values it checks before invoking the
//! authorizer, and keys its cache with (REST: [`Authorizer` reference][api-ref], `identitySource`;
//! HTTP APIs: [HTTP API authorizers][http]).
//!
//! [api-ref]: https://docs.aws.amazon.com/apigateway/latest/api/API_Authorizer.html
//! [http]: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html

use std::fmt;

use super::Request;
use crate::request::ApiKind;

/// One identity source, parsed from API Gateway's expression for its kind of API:
/// `method.request.header.Name`, `method.request.querystring.Name`, `stageVariables.Name`,
/// `context.name` (REST); `$request.header.name`, `$request.querystring.name`,
/// `$stageVariables.name`, `$context.name` (HTTP); `route.request.header.Name`,
/// `route.request.querystring.Name`, `stageVariables.Name`, `context.name` (WebSocket).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdentitySource {
    /// A header (names are case-insensitive).
    Header(String),
    /// A query-string parameter (names are case-sensitive).
    Query(String),
    /// A stage variable.
    StageVariable(String),
    /// A `$context` variable: `httpMethod`, `path`, `resourcePath` or `routeKey` here.
    Context(String),
}

/// `header Authorization`, `query string parameter token`, ...
impl fmt::Display for IdentitySource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Header(name) => write!(f, "header {name}"),
            Self::Query(name) => write!(f, "query string parameter {name}"),
            Self::StageVariable(name) => write!(f, "stage variable {name}"),
            Self::Context(name) => write!(f, "context variable {name}"),
        }
    }
}

/// An identity-source expression that is not one of API Gateway's for the kind of API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentitySourceError {
    expression: String,
    api: ApiKind,
}

impl fmt::Display for IdentitySourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let expected = match self.api {
            ApiKind::Rest => {
                "`method.request.header.<name>`, `method.request.querystring.<name>`, `stageVariables.<name>` or `context.<name>`"
            }
            ApiKind::HttpV1 | ApiKind::HttpV2 => {
                "`$request.header.<name>`, `$request.querystring.<name>`, `$stageVariables.<name>` or `$context.<name>`"
            }
            ApiKind::WebSocket => {
                "`route.request.header.<name>`, `route.request.querystring.<name>`, `stageVariables.<name>` or `context.<name>`"
            }
        };
        write!(f, "`{}` is not an identity source of this kind of API: expected {expected}", self.expression)
    }
}

impl std::error::Error for IdentitySourceError {}

impl IdentitySource {
    /// Parses `expression` as API Gateway does for an API of kind `api`.
    ///
    /// # Errors
    ///
    /// When the expression is not one of that kind's forms, or names nothing.
    pub fn parse(api: ApiKind, expression: &str) -> Result<Self, IdentitySourceError> {
        let expression = expression.trim();
        let (header, query, stage, context) = match api {
            ApiKind::Rest => ("method.request.header.", "method.request.querystring.", "stageVariables.", "context."),
            ApiKind::HttpV1 | ApiKind::HttpV2 => {
                ("$request.header.", "$request.querystring.", "$stageVariables.", "$context.")
            }
            ApiKind::WebSocket => {
                ("route.request.header.", "route.request.querystring.", "stageVariables.", "context.")
            }
        };
        let named = |prefix: &str| expression.strip_prefix(prefix).filter(|name| !name.is_empty()).map(str::to_owned);
        named(header)
            .map(Self::Header)
            .or_else(|| named(query).map(Self::Query))
            .or_else(|| named(stage).map(Self::StageVariable))
            .or_else(|| named(context).map(Self::Context))
            .ok_or_else(|| IdentitySourceError { expression: expression.to_owned(), api })
    }

    /// This source's value for `request`, if present and non-empty.
    pub(crate) fn value<'a>(
        &self,
        request: &'a Request,
        stage_variables: &'a [(String, String)],
        route_key: &'a str,
    ) -> Option<&'a str> {
        let value = match self {
            Self::Header(name) => request.header_value(name),
            Self::Query(name) => request.query_value(name),
            Self::StageVariable(name) => stage_variables.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str()),
            Self::Context(name) => match name.as_str() {
                "httpMethod" => Some(request.method()),
                "path" => Some(request.path()),
                "resourcePath" => Some(request.resource_path()),
                "routeKey" => Some(route_key),
                _ => None,
            },
        };
        value.filter(|v| !v.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_kinds_expressions() {
        assert_eq!(
            IdentitySource::parse(ApiKind::Rest, "method.request.header.Auth"),
            Ok(IdentitySource::Header("Auth".into()))
        );
        assert_eq!(
            IdentitySource::parse(ApiKind::Rest, " method.request.querystring.q "),
            Ok(IdentitySource::Query("q".into()))
        );
        assert_eq!(
            IdentitySource::parse(ApiKind::HttpV2, "$request.header.authorization"),
            Ok(IdentitySource::Header("authorization".into()))
        );
        assert_eq!(
            IdentitySource::parse(ApiKind::HttpV2, "$context.routeKey"),
            Ok(IdentitySource::Context("routeKey".into()))
        );
        assert_eq!(
            IdentitySource::parse(ApiKind::WebSocket, "route.request.querystring.QueryString1"),
            Ok(IdentitySource::Query("QueryString1".into()))
        );
        assert_eq!(
            IdentitySource::parse(ApiKind::Rest, "stageVariables.StageVar1"),
            Ok(IdentitySource::StageVariable("StageVar1".into()))
        );
        for (api, bad) in [
            (ApiKind::Rest, "$request.header.x"),
            (ApiKind::HttpV2, "method.request.header.x"),
            (ApiKind::Rest, "method.request.header."),
            (ApiKind::Rest, "header"),
        ] {
            let err = IdentitySource::parse(api, bad).unwrap_err();
            assert!(err.to_string().contains("expected"), "{err}");
        }
    }

    #[test]
    fn values_are_present_and_non_empty() {
        let request = Request::get("/pets").header("auth", "").header("X-Key", "k").query("q", "v");
        let header = |n: &str| IdentitySource::Header(n.into()).value(&request, &[], "$default").map(str::to_owned);
        assert_eq!(header("x-key").as_deref(), Some("k"));
        assert_eq!(header("auth"), None);
        assert_eq!(header("missing"), None);
        assert_eq!(IdentitySource::Query("Q".into()).value(&request, &[], ""), None);
        assert_eq!(IdentitySource::Context("httpMethod".into()).value(&request, &[], ""), Some("GET"));
        let pet = Request::get("/pets/7").resource("/pets/{id}");
        let context = |n: &str| IdentitySource::Context(n.into()).value(&pet, &[], "GET /pets/{id}");
        assert_eq!(
            (context("path"), context("resourcePath"), context("routeKey")),
            (Some("/pets/7"), Some("/pets/{id}"), Some("GET /pets/{id}"))
        );
    }
}
