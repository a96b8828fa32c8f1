//! Reading a portfolio archive (`portfolio.json` and the evidence files under `preuves/`, the
//! format of `docs/portfolio-export.md`) without trusting it: every check that needs no
//! database, in plain synchronous code over any `Read + Seek`, so that the import
//! (`archive::import`) and the fuzz target (`fuzz/fuzz_targets/portfolio_archive.rs`) read an
//! archive the same way. Nothing here allocates more than its limits, whatever the archive
//! claims.

use super::evidence::{sniff, MediaType};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io::{Read, Seek};

pub const FORMAT: &str = "sillage-portfolio";
pub const VERSION: u32 = 1;
pub(crate) const DOCUMENT: &str = "portfolio.json";
/// An export's JSON is text about entries: a few megabytes at most.
const MAX_DOCUMENT_BYTES: u64 = 8 * 1024 * 1024;
const MAX_ENTRIES: usize = 5_000;
/// A pupil's own skills and showcase pages an archive may hold: far more than anyone writes,
/// few enough that one import stays one short transaction (issue 29, § 2).
const MAX_OWN_SKILLS: usize = 1_000;
const MAX_PAGES: usize = 500;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportDocument {
    pub format: String,
    pub version: u32,
    pub exported_at: i64,
    pub frameworks_version: u32,
    pub own_skills: Vec<String>,
    pub entries: Vec<ExportEntry>,
    #[serde(default)]
    pub pages: Vec<ExportPage>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportEntry {
    pub kind: String,
    pub title: String,
    pub started_on: String,
    pub ended_on: Option<String>,
    pub place: String,
    pub description: String,
    pub reflection: String,
    pub competences: Vec<ExportCompetence>,
    pub evidence: Vec<ExportEvidence>,
}

/// `competence` is `crcn:1.1`-style for a framework's, absent for an own skill (`own_skill`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportCompetence {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub competence: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub own_skill: Option<String>,
    pub status: String,
    pub level: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportEvidence {
    /// The path in the archive.
    pub file: String,
    pub file_name: String,
    pub media_type: String,
    pub size: i64,
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportPage {
    pub title: String,
    pub intro: String,
    /// Indexes into `entries`.
    pub entries: Vec<usize>,
    /// Whether the page shows the student's Pix results.
    #[serde(default)]
    pub shows_pix: bool,
    /// Whether the page shows the student's guidance plan (`orientation.json`).
    #[serde(default)]
    pub shows_plan: bool,
}

/// What an archive may hold: each file's size, files per entry, all files together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArchiveLimits {
    pub max_file_bytes: u64,
    pub max_files_per_entry: u64,
    pub max_total_bytes: u64,
}

/// Why an archive cannot be read (the import adds its own reasons: `archive::ArchiveError`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error("not a ZIP archive, or a damaged one (archive illisible)")]
    NotAZip,
    #[error("portfolio.json is missing or not a Sillage portfolio")]
    NotAPortfolio,
    #[error("this archive's format version {0} is not supported")]
    UnsupportedVersion(u32),
    #[error("file {0} is missing, altered, too large or of a refused type")]
    BadFile(String),
    #[error("too many files for one entry ({0})")]
    TooManyFiles(usize),
    /// More members than any export of this instance holds, said by the archive's end record
    /// before its directory is read.
    #[error("the archive holds too many files ({0})")]
    TooManyMembers(u64),
    #[error("the archive's files ({needed} bytes) exceed what is left ({left} bytes)")]
    OverQuota { needed: u64, left: u64 },
}

/// Reads `portfolio.json` and checks, from the members' headers, that every file it names is
/// there once, within its size limit, and that they all fit the budget.
pub fn check_archive<R: Read + Seek>(
    reader: R,
    limits: ArchiveLimits,
) -> Result<(ExportDocument, zip::ZipArchive<R>), ReadError> {
    let mut reader = reader;
    let members = members_in_end_record(&mut reader).ok_or(ReadError::NotAZip)?;
    if members > max_members(limits) {
        return Err(ReadError::TooManyMembers(members));
    }
    let mut archive = zip::ZipArchive::new(reader).map_err(|_| ReadError::NotAZip)?;
    let json = read_limited(&mut archive, DOCUMENT, MAX_DOCUMENT_BYTES)
        .map_err(|_| ReadError::NotAPortfolio)?;
    let document: ExportDocument =
        serde_json::from_slice(&json).map_err(|_| ReadError::NotAPortfolio)?;
    if document.format != FORMAT {
        return Err(ReadError::NotAPortfolio);
    }
    if document.version != VERSION {
        return Err(ReadError::UnsupportedVersion(document.version));
    }
    if document.entries.len() > MAX_ENTRIES
        || document.own_skills.len() > MAX_OWN_SKILLS
        || document.pages.len() > MAX_PAGES
        || document
            .pages
            .iter()
            .any(|page| page.entries.len() > document.entries.len())
    {
        return Err(ReadError::NotAPortfolio);
    }
    let mut seen = std::collections::HashSet::new();
    let mut total: u64 = 0;
    for entry in &document.entries {
        if entry.evidence.len() as u64 > limits.max_files_per_entry {
            return Err(ReadError::TooManyFiles(entry.evidence.len()));
        }
        for file in &entry.evidence {
            // A member named twice would be imported twice (and counted once).
            if !seen.insert(file.file.as_str()) {
                return Err(ReadError::BadFile(file.file.clone()));
            }
            let size = archive
                .by_name(&file.file)
                .map_err(|_| ReadError::BadFile(file.file.clone()))?
                .size();
            if size > limits.max_file_bytes || u64::try_from(file.size).ok() != Some(size) {
                return Err(ReadError::BadFile(file.file.clone()));
            }
            total = total.saturating_add(size);
        }
    }
    if total > limits.max_total_bytes {
        return Err(ReadError::OverQuota {
            needed: total,
            left: limits.max_total_bytes,
        });
    }
    Ok((document, archive))
}

/// The members an export can hold: its documents and every entry's files.
fn max_members(limits: ArchiveLimits) -> u64 {
    (MAX_ENTRIES as u64)
        .saturating_mul(limits.max_files_per_entry)
        .saturating_add(8)
}

/// How many members the archive's end record says it holds (the ZIP64 one when the classic
/// record points to it), read from the file's last bytes before the central directory: the
/// `zip` crate reads the whole directory into memory as it opens an archive. `None`: no end
/// record, not a ZIP.
fn members_in_end_record<R: Read + Seek>(reader: &mut R) -> Option<u64> {
    use std::io::SeekFrom;
    const END: &[u8; 4] = b"PK\x05\x06";
    const END_LEN: u64 = 22;
    const LOCATOR: &[u8; 4] = b"PK\x06\x07";
    const ZIP64_END: &[u8; 4] = b"PK\x06\x06";
    let len = reader.seek(SeekFrom::End(0)).ok()?;
    // The end record is the last 22 bytes, then a comment of at most 65,535.
    let tail_len = len.min(END_LEN + 65_535);
    reader.seek(SeekFrom::Start(len - tail_len)).ok()?;
    let mut tail = vec![0; usize::try_from(tail_len).ok()?];
    reader.read_exact(&mut tail).ok()?;
    let at = (0..=tail.len().checked_sub(END_LEN as usize)?)
        .rev()
        .find(|&i| &tail[i..i + 4] == END)?;
    let u16_at = |i: usize| u16::from_le_bytes([tail[i], tail[i + 1]]);
    let classic = u64::from(u16_at(at + 10));
    // A ZIP64 locator sits just before the end record; its record holds the true count.
    let locator = at.checked_sub(20).filter(|&l| &tail[l..l + 4] == LOCATOR);
    let Some(locator) = locator else {
        return Some(classic);
    };
    let offset = u64::from_le_bytes(tail[locator + 8..locator + 16].try_into().ok()?);
    reader.seek(SeekFrom::Start(offset)).ok()?;
    let mut record = [0u8; 40];
    reader.read_exact(&mut record).ok()?;
    if &record[..4] != ZIP64_END {
        return None;
    }
    let members = u64::from_le_bytes(record[32..40].try_into().ok()?);
    Some(members.max(classic))
}

/// Reads one evidence file the document names: at most `max` bytes whatever its header says,
/// of an accepted type, with the SHA-256 the document gives.
pub fn read_evidence<R: Read + Seek>(
    archive: &mut zip::ZipArchive<R>,
    file: &ExportEvidence,
    max: u64,
) -> Result<(MediaType, Vec<u8>), ReadError> {
    let bytes = read_limited(archive, &file.file, max)?;
    let media = sniff(&bytes).map_err(|_| ReadError::BadFile(file.file.clone()))?;
    if hex::encode(Sha256::digest(&bytes)) != file.sha256 {
        return Err(ReadError::BadFile(file.file.clone()));
    }
    Ok((media, bytes))
}

/// Reads a member the archive may hold (`None` when it has none), at most `max` bytes.
pub fn read_optional<R: Read + Seek>(
    archive: &mut zip::ZipArchive<R>,
    name: &str,
    max: u64,
) -> Result<Option<Vec<u8>>, ReadError> {
    if archive.index_for_name(name).is_none() {
        return Ok(None);
    }
    read_limited(archive, name, max).map(Some)
}

/// Reads a file of the archive, refusing one larger than `max` (whatever its header claims).
fn read_limited<R: Read + Seek>(
    archive: &mut zip::ZipArchive<R>,
    name: &str,
    max: u64,
) -> Result<Vec<u8>, ReadError> {
    let file = archive
        .by_name(name)
        .map_err(|_| ReadError::BadFile(name.to_owned()))?;
    if file.size() > max {
        return Err(ReadError::BadFile(name.to_owned()));
    }
    let mut bytes = Vec::new();
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|_| ReadError::BadFile(name.to_owned()))?;
    if bytes.len() as u64 > max {
        return Err(ReadError::BadFile(name.to_owned()));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};

    const LIMITS: ArchiveLimits = ArchiveLimits {
        max_file_bytes: 1_000,
        max_files_per_entry: 10,
        max_total_bytes: 10_000,
    };

    fn zip_of(names: &[&str]) -> Vec<u8> {
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for name in names {
            out.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            out.write_all(b"x").unwrap();
        }
        out.finish().unwrap().into_inner()
    }

    fn portfolio(own_skills: usize, pages: usize) -> Vec<u8> {
        let document = serde_json::json!({
            "format": FORMAT, "version": VERSION, "exported_at": 0, "frameworks_version": 1,
            "own_skills": (0..own_skills).map(|i| format!("Savoir {i}")).collect::<Vec<_>>(),
            "entries": [],
            "pages": (0..pages).map(|i| serde_json::json!({ "title": format!("Page {i}"), "intro": "", "entries": [] })).collect::<Vec<_>>(),
        });
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        out.start_file(DOCUMENT, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(document.to_string().as_bytes()).unwrap();
        out.finish().unwrap().into_inner()
    }

    /// Every collection of the archive has its count limit, checked before anything is written.
    #[test]
    fn collections_are_counted() {
        assert!(check_archive(Cursor::new(portfolio(1_000, 500)), LIMITS).is_ok());
        for (skills, pages) in [(1_001, 0), (0, 501)] {
            assert_eq!(
                check_archive(Cursor::new(portfolio(skills, pages)), LIMITS).err(),
                Some(ReadError::NotAPortfolio),
                "{skills} skills, {pages} pages"
            );
        }
    }

    fn end_record_at(bytes: &[u8]) -> usize {
        (0..bytes.len() - 21)
            .rev()
            .find(|&i| &bytes[i..i + 4] == b"PK\x05\x06")
            .unwrap()
    }

    #[test]
    fn the_end_record_counts_the_members() {
        let bytes = zip_of(&["a", "b", "c"]);
        assert_eq!(members_in_end_record(&mut Cursor::new(&bytes)), Some(3));
        assert_eq!(members_in_end_record(&mut Cursor::new(b"not a zip")), None);
        assert_eq!(members_in_end_record(&mut Cursor::new(Vec::new())), None);
    }

    /// An end record that claims more members than an export holds is refused before the
    /// directory is read (issue 29, § 6): classic and ZIP64.
    #[test]
    fn too_many_members_are_refused_from_the_end_record() {
        let mut bytes = zip_of(&["portfolio.json"]);
        let end = end_record_at(&bytes);
        bytes[end + 8..end + 12].copy_from_slice(&[0xff, 0xff, 0xff, 0xff]);
        assert_eq!(
            check_archive(Cursor::new(&bytes), LIMITS).err(),
            Some(ReadError::TooManyMembers(65_535))
        );

        // A ZIP64 record (and its locator) before the classic end record: its count rules.
        let mut bytes = zip_of(&["portfolio.json"]);
        let end = end_record_at(&bytes);
        let classic = bytes.split_off(end);
        let record_at = bytes.len() as u64;
        let mut record = Vec::new();
        record.extend_from_slice(b"PK\x06\x06");
        record.extend_from_slice(&44u64.to_le_bytes());
        record.extend_from_slice(&[45, 0, 45, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        record.extend_from_slice(&1_000_000_000u64.to_le_bytes());
        record.extend_from_slice(&1_000_000_000u64.to_le_bytes());
        record.extend_from_slice(&[0; 16]);
        bytes.extend_from_slice(&record);
        bytes.extend_from_slice(b"PK\x06\x07");
        bytes.extend_from_slice(&0u32.to_le_bytes());
        bytes.extend_from_slice(&record_at.to_le_bytes());
        bytes.extend_from_slice(&1u32.to_le_bytes());
        bytes.extend_from_slice(&classic);
        assert_eq!(
            members_in_end_record(&mut Cursor::new(&bytes)),
            Some(1_000_000_000)
        );
        assert_eq!(
            check_archive(Cursor::new(&bytes), LIMITS).err(),
            Some(ReadError::TooManyMembers(1_000_000_000))
        );
    }
}
