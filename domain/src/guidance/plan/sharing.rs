//! The plan shared with the counsellors of the pupil's school, and their recommendations: a
//! métier or a formation with a note, which the pupil adds to her favourites or declines.
//! The same grant model as showcase pages: she chooses each counsellor, takes it back when
//! she likes, and each step is a line of her journal.

use super::ItemId;
use crate::identity::AccountId;
use serde::{Deserialize, Serialize};

crate::typed_id!(
    /// A counsellor's recommendation to a pupil.
    RecommendationId
);

/// What the pupil answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Answer {
    /// Added to her favourites.
    Accepted,
    Declined,
}

impl Answer {
    pub fn key(self) -> &'static str {
        match self {
            Answer::Accepted => "accepted",
            Answer::Declined => "declined",
        }
    }

    pub fn parse(key: &str) -> Option<Answer> {
        [Answer::Accepted, Answer::Declined]
            .into_iter()
            .find(|a| a.key() == key)
    }
}

/// A recommendation as the pupil (and its author) read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recommendation {
    pub id: RecommendationId,
    pub item: ItemId,
    /// ONISEP's label; empty when ONISEP's data no longer has it.
    pub label: String,
    pub type_label: String,
    pub note: String,
    /// The counsellor's name when they recommended it (empty: unknown).
    pub author: String,
    pub created_at: i64,
    pub answer: Option<Answer>,
}

/// A plan shared with a counsellor, as their list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedPlan {
    pub pupil: AccountId,
    pub name: String,
    /// The level as the identity provider wrote it.
    pub level: Option<String>,
    pub shared_at: i64,
    pub wishes: i64,
    pub favourites: i64,
    /// Recommendations she has not answered yet.
    pub unanswered: i64,
}

/// Recommendations a pupil may have waiting: a counsellor advises, does not flood.
pub const UNANSWERED_MAX: usize = 20;

#[cfg(feature = "server")]
pub mod store;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_read_back() {
        for answer in [Answer::Accepted, Answer::Declined] {
            assert_eq!(Answer::parse(answer.key()), Some(answer));
        }
        assert_eq!(Answer::parse("maybe"), None);
    }
}
