//! The session: its keys, what it keeps for the next page, the account it was signed in with.
//! One module: the server's sign-in handlers write the keys, everything else reads them
//! through [`super::SignedIn`].

use super::PortalContext;
use crate::error::PortalError;
use domain::db::{now_unix, Db};
use domain::identity::{store, AccountId, AccountView};
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

/// This request's session, taken by [`super::SignedIn`] first: the request's context is not
/// always reachable after a server function's first await.
pub(super) async fn session() -> Result<Session, PortalError> {
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

/// Secrets made by a form posted without JavaScript (an invitation code, a share link),
/// kept for the page the browser is sent back to in a cookie of two minutes that only this
/// site's pages read and the next page load clears: the session table (and its backups)
/// never holds them. The cookie is `__Host-` on HTTPS (this host only, never set by a
/// sibling domain) and names the account it was made for: another account signed in on the
/// same browser since does not read it. Taken from the request first, before the server function's first await
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
                super::cookies(&parts.headers)
                    .map(|(name, value)| (name.to_owned(), value.to_owned()))
                    .collect()
            })
            .unwrap_or_default();
        OnceSecrets {
            response: use_context::<leptos_axum::ResponseOptions>(),
            cookies,
            secure: use_context::<PortalContext>().is_some_and(|p| p.cookie_secure),
        }
    }

    fn name(&self, key: &str) -> String {
        if self.secure {
            format!("__Host-sillage_once_{key}")
        } else {
            format!("sillage_once_{key}")
        }
    }

    fn set_cookie(&self, cookie: &str) -> Result<(), PortalError> {
        let response = self.response.as_ref().ok_or(PortalError::Unavailable)?;
        let value = http::HeaderValue::from_str(cookie).map_err(|_| PortalError::Unavailable)?;
        response.append_header(http::header::SET_COOKIE, value);
        Ok(())
    }

    fn attributes(&self) -> &'static str {
        if self.secure {
            "Path=/; HttpOnly; SameSite=Strict; Secure"
        } else {
            "Path=/; HttpOnly; SameSite=Strict"
        }
    }

    /// Keeps `value` under `key` for `account`'s next page.
    pub fn put<T: serde::Serialize>(
        &self,
        account: AccountId,
        key: &str,
        value: &T,
    ) -> Result<(), PortalError> {
        let json =
            serde_json::to_vec(&(account.get(), value)).map_err(|_| PortalError::Unavailable)?;
        let encoded = domain::vault::encode(&json);
        self.set_cookie(&format!(
            "{}={encoded}; Max-Age=120; {}",
            self.name(key),
            self.attributes()
        ))
    }

    /// The secret kept under `key` for `account`, if any; this answer clears its cookie
    /// (whoever it was for).
    pub fn take<T: serde::de::DeserializeOwned>(&self, account: AccountId, key: &str) -> Option<T> {
        let name = self.name(key);
        let (_, encoded) = self.cookies.iter().find(|(n, _)| *n == name)?;
        let _ = self.set_cookie(&format!("{name}=; Max-Age=0; {}", self.attributes()));
        let json = domain::vault::decode_bytes(encoded)?;
        let (owner, value): (i64, T) = serde_json::from_slice(&json).ok()?;
        (owner == account.get()).then_some(value)
    }
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

/// Reads the session's account, ending the session when its absolute lifetime is over or its
/// account no longer exists.
pub(super) async fn load_account(
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
