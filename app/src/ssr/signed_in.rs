//! The door: who is signed in, and whether the policy lets them do what they ask, on whose data.
//! Every server function and every handler of the server that acts for someone goes through
//! [`SignedIn`], so "read the session's account, ask the policy, log a refusal" is written once.
//!
//! ```text
//! // A server function, on the actor's own data:
//! let SignedIn { portal, account, .. } = SignedIn::acting(Action::EditPortfolio).await?;
//! // An axum handler (`PortalContext: FromRef<S>`): the extractor, then the policy.
//! async fn download(me: SignedIn) -> Response { me.may(Action::ReadJournal)?; … }
//! // A counsellor acting on a pupil: the policy decides on the ties storage finds.
//! me.may_for_pupil(Action::ManageSchoolPix, pupil).await?;
//! ```

use super::session::{load_account, session};
use super::{portal, PortalContext};
use crate::error::PortalError;
use axum::extract::{FromRef, FromRequestParts};
use domain::identity::{AccountId, AccountView};
use domain::policy::{Action, Actor, Denied, Subject};
use http::request::Parts;
use tower_sessions::Session;

/// The signed-in person of this request: the portal, their account (read with the session, in
/// one statement) and the session itself (for a flash message, a step-up check).
#[derive(Clone, Debug)]
pub struct SignedIn {
    pub portal: PortalContext,
    pub account: AccountView,
    pub session: Session,
}

impl SignedIn {
    /// The signed-in person of this server function's request, or `NotSignedIn`. Taken before
    /// the function's first await of its own: the request's context is not always reachable
    /// after it.
    pub async fn from_request() -> Result<SignedIn, PortalError> {
        Self::if_any().await?.ok_or(PortalError::NotSignedIn)
    }

    /// The signed-in person, if there is one (a page that anyone may see: the home, the header).
    pub async fn if_any() -> Result<Option<SignedIn>, PortalError> {
        let portal = portal()?;
        let session = session().await?;
        Self::of_session(portal, session).await
    }

    /// The signed-in person, allowed by the policy to do `action` on their own data (storage
    /// then checks each row: an entry, a page, a grant): the first line of such server
    /// functions.
    pub async fn acting(action: Action) -> Result<SignedIn, PortalError> {
        let me = Self::from_request().await?;
        me.may(action)?;
        Ok(me)
    }

    async fn of_session(
        portal: PortalContext,
        session: Session,
    ) -> Result<Option<SignedIn>, PortalError> {
        let account = load_account(&portal.db, &session, portal.session_absolute_secs).await?;
        Ok(account.map(|account| SignedIn {
            portal,
            account,
            session,
        }))
    }

    pub fn id(&self) -> AccountId {
        self.account.id
    }

    /// Whether the policy lets this person do `action` on their own data; a refusal is logged.
    pub fn may(&self, action: Action) -> Result<(), PortalError> {
        self.decide(action, &Subject::Own)
    }

    /// Whether the policy lets this person do `action` on `pupil`'s data, given the ties storage
    /// finds between them now (a counsellor of the pupil's school); a refusal is logged. A pupil
    /// who does not exist has no ties: the answer is the same refusal, telling nothing of them.
    pub async fn may_for_pupil(&self, action: Action, pupil: AccountId) -> Result<(), PortalError> {
        let ties = if pupil == self.account.id {
            Default::default()
        } else {
            domain::identity::store::ties(&self.portal.db, self.account.id, pupil)
                .await
                .map_err(|error| {
                    tracing::error!(%error, "could not read the actor's ties to a pupil");
                    PortalError::Unavailable
                })?
        };
        self.decide(action, &Subject::Pupil { id: pupil, ties })
    }

    /// Whether the policy would let this person do `action` on their own data, asked to choose
    /// what a page shows (a refusal here is not an attempt: it is not logged).
    pub fn allowed(&self, action: Action) -> bool {
        domain::policy::authorize(Some(&self.actor()), action, &Subject::Own).is_ok()
    }

    fn actor(&self) -> Actor {
        Actor {
            account: self.account.id,
            role: self.account.role,
        }
    }

    fn decide(&self, action: Action, subject: &Subject) -> Result<(), PortalError> {
        domain::policy::authorize(Some(&self.actor()), action, subject).map_err(|denied| {
            tracing::warn!(actor = %self.account.id, ?subject, ?action, %denied, "refused by policy");
            match denied {
                Denied::NotSignedIn => PortalError::NotSignedIn,
                Denied::NotAllowed => PortalError::Forbidden,
            }
        })
    }
}

/// The same door for the server's own handlers (uploads, downloads, sign-in steps): axum
/// extracts it from the request, and an anonymous request is refused as [`PortalError`]
/// answers it (a browser is sent to `/connexion`).
impl<S> FromRequestParts<S> for SignedIn
where
    S: Send + Sync,
    PortalContext: FromRef<S>,
{
    type Rejection = PortalError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, PortalError> {
        let portal = PortalContext::from_ref(state);
        let session = Session::from_request_parts(parts, state)
            .await
            .map_err(|(_, error)| {
                tracing::error!(error, "session layer missing");
                PortalError::Unavailable
            })?;
        Self::of_session(portal, session)
            .await?
            .ok_or(PortalError::NotSignedIn)
    }
}
