//! JWT verification against a real issuer on loopback: keys generated at test time, served
//! as a JWK Set, fetched, cached, rotated, refused.

use std::time::Duration;

use authorizer_core::jwt::{
    Algorithm, Claims, ConfigError, DEFAULT_ALGORITHMS, InvalidToken, Issuer, JwtError, TokenUse, Verifier,
};
use authorizer_core::prelude::*;
use authorizer_core::testing::{self, LOCAL_AUDIENCE, LocalIssuer};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};

type Map = serde_json::Map<String, Value>;

fn verifier(idp: &LocalIssuer) -> Verifier {
    Verifier::new(Issuer::oidc(idp.issuer()).audience(LOCAL_AUDIENCE)).unwrap()
}

async fn verify(verifier: &Verifier, token: &str) -> Result<Claims, JwtError> {
    verifier.verify::<Map>(token).await
}

async fn refusal(verifier: &Verifier, token: &str) -> InvalidToken {
    match verify(verifier, token).await {
        Err(JwtError::Invalid(reason)) => reason,
        other => panic!("expected an invalid token, got {other:?}"),
    }
}

fn b64(value: &Value) -> String {
    URL_SAFE_NO_PAD.encode(value.to_string())
}

fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs()
}

fn valid_claims(idp: &LocalIssuer) -> Value {
    json!({"iss": idp.issuer(), "aud": LOCAL_AUDIENCE, "sub": "u-1", "exp": now() + 600})
}

#[tokio::test]
async fn every_default_algorithm_verifies_by_discovery() {
    let idp = LocalIssuer::start();
    let verifier = verifier(&idp);
    assert_eq!(DEFAULT_ALGORITHMS.len(), 9, "RS256/384/512, PS256/384/512, ES256/384, EdDSA");
    for &alg in DEFAULT_ALGORITHMS {
        assert!(!format!("{alg:?}").starts_with("HS"));
        let token = idp.token_with(alg, json!({"sub": format!("u-{alg:?}")}));
        let claims = verify(&verifier, &token).await.unwrap_or_else(|e| panic!("{alg:?}: {e}"));
        assert_eq!(claims.sub().unwrap(), format!("u-{alg:?}"));
        assert_eq!(claims.issuer, idp.issuer());
        assert_eq!(claims.audience, [LOCAL_AUDIENCE]);
    }
    assert_eq!(idp.discovery_fetches(), 1, "the discovered JWKS URL is kept");
}

#[tokio::test]
async fn claims_go_into_the_users_type_with_scopes_from_scope_or_scp() {
    #[derive(serde::Deserialize, Debug)]
    struct Profile {
        email: String,
        #[serde(default)]
        tenant: Option<String>,
    }
    let idp = LocalIssuer::start();
    let verifier = Verifier::new(Issuer::oidc(idp.issuer()).jwks_url(idp.jwks_url()).audience(LOCAL_AUDIENCE)).unwrap();
    let token = idp.token(json!({"sub": "u-1", "email": "a@example.com", "scp": ["pets:read", "pets:write"]}));
    let claims: Claims<Profile> = verifier.verify(&token).await.unwrap();
    assert_eq!((claims.email.as_str(), claims.tenant.as_deref()), ("a@example.com", None));
    assert!(claims.scopes.contains("pets:read") && claims.scopes.contains("pets:write"));
    assert_eq!(idp.discovery_fetches(), 0, "an explicit JWKS URL skips discovery");

    let routes = [
        ("pets:read", Route::get("/pets")),
        ("pets:admin", Route::delete("/pets/*")),
        ("pets:write", Route::post("/pets")),
    ];
    assert_eq!(claims.scopes.routes(&routes), [Route::get("/pets"), Route::post("/pets")]);

    let missing = idp.token(json!({"sub": "u-1", "scope": "a b"}));
    assert_eq!(
        verifier.verify::<Profile>(&missing).await.unwrap_err(),
        JwtError::Invalid(InvalidToken::Malformed("claims that do not fit"))
    );
}

#[tokio::test]
async fn time_issuer_and_audience_are_checked() {
    let idp = LocalIssuer::start();
    let verifier = Verifier::new(
        Issuer::oidc(idp.issuer()).audience(LOCAL_AUDIENCE).audience("other").leeway(Duration::from_secs(5)),
    )
    .unwrap();
    let cases = [
        (json!({"exp": now() - 60}), InvalidToken::Expired),
        (json!({"nbf": now() + 60}), InvalidToken::NotYetValid),
        (json!({"exp": null}), InvalidToken::MissingClaim("exp")),
        (json!({"exp": "9999999999"}), InvalidToken::Malformed("claims that do not fit")),
        (json!({"nbf": true}), InvalidToken::Malformed("claims that do not fit")),
        (json!({"aud": "someone-else"}), InvalidToken::Audience),
        (json!({"aud": ["a", "b"]}), InvalidToken::Audience),
        (json!({"aud": null}), InvalidToken::MissingClaim("aud")),
        (json!({"iss": "https://evil.example"}), InvalidToken::Issuer),
        (json!({"iss": [idp.issuer()]}), InvalidToken::Malformed("claims that do not fit")),
        (json!({"iss": format!("{}/", idp.issuer())}), InvalidToken::Issuer),
    ];
    for (claims, expected) in cases {
        let token = idp.token(claims.clone());
        assert_eq!(refusal(&verifier, &token).await, expected, "{claims}");
    }
    // Within the leeway, and an audience among several.
    let token = idp.token(json!({"exp": now() - 2, "nbf": now() + 2, "aud": ["x", "other"]}));
    verify(&verifier, &token).await.unwrap();
}

#[tokio::test]
async fn the_default_leeway_is_a_minute() {
    let idp = LocalIssuer::start();
    let verifier = verifier(&idp);
    verify(&verifier, &idp.token(json!({"exp": now() - 45, "nbf": now() + 45}))).await.unwrap();
    assert_eq!(refusal(&verifier, &idp.token(json!({"exp": now() - 75}))).await, InvalidToken::Expired);
    assert_eq!(refusal(&verifier, &idp.token(json!({"nbf": now() + 75}))).await, InvalidToken::NotYetValid);
}

#[tokio::test]
async fn hostile_headers_and_signatures_are_refused() {
    let idp = LocalIssuer::start();
    let verifier = verifier(&idp);
    let claims = valid_claims(&idp);
    let kid = idp.kid(Algorithm::RS256);
    let good = idp.token(json!({}));
    verify(&verifier, &good).await.unwrap();

    // alg none, with or without a signature.
    let none = format!("{}.{}.", b64(&json!({"alg": "none", "kid": kid})), b64(&claims));
    assert_eq!(refusal(&verifier, &none).await, InvalidToken::Algorithm);
    let none_signed = format!("{}.{}.c2ln", b64(&json!({"alg": "none", "kid": kid})), b64(&claims));
    assert_eq!(refusal(&verifier, &none_signed).await, InvalidToken::Algorithm);

    // HS256 with the issuer's public key as the secret (the classic confusion).
    let jwk = &idp.jwks()["keys"][0];
    let n = URL_SAFE_NO_PAD.decode(jwk["n"].as_str().unwrap()).unwrap();
    for secret in [n.as_slice(), jwk.to_string().as_bytes()] {
        let header = jsonwebtoken::Header { kid: Some(kid.clone()), ..jsonwebtoken::Header::new(Algorithm::HS256) };
        let hs =
            jsonwebtoken::encode(&header, &claims, &jsonwebtoken::EncodingKey::from_secret(secret).unwrap()).unwrap();
        assert_eq!(refusal(&verifier, &hs).await, InvalidToken::Algorithm);
    }

    // A tampered payload keeps the signature of the original.
    let parts: Vec<&str> = good.split('.').collect();
    let mut tampered_claims = valid_claims(&idp);
    tampered_claims["sub"] = json!("admin");
    let tampered = format!("{}.{}.{}", parts[0], b64(&tampered_claims), parts[2]);
    assert_eq!(refusal(&verifier, &tampered).await, InvalidToken::Signature);

    // A valid signature by another key that claims the same kid.
    let impostor = LocalIssuer::start();
    let forged = impostor.sign(&json!({"alg": "RS256", "kid": kid}), &claims);
    assert_eq!(refusal(&verifier, &forged).await, InvalidToken::Signature);

    // The kid of an RSA key with an EC algorithm.
    let es = impostor.sign(&json!({"alg": "ES256", "kid": kid}), &claims);
    assert_eq!(refusal(&verifier, &es).await, InvalidToken::KeyMismatch);

    // No kid, a crit header, a header that names keys to fetch.
    let no_kid = idp.sign(&json!({"alg": "RS256"}), &claims);
    assert_eq!(refusal(&verifier, &no_kid).await, InvalidToken::MissingKeyId);
    let crit = idp.sign(&json!({"alg": "RS256", "kid": kid, "crit": ["exp"], "exp": 1}), &claims);
    assert_eq!(refusal(&verifier, &crit).await, InvalidToken::CriticalHeader);
    let jku = impostor.sign(
        &json!({"alg": "RS256", "kid": "attacker", "jku": impostor.jwks_url(), "jwk": impostor.jwks()["keys"][0]}),
        &claims,
    );
    assert_eq!(refusal(&verifier, &jku).await, InvalidToken::UnknownKey);
    assert_eq!(impostor.jwks_fetches(), 0, "keys named by a token are never fetched");

    // Shapes.
    for (token, expected) in [
        ("", InvalidToken::Malformed("not three parts")),
        ("a.b", InvalidToken::Malformed("not three parts")),
        ("a.b.c.d", InvalidToken::Malformed("not three parts")),
        ("!!.b.c", InvalidToken::Malformed("header is not base64url")),
        (&format!("{}.e30.c2ln", b64(&json!([1]))), InvalidToken::Malformed("header is not a JSON object with `alg`")),
        // The signature is checked before the payload is read.
        (&format!("{}.!!.c2ln", b64(&json!({"alg": "RS256", "kid": kid}))), InvalidToken::Signature),
        (
            &format!("{}.{}.!!", b64(&json!({"alg": "RS256", "kid": kid})), b64(&claims)),
            InvalidToken::Malformed("not base64url"),
        ),
    ] {
        assert_eq!(refusal(&verifier, token).await, expected, "{token}");
    }
    let huge = idp.token(json!({"pad": "x".repeat(20_000)}));
    assert_eq!(refusal(&verifier, &huge).await, InvalidToken::TooLarge);
}

#[tokio::test]
async fn a_rotated_key_is_fetched_once_and_unknown_kids_cannot_flood_the_issuer() {
    let idp = LocalIssuer::start();
    let verifier = Verifier::builder()
        .issuer(Issuer::oidc(idp.issuer()).jwks_url(idp.jwks_url()).audience(LOCAL_AUDIENCE))
        .refetch_penalty(Duration::from_secs(1))
        .build()
        .unwrap();
    // Signed ahead: signing in a debug build is slow next to the penalty window.
    let claims = valid_claims(&idp);
    let random: Vec<String> =
        (0..200).map(|i| idp.sign(&json!({"alg": "RS256", "kid": format!("random-{i}")}), &claims)).collect();
    let later: Vec<String> =
        (0..50).map(|i| idp.sign(&json!({"alg": "RS256", "kid": format!("later-{i}")}), &claims)).collect();
    let before = idp.token(json!({}));
    verify(&verifier, &before).await.unwrap();
    verify(&verifier, &before).await.unwrap();
    assert_eq!(idp.jwks_fetches(), 1, "a warm verification makes no request");

    idp.rotate();
    let after = idp.token(json!({}));
    verify(&verifier, &after).await.unwrap();
    assert_eq!(idp.jwks_fetches(), 2, "a new kid is fetched once");
    assert_eq!(refusal(&verifier, &before).await, InvalidToken::UnknownKey);
    assert_eq!(idp.jwks_fetches(), 3, "the old kid makes one more fetch, that lacks it");

    // A storm of made-up kids within the penalty window: no fetch at all.
    for token in &random {
        assert_eq!(refusal(&verifier, token).await, InvalidToken::UnknownKey);
    }
    assert_eq!(idp.jwks_fetches(), 3);
    verify(&verifier, &after).await.unwrap();

    // After the window, one fetch, then quiet again.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    for token in &later {
        assert_eq!(refusal(&verifier, token).await, InvalidToken::UnknownKey);
    }
    assert_eq!(idp.jwks_fetches(), 4);
}

#[tokio::test]
async fn concurrent_tokens_share_one_fetch() {
    let idp = LocalIssuer::start();
    idp.delay(Duration::from_millis(200));
    let verifier = Verifier::new(Issuer::oidc(idp.issuer()).jwks_url(idp.jwks_url()).audience(LOCAL_AUDIENCE)).unwrap();
    let claims = valid_claims(&idp);
    let good = idp.token(json!({}));
    let unknown: Vec<String> =
        (0..20).map(|i| idp.sign(&json!({"alg": "RS256", "kid": format!("x-{i}")}), &claims)).collect();
    let (good_result, unknown_results) = tokio::join!(
        verify(&verifier, &good),
        futures_util::future::join_all(unknown.iter().map(|t| verify(&verifier, t)))
    );
    good_result.unwrap();
    for result in unknown_results {
        assert_eq!(result.unwrap_err(), JwtError::Invalid(InvalidToken::UnknownKey));
    }
    assert_eq!(idp.jwks_fetches(), 1);
}

#[tokio::test]
async fn keys_that_cannot_be_had_are_a_failure_never_a_401() {
    let idp = LocalIssuer::start();
    let build = |idp: &LocalIssuer| {
        Verifier::builder()
            .issuer(Issuer::oidc(idp.issuer()).jwks_url(idp.jwks_url()).audience(LOCAL_AUDIENCE))
            .fetch_timeout(Duration::from_millis(200))
            .failure_backoff(Duration::ZERO)
            .max_key_set_bytes(4096)
            .build()
            .unwrap()
    };
    let token = idp.token(json!({}));
    let unavailable = |result: Result<Claims, JwtError>| match result {
        Err(JwtError::KeysUnavailable(cause)) => cause.to_string(),
        other => panic!("expected unavailable keys, got {other:?}"),
    };

    idp.fail_with(503);
    assert!(unavailable(verify(&build(&idp), &token).await).contains("status 503"));
    idp.heal();
    idp.delay(Duration::from_millis(500));
    assert!(unavailable(verify(&build(&idp), &token).await).contains("timed out"));
    idp.heal();
    idp.serve_keys("<html>not keys</html>");
    assert!(unavailable(verify(&build(&idp), &token).await).contains("not a JWK Set"));
    idp.serve_keys(format!("{{\"keys\": [], \"pad\": \"{}\"}}", "x".repeat(5000)));
    assert!(unavailable(verify(&build(&idp), &token).await).contains("larger than 4096 bytes"));
    idp.heal();

    // The default size limit: 256 KiB.
    idp.serve_keys(format!("{{\"keys\": [], \"pad\": \"{}\"}}", "x".repeat(256 * 1024)));
    let default_limits =
        Verifier::new(Issuer::oidc(idp.issuer()).jwks_url(idp.jwks_url()).audience(LOCAL_AUDIENCE)).unwrap();
    assert!(unavailable(verify(&default_limits, &token).await).contains("larger than 262144 bytes"));
    idp.heal();

    // Nothing listening.
    let (gone, gone_token) = {
        let idp = LocalIssuer::start();
        (Verifier::new(Issuer::oidc(idp.issuer()).audience(LOCAL_AUDIENCE)).unwrap(), idp.token(json!({})))
    };
    let message = unavailable(verify(&gone, &gone_token).await);
    assert!(message.contains("openid-configuration"), "{message}");

    // Keys kept while a refetch fails: known kids verify, a new one is a failure.
    let verifier = build(&idp);
    verify(&verifier, &token).await.unwrap();
    idp.fail_with(500);
    verify(&verifier, &token).await.unwrap();
    let unknown = idp.sign(&json!({"alg": "RS256", "kid": "new-key"}), &valid_claims(&idp));
    assert!(unavailable(verify(&verifier, &unknown).await).contains("status 500"));
    assert!(!unavailable(verify(&verifier, &unknown).await).contains(&unknown));
}

#[tokio::test]
async fn a_failed_fetch_is_not_repeated_within_the_backoff() {
    let idp = LocalIssuer::start();
    idp.fail_with(500);
    let verifier = Verifier::builder()
        .issuer(Issuer::oidc(idp.issuer()).jwks_url(idp.jwks_url()).audience(LOCAL_AUDIENCE))
        .failure_backoff(Duration::from_secs(60))
        .build()
        .unwrap();
    let token = idp.token(json!({}));
    for _ in 0..20 {
        assert!(matches!(verify(&verifier, &token).await, Err(JwtError::KeysUnavailable(_))));
    }
    assert_eq!(idp.jwks_fetches(), 1);
    idp.heal();
    verifier.preload().await.unwrap();
    verify(&verifier, &token).await.unwrap();
    assert_eq!(idp.jwks_fetches(), 2, "preload fetches whatever the pacing");
}

#[tokio::test]
async fn several_issuers_each_verified_with_their_own_keys() {
    let a = LocalIssuer::start();
    let b = LocalIssuer::start();
    let verifier = Verifier::builder()
        .issuer(Issuer::oidc(a.issuer()).audience(LOCAL_AUDIENCE))
        .issuer(Issuer::oidc(b.issuer()).audience(LOCAL_AUDIENCE).algorithms([Algorithm::ES256]))
        .build()
        .unwrap();
    verifier.preload().await.unwrap();
    assert_eq!((a.jwks_fetches(), b.jwks_fetches()), (1, 1));
    assert_eq!(verify(&verifier, &a.token(json!({"sub": "from-a"}))).await.unwrap().sub().unwrap(), "from-a");
    assert_eq!(
        verify(&verifier, &b.token_with(Algorithm::ES256, json!({"sub": "from-b"}))).await.unwrap().sub().unwrap(),
        "from-b"
    );
    // b allows ES256 only.
    assert_eq!(refusal(&verifier, &b.token(json!({}))).await, InvalidToken::Algorithm);
    // A token naming a's issuer, signed by b's key under b's kid: a's keys do not have it.
    let kid = b.kid(Algorithm::ES256);
    let cross = b.sign(&json!({"alg": "ES256", "kid": kid}), &valid_claims(&a));
    assert_eq!(refusal(&verifier, &cross).await, InvalidToken::UnknownKey);
    let cross = b.sign(&json!({"alg": "RS256", "kid": b.kid(Algorithm::RS256)}), &valid_claims(&a));
    assert_eq!(refusal(&verifier, &cross).await, InvalidToken::UnknownKey);
    assert_eq!(refusal(&verifier, &a.token(json!({"iss": "https://nobody.example"}))).await, InvalidToken::Issuer);
    assert_eq!(refusal(&verifier, &a.token(json!({"iss": null}))).await, InvalidToken::Issuer);
}

#[tokio::test]
async fn cognito_checks_token_use_and_the_client() {
    let idp = LocalIssuer::start();
    let pool = "eu-west-1_AbC123";
    let iss = format!("https://cognito-idp.eu-west-1.amazonaws.com/{pool}");
    let access =
        Verifier::new(Issuer::cognito(pool, TokenUse::Access).audience("client-1").jwks_url(idp.jwks_url())).unwrap();
    let id = Verifier::new(Issuer::cognito(pool, TokenUse::Id).audience("client-1").jwks_url(idp.jwks_url())).unwrap();

    let access_token = idp.token(
        json!({"iss": iss, "aud": null, "token_use": "access", "client_id": "client-1", "cognito:groups": ["admins"]}),
    );
    let claims = verify(&access, &access_token).await.unwrap();
    assert_eq!(claims.groups, ["admins"]);
    // The ID verifier requires `aud`, which access tokens lack.
    assert_eq!(refusal(&id, &access_token).await, InvalidToken::MissingClaim("aud"));

    let id_token = idp.token(json!({"iss": iss, "aud": "client-1", "token_use": "id"}));
    verify(&id, &id_token).await.unwrap();
    assert_eq!(refusal(&access, &id_token).await, InvalidToken::TokenUse);

    for (claims, expected) in [
        (json!({"iss": iss, "aud": null, "token_use": "access", "client_id": "client-2"}), InvalidToken::Audience),
        (json!({"iss": iss, "aud": null, "token_use": "access"}), InvalidToken::Audience),
        (json!({"iss": iss, "aud": null, "client_id": "client-1"}), InvalidToken::TokenUse),
        (json!({"aud": null, "token_use": "access", "client_id": "client-1"}), InvalidToken::Issuer),
    ] {
        assert_eq!(refusal(&access, &idp.token(claims.clone())).await, expected, "{claims}");
    }
    assert_eq!(
        refusal(&id, &idp.token(json!({"iss": iss, "aud": "client-2", "token_use": "id"}))).await,
        InvalidToken::Audience
    );
}

#[tokio::test]
async fn required_claims_and_token_type() {
    let idp = LocalIssuer::start();
    let verifier = Verifier::new(
        Issuer::oidc(idp.issuer()).audience(LOCAL_AUDIENCE).require("sub").require("jti").token_type("at+jwt"),
    )
    .unwrap();
    let kid = idp.kid(Algorithm::RS256);
    let with = |typ: &str, claims: Value| {
        let mut all = valid_claims(&idp);
        all.as_object_mut().unwrap().extend(claims.as_object().unwrap().clone());
        idp.sign(&json!({"alg": "RS256", "kid": kid, "typ": typ}), &all)
    };
    verify(&verifier, &with("at+jwt", json!({"jti": "1"}))).await.unwrap();
    verify(&verifier, &with("application/AT+JWT", json!({"jti": "1"}))).await.unwrap();
    assert_eq!(refusal(&verifier, &with("JWT", json!({"jti": "1"}))).await, InvalidToken::TokenType);
    assert_eq!(refusal(&verifier, &with("at+jwt", json!({}))).await, InvalidToken::MissingClaim("jti"));
    assert_eq!(
        refusal(&verifier, &with("at+jwt", json!({"jti": "1", "sub": null}))).await,
        InvalidToken::MissingClaim("sub")
    );
}

#[test]
fn configurations_that_cannot_work_fail_at_build() {
    let error = |builder: Result<Verifier, ConfigError>| builder.unwrap_err().to_string();
    assert!(error(Verifier::builder().build()).contains("no issuer"));
    assert!(error(Verifier::new(Issuer::oidc("https://idp.example"))).contains("no audience"));
    assert!(error(Verifier::new(Issuer::oidc("http://idp.example").any_audience())).contains("plain HTTP"));
    assert!(
        error(Verifier::new(Issuer::oidc("https://idp.example").any_audience().jwks_url("http://10.0.0.1/keys")))
            .contains("plain HTTP")
    );
    assert!(
        error(Verifier::new(Issuer::oidc("https://idp.example").any_audience().algorithms([Algorithm::HS256])))
            .contains("HMAC")
    );
    let twice = Verifier::builder()
        .issuer(Issuer::google().any_audience())
        .issuer(Issuer::oidc("accounts.google.com").jwks_url("https://x/keys").any_audience());
    assert!(error(twice.build()).contains("configured twice"));
}

/// Through an authorizer: an invalid token is a 401 (with the reason logged, never the
/// token), unavailable keys a 500 whose message does not quote the token.
#[test]
fn question_mark_maps_to_401_and_500() {
    let idp = LocalIssuer::start();
    let verifier = Box::leak(Box::new(verifier(&idp)));
    async fn authorize(request: TokenRequest, jwt: &Verifier) -> Result<Decision, Error> {
        let token = request.bearer_token().ok_or(Unauthorized)?;
        let claims: Claims = jwt.verify(token).await?;
        Ok(Decision::allow(claims.sub()?).routes(claims.scopes.routes(&[("pets:read", Route::get("/pets"))])))
    }
    let event = |token: &str| {
        json!({"type": "TOKEN", "authorizationToken": format!("Bearer {token}"),
               "methodArn": "arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets"})
    };
    let good = idp.token(json!({"sub": "u-1", "scope": "pets:read"}));
    assert_eq!(testing::invoke_with_state(authorize, &*verifier, event(&good)).status(), 200);
    let no_scope = idp.token(json!({"sub": "u-1"}));
    assert_eq!(testing::invoke_with_state(authorize, &*verifier, event(&no_scope)).status(), 403);
    let no_sub = idp.token(json!({"scope": "pets:read"}));
    assert_eq!(testing::invoke_with_state(authorize, &*verifier, event(&no_sub)).status(), 401);

    let expired = idp.token(json!({"sub": "u-1", "exp": 1}));
    let refused = testing::invoke_with_state(authorize, &*verifier, event(&expired));
    assert_eq!(refused.status(), 401);
    assert_eq!(refused.error().unwrap().error_message, "Unauthorized");

    let other = LocalIssuer::start();
    let cold = Box::leak(Box::new(Verifier::new(Issuer::oidc(other.issuer()).audience(LOCAL_AUDIENCE)).unwrap()));
    other.fail_with(500);
    let token = other.token(json!({"sub": "u-1"}));
    let failed = testing::invoke_with_state(authorize, &*cold, event(&token));
    assert_eq!(failed.status(), 500);
    let message = &failed.error().unwrap().error_message;
    assert!(message.contains("keys are unavailable") && message.contains("status 500"), "{message}");
    assert!(!message.contains(&token) && !message.contains(token.split('.').nth(1).unwrap()), "{message}");
}

#[tokio::test]
async fn a_fetch_given_up_by_its_caller_counts_as_a_failed_one() {
    let idp = LocalIssuer::start();
    idp.delay(Duration::from_millis(300));
    let verifier = Verifier::builder()
        .issuer(Issuer::oidc(idp.issuer()).jwks_url(idp.jwks_url()).audience(LOCAL_AUDIENCE))
        .failure_backoff(Duration::from_secs(30))
        .build()
        .unwrap();
    let claims = valid_claims(&idp);
    let tokens: Vec<String> =
        (0..10).map(|i| idp.sign(&json!({"alg": "RS256", "kid": format!("r-{i}")}), &claims)).collect();
    for token in &tokens {
        // The caller's own timeout, shorter than the issuer.
        let _ = tokio::time::timeout(Duration::from_millis(100), verify(&verifier, token)).await;
    }
    assert_eq!(idp.jwks_fetches(), 1, "a dropped fetch starts the backoff");
    let message = match verify(&verifier, &tokens[0]).await {
        Err(JwtError::KeysUnavailable(cause)) => cause.to_string(),
        other => panic!("{other:?}"),
    };
    assert!(message.contains("the fetch was cancelled"), "{message}");
}

#[tokio::test]
async fn a_key_set_with_no_usable_key_is_unavailable_and_the_old_keys_stay() {
    let idp = LocalIssuer::start();
    let verifier = Verifier::builder()
        .issuer(Issuer::oidc(idp.issuer()).jwks_url(idp.jwks_url()).audience(LOCAL_AUDIENCE))
        .failure_backoff(Duration::ZERO)
        .build()
        .unwrap();
    let good = idp.token(json!({}));
    verify(&verifier, &good).await.unwrap();
    for body in [
        r#"{"keys": []}"#,
        r#"{"keys": [{"kty": "RSA", "kid": "x", "n": "AQAB"}]}"#,
        r#"{"keys": [{"kty": "oct", "kid": "h", "k": "c2VjcmV0"}]}"#,
    ] {
        idp.serve_keys(body);
        let unknown = idp.sign(&json!({"alg": "RS256", "kid": "new"}), &valid_claims(&idp));
        match verify(&verifier, &unknown).await {
            Err(JwtError::KeysUnavailable(cause)) => {
                assert!(cause.to_string().contains("no usable signature key"), "{cause}")
            }
            other => panic!("{body}: {other:?}"),
        }
        verify(&verifier, &good).await.unwrap();
    }
}

#[tokio::test]
async fn discovery_is_checked_and_bounded_as_one_fetch() {
    let idp = LocalIssuer::start();
    let token = idp.token(json!({}));
    let unavailable = |result: Result<Claims, JwtError>| match result {
        Err(JwtError::KeysUnavailable(cause)) => cause.to_string(),
        other => panic!("expected unavailable keys, got {other:?}"),
    };
    let fresh = || {
        Verifier::builder()
            .issuer(Issuer::oidc(idp.issuer()).audience(LOCAL_AUDIENCE))
            .fetch_timeout(Duration::from_millis(500))
            .build()
            .unwrap()
    };
    idp.serve_discovery(json!({"issuer": "https://elsewhere.example", "jwks_uri": idp.jwks_url()}).to_string());
    assert!(unavailable(verify(&fresh(), &token).await).contains("is not the configured"));
    idp.heal();
    // Each request takes 300 ms: the two of a discovery exceed the 500 ms of one fetch.
    idp.delay(Duration::from_millis(300));
    assert!(unavailable(verify(&fresh(), &token).await).contains("timed out"));
    idp.heal();
    // A redirect is not followed.
    idp.fail_with(302);
    assert!(unavailable(verify(&fresh(), &token).await).contains("status 302"));
    idp.heal();
    verify(&fresh(), &token).await.unwrap();
}

#[tokio::test]
async fn a_token_of_another_issuer_makes_no_fetch() {
    let idp = LocalIssuer::start();
    let verifier = Verifier::new(Issuer::oidc(idp.issuer()).jwks_url(idp.jwks_url()).audience(LOCAL_AUDIENCE)).unwrap();
    let mut claims = valid_claims(&idp);
    claims["iss"] = json!("https://someone-else.example");
    for i in 0..5 {
        let token = idp.sign(&json!({"alg": "RS256", "kid": format!("k-{i}")}), &claims);
        assert_eq!(refusal(&verifier, &token).await, InvalidToken::Issuer);
    }
    assert_eq!(idp.jwks_fetches(), 0);
}

#[tokio::test]
async fn token_types_compare_as_media_types() {
    let idp = LocalIssuer::start();
    let kid = idp.kid(Algorithm::RS256);
    let with = |typ: Option<&str>| {
        let mut header = json!({"alg": "RS256", "kid": kid});
        if let Some(typ) = typ {
            header["typ"] = json!(typ);
        }
        idp.sign(&header, &valid_claims(&idp))
    };
    for configured in ["at+jwt", "application/at+jwt", "AT+JWT"] {
        let verifier =
            Verifier::new(Issuer::oidc(idp.issuer()).audience(LOCAL_AUDIENCE).token_type(configured)).unwrap();
        for given in ["at+jwt", "application/at+jwt", "APPLICATION/AT+JWT"] {
            verify(&verifier, &with(Some(given))).await.unwrap_or_else(|e| panic!("{configured} / {given}: {e}"));
        }
        for given in [Some("JWT"), Some("application/jwt"), Some("at+jwt+x"), None] {
            assert_eq!(refusal(&verifier, &with(given)).await, InvalidToken::TokenType, "{configured} / {given:?}");
        }
    }
}

#[test]
fn the_documented_defaults() {
    use authorizer_core::jwt::{
        DEFAULT_FAILURE_BACKOFF, DEFAULT_FETCH_TIMEOUT, DEFAULT_LEEWAY, DEFAULT_MAX_KEY_SET_BYTES,
        DEFAULT_MAX_TOKEN_BYTES, DEFAULT_REFETCH_PENALTY,
    };
    // As the guide's JWT chapter (`guide::jwt`) states them.
    assert_eq!(DEFAULT_FETCH_TIMEOUT, Duration::from_secs(3));
    assert_eq!(DEFAULT_REFETCH_PENALTY, Duration::from_secs(10));
    assert_eq!(DEFAULT_FAILURE_BACKOFF, Duration::from_secs(1));
    assert_eq!(DEFAULT_LEEWAY, Duration::from_secs(60));
    assert_eq!(DEFAULT_MAX_TOKEN_BYTES, 16 * 1024);
    assert_eq!(DEFAULT_MAX_KEY_SET_BYTES, 256 * 1024);
}

#[tokio::test]
async fn waits_too_long_to_add_to_the_clock_are_cut_not_a_panic() {
    let idp = LocalIssuer::start();
    let verifier = Verifier::builder()
        .issuer(Issuer::oidc(idp.issuer()).jwks_url(idp.jwks_url()).audience(LOCAL_AUDIENCE))
        .refetch_penalty(Duration::MAX)
        .failure_backoff(Duration::MAX)
        .fetch_timeout(Duration::MAX)
        .build()
        .unwrap();
    let unknown = idp.sign(&json!({"alg": "RS256", "kid": "made-up"}), &valid_claims(&idp));
    assert_eq!(refusal(&verifier, &unknown).await, InvalidToken::UnknownKey);
    assert_eq!(refusal(&verifier, &unknown).await, InvalidToken::UnknownKey);
    assert_eq!(idp.jwks_fetches(), 1);
}

#[tokio::test]
async fn google_tokens_verify_with_either_issuer_spelling() {
    let idp = LocalIssuer::start();
    let verifier = Verifier::new(Issuer::google().audience("client-1").jwks_url(idp.jwks_url())).unwrap();
    for iss in ["https://accounts.google.com", "accounts.google.com"] {
        let claims = verify(&verifier, &idp.token(json!({"iss": iss, "aud": "client-1"}))).await.unwrap();
        assert_eq!(claims.issuer, iss);
    }
    for iss in ["http://accounts.google.com", "https://accounts.google.com/"] {
        assert_eq!(
            refusal(&verifier, &idp.token(json!({"iss": iss, "aud": "client-1"}))).await,
            InvalidToken::Issuer,
            "{iss}"
        );
    }
}
