//! « Mon projet d'orientation », the pupil's own: favourite métiers and formations, each with
//! the pupil's note (« pourquoi ça m'intéresse »). Pupils' data: it names ONISEP's ids and
//! never copies ONISEP's rows (their licence differs), and a favourite whose item ONISEP
//! withdrew stays, said as such.

use super::onisep::{FormationId, MetierId};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A métier or a formation, by its ONISEP id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum ItemId {
    Metier(MetierId),
    Formation(FormationId),
}

impl ItemId {
    pub fn parse(text: &str) -> Option<ItemId> {
        MetierId::parse(text)
            .map(ItemId::Metier)
            .or_else(|| FormationId::parse(text).map(ItemId::Formation))
    }
}

impl fmt::Display for ItemId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ItemId::Metier(id) => id.fmt(f),
            ItemId::Formation(id) => id.fmt(f),
        }
    }
}

impl TryFrom<String> for ItemId {
    type Error = String;
    fn try_from(text: String) -> Result<ItemId, String> {
        ItemId::parse(&text).ok_or_else(|| format!("not a métier or formation id: {text:?}"))
    }
}

impl From<ItemId> for String {
    fn from(id: ItemId) -> String {
        id.to_string()
    }
}

/// The longest note, in characters: a few sentences, on a phone.
pub const NOTE_MAX_CHARS: usize = 500;
/// Favourites a pupil may keep: a plan, not a catalogue.
pub const FAVOURITES_MAX: usize = 100;

/// Why a note is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum NoteProblem {
    TooLong { max: usize },
}

/// The pupil's note on a favourite: trimmed, at most [`NOTE_MAX_CHARS`], may be empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct FavouriteNote(String);

impl FavouriteNote {
    pub fn parse(raw: &str) -> Result<FavouriteNote, NoteProblem> {
        let note = raw.trim();
        if note.chars().count() > NOTE_MAX_CHARS {
            return Err(NoteProblem::TooLong {
                max: NOTE_MAX_CHARS,
            });
        }
        // Line breaks kept as the pupil typed them (\r\n from a form), nothing else invisible.
        Ok(FavouriteNote(
            note.replace("\r\n", "\n")
                .chars()
                .filter(|c| *c == '\n' || !c.is_control())
                .collect(),
        ))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for FavouriteNote {
    type Error = String;
    fn try_from(text: String) -> Result<FavouriteNote, String> {
        FavouriteNote::parse(&text).map_err(|problem| format!("{problem:?}"))
    }
}

impl From<FavouriteNote> for String {
    fn from(note: FavouriteNote) -> String {
        note.0
    }
}

/// A favourite as « mon projet » shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Favourite {
    pub item: ItemId,
    /// ONISEP's label; empty when ONISEP's data no longer has the item at all.
    pub label: String,
    /// A formation's type (« CAP »), empty for a métier.
    pub type_label: String,
    pub note: String,
    /// ONISEP withdrew it (« n'existe plus dans les données ONISEP »).
    pub withdrawn: bool,
    pub updated_at: i64,
}

pub mod archive;
pub mod cohort;
pub mod on_page;
pub mod sharing;
#[cfg(feature = "server")]
pub mod store;
pub mod year;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_notes_are_parsed() {
        assert!(matches!(ItemId::parse("MET.38"), Some(ItemId::Metier(_))));
        assert!(matches!(
            ItemId::parse("FOR.2246"),
            Some(ItemId::Formation(_))
        ));
        assert_eq!(ItemId::parse("ENS.1"), None);
        assert_eq!(ItemId::parse("FOR.2246").unwrap().to_string(), "FOR.2246");
        assert_eq!(
            FavouriteNote::parse("  j'aime les gens \r\n et soigner ")
                .unwrap()
                .as_str(),
            "j'aime les gens \n et soigner"
        );
        assert_eq!(FavouriteNote::parse("a\u{0}b").unwrap().as_str(), "ab");
        assert_eq!(
            FavouriteNote::parse(&"é".repeat(NOTE_MAX_CHARS + 1)),
            Err(NoteProblem::TooLong {
                max: NOTE_MAX_CHARS
            })
        );
        assert!(FavouriteNote::parse(&"é".repeat(NOTE_MAX_CHARS)).is_ok());
        assert!(serde_json::from_str::<ItemId>("\"MET.x\"").is_err());
    }
}
