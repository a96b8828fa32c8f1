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

use crate::i18n::Lang;
use frameworks::{Frameworks, OWN};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EntryId(i64);

impl EntryId {
    pub fn from_db(id: i64) -> EntryId {
        EntryId(id)
    }

    pub fn get(self) -> i64 {
        self.0
    }
}

impl fmt::Display for EntryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// What kind of thing the student did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EntryKind {
    Experience,
    Project,
    Internship,
    Club,
    Certification,
    SchoolWork,
}

impl EntryKind {
    pub const ALL: [EntryKind; 6] = [
        EntryKind::Experience,
        EntryKind::Project,
        EntryKind::Internship,
        EntryKind::Club,
        EntryKind::Certification,
        EntryKind::SchoolWork,
    ];

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
        EntryKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (EntryKind::Experience, Lang::Fr) => "Expérience",
            (EntryKind::Experience, Lang::En) => "Experience",
            (EntryKind::Project, Lang::Fr) => "Projet",
            (EntryKind::Project, Lang::En) => "Project",
            (EntryKind::Internship, Lang::Fr) => "Stage",
            (EntryKind::Internship, Lang::En) => "Internship",
            (EntryKind::Club, Lang::Fr) => "Club, association, bénévolat",
            (EntryKind::Club, Lang::En) => "Club, association, volunteering",
            (EntryKind::Certification, Lang::Fr) => "Certification",
            (EntryKind::Certification, Lang::En) => "Certification",
            (EntryKind::SchoolWork, Lang::Fr) => "Travail scolaire",
            (EntryKind::SchoolWork, Lang::En) => "School work",
        }
    }
}

/// The student's own assessment of where they are with a competence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum CompetenceStatus {
    Begun,
    InProgress,
    Acquired,
}

impl CompetenceStatus {
    pub const ALL: [CompetenceStatus; 3] = [
        CompetenceStatus::Begun,
        CompetenceStatus::InProgress,
        CompetenceStatus::Acquired,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CompetenceStatus::Begun => "begun",
            CompetenceStatus::InProgress => "in_progress",
            CompetenceStatus::Acquired => "acquired",
        }
    }

    pub fn parse(s: &str) -> Option<CompetenceStatus> {
        CompetenceStatus::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (CompetenceStatus::Begun, Lang::Fr) => "Commencé",
            (CompetenceStatus::Begun, Lang::En) => "Begun",
            (CompetenceStatus::InProgress, Lang::Fr) => "En cours",
            (CompetenceStatus::InProgress, Lang::En) => "In progress",
            (CompetenceStatus::Acquired, Lang::Fr) => "Acquis",
            (CompetenceStatus::Acquired, Lang::En) => "Acquired",
        }
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

    /// "14/03/2026" in French, "2026-03-14" in English.
    pub fn display(self, lang: Lang) -> String {
        match lang {
            Lang::Fr => format!("{:02}/{:02}/{}", self.day, self.month, self.year),
            Lang::En => self.to_string(),
        }
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

impl EntryProblem {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (EntryProblem::Missing, Lang::Fr) => "Ce champ est obligatoire.".into(),
            (EntryProblem::Missing, Lang::En) => "This field is required.".into(),
            (EntryProblem::TooLong { max }, Lang::Fr) => {
                format!("Ce texte est trop long ({max} caractères au plus).")
            }
            (EntryProblem::TooLong { max }, Lang::En) => {
                format!("This text is too long (at most {max} characters).")
            }
            (EntryProblem::ControlCharacters, Lang::Fr) => {
                "Ce texte contient des caractères invisibles non autorisés.".into()
            }
            (EntryProblem::ControlCharacters, Lang::En) => {
                "This text contains invisible characters that are not allowed.".into()
            }
            (EntryProblem::UnknownKind, Lang::Fr) => "Choisissez un type dans la liste.".into(),
            (EntryProblem::UnknownKind, Lang::En) => "Choose a kind from the list.".into(),
            (EntryProblem::NotADate, Lang::Fr) => {
                "Date invalide : utilisez le format AAAA-MM-JJ.".into()
            }
            (EntryProblem::NotADate, Lang::En) => "Invalid date: use YYYY-MM-DD.".into(),
            (EntryProblem::EndsBeforeStart, Lang::Fr) => {
                "La date de fin est avant la date de début.".into()
            }
            (EntryProblem::EndsBeforeStart, Lang::En) => {
                "The end date is before the start date.".into()
            }
            (EntryProblem::UnknownCompetence(c), Lang::Fr) => format!("Compétence inconnue : {c}."),
            (EntryProblem::UnknownCompetence(c), Lang::En) => format!("Unknown competence: {c}."),
            (EntryProblem::UnknownStatus(c), Lang::Fr) => {
                format!("Statut inconnu pour la compétence {c}.")
            }
            (EntryProblem::UnknownStatus(c), Lang::En) => {
                format!("Unknown status for competence {c}.")
            }
            (EntryProblem::LevelOutOfRange { competence, max }, Lang::Fr) => {
                format!("Le niveau de {competence} doit être entre 1 et {max}.")
            }
            (EntryProblem::LevelOutOfRange { competence, max }, Lang::En) => {
                format!("The level of {competence} must be between 1 and {max}.")
            }
        }
    }
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
    /// "1.1 Mener une recherche…" for a framework competence, the name for an own skill.
    pub fn label(&self, frameworks: &Frameworks, lang: Lang) -> String {
        if let Some(name) = &self.own_name {
            return name.clone();
        }
        match frameworks.find(&self.competence) {
            Some((_, c)) => format!("{} {}", c.code, c.name(lang)),
            None => self.competence.to_string(),
        }
    }
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
mod tests {
    use super::*;

    fn raw() -> RawEntry {
        RawEntry {
            kind: "project".into(),
            title: "  Mini-entreprise « Les Pousses »  ".into(),
            started_on: "2026-01-12".into(),
            ended_on: "2026-06-30".into(),
            place: "Collège Jean Moulin".into(),
            description: "Vente de semis\r\nau marché".into(),
            reflection: "Travailler en équipe".into(),
            competences: [
                ("crcn:2.3".to_owned(), "acquired".to_owned()),
                ("socle:5".to_owned(), "in_progress".to_owned()),
                ("crcn:1.1".to_owned(), String::new()),
            ]
            .into(),
            levels: [("crcn:2.3".to_owned(), "3".to_owned())].into(),
            new_skill: "Vendre au marché".into(),
            new_skill_status: "begun".into(),
        }
    }

    fn problems(raw: &RawEntry) -> Vec<(EntryField, EntryProblem)> {
        let frameworks = Frameworks::shipped().unwrap();
        EntryDraft::parse(raw, &frameworks, &[7])
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.problem))
            .collect()
    }

    #[test]
    fn a_complete_entry_parses() {
        let frameworks = Frameworks::shipped().unwrap();
        let draft = EntryDraft::parse(&raw(), &frameworks, &[]).unwrap();
        assert_eq!(draft.kind(), EntryKind::Project);
        assert_eq!(draft.title(), "Mini-entreprise « Les Pousses »");
        assert_eq!(draft.description(), "Vente de semis\nau marché");
        assert_eq!(draft.started_on().to_string(), "2026-01-12");
        assert_eq!(draft.claims().len(), 2, "an empty status is no link");
        let crcn = draft
            .claims()
            .iter()
            .find(|c| c.competence.to_string() == "crcn:2.3")
            .unwrap();
        assert_eq!(
            (crcn.status, crcn.level),
            (CompetenceStatus::Acquired, Some(3))
        );
        assert_eq!(
            draft.new_skill(),
            Some(("Vendre au marché", CompetenceStatus::Begun))
        );
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let mut bad = raw();
        bad.title = "   ".into();
        bad.kind = "holiday".into();
        bad.ended_on = "2025-12-31".into();
        bad.place = "x".repeat(PLACE_MAX + 1);
        let found = problems(&bad);
        assert!(found.contains(&(EntryField::Title, EntryProblem::Missing)));
        assert!(found.contains(&(EntryField::Kind, EntryProblem::UnknownKind)));
        assert!(found.contains(&(EntryField::EndedOn, EntryProblem::EndsBeforeStart)));
        assert!(found.contains(&(EntryField::Place, EntryProblem::TooLong { max: PLACE_MAX })));
        assert_eq!(found.len(), 4, "{found:?}");
    }

    #[test]
    fn dates_are_real_calendar_dates() {
        assert!(SchoolDate::parse("2024-02-29").is_some());
        for bad in [
            "2025-02-29",
            "2026-13-01",
            "2026-04-31",
            "26-01-01",
            "2026/01/01",
            "",
            "2026-1-1",
        ] {
            assert_eq!(SchoolDate::parse(bad), None, "{bad}");
        }
        assert!(SchoolDate::parse("2026-01-02") < SchoolDate::parse("2026-02-01"));
        let d = SchoolDate::parse("2026-03-04").unwrap();
        assert_eq!(d.display(Lang::Fr), "04/03/2026");
        let mut bad = raw();
        bad.started_on = "31/12/2026".into();
        assert!(problems(&bad).contains(&(EntryField::StartedOn, EntryProblem::NotADate)));
    }

    #[test]
    fn competences_must_exist_with_a_known_status_and_level() {
        let mut bad = raw();
        bad.competences = [
            ("crcn:9.9".to_owned(), "acquired".to_owned()),
            ("own:8".to_owned(), "acquired".to_owned()),
            ("socle:1".to_owned(), "mastered".to_owned()),
            ("socle:2".to_owned(), "begun".to_owned()),
            ("not a ref".to_owned(), "begun".to_owned()),
        ]
        .into();
        bad.levels = [("socle:2".to_owned(), "5".to_owned())].into();
        let found = problems(&bad);
        assert!(found.contains(&(
            EntryField::Competences,
            EntryProblem::UnknownCompetence("crcn:9.9".into())
        )));
        assert!(
            found.contains(&(
                EntryField::Competences,
                EntryProblem::UnknownCompetence("own:8".into())
            )),
            "another student's skill"
        );
        assert!(found.contains(&(
            EntryField::Competences,
            EntryProblem::UnknownStatus("socle:1".into())
        )));
        assert!(found.contains(&(
            EntryField::Competences,
            EntryProblem::LevelOutOfRange {
                competence: "socle:2".into(),
                max: 4
            }
        )));
        assert_eq!(found.len(), 5, "{found:?}");
        let mut own = raw();
        own.competences = [("own:7".to_owned(), "begun".to_owned())].into();
        let frameworks = Frameworks::shipped().unwrap();
        assert!(EntryDraft::parse(&own, &frameworks, &[7]).is_ok());
    }

    #[test]
    fn control_characters_are_refused_but_line_breaks_kept_in_texts() {
        let mut bad = raw();
        bad.title = "a\u{0}b".into();
        bad.reflection = "line\nbreak\u{7}".into();
        let found = problems(&bad);
        assert!(found.contains(&(EntryField::Title, EntryProblem::ControlCharacters)));
        assert!(found.contains(&(EntryField::Reflection, EntryProblem::ControlCharacters)));
        for problem in found {
            assert!(!problem.1.message(Lang::Fr).is_empty());
            assert!(!problem.1.message(Lang::En).is_empty());
        }
    }

    #[test]
    fn competence_refs_parse_strictly() {
        assert_eq!(
            CompetenceRef::parse("own:12").unwrap().own_skill_id(),
            Some(12)
        );
        assert_eq!(
            CompetenceRef::parse("crcn:1.1").unwrap().own_skill_id(),
            None
        );
        for bad in ["crcn", ":1", "crcn:", "crcn:1 1", "cr cn:1", "crcn:<b>"] {
            assert_eq!(CompetenceRef::parse(bad), None, "{bad}");
        }
    }
}
