//! Reading a whole ONISEP download: which dataset and form it is, then every row checked.

use super::values;
use super::{
    Contents, Dataset, Form, Formation, FormationId, Metier, MetierId, Place, Problem, ProblemKind,
    Publication, MAX_FILE_BYTES, PROBLEMS_KEPT,
};
use crate::text::fold_words;
use std::collections::{BTreeMap, HashMap};

mod columns;
mod offers;
use columns::*;
use offers::offers;

/// What reading a file found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reading {
    pub dataset: Option<Dataset>,
    pub form: Option<Form>,
    /// What the file holds, when it has no problem at all.
    pub contents: Option<Contents>,
    /// The first [`PROBLEMS_KEPT`] problems, in file order.
    pub problems: Vec<Problem>,
    pub problem_count: usize,
    /// Oddities of ONISEP's own data that do not stop the import (a ROME code written `A15`):
    /// the value is kept as written, and said. The first [`PROBLEMS_KEPT`].
    pub remarks: Vec<Problem>,
    pub remark_count: usize,
    /// Columns Sillage does not read (ONISEP added them): said, not refused.
    pub unread_columns: Vec<String>,
    /// Rows (CSV lines or JSON records) read.
    pub rows: usize,
}

impl Reading {
    /// What reading a file larger than [`MAX_FILE_BYTES`] says, without reading it.
    pub fn too_large() -> Reading {
        let mut reading = Reading::default();
        reading.problem(
            Place::File,
            None,
            ProblemKind::TooLarge {
                max_bytes: MAX_FILE_BYTES,
            },
        );
        reading
    }

    pub fn is_clean(&self) -> bool {
        self.problem_count == 0 && self.contents.is_some()
    }

    fn remark(&mut self, place: Place, column: Option<&str>, kind: ProblemKind) {
        self.remark_count += 1;
        if self.remarks.len() < PROBLEMS_KEPT {
            self.remarks.push(Problem::at(place, column, kind));
        }
    }

    fn problem(&mut self, place: Place, column: Option<&str>, kind: ProblemKind) {
        self.problem_count += 1;
        if self.problems.len() < PROBLEMS_KEPT {
            self.problems.push(Problem::at(place, column, kind));
        }
    }
}

/// One row, its cells in the dataset's column order (`None`: a column the file lacks).
struct Row {
    place: Place,
    cells: Vec<Option<String>>,
}

/// Reads a whole download (either dataset, either form).
pub fn read(bytes: &[u8]) -> Reading {
    if bytes.len() > MAX_FILE_BYTES {
        return Reading::too_large();
    }
    let mut reading = Reading::default();
    let Ok(text) = std::str::from_utf8(bytes) else {
        reading.problem(Place::File, None, ProblemKind::NotUtf8);
        return reading;
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rows = if text.trim_start().starts_with(['[', '{']) {
        reading.form = Some(Form::Json);
        json_rows(text, &mut reading)
    } else {
        reading.form = Some(Form::Csv);
        csv_rows(text, &mut reading)
    };
    let (Some(dataset), Some(rows)) = (reading.dataset, rows) else {
        return reading;
    };
    reading.rows = rows.len();
    if rows.is_empty() {
        reading.problem(Place::File, None, ProblemKind::Empty);
        return reading;
    }
    let contents = match dataset {
        Dataset::Metiers => Contents::Metiers(metiers(rows, &mut reading)),
        Dataset::Formations => Contents::Formations(formations(rows, &mut reading)),
        Dataset::Offers => Contents::Offers(offers(rows, &mut reading)),
    };
    if reading.problem_count == 0 {
        reading.contents = Some(contents);
    }
    // Rows too short are noted as they are read, the others' values after: file order.
    reading.problems.sort_by_key(|problem| problem.place);
    reading
}

fn csv_rows(text: &str, reading: &mut Reading) -> Option<Vec<Row>> {
    let mut records = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .into_records();
    let header = match records.next() {
        None => {
            reading.problem(Place::File, None, ProblemKind::Empty);
            return None;
        }
        Some(Err(_)) => {
            reading.problem(Place::Line(1), None, ProblemKind::NotUtf8);
            return None;
        }
        Some(Ok(header)) => header,
    };
    let folded: Vec<String> = header.iter().map(fold_words).collect();
    let position = |column: &Column| folded.iter().position(|h| *h == fold_words(column.label));
    let Some(dataset) = dataset_of(|column| position(column).is_some()) else {
        reading.problem(Place::Line(1), None, ProblemKind::UnknownDataset);
        return None;
    };
    reading.dataset = Some(dataset);
    let spec = columns(dataset);
    let at: Vec<Option<usize>> = spec.iter().map(position).collect();
    for (column, found) in spec.iter().zip(&at) {
        if found.is_none() && !column.optional {
            reading.problem(Place::File, Some(column.label), ProblemKind::MissingColumn);
        }
    }
    reading.unread_columns = header
        .iter()
        .filter(|h| !spec.iter().any(|c| fold_words(c.label) == fold_words(h)))
        .map(str::to_owned)
        .collect();
    if reading.problem_count > 0 {
        return None;
    }
    let mut rows = Vec::new();
    for record in records {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                let line = error.position().map_or(0, |p| p.line());
                reading.problem(Place::Line(line), None, ProblemKind::NotUtf8);
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        if record.len() != header.len() {
            reading.problem(
                Place::Line(line),
                None,
                ProblemKind::WrongFieldCount {
                    expected: header.len(),
                    found: record.len(),
                },
            );
            continue;
        }
        rows.push(Row {
            place: Place::Line(line),
            cells: at.iter().map(|i| i.map(|i| record[i].to_owned())).collect(),
        });
    }
    Some(rows)
}

/// A JSON value as ONISEP writes them: text, or a number or `null` (`annee`, `gencod`).
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum Cell {
    Text(String),
    Number(serde_json::Number),
    Null(()),
    Other(serde::de::IgnoredAny),
}

fn json_rows(text: &str, reading: &mut Reading) -> Option<Vec<Row>> {
    let records: Vec<BTreeMap<String, Cell>> = match serde_json::from_str(text) {
        Ok(records) => records,
        Err(error) if error.is_data() => {
            reading.problem(Place::File, None, ProblemKind::NotAnArrayOfObjects);
            return None;
        }
        Err(error) => {
            reading.problem(
                Place::File,
                None,
                ProblemKind::JsonSyntax {
                    line: error.line() as u64,
                    column: error.column() as u64,
                },
            );
            return None;
        }
    };
    let Some(first) = records.first() else {
        reading.problem(Place::File, None, ProblemKind::Empty);
        return None;
    };
    let Some(dataset) = dataset_of(|column| first.contains_key(column.key)) else {
        reading.problem(Place::Record(1), None, ProblemKind::UnknownDataset);
        return None;
    };
    reading.dataset = Some(dataset);
    let spec = columns(dataset);
    for column in spec {
        if !column.optional && !first.contains_key(column.key) {
            reading.problem(Place::File, Some(column.key), ProblemKind::MissingColumn);
        }
    }
    reading.unread_columns = first
        .keys()
        .filter(|key| !spec.iter().any(|c| c.key == key.as_str()))
        .cloned()
        .collect();
    if reading.problem_count > 0 {
        return None;
    }
    let mut rows = Vec::with_capacity(records.len());
    for (index, mut record) in records.into_iter().enumerate() {
        let place = Place::Record(index as u64 + 1);
        let mut cells = Vec::with_capacity(spec.len());
        for column in spec {
            cells.push(match record.remove(column.key) {
                None => None,
                Some(Cell::Text(text)) => Some(text),
                Some(Cell::Number(number)) => Some(number.to_string()),
                Some(Cell::Null(())) => Some(String::new()),
                Some(Cell::Other(_)) => {
                    reading.problem(place, Some(column.key), ProblemKind::NotText);
                    Some(String::new())
                }
            });
        }
        rows.push(Row { place, cells });
    }
    Some(rows)
}

/// Reads the cells of one row, noting each problem with its column's name as the file writes
/// it (label in CSV, key in JSON).
struct Cells<'a> {
    row: &'a Row,
    spec: &'static [Column],
    form: Form,
    reading: &'a mut Reading,
    bad: bool,
}

impl Cells<'_> {
    fn raw(&self, index: usize) -> &str {
        self.row.cells[index].as_deref().unwrap_or("")
    }

    fn name(&self, index: usize) -> &'static str {
        match self.form {
            Form::Csv => self.spec[index].label,
            Form::Json => self.spec[index].key,
        }
    }

    fn note(&mut self, index: usize, kind: ProblemKind) {
        let name = self.name(index);
        self.reading.problem(self.row.place, Some(name), kind);
        self.bad = true;
    }

    /// A value that ONISEP's own data sometimes gets wrong without it mattering to the row (a
    /// UAI, a web site): remarked on and left out, the row kept.
    fn lenient(
        &mut self,
        index: usize,
        parse: impl FnOnce(&str) -> Result<String, ProblemKind>,
    ) -> String {
        match parse(self.raw(index)) {
            Ok(value) => value,
            Err(kind) => {
                let name = self.name(index);
                self.reading.remark(self.row.place, Some(name), kind);
                String::new()
            }
        }
    }

    fn get<T: Default>(
        &mut self,
        index: usize,
        parse: impl FnOnce(&str) -> Result<T, ProblemKind>,
    ) -> T {
        match parse(self.raw(index)) {
            Ok(value) => value,
            Err(kind) => {
                self.note(index, kind);
                T::default()
            }
        }
    }
}

fn cells<'a>(row: &'a Row, dataset: Dataset, reading: &'a mut Reading) -> Cells<'a> {
    Cells {
        row,
        spec: columns(dataset),
        form: reading.form.unwrap_or(Form::Csv),
        reading,
        bad: false,
    }
}

fn metiers(rows: Vec<Row>, reading: &mut Reading) -> Vec<Metier> {
    let mut metiers: Vec<Metier> = Vec::new();
    let mut seen: HashMap<MetierId, usize> = HashMap::new();
    for row in &rows {
        let mut c = cells(row, Dataset::Metiers, reading);
        let label = c.get(M_LABEL, values::required);
        let link = c.get(M_LINK, values::required);
        let id = MetierId::from_link(&link);
        if id.is_none() && !link.is_empty() {
            c.note(M_LINK, ProblemKind::NotAnOnisepLink);
        }
        let publication = Publication {
            name: c.get(M_PUBLICATION, values::text),
            collection: c.get(M_COLLECTION, values::text),
            year: c.get(M_YEAR, values::year),
            gencod: c.get(M_GENCOD, |raw| values::digits(raw, 14)),
        };
        let gfe = c.get(M_GFE, values::text);
        let romes = match values::romes(
            c.raw(M_ROME_CODES),
            c.raw(M_ROME_LABELS),
            c.raw(M_ROME_LINKS),
        ) {
            Ok(romes) => romes,
            Err((which, kind)) => {
                c.note(M_ROME_CODES + which, kind);
                Vec::new()
            }
        };
        if romes.iter().any(|rome| !values::is_rome_code(&rome.code)) {
            let name = c.name(M_ROME_CODES);
            c.reading
                .remark(row.place, Some(name), ProblemKind::NotARomeCode);
        }
        let domains = c.get(M_DOMAINS, values::domain_pairs);
        let created_on = c.get(M_CREATED, values::date);
        let modified_on = c.get(M_MODIFIED, values::date);
        let (Some(id), false) = (id, c.bad) else {
            continue;
        };
        // One row per publication: the métier's other rows add theirs.
        let has_publication = !publication.name.is_empty() || publication.gencod.is_some();
        if let Some(&index) = seen.get(&id) {
            let metier = &mut metiers[index];
            if has_publication && !metier.publications.contains(&publication) {
                metier.publications.push(publication);
            }
            for pair in domains {
                if !metier.domains.contains(&pair) {
                    metier.domains.push(pair);
                }
            }
            for rome in romes {
                if !metier.romes.iter().any(|r| r.code == rome.code) {
                    metier.romes.push(rome);
                }
            }
            metier.modified_on = metier.modified_on.max(modified_on);
            continue;
        }
        seen.insert(id, metiers.len());
        metiers.push(Metier {
            id,
            label,
            link: link.trim().to_owned(),
            gfe,
            romes,
            domains,
            publications: if has_publication {
                vec![publication]
            } else {
                Vec::new()
            },
            created_on,
            modified_on,
        });
    }
    metiers
}

fn formations(rows: Vec<Row>, reading: &mut Reading) -> Vec<Formation> {
    let mut formations = Vec::new();
    let mut seen: HashMap<FormationId, Place> = HashMap::new();
    for row in &rows {
        let mut c = cells(row, Dataset::Formations, reading);
        let link = c.get(F_LINK, values::required);
        let id = FormationId::from_link(&link);
        if id.is_none() && !link.is_empty() {
            c.note(F_LINK, ProblemKind::NotAnOnisepLink);
        }
        if let Some(first) = id.and_then(|id| seen.get(&id)).copied() {
            c.note(F_LINK, ProblemKind::DuplicateId { first });
        }
        let formation = Formation {
            id: id.unwrap_or(FormationId(1)),
            label: c.get(F_LABEL, values::required),
            link: link.trim().to_owned(),
            type_sigle: c.get(F_TYPE_SIGLE, values::text),
            type_label: c.get(F_TYPE_LABEL, values::required),
            sigle: c.get(F_SIGLE, values::text),
            duration: c.get(F_DURATION, values::text),
            exit_level: c.get(F_EXIT_LEVEL, values::text),
            rncp: c.get(F_RNCP, |raw| values::code(raw, 20)),
            certification_code: c.get(F_CERTIFICATION_CODE, |raw| {
                Ok(values::digits(raw, 2)?.unwrap_or_default())
            }),
            certification_label: c.get(F_CERTIFICATION_LABEL, values::text),
            tutelle: c.get(F_TUTELLE, values::text),
            nsf: c.get(F_NSF, |raw| {
                let codes = values::list(raw)?;
                if codes.iter().any(|code| values::code(code, 8).is_err()) {
                    return Err(ProblemKind::NotANumber);
                }
                Ok(codes)
            }),
            school_code: c.get(F_SCHOOL_CODE, |raw| values::code(raw, 12)),
            domains: c.get(F_DOMAINS, values::domain_pairs),
            created_on: c.get(F_CREATED, values::date),
            modified_on: c.get(F_MODIFIED, values::date),
        };
        if let (Some(id), false) = (id, c.bad) {
            seen.insert(id, row.place);
            formations.push(formation);
        } else if let Some(id) = id {
            seen.entry(id).or_insert(row.place);
        }
    }
    formations
}
