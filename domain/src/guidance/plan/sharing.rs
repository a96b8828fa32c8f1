//! The plan shared with the counsellors of the pupil's school, and their recommendations: a
//! métier or a formation with a note, which the pupil adds to her favourites or declines.
//! The same grant model as showcase pages: she chooses each counsellor, takes it back when
//! she likes, and each step is a line of her journal.

use super::ItemId;
use crate::guidance::calendar::Decision;
use crate::identity::AccountId;
use crate::portfolio::SchoolDate;
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

crate::typed_id!(
    /// A counsellor's comment on a pupil's plan.
    CommentId
);

crate::typed_id!(
    /// A step a counsellor recommends for one of the pupil's decisions.
    StepRecommendationId
);

/// The longest comment, in characters: a few paragraphs, not a report.
pub const COMMENT_MAX_CHARS: usize = 1000;
/// Comments a plan holds: beyond, an author takes an old one back first.
pub const COMMENTS_MAX: usize = 100;

/// Why a comment is refused; the form says it next to its field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CommentProblem {
    Empty,
    TooLong { max: usize },
}

/// A comment as the counsellor wrote it: trimmed, line breaks kept (at most one empty line in
/// a row), other control characters dropped, 1 to [`COMMENT_MAX_CHARS`] characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentBody(String);

impl CommentBody {
    pub fn parse(raw: &str) -> Result<CommentBody, CommentProblem> {
        let mut lines: Vec<String> = Vec::new();
        for line in raw.lines() {
            let line: String = line.chars().filter(|c| !c.is_control()).collect();
            let line = line.trim_end().to_owned();
            if line.trim().is_empty() && lines.last().is_none_or(|l| l.is_empty()) {
                continue;
            }
            lines.push(if line.trim().is_empty() {
                String::new()
            } else {
                line
            });
        }
        while lines.last().is_some_and(|l| l.is_empty()) {
            lines.pop();
        }
        let body = lines.join("\n");
        let body = body.trim().to_owned();
        if body.is_empty() {
            return Err(CommentProblem::Empty);
        }
        if body.chars().count() > COMMENT_MAX_CHARS {
            return Err(CommentProblem::TooLong {
                max: COMMENT_MAX_CHARS,
            });
        }
        Ok(CommentBody(body))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A comment as the pupil, her guardians and counsellors read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    pub id: CommentId,
    /// The counsellor's name when they wrote it (empty: unknown).
    pub author: String,
    pub body: String,
    pub created_at: i64,
    /// Written by whoever reads the list: they may take it back.
    pub by_reader: bool,
}

/// A step a counsellor recommends; accepted, it becomes one of her steps for that decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepRecommendation {
    pub id: StepRecommendationId,
    pub decision: Decision,
    pub label: String,
    pub due: Option<SchoolDate>,
    pub author: String,
    pub created_at: i64,
    pub answer: Option<Answer>,
}

#[cfg(feature = "server")]
pub mod counsel;
#[cfg(feature = "server")]
pub mod store;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_keep_their_paragraphs_and_nothing_else() {
        let body = CommentBody::parse("  Bonjour Léa,\r\n\r\n\r\n\tTon plan est clair.\u{7}  \n\n")
            .unwrap();
        assert_eq!(body.as_str(), "Bonjour Léa,\n\nTon plan est clair.");
        assert_eq!(CommentBody::parse(" \n\t\r\n"), Err(CommentProblem::Empty));
        // What was kept reads back the same (an archive imports what an export wrote).
        assert_eq!(CommentBody::parse(body.as_str()), Ok(body.clone()));
        let long = "é".repeat(COMMENT_MAX_CHARS);
        assert!(CommentBody::parse(&long).is_ok());
        assert_eq!(
            CommentBody::parse(&format!("{long}e")),
            Err(CommentProblem::TooLong {
                max: COMMENT_MAX_CHARS
            })
        );
    }

    #[test]
    fn answers_read_back() {
        for answer in [Answer::Accepted, Answer::Declined] {
            assert_eq!(Answer::parse(answer.key()), Some(answer));
        }
        assert_eq!(Answer::parse("maybe"), None);
    }
}
