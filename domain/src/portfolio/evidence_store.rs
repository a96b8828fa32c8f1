//! Evidence files: bytes in an [`EvidenceStorage`] (a local directory here; an object store in
//! a deployment that wants one), rows in the database. An upload writes the file, then the row
//! in a transaction, and removes the file if the row does not commit: no row without its file,
//! and no file left behind by a failed upload.
//!
//! A process killed between a file and its commit cannot clean up after itself: every key is
//! first written to `evidence_pending` (committed before the file is stored, or in the same
//! transaction as the rows that stop naming a file) and forgotten once the action is over.
//! [`reconcile_pending`], at start and on the server's timer, deletes the files of keys left
//! there that no row names: no orphan file outlives a crash.

use super::evidence::{display_name, sniff, EvidenceView, MediaType, Refusal};
use super::EntryId;
use crate::db::{now_unix, Db};
use crate::identity::AccountId;
use sqlx::any::AnyRow;
use sqlx::Row;
use std::sync::Arc;

mod storage;
pub use storage::{
    make_thumbnail, store_with_thumbnail, EvidenceReader, EvidenceStorage, LocalDirectory,
    StorageKey,
};

/// The instance's limits on evidence (from configuration).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EvidenceLimits {
    pub max_bytes: u64,
    pub max_per_entry: u64,
    /// All of one pupil's evidence files together (uploads and imports).
    pub max_bytes_per_account: u64,
}

/// How many bytes of evidence `owner` keeps.
pub async fn bytes_used(
    conn: &mut sqlx::AnyConnection,
    owner: AccountId,
) -> Result<u64, sqlx::Error> {
    let used: Option<i64> =
        sqlx::query("SELECT CAST(SUM(size) AS BIGINT) AS used FROM evidence WHERE owner_id = $1")
            .bind(owner.get())
            .fetch_one(&mut *conn)
            .await?
            .try_get("used")?;
    Ok(used.map_or(0, |u| u64::try_from(u).unwrap_or(0)))
}

/// Bytes used, and the quota: what the pupil is shown as « x Mo utilisés sur y ».
pub async fn storage_use(
    db: &Db,
    limits: EvidenceLimits,
    owner: AccountId,
) -> Result<(u64, u64), sqlx::Error> {
    let mut conn = db.pool().acquire().await?;
    Ok((
        bytes_used(&mut conn, owner).await?,
        limits.max_bytes_per_account,
    ))
}

#[derive(Debug, thiserror::Error)]
pub enum EvidenceError {
    #[error("no such entry or evidence (introuvable)")]
    NotFound,
    #[error("file refused: {0:?}")]
    Refused(Refusal),
    #[error("storage error: {0}")]
    Storage(#[from] std::io::Error),
    #[error("database error")]
    Database(#[from] sqlx::Error),
}

pub(crate) const EVIDENCE_COLUMNS: &str =
    "ev.id, ev.entry_id, ev.file_name, ev.media_type, ev.size, ev.created_at";

pub(crate) fn evidence_from_row(row: &AnyRow) -> Result<EvidenceView, sqlx::Error> {
    let media: String = row.try_get("media_type")?;
    Ok(EvidenceView {
        id: row.try_get("id")?,
        file_name: row.try_get("file_name")?,
        media_type: MediaType::parse_mime(&media).ok_or_else(|| sqlx::Error::ColumnDecode {
            index: "media_type".into(),
            source: "stored media type is unknown".into(),
        })?,
        size: row.try_get("size")?,
        created_at: row.try_get("created_at")?,
    })
}

/// Adds a file to one of the owner's entries.
#[tracing::instrument(name = "evidence.add", skip(db, storage, bytes, raw_name), fields(size = bytes.len()))]
pub async fn add(
    db: &Db,
    storage: &Arc<dyn EvidenceStorage>,
    limits: EvidenceLimits,
    owner: AccountId,
    entry: EntryId,
    raw_name: &str,
    bytes: Vec<u8>,
) -> Result<EvidenceView, EvidenceError> {
    if bytes.len() as u64 > limits.max_bytes {
        return Err(EvidenceError::Refused(Refusal::TooLarge));
    }
    let media = sniff(&bytes).map_err(EvidenceError::Refused)?;
    let size = bytes.len() as i64;
    // Checked first without a lock, so that a refused file costs no storage work…
    {
        let mut conn = db.pool().acquire().await?;
        check_room(&mut conn, limits, owner, entry, size).await?;
    }
    under_pending_key(db, storage, async |key| {
        let file_name = display_name(raw_name, media);
        // …then the file (and its thumbnail, a decode of up to 256 MB) is stored under its key
        // in flux, before the transaction: the database's write lock (SQLite's only one) is
        // held for the rows alone, never for the file work.
        store_with_thumbnail(storage, key, media, bytes).await?;
        crate::fault::point("evidence.upload.stored").await;
        let mut tx = db.pool().begin().await?;
        // The account's row first: its lock (a row lock on PostgreSQL, the write lock on
        // SQLite) counts two uploads of one pupil one after the other, whichever entries they
        // go to, never both under the quota at once.
        sqlx::query("UPDATE accounts SET role = role WHERE id = $1")
            .bind(owner.get())
            .execute(&mut *tx)
            .await?;
        check_room(&mut tx, limits, owner, entry, size).await?;
        sqlx::query("UPDATE portfolio_entries SET updated_at = $3 WHERE id = $1 AND owner_id = $2")
            .bind(entry.get())
            .bind(owner.get())
            .bind(now_unix())
            .execute(&mut *tx)
            .await?;
        let row = sqlx::query(
                "INSERT INTO evidence (entry_id, owner_id, storage_key, file_name, media_type, size, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, created_at",
            )
            .bind(entry.get())
            .bind(owner.get())
            .bind(key.as_str())
            .bind(&file_name)
            .bind(media.mime())
            .bind(size)
            .bind(now_unix())
            .fetch_one(&mut *tx)
            .await?;
        if !settle_pending_in(&mut tx, key).await? {
            return Err(EvidenceError::Storage(std::io::Error::other(
                "the upload outlasted the pending grace period",
            )));
        }
        let view = EvidenceView {
            id: row.try_get("id")?,
            file_name,
            media_type: media,
            size,
            created_at: row.try_get("created_at")?,
        };
        tx.commit().await?;
        Ok(view)
    })
    .await
}

/// Refuses a file the entry or the account has no room for: the entry is the owner's, has
/// fewer files than the limit, and the account's files leave room for `size` bytes.
async fn check_room(
    conn: &mut sqlx::AnyConnection,
    limits: EvidenceLimits,
    owner: AccountId,
    entry: EntryId,
    size: i64,
) -> Result<(), EvidenceError> {
    let owned =
        sqlx::query("SELECT 1 AS one FROM portfolio_entries WHERE id = $1 AND owner_id = $2")
            .bind(entry.get())
            .bind(owner.get())
            .fetch_optional(&mut *conn)
            .await?;
    if owned.is_none() {
        return Err(EvidenceError::NotFound);
    }
    let count: i64 = sqlx::query("SELECT COUNT(*) AS n FROM evidence WHERE entry_id = $1")
        .bind(entry.get())
        .fetch_one(&mut *conn)
        .await?
        .try_get("n")?;
    if count as u64 >= limits.max_per_entry {
        return Err(EvidenceError::Refused(Refusal::TooMany));
    }
    if bytes_used(conn, owner).await?.saturating_add(size as u64) > limits.max_bytes_per_account {
        return Err(EvidenceError::Refused(Refusal::OverQuota));
    }
    Ok(())
}

/// Runs `write` under a fresh storage key recorded as in flux first (committed), so that a
/// crash anywhere in `write` leaves a file the reconciler finds; removes the file if `write`
/// fails, and forgets the key either way.
async fn under_pending_key<T>(
    db: &Db,
    storage: &Arc<dyn EvidenceStorage>,
    write: impl AsyncFnOnce(&StorageKey) -> Result<T, EvidenceError>,
) -> Result<T, EvidenceError> {
    let key = StorageKey::random();
    mark_pending(db, std::slice::from_ref(&key)).await?;
    let written = write(&key).await;
    if written.is_err() {
        delete_key(storage, &key).await;
    }
    forget_pending(db, std::slice::from_ref(&key)).await;
    written
}

/// One of the owner's files, and where its bytes are.
#[tracing::instrument(name = "evidence.find", skip(db))]
pub async fn find(
    db: &Db,
    owner: AccountId,
    id: i64,
) -> Result<(EvidenceView, StorageKey), EvidenceError> {
    let row = sqlx::query(&format!(
        "SELECT {EVIDENCE_COLUMNS}, ev.storage_key FROM evidence ev WHERE ev.id = $1 AND ev.owner_id = $2"
    ))
    .bind(id)
    .bind(owner.get())
    .fetch_optional(db.pool())
    .await?
    .ok_or(EvidenceError::NotFound)?;
    let view = evidence_from_row(&row)?;
    let key: String = row.try_get("storage_key")?;
    let key = StorageKey::parse(&key).ok_or(EvidenceError::NotFound)?;
    Ok((view, key))
}

/// Removes one of the owner's files; returns the entry it belonged to.
#[tracing::instrument(name = "evidence.remove", skip(db, storage))]
pub async fn remove(
    db: &Db,
    storage: &Arc<dyn EvidenceStorage>,
    owner: AccountId,
    id: i64,
) -> Result<EntryId, EvidenceError> {
    let mut tx = db.pool().begin().await?;
    let row = sqlx::query(
        "DELETE FROM evidence WHERE id = $1 AND owner_id = $2 RETURNING entry_id, storage_key",
    )
    .bind(id)
    .bind(owner.get())
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(EvidenceError::NotFound)?;
    let key: String = row.try_get("storage_key")?;
    let keys = [key];
    mark_pending_in(&mut tx, &keys).await?;
    tx.commit().await?;
    delete_files(db, storage, &keys).await;
    Ok(EntryId::from_db(row.try_get("entry_id")?))
}

/// Deletes a file and its thumbnail; a failure is logged (the file is unreachable: no row names
/// it).
pub async fn delete_key(storage: &Arc<dyn EvidenceStorage>, key: &StorageKey) {
    for key in [key.clone(), key.thumbnail()] {
        if let Err(error) = storage.delete(&key).await {
            tracing::error!(%error, key = key.as_str(), "could not remove an evidence file");
        }
    }
}

/// Deletes files whose rows are gone (their keys were marked pending in the transaction that
/// deleted the rows: [`mark_pending_in`]), then forgets the keys. A file that cannot be removed
/// is logged and left to [`reconcile_pending`]: it is unreachable (no row names it).
pub async fn delete_files(db: &Db, storage: &Arc<dyn EvidenceStorage>, keys: &[String]) {
    let keys: Vec<StorageKey> = keys.iter().filter_map(|k| StorageKey::parse(k)).collect();
    for key in &keys {
        delete_key(storage, key).await;
    }
    forget_pending(db, &keys).await;
}

/// Marks keys as in flux, committed at once: call before their files are stored.
pub async fn mark_pending(db: &Db, keys: &[StorageKey]) -> Result<(), sqlx::Error> {
    let mut tx = db.pool().begin().await?;
    mark_pending_in(&mut tx, keys).await?;
    tx.commit().await
}

/// Marks keys as in flux inside the caller's transaction (the one that deletes their rows).
pub async fn mark_pending_in<K: AsRef<str>>(
    conn: &mut sqlx::AnyConnection,
    keys: &[K],
) -> Result<(), sqlx::Error> {
    let since = now_unix();
    for key in keys {
        sqlx::query(
            "INSERT INTO evidence_pending (storage_key, since) VALUES ($1, $2)
             ON CONFLICT (storage_key) DO NOTHING",
        )
        .bind(key.as_ref())
        .bind(since)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Takes a key out of flux inside the transaction that commits the row naming its file. Whoever
/// takes it first wins: `false` means the reconciler took it (and deletes the file), so the
/// caller must not commit. The reconciler takes keys the same way ([`reconcile_pending`]): an
/// action slower than the grace period fails cleanly instead of leaving a row without its file.
pub async fn settle_pending_in(
    conn: &mut sqlx::AnyConnection,
    key: &StorageKey,
) -> Result<bool, sqlx::Error> {
    let taken = sqlx::query("DELETE FROM evidence_pending WHERE storage_key = $1")
        .bind(key.as_str())
        .execute(&mut *conn)
        .await?
        .rows_affected();
    Ok(taken == 1)
}

/// The action is over (its rows committed or not, its files written or removed): the keys are
/// no longer in flux. A failure is logged: the reconciler forgets them later.
pub async fn forget_pending(db: &Db, keys: &[StorageKey]) {
    for key in keys {
        if let Err(error) = sqlx::query("DELETE FROM evidence_pending WHERE storage_key = $1")
            .bind(key.as_str())
            .execute(db.pool())
            .await
        {
            tracing::warn!(%error, "could not forget a pending evidence key");
        }
    }
}

/// Settles keys left in flux for at least `grace_secs` (an action cut short by a crash): a file
/// that no row names is deleted, with its thumbnail, and the key forgotten. Returns how many
/// files were deleted. `grace_secs` keeps an upload under way on another server safe.
#[tracing::instrument(name = "evidence.reconcile", skip(db, storage))]
pub async fn reconcile_pending(
    db: &Db,
    storage: &Arc<dyn EvidenceStorage>,
    grace_secs: i64,
) -> Result<usize, sqlx::Error> {
    let mut deleted = 0;
    loop {
        let keys: Vec<String> = sqlx::query(
            "SELECT storage_key FROM evidence_pending WHERE since <= $1
             ORDER BY since LIMIT 500",
        )
        .bind(now_unix() - grace_secs)
        .fetch_all(db.pool())
        .await?
        .iter()
        .map(|row| row.try_get("storage_key"))
        .collect::<Result<_, _>>()?;
        if keys.is_empty() {
            return Ok(deleted);
        }
        for raw in &keys {
            // Take the key first (an action committing its row takes it too, in its
            // transaction: one of the two wins), then look for a row naming its file.
            let taken =
                sqlx::query("DELETE FROM evidence_pending WHERE storage_key = $1 AND since <= $2")
                    .bind(raw)
                    .bind(now_unix() - grace_secs)
                    .execute(db.pool())
                    .await?
                    .rows_affected();
            if taken == 0 {
                continue;
            }
            let named = sqlx::query("SELECT 1 AS one FROM evidence WHERE storage_key = $1")
                .bind(raw)
                .fetch_optional(db.pool())
                .await?
                .is_some();
            if !named {
                if let Some(key) = StorageKey::parse(raw) {
                    delete_key(storage, &key).await;
                    deleted += 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
