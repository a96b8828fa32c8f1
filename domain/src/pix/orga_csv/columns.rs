//! The export's columns: their names as Pix writes them, and the layout of a file's header
//! (which column holds what, each competence found by its name or `N.N` code).

use super::*;

pub(super) const COL_ORGANISATION: &str = "Nom de l'organisation";
pub(super) const COL_CAMPAIGN_ID: &str = "ID Campagne";
pub(super) const COL_CAMPAIGN_CODE: &str = "Code";
pub(super) const COL_CAMPAIGN_NAME: &str = "Nom de la campagne";
pub(super) const COL_LAST_NAME: &str = "Nom du Participant";
pub(super) const COL_FIRST_NAME: &str = "Prénom du Participant";
pub(super) const COL_CLASS: &str = "Classe";
pub(super) const COL_STUDENT_NUMBER: &str = "Numéro Étudiant";
pub(super) const COL_GROUP: &str = "Groupe";
pub(super) const COL_SHARED: &str = "Envoi (O/N)";
/// The sending date of older exports: `YYYY-MM-DD`, the UTC day.
pub(super) const COL_SHARED_ON: &str = "Date de l'envoi";
/// The sending time of current exports: `DD/MM/YYYY HH:mm`, Paris time.
pub(super) const COL_SHARED_AT: &str = "Date et heure de l'envoi (Europe/Paris)";
pub(super) const COL_TOTAL: &str = "Nombre de pix total";
pub(super) const COL_CERTIFIABLE: &str = "Certifiable (O/N)";
pub(super) const COL_CERTIFIABLE_COUNT: &str = "Nombre de compétences certifiables";
pub(super) const LEVEL_PREFIX: &str = "Niveau pour la compétence ";
pub(super) const PIX_PREFIX: &str = "Nombre de pix pour la compétence ";

pub(super) const REQUIRED: [&str; 7] = [
    COL_ORGANISATION,
    COL_CAMPAIGN_ID,
    COL_CAMPAIGN_NAME,
    COL_LAST_NAME,
    COL_FIRST_NAME,
    COL_SHARED,
    COL_TOTAL,
];

/// The competence a header's name designates: its `N.N` code (alone or first) or its name.
pub(super) fn competence_code(framework: &Framework, name: &str) -> Option<String> {
    let folded = fold(name);
    let code_part = folded.split(' ').next().unwrap_or_default();
    framework
        .competences()
        .find(|c| c.code == code_part || fold(&c.name_fr) == folded || fold(&c.name_en) == folded)
        .map(|c| c.code.clone())
}

/// Where each known column is.
pub(super) struct Layout {
    pub(super) width: usize,
    pub(super) columns: Vec<String>,
    pub(super) index: std::collections::HashMap<&'static str, usize>,
    pub(super) external_id: Option<usize>,
    /// (code, level column, pix column), in the framework's order.
    pub(super) competences: Vec<(String, usize, usize)>,
}

pub(super) fn layout(
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

pub(super) fn strip_prefix_folded<'a>(column: &'a str, prefix: &str) -> Option<&'a str> {
    let head = column.get(..prefix.len())?;
    (fold(head) == fold(prefix)).then(|| &column[prefix.len()..])
}

/// A whole number as Pix writes it: `12`, or with a decimal comma `12,0`.
pub(super) fn whole_number(raw: &str) -> Option<u16> {
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

pub(super) fn yes_no(raw: &str) -> Option<bool> {
    match raw.trim() {
        "Oui" | "OUI" | "oui" | "O" => Some(true),
        "Non" | "NON" | "non" | "N" => Some(false),
        _ => None,
    }
}

pub(super) fn is_date(raw: &str) -> bool {
    crate::portfolio::SchoolDate::parse(raw.trim()).is_some()
}
