//! An entry as a form sends it ([`RawEntry`]) and as it is kept ([`EntryDraft`]):
//! [`EntryDraft::parse`] reports every problem at once, per field.

use super::frameworks::Frameworks;
use super::{CompetenceRef, CompetenceStatus, EntryKind, SchoolDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What the entry form sends, unchecked. `competences` maps a competence (`crcn:1.1`) to the
/// status chosen (`acquired`, or empty for "not linked"); `levels` to a level number.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawEntry {
    pub kind: String,
    pub title: String,
    pub started_on: String,
    #[serde(default)]
    pub ended_on: String,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub reflection: String,
    #[serde(default)]
    pub competences: BTreeMap<String, String>,
    #[serde(default)]
    pub levels: BTreeMap<String, String>,
    /// A new skill of the student's own, linked to this entry.
    #[serde(default)]
    pub new_skill: String,
    #[serde(default)]
    pub new_skill_status: String,
}

/// One link from an entry to a competence, as the student assessed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompetenceClaim {
    pub competence: CompetenceRef,
    pub status: CompetenceStatus,
    pub level: Option<u8>,
}

/// A checked entry, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryDraft {
    kind: EntryKind,
    title: String,
    started_on: SchoolDate,
    ended_on: Option<SchoolDate>,
    place: String,
    description: String,
    reflection: String,
    claims: Vec<CompetenceClaim>,
    new_skill: Option<(String, CompetenceStatus)>,
}

/// A field of the entry form, as the form names it (so the page can put the message next to it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EntryField {
    Kind,
    Title,
    StartedOn,
    EndedOn,
    Place,
    Description,
    Reflection,
    Competences,
    NewSkill,
}

impl EntryField {
    pub fn name(self) -> &'static str {
        match self {
            EntryField::Kind => "kind",
            EntryField::Title => "title",
            EntryField::StartedOn => "started_on",
            EntryField::EndedOn => "ended_on",
            EntryField::Place => "place",
            EntryField::Description => "description",
            EntryField::Reflection => "reflection",
            EntryField::Competences => "competences",
            EntryField::NewSkill => "new_skill",
        }
    }
}

/// What is wrong with a field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum EntryProblem {
    Missing,
    TooLong { max: usize },
    ControlCharacters,
    UnknownKind,
    NotADate,
    EndsBeforeStart,
    UnknownCompetence(String),
    UnknownStatus(String),
    LevelOutOfRange { competence: String, max: u8 },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: EntryField,
    pub problem: EntryProblem,
}

pub const TITLE_MAX: usize = 200;
pub const PLACE_MAX: usize = 200;
pub const TEXT_MAX: usize = 10_000;
pub const SKILL_MAX: usize = 120;

/// Trims, and checks length and characters (line breaks allowed only in long texts).
fn clean_text(
    raw: &str,
    max: usize,
    multiline: bool,
    required: bool,
) -> Result<String, EntryProblem> {
    let text = raw.trim().replace("\r\n", "\n");
    if required && text.is_empty() {
        return Err(EntryProblem::Missing);
    }
    if text.chars().count() > max {
        return Err(EntryProblem::TooLong { max });
    }
    if text
        .chars()
        .any(|c| c.is_control() && !(multiline && (c == '\n' || c == '\t')))
    {
        return Err(EntryProblem::ControlCharacters);
    }
    Ok(text)
}

impl EntryDraft {
    /// Checks every field against the frameworks; `own_skills` are the ids of the student's own
    /// skills (another student's skill is an unknown competence).
    pub fn parse(
        raw: &RawEntry,
        frameworks: &Frameworks,
        own_skills: &[i64],
    ) -> Result<EntryDraft, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut check = |field: EntryField, result: Result<String, EntryProblem>| match result {
            Ok(text) => text,
            Err(problem) => {
                errors.push(FieldError { field, problem });
                String::new()
            }
        };
        let title = check(
            EntryField::Title,
            clean_text(&raw.title, TITLE_MAX, false, true),
        );
        let place = check(
            EntryField::Place,
            clean_text(&raw.place, PLACE_MAX, false, false),
        );
        let description = check(
            EntryField::Description,
            clean_text(&raw.description, TEXT_MAX, true, false),
        );
        let reflection = check(
            EntryField::Reflection,
            clean_text(&raw.reflection, TEXT_MAX, true, false),
        );
        let new_skill_name = check(
            EntryField::NewSkill,
            clean_text(&raw.new_skill, SKILL_MAX, false, false),
        );
        let kind = EntryKind::parse(raw.kind.trim());
        if kind.is_none() {
            errors.push(FieldError {
                field: EntryField::Kind,
                problem: EntryProblem::UnknownKind,
            });
        }
        let started_on = if raw.started_on.trim().is_empty() {
            errors.push(FieldError {
                field: EntryField::StartedOn,
                problem: EntryProblem::Missing,
            });
            None
        } else {
            let date = SchoolDate::parse(&raw.started_on);
            if date.is_none() {
                errors.push(FieldError {
                    field: EntryField::StartedOn,
                    problem: EntryProblem::NotADate,
                });
            }
            date
        };
        let ended_on = if raw.ended_on.trim().is_empty() {
            None
        } else {
            let date = SchoolDate::parse(&raw.ended_on);
            match (date, started_on) {
                (None, _) => errors.push(FieldError {
                    field: EntryField::EndedOn,
                    problem: EntryProblem::NotADate,
                }),
                (Some(end), Some(start)) if end < start => errors.push(FieldError {
                    field: EntryField::EndedOn,
                    problem: EntryProblem::EndsBeforeStart,
                }),
                _ => {}
            }
            date
        };

        let mut claims = Vec::new();
        for (key, status) in &raw.competences {
            let status = status.trim();
            if status.is_empty() {
                continue;
            }
            let competence_problem = |problem| FieldError {
                field: EntryField::Competences,
                problem,
            };
            let Some(competence) = CompetenceRef::parse(key) else {
                errors.push(competence_problem(EntryProblem::UnknownCompetence(
                    key.chars().take(40).collect(),
                )));
                continue;
            };
            let max_level = match competence.own_skill_id() {
                Some(id) if own_skills.contains(&id) => None,
                Some(_) => {
                    errors.push(competence_problem(EntryProblem::UnknownCompetence(
                        key.clone(),
                    )));
                    continue;
                }
                None => match frameworks.find(&competence) {
                    Some((framework, _)) => Some(framework.levels),
                    None => {
                        errors.push(competence_problem(EntryProblem::UnknownCompetence(
                            key.clone(),
                        )));
                        continue;
                    }
                },
            };
            let Some(status) = CompetenceStatus::parse(status) else {
                errors.push(competence_problem(EntryProblem::UnknownStatus(key.clone())));
                continue;
            };
            let level = match raw.levels.get(key).map(|l| l.trim()).unwrap_or("") {
                "" => None,
                level => match (level.parse::<u8>(), max_level) {
                    (Ok(level), Some(max)) if (1..=max).contains(&level) => Some(level),
                    (_, max) => {
                        errors.push(competence_problem(EntryProblem::LevelOutOfRange {
                            competence: key.clone(),
                            max: max.unwrap_or(0),
                        }));
                        continue;
                    }
                },
            };
            claims.push(CompetenceClaim {
                competence,
                status,
                level,
            });
        }
        let new_skill = if new_skill_name.is_empty() {
            None
        } else {
            let status = match raw.new_skill_status.trim() {
                "" => Some(CompetenceStatus::InProgress),
                s => CompetenceStatus::parse(s),
            };
            if status.is_none() {
                errors.push(FieldError {
                    field: EntryField::NewSkill,
                    problem: EntryProblem::UnknownStatus(new_skill_name.clone()),
                });
            }
            status.map(|status| (new_skill_name, status))
        };

        match (kind, started_on) {
            (Some(kind), Some(started_on)) if errors.is_empty() => Ok(EntryDraft {
                kind,
                title,
                started_on,
                ended_on,
                place,
                description,
                reflection,
                claims,
                new_skill,
            }),
            _ => Err(errors),
        }
    }

    pub fn kind(&self) -> EntryKind {
        self.kind
    }
    pub fn title(&self) -> &str {
        &self.title
    }
    pub fn started_on(&self) -> SchoolDate {
        self.started_on
    }
    pub fn ended_on(&self) -> Option<SchoolDate> {
        self.ended_on
    }
    pub fn place(&self) -> &str {
        &self.place
    }
    pub fn description(&self) -> &str {
        &self.description
    }
    pub fn reflection(&self) -> &str {
        &self.reflection
    }
    pub fn claims(&self) -> &[CompetenceClaim] {
        &self.claims
    }
    /// A skill of the student's own to create (or reuse, by name) and link.
    pub fn new_skill(&self) -> Option<(&str, CompetenceStatus)> {
        self.new_skill.as_ref().map(|(name, s)| (name.as_str(), *s))
    }
}
