//! The pupil's guidance data in her portfolio archive: `orientation.json` (format
//! `sillage-guidance`, version 1, described in `docs/portfolio-export.md`) beside
//! `portfolio.json`. It names ONISEP's ids, never ONISEP's rows (their licence differs). An
//! instance that does not know the member ignores it; an archive without it imports as before.
//!
//! Imported in the portfolio import's transaction: a limit passed (favourites, wishes, steps)
//! refuses the whole import; what this instance cannot place — an ONISEP id its data does not
//! hold, a domaine it does not have, an option its calendar no longer offers — is left out and
//! counted, since instances load ONISEP's files at different dates.

use serde::{Deserialize, Serialize};

pub const FORMAT: &str = "sillage-guidance";
pub const VERSION: u32 = 1;
/// Its name in the archive.
pub const DOCUMENT: &str = "orientation.json";
/// The document is a few kilobytes: a generous bound on what is read.
pub const MAX_DOCUMENT_BYTES: u64 = 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct GuidanceDocument {
    pub format: String,
    pub version: u32,
    #[serde(default)]
    pub favourites: Vec<ExportFavourite>,
    /// ONISEP domaines she chose.
    #[serde(default)]
    pub interests: Vec<String>,
    /// Suggestions she set aside (ONISEP ids).
    #[serde(default)]
    pub dismissed: Vec<String>,
    #[serde(default)]
    pub wishes: Vec<ExportWishes>,
    #[serde(default)]
    pub steps: Vec<ExportStep>,
    #[serde(default)]
    pub recommendations: Vec<ExportRecommendation>,
    /// Counsellors' comments on her plan (added to version 1 on 2026-12-07: an older document
    /// has none, an older instance ignores them).
    #[serde(default)]
    pub comments: Vec<ExportComment>,
    /// Steps counsellors recommended (added with `comments`).
    #[serde(default)]
    pub recommended_steps: Vec<ExportStepRecommendation>,
    /// Portfolio entries backing a wish (added with `comments`).
    #[serde(default)]
    pub wish_evidence: Vec<ExportWishEvidence>,
}

/// A portfolio entry attached to a wish.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportWishEvidence {
    pub decision: String,
    /// The wish: an option code or `FOR.n`, as in `wishes`.
    pub choice: String,
    /// The entry's index in `portfolio.json`'s `entries` (from 0).
    pub entry: usize,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportFavourite {
    /// `MET.n` or `FOR.n`.
    pub item: String,
    pub note: String,
}

/// A decision's wishes, in her order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportWishes {
    /// `apres-3e`, `specialites-1re`, `specialites-terminale`, `parcoursup`.
    pub decision: String,
    /// Option codes of the calendar (`2de-gt`) or `FOR.n`.
    pub choices: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportStep {
    pub decision: String,
    pub label: String,
    /// `YYYY-MM-DD`.
    pub due: Option<String>,
    pub done: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportRecommendation {
    pub item: String,
    pub note: String,
    /// The counsellor's name.
    pub author: String,
    /// Unix seconds.
    pub created_at: i64,
    /// `accepted`, `declined`, or none yet.
    pub answer: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportComment {
    /// The counsellor's name.
    pub author: String,
    /// Paragraphs separated by an empty line.
    pub body: String,
    /// Unix seconds.
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportStepRecommendation {
    pub decision: String,
    pub label: String,
    /// `YYYY-MM-DD`.
    pub due: Option<String>,
    /// The counsellor's name.
    pub author: String,
    /// Unix seconds.
    pub created_at: i64,
    /// `accepted` (the step is among `steps`), `declined`, or none yet.
    pub answer: Option<String>,
}

/// What an import added, and what it left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct GuidanceImported {
    /// Favourites, interests, wishes, steps and recommendations added.
    pub added: usize,
    /// What this instance's data cannot place (an unknown ONISEP id, domaine or option).
    pub left_out: usize,
}

/// A document's bytes, when they are a `sillage-guidance` document of this version (values
/// are checked as they are added: `store::import_in`). What the import and the fuzz target
/// read.
pub fn parse(bytes: &[u8]) -> Option<GuidanceDocument> {
    if bytes.len() as u64 > MAX_DOCUMENT_BYTES {
        return None;
    }
    let document: GuidanceDocument = serde_json::from_slice(bytes).ok()?;
    (document.format == FORMAT && document.version == VERSION).then_some(document)
}

#[cfg(feature = "server")]
pub mod store;
