//! One source of keys (a JWK Set URL, or an issuer's discovery document leading to one), kept
//! for the life of the process.
//!
//! - The keys are fetched at the first token that needs them (or by [`Verifier::preload`]).
//! - A token whose `kid` is not among them makes the set be fetched again (keys rotate), at
//!   most one fetch in flight: tokens that wait for it use its result.
//! - After a fetch that still lacks the `kid`, no token triggers another fetch for the
//!   penalty window: a stream of tokens with made-up `kid`s cannot become a stream of fetches.
//! - A failed fetch keeps the keys there were (tokens with known `kid`s still verify), and the
//!   next fetch waits out a shorter backoff. A key set with no usable key is a failed fetch,
//!   and so is a fetch whose caller gave up on it (its future dropped): a caller with a short
//!   timeout of its own cannot make every token start a fetch.
//!
//! [`Verifier::preload`]: super::Verifier::preload

use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use http::Uri;

use super::error::{InvalidToken, JwtError, KeysUnavailable};
use super::fetch::{Fetcher, jwks_uri_of};
use super::keys::KeySet;

/// Where the keys come from.
pub(crate) enum Location {
    Jwks(Uri),
    /// The discovery document's URL, and the issuer it must name.
    Discovery {
        url: Uri,
        issuer: String,
    },
}

pub(crate) struct KeySource {
    location: Location,
    state: RwLock<State>,
    /// Held by the one fetch in flight.
    fetching: tokio::sync::Mutex<()>,
}

#[derive(Default)]
struct State {
    keys: Arc<KeySet>,
    /// The key set URL, once discovered.
    jwks_url: Option<Uri>,
    /// Counts finished fetches, so that a token that waited for one knows it happened.
    fetches: u64,
    /// No fetch for an unknown `kid` before this.
    quiet_until: Option<Instant>,
    /// Why the last fetch failed, if it did.
    failure: Option<KeysUnavailable>,
}

/// How often a key source may be fetched again.
#[derive(Clone, Copy)]
pub(crate) struct Pacing {
    /// After a fetch that lacked the `kid` asked for.
    pub(crate) penalty: Duration,
    /// After a fetch that failed.
    pub(crate) backoff: Duration,
}

impl KeySource {
    pub(crate) fn new(location: Location) -> Self {
        let jwks_url = match &location {
            Location::Jwks(url) => Some(url.clone()),
            Location::Discovery { .. } => None,
        };
        Self {
            location,
            state: RwLock::new(State { jwks_url, ..State::default() }),
            fetching: tokio::sync::Mutex::new(()),
        }
    }

    /// The keys, once they have `kid`, fetching them (again) if they lack it and the pacing
    /// allows.
    /// `may_fetch` runs only when the keys held lack `kid`, before anything else: a token it
    /// refuses makes no fetch.
    pub(crate) async fn keys_with(
        &self,
        kid: &str,
        fetcher: &Fetcher,
        pacing: Pacing,
        may_fetch: impl FnOnce() -> Result<(), JwtError>,
    ) -> Result<Arc<KeySet>, JwtError> {
        let seen = {
            let state = self.read();
            if state.keys.has(kid) {
                return Ok(Arc::clone(&state.keys));
            }
            may_fetch()?;
            if let Some(refusal) = state.quiet(Instant::now()) {
                return Err(refusal);
            }
            state.fetches
        };
        let _fetching = self.fetching.lock().await;
        {
            let state = self.read();
            if state.fetches != seen {
                // Another token's fetch finished while this one waited: its result stands.
                if state.keys.has(kid) {
                    return Ok(Arc::clone(&state.keys));
                }
                return Err(state.failure.clone().map_or(InvalidToken::UnknownKey.into(), JwtError::from));
            }
        }
        let guard = Unfinished { source: self, backoff: pacing.backoff };
        let fetched = self.fetch(fetcher).await;
        std::mem::forget(guard);
        match fetched {
            Ok(keys) => {
                let keys = Arc::new(keys);
                let found = keys.has(kid);
                let mut state = self.write();
                state.keys = Arc::clone(&keys);
                state.fetches += 1;
                state.failure = None;
                state.quiet_until = (!found).then(|| after(pacing.penalty));
                if found { Ok(keys) } else { Err(InvalidToken::UnknownKey.into()) }
            }
            Err(failure) => {
                self.failed(failure.clone(), pacing.backoff);
                Err(failure.into())
            }
        }
    }

    fn failed(&self, failure: KeysUnavailable, backoff: Duration) {
        let mut state = self.write();
        state.fetches += 1;
        state.failure = Some(failure);
        state.quiet_until = Some(after(backoff));
    }

    /// Fetches the keys now, whatever the pacing (at cold start).
    pub(crate) async fn preload(&self, fetcher: &Fetcher) -> Result<(), KeysUnavailable> {
        let _fetching = self.fetching.lock().await;
        let keys = self.fetch(fetcher).await?;
        let mut state = self.write();
        state.keys = Arc::new(keys);
        state.fetches += 1;
        state.failure = None;
        state.quiet_until = None;
        Ok(())
    }

    /// One fetch: the discovery document first if the key set's URL is not known yet, then the
    /// key set, both before one deadline.
    async fn fetch(&self, fetcher: &Fetcher) -> Result<KeySet, KeysUnavailable> {
        let deadline = fetcher.deadline();
        let known = self.read().jwks_url.clone();
        let url = match (known, &self.location) {
            (Some(url), _) => url,
            (None, Location::Jwks(url)) => url.clone(),
            (None, Location::Discovery { url, issuer }) => {
                let unavailable = |cause| KeysUnavailable::new(&url.to_string(), cause);
                let body = fetcher.get(url, deadline).await.map_err(unavailable)?;
                let jwks = jwks_uri_of(&body, issuer, url).map_err(unavailable)?;
                self.write().jwks_url = Some(jwks.clone());
                jwks
            }
        };
        let unavailable = |cause| KeysUnavailable::new(&url.to_string(), cause);
        let body = fetcher.get(&url, deadline).await.map_err(unavailable)?;
        KeySet::parse(&body).map_err(unavailable)
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, State> {
        // A panic while holding the lock cannot leave the state half-written: every write
        // replaces whole fields.
        self.state.read().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, State> {
        self.state.write().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Records a fetch whose future was dropped before it finished as a failed one, so that the
/// backoff applies to it too.
struct Unfinished<'a> {
    source: &'a KeySource,
    backoff: Duration,
}

impl Drop for Unfinished<'_> {
    fn drop(&mut self) {
        self.source
            .failed(KeysUnavailable::new(&self.source.location.to_string(), "the fetch was cancelled"), self.backoff);
    }
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Jwks(url) | Self::Discovery { url, .. } => write!(f, "{url}"),
        }
    }
}

/// The longest penalty or backoff: longer settings are cut to it, so that adding one to the
/// clock cannot overflow.
pub(crate) const MAX_WAIT: Duration = Duration::from_secs(365 * 86_400);

/// `now + wait`, `wait` at most [`MAX_WAIT`].
fn after(wait: Duration) -> Instant {
    let now = Instant::now();
    now.checked_add(wait.min(MAX_WAIT)).unwrap_or(now)
}

impl State {
    /// Why no fetch may happen now, if none may: the last fetch's failure (500), or a `kid` the
    /// keys fetched last lacked (401).
    fn quiet(&self, now: Instant) -> Option<JwtError> {
        let until = self.quiet_until?;
        (now < until).then(|| match &self.failure {
            Some(failure) => failure.clone().into(),
            None => InvalidToken::UnknownKey.into(),
        })
    }
}
