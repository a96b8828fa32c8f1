//! Evidence files: bytes in an [`EvidenceStorage`] (a local directory here; an object store in
//! a deployment that wants one), rows in the database. An upload writes the file, then the row
//! in a transaction, and removes the file if the row does not commit: no row without its file,
//! and no file left behind by a failed upload.

use super::evidence::{display_name, sniff, EvidenceView, MediaType, Refusal};
use super::EntryId;
use crate::db::{now_unix, Db};
use crate::identity::AccountId;
use rand::RngCore;
use sqlx::any::AnyRow;
use sqlx::Row;
use std::path::PathBuf;
use std::sync::Arc;

/// Where evidence bytes live, by opaque key.
#[async_trait::async_trait]
pub trait EvidenceStorage: Send + Sync + std::fmt::Debug {
    async fn put(&self, key: &StorageKey, bytes: Vec<u8>) -> std::io::Result<()>;
    async fn get(&self, key: &StorageKey) -> std::io::Result<Vec<u8>>;
    /// Removing a missing file is not an error.
    async fn delete(&self, key: &StorageKey) -> std::io::Result<()>;
}

/// 128 random bits, hex: never derived from a name, so nothing a student types reaches a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StorageKey(String);

impl StorageKey {
    pub fn random() -> StorageKey {
        let mut bytes = [0u8; 16];
        rand::rng().fill_bytes(&mut bytes);
        StorageKey(hex::encode(bytes))
    }

    pub fn parse(raw: &str) -> Option<StorageKey> {
        (raw.len() == 32
            && raw
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()))
        .then(|| StorageKey(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Files under a directory, two levels (`ab/abcdef…`) so no folder grows too large.
#[derive(Debug, Clone)]
pub struct LocalDirectory {
    root: PathBuf,
}

impl LocalDirectory {
    pub fn new(root: impl Into<PathBuf>) -> LocalDirectory {
        LocalDirectory { root: root.into() }
    }

    fn path(&self, key: &StorageKey) -> PathBuf {
        self.root.join(&key.0[..2]).join(&key.0)
    }
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> std::io::Result<T> + Send + 'static,
) -> std::io::Result<T> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(std::io::Error::other)?
}

#[async_trait::async_trait]
impl EvidenceStorage for LocalDirectory {
    async fn put(&self, key: &StorageKey, bytes: Vec<u8>) -> std::io::Result<()> {
        let path = self.path(key);
        blocking(move || {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            // Written aside, then renamed: a crash never leaves half a file under the key.
            let partial = path.with_extension("part");
            std::fs::write(&partial, &bytes)?;
            std::fs::rename(&partial, &path)
        })
        .await
    }

    async fn get(&self, key: &StorageKey) -> std::io::Result<Vec<u8>> {
        let path = self.path(key);
        blocking(move || std::fs::read(path)).await
    }

    async fn delete(&self, key: &StorageKey) -> std::io::Result<()> {
        let path = self.path(key);
        blocking(move || match std::fs::remove_file(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            other => other,
        })
        .await
    }
}

/// The instance's limits on evidence (from configuration).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EvidenceLimits {
    pub max_bytes: u64,
    pub max_per_entry: u64,
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
    let file_name = display_name(raw_name, media);
    let size = bytes.len() as i64;

    let mut tx = db.pool().begin().await?;
    let owned = sqlx::query("SELECT id FROM portfolio_entries WHERE id = $1 AND owner_id = $2")
        .bind(entry.get())
        .bind(owner.get())
        .fetch_optional(&mut *tx)
        .await?;
    if owned.is_none() {
        return Err(EvidenceError::NotFound);
    }
    let count: i64 = sqlx::query("SELECT COUNT(*) AS n FROM evidence WHERE entry_id = $1")
        .bind(entry.get())
        .fetch_one(&mut *tx)
        .await?
        .try_get("n")?;
    if count as u64 >= limits.max_per_entry {
        return Err(EvidenceError::Refused(Refusal::TooMany));
    }
    let key = StorageKey::random();
    storage.put(&key, bytes).await?;
    let inserted = async {
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
        sqlx::query("UPDATE portfolio_entries SET updated_at = $1 WHERE id = $2")
            .bind(now_unix())
            .bind(entry.get())
            .execute(&mut *tx)
            .await?;
        let view = EvidenceView {
            id: row.try_get("id")?,
            file_name: file_name.clone(),
            media_type: media,
            size,
            created_at: row.try_get("created_at")?,
        };
        tx.commit().await?;
        Ok::<_, sqlx::Error>(view)
    }
    .await;
    match inserted {
        Ok(view) => Ok(view),
        Err(error) => {
            if let Err(cleanup) = storage.delete(&key).await {
                tracing::error!(%cleanup, key = key.as_str(), "could not remove the file of a failed upload");
            }
            Err(error.into())
        }
    }
}

/// One of the owner's files, with its bytes.
#[tracing::instrument(name = "evidence.read", skip(db, storage))]
pub async fn read(
    db: &Db,
    storage: &Arc<dyn EvidenceStorage>,
    owner: AccountId,
    id: i64,
) -> Result<(EvidenceView, Vec<u8>), EvidenceError> {
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
    let bytes = storage.get(&key).await?;
    Ok((view, bytes))
}

/// Removes one of the owner's files; returns the entry it belonged to.
#[tracing::instrument(name = "evidence.remove", skip(db, storage))]
pub async fn remove(
    db: &Db,
    storage: &Arc<dyn EvidenceStorage>,
    owner: AccountId,
    id: i64,
) -> Result<EntryId, EvidenceError> {
    let row = sqlx::query(
        "DELETE FROM evidence WHERE id = $1 AND owner_id = $2 RETURNING entry_id, storage_key",
    )
    .bind(id)
    .bind(owner.get())
    .fetch_optional(db.pool())
    .await?
    .ok_or(EvidenceError::NotFound)?;
    let key: String = row.try_get("storage_key")?;
    delete_files(storage, &[key]).await;
    Ok(EntryId::from_db(row.try_get("entry_id")?))
}

/// Deletes files whose rows are gone (after their entry was deleted). A file that cannot be
/// removed is logged: it is unreachable (no row names it), never shown.
pub async fn delete_files(storage: &Arc<dyn EvidenceStorage>, keys: &[String]) {
    for key in keys {
        let Some(key) = StorageKey::parse(key) else {
            continue;
        };
        if let Err(error) = storage.delete(&key).await {
            tracing::error!(%error, key = key.as_str(), "could not remove an evidence file");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_local_directory_keeps_and_forgets_files() {
        let dir = std::env::temp_dir().join(format!("sillage-evidence-{}", std::process::id()));
        let storage = LocalDirectory::new(&dir);
        let key = StorageKey::random();
        storage.put(&key, b"%PDF-1.4".to_vec()).await.unwrap();
        assert_eq!(storage.get(&key).await.unwrap(), b"%PDF-1.4");
        storage.delete(&key).await.unwrap();
        assert!(storage.get(&key).await.is_err());
        storage.delete(&key).await.unwrap();
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn keys_are_random_hex_and_nothing_else_parses() {
        let a = StorageKey::random();
        assert_ne!(a, StorageKey::random());
        assert_eq!(StorageKey::parse(a.as_str()), Some(a));
        for bad in [
            "../../etc/passwd",
            "",
            "ABCDEF0123456789ABCDEF0123456789",
            "0123",
        ] {
            assert_eq!(StorageKey::parse(bad), None, "{bad}");
        }
    }
}
