//! Fetching a discovery document or a key set: HTTPS only (plain HTTP to a loopback address,
//! for tests and the local issuer), bounded in time and size, no redirects followed.

use std::net::IpAddr;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use http::{Request, StatusCode, Uri};
use http_body_util::{BodyExt, Empty, Limited};
use hyper::body::Bytes;
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde::Deserialize;

use super::error::ConfigError;

type HttpsClient = Client<HttpsConnector<HttpConnector>, Empty<Bytes>>;

/// Time kept to answer API Gateway after a fetch that the invocation's deadline bounds.
const ANSWER_MARGIN: Duration = Duration::from_millis(100);
/// No fetch waits longer than this, whatever the setting (so that adding it to an `Instant`
/// cannot overflow).
const MAX_TIMEOUT: Duration = Duration::from_secs(3600);

/// An HTTP client made at the first fetch (TLS roots and all), so that a cold start that finds
/// its keys preloaded, or never needs them, pays nothing for it.
pub(crate) struct Fetcher {
    client: OnceLock<HttpsClient>,
    pub(crate) timeout: Duration,
    pub(crate) max_bytes: usize,
}

impl Fetcher {
    pub(crate) fn new(timeout: Duration, max_bytes: usize) -> Self {
        Self { client: OnceLock::new(), timeout, max_bytes }
    }

    /// When a fetch starting now must be done: the configured timeout, cut to what the
    /// invocation has left (less a margin to answer). One deadline covers every request of
    /// one fetch (the discovery document and the key set).
    pub(crate) fn deadline(&self) -> Instant {
        let budget =
            crate::remaining().map_or(self.timeout, |left| left.saturating_sub(ANSWER_MARGIN).min(self.timeout));
        Instant::now() + budget.min(MAX_TIMEOUT)
    }

    /// GETs `url` before `deadline`: the body of a 200 response, or why there is none.
    pub(crate) async fn get(&self, url: &Uri, deadline: Instant) -> Result<Bytes, String> {
        let budget = deadline.saturating_duration_since(Instant::now());
        if budget.is_zero() {
            return Err("no time left to fetch it".into());
        }
        match tokio::time::timeout(budget, self.get_once_retried(url)).await {
            Ok(result) => result,
            Err(_) => Err(format!("timed out after {} ms", budget.as_millis())),
        }
    }

    /// One request, and one more if the first could not connect (as aws-jwt-verify does).
    async fn get_once_retried(&self, url: &Uri) -> Result<Bytes, String> {
        match self.get_once(url).await {
            Err(Failure::Connect(_)) => self.get_once(url).await.map_err(Failure::into_message),
            result => result.map_err(Failure::into_message),
        }
    }

    async fn get_once(&self, url: &Uri) -> Result<Bytes, Failure> {
        let client = self.client.get_or_init(client);
        let request = Request::get(url.clone())
            .header(http::header::ACCEPT, "application/json")
            .body(Empty::new())
            .map_err(|e| Failure::Other(e.to_string()))?;
        let response = client.request(request).await.map_err(|e| {
            let message = error_chain(&e);
            if e.is_connect() { Failure::Connect(message) } else { Failure::Other(message) }
        })?;
        let status = response.status();
        if status != StatusCode::OK {
            return Err(Failure::Other(format!("status {status}, not 200")));
        }
        let body = Limited::new(response.into_body(), self.max_bytes);
        match body.collect().await {
            Ok(collected) => Ok(collected.to_bytes()),
            Err(e) if e.is::<http_body_util::LengthLimitError>() => {
                Err(Failure::Other(format!("larger than {} bytes", self.max_bytes)))
            }
            Err(e) => Err(Failure::Other(format!("reading the body: {}", error_chain(e.as_ref())))),
        }
    }
}

enum Failure {
    Connect(String),
    Other(String),
}

impl Failure {
    fn into_message(self) -> String {
        match self {
            Self::Connect(message) | Self::Other(message) => message,
        }
    }
}

fn error_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}

/// rustls with aws-lc-rs (the same library that verifies the tokens) and Mozilla's roots,
/// compiled in (`webpki-roots`): nothing to read from the file system at cold start, and the
/// same roots wherever the function runs.
fn client() -> HttpsClient {
    let roots = rustls::RootCertStore { roots: webpki_roots::TLS_SERVER_ROOTS.to_vec() };
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("aws-lc-rs supports rustls' default protocol versions")
        .with_root_certificates(roots)
        .with_no_client_auth();
    let mut http = HttpConnector::new();
    http.enforce_http(false);
    http.set_connect_timeout(Some(Duration::from_secs(5)));
    let https = hyper_rustls::HttpsConnectorBuilder::new()
        .with_tls_config(tls)
        .https_or_http()
        .enable_http1()
        .wrap_connector(http);
    // No idle connections kept: fetches are rare (a cold start, a rotation), and a connection
    // kept through a frozen Lambda environment, or from another Tokio runtime, is likely dead.
    Client::builder(TokioExecutor::new()).pool_max_idle_per_host(0).build(https)
}

/// A URL keys may be fetched from: `https`, or `http` to a loopback address (`127.0.0.0/8`,
/// `::1`, `localhost`), with a host and no user information.
pub(crate) fn key_url(url: &str, what: &str) -> Result<Uri, String> {
    let uri: Uri = url.parse().map_err(|e| format!("{what} `{url}` is not a URL: {e}"))?;
    let Some(authority) = uri.authority() else {
        return Err(format!("{what} `{url}` has no host"));
    };
    if authority.as_str().contains('@') {
        return Err(format!("{what} `{url}` has user information"));
    }
    match uri.scheme_str() {
        Some("https") => Ok(uri),
        Some("http") if is_loopback(authority.host()) => Ok(uri),
        Some("http") => {
            Err(format!("{what} `{url}` is plain HTTP: keys are fetched over HTTPS (HTTP only on loopback)"))
        }
        _ => Err(format!("{what} `{url}` is not an https URL")),
    }
}

fn is_loopback(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost") || bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// `{issuer}/.well-known/openid-configuration`, the OpenID Connect discovery document
/// (<https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderConfig>).
pub(crate) fn discovery_url(issuer: &str) -> Result<Uri, ConfigError> {
    let url = format!("{}/.well-known/openid-configuration", issuer.trim_end_matches('/'));
    key_url(&url, "the issuer's discovery URL").map_err(ConfigError)
}

#[derive(Deserialize)]
struct Discovery {
    issuer: String,
    jwks_uri: String,
}

/// The key set URL of a discovery document fetched from `from`, after checking that the
/// document is the issuer's own: its `issuer` must be exactly the one configured (OpenID
/// Connect Discovery §4.3). Plain HTTP to loopback only if the document came from loopback: a
/// remote issuer cannot point the function at a port of its own host.
pub(crate) fn jwks_uri_of(body: &[u8], issuer: &str, from: &Uri) -> Result<Uri, String> {
    let document: Discovery =
        serde_json::from_slice(body).map_err(|e| format!("not an OpenID Connect discovery document: {e}"))?;
    if document.issuer != issuer {
        return Err(format!("its issuer `{}` is not the configured `{issuer}`", document.issuer));
    }
    let uri = key_url(&document.jwks_uri, "its jwks_uri")?;
    if uri.scheme_str() == Some("http") && from.scheme_str() != Some("http") {
        return Err(format!("its jwks_uri `{}` is plain HTTP, from an HTTPS issuer", document.jwks_uri));
    }
    Ok(uri)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_come_over_https_or_from_loopback() {
        for ok in [
            "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc/.well-known/jwks.json",
            "http://127.0.0.1:8080/jwks.json",
            "http://127.9.9.9/jwks.json",
            "http://localhost:3000/keys",
            "http://[::1]:3000/keys",
        ] {
            assert!(key_url(ok, "url").is_ok(), "{ok}");
        }
        for bad in [
            "http://example.com/jwks.json",
            "http://10.0.0.1/jwks.json",
            "http://127.0.0.1.example.com/jwks.json",
            "ftp://example.com/jwks.json",
            "https://user:pass@example.com/jwks.json",
            "/jwks.json",
            "not a url",
        ] {
            assert!(key_url(bad, "url").is_err(), "{bad}");
        }
    }

    #[test]
    fn discovery_is_under_the_issuer_with_or_without_its_slash() {
        assert_eq!(
            discovery_url("https://tenant.auth0.com/").unwrap(),
            "https://tenant.auth0.com/.well-known/openid-configuration"
        );
        assert_eq!(
            discovery_url("https://login.microsoftonline.com/t/v2.0").unwrap(),
            "https://login.microsoftonline.com/t/v2.0/.well-known/openid-configuration"
        );
    }

    #[test]
    fn a_discovery_document_must_name_its_issuer_exactly() {
        let from: Uri = "https://idp.example/.well-known/openid-configuration".parse().unwrap();
        let doc = |issuer: &str| format!(r#"{{"issuer": "{issuer}", "jwks_uri": "https://idp.example/keys"}}"#);
        let ok = jwks_uri_of(doc("https://idp.example/").as_bytes(), "https://idp.example/", &from);
        assert_eq!(ok.unwrap(), "https://idp.example/keys");
        assert!(jwks_uri_of(doc("https://idp.example").as_bytes(), "https://idp.example/", &from).is_err());
        assert!(jwks_uri_of(doc("https://evil.example/").as_bytes(), "https://idp.example/", &from).is_err());
        let plain = r#"{"issuer": "https://idp.example/", "jwks_uri": "http://idp.example/keys"}"#;
        assert!(jwks_uri_of(plain.as_bytes(), "https://idp.example/", &from).is_err());
        assert!(jwks_uri_of(b"{}", "https://idp.example/", &from).is_err());
        // A remote issuer cannot send the function to a port of its own host.
        let local = r#"{"issuer": "https://idp.example/", "jwks_uri": "http://127.0.0.1:9001/2018-06-01/runtime/invocation/next"}"#;
        let refused = jwks_uri_of(local.as_bytes(), "https://idp.example/", &from).unwrap_err();
        assert!(refused.contains("from an HTTPS issuer"), "{refused}");
        let loopback: Uri = "http://127.0.0.1:8080/.well-known/openid-configuration".parse().unwrap();
        let local_doc = r#"{"issuer": "http://127.0.0.1:8080", "jwks_uri": "http://127.0.0.1:8080/keys"}"#;
        assert!(jwks_uri_of(local_doc.as_bytes(), "http://127.0.0.1:8080", &loopback).is_ok());
    }
}
