//! Reading the offers' files: the shipped one, the CSV form, what is refused or left out.

use super::*;

const OFFERS_JSON: &[u8] =
    include_bytes!("../../../../data/onisep/ideo-actions-formation-initiale.json");

fn offers(reading: &Reading) -> &[Offer] {
    match reading.contents.as_ref() {
        Some(Contents::Offers(offers)) => offers,
        other => panic!("not offers: {other:?} {:?}", reading.problems),
    }
}

#[test]
fn the_shipped_offers_read_with_their_schools() {
    let json = read(OFFERS_JSON);
    assert!(json.is_clean(), "{:?}", json.problems);
    assert_eq!(json.remark_count, 0, "{:?}", json.remarks);
    assert_eq!(
        (json.dataset, json.form),
        (Some(Dataset::Offers), Some(Form::Json))
    );
    let all = offers(&json);
    assert_eq!(all.len(), 46);
    let bakery = all
        .iter()
        .find(|o| o.formation.to_string() == "FOR.2246" && o.school.commune == "Nîmes")
        .unwrap();
    assert_eq!(bakery.formation_label, "CAP boulanger");
    assert_eq!(bakery.school.academie, "Montpellier");
    assert_eq!(bakery.school.departement, "Gard");
    assert_eq!(bakery.school.postal_code, "30000");
    assert_eq!(
        bakery.school.id.map(|id| id.to_string()),
        Some("ENS.99006".to_owned())
    );
    assert_eq!(bakery.duration, "2 ans");
    assert_eq!(bakery.schooling, "temps plein");
    assert_eq!(
        bakery.modified_on.map(|d| d.to_string()),
        Some("2026-10-15".to_owned())
    );
    // ONISEP's other keys (coordinates, telephone, costs…) are said, not refused.
    assert!(json.unread_columns.iter().any(|c| c == "ens_latitude"));
}

/// The rows of an offers' file in ONISEP's CSV form: the header's labels, `;`, a BOM.
fn offers_csv(rows: &[[&str; 8]]) -> Vec<u8> {
    let mut csv = String::from(
        "\u{feff}Action de Formation (AF) identifiant Onisep;Formation (FOR) libellé;\
         FOR URL et ID Onisep;Lieu d'enseignement (ENS) libellé;ENS code UAI;ENS code postal;\
         ENS commune;ENS académie;ENS latitude\n",
    );
    for row in rows {
        csv.push_str(&row.join(";"));
        csv.push_str(";43.6\n");
    }
    csv.into_bytes()
}

#[test]
fn offers_in_the_csv_form_and_what_is_refused_or_left_out() {
    const FORMATION: &str = "https://www.onisep.fr/http/redirection/formation/slug/FOR.2246";
    let good = [
        "AF.1",
        "CAP boulanger",
        FORMATION,
        "Lycée A",
        "0341523W",
        "34202",
        "Sète",
        "Montpellier",
    ];
    let reading = read(&offers_csv(&[
        good,
        // An id written as a link; a postal code without its zero; a UAI that is not one and an
        // e-mail address for a site: the row is kept, the values left out and remarked on.
        [
            "https://www.onisep.fr/http/redirection/formation/slug/AF.2",
            "CAP boulanger",
            FORMATION,
            "Lycée B",
            "ENS.12",
            "1000",
            "Bourg-en-Bresse",
            "Lyon",
        ],
    ]));
    assert!(reading.is_clean(), "{:?}", reading.problems);
    assert_eq!(reading.form, Some(Form::Csv));
    assert_eq!(reading.unread_columns, ["ENS latitude"]);
    let all = offers(&reading);
    assert_eq!(all[1].id.to_string(), "AF.2");
    assert_eq!(all[1].school.postal_code, "01000");
    assert_eq!(all[1].school.uai, "");
    assert_eq!(
        reading
            .remarks
            .iter()
            .map(|r| (r.place, r.column.as_deref(), &r.kind))
            .collect::<Vec<_>>(),
        [(Place::Line(3), Some("ENS code UAI"), &ProblemKind::NotAUai)]
    );

    // A site that is an e-mail address: left out, remarked; never a link.
    let mut with_site = String::from_utf8(offers_csv(&[good])).unwrap();
    with_site = with_site.replace("Montpellier;43.6", "Montpellier;contact@lycee-a.fr;43.6");
    with_site = with_site.replace(
        "ENS académie;ENS latitude",
        "ENS académie;ENS site web;ENS latitude",
    );
    let reading = read(with_site.as_bytes());
    assert!(reading.is_clean(), "{:?}", reading.problems);
    assert_eq!(offers(&reading)[0].school.web, "");
    assert_eq!(reading.remarks[0].kind, ProblemKind::NotAWebAddress);

    // Refused: a formation that is not an onisep.fr link, no académie, the same offer twice.
    let reading = read(&offers_csv(&[
        good,
        [
            "AF.3",
            "CAP boulanger",
            "FOR-2246",
            "Lycée C",
            "",
            "",
            "Nîmes",
            "Montpellier",
        ],
        [
            "AF.4",
            "CAP boulanger",
            FORMATION,
            "Lycée D",
            "",
            "",
            "Nîmes",
            "",
        ],
        [
            "AF.1",
            "CAP boulanger",
            FORMATION,
            "Lycée A",
            "",
            "",
            "Sète",
            "Montpellier",
        ],
    ]));
    assert!(!reading.is_clean());
    assert_eq!(
        problems(&reading),
        [
            (
                Place::Line(3),
                Some("FOR URL et ID Onisep"),
                &ProblemKind::NotAnOnisepLink
            ),
            (
                Place::Line(4),
                Some("ENS académie"),
                &ProblemKind::MissingValue
            ),
            (
                Place::Line(5),
                Some("Action de Formation (AF) identifiant Onisep"),
                &ProblemKind::DuplicateId {
                    first: Place::Line(2)
                }
            ),
        ]
    );
    // A file without the académie's column: ONISEP changed the structure.
    let missing = String::from_utf8(offers_csv(&[good]))
        .unwrap()
        .replace("ENS académie", "ENS pays");
    let reading = read(missing.as_bytes());
    assert_eq!(
        problems(&reading),
        [(
            Place::File,
            Some("ENS académie"),
            &ProblemKind::MissingColumn
        )]
    );
}
