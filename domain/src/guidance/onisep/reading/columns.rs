//! The columns of ONISEP's three datasets: each one's label in the official CSV's header and its
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

// Idéo-Actions de formation initiale (univers lycée, univers enseignement supérieur): the CSV's
// labels and the JSON's keys as ONISEP's downloads write them (read by name; ONISEP's files
// carry more columns, telephone, coordinates, costs…, that Sillage does not show).
pub(super) const O_ID: usize = 0;
pub(super) const O_FORMATION_LABEL: usize = 1;
pub(super) const O_FORMATION_LINK: usize = 2;
pub(super) const O_SCHOOL_NAME: usize = 3;
pub(super) const O_SCHOOL_LINK: usize = 4;
pub(super) const O_UAI: usize = 5;
pub(super) const O_STATUS: usize = 6;
pub(super) const O_ADDRESS: usize = 7;
pub(super) const O_POSTAL_CODE: usize = 8;
pub(super) const O_COMMUNE: usize = 9;
pub(super) const O_DEPARTEMENT: usize = 10;
pub(super) const O_ACADEMIE: usize = 11;
pub(super) const O_REGION: usize = 12;
pub(super) const O_WEB: usize = 13;
pub(super) const O_BOARDING: usize = 14;
pub(super) const O_DURATION: usize = 15;
pub(super) const O_SCHOOLING: usize = 16;
pub(super) const O_PAGE: usize = 17;
pub(super) const O_MODIFIED: usize = 18;
pub(super) const OFFER_COLUMNS: [Column; 19] = [
    needed(
        "Action de Formation (AF) identifiant Onisep",
        "action_de_formation_af_identifiant_onisep",
    ),
    needed("Formation (FOR) libellé", "formation_for_libelle"),
    needed("FOR URL et ID Onisep", "for_url_et_id_onisep"),
    needed(
        "Lieu d'enseignement (ENS) libellé",
        "lieu_denseignement_ens_libelle",
    ),
    optional("ENS URL et ID Onisep", "ens_url_et_id_onisep"),
    optional("ENS code UAI", "ens_code_uai"),
    optional("ENS statut", "ens_statut"),
    optional("ENS adresse", "ens_adresse"),
    optional("ENS code postal", "ens_code_postal"),
    needed("ENS commune", "ens_commune"),
    optional("ENS département", "ens_departement"),
    needed("ENS académie", "ens_academie"),
    optional("ENS région", "ens_region"),
    optional("ENS site web", "ens_site_web"),
    optional("ENS hébergement", "ens_hebergement"),
    optional("AF durée cycle standard", "af_duree_cycle_standard"),
    optional("AF modalités scolarité", "af_modalites_scolarite"),
    optional("AF page web", "af_page_web"),
    optional("AF date de modification", "af_date_de_modification"),
];

pub(super) fn columns(dataset: Dataset) -> &'static [Column] {
    match dataset {
        Dataset::Metiers => &METIER_COLUMNS,
        Dataset::Formations => &FORMATION_COLUMNS,
        Dataset::Offers => &OFFER_COLUMNS,
    }
}

/// The dataset whose identifying column a header holds.
pub(super) fn dataset_of(has: impl Fn(&Column) -> bool) -> Option<Dataset> {
    if has(&OFFER_COLUMNS[O_ID]) {
        Some(Dataset::Offers)
    } else if has(&METIER_COLUMNS[M_LINK]) {
        Some(Dataset::Metiers)
    } else if has(&FORMATION_COLUMNS[F_LINK]) {
        Some(Dataset::Formations)
    } else {
        None
    }
}
