use super::*;

/// Idéo-Actions de formation initiale: where a formation is taught.
mod offers;

const METIERS_JSON: &[u8] = include_bytes!("../../../data/onisep/ideo-metiers.json");
const METIERS_CSV: &[u8] = include_bytes!("../../../data/onisep/ideo-metiers.csv");
const FORMATIONS_JSON: &[u8] =
    include_bytes!("../../../data/onisep/ideo-formations-initiales.json");
const FORMATIONS_CSV: &[u8] = include_bytes!("../../../data/onisep/ideo-formations-initiales.csv");

fn metiers(reading: &Reading) -> &[Metier] {
    match reading.contents.as_ref() {
        Some(Contents::Metiers(metiers)) => metiers,
        other => panic!("not métiers: {other:?} {:?}", reading.problems),
    }
}

fn formations(reading: &Reading) -> &[Formation] {
    match reading.contents.as_ref() {
        Some(Contents::Formations(formations)) => formations,
        other => panic!("not formations: {other:?} {:?}", reading.problems),
    }
}

fn problems(reading: &Reading) -> Vec<(Place, Option<&str>, &ProblemKind)> {
    reading
        .problems
        .iter()
        .map(|p| (p.place, p.column.as_deref(), &p.kind))
        .collect()
}

#[test]
fn the_shipped_metiers_read_in_both_forms_alike() {
    let json = read(METIERS_JSON);
    assert!(json.is_clean(), "{:?}", json.problems);
    // ONISEP's own typo (`A15 | A1503 | D1210`): kept as written, remarked, not refused.
    assert_eq!(
        json.remarks,
        [Problem::at(
            Place::Record(56),
            Some("code_rome"),
            ProblemKind::NotARomeCode
        )]
    );
    assert_eq!(
        (json.dataset, json.form),
        (Some(Dataset::Metiers), Some(Form::Json))
    );
    // One row per publication: 112 rows, 64 métiers.
    assert_eq!(json.rows, 112);
    let all = metiers(&json);
    assert_eq!(all.len(), 64);
    let nurse = all.iter().find(|m| m.id.to_string() == "MET.38").unwrap();
    assert_eq!(nurse.label, "infirmier / infirmière");
    assert_eq!(nurse.publications.len(), 2);
    assert_eq!(nurse.domains[0].domaine, "santé, social, sport");
    // Three ROME codes in parallel lists; a métier without any; a `null` year and gencod.
    let quality = all.iter().find(|m| m.id.to_string() == "MET.175").unwrap();
    assert_eq!(
        quality
            .romes
            .iter()
            .map(|r| r.code.as_str())
            .collect::<Vec<_>>(),
        ["H1503", "H1504", "H1506"]
    );
    assert!(all.iter().any(|m| m.romes.is_empty()));
    let lift = all.iter().find(|m| m.id.to_string() == "MET.775").unwrap();
    assert!(lift.publications.is_empty(), "{:?}", lift.publications);
    // Double spaces as ONISEP writes them, normalised.
    assert!(all.iter().all(|m| !m.gfe.contains("  ")));

    let csv = read(METIERS_CSV);
    assert!(csv.is_clean(), "{:?}", csv.problems);
    assert_eq!(csv.form, Some(Form::Csv));
    assert_eq!(csv.contents, json.contents);
}

#[test]
fn the_shipped_formations_read_in_both_forms_alike() {
    let json = read(FORMATIONS_JSON);
    assert!(json.is_clean(), "{:?}", json.problems);
    let all = formations(&json);
    assert_eq!(all.len(), 137);
    let cap = all.iter().find(|f| f.id.to_string() == "FOR.2246").unwrap();
    assert_eq!(cap.label, "CAP boulanger");
    assert_eq!(cap.type_label, "CAP");
    assert!(cap.modified_on.is_some());
    assert!(json.contents.as_ref().unwrap().data_date().is_some());
    let csv = read(FORMATIONS_CSV);
    assert!(csv.is_clean(), "{:?}", csv.problems);
    assert_eq!(csv.contents, json.contents);
}

/// ONISEP's current CSV header (13 columns, dates) with its columns in another order and one
/// column Sillage does not know: read by name, the unknown column said.
#[test]
fn columns_are_read_by_name_wherever_they_stand() {
    let file = "\u{feff}lien site onisep.fr;libellé métier;nom publication;collection;année;gencod;GFE;code ROME;libellé ROME;lien ROME;domaine/sous-domaine;date création;date de modification;nouvelle colonne\n\
        https://www.onisep.fr/http/redirection/metier/slug/MET.17;\"boulanger / boulangère\";\"Les métiers de l'alimentation\";Parcours;2022;9782273016001;\"GFE D : agroalimentaire, alimentation, cuisine\";D1102;Boulangerie - viennoiserie;https://candidat.francetravail.fr/marche-du-travail/fichemetierrome?codeRome=D1102;\"hôtellerie-restauration, tourisme/restauration| matières premières, fabrication, industries/agroalimentaire\";06/06/2020;20/01/2026;x\n";
    let reading = read(file.as_bytes());
    assert!(reading.is_clean(), "{:?}", reading.problems);
    assert_eq!(reading.unread_columns, ["nouvelle colonne"]);
    let baker = &metiers(&reading)[0];
    assert_eq!(baker.id.to_string(), "MET.17");
    assert_eq!(baker.domains.len(), 2);
    assert_eq!(baker.modified_on.unwrap().to_string(), "2026-01-20");
    assert_eq!(
        baker.publications[0].gencod.as_deref(),
        Some("9782273016001")
    );
}

/// A 2023 file: no `code scolarité`, no dates, `http://` links with `/redirections/`.
#[test]
fn older_formation_files_read() {
    let file = "\u{feff}code NSF;sigle type formation;libellé type formation;libellé formation principal;sigle formation;durée;niveau de sortie indicatif;code RNCP;niveau de certification;libellé niveau de certification;tutelle;URL et ID Onisep;domaine/sous-domaine\n\
        221;;CAP;\"CAP boulanger\";;\"2 ans\";\"CAP ou équivalent\";;5;\"niveau 3 (CAP, BEP)\";\"Ministère chargé de l'Éducation nationale et de la Jeunesse\";http://www.onisep.fr/http/redirections/formation/slug/FOR.2246;\"matières premières, fabrication, industries/agroalimentaire | hôtellerie-restauration, tourisme/restauration\"\n";
    let reading = read(file.as_bytes());
    assert!(reading.is_clean(), "{:?}", reading.problems);
    let cap = &formations(&reading)[0];
    assert_eq!(cap.id.to_string(), "FOR.2246");
    assert_eq!(cap.school_code, "");
    assert_eq!(cap.created_on, None);
}

#[test]
fn every_problem_is_named_with_its_line_and_column() {
    let file = "\u{feff}libellé métier;lien site onisep.fr;nom publication;collection;année;gencod;GFE;code ROME;libellé ROME;lien ROME;domaine/sous-domaine\n\
        ;https://www.onisep.fr/http/redirection/metier/slug/MET.1;;;;;;;;;santé/médical\n\
        pilote;https://example.org/MET.2;;;deux mille;;;;;;santé/médical\n\
        pilote;https://www.onisep.fr/http/redirection/formation/slug/FOR.3;;;;;;A1101;;;santé\n\
        trop;de;champs\n";
    let reading = read(file.as_bytes());
    assert!(!reading.is_clean());
    assert!(
        reading.contents.is_none(),
        "nothing of a file with a problem"
    );
    assert_eq!(
        problems(&reading),
        [
            (
                Place::Line(2),
                Some("libellé métier"),
                &ProblemKind::MissingValue
            ),
            (
                Place::Line(3),
                Some("lien site onisep.fr"),
                &ProblemKind::NotAnOnisepLink
            ),
            (Place::Line(3), Some("année"), &ProblemKind::NotAYear),
            // A formation's link in the métiers' file is not a métier's.
            (
                Place::Line(4),
                Some("lien site onisep.fr"),
                &ProblemKind::NotAnOnisepLink
            ),
            (
                Place::Line(4),
                Some("code ROME"),
                &ProblemKind::RomeListsDiffer {
                    codes: 1,
                    labels: 0,
                    links: 0
                }
            ),
            (
                Place::Line(4),
                Some("domaine/sous-domaine"),
                &ProblemKind::NotADomainPair
            ),
            (
                Place::Line(5),
                None,
                &ProblemKind::WrongFieldCount {
                    expected: 11,
                    found: 3
                }
            ),
        ]
    );
}

#[test]
fn a_changed_structure_or_another_file_is_refused_whole() {
    // ONISEP renamed a column: named, nothing read.
    let renamed = "libellé métier;lien onisep;nom publication;collection;année;gencod;GFE;code ROME;libellé ROME;lien ROME;domaine/sous-domaine\n";
    let reading = read(renamed.as_bytes());
    assert_eq!(reading.dataset, None, "no identifying column");
    assert_eq!(
        problems(&reading),
        [(Place::Line(1), None, &ProblemKind::UnknownDataset)]
    );
    let without_rome = "libellé métier;lien site onisep.fr;nom publication;collection;année;gencod;GFE;libellé ROME;lien ROME;domaine/sous-domaine\nx;y;;;;;;;;\n";
    let reading = read(without_rome.as_bytes());
    assert_eq!(
        problems(&reading),
        [(Place::File, Some("code ROME"), &ProblemKind::MissingColumn)]
    );
    // A Pix export, an empty file, bytes that are not UTF-8.
    let pix = "\u{feff}\"Nom de l'organisation\";\"ID Campagne\"\n\"Collège\";1\n";
    assert_eq!(
        read(pix.as_bytes()).problems[0].kind,
        ProblemKind::UnknownDataset
    );
    assert_eq!(read(b"").problems[0].kind, ProblemKind::Empty);
    assert_eq!(
        read(&[0xff, 0xfe, 0x00]).problems[0].kind,
        ProblemKind::NotUtf8
    );
    // A header and no row.
    let header_only = "libellé métier;lien site onisep.fr;nom publication;collection;année;gencod;GFE;code ROME;libellé ROME;lien ROME;domaine/sous-domaine\n";
    assert_eq!(
        read(header_only.as_bytes()).problems[0].kind,
        ProblemKind::Empty
    );
}

#[test]
fn json_problems_name_the_record_and_key() {
    let broken = read(b"[{\"libelle_metier\":\"x\",");
    assert!(matches!(
        broken.problems[0].kind,
        ProblemKind::JsonSyntax { line: 1, .. }
    ));
    assert_eq!(
        read(b"{\"a\":1}").problems[0].kind,
        ProblemKind::NotAnArrayOfObjects
    );
    assert_eq!(
        read(b"[1, 2]").problems[0].kind,
        ProblemKind::NotAnArrayOfObjects
    );
    let record = |label: &str, link: &str, annee: &str| {
        format!(
            "{{\"libelle_metier\":{label},\"lien_site_onisepfr\":\"{link}\",\"nom_publication\":\"\",\"collection\":\"\",\"annee\":{annee},\"gencod\":null,\"gfe\":\"\",\"code_rome\":\"\",\"libelle_rome\":\"\",\"lien_rome\":\"\",\"domainesous-domaine\":\"sant\\u00e9, social, sport\\/m\\u00e9dical\"}}"
        )
    };
    let good = "https:\\/\\/www.onisep.fr\\/http\\/redirection\\/metier\\/slug\\/MET.38";
    let file = format!(
        "[{},{},{}]",
        record("\"infirmier \\/ infirmi\\u00e8re\"", good, "2021"),
        record("[\"x\"]", good, "null"),
        record("\"x\"", good, "1500"),
    );
    let reading = read(file.as_bytes());
    assert_eq!(
        problems(&reading),
        [
            (
                Place::Record(2),
                Some("libelle_metier"),
                &ProblemKind::NotText
            ),
            (
                Place::Record(2),
                Some("libelle_metier"),
                &ProblemKind::MissingValue
            ),
            (Place::Record(3), Some("annee"), &ProblemKind::NotAYear),
        ]
    );
    // The first record alone is clean, PHP's escapes read.
    let one = read(
        format!(
            "[{}]",
            record("\"infirmier \\/ infirmi\\u00e8re\"", good, "2021")
        )
        .as_bytes(),
    );
    assert_eq!(metiers(&one)[0].label, "infirmier / infirmière");
    assert_eq!(metiers(&one)[0].domains[0].sous_domaine, "médical");
}

#[test]
fn a_formation_twice_is_refused_naming_the_first() {
    let row = "221;;CAP;\"CAP boulanger\";;\"2 ans\";CAP;;5;\"niveau 3\";x;https://www.onisep.fr/http/redirection/formation/slug/FOR.2246;a/b\n";
    let file = format!("code NSF;sigle type formation;libellé type formation;libellé formation principal;sigle formation;durée;niveau de sortie indicatif;code RNCP;niveau de certification;libellé niveau de certification;tutelle;URL et ID Onisep;domaine/sous-domaine\n{row}{row}");
    let reading = read(file.as_bytes());
    assert_eq!(
        problems(&reading),
        [(
            Place::Line(3),
            Some("URL et ID Onisep"),
            &ProblemKind::DuplicateId {
                first: Place::Line(2)
            }
        )]
    );
}

#[test]
fn ids_come_from_onisep_links_only() {
    assert_eq!(
        MetierId::from_link("https://www.onisep.fr/http/redirection/metier/slug/MET.7776")
            .map(|id| id.to_string()),
        Some("MET.7776".to_owned())
    );
    assert!(
        MetierId::from_link("http://www.onisep.fr/http/redirections/metier/slug/MET.7776")
            .is_some()
    );
    for bad in [
        "https://www.onisep.fr/http/redirection/formation/slug/FOR.1",
        "https://evil.example/onisep.fr/MET.1",
        "https://www.onisep.fr.evil.example/MET.1",
        "https://www.onisep.fr/MET.",
        "https://www.onisep.fr/MET.0",
        "MET.1",
    ] {
        assert_eq!(MetierId::from_link(bad), None, "{bad}");
    }
    assert_eq!(
        FormationId::parse("FOR.2246").unwrap().to_string(),
        "FOR.2246"
    );
    assert_eq!(FormationId::parse("FOR.22a"), None);
    let id: MetierId = serde_json::from_str("\"MET.38\"").unwrap();
    assert_eq!(serde_json::to_string(&id).unwrap(), "\"MET.38\"");
    assert!(serde_json::from_str::<MetierId>("\"FOR.38\"").is_err());
}
