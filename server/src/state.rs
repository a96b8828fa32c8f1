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
    /// Portfolio imports under way, one per account.
    pub imports: ImportsUnderWay,
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

/// The accounts whose import is under way on this server: one at a time per account (a second
/// would race the first for the quota and double its disk use).
#[derive(Debug, Clone, Default)]
pub struct ImportsUnderWay(std::sync::Arc<std::sync::Mutex<std::collections::HashSet<i64>>>);

/// Holds an account's place in [`ImportsUnderWay`] until dropped (the import ended, or failed).
pub struct ImportTurn(ImportsUnderWay, i64);

impl ImportsUnderWay {
    pub fn take_turn(&self, account: i64) -> Option<ImportTurn> {
        let mut under_way = self.0.lock().unwrap_or_else(|p| p.into_inner());
        under_way
            .insert(account)
            .then(|| ImportTurn(self.clone(), account))
    }
}

impl Drop for ImportTurn {
    fn drop(&mut self) {
        let mut under_way = (self.0).0.lock().unwrap_or_else(|p| p.into_inner());
        under_way.remove(&self.1);
    }
}

#[cfg(test)]
mod tests {
    use super::ImportsUnderWay;

    #[test]
    fn one_import_per_account_at_a_time() {
        let imports = ImportsUnderWay::default();
        let first = imports.take_turn(7).expect("the first import runs");
        assert!(
            imports.take_turn(7).is_none(),
            "a second one waits its turn"
        );
        assert!(imports.take_turn(8).is_some(), "another account's runs");
        drop(first);
        assert!(
            imports.take_turn(7).is_some(),
            "free again once the first ended"
        );
    }
}
