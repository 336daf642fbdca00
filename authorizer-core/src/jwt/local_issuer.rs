//! A local OpenID Connect issuer for tests and local runs: it generates its keys, mints
//! tokens with any claims, and serves its discovery document and JWK Set on 127.0.0.1.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::signature::{
    ECDSA_P256_SHA256_FIXED_SIGNING, ECDSA_P384_SHA384_FIXED_SIGNING, EcdsaKeyPair, Ed25519KeyPair,
};
use base64::Engine as _;
use http::{Response, StatusCode};
use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use jsonwebtoken::jwk::{Jwk, JwkSet, PublicKeyUse};
use jsonwebtoken::{Algorithm, AlgorithmFamily, EncodingKey};
use serde_json::{Map, Value, json};

/// The audience of the tokens [`LocalIssuer::token`] mints unless the claims give another.
pub const LOCAL_AUDIENCE: &str = "local-api";

/// A local OpenID Connect issuer, for tests and local runs. It starts at once, on a port of
/// its own on 127.0.0.1, and stops when dropped.
///
/// ```
/// use authorizer_core::jwt::{Claims, Issuer, Verifier};
/// use authorizer_core::testing::{LOCAL_AUDIENCE, LocalIssuer};
/// use serde_json::json;
///
/// # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
/// let idp = LocalIssuer::start();
/// let verifier = Verifier::new(Issuer::oidc(idp.issuer()).audience(LOCAL_AUDIENCE)).unwrap();
///
/// let token = idp.token(json!({"sub": "u-1", "scope": "pets:read"}));
/// let claims: Claims = verifier.verify(&token).await.unwrap();
/// assert_eq!(claims.sub().unwrap(), "u-1");
///
/// let expired = idp.token(json!({"sub": "u-1", "exp": 1}));
/// assert!(verifier.verify::<serde_json::Value>(&expired).await.unwrap_err().is_invalid());
/// # });
/// ```
///
/// Tokens get `iss`, `aud` ([`LOCAL_AUDIENCE`]), `iat` and `exp` (an hour ahead) unless the
/// claims set them; a claim set to `null` is left out. The issuer serves
/// `/.well-known/openid-configuration` and `/.well-known/jwks.json`, counts the requests for
/// each, and can be made to fail ([`fail_with`](Self::fail_with)), to be slow
/// ([`delay`](Self::delay)), to serve any body ([`serve_keys`](Self::serve_keys),
/// [`serve_discovery`](Self::serve_discovery)) or to rotate its keys ([`rotate`](Self::rotate)).
pub struct LocalIssuer {
    shared: Arc<Shared>,
    issuer: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

struct Shared {
    issuer: String,
    keys: Mutex<Vec<SigningKey>>,
    serving: Mutex<Serving>,
    jwks_fetches: AtomicUsize,
    discovery_fetches: AtomicUsize,
    next_kid: AtomicUsize,
}

struct SigningKey {
    kid: String,
    alg: Algorithm,
    encoding: EncodingKey,
    jwk: Jwk,
}

#[derive(Clone, Default)]
struct Serving {
    status: Option<u16>,
    body: Option<String>,
    discovery: Option<String>,
    delay: Duration,
}

impl LocalIssuer {
    /// Starts an issuer with an RS256 key. Keys for other algorithms are made at their first
    /// token ([`token_with`](Self::token_with)).
    ///
    /// # Panics
    ///
    /// If no port can be bound on 127.0.0.1.
    #[must_use]
    pub fn start() -> Self {
        super::verifier::install_crypto_provider();
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        listener.set_nonblocking(true).expect("a non-blocking listener");
        let address: SocketAddr = listener.local_addr().expect("the listener's address");
        let issuer = format!("http://{address}");
        let shared = Arc::new(Shared {
            issuer: issuer.clone(),
            keys: Mutex::new(Vec::new()),
            serving: Mutex::new(Serving::default()),
            jwks_fetches: AtomicUsize::new(0),
            discovery_fetches: AtomicUsize::new(0),
            next_kid: AtomicUsize::new(1),
        });
        shared.add_key(Algorithm::RS256);
        let (stop, stopped) = tokio::sync::oneshot::channel();
        let serving = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("local-issuer".into())
            .spawn(move || serve(listener, serving, stopped))
            .expect("spawn the local issuer's thread");
        Self { shared, issuer, stop: Some(stop), thread: Some(thread) }
    }

    /// The issuer (`iss`): `http://127.0.0.1:{port}`.
    #[must_use]
    pub fn issuer(&self) -> &str {
        &self.issuer
    }

    /// The JWK Set's URL: `{issuer}/.well-known/jwks.json`.
    #[must_use]
    pub fn jwks_url(&self) -> String {
        format!("{}/.well-known/jwks.json", self.issuer)
    }

    /// A token signed with RS256, with these claims (a JSON object) over the defaults.
    ///
    /// # Panics
    ///
    /// If `claims` is not a JSON object.
    #[must_use]
    pub fn token(&self, claims: Value) -> String {
        self.token_with(Algorithm::RS256, claims)
    }

    /// A token signed with `alg` (RS*, PS*, ES256, ES384 or EdDSA), with these claims over
    /// the defaults.
    ///
    /// # Panics
    ///
    /// If `alg` is an HMAC algorithm, or `claims` is not a JSON object.
    #[must_use]
    pub fn token_with(&self, alg: Algorithm, claims: Value) -> String {
        let kid = self.kid(alg);
        self.sign(&json!({"alg": alg, "typ": "JWT", "kid": kid}), &self.claims(claims))
    }

    /// The `kid` of the current key for `alg`, made (and published) if there is none yet.
    ///
    /// # Panics
    ///
    /// If `alg` is an HMAC algorithm.
    #[must_use]
    pub fn kid(&self, alg: Algorithm) -> String {
        let existing = self.shared.keys().iter().rev().find(|k| k.alg == alg).map(|k| k.kid.clone());
        existing.unwrap_or_else(|| self.shared.add_key(alg))
    }

    /// Signs exactly this header and these claims (no defaults), with this issuer's current key
    /// for the header's `alg`, whatever `kid` the header names: for tokens that must fail.
    ///
    /// # Panics
    ///
    /// If the header has no `alg` this issuer can sign with.
    #[must_use]
    pub fn sign(&self, header: &Value, claims: &Value) -> String {
        let alg: Algorithm = serde_json::from_value(header["alg"].clone()).expect("a header with an asymmetric `alg`");
        let kid = self.kid(alg);
        let keys = self.shared.keys();
        let key = keys.iter().find(|k| k.kid == kid).expect("the key just made");
        let message =
            format!("{}.{}", b64(&serde_json::to_vec(header).unwrap()), b64(&serde_json::to_vec(claims).unwrap()));
        let signature =
            jsonwebtoken::crypto::sign(message.as_bytes(), &key.encoding, alg).expect("sign with a local key");
        format!("{message}.{signature}")
    }

    /// The claims a token gets: the defaults, then `claims` over them (`null` removes one).
    fn claims(&self, claims: Value) -> Value {
        let Value::Object(given) = claims else { panic!("token claims must be a JSON object") };
        let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
        let mut all: Map<String, Value> = Map::new();
        all.insert("iss".into(), self.issuer.clone().into());
        all.insert("aud".into(), LOCAL_AUDIENCE.into());
        all.insert("iat".into(), now.into());
        all.insert("exp".into(), (now + 3600).into());
        for (name, value) in given {
            if value.is_null() {
                all.remove(&name);
            } else {
                all.insert(name, value);
            }
        }
        Value::Object(all)
    }

    /// Replaces every key by a new one of the same algorithm (new `kid`s): tokens signed before
    /// no longer verify once a verifier has fetched the new set.
    pub fn rotate(&self) {
        let algs: Vec<Algorithm> = self.shared.keys().drain(..).map(|k| k.alg).collect();
        for alg in algs {
            self.shared.add_key(alg);
        }
    }

    /// The JWK Set this issuer serves (unless told to serve something else).
    #[must_use]
    pub fn jwks(&self) -> Value {
        self.shared.jwks()
    }

    /// From now on, answer every request with this HTTP status and an empty body.
    pub fn fail_with(&self, status: u16) {
        self.shared.serving().status = Some(status);
    }

    /// From now on, serve this body as the JWK Set.
    pub fn serve_keys(&self, body: impl Into<String>) {
        self.shared.serving().body = Some(body.into());
    }

    /// From now on, serve this body as the discovery document.
    pub fn serve_discovery(&self, body: impl Into<String>) {
        self.shared.serving().discovery = Some(body.into());
    }

    /// From now on, wait this long before answering.
    pub fn delay(&self, delay: Duration) {
        self.shared.serving().delay = delay;
    }

    /// Back to serving the discovery document and the keys, at once.
    pub fn heal(&self) {
        *self.shared.serving() = Serving::default();
    }

    /// How many times the JWK Set was requested.
    #[must_use]
    pub fn jwks_fetches(&self) -> usize {
        self.shared.jwks_fetches.load(Ordering::SeqCst)
    }

    /// How many times the discovery document was requested.
    #[must_use]
    pub fn discovery_fetches(&self) -> usize {
        self.shared.discovery_fetches.load(Ordering::SeqCst)
    }
}

impl Drop for LocalIssuer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl std::fmt::Debug for LocalIssuer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LocalIssuer").field("issuer", &self.issuer).finish_non_exhaustive()
    }
}

impl Shared {
    fn keys(&self) -> std::sync::MutexGuard<'_, Vec<SigningKey>> {
        self.keys.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn serving(&self) -> std::sync::MutexGuard<'_, Serving> {
        self.serving.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn add_key(&self, alg: Algorithm) -> String {
        // The port makes two local issuers' kids differ, as two real issuers' do.
        let port = self.issuer.rsplit(':').next().unwrap_or_default();
        let kid = format!("local-{port}-{}", self.next_kid.fetch_add(1, Ordering::SeqCst));
        let encoding = generate(alg);
        let mut jwk = Jwk::from_encoding_key(&encoding, alg).expect("the public JWK of a local key");
        jwk.common.key_id = Some(kid.clone());
        jwk.common.public_key_use = Some(PublicKeyUse::Signature);
        self.keys().push(SigningKey { kid: kid.clone(), alg, encoding, jwk });
        kid
    }

    fn jwks(&self) -> Value {
        let keys = JwkSet { keys: self.keys().iter().map(|k| k.jwk.clone()).collect() };
        serde_json::to_value(keys).expect("a JWK Set serializes")
    }
}

/// A new private key for `alg`, generated by aws-lc-rs.
fn generate(alg: Algorithm) -> EncodingKey {
    match alg.family() {
        AlgorithmFamily::Rsa => {
            let pair =
                aws_lc_rs::rsa::KeyPair::generate(aws_lc_rs::rsa::KeySize::Rsa2048).expect("generate an RSA key");
            let der = AsDer::<aws_lc_rs::encoding::Pkcs8V1Der>::as_der(&pair).expect("PKCS#8 of an RSA key");
            let pem = format!(
                "-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----\n",
                base64::engine::general_purpose::STANDARD.encode(der.as_ref())
            );
            EncodingKey::from_rsa_pem(pem.as_bytes()).expect("a PKCS#8 RSA key")
        }
        AlgorithmFamily::Ec => {
            let curve = if alg == Algorithm::ES256 {
                &ECDSA_P256_SHA256_FIXED_SIGNING
            } else {
                &ECDSA_P384_SHA384_FIXED_SIGNING
            };
            let pair = EcdsaKeyPair::generate(curve).expect("generate an EC key");
            EncodingKey::from_ec_der(pair.to_pkcs8v1().expect("PKCS#8 of an EC key").as_ref())
        }
        AlgorithmFamily::Ed => {
            let pair = Ed25519KeyPair::generate().expect("generate an Ed25519 key");
            EncodingKey::from_ed_der(pair.to_pkcs8v1().expect("PKCS#8 of an Ed25519 key").as_ref())
        }
        _ => panic!("a local issuer signs with asymmetric algorithms only, not {alg:?}"),
    }
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

fn serve(listener: std::net::TcpListener, shared: Arc<Shared>, mut stopped: tokio::sync::oneshot::Receiver<()>) {
    let runtime =
        tokio::runtime::Builder::new_current_thread().enable_all().build().expect("the local issuer's runtime");
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener).expect("a Tokio listener");
        loop {
            let stream = tokio::select! {
                _ = &mut stopped => return,
                accepted = listener.accept() => match accepted {
                    Ok((stream, _)) => stream,
                    Err(_) => continue,
                },
            };
            let shared = Arc::clone(&shared);
            tokio::spawn(async move {
                let service = service_fn(move |request: http::Request<Incoming>| {
                    let shared = Arc::clone(&shared);
                    async move { Ok::<_, std::convert::Infallible>(answer(&shared, request.uri().path()).await) }
                });
                let _ = http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
            });
        }
    });
}

async fn answer(shared: &Shared, path: &str) -> Response<Full<Bytes>> {
    let serving = shared.serving().clone();
    let body = match path {
        "/.well-known/openid-configuration" => {
            shared.discovery_fetches.fetch_add(1, Ordering::SeqCst);
            if let Some(body) = serving.discovery.clone() {
                return delayed(&serving, body).await;
            }
            let mut document = BTreeMap::new();
            document.insert("issuer", shared.issuer.clone());
            document.insert("jwks_uri", format!("{}/.well-known/jwks.json", shared.issuer));
            serde_json::to_string(&document).expect("a discovery document serializes")
        }
        "/.well-known/jwks.json" => {
            shared.jwks_fetches.fetch_add(1, Ordering::SeqCst);
            serving.body.clone().unwrap_or_else(|| shared.jwks().to_string())
        }
        _ => return response(StatusCode::NOT_FOUND, String::new()),
    };
    delayed(&serving, body).await
}

/// `body`, or the failure set, after the delay set.
async fn delayed(serving: &Serving, body: String) -> Response<Full<Bytes>> {
    if !serving.delay.is_zero() {
        tokio::time::sleep(serving.delay).await;
    }
    match serving.status {
        Some(status) => {
            response(StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR), String::new())
        }
        None => response(StatusCode::OK, body),
    }
}

fn response(status: StatusCode, body: String) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(body)));
    *response.status_mut() = status;
    response.headers_mut().insert(http::header::CONTENT_TYPE, http::HeaderValue::from_static("application/json"));
    response
}
