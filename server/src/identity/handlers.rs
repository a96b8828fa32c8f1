//! The sign-in and sign-out endpoints. They are plain HTTP (redirects and forms) so that they
//! work without JavaScript and on any browser a school has.
//!
//! Every refusal redirects to `/erreur/{motif}` (a page in the user's language, served with 400)
//! and writes one log line with the reason; none creates an account or a signed-in session.

use crate::http::rate_limit::{too_many, RetryAfter, Scope};
use crate::identity::demo::{self, DEMO_ISSUER};
use crate::identity::oidc::{OidcError, PendingSignIn};
use crate::state::AppState;
use app::ssr::{
    SESSION_ACCOUNT_ID, SESSION_AUTHENTICATED_AT, SESSION_DEVICE, SESSION_SIGNED_IN_AT,
    SESSION_STAY, SESSION_TOUCHED_AT,
};
use axum::extract::{Path, Query, State};
use axum::http::header::USER_AGENT;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use domain::audit::{self, AuditAction, AuditDetail};
use domain::db::now_unix;
use domain::identity::sessions::{self, describe_user_agent};
use domain::identity::store::{self, AccountStoreError};
use domain::identity::{parse_claims, AccountView, SignInFailure};
use serde::Deserialize;
use subtle::ConstantTimeEq;
use tower_sessions::Session;

const SESSION_PENDING: &str = "oidc_pending";
const SESSION_PROVIDER: &str = "provider";
const SESSION_ID_TOKEN: &str = "id_token";
/// A step-up the provider did not date (no `auth_time` despite `max_age=0`) counts as a sign-in
/// this long ago: not recent for any sensitive action.
const STEP_UP_UNCONFIRMED_AGE: i64 = 24 * 3600;
/// How long a pupil may take at the provider's login form.
const PENDING_TTL_SECS: i64 = 10 * 60;

fn refuse(failure: SignInFailure) -> Response {
    Redirect::to(&format!("/erreur/{}", failure.slug())).into_response()
}

/// Why a callback failed: the user sees the `SignInFailure`, the log sees the rest.
#[derive(Debug, thiserror::Error)]
enum CallbackError {
    #[error("unknown provider")]
    UnknownProvider,
    #[error("no sign-in pending in this session")]
    NoPendingSignIn,
    #[error("sign-in started too long ago")]
    Expired,
    #[error("state mismatch")]
    StateMismatch,
    #[error("provider answered with error {0:?}")]
    ProviderError(String),
    #[error("callback without a code")]
    MissingCode,
    #[error("the response names another issuer: {0:?} (mix-up attempt?)")]
    IssuerMismatch(String),
    #[error("too many sign-ins of this account")]
    TooManySignIns(RetryAfter),
    #[error(transparent)]
    Oidc(#[from] OidcError),
    #[error("claims refused: {0}")]
    Claims(#[from] domain::identity::ClaimsError),
    #[error("could not store the account: {0}")]
    Store(#[from] AccountStoreError),
    #[error("could not write the journal: {0}")]
    Audit(#[from] audit::AuditError),
    #[error("session store failed: {0}")]
    Session(#[from] tower_sessions::session::Error),
}

impl CallbackError {
    fn failure(&self) -> SignInFailure {
        match self {
            CallbackError::UnknownProvider => SignInFailure::UnknownProvider,
            CallbackError::NoPendingSignIn | CallbackError::Expired => SignInFailure::StateExpired,
            CallbackError::StateMismatch => SignInFailure::StateMismatch,
            CallbackError::ProviderError(e) if e == "access_denied" => SignInFailure::AccessDenied,
            CallbackError::ProviderError(_)
            | CallbackError::MissingCode
            | CallbackError::IssuerMismatch(_) => SignInFailure::InvalidResponse,
            CallbackError::Oidc(OidcError::Discovery(_) | OidcError::TokenRequest(_))
            | CallbackError::Oidc(OidcError::UserInfo(_) | OidcError::Config(_)) => {
                SignInFailure::ProviderUnavailable
            }
            CallbackError::Oidc(OidcError::TokenRefused(_)) => SignInFailure::InvalidResponse,
            CallbackError::Oidc(OidcError::NoIdToken | OidcError::IdToken(_)) => {
                SignInFailure::InvalidToken
            }
            CallbackError::Claims(_) => SignInFailure::UnsupportedProfile,
            // Answered with a 429 before this mapping is used; kept total for the compiler.
            CallbackError::TooManySignIns(_) => SignInFailure::Internal,
            CallbackError::Store(_) | CallbackError::Audit(_) | CallbackError::Session(_) => {
                SignInFailure::Internal
            }
        }
    }
}

/// The sign-in page's « Rester connecté·e sur cet appareil » box, sent with every way in.
#[derive(Debug, Default, Deserialize)]
pub struct StayChoice {
    #[serde(default)]
    rester: Option<String>,
}

impl StayChoice {
    pub fn stay(&self) -> bool {
        stays(&self.rester)
    }
}

fn stays(rester: &Option<String>) -> bool {
    rester.as_deref() == Some("1")
}

/// `GET /auth/connexion/{provider}`: off to the provider.
#[tracing::instrument(name = "auth.start", skip(state, session))]
pub async fn start_sign_in(
    State(state): State<AppState>,
    Path(provider_id): Path<String>,
    Query(choice): Query<StayChoice>,
    session: Session,
) -> Response {
    let Some(provider) = state.providers.get(&provider_id) else {
        tracing::warn!("sign-in refused: unknown provider");
        return refuse(SignInFailure::UnknownProvider);
    };
    // Someone already signed in who signs in again is stepping up (before adding a passkey,
    // exporting the vault…): the provider must ask for the login again.
    let fresh = session
        .get::<i64>(SESSION_ACCOUNT_ID)
        .await
        .ok()
        .flatten()
        .is_some();
    match provider.start(now_unix(), fresh, choice.stay()).await {
        Ok((url, pending)) => match session.insert(SESSION_PENDING, pending).await {
            Ok(()) => Redirect::to(url.as_str()).into_response(),
            Err(error) => {
                tracing::error!(%error, "could not store the pending sign-in");
                refuse(SignInFailure::Internal)
            }
        },
        Err(error) => {
            tracing::warn!(%error, "sign-in refused: provider unavailable");
            refuse(SignInFailure::ProviderUnavailable)
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
    /// RFC 9207: which provider issued this response (sent by providers that support it).
    iss: Option<String>,
}

/// `GET /auth/retour/{provider}`: the provider sends the browser back here.
#[tracing::instrument(name = "auth.callback", skip(state, session, query, headers))]
pub async fn finish_sign_in(
    State(state): State<AppState>,
    Path(provider_id): Path<String>,
    Query(query): Query<CallbackQuery>,
    session: Session,
    headers: HeaderMap,
) -> Response {
    match callback(&state, &provider_id, query, &session, &headers).await {
        Ok(account) => {
            tracing::info!(account_id = %account.id, role = account.role.as_str(), "signed in");
            Redirect::to("/").into_response()
        }
        Err(CallbackError::TooManySignIns(retry)) => {
            tracing::warn!(retry_after = retry.0, "sign-in refused: account rate limit");
            too_many(retry)
        }
        Err(error) => {
            let failure = error.failure();
            tracing::warn!(%error, failure = failure.slug(), "sign-in refused");
            refuse(failure)
        }
    }
}

async fn callback(
    state: &AppState,
    provider_id: &str,
    query: CallbackQuery,
    session: &Session,
    headers: &HeaderMap,
) -> Result<AccountView, CallbackError> {
    let provider = state
        .providers
        .get(provider_id)
        .ok_or(CallbackError::UnknownProvider)?;
    // Single use: whatever happens next, this pending sign-in is spent.
    let pending: PendingSignIn = session
        .remove(SESSION_PENDING)
        .await?
        .ok_or(CallbackError::NoPendingSignIn)?;
    let state_matches = query
        .state
        .as_deref()
        .is_some_and(|s| bool::from(s.as_bytes().ct_eq(pending.state.as_bytes())));
    if pending.provider != provider_id || !state_matches {
        return Err(CallbackError::StateMismatch);
    }
    if now_unix() - pending.started_at > PENDING_TTL_SECS {
        return Err(CallbackError::Expired);
    }
    if let Some(iss) = query.iss {
        if iss.trim_end_matches('/') != provider.issuer.trim_end_matches('/') {
            return Err(CallbackError::IssuerMismatch(iss));
        }
    }
    if let Some(error) = query.error {
        return Err(CallbackError::ProviderError(error));
    }
    let code = query
        .code
        .filter(|c| !c.is_empty())
        .ok_or(CallbackError::MissingCode)?;

    let verified = provider.finish(code, &pending).await?;
    let identity = parse_claims(&provider.kind, &verified.claims)?;
    let account_key = format!("{}|{}", provider.issuer, identity.subject.as_str());
    state
        .limiter
        .check(Scope::Account, &account_key)
        .map_err(CallbackError::TooManySignIns)?;
    // The account and the journal line saying it signed in commit together.
    let mut tx = state
        .db()
        .pool()
        .begin()
        .await
        .map_err(AccountStoreError::from)?;
    let account = store::record_sign_in(
        &mut tx,
        &provider.issuer,
        &identity.subject,
        &identity.profile,
        false,
    )
    .await?;
    audit::append(&mut tx, &signed_in_event(&account, &provider.label)).await?;
    tx.commit().await.map_err(AccountStoreError::from)?;
    // The sign-in time that step-up checks read is when the person really authenticated: a
    // silent answer from the provider's session does not make a sign-in "recent". A fresh
    // login asked for (`max_age=0`) that the provider does not date is not taken as recent.
    let now = now_unix();
    let authenticated_at = match (verified.authenticated_at, pending.fresh) {
        (Some(at), _) => at.min(now),
        (None, false) => now,
        (None, true) => pending.started_at - STEP_UP_UNCONFIRMED_AGE,
    };
    establish_session(session, &account, headers, authenticated_at, pending.stay).await?;
    session.insert(SESSION_PROVIDER, provider_id).await?;
    session.insert(SESSION_ID_TOKEN, verified.id_token).await?;
    Ok(account)
}

pub(crate) fn signed_in_event(account: &AccountView, method: &str) -> audit::NewAuditEvent {
    audit::NewAuditEvent {
        actor: Some(account.id),
        owner: Some(account.id),
        action: AuditAction::SignedIn,
        detail: AuditDetail::SignInMethod {
            method: method.to_owned(),
        },
    }
}

/// Turns the anonymous session into a signed-in one under a new id (no session fixation).
pub(crate) async fn establish_session(
    session: &Session,
    account: &AccountView,
    headers: &HeaderMap,
    authenticated_at: i64,
    stay: bool,
) -> Result<(), tower_sessions::session::Error> {
    let device = headers
        .get(USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(describe_user_agent)
        .unwrap_or_else(|| "?".to_owned());
    // Nothing of whoever used this browser before (their flash messages, typed entries, share
    // link, the provider's id token) carries over into the new person's session.
    session.clear().await;
    session.cycle_id().await?;
    session.insert(SESSION_ACCOUNT_ID, account.id.get()).await?;
    session.insert(SESSION_SIGNED_IN_AT, now_unix()).await?;
    session
        .insert(SESSION_AUTHENTICATED_AT, authenticated_at)
        .await?;
    session.insert(SESSION_DEVICE, device).await?;
    session.insert(SESSION_TOUCHED_AT, now_unix()).await?;
    if stay {
        session.insert(SESSION_STAY, true).await?;
    }
    Ok(())
}

#[derive(Debug, Deserialize)]
pub struct DemoForm {
    /// Missing is the same as unknown: refused with the same page.
    #[serde(default)]
    compte: String,
    /// The « Rester connecté·e » box ([`StayChoice`]).
    #[serde(default)]
    rester: Option<String>,
}

/// `POST /auth/demo`: signs in as a demo account, on a demo instance only.
#[tracing::instrument(name = "auth.demo", skip(state, session, form, headers))]
pub async fn demo_sign_in(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Form(form): Form<DemoForm>,
) -> Response {
    if !state.portal.demo_mode {
        tracing::warn!("demo sign-in refused: not a demo instance");
        return refuse(SignInFailure::UnknownProvider);
    }
    let Some(subject) = demo::subject_for(&form.compte) else {
        tracing::warn!("demo sign-in refused: unknown demo account");
        return refuse(SignInFailure::UnknownProvider);
    };
    if let Err(retry) = state
        .limiter
        .check(Scope::Account, &format!("{DEMO_ISSUER}|{subject}"))
    {
        tracing::warn!(
            retry_after = retry.0,
            "demo sign-in refused: account rate limit"
        );
        return too_many(retry);
    }
    let account = match store::find_by_subject(state.db(), DEMO_ISSUER, &subject).await {
        Ok(Some(account)) => account,
        Ok(None) => {
            tracing::error!("demo account missing: was the demo seeded?");
            return refuse(SignInFailure::Internal);
        }
        Err(error) => {
            tracing::error!(%error, "could not read the demo account");
            return refuse(SignInFailure::Internal);
        }
    };
    if let Err(error) = audit::record(state.db(), &signed_in_event(&account, "demo")).await {
        tracing::error!(%error, "could not journal the demo sign-in");
        return refuse(SignInFailure::Internal);
    }
    if let Err(error) = establish_session(
        &session,
        &account,
        &headers,
        now_unix(),
        stays(&form.rester),
    )
    .await
    {
        tracing::error!(%error, "could not establish the demo session");
        return refuse(SignInFailure::Internal);
    }
    tracing::info!(account_id = %account.id, "signed in with a demo account");
    Redirect::to("/").into_response()
}

#[derive(Debug, Deserialize)]
pub struct SignOutForm {
    #[serde(default)]
    partout: Option<String>,
}

/// `POST /auth/deconnexion`: ends this session (or all of the account's), then the provider's.
#[tracing::instrument(name = "auth.sign_out", skip_all)]
pub async fn sign_out(
    State(state): State<AppState>,
    session: Session,
    Form(form): Form<SignOutForm>,
) -> Response {
    let account_id = session.get::<i64>(SESSION_ACCOUNT_ID).await.ok().flatten();
    let provider_id = session.get::<String>(SESSION_PROVIDER).await.ok().flatten();
    let id_token = session.get::<String>(SESSION_ID_TOKEN).await.ok().flatten();
    if let (Some(account_id), Some("1")) = (account_id, form.partout.as_deref()) {
        match state.sessions.delete_for_account(account_id).await {
            Ok(ended) => tracing::info!(account_id, ended, "signed out everywhere"),
            Err(error) => {
                tracing::error!(%error, "could not end the account's sessions");
                return refuse(SignInFailure::Internal);
            }
        }
    }
    if let Err(error) = session.flush().await {
        tracing::error!(%error, "could not end the session");
        return refuse(SignInFailure::Internal);
    }
    if let Some(account_id) = account_id {
        tracing::info!(account_id, "signed out");
        let everywhere = form.partout.as_deref() == Some("1");
        let account = Some(domain::identity::AccountId::from_db(account_id));
        let event = audit::NewAuditEvent {
            actor: account,
            owner: account,
            action: if everywhere {
                AuditAction::SignedOutEverywhere
            } else {
                AuditAction::SignedOut
            },
            detail: AuditDetail::Nothing,
        };
        // The sign-out itself has happened; a journal failure must not keep anyone signed in.
        if let Err(error) = audit::record(state.db(), &event).await {
            tracing::error!(%error, "could not journal the sign-out");
        }
    }
    let provider_logout = match (provider_id.and_then(|p| state.providers.get(&p)), id_token) {
        (Some(provider), Some(id_token)) => provider.logout_url(&id_token).await,
        _ => None,
    };
    let mut response = match provider_logout {
        Some(url) => Redirect::to(url.as_str()).into_response(),
        None => Redirect::to("/?deconnecte=1").into_response(),
    };
    // The session layer's own removal cookie lacks `Secure`, which browsers require before they
    // let a `__Host-` cookie be overwritten: send a complete one so the browser forgets it.
    let secure = state.settings.session.cookie_secure;
    let removal = format!(
        "{}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{}",
        crate::session_cookie_name(secure),
        if secure { "; Secure" } else { "" }
    );
    if let Ok(value) = axum::http::HeaderValue::from_str(&removal) {
        response
            .headers_mut()
            .append(axum::http::header::SET_COOKIE, value);
    }
    response
}

#[derive(Debug, Deserialize)]
pub struct EndSessionForm {
    #[serde(default)]
    session: String,
}

/// `POST /auth/sessions/fermer`: ends one of my other sessions ("this phone I lost").
#[tracing::instrument(name = "auth.end_one_session", skip_all)]
pub async fn end_one_session(
    State(state): State<AppState>,
    me: app::ssr::SignedIn,
    Form(form): Form<EndSessionForm>,
) -> Response {
    if me.may(domain::policy::Action::EndSession).is_err() {
        return refuse(SignInFailure::Internal);
    }
    let account = me.account;
    // The statement only deletes a session of this account: a key of someone else's does nothing.
    match sessions::delete_one(state.db(), account.id, &form.session).await {
        Ok(true) => {
            let event = audit::NewAuditEvent {
                actor: Some(account.id),
                owner: Some(account.id),
                action: AuditAction::SessionRevoked,
                detail: AuditDetail::Nothing,
            };
            if let Err(error) = audit::record(state.db(), &event).await {
                tracing::error!(%error, "could not journal the ended session");
            }
            tracing::info!(account_id = %account.id, "session ended by its owner");
        }
        Ok(false) => tracing::warn!(account_id = %account.id, "no such session of this account"),
        Err(error) => {
            tracing::error!(%error, "could not end the session");
            return refuse(SignInFailure::Internal);
        }
    }
    Redirect::to("/appareils").into_response()
}
