//! The skills portfolio: what a student did (entries), tied to competences of the shipped
//! frameworks or to their own skills, with their self-assessment.
//!
//! Everything a form sends arrives as a [`RawEntry`] and becomes an [`EntryDraft`] through
//! [`EntryDraft::parse`], which reports every problem at once, per field, in both languages.

#[cfg(feature = "server")]
pub mod archive;
#[cfg(feature = "archive")]
pub mod archive_reader;
pub mod evidence;
#[cfg(feature = "server")]
pub mod evidence_store;
pub mod feedback;
#[cfg(feature = "server")]
pub mod feedback_store;
pub mod frameworks;
pub mod showcase;
#[cfg(feature = "server")]
pub mod showcase_store;
#[cfg(feature = "server")]
pub mod store;

mod draft;
pub use draft::{
    CompetenceClaim, EntryDraft, EntryField, EntryProblem, FieldError, RawEntry, PLACE_MAX,
    SKILL_MAX, TEXT_MAX, TITLE_MAX,
};

use frameworks::{Frameworks, OWN};
use serde::{Deserialize, Serialize};
use std::fmt;

crate::typed_id!(
    /// One of a pupil's portfolio entries.
    EntryId
);

/// What kind of thing the student did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::VariantArray)]
pub enum EntryKind {
    Experience,
    Project,
    Internship,
    Club,
    Certification,
    SchoolWork,
}

impl EntryKind {
    /// Every variant, in declaration order (derived: a new variant cannot be left out).
    pub const ALL: &'static [EntryKind] = <EntryKind as strum::VariantArray>::VARIANTS;

    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Experience => "experience",
            EntryKind::Project => "project",
            EntryKind::Internship => "internship",
            EntryKind::Club => "club",
            EntryKind::Certification => "certification",
            EntryKind::SchoolWork => "school_work",
        }
    }

    pub fn parse(s: &str) -> Option<EntryKind> {
        EntryKind::ALL.iter().copied().find(|k| k.as_str() == s)
    }
}

/// The student's own assessment of where they are with a competence.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    strum::VariantArray,
)]
pub enum CompetenceStatus {
    Begun,
    InProgress,
    Acquired,
}

impl CompetenceStatus {
    /// Every variant, in declaration order (derived: a new variant cannot be left out).
    pub const ALL: &'static [CompetenceStatus] =
        <CompetenceStatus as strum::VariantArray>::VARIANTS;

    pub fn as_str(self) -> &'static str {
        match self {
            CompetenceStatus::Begun => "begun",
            CompetenceStatus::InProgress => "in_progress",
            CompetenceStatus::Acquired => "acquired",
        }
    }

    pub fn parse(s: &str) -> Option<CompetenceStatus> {
        CompetenceStatus::ALL
            .iter()
            .copied()
            .find(|k| k.as_str() == s)
    }
}

/// A competence of a framework: `crcn:1.1`, `socle:3`, or `own:42` (a student's own skill).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CompetenceRef {
    framework: String,
    code: String,
}

impl CompetenceRef {
    pub fn parse(raw: &str) -> Option<CompetenceRef> {
        let (framework, code) = raw.split_once(':')?;
        let token = |s: &str, extra: char| {
            !s.is_empty()
                && s.len() <= 32
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == extra || c == '-')
        };
        (token(framework, '_') && token(code, '.')).then(|| CompetenceRef {
            framework: framework.to_owned(),
            code: code.to_owned(),
        })
    }

    pub fn own(skill_id: i64) -> CompetenceRef {
        CompetenceRef {
            framework: OWN.to_owned(),
            code: skill_id.to_string(),
        }
    }

    pub fn framework(&self) -> &str {
        &self.framework
    }

    pub fn code(&self) -> &str {
        &self.code
    }

    /// The student's own skill this names, if it is one.
    pub fn own_skill_id(&self) -> Option<i64> {
        (self.framework == OWN)
            .then(|| self.code.parse().ok())
            .flatten()
    }
}

impl fmt::Display for CompetenceRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.framework, self.code)
    }
}

/// A calendar date, `YYYY-MM-DD` (stored so; the text sorts as the date does).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SchoolDate {
    year: u16,
    month: u8,
    day: u8,
}

impl SchoolDate {
    pub fn parse(raw: &str) -> Option<SchoolDate> {
        let raw = raw.trim();
        let mut parts = raw.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        if !raw.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
            return None;
        }
        let year: u16 = y.parse().ok()?;
        let month: u8 = m.parse().ok()?;
        let day: u8 = d.parse().ok()?;
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((1900..=2200).contains(&year) && (1..=days_in_month).contains(&day))
            .then_some(SchoolDate { year, month, day })
    }

    pub fn year(self) -> u16 {
        self.year
    }

    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }
}

impl fmt::Display for SchoolDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for SchoolDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for SchoolDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(d)?;
        SchoolDate::parse(&raw).ok_or_else(|| serde::de::Error::custom("not a YYYY-MM-DD date"))
    }
}

/// A skill a student named themself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnSkill {
    pub id: i64,
    pub name: String,
}

/// A competence link as pages show it; `own_name` is set for a student's own skill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompetenceLinkView {
    pub competence: CompetenceRef,
    pub status: CompetenceStatus,
    pub level: Option<u8>,
    pub own_name: Option<String>,
}

impl CompetenceLinkView {
    /// What the link names: a competence of a shipped framework, an own skill (its name), or
    /// a reference no framework knows any more (shown as stored).
    pub fn names<'a>(&'a self, frameworks: &'a Frameworks) -> LinkedCompetence<'a> {
        if let Some(name) = &self.own_name {
            return LinkedCompetence::Own(name);
        }
        match frameworks.find(&self.competence) {
            Some((_, competence)) => LinkedCompetence::Framework(competence),
            None => LinkedCompetence::Unknown(&self.competence),
        }
    }
}

/// See [`CompetenceLinkView::names`].
pub enum LinkedCompetence<'a> {
    Framework(&'a frameworks::Competence),
    Own(&'a str),
    Unknown(&'a CompetenceRef),
}

/// An entry as its owner sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryView {
    pub id: EntryId,
    pub kind: EntryKind,
    pub title: String,
    pub started_on: SchoolDate,
    pub ended_on: Option<SchoolDate>,
    pub place: String,
    pub description: String,
    pub reflection: String,
    pub position: i64,
    pub updated_at: i64,
    pub competences: Vec<CompetenceLinkView>,
    pub evidence: Vec<evidence::EvidenceView>,
}

impl EntryView {
    /// The form's values for editing this entry.
    pub fn to_raw(&self) -> RawEntry {
        RawEntry {
            kind: self.kind.as_str().to_owned(),
            title: self.title.clone(),
            started_on: self.started_on.to_string(),
            ended_on: self.ended_on.map(|d| d.to_string()).unwrap_or_default(),
            place: self.place.clone(),
            description: self.description.clone(),
            reflection: self.reflection.clone(),
            competences: self
                .competences
                .iter()
                .map(|c| (c.competence.to_string(), c.status.as_str().to_owned()))
                .collect(),
            levels: self
                .competences
                .iter()
                .filter_map(|c| Some((c.competence.to_string(), c.level?.to_string())))
                .collect(),
            new_skill: String::new(),
            new_skill_status: String::new(),
        }
    }
}

/// How many of a student's entries show a competence, and the best status they gave it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompetenceTally {
    pub competence: CompetenceRef,
    pub count: i64,
    pub best: CompetenceStatus,
}

/// Which way to move an entry in the student's own order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Move {
    Up,
    Down,
}

#[cfg(test)]
mod tests;
