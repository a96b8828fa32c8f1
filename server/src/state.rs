use crate::config::Settings;
use crate::http::rate_limit::RateLimiter;
use crate::identity::oidc::OidcProvider;
use crate::identity::session_store::DbSessionStore;
use app::ssr::PortalContext;
use axum::extract::FromRef;
use domain::db::Db;
use leptos::config::LeptosOptions;
use std::collections::BTreeMap;
use std::sync::Arc;
use url::Url;

/// Everything a request handler may need, behind one reference count: axum clones the state
/// into the service stack of every request, so a clone must cost one increment, not a copy of
/// the settings, options and strings (measured: such copies were a third of a page's
/// instructions).
#[derive(Clone, Debug)]
pub struct AppState(Arc<Services>);

impl AppState {
    pub fn new(services: Services) -> AppState {
        AppState(Arc::new(services))
    }
}

impl std::ops::Deref for AppState {
    type Target = Services;
    fn deref(&self) -> &Services {
        &self.0
    }
}

/// The running server's settings and services, behind an [`AppState`].
#[derive(Debug)]
pub struct Services {
    pub leptos_options: LeptosOptions,
    pub settings: Arc<Settings>,
    pub portal: PortalContext,
    pub providers: Arc<BTreeMap<String, OidcProvider>>,
    pub sessions: DbSessionStore,
    pub limiter: RateLimiter,
    /// Passkeys need the site to be reached by a domain name (WebAuthn refuses IP addresses).
    pub webauthn: Option<Arc<webauthn_rs::Webauthn>>,
    /// The origin users reach us at (scheme, host, port), for redirects and the origin check.
    pub public_url: Url,
    /// Imports and exports under way, downloads through shared links (`Slots`).
    pub slots: Slots,
}

impl Services {
    /// The database, held once: by the portal's context, which server functions reach too.
    pub fn db(&self) -> &Db {
        &self.portal.db
    }
}

/// What `app::ssr::SignedIn` reads the session's account with, in the server's handlers.
impl FromRef<AppState> for PortalContext {
    fn from_ref(state: &AppState) -> Self {
        state.portal.clone()
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// Work that must not run too many times at once on this server, counted by key: an
/// account's import or export (one at a time: a second would race the first for the quota and
/// double its disk use), all exports together, the downloads through one shared link or from
/// one address. A [`Slot`] holds its place until dropped (the work ended, failed, or its
/// download's body was dropped mid-way).
#[derive(Debug, Clone, Default)]
pub struct Slots(Arc<std::sync::Mutex<std::collections::HashMap<String, usize>>>);

/// A place taken in [`Slots`].
#[derive(Debug)]
pub struct Slot(Slots, String);

impl Slots {
    /// A place under `key` when fewer than `max` are taken.
    pub fn take(&self, key: String, max: usize) -> Option<Slot> {
        let mut taken = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let count = taken.entry(key.clone()).or_insert(0);
        if *count >= max {
            return None;
        }
        *count += 1;
        Some(Slot(self.clone(), key))
    }

    /// Places under every key at once, or none: `[(key, max)…]`.
    pub fn take_all(&self, keys: &[(String, usize)]) -> Option<Vec<Slot>> {
        let mut slots = Vec::with_capacity(keys.len());
        for (key, max) in keys {
            // Dropping the places already taken gives them back.
            slots.push(self.take(key.clone(), *max)?);
        }
        Some(slots)
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut taken = (self.0).0.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(count) = taken.get_mut(&self.1) {
            *count -= 1;
            if *count == 0 {
                taken.remove(&self.1);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Slots;

    #[test]
    fn places_are_counted_by_key_and_given_back() {
        let slots = Slots::default();
        let first = slots
            .take("import:7".into(), 1)
            .expect("the first import runs");
        assert!(
            slots.take("import:7".into(), 1).is_none(),
            "a second one waits its turn"
        );
        assert!(
            slots.take("import:8".into(), 1).is_some(),
            "another account's runs"
        );
        drop(first);
        assert!(
            slots.take("import:7".into(), 1).is_some(),
            "free again once the first ended"
        );
        // All or nothing: a full key gives back the places taken before it.
        let held = slots.take("link:a".into(), 1).unwrap();
        assert!(slots
            .take_all(&[("address:x".into(), 5), ("link:a".into(), 1)])
            .is_none());
        assert!(slots.take("address:x".into(), 1).is_some(), "given back");
        drop(held);
        assert!(slots.0.lock().unwrap().is_empty(), "no key left behind");
    }
}
