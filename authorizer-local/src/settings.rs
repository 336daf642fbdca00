//! The gateway's settings (kind of API, TTL, identity sources...), from the command line or a
//! scenario file, and starting the authorizer binary behind it (with the local issuer it
//! trusts, when asked for one).

use std::path::Path;
use std::time::Duration;

use crate::{Function, ProcessInvoker, StartError};
use authorizer_core::gateway::{Gateway, IdentitySource, Invoker, Request};
use authorizer_core::testing::{LOCAL_AUDIENCE, LocalIssuer};
use authorizer_core::{ApiKind, Reply};
use serde_json::Value;

use crate::Failure;

/// The kinds of API the gateway plays, as named on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiArg {
    RestToken,
    RestRequest,
    Http,
    HttpV1,
    WebSocket,
}

impl ApiArg {
    pub const NAMES: [&'static str; 5] = ["rest-token", "rest-request", "http", "http-v1", "websocket"];

    pub fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "rest-token" => Self::RestToken,
            "rest-request" => Self::RestRequest,
            "http" => Self::Http,
            "http-v1" => Self::HttpV1,
            "websocket" => Self::WebSocket,
            _ => return None,
        })
    }

    pub const fn name(self) -> &'static str {
        match self {
            Self::RestToken => "rest-token",
            Self::RestRequest => "rest-request",
            Self::Http => "http",
            Self::HttpV1 => "http-v1",
            Self::WebSocket => "websocket",
        }
    }

    pub const fn kind(self) -> ApiKind {
        match self {
            Self::RestToken | Self::RestRequest => ApiKind::Rest,
            Self::Http => ApiKind::HttpV2,
            Self::HttpV1 => ApiKind::HttpV1,
            Self::WebSocket => ApiKind::WebSocket,
        }
    }

    pub const fn describe(self) -> &'static str {
        match self {
            Self::RestToken => "REST API, TOKEN authorizer",
            Self::RestRequest => "REST API, REQUEST authorizer",
            Self::Http => "HTTP API, payload format 2.0",
            Self::HttpV1 => "HTTP API, payload format 1.0",
            Self::WebSocket => "WebSocket API, $connect",
        }
    }

    /// API Gateway's default TTL for the kind (the library's defaults).
    const fn default_ttl(self) -> u64 {
        match self {
            Self::RestToken | Self::RestRequest => 300,
            Self::Http | Self::HttpV1 | Self::WebSocket => 0,
        }
    }

    /// An identity source of this kind, for messages.
    const fn identity_example(self) -> &'static str {
        match self {
            Self::RestToken | Self::RestRequest => "method.request.header.Authorization",
            Self::Http | Self::HttpV1 => "$request.header.authorization",
            Self::WebSocket => "route.request.header.Authorization",
        }
    }
}

/// Everything that configures the gateway and the binary's environment.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub api: Option<ApiArg>,
    pub ttl: Option<u64>,
    pub identity_sources: Vec<String>,
    pub token_source: Option<String>,
    pub validation_expression: Option<String>,
    pub stage_variables: Vec<(String, String)>,
    pub env: Vec<(String, String)>,
    /// Start a local OpenID Connect issuer, and give the binary its settings (`JWT_ISSUER`...).
    pub local_issuer: bool,
}

/// The binary, started behind the gateway, and the local issuer it trusts (if the settings
/// ask for one): keep it as long as the binary runs.
pub struct Started {
    pub invoker: ProcessInvoker,
    pub issuer: Option<LocalIssuer>,
}

/// What the binary's environment gets from the local issuer: the variables `jwt-oidc` reads.
fn issuer_env(issuer: &LocalIssuer) -> Vec<(String, String)> {
    vec![
        ("JWT_ISSUER".to_owned(), issuer.issuer().to_owned()),
        ("JWT_AUDIENCE".to_owned(), LOCAL_AUDIENCE.to_owned()),
        ("JWT_JWKS_URL".to_owned(), issuer.jwks_url()),
    ]
}

/// Token claims, `what` in messages: a JSON object.
pub fn claims(value: Value, what: &str) -> Result<Value, String> {
    if value.is_object() {
        Ok(value)
    } else {
        Err(format!(
            "{what} must be a JSON object of claims, such as {{\"sub\": \"u-1\", \"scope\": \"pets:read\"}}, not {value}"
        ))
    }
}

/// An invoker for checking a configuration before the binary is started.
struct Unused;

impl Invoker for Unused {
    fn invoke(&mut self, _: &[u8]) -> Reply {
        unreachable!("a gateway built to check its settings sends nothing")
    }
}

/// Sets `name` to `value` in `pairs`, replacing an earlier value.
fn set(pairs: &mut Vec<(String, String)>, name: String, value: String) {
    pairs.retain(|(n, _)| *n != name);
    pairs.push((name, value));
}

/// `NAME=VALUE`, for `what` (an option's name) in messages.
pub fn name_value(text: &str, what: &str) -> Result<(String, String), Failure> {
    match text.split_once('=') {
        Some((name, value)) if !name.is_empty() => Ok((name.to_owned(), value.to_owned())),
        _ => Err(Failure::Usage(format!("{what} takes NAME=VALUE, not `{text}`"))),
    }
}

/// `--env NAME=VALUE`, or `--env NAME` for this process's value of `NAME`.
pub fn env_var(text: &str) -> Result<(String, String), Failure> {
    if text.contains('=') {
        return name_value(text, "--env");
    }
    match std::env::var(text) {
        Ok(value) => Ok((text.to_owned(), value)),
        Err(_) => Err(Failure::Usage(format!(
            "--env {text}: `{text}` is not set in this environment (give its value: --env {text}=VALUE)"
        ))),
    }
}

impl Settings {
    /// `self`, with `over`'s settings where it has any (the command line over a file's).
    pub fn overlay(mut self, over: Settings) -> Settings {
        self.api = over.api.or(self.api);
        self.ttl = over.ttl.or(self.ttl);
        if !over.identity_sources.is_empty() {
            self.identity_sources = over.identity_sources;
        }
        self.token_source = over.token_source.or(self.token_source);
        self.validation_expression = over.validation_expression.or(self.validation_expression);
        for (name, value) in over.stage_variables {
            set(&mut self.stage_variables, name, value);
        }
        for (name, value) in over.env {
            set(&mut self.env, name, value);
        }
        self.local_issuer |= over.local_issuer;
        self
    }

    pub fn api(&self) -> Result<ApiArg, Failure> {
        self.api.ok_or_else(|| {
            Failure::Usage(format!(
                "which kind of API is the authorizer behind? Pass --api <KIND>, one of {}",
                ApiArg::NAMES.join(", ")
            ))
        })
    }

    pub fn ttl(&self) -> Result<u64, Failure> {
        Ok(self.ttl.unwrap_or(self.api()?.default_ttl()))
    }

    /// The header a TOKEN authorizer reads.
    pub fn token_header(&self) -> &str {
        self.token_source.as_deref().unwrap_or("Authorization")
    }

    /// The gateway, in front of `invoker`.
    ///
    /// Usage errors: what API Gateway would refuse, and options of another kind of API.
    pub fn gateway(&self, invoker: impl Invoker + 'static) -> Result<Gateway, Failure> {
        let api = self.api()?;
        let usage = |message: String| Err(Failure::Usage(message));
        if api == ApiArg::RestToken && !self.identity_sources.is_empty() {
            return usage(
                "a TOKEN authorizer's identity source is its token header: use --token-source <HEADER> \
                 (default Authorization), or --api rest-request for identity sources"
                    .into(),
            );
        }
        if api != ApiArg::RestToken && (self.token_source.is_some() || self.validation_expression.is_some()) {
            return usage(format!(
                "--token-source and --validation-expression are for a REST TOKEN authorizer (--api rest-token), \
                 not --api {}; give it identity sources with --identity-source",
                api.name()
            ));
        }
        let mut gateway = match api {
            ApiArg::RestToken => Gateway::rest_token(invoker),
            ApiArg::RestRequest => Gateway::rest_request(invoker),
            ApiArg::Http => Gateway::http(invoker),
            ApiArg::HttpV1 => Gateway::http_v1(invoker),
            ApiArg::WebSocket => Gateway::websocket(invoker),
        };
        if let Some(ttl) = self.ttl {
            gateway = gateway.ttl(Duration::from_secs(ttl));
        }
        for source in &self.identity_sources {
            gateway = gateway.identity_source(source);
        }
        if let Some(header) = &self.token_source {
            gateway = gateway.token_source(header);
        }
        if let Some(expression) = &self.validation_expression {
            gateway = gateway.validation_expression(expression);
        }
        for (name, value) in &self.stage_variables {
            gateway = gateway.stage_variable(name, value);
        }
        match gateway.check() {
            Ok(()) => Ok(gateway),
            Err(e) if self.identity_sources.is_empty() && e.to_string().contains("identity source") => usage(format!(
                "{e}. Pass --identity-source <EXPR> (e.g. {}), or --ttl 0 to turn the cache off",
                api.identity_example()
            )),
            Err(e) => usage(e.to_string()),
        }
    }

    /// Checks the settings without starting anything.
    pub fn check(&self) -> Result<(), Failure> {
        self.gateway(Unused).map(drop)
    }

    /// One line saying what the gateway is.
    pub fn describe(&self) -> Result<String, Failure> {
        let api = self.api()?;
        let mut parts = vec![api.describe().to_owned()];
        if api == ApiArg::RestToken {
            parts.push(format!("token from header {}", self.token_header()));
            if let Some(expression) = &self.validation_expression {
                parts.push(format!("validation expression {expression}"));
            }
        } else if !self.identity_sources.is_empty() {
            parts.push(format!("identity sources {}", self.identity_sources.join(", ")));
        }
        let ttl = self.ttl()?;
        parts.push(if ttl == 0 { "no cache (TTL 0)".to_owned() } else { format!("TTL {ttl} s") });
        if self.local_issuer {
            parts.push("tokens from a local issuer".to_owned());
        }
        Ok(parts.join(", "))
    }

    /// What the credential column shows for `request`: the token (TOKEN authorizers), else
    /// the header and query-string identity sources (or `Authorization` without any), masked.
    pub fn credential(&self, request: &Request) -> String {
        let api = self.api.unwrap_or(ApiArg::RestToken);
        let shown = |value: Option<&str>| value.filter(|v| !v.is_empty()).map_or_else(|| "(none)".to_owned(), mask);
        if api == ApiArg::RestToken {
            return shown(request.header_value(self.token_header()));
        }
        let values: Vec<String> = self
            .identity_sources
            .iter()
            .filter_map(|expression| match IdentitySource::parse(api.kind(), expression) {
                Ok(IdentitySource::Header(name)) => Some(shown(request.header_value(&name))),
                Ok(IdentitySource::Query(name)) => Some(shown(request.query_value(&name))),
                _ => None,
            })
            .collect();
        if values.is_empty() { shown(request.header_value("Authorization")) } else { values.join(", ") }
    }

    /// Starts the local issuer if the settings ask for one, then `binary` with this
    /// environment (over the issuer's: the user's variables win), as an invoker.
    pub fn start(&self, binary: &Path, echo_logs: bool) -> Result<Started, Failure> {
        if !binary.is_file() {
            return Err(Failure::Failed(format!(
                "{}: no such file. Build the authorizer first (e.g. `cargo build -p authorizer-examples --bin petstore` \
                 gives target/debug/petstore)",
                binary.display()
            )));
        }
        let name = binary.file_stem().map_or_else(|| "authorizer".into(), |s| s.to_string_lossy().into_owned());
        let issuer = self.local_issuer.then(LocalIssuer::start);
        let mut env = issuer.as_ref().map(issuer_env).unwrap_or_default();
        for (key, value) in &self.env {
            set(&mut env, key.clone(), value.clone());
        }
        let mut function = Function::builder(binary).function_name(name).echo(echo_logs);
        for (key, value) in &env {
            function = function.env(key, value);
        }
        let invoker = ProcessInvoker::start(function).map_err(|e| {
            let hint = match e {
                StartError::InitFailed(_) => {
                    "\nIt runs with Lambda's environment only: give it variables with --env NAME=VALUE."
                }
                StartError::Exited { .. } => {
                    "\nIs it a Lambda function? It runs with Lambda's environment only (give it variables with \
                     --env NAME=VALUE)."
                }
                _ => "",
            };
            Failure::Failed(format!("{}: {e}{hint}", binary.display()))
        })?;
        Ok(Started { invoker, issuer })
    }

    /// The `x-amzn-ErrorType` API Gateway sends with an answer.
    pub fn error_type_header(&self, exchange: &authorizer_core::gateway::Exchange) -> Option<&'static str> {
        exchange.error_type
    }
}

/// `value`, showing at most its first 4 characters (and at most half of it) then `…`; an
/// authentication scheme (`Bearer `, `Basic `) is kept, so that rows stay readable.
pub fn mask(value: &str) -> String {
    if let Some((scheme, rest)) = value.split_once(' ')
        && !rest.is_empty()
        && scheme.len() <= 10
        && scheme.chars().all(|c| c.is_ascii_alphabetic())
    {
        return format!("{scheme} {}", mask(rest.trim_start()));
    }
    let shown = (value.chars().count() / 2).min(4);
    format!("{}…", value.chars().take(shown).collect::<String>())
}
