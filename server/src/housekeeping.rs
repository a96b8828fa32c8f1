//! Work on a timer, every ten minutes, for as long as the application runs: expired sessions
//! removed, coalesced views journaled, files of unfinished uploads deleted, Pix drafts never
//! confirmed removed. Started by `Application::build`; dropping the handle stops it, so a
//! server that stops (or a test's) leaves no task behind.

use crate::state::AppState;
use std::time::Duration;
use tokio_util::task::AbortOnDropHandle;

const EVERY: Duration = Duration::from_secs(600);

pub fn start(state: &AppState) -> AbortOnDropHandle<()> {
    let sessions = state.sessions.clone();
    let db = state.db().clone();
    let evidence = state.portal.evidence.clone();
    let pending_grace = crate::config::whole_seconds(state.settings.portfolio.pending_grace);
    AbortOnDropHandle::new(tokio::spawn(async move {
        let mut every = tokio::time::interval(EVERY);
        loop {
            every.tick().await;
            match sessions.delete_expired().await {
                Ok(n) if n > 0 => tracing::debug!(deleted = n, "expired sessions removed"),
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "could not remove expired sessions"),
            }
            // Views counted in hours that are over: one journal line each.
            match domain::audit::flush_coalesced(&db, None).await {
                Ok(n) if n > 0 => tracing::debug!(lines = n, "coalesced views journaled"),
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "could not journal the coalesced views"),
            }
            // Files of uploads cut short by a crash on any server.
            match domain::portfolio::evidence_store::reconcile_pending(
                &db,
                &evidence,
                pending_grace,
            )
            .await
            {
                Ok(n) if n > 0 => tracing::warn!(files = n, "files of unfinished uploads deleted"),
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "could not settle unfinished uploads"),
            }
            // Pix exports uploaded and never confirmed: a day at most.
            match domain::pix::store::delete_expired_drafts(&db).await {
                Ok(n) if n > 0 => tracing::debug!(deleted = n, "expired Pix drafts removed"),
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "could not remove expired Pix drafts"),
            }
        }
    }))
}
