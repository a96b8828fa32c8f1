//! The names of schools, from the ministry's directory: the « Annuaire de l'éducation » export
//! (data.education.gouv.fr, dataset `fr-en-annuaire-education`, CSV). Its download writes one
//! line per établissement, `;` between fields (`,` when asked), a header naming each column by
//! its label (`Identifiant_de_l_etablissement`, `Nom_etablissement`, `Nom_commune`,
//! `Code_academie`, `Libelle_academie`…) or, in the API's form, by its field id (the same words
//! in lower case). Only those columns are read, wherever they stand; the others are ignored.
//!
//! `server admin name-schools <file> [<académie>]` loads it, so that a pupil's home names their
//! school (« Collège Jean Jaurès (Montpellier) ») instead of showing its UAI.

use super::SchoolUai;
use crate::db::Db;

/// A school's name as pages show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchoolName {
    pub uai: SchoolUai,
    pub name: String,
    /// « Montpellier » (`Libelle_academie`), when the export has it: a formation's page shows
    /// the offers of the pupil's académie first.
    pub academie: Option<String>,
}

/// What a reading kept, and what it left aside (lines without a valid UAI or name).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Directory {
    pub schools: Vec<SchoolName>,
    pub skipped: u64,
    /// Lines of other académies, when one was asked for.
    pub elsewhere: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum DirectoryError {
    #[error(
        "the file has no column {0:?}: export the Annuaire de l'éducation as CSV \
         (le fichier n'a pas de colonne {0:?})"
    )]
    MissingColumn(&'static str),
    #[error("line {line}: {reason} (ligne {line} illisible)")]
    Unreadable { line: u64, reason: String },
    #[error("could not store the names: {0}")]
    Database(#[from] sqlx::Error),
}

/// The longest name kept (the directory's longest are under 120 characters).
const NAME_MAX: usize = 200;

/// Reads the directory; `academie` keeps only the lines whose `Code_academie` or
/// `Libelle_academie` is that (any case, accents or not: « 11 », « Montpellier »).
pub fn read(
    input: impl std::io::Read,
    academie: Option<&str>,
) -> Result<Directory, DirectoryError> {
    let mut input = std::io::BufReader::new(input);
    // The separator is the header's: `;` by default, `,` when the download asked for it.
    let mut first = String::new();
    std::io::BufRead::read_line(&mut input, &mut first).map_err(|e| {
        DirectoryError::Unreadable {
            line: 1,
            reason: e.to_string(),
        }
    })?;
    let first = first.trim_start_matches('\u{feff}');
    let delimiter = if first.matches(';').count() >= first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let header: Vec<String> = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .from_reader(first.as_bytes())
        .records()
        .next()
        .and_then(Result::ok)
        .map(|record| record.iter().map(|h| h.trim().to_lowercase()).collect())
        .unwrap_or_default();
    let column = |name: &'static str| header.iter().position(|h| h == name);
    let uai_at = column("identifiant_de_l_etablissement").ok_or(DirectoryError::MissingColumn(
        "Identifiant_de_l_etablissement",
    ))?;
    let name_at =
        column("nom_etablissement").ok_or(DirectoryError::MissingColumn("Nom_etablissement"))?;
    let town_at = column("nom_commune");
    let academie_at = [column("code_academie"), column("libelle_academie")];
    let wanted = academie.map(crate::text::fold_words);
    if wanted.is_some() && academie_at.iter().all(Option::is_none) {
        return Err(DirectoryError::MissingColumn("Code_academie"));
    }

    let mut directory = Directory::default();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(input);
    for (index, record) in reader.records().enumerate() {
        let line = index as u64 + 2;
        let record = record.map_err(|e| DirectoryError::Unreadable {
            line,
            reason: e.to_string(),
        })?;
        let field = |at: usize| record.get(at).map(str::trim).unwrap_or("");
        if let Some(wanted) = &wanted {
            let here = academie_at
                .iter()
                .flatten()
                .any(|&at| crate::text::fold_words(field(at)) == *wanted);
            if !here {
                directory.elsewhere += 1;
                continue;
            }
        }
        let name = clean(field(name_at));
        let (Ok(uai), false) = (SchoolUai::parse(field(uai_at)), name.is_empty()) else {
            directory.skipped += 1;
            continue;
        };
        let town = town_at.map(|at| clean(field(at))).unwrap_or_default();
        let name = if town.is_empty() {
            name
        } else {
            format!("{name} ({town})")
        };
        let academie = academie_at[1]
            .map(|at| clean(field(at)))
            .filter(|label| !label.is_empty())
            .map(|label| label.chars().take(NAME_MAX).collect());
        directory.schools.push(SchoolName {
            uai,
            name: name.chars().take(NAME_MAX).collect(),
            academie,
        });
    }
    Ok(directory)
}

/// A name without control characters or repeated spaces.
fn clean(raw: &str) -> String {
    raw.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Records the names (a school already named is renamed), all or none.
pub async fn store(db: &Db, schools: &[SchoolName]) -> Result<u64, DirectoryError> {
    let mut tx = db.pool().begin().await?;
    for school in schools {
        super::store::name_school(
            &mut tx,
            &school.uai,
            &school.name,
            school.academie.as_deref(),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(schools.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The form of the ministry's download (labels as headers, `;`, a BOM), with columns this
    /// reader does not use between those it does.
    const EXPORT: &str = "\u{feff}Identifiant_de_l_etablissement;Nom_etablissement;Type_etablissement;Statut_public_prive;Adresse_1;Code_postal;Code_commune;Nom_commune;Code_departement;Code_academie;Libelle_academie\n\
        0340999Z;Collège Jean Jaurès;Collège;Public;1 rue de l'École;34000;34172;Montpellier;034;11;Montpellier\n\
        0750998Y;\"Lycée Louise Michel, site B\";Lycée;Public;2 avenue X;75011;75111;Paris;075;01;Paris\n\
        NOTAUAI;Collège sans code;Collège;Public;;34000;34172;Montpellier;034;11;Montpellier\n\
        0340997X;;Collège;Public;;34000;34172;Montpellier;034;11;Montpellier\n\
        0300996W;  École   primaire  ;Ecole;Public;;30460;30140;Lasalle;030;11;Montpellier\n";

    #[test]
    fn reads_the_ministrys_export() {
        let directory = read(EXPORT.as_bytes(), None).unwrap();
        let names: Vec<_> = directory
            .schools
            .iter()
            .map(|s| (s.uai.as_str(), s.name.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                ("0340999Z", "Collège Jean Jaurès (Montpellier)"),
                ("0750998Y", "Lycée Louise Michel, site B (Paris)"),
                ("0300996W", "École primaire (Lasalle)"),
            ]
        );
        // A line without a valid UAI, and one without a name, are left aside and counted.
        assert_eq!(directory.skipped, 2);
    }

    #[test]
    fn keeps_one_academie_by_code_or_name() {
        let by_code = read(EXPORT.as_bytes(), Some("11")).unwrap();
        assert_eq!(by_code.schools.len(), 2);
        assert_eq!(by_code.elsewhere, 1);
        let by_name = read(EXPORT.as_bytes(), Some("MONTPELLIER")).unwrap();
        assert_eq!(by_name.schools, by_code.schools);
    }

    #[test]
    fn reads_the_apis_field_ids_and_commas() {
        let api = "identifiant_de_l_etablissement,nom_etablissement,nom_commune\n0340999Z,Collège Jean Jaurès,Montpellier\n";
        let directory = read(api.as_bytes(), None).unwrap();
        assert_eq!(
            directory.schools[0].name,
            "Collège Jean Jaurès (Montpellier)"
        );
    }

    #[test]
    fn a_file_of_another_kind_names_the_column_it_lacks() {
        let pix = "\"Nom de l'organisation\";\"ID Campagne\"\n\"Collège\";1\n";
        assert!(matches!(
            read(pix.as_bytes(), None),
            Err(DirectoryError::MissingColumn(
                "Identifiant_de_l_etablissement"
            ))
        ));
        let no_academie = "identifiant_de_l_etablissement;nom_etablissement\n0340999Z;X\n";
        assert!(matches!(
            read(no_academie.as_bytes(), Some("11")),
            Err(DirectoryError::MissingColumn("Code_academie"))
        ));
    }
}
