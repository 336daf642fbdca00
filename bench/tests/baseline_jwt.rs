//! `baseline-jwt` works: the real binary, under the local Lambda Runtime API, against an issuer
//! on 127.0.0.1 that publishes its discovery document and its key set. The key is made at test
//! time, and the tokens are signed with it.

use std::convert::Infallible;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use authorizer_local::{Function, Invocation, Outcome, RuntimeApi};
use aws_lc_rs::encoding::{AsDer, Pkcs8V1Der};
use aws_lc_rs::rsa::{KeyPair, KeySize};
use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use jsonwebtoken::jwk::{Jwk, JwkSet};
use jsonwebtoken::{Algorithm, EncodingKey, Header, encode};
use serde_json::{Value, json};

const BASELINE: &str = env!("CARGO_BIN_EXE_baseline-jwt");
const AUDIENCE: &str = "pets-api";
const PREFIX: &str = "arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/";

/// An OIDC issuer on 127.0.0.1: `/.well-known/openid-configuration` and `/jwks.json`, with how
/// often each was fetched; once `failing` is set, it answers 500 to everything. Stops when
/// dropped.
struct Issuer {
    url: String,
    discovery_hits: Arc<AtomicUsize>,
    jwks_hits: Arc<AtomicUsize>,
    failing: Arc<AtomicBool>,
    _runtime: tokio::runtime::Runtime,
}

impl Issuer {
    fn start(jwks: &JwkSet) -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
        let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let discovery = Bytes::from(json!({"issuer": url, "jwks_uri": format!("{url}/jwks.json")}).to_string());
        let jwks = Bytes::from(serde_json::to_string(jwks).unwrap());
        let (discovery_hits, jwks_hits) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        let hits = (discovery_hits.clone(), jwks_hits.clone());
        let failing = Arc::new(AtomicBool::new(false));
        let fail = failing.clone();
        runtime.spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else { continue };
                let (discovery, jwks, hits, fail) = (discovery.clone(), jwks.clone(), hits.clone(), fail.clone());
                let service = service_fn(move |request: Request<Incoming>| {
                    let (body, hits) = match request.uri().path() {
                        "/.well-known/openid-configuration" => (Some(discovery.clone()), Some(&hits.0)),
                        "/jwks.json" => (Some(jwks.clone()), Some(&hits.1)),
                        _ => (None, None),
                    };
                    if let Some(hits) = hits {
                        hits.fetch_add(1, Ordering::SeqCst);
                    }
                    let response = match body {
                        _ if fail.load(Ordering::SeqCst) => {
                            Response::builder().status(StatusCode::INTERNAL_SERVER_ERROR).body(Full::new(Bytes::new()))
                        }
                        Some(body) => {
                            Response::builder().header("content-type", "application/json").body(Full::new(body))
                        }
                        None => Response::builder().status(StatusCode::NOT_FOUND).body(Full::new(Bytes::new())),
                    };
                    async move { Ok::<_, Infallible>(response.unwrap()) }
                });
                tokio::spawn(http1::Builder::new().serve_connection(TokioIo::new(stream), service));
            }
        });
        Self { url, discovery_hits, jwks_hits, failing, _runtime: runtime }
    }

    fn hits(&self) -> (usize, usize) {
        (self.discovery_hits.load(Ordering::SeqCst), self.jwks_hits.load(Ordering::SeqCst))
    }
}

/// A fresh RSA key, for signing, and its public JWK with `kid`.
fn signing_key(kid: &str) -> (EncodingKey, Jwk) {
    let pair = KeyPair::generate(KeySize::Rsa2048).unwrap();
    let der: Pkcs8V1Der = pair.as_der().unwrap();
    let pem = pem::encode(&pem::Pem::new("PRIVATE KEY", der.as_ref().to_vec()));
    let key = EncodingKey::from_rsa_pem(pem.as_bytes()).unwrap();
    let mut jwk = Jwk::from_encoding_key(&key, Algorithm::RS256).unwrap();
    jwk.common.key_id = Some(kid.to_owned());
    (key, jwk)
}

fn token(key: &EncodingKey, kid: &str, claims: &Value) -> String {
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some(kid.to_owned());
    encode(&header, claims, key).unwrap()
}

fn event(authorization: &str, route: &str) -> Vec<u8> {
    let arn = format!("{PREFIX}{route}");
    json!({"type": "TOKEN", "authorizationToken": authorization, "methodArn": arn}).to_string().into_bytes()
}

fn response(invocation: &Invocation) -> &Value {
    match &invocation.outcome {
        Outcome::Response(response) => response,
        Outcome::Error { body, .. } => panic!("expected a response, got the error {body}"),
    }
}

fn error_message(invocation: &Invocation) -> &str {
    match &invocation.outcome {
        Outcome::Error { body, .. } => body["errorMessage"].as_str().unwrap_or_default(),
        Outcome::Response(response) => panic!("expected an error, got the response {response}"),
    }
}

/// The one statement's effect and resources.
fn statement(response: &Value) -> (&str, Vec<&str>) {
    let statements = response["policyDocument"]["Statement"].as_array().unwrap();
    assert_eq!(statements.len(), 1, "{response}");
    assert_eq!(statements[0]["Action"], json!(["execute-api:Invoke"]), "{response}");
    let resources = statements[0]["Resource"].as_array().unwrap().iter().map(|r| r.as_str().unwrap()).collect();
    (statements[0]["Effect"].as_str().unwrap(), resources)
}

#[test]
fn baseline_jwt_verifies_tokens_against_the_issuers_keys() {
    let (key, jwk) = signing_key("key-1");
    let issuer = Issuer::start(&JwkSet { keys: vec![jwk] });
    let api = RuntimeApi::builder().invoke_timeout(Duration::from_secs(10)).start();
    // No JWT_JWKS_URL: the key set's address comes from the discovery document.
    let _function = Function::builder(BASELINE)
        .env("JWT_ISSUER", &issuer.url)
        .env("JWT_AUDIENCE", AUDIENCE)
        .env_remove("JWT_JWKS_URL")
        .spawn(&api);

    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs();
    let claims = |scope: Option<&str>, audience: &str| {
        let mut claims =
            json!({"sub": "user-1", "iss": issuer.url, "aud": audience, "nbf": now - 10, "exp": now + 600});
        if let Some(scope) = scope {
            claims["scope"] = json!(scope);
        }
        claims
    };
    let bearer = |claims: &Value| format!("Bearer {}", token(&key, "key-1", claims));

    // pets:read: GET /pets and GET /pets/*, not POST /pets.
    let read = response(&api.invoke(&event(&bearer(&claims(Some("openid pets:read"), AUDIENCE)), "GET/pets"))).clone();
    let read_resources = [format!("{PREFIX}GET/pets"), format!("{PREFIX}GET/pets/*")];
    assert_eq!(statement(&read), ("Allow", read_resources.iter().map(String::as_str).collect()));
    assert!(!statement(&read).1.contains(&format!("{PREFIX}POST/pets").as_str()));
    assert_eq!(read["principalId"], "user-1");
    assert_eq!(read["context"], json!({"sub": "user-1", "scope": "openid pets:read"}));

    // pets:read and pets:write: all three.
    let both =
        response(&api.invoke(&event(&bearer(&claims(Some("pets:read pets:write"), AUDIENCE)), "POST/pets"))).clone();
    let all = [format!("{PREFIX}GET/pets"), format!("{PREFIX}GET/pets/*"), format!("{PREFIX}POST/pets")];
    assert_eq!(statement(&both), ("Allow", all.iter().map(String::as_str).collect()));

    // A valid token with neither scope: a Deny of the whole stage (403).
    let neither = response(&api.invoke(&event(&bearer(&claims(None, AUDIENCE)), "GET/pets"))).clone();
    assert_eq!(statement(&neither), ("Deny", vec![format!("{PREFIX}*/*").as_str()]));
    assert_eq!(neither["context"], json!({"sub": "user-1", "scope": ""}));

    // Invalid tokens: `Unauthorized` (401).
    let wrong_audience = bearer(&claims(Some("pets:read"), "another-api"));
    assert_eq!(error_message(&api.invoke(&event(&wrong_audience, "GET/pets"))), "Unauthorized");
    assert_eq!(error_message(&api.invoke(&event("Bearer not-a-jwt", "GET/pets"))), "Unauthorized");
    let no_bearer = bearer(&claims(Some("pets:read"), AUDIENCE)).replace("Bearer ", "Basic ");
    assert_eq!(error_message(&api.invoke(&event(&no_bearer, "GET/pets"))), "Unauthorized");
    // An algorithm other than RS256 and ES256, even with a known `kid`.
    let mut hs256 = Header::new(Algorithm::HS256);
    hs256.kid = Some("key-1".to_owned());
    let secret = EncodingKey::from_secret(b"secret").unwrap();
    let hs256 = format!("Bearer {}", encode(&hs256, &claims(Some("pets:read"), AUDIENCE), &secret).unwrap());
    assert_eq!(error_message(&api.invoke(&event(&hs256, "GET/pets"))), "Unauthorized");

    // The discovery document and the key set were fetched once for all of the above.
    assert_eq!(issuer.hits(), (1, 1));
    // A `kid` not in the set makes it fetched again, once.
    let unknown_kid = format!("Bearer {}", token(&key, "key-2", &claims(Some("pets:read"), AUDIENCE)));
    assert_eq!(error_message(&api.invoke(&event(&unknown_kid, "GET/pets"))), "Unauthorized");
    assert_eq!(issuer.hits(), (1, 2));
    // The key set cannot be fetched: another error (500), not `Unauthorized`.
    issuer.failing.store(true, Ordering::SeqCst);
    let failed = api.invoke(&event(&unknown_kid, "GET/pets"));
    assert_ne!(error_message(&failed), "Unauthorized");
    assert!(error_message(&failed).contains("500"), "{}", error_message(&failed));
    assert_eq!(issuer.hits(), (1, 3));
}
