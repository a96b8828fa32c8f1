//! The portfolio as a ZIP: `portfolio.json` (schema `sillage-portfolio`, version 1, described in
//! `docs/portfolio-export.md`), the evidence files under `preuves/`, and the guidance data in
//! `orientation.json` (`guidance::plan::archive`). An export re-imported
//! into another instance gives back every entry, competence link, own skill, evidence file and
//! showcase page (not share links nor comments: those belong to the instance they were made on).
//!
//! An import is one unit of work: files are written first, then every row in one transaction;
//! if anything is refused or fails, the files written are removed and nothing remains.

use super::evidence::display_name;
use super::evidence_store::{EvidenceLimits, EvidenceStorage, StorageKey};
use super::frameworks::{Frameworks, OWN};
use super::showcase::{PageDraft, RawPage};
use super::store::{self, insert_draft, own_skill_id};
use super::{EntryDraft, EntryId, FieldError, RawEntry};
use crate::db::{now_unix, Db};
use crate::identity::AccountId;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::Row;
use std::collections::BTreeMap;
use std::io::{Seek, Write};
use std::sync::Arc;

use super::archive_reader::{check_archive, read_evidence, read_optional, DOCUMENT};
pub use super::archive_reader::{
    ArchiveLimits, ExportCompetence, ExportDocument, ExportEntry, ExportEvidence, ExportPage,
    ReadError, FORMAT, VERSION,
};
use crate::guidance::plan::archive::store::GuidanceArchiveError;
use crate::guidance::plan::archive::{
    self as guidance_archive, GuidanceDocument, GuidanceImported,
};

/// Why an import added nothing: the archive could not be read as one
/// ([`ReadError`]: the same reasons wherever an archive is read), one of its entries or pages is
/// invalid, or storage failed.
#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error("entry {index} is invalid")]
    InvalidEntry {
        index: usize,
        problems: Vec<FieldError>,
    },
    #[error("page {0} is invalid")]
    InvalidPage(usize),
    #[error("storage error: {0}")]
    Storage(#[from] std::io::Error),
    #[error("database error")]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Portfolio(#[from] store::PortfolioError),
    /// `orientation.json` refused.
    #[error(transparent)]
    Guidance(#[from] GuidanceArchiveError),
}

/// Writes the owner's archive into `out` (a temporary file the caller then streams), holding
/// one evidence file in memory at a time: the files go in first, each one's SHA-256 computed
/// as it is written, then `portfolio.json` naming them (a ZIP is read by its central
/// directory, so the order of its members does not matter). Returns `out`, rewound.
#[tracing::instrument(name = "archive.export", skip(db, storage, frameworks, out))]
pub async fn export(
    db: &Db,
    storage: &Arc<dyn EvidenceStorage>,
    owner: AccountId,
    frameworks: &Frameworks,
    out: std::fs::File,
) -> Result<std::fs::File, ArchiveError> {
    let entries = store::list(db, owner).await?;
    let own_skills: Vec<String> = store::own_skills(db, owner)
        .await?
        .into_iter()
        .map(|s| s.name)
        .collect();
    let mut zip = zip::ZipWriter::new(out);
    let mut exported = Vec::with_capacity(entries.len());
    for (index, entry) in entries.iter().enumerate() {
        let mut evidence = Vec::new();
        for file in &entry.evidence {
            let key: String =
                sqlx::query("SELECT storage_key FROM evidence WHERE id = $1 AND owner_id = $2")
                    .bind(file.id)
                    .bind(owner.get())
                    .fetch_one(db.pool())
                    .await?
                    .try_get("storage_key")?;
            let key = StorageKey::parse(&key)
                .ok_or_else(|| ReadError::BadFile(file.file_name.clone()))?;
            let bytes = storage.get(&key).await?;
            let path = format!(
                "preuves/{:04}-{}-{}",
                index + 1,
                evidence.len() + 1,
                file.file_name
            );
            evidence.push(ExportEvidence {
                file: path.clone(),
                file_name: file.file_name.clone(),
                media_type: file.media_type.mime().to_owned(),
                size: bytes.len() as i64,
                sha256: hex::encode(Sha256::digest(&bytes)),
            });
            zip = blocking(move || {
                // Evidence is mostly compressed already (PDF, JPEG, MP4): stored as is.
                zip.start_file(path, stored_options())
                    .map_err(std::io::Error::other)?;
                zip.write_all(&bytes)?;
                Ok(zip)
            })
            .await?;
        }
        exported.push(ExportEntry {
            kind: entry.kind.as_str().to_owned(),
            title: entry.title.clone(),
            started_on: entry.started_on.to_string(),
            ended_on: entry.ended_on.map(|d| d.to_string()),
            place: entry.place.clone(),
            description: entry.description.clone(),
            reflection: entry.reflection.clone(),
            competences: entry
                .competences
                .iter()
                .map(|link| ExportCompetence {
                    competence: link.own_name.is_none().then(|| link.competence.to_string()),
                    own_skill: link.own_name.clone(),
                    status: link.status.as_str().to_owned(),
                    level: link.level,
                })
                .collect(),
            evidence,
        });
    }
    let mut pages = Vec::new();
    for summary in super::showcase_store::list(db, owner)
        .await
        .map_err(|_| ReadError::NotAPortfolio)?
    {
        if let Some(page) = super::showcase_store::get(db, owner, summary.id)
            .await
            .map_err(|_| ReadError::NotAPortfolio)?
        {
            pages.push(ExportPage {
                title: page.title,
                intro: page.intro,
                entries: page
                    .entries
                    .iter()
                    .filter_map(|id| entries.iter().position(|e| e.id == *id))
                    .collect(),
                shows_pix: page.shows_pix,
                shows_plan: page.shows_plan,
            });
        }
    }
    let document = ExportDocument {
        format: FORMAT.to_owned(),
        version: VERSION,
        exported_at: now_unix(),
        frameworks_version: frameworks.version,
        own_skills,
        entries: exported,
        pages,
    };
    let json = serde_json::to_vec_pretty(&document).map_err(|_| ReadError::NotAPortfolio)?;
    let guidance = guidance_archive::store::export(
        db,
        owner,
        &entries.iter().map(|e| e.id).collect::<Vec<_>>(),
    )
    .await
    .map_err(GuidanceArchiveError::Plan)?;
    let guidance = serde_json::to_vec_pretty(&guidance).map_err(|_| ReadError::NotAPortfolio)?;
    blocking(move || {
        let text = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file(DOCUMENT, text)
            .map_err(std::io::Error::other)?;
        zip.write_all(&json)?;
        zip.start_file(guidance_archive::DOCUMENT, text)
            .map_err(std::io::Error::other)?;
        zip.write_all(&guidance)?;
        zip.start_file("LISEZ-MOI.txt", text)
            .map_err(std::io::Error::other)?;
        zip.write_all(README.as_bytes())?;
        let mut out = zip.finish().map_err(std::io::Error::other)?;
        out.seek(std::io::SeekFrom::Start(0))?;
        Ok(out)
    })
    .await
    .map_err(ArchiveError::Storage)
}

fn stored_options() -> zip::write::SimpleFileOptions {
    zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored)
}

/// File work off the async threads.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> std::io::Result<T> + Send + 'static,
) -> std::io::Result<T> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(std::io::Error::other)?
}

const README: &str = "Portfolio exporté de Sillage / Portfolio exported from Sillage\n\n\
portfolio.json : les entrées, compétences, pages (format sillage-portfolio, version 1).\n\
orientation.json : favoris, centres d'intérêt, vœux, étapes, recommandations (sillage-guidance, 1).\n\
preuves/ : les fichiers de preuve, nommés dans portfolio.json (empreinte SHA-256 comprise).\n\n\
Pour le retrouver dans un autre Sillage : Mon portfolio > Exporter / importer > Importer.\n";

/// What an import added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSummary {
    pub entries: usize,
    pub files: usize,
    pub pages: usize,
    pub guidance: GuidanceImported,
}

/// What one import may bring: each file's limits, and all its files together (what is left of
/// the account's storage quota, at most the instance's import limit).
#[derive(Debug, Clone, Copy)]
pub struct ImportBudget {
    pub evidence: EvidenceLimits,
    pub max_total_bytes: u64,
}

impl ImportBudget {
    fn limits(self) -> ArchiveLimits {
        ArchiveLimits {
            max_file_bytes: self.evidence.max_bytes,
            max_files_per_entry: self.evidence.max_per_entry,
            max_total_bytes: self.max_total_bytes,
        }
    }
}

/// Checks the whole archive, then adds everything to the owner's portfolio (after what is
/// already there), or nothing. The archive is a file (the upload spooled to disk): its
/// members are read one at a time, each bounded by its limit whatever its header claims, so
/// memory stays at one evidence file however large or crafted the archive is.
#[tracing::instrument(name = "archive.import", skip_all, fields(owner = %owner))]
pub async fn import(
    db: &Db,
    storage: &Arc<dyn EvidenceStorage>,
    budget: ImportBudget,
    owner: AccountId,
    frameworks: &Frameworks,
    archive: std::fs::File,
) -> Result<ImportSummary, ArchiveError> {
    // The document and every member's size are checked before any write.
    let limits = budget.limits();
    let (document, mut archive) = blocking(move || Ok(check_archive(archive, limits)))
        .await
        .map_err(ArchiveError::Storage)??;
    // The guidance document, when there is one, is read and checked before any write too.
    let (guidance, archive) = blocking(move || {
        let bytes = read_optional(
            &mut archive,
            guidance_archive::DOCUMENT,
            guidance_archive::MAX_DOCUMENT_BYTES,
        );
        Ok((bytes, archive))
    })
    .await
    .map_err(ArchiveError::Storage)?;
    let guidance = match guidance? {
        Some(bytes) => Some(guidance_archive::store::parse(&bytes)?),
        None => None,
    };
    // Every file's key is in flux (committed) before the first file is stored: a crash
    // mid-import leaves files that the reconciler finds and deletes.
    let files = document.entries.iter().map(|e| e.evidence.len()).sum();
    let keys: Vec<StorageKey> = (0..files).map(|_| StorageKey::random()).collect();
    super::evidence_store::mark_pending(db, &keys).await?;
    let result = write_import(
        db,
        storage,
        owner,
        frameworks,
        (&document, guidance.as_ref()),
        (archive, budget),
        &keys,
    )
    .await;
    if result.is_err() {
        for key in &keys {
            super::evidence_store::delete_key(storage, key).await;
        }
    }
    super::evidence_store::forget_pending(db, &keys).await;
    result
}

type Archive = zip::ZipArchive<std::fs::File>;

async fn write_import(
    db: &Db,
    storage: &Arc<dyn EvidenceStorage>,
    owner: AccountId,
    frameworks: &Frameworks,
    (document, guidance): (&ExportDocument, Option<&GuidanceDocument>),
    (archive, budget): (Archive, ImportBudget),
    keys: &[StorageKey],
) -> Result<ImportSummary, ArchiveError> {
    let mut keys = keys.iter();
    let mut archive = Some(archive);
    // What the members really hold, whatever their headers said.
    let mut total: u64 = 0;
    let mut tx = db.pool().begin().await?;
    // The account's row first, as an upload takes it: uploads of this pupil meanwhile wait, and
    // the quota is counted again below with what they added before.
    sqlx::query("UPDATE accounts SET role = role WHERE id = $1")
        .bind(owner.get())
        .execute(&mut *tx)
        .await?;
    let mut skill_ids: BTreeMap<String, i64> = BTreeMap::new();
    for name in &document.own_skills {
        let clean = name.trim();
        if clean.is_empty()
            || clean.chars().count() > super::SKILL_MAX
            || clean.chars().any(char::is_control)
        {
            return Err(ReadError::NotAPortfolio.into());
        }
        let id = own_skill_id(&mut tx, owner, clean).await?;
        skill_ids.insert(clean.to_lowercase(), id);
    }
    let own_ids: Vec<i64> = skill_ids.values().copied().collect();
    let mut new_ids: Vec<EntryId> = Vec::with_capacity(document.entries.len());
    let mut file_count = 0;
    for (index, entry) in document.entries.iter().enumerate() {
        let mut raw = RawEntry {
            kind: entry.kind.clone(),
            title: entry.title.clone(),
            started_on: entry.started_on.clone(),
            ended_on: entry.ended_on.clone().unwrap_or_default(),
            place: entry.place.clone(),
            description: entry.description.clone(),
            reflection: entry.reflection.clone(),
            ..RawEntry::default()
        };
        for link in &entry.competences {
            let key = match (&link.competence, &link.own_skill) {
                (Some(competence), None) if !competence.starts_with(OWN) => competence.clone(),
                (None, Some(name)) => match skill_ids.get(&name.trim().to_lowercase()) {
                    Some(id) => format!("{OWN}:{id}"),
                    None => format!("{OWN}:0"),
                },
                _ => "?".to_owned(),
            };
            if let Some(level) = link.level {
                raw.levels.insert(key.clone(), level.to_string());
            }
            raw.competences.insert(key, link.status.clone());
        }
        let draft = EntryDraft::parse(&raw, frameworks, &own_ids).map_err(|problems| {
            ArchiveError::InvalidEntry {
                index: index + 1,
                problems,
            }
        })?;
        let id = insert_draft(&mut tx, owner, &draft).await?;
        for file in &entry.evidence {
            let (media, bytes) = {
                let mut zip = archive.take().ok_or(ReadError::NotAZip)?;
                let max = budget.evidence.max_bytes;
                let member = file.clone();
                let (zip, read) = tokio::task::spawn_blocking(move || {
                    let read = read_evidence(&mut zip, &member, max);
                    (zip, read)
                })
                .await
                .map_err(std::io::Error::other)?;
                archive = Some(zip);
                let (media, bytes) = read?;
                total += bytes.len() as u64;
                if total > budget.max_total_bytes {
                    return Err(ReadError::OverQuota {
                        needed: total,
                        left: budget.max_total_bytes,
                    }
                    .into());
                }
                (media, bytes)
            };
            let key = keys.next().ok_or(ReadError::NotAPortfolio)?;
            let size = bytes.len() as i64;
            super::evidence_store::store_with_thumbnail(storage, key, media, bytes).await?;
            crate::fault::point("portfolio.import.stored").await;
            sqlx::query(
                "INSERT INTO evidence (entry_id, owner_id, storage_key, file_name, media_type, size, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(id.get())
            .bind(owner.get())
            .bind(key.as_str())
            .bind(display_name(&file.file_name, media))
            .bind(media.mime())
            .bind(size)
            .bind(now_unix())
            .execute(&mut *tx)
            .await?;
            if !super::evidence_store::settle_pending_in(&mut tx, key).await? {
                return Err(ArchiveError::Storage(std::io::Error::other(
                    "the import outlasted the pending grace period",
                )));
            }
            file_count += 1;
        }
        new_ids.push(id);
    }
    for (index, page) in document.pages.iter().enumerate() {
        let new_id = |i: &usize| {
            new_ids
                .get(*i)
                .map_or_else(|| "?".to_owned(), |id| id.get().to_string())
        };
        let raw = RawPage {
            title: page.title.clone(),
            intro: page.intro.clone(),
            entries: page
                .entries
                .iter()
                .map(|i| (new_id(i), "on".to_owned()))
                .collect(),
            // The page keeps the order it had.
            order: page
                .entries
                .iter()
                .enumerate()
                .map(|(position, i)| (new_id(i), (position + 1).to_string()))
                .collect(),
            pix: if page.shows_pix {
                "on".to_owned()
            } else {
                String::new()
            },
            plan: if page.shows_plan {
                "on".to_owned()
            } else {
                String::new()
            },
        };
        let draft =
            PageDraft::parse(&raw, &new_ids).map_err(|_| ArchiveError::InvalidPage(index + 1))?;
        super::showcase_store::insert_page(&mut tx, owner, &draft).await?;
    }
    // The quota counted at the start may have been used by an upload since: all the account's
    // files, the imported ones included, must still fit.
    let used = super::evidence_store::bytes_used(&mut tx, owner).await?;
    if used > budget.evidence.max_bytes_per_account {
        return Err(ReadError::OverQuota {
            needed: used,
            left: budget.evidence.max_bytes_per_account,
        }
        .into());
    }
    let guidance = match guidance {
        Some(guidance) => {
            let today = crate::time::paris_day(now_unix());
            guidance_archive::store::import_in(&mut tx, owner, today, guidance, &new_ids).await?
        }
        None => GuidanceImported::default(),
    };
    tx.commit().await?;
    Ok(ImportSummary {
        entries: new_ids.len(),
        files: file_count,
        pages: document.pages.len(),
        guidance,
    })
}
