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
use rand::RngCore;
use sha2::{Digest, Sha256};
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

    /// Where the image's thumbnail is kept: derived from the key, so no column names it and
    /// whatever deletes the file deletes its thumbnail.
    pub fn thumbnail(&self) -> StorageKey {
        let digest = Sha256::digest(format!("{}:thumbnail", self.0).as_bytes());
        StorageKey(hex::encode(&digest[..16]))
    }
}

/// The longest side of a thumbnail, in pixels: sharp on a phone, a few kilobytes on a slow link.
pub const THUMBNAIL_SIZE: u32 = 320;

/// A JPEG thumbnail of an image, or `None` when it cannot be decoded within bounds (the
/// original is then shown instead). Decoding is bounded: an image claiming 100 000 pixels a
/// side, or needing more than 256 MB, is not decoded.
pub fn make_thumbnail(bytes: &[u8], media: MediaType) -> Option<Vec<u8>> {
    use image::{ImageFormat, ImageReader, Limits};
    let format = match media {
        MediaType::Png => ImageFormat::Png,
        MediaType::Jpeg => ImageFormat::Jpeg,
        MediaType::Gif => ImageFormat::Gif,
        MediaType::Webp => ImageFormat::WebP,
        _ => return None,
    };
    let mut limits = Limits::default();
    limits.max_image_width = Some(12_000);
    limits.max_image_height = Some(12_000);
    limits.max_alloc = Some(256 * 1024 * 1024);
    let mut reader = ImageReader::with_format(std::io::Cursor::new(bytes), format);
    reader.limits(limits);
    let image = reader.decode().ok()?;
    // A small image is its own thumbnail: no upscaling, no extra file.
    if image.width() <= THUMBNAIL_SIZE && image.height() <= THUMBNAIL_SIZE {
        return None;
    }
    let thumbnail =
        image::DynamicImage::ImageRgb8(image.thumbnail(THUMBNAIL_SIZE, THUMBNAIL_SIZE).to_rgb8());
    let mut out = std::io::Cursor::new(Vec::new());
    thumbnail.write_to(&mut out, ImageFormat::Jpeg).ok()?;
    Some(out.into_inner())
}

/// Stores a file and, for an image, its thumbnail beside it. A thumbnail that cannot be made is
/// not an error: pages fall back to the original. The bytes are never copied: a 10 MB file is
/// held once.
pub async fn store_with_thumbnail(
    storage: &Arc<dyn EvidenceStorage>,
    key: &StorageKey,
    media: MediaType,
    bytes: Vec<u8>,
) -> std::io::Result<()> {
    if media.category() != super::evidence::MediaCategory::Image {
        return storage.put(key, bytes).await;
    }
    let (bytes, thumbnail) = tokio::task::spawn_blocking(move || {
        let thumbnail = make_thumbnail(&bytes, media);
        (bytes, thumbnail)
    })
    .await
    .map_err(std::io::Error::other)?;
    storage.put(key, bytes).await?;
    match thumbnail {
        Some(thumbnail) => storage.put(&key.thumbnail(), thumbnail).await,
        None => Ok(()),
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
    under_pending_key(db, storage, async |key| {
        let file_name = display_name(raw_name, media);
        let size = bytes.len() as i64;

        let mut tx = db.pool().begin().await?;
        // Writing the entry's row first takes its lock (a row lock on PostgreSQL, the write lock
        // on SQLite): two uploads to one entry are counted one after the other, never both
        // under the limit at once.
        let owned =
            sqlx::query("UPDATE portfolio_entries SET updated_at = $3 WHERE id = $1 AND owner_id = $2")
                .bind(entry.get())
                .bind(owner.get())
                .bind(now_unix())
                .execute(&mut *tx)
                .await?
                .rows_affected();
        if owned == 0 {
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
        if bytes_used(&mut tx, owner)
            .await?
            .saturating_add(size as u64)
            > limits.max_bytes_per_account
        {
            return Err(EvidenceError::Refused(Refusal::OverQuota));
        }
        store_with_thumbnail(storage, key, media, bytes).await?;
        crate::fault::point("evidence.upload.stored").await;
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

impl AsRef<str> for StorageKey {
    fn as_ref(&self) -> &str {
        &self.0
    }
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
mod tests {
    use super::*;

    /// An upload slower than the grace period races the reconciler for its key: exactly one
    /// wins. The reconciler took it: the file is deleted and the upload cannot commit its row.
    /// The upload took it: the file stays.
    #[tokio::test]
    async fn a_key_in_flux_is_settled_by_one_side_only() {
        let dir = std::env::temp_dir().join(format!("sillage-settle-{}", std::process::id()));
        let db = Db::connect(&format!("sqlite://{}/db.sqlite", dir.display()), 1)
            .await
            .unwrap();
        db.migrate().await.unwrap();
        let storage: Arc<dyn EvidenceStorage> = Arc::new(LocalDirectory::new(&dir));
        let (slow, quick) = (StorageKey::random(), StorageKey::random());
        mark_pending(&db, &[slow.clone(), quick.clone()])
            .await
            .unwrap();
        for key in [&slow, &quick] {
            storage.put(key, b"%PDF-1.4".to_vec()).await.unwrap();
        }
        let mut tx = db.pool().begin().await.unwrap();
        assert!(
            settle_pending_in(&mut tx, &quick).await.unwrap(),
            "the quick upload takes its key"
        );
        tx.commit().await.unwrap();

        assert_eq!(reconcile_pending(&db, &storage, 0).await.unwrap(), 1);
        assert!(
            storage.get(&slow).await.is_err(),
            "the reconciler deleted the slow upload's file"
        );
        assert!(
            storage.get(&quick).await.is_ok(),
            "and left the settled one alone"
        );
        let mut tx = db.pool().begin().await.unwrap();
        assert!(
            !settle_pending_in(&mut tx, &slow).await.unwrap(),
            "the slow upload finds its key taken and must not commit"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

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

    fn png(width: u32, height: u32) -> Vec<u8> {
        let image = image::RgbImage::from_pixel(width, height, image::Rgb([200, 120, 40]));
        let mut out = std::io::Cursor::new(Vec::new());
        image::DynamicImage::ImageRgb8(image)
            .write_to(&mut out, image::ImageFormat::Png)
            .unwrap();
        out.into_inner()
    }

    #[test]
    fn thumbnails_are_small_jpegs_of_large_images_only() {
        let thumbnail = make_thumbnail(&png(1000, 500), MediaType::Png).expect("a thumbnail");
        let decoded = image::load_from_memory(&thumbnail).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (320, 160));
        assert_eq!(
            super::super::evidence::sniff(&thumbnail),
            Ok(MediaType::Jpeg)
        );
        assert_eq!(
            make_thumbnail(&png(200, 100), MediaType::Png),
            None,
            "small: no thumbnail"
        );
        assert_eq!(make_thumbnail(b"%PDF-1.4", MediaType::Pdf), None);
        assert_eq!(
            make_thumbnail(b"\x89PNG\r\n\x1a\n broken", MediaType::Png),
            None
        );
        // A header claiming 100 000 × 100 000 pixels is not decoded.
        let mut bomb = png(1, 1);
        bomb[16..20].copy_from_slice(&100_000u32.to_be_bytes());
        bomb[20..24].copy_from_slice(&100_000u32.to_be_bytes());
        assert_eq!(make_thumbnail(&bomb, MediaType::Png), None);
        let key = StorageKey::random();
        assert_ne!(key.thumbnail(), key);
        assert_eq!(
            StorageKey::parse(key.thumbnail().as_str()),
            Some(key.thumbnail())
        );
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
