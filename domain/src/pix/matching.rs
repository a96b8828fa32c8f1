//! Which pupil each line of a Pix Orga export is, and what importing it would do: the preview
//! a counsellor reads before confirming, computed the same way when they confirm.
//!
//! A line is matched by the pupil's Sillage identifier when the campaign asked for it as its
//! external id (`SIL-` and the account number, shown on the pupil's Pix page) and the names
//! agree; otherwise by name among the pupils of the counsellor's schools, a class from an
//! earlier import telling homonyms apart. Anything else is left for the counsellor, with why.

use super::orga_csv::{Campaign, CsvProblem, ParticipantRow};
use super::results::CompetenceScore;
use crate::text::fold_words;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A pupil the counsellor may import results for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pupil {
    pub id: i64,
    pub given_name: String,
    pub family_name: String,
    /// Classes earlier campaign files gave for this pupil.
    pub known_classes: Vec<String>,
}

/// The identifier a pupil types as a campaign's external id.
pub fn sillage_id(account: i64) -> String {
    format!("SIL-{account}")
}

fn parse_sillage_id(raw: &str) -> Option<i64> {
    let rest = raw.trim().to_ascii_uppercase();
    rest.strip_prefix("SIL-")?.parse().ok()
}

fn class_key(class: &str) -> String {
    fold_words(class).replace(' ', "")
}

/// How a line was tied to its pupil.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MatchedBy {
    SillageId,
    Name,
    NameAndClass,
}

/// Why a line has no pupil.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Unresolved {
    /// No pupil of the counsellor's schools has this name.
    NoPupil,
    /// Several have it, and no class tells them apart.
    Homonyms(u32),
    /// The Sillage identifier is a pupil of another name (a typo, or someone else's id).
    IdNameMismatch,
    /// Another line of the file is the same pupil.
    SamePupilTwice { first_line: u64 },
}

/// Why a matched line changes nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Skipped {
    /// The pupil did not send their profile (`Envoi (O/N)` = Non): the file has no results.
    NotShared,
    /// The same result is already there (this file, or an identical one, was imported).
    Unchanged,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum LineOutcome {
    Create {
        pupil: i64,
        by: MatchedBy,
    },
    /// The pupil has this campaign's result already, with other values (they shared again).
    Update {
        pupil: i64,
        by: MatchedBy,
    },
    Skip {
        pupil: Option<i64>,
        why: Skipped,
    },
    Unresolved(Unresolved),
}

/// One line of the preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedLine {
    pub line: u64,
    /// The participant as the file names them.
    pub participant: String,
    pub class: Option<String>,
    /// The pupil's name in Sillage, when matched.
    pub pupil_name: Option<String>,
    pub outcome: LineOutcome,
}

/// What an export would do: every line counted, the lines to show in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPlan {
    pub lines: Vec<PlannedLine>,
    pub created: u32,
    pub updated: u32,
    pub skipped: u32,
    pub unresolved: u32,
    /// Lines counted but not kept in `lines` (see [`ImportPlan::add`]).
    pub lines_not_shown: u32,
}

/// A result already stored for this campaign: `(id, date, total, scores as stored)` (to tell
/// "unchanged" from "update").
pub type StoredCampaignResult = (i64, String, Option<u16>, String);

/// The values a line would store: `(date, total, scores)`.
pub fn line_values(
    row: &ParticipantRow,
    today: &str,
) -> (String, Option<u16>, Vec<CompetenceScore>) {
    let mut scores: Vec<CompetenceScore> = row
        .competences
        .iter()
        .map(|(code, level, pix)| CompetenceScore {
            code: code.clone(),
            level: level.get(),
            pix: Some(pix.get()),
        })
        .collect();
    scores.sort_by(|a, b| a.code.cmp(&b.code));
    (
        row.shared_on.clone().unwrap_or_else(|| today.to_owned()),
        row.total_pix,
        scores,
    )
}

struct Directory<'a> {
    by_id: HashMap<i64, &'a Pupil>,
    by_name: HashMap<(String, String), Vec<&'a Pupil>>,
}

impl<'a> Directory<'a> {
    fn new(pupils: &'a [Pupil]) -> Directory<'a> {
        let mut by_name: HashMap<(String, String), Vec<&Pupil>> = HashMap::new();
        for pupil in pupils {
            by_name
                .entry((
                    fold_words(&pupil.family_name),
                    fold_words(&pupil.given_name),
                ))
                .or_default()
                .push(pupil);
        }
        Directory {
            by_id: pupils.iter().map(|p| (p.id, p)).collect(),
            by_name,
        }
    }

    fn find(&self, row: &ParticipantRow) -> Result<(&'a Pupil, MatchedBy), Unresolved> {
        let name = (fold_words(&row.last_name), fold_words(&row.first_name));
        let by_id = row
            .external_id
            .as_deref()
            .and_then(parse_sillage_id)
            .and_then(|id| self.by_id.get(&id));
        if let Some(pupil) = by_id {
            let same_name = (
                fold_words(&pupil.family_name),
                fold_words(&pupil.given_name),
            ) == name;
            return if same_name {
                Ok((*pupil, MatchedBy::SillageId))
            } else {
                Err(Unresolved::IdNameMismatch)
            };
        }
        let namesakes = self.by_name.get(&name).map(Vec::as_slice).unwrap_or(&[]);
        match namesakes {
            [] => Err(Unresolved::NoPupil),
            [pupil] => Ok((*pupil, MatchedBy::Name)),
            several => {
                let in_class: Vec<&&Pupil> = match &row.class {
                    Some(class) => {
                        let class = class_key(class);
                        several
                            .iter()
                            .filter(|p| p.known_classes.iter().any(|k| class_key(k) == class))
                            .collect()
                    }
                    None => Vec::new(),
                };
                match in_class.as_slice() {
                    [pupil] => Ok((**pupil, MatchedBy::NameAndClass)),
                    _ => Err(Unresolved::Homonyms(several.len() as u32)),
                }
            }
        }
    }
}

/// Decides the lines of an export one at a time, in file order: preview and import feed it
/// the draft's lines as they decode them, so neither holds the whole file.
pub struct Planner<'a> {
    directory: Directory<'a>,
    stored: &'a HashMap<i64, StoredCampaignResult>,
    today: &'a str,
    /// The first line each pupil was matched on (a second line for them is unresolved).
    seen: HashMap<i64, u64>,
}

impl<'a> Planner<'a> {
    /// A planner for `pupils`, given the campaign's results already stored (by pupil).
    pub fn new(
        pupils: &'a [Pupil],
        stored: &'a HashMap<i64, StoredCampaignResult>,
        today: &'a str,
    ) -> Planner<'a> {
        Planner {
            directory: Directory::new(pupils),
            stored,
            today,
            seen: HashMap::new(),
        }
    }

    /// What importing `row` would do, and the matched pupil's name.
    pub fn decide(&mut self, row: &ParticipantRow) -> (LineOutcome, Option<String>) {
        let found =
            self.directory
                .find(row)
                .and_then(|(pupil, by)| match self.seen.get(&pupil.id) {
                    Some(first_line) => Err(Unresolved::SamePupilTwice {
                        first_line: *first_line,
                    }),
                    None => {
                        self.seen.insert(pupil.id, row.line);
                        Ok((pupil, by))
                    }
                });
        match found {
            Err(why) => (LineOutcome::Unresolved(why), None),
            Ok((pupil, by)) => {
                let name = format!("{} {}", pupil.given_name, pupil.family_name);
                let outcome = if !row.shared || row.competences.is_empty() {
                    LineOutcome::Skip {
                        pupil: Some(pupil.id),
                        why: Skipped::NotShared,
                    }
                } else {
                    let (date, total, scores) = line_values(row, self.today);
                    match self.stored.get(&pupil.id) {
                        None => LineOutcome::Create {
                            pupil: pupil.id,
                            by,
                        },
                        Some((_, stored_date, stored_total, stored_scores))
                            if *stored_date == date
                                && *stored_total == total
                                && *stored_scores == super::results::encode_scores(&scores) =>
                        {
                            LineOutcome::Skip {
                                pupil: Some(pupil.id),
                                why: Skipped::Unchanged,
                            }
                        }
                        Some(_) => LineOutcome::Update {
                            pupil: pupil.id,
                            by,
                        },
                    }
                };
                (outcome, Some(name))
            }
        }
    }
}

impl ImportPlan {
    /// Counts `row`'s outcome, and keeps its line while fewer than `shown` of its sort (needing
    /// attention, or not) are kept: the counts cover every line, the page shows a bounded part.
    pub fn add(
        &mut self,
        row: &ParticipantRow,
        outcome: LineOutcome,
        pupil_name: Option<String>,
        shown: usize,
    ) {
        let seen_of_its_sort = match outcome {
            LineOutcome::Create { .. } => {
                self.created += 1;
                self.created + self.updated + self.skipped
            }
            LineOutcome::Update { .. } => {
                self.updated += 1;
                self.created + self.updated + self.skipped
            }
            LineOutcome::Skip { .. } => {
                self.skipped += 1;
                self.created + self.updated + self.skipped
            }
            LineOutcome::Unresolved(_) => {
                self.unresolved += 1;
                self.unresolved
            }
        };
        if seen_of_its_sort as usize > shown {
            self.lines_not_shown += 1;
            return;
        }
        self.lines.push(PlannedLine {
            line: row.line,
            participant: format!("{} {}", row.first_name, row.last_name),
            class: row.class.clone(),
            pupil_name,
            outcome,
        });
    }
}

/// The whole preview of importing `rows` for `pupils`, every line kept.
pub fn plan(
    rows: &[ParticipantRow],
    pupils: &[Pupil],
    stored: &HashMap<i64, StoredCampaignResult>,
    today: &str,
) -> ImportPlan {
    let mut planner = Planner::new(pupils, stored, today);
    let mut plan = ImportPlan::default();
    for row in rows {
        let (outcome, pupil_name) = planner.decide(row);
        plan.add(row, outcome, pupil_name, usize::MAX);
    }
    plan
}

impl LineOutcome {
    /// A short class name for styling and tests: `cree`, `maj`, `ignore`, `non-rattache`.
    pub fn kind(&self) -> &'static str {
        match self {
            LineOutcome::Create { .. } => "cree",
            LineOutcome::Update { .. } => "maj",
            LineOutcome::Skip { .. } => "ignore",
            LineOutcome::Unresolved(_) => "non-rattache",
        }
    }
}

/// What the counsellor reads before confirming.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPreview {
    pub draft: i64,
    pub file_name: String,
    pub campaign: Option<Campaign>,
    /// The first problems in the file: when there are any, nothing can be imported.
    pub problems: Vec<CsvProblem>,
    /// Every problem found (more than `problems` lists when the file is wrong throughout).
    pub problem_count: usize,
    pub plan: ImportPlan,
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSummary {
    pub created: u32,
    pub updated: u32,
    pub skipped: u32,
    pub unresolved: u32,
}

#[cfg(test)]
mod tests;
