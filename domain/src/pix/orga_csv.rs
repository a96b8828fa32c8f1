//! The Pix Orga « collecte de profils » export, read exactly as Pix writes it: `;` separator,
//! UTF-8 with a BOM, `"` quoting with `""` escapes (line breaks allowed inside quotes), values
//! starting with `- @ = +` prefixed with `'`, `Oui`/`Non`, `NA` for what was not shared,
//! decimal commas, dates `YYYY-MM-DD`; per competence `Niveau pour la compétence {name}` and
//! `Nombre de pix pour la compétence {name}`, the name matched by name or by `N.N` code.
//!
//! The reader is incremental ([`Records`] pulls from any `BufRead`, counting bytes for a
//! progress bar) and never stops at the first problem: every problem is reported with its line
//! and column, so a counsellor can fix the file in one go.

use super::{CompetencePix, PixLevel};
use crate::portfolio::frameworks::Framework;
// Headers compared as the import compares names: case, accents, hyphens, apostrophes and extra
// spaces ignored.
use crate::text::fold_words as fold;
use serde::{Deserialize, Serialize};
use std::io::BufRead;

mod columns;
mod records;
mod write;
use columns::*;
use records::BOM;
pub use records::{Record, Records, SyntaxProblem};
pub use write::write;

/// One participant's line, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipantRow {
    pub line: u64,
    pub last_name: String,
    pub first_name: String,
    pub class: Option<String>,
    pub student_number: Option<String>,
    /// The campaign's own participant id (its column is named by the campaign).
    pub external_id: Option<String>,
    /// `Envoi (O/N)`: whether the pupil sent their profile; if not, there are no results.
    pub shared: bool,
    /// The day the profile was sent (`YYYY-MM-DD`): the Paris day in a current export, the UTC
    /// day in an older one.
    pub shared_on: Option<String>,
    /// When it was sent (Unix seconds), where the file says (current exports: to the minute).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shared_at: Option<i64>,
    pub total_pix: Option<u16>,
    pub certifiable: Option<bool>,
    /// `(code "1.1", level, pix)` for the 16 competences, in the framework's order.
    pub competences: Vec<(String, PixLevel, CompetencePix)>,
}

/// The campaign the file comes from (the same on every line).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Campaign {
    pub organisation: String,
    pub id: String,
    pub name: String,
}

/// A problem, where it is: the line and, when it concerns one value, the column's header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CsvProblem {
    pub line: u64,
    pub column: Option<String>,
    pub kind: ProblemKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProblemKind {
    Syntax(SyntaxProblem),
    Empty,
    /// The header has one column holding `,` or tabs: not a Pix export as Pix writes it.
    WrongSeparator,
    MissingColumn,
    UnknownCompetence,
    /// A competence with only one of its two columns.
    IncompleteCompetence,
    WrongFieldCount {
        expected: usize,
        found: usize,
    },
    NotAYesNo,
    NotADate,
    NotANumber,
    LevelOutOfRange,
    PixOutOfRange,
    /// The level does not match the pix (8 pix per level).
    LevelDoesNotMatchPix,
    /// `Nombre de pix total` is not the sum of the competences' pix.
    TotalDoesNotMatch {
        sum: u16,
    },
    MissingValue,
    /// Another line is the same participant (same external id, or same name and class).
    DuplicateParticipant {
        first_line: u64,
    },
    /// Another campaign than the first line's: one import is one campaign.
    OtherCampaign,
}

/// Problems kept to be shown; every problem is counted. A file wrong on every value must not
/// take memory in proportion to its size (170,000 lines of 42 columns would be 7 million).
pub const PROBLEMS_KEPT: usize = 500;

/// What reading an export found besides its rows: the campaign, and its problems.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ReadSummary {
    pub campaign: Option<Campaign>,
    /// The first [`PROBLEMS_KEPT`] problems, in file order.
    pub problems: Vec<CsvProblem>,
    /// Every problem found.
    pub problem_count: usize,
    /// Participants read without problems.
    pub rows: usize,
}

impl ReadSummary {
    /// Whether the file can be imported: it has a campaign and no problem at all.
    pub fn is_clean(&self) -> bool {
        self.problem_count == 0 && self.campaign.is_some()
    }

    fn problem(&mut self, problem: CsvProblem) {
        note(&mut self.problems, &mut self.problem_count, problem);
    }
}

fn note(kept: &mut Vec<CsvProblem>, count: &mut usize, problem: CsvProblem) {
    *count += 1;
    if kept.len() < PROBLEMS_KEPT {
        kept.push(problem);
    }
}

/// A whole export, read into memory: for tests, fuzzing and small files. The import reads with
/// [`read_each`], one participant at a time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct OrgaExport {
    pub campaign: Option<Campaign>,
    pub rows: Vec<ParticipantRow>,
    /// The first [`PROBLEMS_KEPT`] problems.
    pub problems: Vec<CsvProblem>,
    pub problem_count: usize,
}

/// Reads a whole export into memory: every row without problems, and the problems.
pub fn read(framework: &Framework, input: impl BufRead, limit_bytes: u64) -> OrgaExport {
    let mut rows = Vec::new();
    let summary = read_each(framework, input, limit_bytes, |row| rows.push(row));
    OrgaExport {
        campaign: summary.campaign,
        rows,
        problems: summary.problems,
        problem_count: summary.problem_count,
    }
}

/// Reads an export from `input`, handing each participant without problems to `each` as soon
/// as it is read (memory holds one line, whatever the file's size), and answers the campaign
/// and the problems. Rows are handed on even when other lines have problems: the caller decides
/// (the import keeps nothing from a file with any problem).
pub fn read_each(
    framework: &Framework,
    mut input: impl BufRead,
    limit_bytes: u64,
    mut each: impl FnMut(ParticipantRow),
) -> ReadSummary {
    let mut export = ReadSummary::default();
    // A header without `;` but with `,` or tabs: a spreadsheet re-saved the export. Said before
    // the quotes of such a file confuse the reader.
    if let Ok(start) = input.fill_buf() {
        let header = start.split(|b| *b == b'\n').next().unwrap_or_default();
        if !header.contains(&b';') && (header.contains(&b',') || header.contains(&b'\t')) {
            export.problem(CsvProblem {
                line: 1,
                column: None,
                kind: ProblemKind::WrongSeparator,
            });
            return export;
        }
    }
    let mut records = Records::new(input, limit_bytes);
    let header = match records.next() {
        None => {
            export.problem(CsvProblem {
                line: 1,
                column: None,
                kind: ProblemKind::Empty,
            });
            return export;
        }
        Some(Err((line, problem))) => {
            export.problem(CsvProblem {
                line,
                column: None,
                kind: ProblemKind::Syntax(problem),
            });
            return export;
        }
        Some(Ok(header)) => header,
    };
    let mut header_problems = Vec::new();
    let layout = layout(framework, &header, &mut header_problems);
    for problem in header_problems {
        export.problem(problem);
    }
    let Some(layout) = layout else {
        return export;
    };
    let mut seen: std::collections::HashMap<String, u64> = std::collections::HashMap::new();
    for record in records {
        let record = match record {
            Ok(record) => record,
            Err((line, problem)) => {
                export.problem(CsvProblem {
                    line,
                    column: None,
                    kind: ProblemKind::Syntax(problem),
                });
                break;
            }
        };
        if let Some(row) = row(&layout, &record, &mut export) {
            let key = match &row.external_id {
                Some(id) if !id.trim().is_empty() => format!("id:{}", id.trim()),
                _ => format!(
                    "name:{}|{}|{}",
                    fold(&row.last_name),
                    fold(&row.first_name),
                    fold(row.class.as_deref().unwrap_or_default())
                ),
            };
            if let Some(first_line) = seen.get(&key) {
                export.problem(CsvProblem {
                    line: row.line,
                    column: None,
                    kind: ProblemKind::DuplicateParticipant {
                        first_line: *first_line,
                    },
                });
            } else {
                seen.insert(key, row.line);
                export.rows += 1;
                each(row);
            }
        }
    }
    if export.campaign.is_none() && export.problem_count == 0 {
        export.problem(CsvProblem {
            line: 2,
            column: None,
            kind: ProblemKind::Empty,
        });
    }
    export
}

/// Checks one line; records its problems and answers the row when it has none.
fn row(layout: &Layout, record: &Record, export: &mut ReadSummary) -> Option<ParticipantRow> {
    let line = record.line;
    if record.fields.len() != layout.width {
        export.problem(CsvProblem {
            line,
            column: None,
            kind: ProblemKind::WrongFieldCount {
                expected: layout.width,
                found: record.fields.len(),
            },
        });
        return None;
    }
    let before = export.problem_count;
    let value = |name: &str| {
        layout
            .index
            .get(name)
            .map(|i| record.fields[*i].trim().to_owned())
    };
    let mut problem = |column: usize, kind: ProblemKind| {
        note(
            &mut export.problems,
            &mut export.problem_count,
            CsvProblem {
                line,
                column: Some(layout.columns[column].clone()),
                kind,
            },
        );
    };
    let campaign = Campaign {
        organisation: value(COL_ORGANISATION).unwrap_or_default(),
        id: value(COL_CAMPAIGN_ID).unwrap_or_default(),
        name: value(COL_CAMPAIGN_NAME).unwrap_or_default(),
    };
    match &export.campaign {
        None => export.campaign = Some(campaign),
        Some(first) if first.id != campaign.id => {
            problem(layout.index[COL_CAMPAIGN_ID], ProblemKind::OtherCampaign)
        }
        Some(_) => {}
    }
    for name in [COL_LAST_NAME, COL_FIRST_NAME] {
        if value(name).is_none_or(|v| v.is_empty()) {
            problem(layout.index[name], ProblemKind::MissingValue);
        }
    }
    let shared_column = layout.index[COL_SHARED];
    let shared = yes_no(&record.fields[shared_column]);
    if shared.is_none() {
        problem(shared_column, ProblemKind::NotAYesNo);
    }
    let shared = shared.unwrap_or(false);
    let given = |name: &str| value(name).filter(|v| !v.is_empty() && v != "NA");
    let (shared_on, shared_at) = match (given(COL_SHARED_AT), given(COL_SHARED_ON)) {
        (Some(raw), _) => match crate::time::parse_paris_minute(&raw) {
            Some(minute) => (Some(minute.day.to_string()), Some(minute.unix)),
            None => {
                problem(layout.index[COL_SHARED_AT], ProblemKind::NotADate);
                (None, None)
            }
        },
        (None, Some(raw)) => {
            if !is_date(&raw) {
                problem(layout.index[COL_SHARED_ON], ProblemKind::NotADate);
            }
            (Some(raw), None)
        }
        (None, None) => (None, None),
    };
    let certifiable = match layout.index.get(COL_CERTIFIABLE) {
        Some(column) if shared => {
            let answer = yes_no(&record.fields[*column]);
            if answer.is_none() {
                problem(*column, ProblemKind::NotAYesNo);
            }
            answer
        }
        _ => None,
    };
    // Not sent: Pix writes `NA` in every result column; there is nothing to read.
    let mut competences = Vec::new();
    let mut total_pix = None;
    if shared {
        let total_column = layout.index[COL_TOTAL];
        total_pix = whole_number(&record.fields[total_column]);
        if total_pix.is_none() {
            problem(total_column, ProblemKind::NotANumber);
        }
        for (code, level_column, pix_column) in &layout.competences {
            let level = match whole_number(&record.fields[*level_column]) {
                None => {
                    problem(*level_column, ProblemKind::NotANumber);
                    None
                }
                Some(n) => match u8::try_from(n).ok().and_then(PixLevel::new) {
                    None => {
                        problem(*level_column, ProblemKind::LevelOutOfRange);
                        None
                    }
                    level => level,
                },
            };
            let pix = match whole_number(&record.fields[*pix_column]) {
                None => {
                    problem(*pix_column, ProblemKind::NotANumber);
                    None
                }
                Some(n) => match CompetencePix::new(n) {
                    None => {
                        problem(*pix_column, ProblemKind::PixOutOfRange);
                        None
                    }
                    pix => pix,
                },
            };
            if let (Some(level), Some(pix)) = (level, pix) {
                // Levels may be capped below what the pix reach, never above them.
                if u16::from(level.get()) > pix.get() / super::PIX_PER_LEVEL {
                    problem(*level_column, ProblemKind::LevelDoesNotMatchPix);
                }
                competences.push((code.clone(), level, pix));
            }
        }
        if let Some(total) = total_pix {
            if competences.len() == layout.competences.len() {
                let sum: u16 = competences.iter().map(|(_, _, pix)| pix.get()).sum();
                if sum != total {
                    problem(total_column, ProblemKind::TotalDoesNotMatch { sum });
                }
            }
        }
    }
    if export.problem_count > before {
        return None;
    }
    let optional = |name: &str| value(name).filter(|v| !v.is_empty() && v != "NA");
    Some(ParticipantRow {
        line,
        last_name: value(COL_LAST_NAME).unwrap_or_default(),
        first_name: value(COL_FIRST_NAME).unwrap_or_default(),
        class: optional(COL_CLASS),
        student_number: optional(COL_STUDENT_NUMBER),
        external_id: layout
            .external_id
            .map(|i| record.fields[i].trim().to_owned())
            .filter(|v| !v.is_empty() && v != "NA"),
        shared,
        shared_on,
        shared_at,
        total_pix,
        certifiable,
        competences,
    })
}

#[cfg(test)]
mod tests;
