use super::*;
use crate::portfolio::frameworks::Frameworks;
use proptest::prelude::*;
use std::path::PathBuf;

mod round_trip;

fn crcn() -> Framework {
    Frameworks::crcn().clone()
}

/// A value as Pix writes it: strings quoted with `""` escapes, formula starts prefixed by `'`.
fn pix_quote(value: &str) -> String {
    let value = if value.starts_with(['-', '@', '=', '+']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    format!("\"{}\"", value.replace('"', "\"\""))
}

/// A valid export of `rows` participants (name, shared, pix per competence), Pix-style.
fn export(rows: &[(&str, bool, u16)]) -> String {
    let framework = crcn();
    let mut header: Vec<String> = [
        "Nom de l'organisation",
        "ID Campagne",
        "Code",
        "Nom de la campagne",
        "Nom du Participant",
        "Prénom du Participant",
        "Classe",
        "Envoi (O/N)",
        "Date de l'envoi",
        "Nombre de pix total",
        "Certifiable (O/N)",
        "Nombre de compétences certifiables",
    ]
    .iter()
    .map(|h| pix_quote(h))
    .collect();
    for c in framework.competences() {
        header.push(pix_quote(&format!(
            "Niveau pour la compétence {}",
            c.name_fr
        )));
        header.push(pix_quote(&format!(
            "Nombre de pix pour la compétence {}",
            c.name_fr
        )));
    }
    let mut out = format!("{BOM}{}\n", header.join(";"));
    for (name, shared, pix) in rows {
        let mut fields = vec![
            pix_quote("Collège Démo"),
            "1234".to_owned(),
            pix_quote("ABCDEF123"),
            pix_quote("Rentrée 2026"),
            pix_quote(name),
            pix_quote("Camille"),
            pix_quote("3E2"),
        ];
        if *shared {
            fields.extend([
                pix_quote("Oui"),
                "2026-10-01".to_owned(),
                (pix * 16).to_string(),
                pix_quote("Oui"),
                "16".to_owned(),
            ]);
            for _ in framework.competences() {
                fields.push((pix / 8).to_string());
                fields.push(pix.to_string());
            }
        } else {
            fields.extend([
                pix_quote("Non"),
                pix_quote("NA"),
                pix_quote("NA"),
                pix_quote("NA"),
                pix_quote("NA"),
            ]);
            for _ in framework.competences() {
                fields.push(pix_quote("NA"));
                fields.push(pix_quote("NA"));
            }
        }
        out.push_str(&fields.join(";"));
        out.push('\n');
    }
    out
}

fn parse(text: &str) -> OrgaExport {
    read(&crcn(), text.as_bytes(), 10_000_000)
}

fn kinds(export: &OrgaExport) -> Vec<(u64, Option<String>, ProblemKind)> {
    export
        .problems
        .iter()
        .map(|p| (p.line, p.column.clone(), p.kind.clone()))
        .collect()
}

#[test]
fn a_valid_export_reads_every_participant() {
    let text = export(&[
        ("Martin", true, 20),
        ("Durand", false, 0),
        ("=Petit", true, 64),
    ]);
    let read = parse(&text);
    assert_eq!(read.problems, vec![]);
    assert_eq!(read.campaign.as_ref().unwrap().name, "Rentrée 2026");
    assert_eq!(read.rows.len(), 3);
    let martin = &read.rows[0];
    assert_eq!((martin.line, martin.class.as_deref()), (2, Some("3E2")));
    assert_eq!(martin.total_pix, Some(320));
    assert_eq!(martin.competences.len(), 16);
    assert_eq!(martin.competences[0].0, "1.1");
    assert_eq!(martin.competences[0].1.get(), 2);
    let durand = &read.rows[1];
    assert!(!durand.shared && durand.competences.is_empty() && durand.total_pix.is_none());
    assert_eq!(
        read.rows[2].last_name, "=Petit",
        "the ' prefix is Pix's, not the name's"
    );
}

#[test]
fn competences_are_matched_by_code_or_by_name_whatever_the_accents() {
    let text = export(&[("Martin", true, 8)])
        .replace(
            "Niveau pour la compétence Mener une recherche",
            "Niveau pour la compétence 1.1 Mener une recherche",
        )
        .replace(
            "Nombre de pix pour la compétence Gérer des données",
            "Nombre de pix pour la compétence 1.2",
        )
        .replace(
            "Niveau pour la compétence Gérer des données",
            "Niveau pour la compétence GERER DES DONNEES",
        )
        .replace(
            "veille d'information\";\"Nombre",
            "veille d’information\";\"Nombre",
        );
    let read = parse(&text);
    assert_eq!(read.problems, vec![]);
    assert_eq!(read.rows[0].competences.len(), 16);
}

#[test]
fn wrong_separator_encoding_and_truncation_are_named() {
    let commas = export(&[("Martin", true, 8)]).replace(';', ",");
    assert_eq!(
        kinds(&parse(&commas)),
        vec![(1, None, ProblemKind::WrongSeparator)]
    );

    let mut latin1 = export(&[("Martin", true, 8)]).into_bytes();
    let at = latin1.len() - 40;
    latin1.insert(at, 0xe9);
    let read = read(&crcn(), latin1.as_slice(), 10_000_000);
    assert_eq!(
        kinds(&read),
        vec![(2, None, ProblemKind::Syntax(SyntaxProblem::NotUtf8))]
    );

    let text = export(&[("Martin", true, 8), ("Durand", true, 8)]);
    let cut = &text[..text.rfind("\"Durand").unwrap() + 4];
    assert_eq!(
        kinds(&parse(cut)),
        vec![(3, None, ProblemKind::Syntax(SyntaxProblem::Truncated))]
    );
    let cut = &text[..text.len() - 30];
    assert!(matches!(
        parse(cut).problems[0].kind,
        ProblemKind::WrongFieldCount { .. }
    ));
    assert_eq!(parse(cut).rows.len(), 1, "the complete line is still read");

    assert_eq!(kinds(&parse("")), vec![(1, None, ProblemKind::Empty)]);
    let header_only = export(&[]);
    assert_eq!(
        kinds(&parse(&header_only)),
        vec![(2, None, ProblemKind::Empty)]
    );
}

#[test]
fn a_file_over_the_limit_stops_at_once() {
    let text = export(&[("Martin", true, 8), ("Durand", true, 8)]);
    let read = read(&crcn(), text.as_bytes(), 2_000);
    assert!(matches!(
        read.problems[0].kind,
        ProblemKind::Syntax(SyntaxProblem::TooLarge { limit_bytes: 2_000 })
    ));
}

#[test]
fn missing_and_unknown_columns_are_listed_together() {
    let text = export(&[("Martin", true, 8)])
        .replace("\"Envoi (O/N)\"", "\"Envoyé\"")
        .replace(
            "Niveau pour la compétence Interagir",
            "Niveau pour la compétence Danser",
        );
    let problems = kinds(&parse(&text));
    assert!(problems.contains(&(1, Some("Envoi (O/N)".into()), ProblemKind::MissingColumn)));
    assert!(problems.contains(&(
        1,
        Some("Niveau pour la compétence Danser".into()),
        ProblemKind::UnknownCompetence
    )));
    assert!(problems.contains(&(
        1,
        Some("Interagir".into()),
        ProblemKind::IncompleteCompetence
    )));
}

#[test]
fn bad_values_name_their_line_and_column() {
    let framework = crcn();
    let first = framework.competences().next().unwrap().name_fr.clone();
    let good = export(&[("Martin", true, 8)]);
    let header = good.lines().next().unwrap();
    let line = good.lines().nth(1).unwrap();
    let mut fields: Vec<String> = line.split(';').map(str::to_owned).collect();
    fields[7] = "\"Peut-être\"".into(); // Envoi (O/N)
    fields[8] = "2026-13-01".into(); // Date de l'envoi
    fields[12] = "9".into(); // level of 1.1
    fields[15] = "65".into(); // pix of 1.2
    fields[16] = "douze".into(); // level of 1.3
    let text = format!("{header}\n{}\n", fields.join(";"));
    let problems = kinds(&parse(&text));
    assert!(problems.contains(&(2, Some("Envoi (O/N)".into()), ProblemKind::NotAYesNo)));
    assert!(problems.contains(&(2, Some("Date de l'envoi".into()), ProblemKind::NotADate)));
    // Not shared (unreadable answer): the result columns are not read.
    assert_eq!(problems.len(), 2, "{problems:?}");

    fields[7] = "\"Oui\"".into();
    fields[8] = "2026-10-01".into();
    let text = format!("{header}\n{}\n", fields.join(";"));
    let problems = kinds(&parse(&text));
    let level = format!("Niveau pour la compétence {first}");
    assert!(
        problems.contains(&(2, Some(level), ProblemKind::LevelOutOfRange)),
        "{problems:?}"
    );
    assert!(problems.iter().any(|(l, c, k)| *l == 2
        && c.as_deref().unwrap().starts_with("Nombre de pix")
        && *k == ProblemKind::PixOutOfRange));
    assert!(problems
        .iter()
        .any(|(_, _, k)| *k == ProblemKind::NotANumber));
    let first = &parse(&text).problems[0];
    assert_eq!(first.line, 2);
    assert!(
        first
            .column
            .as_deref()
            .is_some_and(|c| c.starts_with("Niveau pour la compétence")),
        "{first:?}"
    );
}

#[test]
fn totals_and_levels_must_agree_with_the_pix() {
    let good = export(&[("Martin", true, 8)]);
    let header = good.lines().next().unwrap();
    let mut fields: Vec<String> = good
        .lines()
        .nth(1)
        .unwrap()
        .split(';')
        .map(str::to_owned)
        .collect();
    fields[9] = "129".into();
    fields[12] = "2".into();
    let text = format!("{header}\n{}\n", fields.join(";"));
    let problems = kinds(&parse(&text));
    assert!(problems.contains(&(
        2,
        Some("Nombre de pix total".into()),
        ProblemKind::TotalDoesNotMatch { sum: 128 }
    )));
    assert!(problems
        .iter()
        .any(|(_, _, k)| *k == ProblemKind::LevelDoesNotMatchPix));
}

#[test]
fn duplicate_participants_point_at_the_first_line() {
    let text = export(&[
        ("Martin", true, 8),
        ("Durand", true, 8),
        ("MARTIN", true, 16),
    ]);
    let read = parse(&text);
    assert_eq!(
        kinds(&read),
        vec![(4, None, ProblemKind::DuplicateParticipant { first_line: 2 })]
    );
    assert_eq!(read.rows.len(), 2);
}

/// Each `tests/data/pix-orga/*.csv` is read into exactly its `.json` neighbour.
/// `UPDATE_GOLDEN=1 cargo test -p domain` rewrites them (then review the diff).
#[test]
fn golden_files() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/pix-orga");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("csv") {
            continue;
        }
        seen += 1;
        let bytes = std::fs::read(&path).unwrap();
        let read = read(&crcn(), bytes.as_slice(), 10_000_000);
        let actual = serde_json::to_string_pretty(&read).unwrap() + "\n";
        let golden = path.with_extension("json");
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::write(&golden, &actual).unwrap();
        }
        let expected = std::fs::read_to_string(&golden).unwrap_or_default();
        assert_eq!(actual, expected, "{}", path.display());
    }
    assert!(seen >= 4, "golden files missing in {}", dir.display());
}

/// The sample the README offers to try the demo with is a valid export.
#[test]
fn the_documented_sample_reads_without_problems() {
    let sample = include_str!("../../../../docs/exemple-pix-orga.csv");
    let export = read(&crcn(), sample.as_bytes(), u64::MAX);
    assert_eq!(export.problems, vec![]);
    assert_eq!(export.rows.len(), 3);
    assert_eq!(export.rows[0].total_pix, Some(267));
    assert!(!export.rows[2].shared);
}

/// A file wrong on every value keeps the first problems and counts them all: its size does not
/// decide the memory its problems take.
#[test]
fn problems_are_counted_all_and_kept_first() {
    let mut text = export(&[("Martin", true, 20)]);
    let bad_line = text.lines().nth(1).unwrap().replace(";2;", ";douze;");
    for _ in 0..PROBLEMS_KEPT + 250 {
        text.push_str(&bad_line);
        text.push('\n');
    }
    let read = parse(&text);
    assert_eq!(read.problems.len(), PROBLEMS_KEPT);
    assert!(
        read.problem_count >= PROBLEMS_KEPT + 250,
        "{}",
        read.problem_count
    );
    assert_eq!(
        read.problems[0].line, 3,
        "the first problems are the ones kept"
    );
    assert_eq!(read.rows.len(), 1);
}

/// `read_each` hands each row on as it is read, and says how many it handed on.
#[test]
fn rows_are_handed_on_one_at_a_time() {
    let text = export(&[
        ("Martin", true, 20),
        ("Durand", false, 0),
        ("Petit", true, 64),
    ]);
    let mut lines = Vec::new();
    let summary = read_each(&crcn(), text.as_bytes(), 10_000_000, |row| {
        lines.push(row.line)
    });
    assert_eq!(lines, [2, 3, 4]);
    assert_eq!(summary.rows, 3);
    assert!(summary.is_clean());
    assert_eq!(summary.campaign.unwrap().name, "Rentrée 2026");
}
