//! Verifying a JWT whose key is held (a warm invocation: no network), RS256 and ES256:
//! `Verifier::verify` against jsonwebtoken's bare signature check of the same token with the
//! same key, in the same run; also jsonwebtoken's whole `decode`, what a hand-written
//! authorizer does per token (`baseline-jwt`), and the whole invocation of the `jwt-oidc`
//! example's function. Run with `cargo bench -p authorizer-bench --bench jwt_verify`; a
//! summary table with the ratios is printed at the end (BENCHMARKS.md explains each row).

use std::hint::black_box;
use std::time::Duration;

use authorizer_bench::estimates::{Summary, cell};
use authorizer_bench::events;
use authorizer_bench::jwt::{self, now};
use authorizer_core::Reply;
use authorizer_core::jwt::{Algorithm, Claims, Verifier};
use authorizer_core::testing::{self, LOCAL_AUDIENCE, LocalIssuer};
use criterion::{Criterion, Throughput};
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{DecodingKey, Validation};
use serde::Deserialize;

/// The claims `baseline-jwt` decodes into.
#[derive(Deserialize)]
struct BaselineClaims {
    sub: String,
    scope: Option<String>,
}

/// One algorithm's token, and what each row needs to check it.
struct Case {
    name: &'static str,
    alg: Algorithm,
    token: String,
    /// The key the verifier holds for the token's `kid`, made the same way (from the JWK).
    key: DecodingKey,
    keys: JwkSet,
    /// What `baseline-jwt` checks: `alg`, `iss`, `aud`, `exp`, `nbf`.
    validation: Validation,
    /// A REST `TOKEN` event carrying `Bearer <token>`.
    event: Vec<u8>,
}

impl Case {
    fn new(name: &'static str, alg: Algorithm, idp: &LocalIssuer) -> Self {
        let token = idp.token_with(alg, jwt::claims());
        let keys: JwkSet = serde_json::from_value(idp.jwks()).expect("the local issuer's JWK Set");
        let jwk = keys.find(&idp.kid(alg)).expect("the token's key is published");
        let key = DecodingKey::from_jwk(jwk).expect("a usable public key");
        let mut validation = Validation::new(alg);
        validation.set_issuer(&[idp.issuer()]);
        validation.set_audience(&[LOCAL_AUDIENCE]);
        validation.validate_nbf = true;
        let event = events::token(&format!("Bearer {token}"));
        Self { name, alg, token, key, keys, validation, event }
    }

    /// The token's signing input and signature, as jsonwebtoken's `crypto::verify` takes them.
    fn parts(&self) -> (&str, &str) {
        self.token.rsplit_once('.').expect("a JWS in compact form")
    }
}

/// What `baseline-jwt` does for each token once it holds the key set: read the header, find
/// the key by `kid`, make a `DecodingKey` of it, and `decode`.
fn baseline_verify(case: &Case, token: &str) -> Option<BaselineClaims> {
    let header = jsonwebtoken::decode_header(token).ok()?;
    let kid = header.kid?;
    let key = DecodingKey::from_jwk(case.keys.find(&kid)?).ok()?;
    let mut validation = case.validation.clone();
    validation.algorithms = vec![header.alg];
    jsonwebtoken::decode::<BaselineClaims>(token, &key, &validation).ok().map(|data| data.claims)
}

/// The benchmarks of one group, in the order the summary shows them.
const ROWS: [(&str, &str); 5] = [
    ("signature", "jsonwebtoken::crypto::verify (signature only)"),
    ("verify", "framework: Verifier::verify"),
    ("decode", "jsonwebtoken::decode (signature + claims)"),
    ("baseline_verify", "baseline-jwt's verify (header, key, decode)"),
    ("invocation", "framework: whole TOKEN invocation"),
];

fn bench(c: &mut Criterion, case: &Case, verifier: &'static Verifier) {
    let (message, signature) = case.parts();
    // Every row must succeed on this token, or it would time a failure.
    assert_eq!(jsonwebtoken::crypto::verify(signature, message.as_bytes(), &case.key, case.alg).ok(), Some(true));
    let claims: Claims = now(verifier.verify(&case.token)).expect("the framework verifies the token");
    assert_eq!(claims.sub().ok(), Some("user-1"));
    assert!(jsonwebtoken::decode::<BaselineClaims>(&case.token, &case.key, &case.validation).is_ok());
    let baseline = baseline_verify(case, &case.token).expect("the baseline verifies the token");
    assert_eq!((baseline.sub.as_str(), baseline.scope.as_deref()), ("user-1", Some(jwt::SCOPE)));
    let reply = testing::reply_now(&jwt::authorize, verifier, &case.event).expect("no wait on a warm path");
    assert!(matches!(reply, Reply::Response(_)), "the framework refused: {reply:?}");
    assert_eq!(testing::invoke_with_state(jwt::authorize, verifier, case.event.as_slice()).status(), 200);

    let token = case.token.as_str();
    let mut group = c.benchmark_group(case.name);
    group.throughput(Throughput::Bytes(token.len() as u64));
    group.bench_function(ROWS[0].0, |b| {
        b.iter(|| {
            jsonwebtoken::crypto::verify(black_box(signature), black_box(message.as_bytes()), &case.key, case.alg)
        })
    });
    group.bench_function(ROWS[1].0, |b| b.iter(|| now(verifier.verify::<serde_json::Value>(black_box(token)))));
    group.bench_function(ROWS[2].0, |b| {
        b.iter(|| jsonwebtoken::decode::<BaselineClaims>(black_box(token), &case.key, &case.validation))
    });
    group.bench_function(ROWS[3].0, |b| b.iter(|| baseline_verify(case, black_box(token))));
    group.bench_function(ROWS[4].0, |b| {
        b.iter(|| testing::reply_now(&jwt::authorize, verifier, black_box(&case.event)))
    });
    group.finish();
}

/// The table BENCHMARKS.md quotes: medians in ns per token, and the ratio of the goal.
fn summary(cases: &[Case]) {
    let groups: Vec<&str> = cases.iter().map(|c| c.name).collect();
    let sizes = ("token size (bytes)", cases.iter().map(|c| c.token.len()).collect());
    let table = Summary::print("JWT verification, median ns per token (criterion)", &groups, sizes, &ROWS, 52);
    table.ratios("verify / signature (goal <= 1.3)", 1, 0, 3);
    let overhead = table.medians().iter().map(|m| cell(m[1].zip(m[0]).map(|(v, s)| v - s))).collect();
    table.line("verify - signature (ns)", overhead);
    table.ratios("decode / signature", 2, 0, 3);
    table.ratios("verify / baseline's verify", 1, 3, 3);
}

fn main() {
    let idp = LocalIssuer::start();
    // Both keys are made (and published) before the verifier fetches the key set.
    let cases = [Case::new("jwt_rs256", Algorithm::RS256, &idp), Case::new("jwt_es256", Algorithm::ES256, &idp)];
    let verifier = jwt::preloaded_verifier(&idp);
    let mut criterion = Criterion::default()
        .sample_size(50)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    for case in &cases {
        bench(&mut criterion, case, verifier);
    }
    criterion.final_summary();
    summary(&cases);
    assert_eq!((idp.discovery_fetches(), idp.jwks_fetches()), (0, 1), "the keys were fetched once, before timing");
}
