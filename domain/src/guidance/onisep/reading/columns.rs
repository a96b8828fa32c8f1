//! The columns of ONISEP's two datasets: each one's label in the official CSV's header and its
//! key in the JSON download, in the order of ONISEP's CSV.

use crate::guidance::onisep::Dataset;

/// A column of a dataset: its label in the CSV's header and its key in the JSON.
pub(super) struct Column {
    pub(super) label: &'static str,
    pub(super) key: &'static str,
    /// Absent from some files ONISEP published (dates, `code scolarité` before 2024).
    pub(super) optional: bool,
}

pub(super) const fn needed(label: &'static str, key: &'static str) -> Column {
    Column {
        label,
        key,
        optional: false,
    }
}

pub(super) const fn optional(label: &'static str, key: &'static str) -> Column {
    Column {
        label,
        key,
        optional: true,
    }
}

// Idéo-Métiers, in the order of ONISEP's CSV.
pub(super) const M_LABEL: usize = 0;
pub(super) const M_LINK: usize = 1;
pub(super) const M_PUBLICATION: usize = 2;
pub(super) const M_COLLECTION: usize = 3;
pub(super) const M_YEAR: usize = 4;
pub(super) const M_GENCOD: usize = 5;
pub(super) const M_GFE: usize = 6;
pub(super) const M_ROME_CODES: usize = 7;
pub(super) const M_ROME_LABELS: usize = 8;
pub(super) const M_ROME_LINKS: usize = 9;
pub(super) const M_DOMAINS: usize = 10;
pub(super) const M_CREATED: usize = 11;
pub(super) const M_MODIFIED: usize = 12;
pub(super) const METIER_COLUMNS: [Column; 13] = [
    needed("libellé métier", "libelle_metier"),
    needed("lien site onisep.fr", "lien_site_onisepfr"),
    needed("nom publication", "nom_publication"),
    needed("collection", "collection"),
    needed("année", "annee"),
    needed("gencod", "gencod"),
    needed("GFE", "gfe"),
    needed("code ROME", "code_rome"),
    needed("libellé ROME", "libelle_rome"),
    needed("lien ROME", "lien_rome"),
    needed("domaine/sous-domaine", "domainesous-domaine"),
    optional("date création", "date_creation"),
    optional("date de modification", "date_de_modification"),
];

// Idéo-Formations initiales en France, in the order of ONISEP's CSV.
pub(super) const F_NSF: usize = 0;
pub(super) const F_SCHOOL_CODE: usize = 1;
pub(super) const F_TYPE_SIGLE: usize = 2;
pub(super) const F_TYPE_LABEL: usize = 3;
pub(super) const F_LABEL: usize = 4;
pub(super) const F_SIGLE: usize = 5;
pub(super) const F_DURATION: usize = 6;
pub(super) const F_EXIT_LEVEL: usize = 7;
pub(super) const F_RNCP: usize = 8;
pub(super) const F_CERTIFICATION_CODE: usize = 9;
pub(super) const F_CERTIFICATION_LABEL: usize = 10;
pub(super) const F_TUTELLE: usize = 11;
pub(super) const F_LINK: usize = 12;
pub(super) const F_DOMAINS: usize = 13;
pub(super) const F_CREATED: usize = 14;
pub(super) const F_MODIFIED: usize = 15;
pub(super) const FORMATION_COLUMNS: [Column; 16] = [
    needed("code NSF", "code_nsf"),
    optional("code scolarité", "code_scolarite"),
    needed("sigle type formation", "sigle_type_formation"),
    needed("libellé type formation", "libelle_type_formation"),
    needed("libellé formation principal", "libelle_formation_principal"),
    needed("sigle formation", "sigle_formation"),
    needed("durée", "duree"),
    needed("niveau de sortie indicatif", "niveau_de_sortie_indicatif"),
    needed("code RNCP", "code_rncp"),
    needed("niveau de certification", "niveau_de_certification"),
    needed(
        "libellé niveau de certification",
        "libelle_niveau_de_certification",
    ),
    needed("tutelle", "tutelle"),
    needed("URL et ID Onisep", "url_et_id_onisep"),
    needed("domaine/sous-domaine", "domainesous-domaine"),
    optional("date création", "date_creation"),
    optional("date de modification", "date_de_modification"),
];

pub(super) fn columns(dataset: Dataset) -> &'static [Column] {
    match dataset {
        Dataset::Metiers => &METIER_COLUMNS,
        Dataset::Formations => &FORMATION_COLUMNS,
    }
}

/// The dataset whose identifying column a header holds.
pub(super) fn dataset_of(has: impl Fn(&Column) -> bool) -> Option<Dataset> {
    if has(&METIER_COLUMNS[M_LINK]) {
        Some(Dataset::Metiers)
    } else if has(&FORMATION_COLUMNS[F_LINK]) {
        Some(Dataset::Formations)
    } else {
        None
    }
}
