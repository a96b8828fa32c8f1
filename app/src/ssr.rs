//! Server-side helpers for server functions: the portal's state, the session, the language.

use crate::error::PortalError;
use crate::i18n::Lang;
use domain::db::{now_unix, Db};
use domain::identity::SignInOptions;
use domain::identity::{store, AccountId, AccountView};
use http::HeaderMap;
use leptos::prelude::*;
use tower_sessions::Session;

/// Session keys. The server's sign-in handlers write them; everything else only reads them.
pub const SESSION_ACCOUNT_ID: &str = "account_id";
pub const SESSION_SIGNED_IN_AT: &str = "signed_in_at";
/// When the person last really authenticated (at the provider, with a passkey): what step-up
/// checks read. A provider's silent answer does not move it.
pub const SESSION_AUTHENTICATED_AT: &str = "authenticated_at";
/// A short description of the device ("Firefox · Android"), for the owner's list of sessions.
pub const SESSION_DEVICE: &str = "device";
/// The person asked to stay signed in on this (personal) device: the cookie then outlives the
/// browser, within the idle and absolute timeouts. Otherwise it ends with the browser.
pub const SESSION_STAY: &str = "stay";
/// When the session's idle deadline was last pushed back (at most once a minute).
pub const SESSION_TOUCHED_AT: &str = "touched_at";
/// Never stored: the account read in the same statement as the session
/// (`server::identity::session_store`), so that every resource of a page learns who is signed in
/// from the session tower-sessions loaded once for the request, without a query of its own.
pub const SESSION_ACCOUNT_SNAPSHOT: &str = "account_snapshot";
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
}

pub fn portal() -> Result<PortalContext, PortalError> {
    use_context::<PortalContext>().ok_or_else(|| {
        tracing::error!("PortalContext missing from the request context");
        PortalError::Unavailable
    })
}

/// The language for this request: the cookie the user set, else the browser's, else French.
pub fn lang_from_headers(headers: &HeaderMap) -> Lang {
    let from_cookie = headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| {
            let (name, value) = pair.trim().split_once('=')?;
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

/// This request's session. Server functions that use it take it first, with [`acting_in_session`]:
/// the request's context is not always reachable after the function's first await.
pub async fn session() -> Result<Session, PortalError> {
    leptos_axum::extract().await.map_err(|e| {
        tracing::error!(error = %e, "session layer missing");
        PortalError::Unavailable
    })
}

/// Keeps `value` for the next page this session loads (a refused form's problems, a link
/// made): read once by [`flash_take`].
pub async fn flash_put<T: serde::Serialize>(
    session: &Session,
    key: &str,
    value: &T,
) -> Result<(), PortalError> {
    session
        .insert(&format!("flash:{key}"), value)
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "could not keep a message for the next page");
            PortalError::Unavailable
        })
}

/// Secrets made by a form posted without JavaScript (an invitation code, a share link),
/// kept for the page the browser is sent back to in a cookie of two minutes that only this
/// site's pages read and the next page load clears: the session table (and its backups)
/// never holds them. Taken from the request first, before the server function's first await
/// (the request's context is not always reachable after it).
pub struct OnceSecrets {
    response: Option<leptos_axum::ResponseOptions>,
    cookies: Vec<(String, String)>,
    secure: bool,
}

impl OnceSecrets {
    pub fn from_request() -> OnceSecrets {
        let cookies = use_context::<http::request::Parts>()
            .map(|parts| {
                parts
                    .headers
                    .get_all(http::header::COOKIE)
                    .iter()
                    .filter_map(|v| v.to_str().ok())
                    .flat_map(|v| v.split(';'))
                    .filter_map(|pair| {
                        let (n, v) = pair.trim().split_once('=')?;
                        Some((n.to_owned(), v.to_owned()))
                    })
                    .collect()
            })
            .unwrap_or_default();
        OnceSecrets {
            response: use_context::<leptos_axum::ResponseOptions>(),
            cookies,
            secure: use_context::<PortalContext>().is_some_and(|p| p.cookie_secure),
        }
    }

    fn name(key: &str) -> String {
        format!("sillage_once_{key}")
    }

    fn set_cookie(&self, cookie: &str) -> Result<(), PortalError> {
        let response = self.response.as_ref().ok_or(PortalError::Unavailable)?;
        let value = http::HeaderValue::from_str(cookie).map_err(|_| PortalError::Unavailable)?;
        response.append_header(http::header::SET_COOKIE, value);
        Ok(())
    }

    pub fn put<T: serde::Serialize>(&self, key: &str, value: &T) -> Result<(), PortalError> {
        let json = serde_json::to_vec(value).map_err(|_| PortalError::Unavailable)?;
        let encoded = domain::vault::encode(&json);
        let secure = if self.secure { "; Secure" } else { "" };
        self.set_cookie(&format!(
            "{}={encoded}; Max-Age=120; Path=/; HttpOnly; SameSite=Strict{secure}",
            Self::name(key)
        ))
    }

    /// The secret kept under `key`, if any; this answer clears its cookie.
    pub fn take<T: serde::de::DeserializeOwned>(&self, key: &str) -> Option<T> {
        let name = Self::name(key);
        let (_, encoded) = self.cookies.iter().find(|(n, _)| *n == name)?;
        let _ = self.set_cookie(&format!(
            "{name}=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict"
        ));
        let json = domain::vault::decode_bytes(encoded)?;
        serde_json::from_slice(&json).ok()
    }
}

/// What [`flash_put`] kept under `key`, removed as it is read.
pub async fn flash_take<T: serde::de::DeserializeOwned>(session: &Session, key: &str) -> Option<T> {
    let key = format!("flash:{key}");
    // Removing marks the session changed (a write to the session table) even when there was
    // nothing to take: look first, so a page view writes nothing.
    match session.get::<serde_json::Value>(&key).await {
        Ok(Some(_)) => session.remove(&key).await.ok().flatten(),
        _ => None,
    }
}

/// [`acting`], keeping the session for [`flash_put`] / [`flash_take`].
pub async fn acting_in_session(
    action: domain::policy::Action,
) -> Result<(PortalContext, AccountView, Session), PortalError> {
    let portal = portal()?;
    let session = session().await?;
    let account = load_account(&portal.db, &session, portal.session_absolute_secs)
        .await?
        .ok_or(PortalError::NotSignedIn)?;
    authorize(&account, action, account.id)?;
    Ok((portal, account, session))
}

/// Did this session sign in less than `secs` seconds ago (a re-authentication for a
/// sensitive action, such as exporting the vault)?
pub async fn signed_in_within(session: &Session, secs: i64) -> bool {
    session
        .get::<i64>(SESSION_AUTHENTICATED_AT)
        .await
        .ok()
        .flatten()
        .is_some_and(|at| now_unix() - at <= secs)
}

/// The signed-in account of this request's session, if any.
pub async fn current_account(portal: &PortalContext) -> Result<Option<AccountView>, PortalError> {
    let session: Session = leptos_axum::extract().await.map_err(|e| {
        tracing::error!(error = %e, "session layer missing");
        PortalError::Unavailable
    })?;
    load_account(&portal.db, &session, portal.session_absolute_secs).await
}

/// The signed-in account, or `NotSignedIn`: the first line of every server function that
/// acts for someone.
pub async fn require_account(portal: &PortalContext) -> Result<AccountView, PortalError> {
    current_account(portal)
        .await?
        .ok_or(PortalError::NotSignedIn)
}

/// The signed-in account, allowed by the policy to do `action` on its own data (the storage
/// then checks each row: an entry, a page, a grant): the first line of such server functions.
pub async fn acting(
    action: domain::policy::Action,
) -> Result<(PortalContext, AccountView), PortalError> {
    let portal = portal()?;
    let account = require_account(&portal).await?;
    authorize(&account, action, account.id)?;
    Ok((portal, account))
}

/// Asks the policy whether the signed-in `actor` may do `action` on `owner`'s data; logs a
/// refusal. Every server function that reads or changes someone's data goes through here.
pub fn authorize(
    actor: &AccountView,
    action: domain::policy::Action,
    owner: AccountId,
) -> Result<(), PortalError> {
    let who = domain::policy::Actor {
        account: actor.id,
        role: actor.role,
    };
    domain::policy::authorize(Some(&who), action, owner).map_err(|denied| {
        tracing::warn!(actor = %actor.id, %owner, ?action, %denied, "refused by policy");
        match denied {
            domain::policy::Denied::NotSignedIn => PortalError::NotSignedIn,
            domain::policy::Denied::NotAllowed => PortalError::Forbidden,
        }
    })
}

/// Reads the session's account, ending the session when its absolute lifetime is over or its
/// account no longer exists.
pub async fn load_account(
    db: &Db,
    session: &Session,
    absolute_secs: i64,
) -> Result<Option<AccountView>, PortalError> {
    let unavailable = |e: &dyn std::fmt::Display| {
        tracing::error!(error = %e, "could not read the session");
        PortalError::Unavailable
    };
    let Some(id) = session
        .get::<i64>(SESSION_ACCOUNT_ID)
        .await
        .map_err(|e| unavailable(&e))?
    else {
        return Ok(None);
    };
    let signed_in_at = session
        .get::<i64>(SESSION_SIGNED_IN_AT)
        .await
        .map_err(|e| unavailable(&e))?
        .unwrap_or(0);
    if now_unix() - signed_in_at > absolute_secs {
        tracing::info!(
            account_id = id,
            "session past its absolute lifetime: signed out"
        );
        session.flush().await.map_err(|e| unavailable(&e))?;
        return Ok(None);
    }
    // The account read with the session, when it is the one signed in (a sign-in during this
    // request changed the id: read that one).
    let snapshot = session
        .get::<AccountView>(SESSION_ACCOUNT_SNAPSHOT)
        .await
        .ok()
        .flatten()
        .filter(|account| account.id.get() == id);
    if let Some(account) = snapshot {
        return Ok(Some(account));
    }
    match store::find_account(db, AccountId::from_db(id)).await {
        Ok(Some(account)) => Ok(Some(account)),
        Ok(None) => {
            session.flush().await.map_err(|e| unavailable(&e))?;
            Ok(None)
        }
        Err(e) => Err(unavailable(&e)),
    }
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
