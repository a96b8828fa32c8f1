//! Counsellor feedback: a student shares a showcase page with a counsellor of their school;
//! the counsellor reads it (journaled), comments on its entries, and may mark an entry
//! « vérifié »; the student reads and answers on the entry's page.

use serde::{Deserialize, Serialize};

/// Someone named on a page: a counsellor to share with, a comment's author.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub id: crate::identity::AccountId,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentView {
    pub id: i64,
    pub author: String,
    /// Written by the entry's student (an answer), not by a counsellor.
    pub by_student: bool,
    pub body: String,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verification {
    pub by: String,
    pub at: i64,
}

/// A page shared with the signed-in counsellor, in their list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceivedPage {
    pub page_id: i64,
    pub title: String,
    pub student: String,
}

pub const COMMENT_MAX: usize = 2_000;

/// A comment's text, trimmed, 1 to 2,000 characters, line breaks allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentBody(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CommentProblem {
    Empty,
    TooLong,
    ControlCharacters,
}

impl CommentBody {
    pub fn parse(raw: &str) -> Result<CommentBody, CommentProblem> {
        let text = raw.trim().replace("\r\n", "\n");
        if text.is_empty() {
            Err(CommentProblem::Empty)
        } else if text.chars().count() > COMMENT_MAX {
            Err(CommentProblem::TooLong)
        } else if text
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t')
        {
            Err(CommentProblem::ControlCharacters)
        } else {
            Ok(CommentBody(text))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_are_trimmed_bounded_text() {
        assert_eq!(
            CommentBody::parse("  Bravo !\r\nContinue. ")
                .unwrap()
                .as_str(),
            "Bravo !\nContinue."
        );
        assert_eq!(CommentBody::parse(" \n "), Err(CommentProblem::Empty));
        assert_eq!(
            CommentBody::parse(&"a".repeat(2001)),
            Err(CommentProblem::TooLong)
        );
        assert_eq!(
            CommentBody::parse("a\u{1b}[31m"),
            Err(CommentProblem::ControlCharacters)
        );
        assert!(CommentBody::parse(&"é".repeat(2000)).is_ok());
    }
}
