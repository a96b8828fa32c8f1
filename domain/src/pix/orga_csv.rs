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
use crate::i18n::Lang;
use crate::portfolio::frameworks::Framework;
use serde::{Deserialize, Serialize};
use std::io::BufRead;

const BOM: &str = "\u{feff}";

/// One record of the file: its fields and the (1-based) line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub line: u64,
    pub fields: Vec<String>,
}

/// What can go wrong while splitting the file into records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SyntaxProblem {
    /// Bytes that are not UTF-8 (an export re-saved in Windows-1252, say).
    NotUtf8,
    /// A quoted value is never closed: the file was cut.
    Truncated,
    /// A quote in the middle of an unquoted value, or text after a closing quote.
    StrayQuote,
    /// The file is larger than the import accepts.
    TooLarge {
        limit_bytes: u64,
    },
    Io(String),
}

/// Splits a Pix export into records, one at a time.
pub struct Records<R> {
    input: R,
    line: u64,
    bytes_read: u64,
    limit_bytes: u64,
    first: bool,
    done: bool,
    buffer: Vec<u8>,
}

impl<R: BufRead> Records<R> {
    pub fn new(input: R, limit_bytes: u64) -> Records<R> {
        Records {
            input,
            line: 0,
            bytes_read: 0,
            limit_bytes,
            first: true,
            done: false,
            buffer: Vec::new(),
        }
    }

    /// Bytes consumed so far (for a progress bar).
    pub fn bytes_read(&self) -> u64 {
        self.bytes_read
    }

    /// The next physical line, without its `\n` / `\r\n`; none at the end.
    fn next_line(&mut self) -> Result<Option<String>, SyntaxProblem> {
        self.buffer.clear();
        let n = self
            .input
            .read_until(b'\n', &mut self.buffer)
            .map_err(|e| SyntaxProblem::Io(e.to_string()))?;
        if n == 0 {
            return Ok(None);
        }
        self.bytes_read += n as u64;
        if self.bytes_read > self.limit_bytes {
            return Err(SyntaxProblem::TooLarge {
                limit_bytes: self.limit_bytes,
            });
        }
        self.line += 1;
        if self.buffer.ends_with(b"\n") {
            self.buffer.pop();
            if self.buffer.ends_with(b"\r") {
                self.buffer.pop();
            }
        }
        let mut text = String::from_utf8(std::mem::take(&mut self.buffer))
            .map_err(|_| SyntaxProblem::NotUtf8)?;
        if self.first {
            self.first = false;
            if let Some(rest) = text.strip_prefix(BOM) {
                text = rest.to_owned();
            }
        }
        Ok(Some(text))
    }
}

impl<R: BufRead> Iterator for Records<R> {
    type Item = Result<Record, (u64, SyntaxProblem)>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let fail = |this: &mut Self, problem| {
            this.done = true;
            Some(Err((this.line.max(1), problem)))
        };
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut in_quotes = false;
        // After a closing quote only `;` or the end of the record may follow.
        let mut after_quote = false;
        let mut start_line = 0;
        loop {
            let line = match self.next_line() {
                Ok(Some(line)) => line,
                Ok(None) if in_quotes => return fail(self, SyntaxProblem::Truncated),
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Err(problem) => return fail(self, problem),
            };
            if start_line == 0 {
                // Blank lines between records (a trailing newline) are not records.
                if line.is_empty() {
                    continue;
                }
                start_line = self.line;
            } else {
                // A line break inside quotes belongs to the value.
                field.push('\n');
            }
            let mut chars = line.chars().peekable();
            while let Some(c) = chars.next() {
                if in_quotes {
                    if c == '"' {
                        if chars.peek() == Some(&'"') {
                            chars.next();
                            field.push('"');
                        } else {
                            in_quotes = false;
                            after_quote = true;
                        }
                    } else {
                        field.push(c);
                    }
                } else if c == ';' {
                    fields.push(std::mem::take(&mut field));
                    after_quote = false;
                } else if after_quote {
                    return fail(self, SyntaxProblem::StrayQuote);
                } else if c == '"' {
                    if !field.is_empty() {
                        return fail(self, SyntaxProblem::StrayQuote);
                    }
                    in_quotes = true;
                } else {
                    field.push(c);
                }
            }
            if !in_quotes {
                fields.push(field);
                return Some(Ok(Record {
                    line: start_line,
                    fields: fields.into_iter().map(unescape_formula).collect(),
                }));
            }
        }
    }
}

/// Pix prefixes values starting with `- @ = +` with `'` so spreadsheets do not run them.
fn unescape_formula(value: String) -> String {
    match value.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['-', '@', '=', '+']) => rest.to_owned(),
        _ => value,
    }
}

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

impl CsvProblem {
    pub fn message(&self, lang: Lang) -> String {
        let fr = lang == Lang::Fr;
        let what = match &self.kind {
            ProblemKind::Syntax(SyntaxProblem::NotUtf8) if fr => "le fichier n'est pas en UTF-8 : ré-exportez-le depuis Pix Orga sans l'ouvrir dans un tableur, ou enregistrez-le en « CSV UTF-8 »".to_owned(),
            ProblemKind::Syntax(SyntaxProblem::NotUtf8) => "the file is not UTF-8: export it again from Pix Orga without opening it in a spreadsheet, or save it as « CSV UTF-8 »".to_owned(),
            ProblemKind::Syntax(SyntaxProblem::Truncated) if fr => "le fichier s'arrête au milieu d'une valeur entre guillemets : il est tronqué".to_owned(),
            ProblemKind::Syntax(SyntaxProblem::Truncated) => "the file stops in the middle of a quoted value: it is truncated".to_owned(),
            ProblemKind::Syntax(SyntaxProblem::StrayQuote) if fr => "guillemet mal placé".to_owned(),
            ProblemKind::Syntax(SyntaxProblem::StrayQuote) => "misplaced quote".to_owned(),
            ProblemKind::Syntax(SyntaxProblem::TooLarge { limit_bytes }) if fr => format!("le fichier dépasse {} Mo", limit_bytes / 1_000_000),
            ProblemKind::Syntax(SyntaxProblem::TooLarge { limit_bytes }) => format!("the file is larger than {} MB", limit_bytes / 1_000_000),
            ProblemKind::Syntax(SyntaxProblem::Io(_)) if fr => "lecture du fichier interrompue".to_owned(),
            ProblemKind::Syntax(SyntaxProblem::Io(_)) => "reading the file was interrupted".to_owned(),
            ProblemKind::Empty if fr => "le fichier est vide".to_owned(),
            ProblemKind::Empty => "the file is empty".to_owned(),
            ProblemKind::WrongSeparator if fr => "les colonnes ne sont pas séparées par « ; » comme dans les exports Pix Orga".to_owned(),
            ProblemKind::WrongSeparator => "columns are not separated by « ; » as in Pix Orga exports".to_owned(),
            ProblemKind::MissingColumn if fr => "colonne manquante".to_owned(),
            ProblemKind::MissingColumn => "missing column".to_owned(),
            ProblemKind::UnknownCompetence if fr => "compétence inconnue du CRCN".to_owned(),
            ProblemKind::UnknownCompetence => "competence unknown in the CRCN".to_owned(),
            ProblemKind::IncompleteCompetence if fr => "il manque la colonne « Niveau » ou « Nombre de pix » de cette compétence".to_owned(),
            ProblemKind::IncompleteCompetence => "this competence lacks its « Niveau » or « Nombre de pix » column".to_owned(),
            ProblemKind::WrongFieldCount { expected, found } if fr => format!("{found} valeurs au lieu de {expected}"),
            ProblemKind::WrongFieldCount { expected, found } => format!("{found} values instead of {expected}"),
            ProblemKind::NotAYesNo if fr => "« Oui » ou « Non » attendu".to_owned(),
            ProblemKind::NotAYesNo => "« Oui » or « Non » expected".to_owned(),
            ProblemKind::NotADate if fr => {
                "date attendue (JJ/MM/AAAA HH:MM, ou AAAA-MM-JJ dans un export ancien)".to_owned()
            }
            ProblemKind::NotADate => {
                "date expected (DD/MM/YYYY HH:MM, or YYYY-MM-DD in an older export)".to_owned()
            }
            ProblemKind::NotANumber if fr => "nombre entier attendu".to_owned(),
            ProblemKind::NotANumber => "whole number expected".to_owned(),
            ProblemKind::LevelOutOfRange if fr => "niveau hors de 0 à 8".to_owned(),
            ProblemKind::LevelOutOfRange => "level outside 0 to 8".to_owned(),
            ProblemKind::PixOutOfRange if fr => "nombre de pix hors de 0 à 64".to_owned(),
            ProblemKind::PixOutOfRange => "pix outside 0 to 64".to_owned(),
            ProblemKind::LevelDoesNotMatchPix if fr => "le niveau ne correspond pas au nombre de pix (8 pix par niveau)".to_owned(),
            ProblemKind::LevelDoesNotMatchPix => "the level does not match the pix (8 pix per level)".to_owned(),
            ProblemKind::TotalDoesNotMatch { sum } if fr => format!("le total n'est pas la somme des compétences ({sum})"),
            ProblemKind::TotalDoesNotMatch { sum } => format!("the total is not the sum of the competences ({sum})"),
            ProblemKind::MissingValue if fr => "valeur manquante".to_owned(),
            ProblemKind::MissingValue => "missing value".to_owned(),
            ProblemKind::DuplicateParticipant { first_line } if fr => format!("même participant qu'à la ligne {first_line}"),
            ProblemKind::DuplicateParticipant { first_line } => format!("same participant as on line {first_line}"),
            ProblemKind::OtherCampaign if fr => "autre campagne que celle de la ligne 2 : importez une campagne à la fois".to_owned(),
            ProblemKind::OtherCampaign => "another campaign than line 2's: import one campaign at a time".to_owned(),
        };
        match (&self.column, fr) {
            (Some(column), true) => format!("Ligne {}, colonne « {column} » : {what}.", self.line),
            (Some(column), false) => format!("Line {}, column « {column} »: {what}.", self.line),
            (None, true) => format!("Ligne {} : {what}.", self.line),
            (None, false) => format!("Line {}: {what}.", self.line),
        }
    }
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

const COL_ORGANISATION: &str = "Nom de l'organisation";
const COL_CAMPAIGN_ID: &str = "ID Campagne";
const COL_CAMPAIGN_CODE: &str = "Code";
const COL_CAMPAIGN_NAME: &str = "Nom de la campagne";
const COL_LAST_NAME: &str = "Nom du Participant";
const COL_FIRST_NAME: &str = "Prénom du Participant";
const COL_CLASS: &str = "Classe";
const COL_STUDENT_NUMBER: &str = "Numéro Étudiant";
const COL_GROUP: &str = "Groupe";
const COL_SHARED: &str = "Envoi (O/N)";
/// The sending date of older exports: `YYYY-MM-DD`, the UTC day.
const COL_SHARED_ON: &str = "Date de l'envoi";
/// The sending time of current exports: `DD/MM/YYYY HH:mm`, Paris time.
const COL_SHARED_AT: &str = "Date et heure de l'envoi (Europe/Paris)";
const COL_TOTAL: &str = "Nombre de pix total";
const COL_CERTIFIABLE: &str = "Certifiable (O/N)";
const COL_CERTIFIABLE_COUNT: &str = "Nombre de compétences certifiables";
const LEVEL_PREFIX: &str = "Niveau pour la compétence ";
const PIX_PREFIX: &str = "Nombre de pix pour la compétence ";

const REQUIRED: [&str; 7] = [
    COL_ORGANISATION,
    COL_CAMPAIGN_ID,
    COL_CAMPAIGN_NAME,
    COL_LAST_NAME,
    COL_FIRST_NAME,
    COL_SHARED,
    COL_TOTAL,
];

// Names compared as the import's matching compares them (case, accents, hyphens, apostrophes
// and extra spaces ignored).
use super::matching::fold_name as fold;

/// The competence a header's name designates: its `N.N` code (alone or first) or its name.
fn competence_code(framework: &Framework, name: &str) -> Option<String> {
    let folded = fold(name);
    let code_part = folded.split(' ').next().unwrap_or_default();
    framework
        .competences()
        .find(|c| c.code == code_part || fold(&c.name_fr) == folded || fold(&c.name_en) == folded)
        .map(|c| c.code.clone())
}

/// Where each known column is.
struct Layout {
    width: usize,
    columns: Vec<String>,
    index: std::collections::HashMap<&'static str, usize>,
    external_id: Option<usize>,
    /// (code, level column, pix column), in the framework's order.
    competences: Vec<(String, usize, usize)>,
}

fn layout(
    framework: &Framework,
    header: &Record,
    problems: &mut Vec<CsvProblem>,
) -> Option<Layout> {
    let line = header.line;
    let columns: Vec<String> = header.fields.iter().map(|h| h.trim().to_owned()).collect();
    let known = [
        COL_ORGANISATION,
        COL_CAMPAIGN_ID,
        COL_CAMPAIGN_CODE,
        COL_CAMPAIGN_NAME,
        COL_LAST_NAME,
        COL_FIRST_NAME,
        COL_CLASS,
        COL_STUDENT_NUMBER,
        COL_GROUP,
        COL_SHARED,
        COL_SHARED_ON,
        COL_SHARED_AT,
        COL_TOTAL,
        COL_CERTIFIABLE,
        COL_CERTIFIABLE_COUNT,
    ];
    let mut index = std::collections::HashMap::new();
    for (i, column) in columns.iter().enumerate() {
        if let Some(name) = known.iter().find(|k| fold(k) == fold(column)) {
            index.entry(*name).or_insert(i);
        }
    }
    let mut ok = true;
    for required in REQUIRED {
        if !index.contains_key(required) {
            problems.push(CsvProblem {
                line,
                column: Some(required.to_owned()),
                kind: ProblemKind::MissingColumn,
            });
            ok = false;
        }
    }
    // Levels and pix by competence code.
    let mut levels: Vec<(String, usize)> = Vec::new();
    let mut pix: Vec<(String, usize)> = Vec::new();
    let mut external_id = None;
    for (i, column) in columns.iter().enumerate() {
        let (target, name) = if let Some(name) = strip_prefix_folded(column, LEVEL_PREFIX) {
            (&mut levels, name)
        } else if let Some(name) = strip_prefix_folded(column, PIX_PREFIX) {
            (&mut pix, name)
        } else {
            // The campaign's own participant id sits between the names and `Envoi (O/N)`.
            let between = index.get(COL_FIRST_NAME).is_some_and(|f| i > *f)
                && index.get(COL_SHARED).is_some_and(|s| i < *s);
            if between && !index.values().any(|v| *v == i) && external_id.is_none() {
                external_id = Some(i);
            }
            continue;
        };
        match competence_code(framework, name) {
            Some(code) => target.push((code, i)),
            None => {
                problems.push(CsvProblem {
                    line,
                    column: Some(column.clone()),
                    kind: ProblemKind::UnknownCompetence,
                });
                ok = false;
            }
        }
    }
    let mut competences = Vec::new();
    for competence in framework.competences() {
        let level = levels
            .iter()
            .find(|(c, _)| *c == competence.code)
            .map(|(_, i)| *i);
        let points = pix
            .iter()
            .find(|(c, _)| *c == competence.code)
            .map(|(_, i)| *i);
        match (level, points) {
            (Some(level), Some(points)) => {
                competences.push((competence.code.clone(), level, points))
            }
            (None, None) => {
                problems.push(CsvProblem {
                    line,
                    column: Some(format!("{LEVEL_PREFIX}{}", competence.name_fr)),
                    kind: ProblemKind::MissingColumn,
                });
                ok = false;
            }
            _ => {
                problems.push(CsvProblem {
                    line,
                    column: Some(competence.name_fr.clone()),
                    kind: ProblemKind::IncompleteCompetence,
                });
                ok = false;
            }
        }
    }
    ok.then_some(Layout {
        width: columns.len(),
        columns,
        index,
        external_id,
        competences,
    })
}

fn strip_prefix_folded<'a>(column: &'a str, prefix: &str) -> Option<&'a str> {
    let head = column.get(..prefix.len())?;
    (fold(head) == fold(prefix)).then(|| &column[prefix.len()..])
}

/// A whole number as Pix writes it: `12`, or with a decimal comma `12,0`.
fn whole_number(raw: &str) -> Option<u16> {
    let raw = raw.trim();
    let (int, frac) = raw.split_once(',').unwrap_or((raw, ""));
    if int.is_empty()
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b == b'0')
    {
        return None;
    }
    int.parse().ok()
}

fn yes_no(raw: &str) -> Option<bool> {
    match raw.trim() {
        "Oui" | "OUI" | "oui" | "O" => Some(true),
        "Non" | "NON" | "non" | "N" => Some(false),
        _ => None,
    }
}

fn is_date(raw: &str) -> bool {
    crate::portfolio::SchoolDate::parse(raw.trim()).is_some()
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

/// Quotes a text value as Pix does: `'` before a formula start, `""` for `"`.
fn quote(value: &str) -> String {
    let value = if value.starts_with(['-', '@', '=', '+']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    format!("\"{}\"", value.replace('"', "\"\""))
}

/// Writes `rows` of `campaign` exactly as Pix Orga does (BOM, `;`, quoted texts, `NA` for a
/// profile not sent, competences by name, with `Classe` and an external id column named
/// `Identifiant`): fixtures for tests and benchmarks, and the reader's own reference. Rows
/// that carry their sending time are written as the current exporter does
/// (`Date et heure de l'envoi (Europe/Paris)`, `DD/MM/YYYY HH:mm`); rows with only a day as an
/// older export (`Date de l'envoi`, `YYYY-MM-DD`).
pub fn write(framework: &Framework, campaign: &Campaign, rows: &[ParticipantRow]) -> String {
    let current = rows.iter().any(|row| row.shared_at.is_some());
    let sent = if current {
        COL_SHARED_AT
    } else {
        COL_SHARED_ON
    };
    let mut header: Vec<String> = [
        COL_ORGANISATION,
        COL_CAMPAIGN_ID,
        COL_CAMPAIGN_NAME,
        COL_LAST_NAME,
        COL_FIRST_NAME,
        COL_CLASS,
        "Identifiant",
        COL_SHARED,
        sent,
        COL_TOTAL,
    ]
    .iter()
    .map(|h| quote(h))
    .collect();
    for competence in framework.competences() {
        header.push(quote(&format!("{LEVEL_PREFIX}{}", competence.name_fr)));
        header.push(quote(&format!("{PIX_PREFIX}{}", competence.name_fr)));
    }
    let mut out = String::with_capacity(rows.len() * 200 + 2_000);
    out.push_str(BOM);
    out.push_str(&header.join(";"));
    out.push('\n');
    for row in rows {
        let mut fields = vec![
            quote(&campaign.organisation),
            campaign.id.clone(),
            quote(&campaign.name),
            quote(&row.last_name),
            quote(&row.first_name),
            quote(row.class.as_deref().unwrap_or_default()),
            quote(row.external_id.as_deref().unwrap_or_default()),
            quote(if row.shared { "Oui" } else { "Non" }),
        ];
        if row.shared {
            fields.push(match (current, row.shared_at) {
                (true, Some(at)) => quote(&crate::time::format_paris(at)),
                _ => row.shared_on.clone().unwrap_or_default(),
            });
            fields.push(row.total_pix.map(|t| t.to_string()).unwrap_or_default());
            for competence in framework.competences() {
                match row
                    .competences
                    .iter()
                    .find(|(code, _, _)| *code == competence.code)
                {
                    Some((_, level, pix)) => {
                        fields.push(level.get().to_string());
                        fields.push(pix.get().to_string());
                    }
                    None => {
                        fields.push("0".to_owned());
                        fields.push("0".to_owned());
                    }
                }
            }
        } else {
            fields.extend(std::iter::repeat_n(
                quote("NA"),
                2 + 2 * framework.competences().count(),
            ));
        }
        out.push_str(&fields.join(";"));
        out.push('\n');
    }
    out
}
