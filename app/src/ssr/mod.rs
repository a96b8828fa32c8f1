//! Server-side helpers for server functions and the server's handlers: the portal's state, the
//! language, and (in [`session`] and [`signed_in`]) who is signed in.

use crate::error::PortalError;
use crate::i18n::Lang;
use domain::db::Db;
use domain::identity::SignInOptions;
use http::HeaderMap;
use leptos::prelude::*;

mod session;
mod signed_in;

pub use session::*;
pub use signed_in::SignedIn;

/// The language cookie: a preference, not a secret, readable before sign-in.
pub const LANG_COOKIE: &str = "sillage_lang";

/// What server functions need of the running portal, provided to every request's context.
///
/// A handle: every request clones it (into the context of its render, into each server
/// function), so a clone is one reference count, not a copy of the sign-in options and strings
/// (measured: copies of this and of the server's state were a third of a page's instructions).
#[derive(Clone, Debug)]
pub struct PortalContext(std::sync::Arc<Portal>);

impl PortalContext {
    pub fn new(portal: Portal) -> PortalContext {
        PortalContext(std::sync::Arc::new(portal))
    }
}

impl std::ops::Deref for PortalContext {
    type Target = Portal;
    fn deref(&self) -> &Portal {
        &self.0
    }
}

/// The running portal's settings and services, behind a [`PortalContext`].
#[derive(Debug)]
pub struct Portal {
    pub db: Db,
    /// The stylesheet's address: `/pkg/sillage.<hash>.css` in a release build.
    pub stylesheet: String,
    /// The browser module's lazily loaded parts, for the pages to name them early.
    pub split_chunks: crate::components::SplitChunks,
    pub demo_mode: bool,
    pub sign_in: SignInOptions,
    /// A session older than this since sign-in is over, however active it is.
    pub session_absolute_secs: i64,
    /// A session unused this long is over.
    pub session_idle_secs: i64,
    /// Origins of the identity providers: the sign-out form ends at their logout endpoint,
    /// and browsers apply the page's `form-action` to that redirect too.
    pub provider_origins: Vec<String>,
    /// Where evidence files are kept, and how large and how many they may be.
    pub evidence: std::sync::Arc<dyn domain::portfolio::evidence_store::EvidenceStorage>,
    pub evidence_limits: domain::portfolio::evidence_store::EvidenceLimits,
    /// The address users reach the portal at (`https://…`), for links made to be sent.
    pub public_url: String,
    /// The largest Pix Orga export a counsellor may upload, in bytes.
    pub pix_max_import_bytes: u64,
    /// Whether cookies are `Secure` (HTTPS); a secret shown once travels in such a cookie.
    pub cookie_secure: bool,
    /// The search over ONISEP's métiers and formations, rebuilt when an import is newer.
    pub guidance_index: domain::guidance::search::SharedIndex,
}

pub fn portal() -> Result<PortalContext, PortalError> {
    use_context::<PortalContext>().ok_or_else(|| {
        tracing::error!("PortalContext missing from the request context");
        PortalError::Unavailable
    })
}

/// The request's cookies, as `(name, value)` pairs, in the order the browser sent them.
pub fn cookies(headers: &HeaderMap) -> impl Iterator<Item = (&str, &str)> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
}

/// The language for this request: the cookie the user set, else the browser's, else French.
pub fn lang_from_headers(headers: &HeaderMap) -> Lang {
    let from_cookie = cookies(headers).find_map(|(name, value)| {
        (name == LANG_COOKIE)
            .then(|| Lang::from_code(value))
            .flatten()
    });
    from_cookie
        .or_else(|| {
            headers
                .get(http::header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::from_accept_language)
        })
        .unwrap_or_default()
}

pub fn request_lang() -> Lang {
    use_context::<http::request::Parts>()
        .map(|parts| lang_from_headers(&parts.headers))
        .unwrap_or_default()
}

/// Whether this request is a form posted by the browser itself (the page's JavaScript was not
/// running: an old phone, a slow link, before hydration). Leptos then answers with a redirect,
/// so what the page should show next travels in the session ([`flash_put`]). Asked before the
/// server function's first await, like the session.
pub fn without_javascript() -> bool {
    use_context::<http::request::Parts>().is_some_and(|parts| {
        parts.method == http::Method::POST
            && parts
                .headers
                .get(http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.contains("text/html"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    #[test]
    fn cookie_wins_over_accept_language() {
        let mut headers = HeaderMap::new();
        headers.insert(
            http::header::ACCEPT_LANGUAGE,
            HeaderValue::from_static("fr-FR"),
        );
        assert_eq!(lang_from_headers(&headers), Lang::Fr);
        headers.insert(
            http::header::COOKIE,
            HeaderValue::from_static("a=b; sillage_lang=en; c=d"),
        );
        assert_eq!(lang_from_headers(&headers), Lang::En);
        headers.insert(
            http::header::COOKIE,
            HeaderValue::from_static("sillage_lang=xx"),
        );
        assert_eq!(lang_from_headers(&headers), Lang::Fr);
        assert_eq!(lang_from_headers(&HeaderMap::new()), Lang::Fr);
    }
}
