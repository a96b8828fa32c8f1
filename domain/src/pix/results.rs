//! A student's Pix results as the pages show them, and what is derived from their history:
//! the latest result, the current level of each competence, its progression, a summary per
//! CRCN domain, a "next step" per competence, and a class's distribution of levels.

use super::{CertificationLevel, ResultSource, MAX_LEVEL, PIX_PER_LEVEL};
use crate::portfolio::frameworks::Framework;
use serde::{Deserialize, Serialize};

/// One competence in one result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompetenceScore {
    /// The CRCN code, `1.1` to `5.2`.
    pub code: String,
    pub level: u8,
    /// Unknown for a certification (its certificate prints levels only).
    pub pix: Option<u16>,
}

/// A certification's outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Certification {
    pub score: u16,
    pub level: CertificationLevel,
    pub verification_code: String,
}

/// One dated result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PixResult {
    pub id: super::PixResultId,
    /// `YYYY-MM-DD`.
    pub taken_on: String,
    /// When, to the minute (Unix seconds), where the source says (current Pix Orga exports).
    pub taken_at: Option<i64>,
    pub source: ResultSource,
    pub total_pix: Option<u16>,
    /// The highest level Pix allowed on that date.
    pub max_level: u8,
    pub certification: Option<Certification>,
    /// By code; competences the result does not give are absent.
    pub competences: Vec<CompetenceScore>,
}

impl PixResult {
    pub fn level_of(&self, code: &str) -> Option<u8> {
        self.competences
            .iter()
            .find(|c| c.code == code)
            .map(|c| c.level)
    }
    pub fn pix_of(&self, code: &str) -> Option<u16> {
        self.competences
            .iter()
            .find(|c| c.code == code)
            .and_then(|c| c.pix)
    }
    /// The highest total this result could have had (16 competences at its maximum level).
    pub fn max_total(&self) -> u16 {
        super::max_reachable_total(self.max_level)
    }
}

/// A student's results, oldest first (by date, then by order of recording).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PixHistory {
    pub results: Vec<PixResult>,
}

/// The current state of one competence: its level, from the newest result that gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentLevel {
    pub code: String,
    pub level: u8,
    pub pix: Option<u16>,
    /// The level before that (in the previous result giving this competence), if any.
    pub previous: Option<u8>,
    pub taken_on: String,
}

impl PixHistory {
    /// Sorts into the history's order.
    pub fn new(mut results: Vec<PixResult>) -> PixHistory {
        results.sort_by(|a, b| {
            (a.taken_on.as_str(), a.taken_at.unwrap_or(0), a.id).cmp(&(
                b.taken_on.as_str(),
                b.taken_at.unwrap_or(0),
                b.id,
            ))
        });
        PixHistory { results }
    }

    pub fn latest(&self) -> Option<&PixResult> {
        self.results.last()
    }

    pub fn latest_certification(&self) -> Option<(&PixResult, &Certification)> {
        self.results
            .iter()
            .rev()
            .find_map(|r| r.certification.as_ref().map(|c| (r, c)))
    }

    /// Each competence of `framework` as it stands today (level 0 when never measured).
    pub fn current_levels(&self, framework: &Framework) -> Vec<CurrentLevel> {
        framework
            .competences()
            .map(|competence| {
                let mut measured = self.results.iter().rev().filter_map(|r| {
                    r.competences
                        .iter()
                        .find(|c| c.code == competence.code)
                        .map(|c| (r, c))
                });
                match measured.next() {
                    Some((result, score)) => CurrentLevel {
                        code: competence.code.clone(),
                        level: score.level,
                        pix: score.pix,
                        previous: measured.next().map(|(_, c)| c.level),
                        taken_on: result.taken_on.clone(),
                    },
                    None => CurrentLevel {
                        code: competence.code.clone(),
                        level: 0,
                        pix: None,
                        previous: None,
                        taken_on: String::new(),
                    },
                }
            })
            .collect()
    }

    /// The dated levels of one competence, oldest first.
    pub fn progression(&self, code: &str) -> Vec<(String, u8)> {
        self.results
            .iter()
            .filter_map(|r| r.level_of(code).map(|level| (r.taken_on.clone(), level)))
            .collect()
    }

    /// The dated totals (results that have one), oldest first, with the scale of their day.
    pub fn totals(&self) -> Vec<(String, u16, u16)> {
        self.results
            .iter()
            .filter_map(|r| r.total_pix.map(|t| (r.taken_on.clone(), t, r.max_total())))
            .collect()
    }
}

/// One CRCN domain, summarised.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DomainSummary {
    pub code: String,
    pub name_fr: String,
    pub name_en: String,
    pub average_level: f32,
    /// The competence of the domain with the lowest level (the one to work on first).
    pub weakest: Option<String>,
    pub strongest: Option<String>,
}

/// The domains of `framework` with the average of their competences' current levels.
pub fn domain_summary(framework: &Framework, current: &[CurrentLevel]) -> Vec<DomainSummary> {
    framework
        .groups
        .iter()
        .map(|group| {
            let levels: Vec<&CurrentLevel> = group
                .competences
                .iter()
                .filter_map(|c| current.iter().find(|l| l.code == c.code))
                .collect();
            let sum: u32 = levels.iter().map(|l| u32::from(l.level)).sum();
            let average_level = if levels.is_empty() {
                0.0
            } else {
                sum as f32 / levels.len() as f32
            };
            // The first of equals, in the framework's order.
            let weakest = levels
                .iter()
                .fold(None::<&&CurrentLevel>, |best, l| match best {
                    Some(b) if b.level <= l.level => Some(b),
                    _ => Some(l),
                })
                .map(|l| l.code.clone());
            let strongest = levels
                .iter()
                .fold(None::<&&CurrentLevel>, |best, l| match best {
                    Some(b) if b.level >= l.level => Some(b),
                    _ => Some(l),
                })
                .map(|l| l.code.clone());
            DomainSummary {
                code: group.code.clone(),
                name_fr: group.name_fr.clone(),
                name_en: group.name_en.clone(),
                average_level,
                weakest,
                strongest,
            }
        })
        .collect()
}

/// What to do next in a competence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum NextStep {
    /// Never measured, or level 0: start its Pix course.
    Start,
    /// `pix_missing` more pix (when known) reach `target`.
    Reach {
        target: u8,
        pix_missing: Option<u16>,
    },
    /// At the highest level Pix allows today.
    AtTheTop,
}

/// The next step from `level` (and its pix when known) when Pix allows `max_level`.
pub fn next_step(level: u8, pix: Option<u16>, max_level: u8) -> NextStep {
    let max_level = max_level.min(MAX_LEVEL);
    if level >= max_level {
        return NextStep::AtTheTop;
    }
    if level == 0 && pix.unwrap_or(0) == 0 {
        return NextStep::Start;
    }
    let target = level + 1;
    let pix_missing = pix.map(|p| (u16::from(target) * PIX_PER_LEVEL).saturating_sub(p).max(1));
    NextStep::Reach {
        target,
        pix_missing,
    }
}

/// How many pupils of a class reached each level (0–8) of each competence, from their latest
/// campaign result.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassDistribution {
    pub pupils: u32,
    /// `(code, counts[level])`, in the framework's order.
    pub competences: Vec<(String, [u32; 9])>,
}

impl ClassDistribution {
    /// Counts `levels` (one `(code, level)` list per pupil).
    pub fn count<'a>(
        framework: &Framework,
        pupils: impl IntoIterator<Item = &'a [CompetenceScore]>,
    ) -> ClassDistribution {
        let mut distribution = ClassDistribution {
            pupils: 0,
            competences: framework
                .competences()
                .map(|c| (c.code.clone(), [0; 9]))
                .collect(),
        };
        for scores in pupils {
            distribution.pupils += 1;
            for (code, counts) in &mut distribution.competences {
                let level = scores
                    .iter()
                    .find(|s| &s.code == code)
                    .map_or(0, |s| s.level.min(MAX_LEVEL));
                counts[usize::from(level)] += 1;
            }
        }
        distribution
    }

    /// The median level of a competence (lower median), when there are pupils.
    pub fn median(counts: &[u32; 9]) -> Option<u8> {
        let total: u32 = counts.iter().sum();
        if total == 0 {
            return None;
        }
        let middle = total.div_ceil(2);
        let mut seen = 0;
        for (level, count) in counts.iter().enumerate() {
            seen += count;
            if seen >= middle {
                return Some(level as u8);
            }
        }
        None
    }
}

/// A pupil's line in the class view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassPupil {
    pub id: crate::identity::AccountId,
    pub name: String,
    pub class: Option<String>,
    pub taken_on: String,
    pub total_pix: Option<u16>,
}

/// The counsellor's cohort: classes and campaigns they can filter on, the pupils' latest
/// campaign results, and the distribution of levels.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassView {
    pub classes: Vec<String>,
    pub campaigns: Vec<(String, String)>,
    pub pupils: Vec<ClassPupil>,
    pub distribution: ClassDistribution,
}

/// How a result's competences are stored: one text column, `1.1=2/19;1.2=0/-` (code, level,
/// pix or `-` when unknown), sorted by code. One row per result keeps a 100,000-pupil import to
/// 100,000 rows, and comparing two results to comparing two strings.
pub fn encode_scores(scores: &[CompetenceScore]) -> String {
    let mut sorted: Vec<&CompetenceScore> = scores.iter().collect();
    sorted.sort_by(|a, b| a.code.cmp(&b.code));
    sorted
        .iter()
        .map(|s| {
            let pix = s.pix.map_or_else(|| "-".to_owned(), |p| p.to_string());
            format!("{}={}/{pix}", s.code, s.level)
        })
        .collect::<Vec<_>>()
        .join(";")
}

/// Reads [`encode_scores`]' text; `None` if it is not such a text.
pub fn decode_scores(text: &str) -> Option<Vec<CompetenceScore>> {
    if text.is_empty() {
        return Some(Vec::new());
    }
    text.split(';')
        .map(|part| {
            let (code, values) = part.split_once('=')?;
            let (level, pix) = values.split_once('/')?;
            let level: u8 = level.parse().ok().filter(|l| *l <= MAX_LEVEL)?;
            let pix = match pix {
                "-" => None,
                pix => Some(pix.parse::<u16>().ok()?),
            };
            Some(CompetenceScore {
                code: code.to_owned(),
                level,
                pix,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests;
