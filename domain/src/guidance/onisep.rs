//! ONISEP's open data (`shared/docs/formats/onisep.md`): Idéo-Métiers, Idéo-Formations
//! initiales en France and Idéo-Actions de formation initiale (where each formation is taught),
//! each in its two download forms, the official CSV (`;`, UTF-8 with a BOM, human labels as
//! header) and the JSON (an array of objects with snake_case keys, PHP `json_encode` style).
//!
//! [`read`] takes a whole file, finds which dataset and form it is from its header (columns are
//! read by name, never by position: ONISEP reorders and adds columns), and checks every value,
//! reporting every problem with its line (CSV) or record (JSON, one line for the whole file)
//! and column, so that an administrator fixes the file in one go. Nothing of a file with a
//! problem is loaded. [`store`] loads a clean file in one transaction.

use crate::portfolio::SchoolDate;
use serde::{Deserialize, Serialize};
use std::fmt;

#[cfg(feature = "onisep")]
mod reading;
#[cfg(feature = "server")]
pub mod store;
#[cfg(feature = "server")]
pub mod synthetic;
#[cfg(all(test, feature = "onisep"))]
mod tests;
#[cfg(feature = "onisep")]
mod values;
pub mod views;

#[cfg(feature = "onisep")]
pub use reading::{read, Reading};

/// The largest file read. Idéo-Métiers and Idéo-Formations are under 10 MB in either form; the
/// actions de formation are the large ones (each row repeats its school's address: the
/// higher-education universe's JSON runs to tens of megabytes). Only `server admin` reads them.
pub const MAX_FILE_BYTES: usize = 192 * 1024 * 1024;

/// Problems kept to be shown; every problem is counted.
pub const PROBLEMS_KEPT: usize = 200;

/// The extract shipped with Sillage (real ONISEP rows, see `domain/data/onisep/SOURCE.md`),
/// loaded by a demo instance and used by the tests.
pub const SHIPPED: [(&str, &[u8]); 3] = [
    (
        "ideo-metiers.json",
        include_bytes!("../../data/onisep/ideo-metiers.json"),
    ),
    (
        "ideo-formations-initiales.json",
        include_bytes!("../../data/onisep/ideo-formations-initiales.json"),
    ),
    (
        "ideo-actions-formation-initiale.json",
        include_bytes!("../../data/onisep/ideo-actions-formation-initiale.json"),
    ),
];

macro_rules! onisep_id {
    ($name:ident, $prefix:literal, $what:literal) => {
        #[doc = concat!("The ONISEP identifier of a ", $what, " (`", $prefix, ".n`), the last segment of its onisep.fr link.")]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(u32);

        impl $name {
            pub const PREFIX: &'static str = $prefix;

            /// `MET.38` (or `FOR.2246`, `AF.69395`, `ENS.14008`), as ONISEP writes it.
            pub fn parse(text: &str) -> Option<Self> {
                let digits = text.strip_prefix(concat!($prefix, "."))?;
                if digits.is_empty() || digits.len() > 9 || !digits.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                digits.parse().ok().filter(|n| *n > 0).map(Self)
            }

            /// The id at the end of an onisep.fr link (`https://www.onisep.fr/http/redirection/
            /// metier/slug/MET.7776`; older data wrote `http://` and `/redirections/`).
            pub fn from_link(link: &str) -> Option<Self> {
                let link = link.trim();
                let rest = link
                    .strip_prefix("https://")
                    .or_else(|| link.strip_prefix("http://"))?;
                let (host, path) = rest.split_once('/')?;
                if !(host == "onisep.fr" || host.ends_with(".onisep.fr")) {
                    return None;
                }
                Self::parse(path.trim_end_matches('/').rsplit('/').next()?)
            }

            /// The id alone (`AF.69395`) or at the end of an onisep.fr link: the actions'
            /// files write their own id one way or the other.
            pub fn parse_or_link(text: &str) -> Option<Self> {
                Self::parse(text.trim()).or_else(|| Self::from_link(text))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!($prefix, ".{}"), self.0)
            }
        }

        impl TryFrom<String> for $name {
            type Error = String;
            fn try_from(text: String) -> Result<Self, String> {
                Self::parse(&text).ok_or_else(|| format!("not an ONISEP id: {text:?}"))
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.to_string()
            }
        }
    };
}

onisep_id!(MetierId, "MET", "métier");
onisep_id!(FormationId, "FOR", "formation");
onisep_id!(
    OfferId,
    "AF",
    "formation taught in a school (an « action de formation »)"
);
onisep_id!(SchoolId, "ENS", "school (« lieu d'enseignement »)");

/// One of ONISEP's `domaine/sous-domaine` pairs (`santé, social, sport/médical`): the
/// vocabulary shared by métiers and formations, and the first link between them.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct DomainPair {
    pub domaine: String,
    pub sous_domaine: String,
}

/// A code of France Travail's ROME (`J1506`), with its label and link as ONISEP gives them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rome {
    pub code: String,
    pub label: String,
    pub link: String,
}

/// An ONISEP publication describing a métier (Idéo-Métiers has one row per publication).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Publication {
    pub name: String,
    pub collection: String,
    pub year: Option<u16>,
    /// The book's EAN-13.
    pub gencod: Option<String>,
}

/// A métier, its publications gathered from its rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metier {
    pub id: MetierId,
    /// « infirmier / infirmière », spaces normalised.
    pub label: String,
    /// The onisep.fr link as the file gives it.
    pub link: String,
    /// The « grand domaine d'emploi » (`GFE R : santé, social, soins personnels`).
    pub gfe: String,
    pub romes: Vec<Rome>,
    pub domains: Vec<DomainPair>,
    pub publications: Vec<Publication>,
    pub created_on: Option<SchoolDate>,
    pub modified_on: Option<SchoolDate>,
}

/// A formation of Idéo-Formations initiales en France.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Formation {
    pub id: FormationId,
    /// « CAP boulanger ».
    pub label: String,
    pub link: String,
    /// `BTS`, often empty.
    pub type_sigle: String,
    /// « brevet de technicien supérieur ».
    pub type_label: String,
    pub sigle: String,
    /// « 2 ans », as ONISEP writes it.
    pub duration: String,
    /// « Bac + 2 ».
    pub exit_level: String,
    pub rncp: String,
    /// ONISEP's code of the certification level (`0` when not registered at the RNCP).
    pub certification_code: String,
    /// « niveau 5 (bac + 2) ».
    pub certification_label: String,
    pub tutelle: String,
    /// NSF codes (`255`), none or several.
    pub nsf: Vec<String>,
    /// The « code scolarité » (`32025520`), absent from older files.
    pub school_code: String,
    pub domains: Vec<DomainPair>,
    pub created_on: Option<SchoolDate>,
    pub modified_on: Option<SchoolDate>,
}

/// Where a formation is taught (an « action de formation » of Idéo-Actions de formation
/// initiale): the school and its place, as a pupil looks for them (« près de chez moi », « dans
/// mon académie »).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Offer {
    pub id: OfferId,
    pub formation: FormationId,
    /// The formation's label as the actions' file writes it (the formation itself may not be
    /// loaded yet).
    pub formation_label: String,
    pub school: School,
    /// « 3 ans », as ONISEP writes it.
    pub duration: String,
    /// « temps plein », « en apprentissage »…
    pub schooling: String,
    /// The offer's own web page (an `http(s)` address), or empty.
    pub page: String,
    pub modified_on: Option<SchoolDate>,
}

/// A school teaching an offer, as the actions' file describes it (each row repeats it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct School {
    pub id: Option<SchoolId>,
    /// Its UAI (`0341523W`), empty for the few places without one.
    pub uai: String,
    pub name: String,
    /// « public », « privé sous contrat », « privé hors contrat ».
    pub status: String,
    pub address: String,
    pub postal_code: String,
    pub commune: String,
    pub departement: String,
    /// « Montpellier »: the académie, as the Annuaire de l'éducation names it too.
    pub academie: String,
    pub region: String,
    /// Its web site (an `http(s)` address), or empty.
    pub web: String,
    /// « internat garçons-filles », or empty.
    pub boarding: String,
}

/// An académie's name as storage compares it: « Aix-Marseille », « AIX MARSEILLE » and
/// « aix-marseille » are one (the actions' files and the Annuaire de l'éducation write them
/// their own ways).
pub fn academie_key(label: &str) -> String {
    crate::text::fold_words(label)
}

/// Which ONISEP dataset a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Dataset {
    Metiers,
    Formations,
    /// Idéo-Actions de formation initiale (the lycée and the higher-education universes have
    /// the same columns: one dataset, several files).
    Offers,
}

impl Dataset {
    /// Its name in storage (`onisep_imports.dataset`).
    pub fn code(self) -> &'static str {
        match self {
            Dataset::Metiers => "ideo-metiers",
            Dataset::Formations => "ideo-formations-initiales",
            Dataset::Offers => "ideo-actions-formation-initiale",
        }
    }

    pub fn from_code(code: &str) -> Option<Dataset> {
        [Dataset::Metiers, Dataset::Formations, Dataset::Offers]
            .into_iter()
            .find(|d| d.code() == code)
    }
}

/// Which of the two download forms a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Form {
    Csv,
    Json,
}

impl Form {
    pub fn code(self) -> &'static str {
        match self {
            Form::Csv => "csv",
            Form::Json => "json",
        }
    }
}

/// What a clean file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contents {
    Metiers(Vec<Metier>),
    Formations(Vec<Formation>),
    Offers(Vec<Offer>),
}

impl Contents {
    pub fn dataset(&self) -> Dataset {
        match self {
            Contents::Metiers(_) => Dataset::Metiers,
            Contents::Formations(_) => Dataset::Formations,
            Contents::Offers(_) => Dataset::Offers,
        }
    }

    pub fn len(&self) -> usize {
        match self {
            Contents::Metiers(items) => items.len(),
            Contents::Formations(items) => items.len(),
            Contents::Offers(items) => items.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The most recent « date de modification » of the file's rows: the data's date.
    pub fn data_date(&self) -> Option<SchoolDate> {
        match self {
            Contents::Metiers(items) => items.iter().filter_map(|m| m.modified_on).max(),
            Contents::Formations(items) => items.iter().filter_map(|f| f.modified_on).max(),
            Contents::Offers(items) => items.iter().filter_map(|o| o.modified_on).max(),
        }
    }
}

/// Where a problem is (problems are listed in this order: the file, then its rows).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Place {
    /// The file as a whole (its size, its header, its encoding).
    File,
    /// A line of a CSV file (the header is line 1).
    Line(u64),
    /// A record of a JSON file (the first is 1): PHP writes the whole array on one line.
    Record(u64),
}

/// A problem, where it is: the place and, when it concerns one value, the column (the CSV's
/// header label, or the JSON key).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub place: Place,
    pub column: Option<String>,
    pub kind: ProblemKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProblemKind {
    TooLarge {
        max_bytes: usize,
    },
    Empty,
    NotUtf8,
    /// Neither JSON nor `;`-separated text.
    JsonSyntax {
        line: u64,
        column: u64,
    },
    /// JSON, but not an array of objects.
    NotAnArrayOfObjects,
    /// The header is neither Idéo-Métiers' nor Idéo-Formations'.
    UnknownDataset,
    /// A column of the dataset is missing: ONISEP changed the file's structure.
    MissingColumn,
    WrongFieldCount {
        expected: usize,
        found: usize,
    },
    /// A JSON value that is an array, an object or a boolean where text is expected.
    NotText,
    MissingValue,
    TooLong {
        max: usize,
    },
    /// Not an onisep.fr link ending in the dataset's kind of id (`MET.n`, `FOR.n`).
    NotAnOnisepLink,
    NotARomeCode,
    /// `code ROME`, `libellé ROME` and `lien ROME` do not hold as many values.
    RomeListsDiffer {
        codes: usize,
        labels: usize,
        links: usize,
    },
    /// Not `domaine/sous-domaine`.
    NotADomainPair,
    NotADate,
    NotAYear,
    NotANumber,
    /// Not a UAI (`0341523W`): the value is left out, the row kept (a remark).
    NotAUai,
    /// Not an `http(s)` address (ONISEP's files hold e-mail addresses and words where a web
    /// site is due): left out, the row kept (a remark). Never shown as a link.
    NotAWebAddress,
    /// The same formation (or offer) twice.
    DuplicateId {
        first: Place,
    },
}

impl Problem {
    #[cfg(feature = "onisep")]
    fn at(place: Place, column: Option<&str>, kind: ProblemKind) -> Problem {
        Problem {
            place,
            column: column.map(str::to_owned),
            kind,
        }
    }
}
