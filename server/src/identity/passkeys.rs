//! Passkeys (WebAuthn, through webauthn-rs): adding one to a signed-in account, signing in with
//! one without typing anything (discoverable credentials), renaming and revoking them.
//!
//! Ceremony state lives in the server-side session, is single use and expires after 5 minutes.
//! The JSON endpoints answer errors as `{"error": code, "fr": …, "en": …}`; every failed sign-in
//! gets the same message, so an answer never tells whether an account or a passkey exists.

use crate::http::rate_limit::{too_many, Scope};
use crate::state::AppState;
use app::error::{refusal, PortalError};
use app::i18n::catalogue::RefusalsTexts;
use app::i18n::Bilingual;
use app::ssr::SignedIn;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Json};
use base64::Engine;
use domain::audit::{self, AuditAction, AuditDetail, NewAuditEvent};
use domain::db::now_unix;
use domain::identity::passkeys::{self, PasskeyName, MAX_PASSKEYS};
use domain::identity::{AccountId, AccountView};
use domain::policy::Action;
use serde::{Deserialize, Serialize};
use serde_json::json;
use tower_sessions::Session;
use webauthn_rs::prelude::{
    DiscoverableAuthentication, Passkey, PasskeyRegistration, PublicKeyCredential,
    RegisterPublicKeyCredential, Uuid, Webauthn,
};

mod manage;
pub use manage::{rename, revoke, ManageForm};

const SESSION_REGISTRATION: &str = "passkey_registration";
const SESSION_AUTHENTICATION: &str = "passkey_authentication";
/// A ceremony not finished within this is over.
pub const CEREMONY_TTL_SECS: i64 = 5 * 60;
/// Adding a passkey needs a sign-in this recent (re-authentication for a sensitive action).
pub const REAUTH_WINDOW_SECS: i64 = 10 * 60;

#[derive(Debug, Serialize, Deserialize)]
struct Ceremony<T> {
    state: T,
    started_at: i64,
    /// Sign-in only: the person asked to stay signed in on this device.
    #[serde(default)]
    stay: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum PasskeyError {
    #[error("passkeys are not available on this instance")]
    Unavailable,
    #[error("not signed in")]
    NotSignedIn,
    #[error("sign in again first")]
    ReauthRequired,
    #[error("too many passkeys")]
    TooMany,
    #[error("no ceremony under way, or it expired")]
    CeremonyExpired,
    #[error("malformed payload: {0}")]
    Malformed(String),
    #[error("invalid passkey name")]
    BadName,
    #[error("the credential was refused: {0}")]
    Refused(String),
    #[error("this passkey is already registered")]
    AlreadyRegistered,
    #[error("internal error: {0}")]
    Internal(String),
}

impl PasskeyError {
    fn code(&self) -> &'static str {
        match self {
            PasskeyError::Unavailable => "unavailable",
            PasskeyError::NotSignedIn => "not_signed_in",
            PasskeyError::ReauthRequired => "reauth_required",
            PasskeyError::TooMany => "too_many",
            PasskeyError::CeremonyExpired => "ceremony_expired",
            PasskeyError::Malformed(_) => "malformed",
            PasskeyError::BadName => "bad_name",
            PasskeyError::Refused(_) => "refused",
            PasskeyError::AlreadyRegistered => "already_registered",
            PasskeyError::Internal(_) => "internal",
        }
    }

    fn status(&self) -> StatusCode {
        match self {
            PasskeyError::Unavailable => StatusCode::NOT_FOUND,
            PasskeyError::NotSignedIn => StatusCode::UNAUTHORIZED,
            PasskeyError::ReauthRequired => StatusCode::FORBIDDEN,
            PasskeyError::TooMany | PasskeyError::AlreadyRegistered => StatusCode::CONFLICT,
            PasskeyError::CeremonyExpired
            | PasskeyError::Malformed(_)
            | PasskeyError::BadName
            | PasskeyError::Refused(_) => StatusCode::BAD_REQUEST,
            PasskeyError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn message(&self) -> fn(&RefusalsTexts) -> &'static str {
        match self {
            PasskeyError::Unavailable => RefusalsTexts::passkeys_unavailable,
            PasskeyError::NotSignedIn => RefusalsTexts::passkeys_sign_in_first,
            PasskeyError::ReauthRequired => RefusalsTexts::passkeys_sign_in_again,
            PasskeyError::TooMany => RefusalsTexts::passkeys_too_many,
            PasskeyError::BadName => RefusalsTexts::passkeys_bad_name,
            PasskeyError::AlreadyRegistered => RefusalsTexts::passkeys_already_registered,
            PasskeyError::Internal(_) => RefusalsTexts::passkeys_internal,
            // One message for every failed ceremony: it reveals nothing about accounts.
            PasskeyError::CeremonyExpired
            | PasskeyError::Malformed(_)
            | PasskeyError::Refused(_) => RefusalsTexts::passkeys_not_verified,
        }
    }
}

impl IntoResponse for PasskeyError {
    fn into_response(self) -> Response {
        let Bilingual { fr, en } = refusal(self.message());
        (
            self.status(),
            Json(json!({"error": self.code(), "fr": fr, "en": en})),
        )
            .into_response()
    }
}

fn internal(error: impl std::fmt::Display) -> PasskeyError {
    PasskeyError::Internal(error.to_string())
}

fn webauthn(state: &AppState) -> Result<&Webauthn, PasskeyError> {
    state.webauthn.as_deref().ok_or(PasskeyError::Unavailable)
}

/// The door's answers, as this JSON API says them: the passkey ceremonies are `fetch` calls, so
/// an anonymous caller gets 401 and a code, not the redirect a browser's navigation would.
impl From<PortalError> for PasskeyError {
    fn from(error: PortalError) -> Self {
        match error {
            PortalError::NotSignedIn | PortalError::Forbidden => PasskeyError::NotSignedIn,
            other => PasskeyError::Internal(other.to_string()),
        }
    }
}

/// The signed-in person, allowed to manage their own passkeys.
fn managing_passkeys(me: Result<SignedIn, PortalError>) -> Result<SignedIn, PasskeyError> {
    let me = me?;
    me.may(Action::ManagePasskeys)?;
    Ok(me)
}

fn credential_key(raw: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(raw)
}

async fn journal(state: &AppState, owner: AccountId, action: AuditAction, detail: &str) {
    let event = NewAuditEvent {
        actor: Some(owner),
        owner: Some(owner),
        action,
        detail: AuditDetail::Reason {
            code: detail.to_owned(),
        },
    };
    if let Err(error) = audit::record(state.db(), &event).await {
        tracing::error!(%error, "could not journal a passkey event");
    }
}

/// `POST /auth/cles/inscription/debut`: options for `navigator.credentials.create`.
#[tracing::instrument(name = "passkey.register.start", skip_all)]
pub async fn registration_start(
    State(state): State<AppState>,
    me: Result<SignedIn, PortalError>,
) -> Result<Json<serde_json::Value>, PasskeyError> {
    let webauthn = webauthn(&state)?;
    let SignedIn {
        account, session, ..
    } = managing_passkeys(me)?;
    if !app::ssr::signed_in_within(&session, REAUTH_WINDOW_SECS).await {
        return Err(PasskeyError::ReauthRequired);
    }
    let existing = passkeys::credentials(state.db(), account.id)
        .await
        .map_err(internal)?;
    if existing.len() as i64 >= MAX_PASSKEYS {
        return Err(PasskeyError::TooMany);
    }
    let exclude = existing
        .iter()
        .filter_map(|(_, json)| serde_json::from_str::<Passkey>(json).ok())
        .map(|p| p.cred_id().clone())
        .collect();
    let handle = passkeys::ensure_handle(state.db(), account.id, &Uuid::new_v4().to_string())
        .await
        .map_err(internal)?;
    let handle = Uuid::parse_str(&handle).map_err(internal)?;
    let display = format!("{} {}", account.given_name, account.family_name);
    let (options, registration) = webauthn
        .start_passkey_registration(handle, &display, &display, Some(exclude))
        .map_err(internal)?;
    let mut options = serde_json::to_value(options).map_err(internal)?;
    // Sign-in without a username needs a discoverable credential; webauthn-rs's passkey
    // defaults leave that to the authenticator, so ask for it explicitly.
    if let Some(selection) = options
        .pointer_mut("/publicKey/authenticatorSelection")
        .and_then(|v| v.as_object_mut())
    {
        selection.insert("residentKey".into(), json!("required"));
        selection.insert("requireResidentKey".into(), json!(true));
    }
    session
        .insert(
            SESSION_REGISTRATION,
            Ceremony {
                state: registration,
                started_at: now_unix(),
                stay: false,
            },
        )
        .await
        .map_err(internal)?;
    Ok(Json(options))
}

#[derive(Debug, Deserialize)]
struct RegistrationBody {
    name: String,
    credential: RegisterPublicKeyCredential,
}

/// `POST /auth/cles/inscription/fin`: verifies and stores the new passkey.
#[tracing::instrument(name = "passkey.register.finish", skip_all)]
pub async fn registration_finish(
    State(state): State<AppState>,
    me: Result<SignedIn, PortalError>,
    body: Bytes,
) -> Result<Json<serde_json::Value>, PasskeyError> {
    let webauthn = webauthn(&state)?;
    let SignedIn {
        account, session, ..
    } = managing_passkeys(me)?;
    let outcome = finish_registration(&state, webauthn, &session, &account, &body).await;
    if let Err(error) = &outcome {
        tracing::warn!(%error, "passkey registration refused");
        if !matches!(error, PasskeyError::BadName | PasskeyError::TooMany) {
            journal(
                &state,
                account.id,
                AuditAction::PasskeyRefused,
                error.code(),
            )
            .await;
        }
    }
    outcome
}

async fn finish_registration(
    state: &AppState,
    webauthn: &Webauthn,
    session: &Session,
    account: &AccountView,
    body: &[u8],
) -> Result<Json<serde_json::Value>, PasskeyError> {
    // Single use: whatever follows, this ceremony is spent.
    let ceremony: Option<Ceremony<PasskeyRegistration>> = session
        .remove(SESSION_REGISTRATION)
        .await
        .map_err(internal)?;
    let body: RegistrationBody =
        serde_json::from_slice(body).map_err(|e| PasskeyError::Malformed(e.to_string()))?;
    let name = PasskeyName::parse(&body.name).map_err(|_| PasskeyError::BadName)?;
    let ceremony = ceremony.ok_or(PasskeyError::CeremonyExpired)?;
    if now_unix() - ceremony.started_at > CEREMONY_TTL_SECS {
        return Err(PasskeyError::CeremonyExpired);
    }
    let passkey = webauthn
        .finish_passkey_registration(&body.credential, &ceremony.state)
        .map_err(|e| PasskeyError::Refused(e.to_string()))?;
    let key = credential_key(passkey.cred_id().as_ref());
    let json = serde_json::to_string(&passkey).map_err(internal)?;
    let mut tx = state.db().pool().begin().await.map_err(internal)?;
    if passkeys::count(&mut tx, account.id)
        .await
        .map_err(internal)?
        >= MAX_PASSKEYS
    {
        return Err(PasskeyError::TooMany);
    }
    let id = passkeys::insert(&mut tx, account.id, &key, &name, &json)
        .await
        .map_err(|e| {
            if e.as_database_error()
                .is_some_and(|d| d.is_unique_violation())
            {
                PasskeyError::AlreadyRegistered
            } else {
                internal(e)
            }
        })?;
    audit::append(
        &mut tx,
        &NewAuditEvent {
            actor: Some(account.id),
            owner: Some(account.id),
            action: AuditAction::PasskeyAdded,
            detail: AuditDetail::name(name.as_str()),
        },
    )
    .await
    .map_err(internal)?;
    tx.commit().await.map_err(internal)?;
    tracing::info!(account_id = %account.id, passkey_id = id, "passkey added");
    Ok(Json(json!({"ok": true, "id": id})))
}

/// `POST /auth/cles/connexion/debut`: options for `navigator.credentials.get`.
#[tracing::instrument(name = "passkey.auth.start", skip_all)]
pub async fn authentication_start(
    State(state): State<AppState>,
    axum::extract::Query(choice): axum::extract::Query<super::handlers::StayChoice>,
    session: Session,
) -> Result<Json<serde_json::Value>, PasskeyError> {
    let webauthn = webauthn(&state)?;
    let (options, authentication) = webauthn
        .start_discoverable_authentication()
        .map_err(internal)?;
    session
        .insert(
            SESSION_AUTHENTICATION,
            Ceremony {
                state: authentication,
                started_at: now_unix(),
                stay: choice.stay(),
            },
        )
        .await
        .map_err(internal)?;
    let mut options = serde_json::to_value(options).map_err(internal)?;
    // The button flow asks now; conditional mediation is for the autofill flow.
    if let Some(object) = options.as_object_mut() {
        object.remove("mediation");
    }
    Ok(Json(options))
}

/// `POST /auth/cles/connexion/fin`: verifies the assertion and signs in.
#[tracing::instrument(name = "passkey.auth.finish", skip_all)]
pub async fn authentication_finish(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let webauthn = match webauthn(&state) {
        Ok(w) => w,
        Err(e) => return e.into_response(),
    };
    let ceremony: Option<Ceremony<DiscoverableAuthentication>> =
        match session.remove(SESSION_AUTHENTICATION).await {
            Ok(c) => c,
            Err(e) => return internal(e).into_response(),
        };
    let credential: PublicKeyCredential = match serde_json::from_slice(&body) {
        Ok(c) => c,
        Err(e) => {
            let error = PasskeyError::Malformed(e.to_string());
            tracing::warn!(%error, "passkey sign-in refused");
            return error.into_response();
        }
    };
    let Some(ceremony) = ceremony.filter(|c| now_unix() - c.started_at <= CEREMONY_TTL_SECS) else {
        tracing::warn!("passkey sign-in refused: no ceremony, or expired");
        return PasskeyError::CeremonyExpired.into_response();
    };
    let Ok((handle, raw_id)) = webauthn.identify_discoverable_authentication(&credential) else {
        tracing::warn!("passkey sign-in refused: no user handle");
        return PasskeyError::Refused("no user handle".into()).into_response();
    };
    let account_id = match passkeys::account_for_handle(state.db(), &handle.to_string()).await {
        Ok(Some(id)) => id,
        Ok(None) => {
            tracing::warn!("passkey sign-in refused: unknown user handle");
            return PasskeyError::Refused("unknown handle".into()).into_response();
        }
        Err(e) => return internal(e).into_response(),
    };
    if let Err(retry) = state
        .limiter
        .check(Scope::Account, &format!("passkey|{account_id}"))
    {
        return too_many(retry);
    }
    let key = credential_key(raw_id);
    let refuse = |reason: &'static str| {
        let state = state.clone();
        async move {
            tracing::warn!(account_id = %account_id, reason, "passkey sign-in refused");
            journal(&state, account_id, AuditAction::SignInRefused, reason).await;
            PasskeyError::Refused(reason.into()).into_response()
        }
    };
    let (row_id, json) = match passkeys::credential_by_id(state.db(), account_id, &key).await {
        Ok(Some(found)) => found,
        Ok(None) => return refuse("passkey_unknown").await,
        Err(e) => return internal(e).into_response(),
    };
    let Ok(mut passkey) = serde_json::from_str::<Passkey>(&json) else {
        return internal("stored passkey unreadable").into_response();
    };
    let stay = ceremony.stay;
    let result =
        match webauthn.finish_discoverable_authentication_v2(&credential, ceremony.state, &passkey)
        {
            Ok(result) => result,
            Err(_) => return refuse("passkey_not_verified").await,
        };
    passkey.update_credential(&result);
    let updated = match serde_json::to_string(&passkey) {
        Ok(json) => json,
        Err(e) => return internal(e).into_response(),
    };
    if let Err(e) = passkeys::record_use(state.db(), row_id, &updated).await {
        return internal(e).into_response();
    }
    let account = match domain::identity::store::find_account(state.db(), account_id).await {
        Ok(Some(account)) => account,
        Ok(None) => return refuse("account_gone").await,
        Err(e) => return internal(e).into_response(),
    };
    let mut tx = match state.db().pool().begin().await {
        Ok(tx) => tx,
        Err(e) => return internal(e).into_response(),
    };
    let event = super::handlers::signed_in_event(&account, "passkey");
    if let Err(e) = audit::append(&mut tx, &event).await {
        return internal(e).into_response();
    }
    if let Err(e) = tx.commit().await {
        return internal(e).into_response();
    }
    // A passkey's user verification is a fresh authentication: it meets step-up checks.
    if let Err(e) =
        super::handlers::establish_session(&session, &account, &headers, now_unix(), stay).await
    {
        return internal(e).into_response();
    }
    tracing::info!(account_id = %account.id, "signed in with a passkey");
    Json(json!({"ok": true, "redirect": "/"})).into_response()
}
