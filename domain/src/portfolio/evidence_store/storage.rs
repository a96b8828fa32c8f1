//! Where evidence bytes live: the [`EvidenceStorage`] trait, its keys, the local directory
//! that implements it, and the thumbnails made beside each image.

use super::super::evidence::MediaType;
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::path::PathBuf;
use std::sync::Arc;

/// Where evidence bytes live, by opaque key.
#[async_trait::async_trait]
pub trait EvidenceStorage: Send + Sync + std::fmt::Debug {
    async fn put(&self, key: &StorageKey, bytes: Vec<u8>) -> std::io::Result<()>;
    async fn get(&self, key: &StorageKey) -> std::io::Result<Vec<u8>>;
    /// The file to read as a stream, with its length: a download holds a chunk at a time,
    /// whatever the file's size and however slowly it is read.
    async fn open(&self, key: &StorageKey) -> std::io::Result<(u64, EvidenceReader)>;
    /// Removing a missing file is not an error.
    async fn delete(&self, key: &StorageKey) -> std::io::Result<()>;
}

/// An evidence file being read.
pub type EvidenceReader = Box<dyn tokio::io::AsyncRead + Send + Unpin>;

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
    if media.category() != crate::portfolio::evidence::MediaCategory::Image {
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

    async fn open(&self, key: &StorageKey) -> std::io::Result<(u64, EvidenceReader)> {
        let file = tokio::fs::File::open(self.path(key)).await?;
        let length = file.metadata().await?.len();
        Ok((length, Box::new(file)))
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

impl AsRef<str> for StorageKey {
    fn as_ref(&self) -> &str {
        &self.0
    }
}
