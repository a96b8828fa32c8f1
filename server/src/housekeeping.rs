//! Work on a timer, every ten minutes, for as long as the application runs: expired sessions
//! removed, coalesced views journaled, files of unfinished uploads deleted, Pix drafts never
//! confirmed removed, and a signed checkpoint of the journal's head written outside the database
//! when it moved (the log, and `audit.checkpoint_file`), so an operator always has a recent one. Started by `Application::build`; dropping the handle stops it, so a
//! server that stops (or a test's) leaves no task behind.

use crate::state::AppState;
use std::time::Duration;
use tokio_util::task::AbortOnDropHandle;

const EVERY: Duration = Duration::from_secs(600);

pub fn start(state: &AppState, audit_key: domain::audit::AuditKey) -> AbortOnDropHandle<()> {
    let checkpoint_file = state.settings.audit.checkpoint_file.clone();
    let mut checkpointed: Option<i64> = None;
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
            match checkpoint(&db, &audit_key, &checkpoint_file, &mut checkpointed).await {
                Ok(()) => {}
                Err(error) => tracing::warn!(%error, "could not write the journal's checkpoint"),
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

/// Writes the journal head's signed checkpoint to the log, and appends it to `file` (when
/// given) as `DD/MM/YYYY HH:mm checkpoint` (Paris time), if the head moved since the last one.
async fn checkpoint(
    db: &domain::db::Db,
    key: &domain::audit::AuditKey,
    file: &str,
    last: &mut Option<i64>,
) -> Result<(), String> {
    let (seq, hash) = domain::audit::head(db).await.map_err(|e| e.to_string())?;
    if *last == Some(seq) {
        return Ok(());
    }
    let text = domain::audit::checkpoint_text(key, seq, &hash);
    tracing::info!(target: "sillage::audit_checkpoint", checkpoint = %text, "journal checkpoint");
    if !file.is_empty() {
        use std::io::Write;
        // « 08/12/2026 09:30 » then the checkpoint: its last field is what verify-audit takes.
        let at = domain::time::format_paris(domain::db::now_unix());
        let mut out = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(file)
            .map_err(|e| format!("{file}: {e}"))?;
        writeln!(out, "{at} {text}").map_err(|e| format!("{file}: {e}"))?;
    }
    *last = Some(seq);
    Ok(())
}
