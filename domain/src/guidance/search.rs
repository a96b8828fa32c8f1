//! One search box over ONISEP's métiers and formations, for a 12-year-old on an old phone:
//! accents, case and plurals do not matter, one typo per word is forgiven, words are
//! French-stemmed, and the last word may be unfinished (« mecanique auto » finds
//! « automobile »).
//!
//! The engine is `tantivy`, an index in memory built from the database (the `onisep_*` tables):
//! the same behaviour on SQLite and PostgreSQL, a few milliseconds per query at national size,
//! and nothing to run beside the server. Each server builds its own at start and again when an
//! import is newer than its index (`docs/guidance.md` says why this and not each database's
//! full-text search).

/// Results on one page.
pub const PAGE_SIZE: usize = 20;
/// The longest query read (longer is cut): a search box, not a document.
pub const MAX_QUERY_CHARS: usize = 200;
/// Words of a query used; the others are ignored.
pub const MAX_QUERY_WORDS: usize = 8;

/// What a result is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Kind {
    Metier,
    Formation,
}

impl Kind {
    /// Its name in the address (`?type=metier`).
    pub fn code(self) -> &'static str {
        match self {
            Kind::Metier => "metier",
            Kind::Formation => "formation",
        }
    }

    pub fn parse(code: &str) -> Option<Kind> {
        match code {
            "metier" => Some(Kind::Metier),
            "formation" => Some(Kind::Formation),
            _ => None,
        }
    }
}

/// One result.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Hit {
    pub kind: Kind,
    /// `MET.38`, `FOR.2246`.
    pub id: String,
    pub label: String,
    /// A formation's type (« CAP »), empty for a métier.
    pub type_label: String,
    /// A formation's level on leaving (« Bac + 2 »), empty for a métier.
    pub exit_level: String,
    /// A formation's duration (« 2 ans »), empty for a métier.
    pub duration: String,
}

/// What a pupil asks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    pub text: String,
    pub kind: Option<Kind>,
    pub domaine: Option<String>,
    pub type_label: Option<String>,
    pub exit_level: Option<String>,
    /// Formations taught in this académie (as the offers name it), when offers are loaded.
    pub academie: Option<String>,
    /// From 0.
    pub page: usize,
}

/// A page of results.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Found {
    pub hits: Vec<Hit>,
    /// Results in all pages.
    pub total: usize,
}

/// The values the filters offer, in the data.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FilterValues {
    pub domaines: Vec<String>,
    pub type_labels: Vec<String>,
    pub exit_levels: Vec<String>,
    /// The académies where offers are loaded (none: no filter by académie).
    #[serde(default)]
    pub academies: Vec<String>,
}

#[cfg(feature = "server")]
mod index;
#[cfg(feature = "server")]
mod links;
#[cfg(feature = "server")]
pub use index::{newest_import, SearchError, SearchIndex, SharedIndex};
#[cfg(feature = "server")]
pub use links::Links;

#[cfg(all(test, feature = "server"))]
mod tests;
