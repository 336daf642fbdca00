//! An issuer's published keys (a JWK Set, RFC 7517), kept as verification keys by `kid`.
//!
//! Keys that cannot serve to verify a signature are left out, one by one, so that one key
//! of an unknown type does not make the whole set unusable: an `oct` (HMAC) key, since an
//! issuer publishes public keys and a shared secret published there would let anyone sign
//! (RFC 8725 §2.1, <https://www.rfc-editor.org/rfc/rfc8725#section-2.1>); a key without `kid`;
//! a key whose `use` is not `sig` or whose `key_ops` lack `verify` (RFC 7517 §4.2-4.3,
//! <https://www.rfc-editor.org/rfc/rfc7517#section-4.2>); a key type, curve or algorithm that is
//! not supported; a key whose parameters do not decode.

use std::collections::HashMap;

use jsonwebtoken::jwk::{AlgorithmParameters, EllipticCurve, Jwk, KeyAlgorithm, KeyOperations, PublicKeyUse};
use jsonwebtoken::{Algorithm, AlgorithmFamily, DecodingKey};
use serde::Deserialize;

/// The usable keys of one key set, by `kid`.
#[derive(Default)]
pub(crate) struct KeySet {
    by_kid: HashMap<String, Vec<Key>>,
}

/// One verification key and what it may verify.
pub(crate) struct Key {
    pub(crate) decoding: DecodingKey,
    kind: KeyKind,
    /// The JWK's own `alg`, when it has one: the only algorithm it then verifies.
    alg: Option<Algorithm>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum KeyKind {
    Rsa,
    P256,
    P384,
    Ed25519,
}

#[derive(Deserialize)]
struct Document {
    keys: Vec<serde_json::Value>,
}

impl KeySet {
    /// Reads a JWK Set document. Unusable keys in it are skipped; it fails when the document
    /// is not a key set (not JSON, or no `keys` array) or holds no usable key: an issuer whose
    /// set verifies nothing is an issuer whose keys cannot be had, not one whose tokens are
    /// all invalid.
    pub(crate) fn parse(body: &[u8]) -> Result<Self, String> {
        let document: Document = serde_json::from_slice(body)
            .map_err(|e| format!("not a JWK Set (a JSON object with a `keys` array): {e}"))?;
        let total = document.keys.len();
        let mut by_kid: HashMap<String, Vec<Key>> = HashMap::new();
        for value in document.keys {
            if let Some((kid, key)) = usable(value) {
                by_kid.entry(kid).or_default().push(key);
            }
        }
        if by_kid.is_empty() {
            return Err(format!(
                "no usable signature key among its {total} (each needs a kid, and an RSA, P-256, P-384 or Ed25519 \
                 public key for signatures)"
            ));
        }
        Ok(Self { by_kid })
    }

    /// Whether a key has this `kid`.
    pub(crate) fn has(&self, kid: &str) -> bool {
        self.by_kid.contains_key(kid)
    }

    /// The key with this `kid` that can verify `alg`, or why there is none.
    pub(crate) fn find(&self, kid: &str, alg: Algorithm) -> Lookup<'_> {
        match self.by_kid.get(kid) {
            None => Lookup::UnknownKid,
            Some(keys) => keys.iter().find(|key| key.verifies(alg)).map_or(Lookup::Mismatch, Lookup::Found),
        }
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.by_kid.values().map(Vec::len).sum()
    }
}

pub(crate) enum Lookup<'a> {
    Found(&'a Key),
    UnknownKid,
    Mismatch,
}

impl Key {
    fn verifies(&self, alg: Algorithm) -> bool {
        self.alg.is_none_or(|own| own == alg) && kind_for(alg) == Some(self.kind)
    }
}

/// The key type an algorithm needs (RFC 7518 §3.1, <https://www.rfc-editor.org/rfc/rfc7518#section-3.1>).
fn kind_for(alg: Algorithm) -> Option<KeyKind> {
    match (alg.family(), alg) {
        (AlgorithmFamily::Rsa, _) => Some(KeyKind::Rsa),
        (_, Algorithm::ES256) => Some(KeyKind::P256),
        (_, Algorithm::ES384) => Some(KeyKind::P384),
        (AlgorithmFamily::Ed, _) => Some(KeyKind::Ed25519),
        _ => None,
    }
}

fn usable(value: serde_json::Value) -> Option<(String, Key)> {
    let jwk: Jwk = serde_json::from_value(value).ok()?;
    let common = &jwk.common;
    if common.public_key_use.as_ref().is_some_and(|u| *u != PublicKeyUse::Signature) {
        return None;
    }
    if common.key_operations.as_ref().is_some_and(|ops| !ops.contains(&KeyOperations::Verify)) {
        return None;
    }
    let alg = match common.key_algorithm {
        None => None,
        Some(KeyAlgorithm::UNKNOWN_ALGORITHM) => return None,
        Some(own) => Some(Algorithm::try_from(own).ok()?),
    };
    let kind = match &jwk.algorithm {
        AlgorithmParameters::RSA(_) => KeyKind::Rsa,
        AlgorithmParameters::EllipticCurve(ec) => match ec.curve {
            EllipticCurve::P256 => KeyKind::P256,
            EllipticCurve::P384 => KeyKind::P384,
            _ => return None,
        },
        AlgorithmParameters::OctetKeyPair(okp) if okp.curve == EllipticCurve::Ed25519 => KeyKind::Ed25519,
        _ => return None,
    };
    if alg.is_some_and(|alg| kind_for(alg) != Some(kind)) {
        return None;
    }
    let kid = common.key_id.clone()?;
    let decoding = DecodingKey::from_jwk(&jwk).ok()?;
    Some((kid, Key { decoding, kind, alg }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const N: &str = "sXchDaQebHnPiGvyDOAT4saGEUetSyo9MKLOoWFsueri23bOdgWp4Dy1WlUzewbgBHod5pcM9H95GQRV3JDXboIRROSBigeC5yjU1hGzHHyXss8UDprecbAYxknTcQkhslANGRUZmdTOQ5qTRsLAt6BTYuyvVRdhS8exSZEy_c4gs_7svlJJQ4H9_NxsiIoLwAEk7-Q3UXERGYw_75IDrGA84-lA_-Ct4eTlXHBIY2EaV7t7LjJaynVJCpkv4LKjTTAumiGUIuQhrNhZLuF_RJLqHpM2kgWFLU7-VTdL1VbC2tejvcI2BlMkEpk1BzBZI0KQB0GaDWFLN-aEAw3vRw";

    fn rsa(extra: serde_json::Value) -> serde_json::Value {
        let mut key = json!({"kty": "RSA", "kid": "k1", "n": N, "e": "AQAB"});
        key.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        key
    }

    fn set(keys: Vec<serde_json::Value>) -> KeySet {
        KeySet::parse(json!({ "keys": keys }).to_string().as_bytes()).unwrap()
    }

    #[test]
    fn an_rsa_key_verifies_the_rsa_algorithms_only() {
        let keys = set(vec![rsa(json!({}))]);
        assert_eq!(keys.len(), 1);
        assert!(matches!(keys.find("k1", Algorithm::RS256), Lookup::Found(_)));
        assert!(matches!(keys.find("k1", Algorithm::PS512), Lookup::Found(_)));
        assert!(matches!(keys.find("k1", Algorithm::ES256), Lookup::Mismatch));
        assert!(matches!(keys.find("k1", Algorithm::HS256), Lookup::Mismatch));
        assert!(matches!(keys.find("K1", Algorithm::RS256), Lookup::UnknownKid), "kid is case-sensitive");
    }

    #[test]
    fn a_key_with_its_own_alg_verifies_that_alg_only() {
        let keys = set(vec![rsa(json!({"alg": "RS256"}))]);
        assert!(matches!(keys.find("k1", Algorithm::RS256), Lookup::Found(_)));
        assert!(matches!(keys.find("k1", Algorithm::RS384), Lookup::Mismatch));
    }

    #[test]
    fn unusable_keys_are_skipped_one_by_one() {
        // A set of unusable keys alone is refused whole: see the next test.
        let keys = set(vec![
            json!({"kty": "oct", "kid": "hmac", "k": "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0"}),
            json!({"kty": "XYZ", "kid": "unknown-type"}),
            json!({"kty": "RSA", "kid": "broken", "n": "!!", "e": "AQAB"}),
            json!("not an object"),
            rsa(json!({"kid": "enc", "use": "enc"})),
            rsa(json!({"kid": "sign-only", "key_ops": ["sign"]})),
            rsa(json!({"kid": "oaep", "alg": "RSA-OAEP"})),
            rsa(json!({"kid": "es-on-rsa", "alg": "ES256"})),
            json!({"kty": "RSA", "n": N, "e": "AQAB"}),
            rsa(json!({"kid": "good", "use": "sig", "key_ops": ["verify"]})),
        ]);
        assert_eq!(keys.len(), 1);
        assert!(keys.has("good"));
        for kid in ["hmac", "unknown-type", "broken", "enc", "sign-only", "oaep", "es-on-rsa"] {
            assert!(!keys.has(kid), "{kid}");
        }
    }

    #[test]
    fn a_document_that_is_not_a_key_set_is_an_error() {
        for body in ["", "{}", "[]", "{\"keys\": {}}", "<html>"] {
            assert!(KeySet::parse(body.as_bytes()).is_err(), "{body}");
        }
        let empty = KeySet::parse(b"{\"keys\": []}").err().unwrap();
        assert!(empty.contains("no usable signature key among its 0"), "{empty}");
        let unusable = KeySet::parse(br#"{"keys": [{"kty": "RSA", "kid": "x", "n": "AQAB"}]}"#).err().unwrap();
        assert!(unusable.contains("among its 1"), "{unusable}");
    }
}
