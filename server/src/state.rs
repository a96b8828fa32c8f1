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

/// Everything a request handler may need, cheap to clone.
#[derive(Clone, Debug)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
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
    pub imports: crate::portfolio::ImportsUnderWay,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
