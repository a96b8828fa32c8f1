//! When the journal became keyed, recorded once and signed, so that keying cannot be stepped
//! around. Before this record, every start re-keyed any plain chain it found intact: someone
//! who could write to the database rewrote the journal as a plain chain, waited for a restart,
//! and `verify` reported it intact. Now:
//!
//! - The record (`audit_head.keyed_since`: `seq:signature`, HMAC under the journal key) says
//!   from which sequence number every row is keyed. It is written at the first start with a
//!   key whose journal holds no plain row (a new instance, or one re-keyed before), or by the
//!   one-time migration.
//! - The migration of a journal written before the key is an explicit command
//!   (`server admin audit-rechain`, [`rechain_legacy`]): it checks the plain chain, re-keys it
//!   and writes the record in one transaction, and refuses once the record exists.
//! - A start never re-keys anything: a plain row is reported (the migration is pending, or,
//!   once the record exists, the journal was tampered with), and `verify` says which.

use super::chain::{
    keyed_hash, keyed_since, keyed_since_text, verify, AuditKey, ChainStatus, KeyedSince,
};
use super::{AuditError, GENESIS_HASH};
use crate::db::Db;
use sqlx::Row;

async fn first_plain_row(conn: &mut sqlx::AnyConnection) -> Result<Option<i64>, AuditError> {
    Ok(
        sqlx::query("SELECT MIN(seq) AS seq FROM audit_events WHERE hash NOT LIKE 'k1:%'")
            .fetch_one(conn)
            .await?
            .try_get("seq")?,
    )
}

/// What a start found of the journal's keying (the start logs it; it never re-keys).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyingAtStart {
    /// Recorded before, or just now (no plain row): every row must be keyed.
    Keyed { since: i64 },
    /// Plain rows and no record: a journal written before its key, waiting for
    /// `server admin audit-rechain`.
    MigrationPending { first_plain: i64 },
    /// Plain rows after the record, or a record this key did not sign: tampering.
    Tampered { seq: i64 },
}

/// At start: writes the record when none exists and no row is plain; reports the rest.
#[tracing::instrument(name = "audit.keying_at_start", skip_all)]
pub async fn keying_at_start(db: &Db, key: &AuditKey) -> Result<KeyingAtStart, AuditError> {
    let mut tx = db.pool().begin().await?;
    // Taking the head first: appends (and another server's start) wait.
    sqlx::query("UPDATE audit_head SET seq = seq WHERE id = 1")
        .execute(&mut *tx)
        .await?;
    let found = keyed_since(&mut tx, key).await?;
    let plain = first_plain_row(&mut tx).await?;
    let state = match (found, plain) {
        (KeyedSince::Forged, _) => KeyingAtStart::Tampered { seq: 0 },
        (KeyedSince::From(since), None) => KeyingAtStart::Keyed { since },
        (KeyedSince::From(_), Some(seq)) => KeyingAtStart::Tampered { seq },
        (KeyedSince::Unrecorded, Some(first_plain)) => {
            KeyingAtStart::MigrationPending { first_plain }
        }
        (KeyedSince::Unrecorded, None) => {
            sqlx::query("UPDATE audit_head SET keyed_since = $1 WHERE id = 1")
                .bind(keyed_since_text(key, 1))
                .execute(&mut *tx)
                .await?;
            KeyingAtStart::Keyed { since: 1 }
        }
    };
    tx.commit().await?;
    Ok(state)
}

/// Why the one-time migration did not run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RechainRefused {
    #[error("the journal has been keyed since row {since}: a plain row now is tampering, never re-keyed (journal déjà chiffré)")]
    AlreadyKeyed { since: i64 },
    #[error(
        "the journal's plain chain is broken at row {seq} ({reason}): not re-keyed (chaîne rompue)"
    )]
    Broken { seq: i64, reason: &'static str },
    #[error("the record of when the journal was keyed is not signed by this key (enregistrement falsifié)")]
    Forged,
}

/// Re-chains under `key` a journal written before it (plain SHA-256), after checking that
/// plain chain, and records that it is keyed from row 1: once, by an operator
/// (`server admin audit-rechain`). Answers how many rows were re-chained.
#[tracing::instrument(name = "audit.rechain_legacy", skip_all)]
pub async fn rechain_legacy(
    db: &Db,
    key: &AuditKey,
) -> Result<Result<u64, RechainRefused>, AuditError> {
    {
        let mut conn = db.pool().acquire().await?;
        match keyed_since(&mut conn, key).await? {
            KeyedSince::From(since) => return Ok(Err(RechainRefused::AlreadyKeyed { since })),
            KeyedSince::Forged => return Ok(Err(RechainRefused::Forged)),
            KeyedSince::Unrecorded => {}
        }
    }
    if let ChainStatus::BrokenAt { seq, reason } = verify(db, None, None).await? {
        return Ok(Err(RechainRefused::Broken { seq, reason }));
    }
    let mut tx = db.pool().begin().await?;
    // Taking the head first: appends wait until the chain is re-made.
    sqlx::query("UPDATE audit_head SET seq = seq WHERE id = 1")
        .execute(&mut *tx)
        .await?;
    let rows = sqlx::query(
        "SELECT seq, occurred_at, actor_id, owner_id, action, detail FROM audit_events ORDER BY seq",
    )
    .fetch_all(&mut *tx)
    .await?;
    let mut prev = GENESIS_HASH.to_owned();
    for row in &rows {
        let seq: i64 = row.try_get("seq")?;
        let hash = keyed_hash(
            key,
            &prev,
            seq,
            row.try_get("occurred_at")?,
            row.try_get("actor_id")?,
            row.try_get("owner_id")?,
            &row.try_get::<String, _>("action")?,
            &row.try_get::<String, _>("detail")?,
        );
        sqlx::query("UPDATE audit_events SET prev_hash = $1, hash = $2 WHERE seq = $3")
            .bind(&prev)
            .bind(&hash)
            .bind(seq)
            .execute(&mut *tx)
            .await?;
        prev = hash;
    }
    sqlx::query("UPDATE audit_head SET hash = $1, keyed_since = $2 WHERE id = 1")
        .bind(&prev)
        .bind(keyed_since_text(key, 1))
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    tracing::warn!(
        rows = rows.len(),
        "journal re-chained under the journal key, once"
    );
    Ok(Ok(rows.len() as u64))
}
