//! What the métier and formation pages show: the item, what it is linked to and why, and the
//! data's date for « Source : Onisep ».

use super::{DomainPair, Formation, Metier};
use serde::{Deserialize, Serialize};

/// Linked items shown on a page; the others are counted.
pub const LINKED_SHOWN: usize = 30;

/// When the data shown was published and loaded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataDate {
    /// The newest « date de modification » of the file (`YYYY-MM-DD`), when it has dates.
    pub published: Option<String>,
    /// When it was imported (Unix seconds).
    pub imported_at: i64,
}

/// A métier or formation linked to the one shown, with why: the `domaine/sous-domaine` pairs
/// they share.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Linked {
    pub id: String,
    pub label: String,
    /// A formation's type (« CAP »); empty for a métier.
    pub type_label: String,
    pub shared: Vec<DomainPair>,
}

/// What links métiers and formations: the pairs they share, held in memory beside the search
/// index (`search::Links`) and rebuilt with it at each import.
pub trait LinkedItems {
    /// The formations sharing a pair with `pairs` (the first [`LINKED_SHOWN`], the closest
    /// first), and how many in all.
    fn formations_sharing(&self, pairs: &[DomainPair]) -> (Vec<Linked>, usize);
    /// The métiers sharing a pair with `pairs`, likewise.
    fn metiers_sharing(&self, pairs: &[DomainPair]) -> (Vec<Linked>, usize);
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetierPage {
    pub metier: Metier,
    /// « n'existe plus dans les données ONISEP »: a newer file no longer holds it.
    pub withdrawn: bool,
    /// Formations that lead to it, the closest first.
    pub formations: Vec<Linked>,
    pub formations_total: usize,
    pub source: Option<DataDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormationPage {
    pub formation: Formation,
    pub withdrawn: bool,
    /// Métiers it leads to, the closest first.
    pub metiers: Vec<Linked>,
    pub metiers_total: usize,
    pub source: Option<DataDate>,
    /// Where it is taught, when offers are loaded.
    pub offers: Offers,
}

/// Offers of one académie shown on a formation's page; the others are counted.
pub const OFFERS_SHOWN: usize = 100;

/// Where a formation is taught: the académies that teach it, and the offers of one of them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Offers {
    /// Every académie teaching it, by name, with how many offers each.
    pub academies: Vec<AcademieOffers>,
    /// The académie whose offers are listed: the one asked for, else the pupil's own when it
    /// teaches it; `None`: pick one.
    pub shown: Option<String>,
    /// Whether `shown` is the pupil's own académie.
    pub shown_is_home: bool,
    /// The offers of `shown`, by commune then school (at most [`OFFERS_SHOWN`]).
    pub offers: Vec<OfferLine>,
    /// All of them in `shown`.
    pub offers_total: usize,
    /// Offers everywhere.
    pub total: usize,
    pub source: Option<DataDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AcademieOffers {
    /// As the file writes it (« Aix-Marseille »).
    pub academie: String,
    pub count: usize,
}

/// One school teaching the formation, as a pupil reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferLine {
    pub school: String,
    pub status: String,
    pub commune: String,
    pub postal_code: String,
    /// The offer's page, else the school's site: `http(s)` only (checked at import), or empty.
    pub link: String,
    pub boarding: String,
    pub duration: String,
    pub schooling: String,
}

#[cfg(feature = "server")]
mod read {
    use super::*;
    use crate::db::Db;
    use crate::guidance::onisep::{Dataset, FormationId, MetierId, Publication, Rome};
    use crate::guidance::GuidanceError;
    use crate::portfolio::SchoolDate;
    use sqlx::Row;

    fn date(row: &sqlx::any::AnyRow, column: &str) -> Result<Option<SchoolDate>, sqlx::Error> {
        let text: Option<String> = row.try_get(column)?;
        Ok(text.as_deref().and_then(SchoolDate::parse))
    }

    /// The latest import of a dataset.
    pub async fn data_date(db: &Db, dataset: Dataset) -> Result<Option<DataDate>, sqlx::Error> {
        let row = sqlx::query(
            "SELECT data_date, imported_at FROM onisep_imports WHERE dataset = $1 \
             ORDER BY id DESC LIMIT 1",
        )
        .bind(dataset.code())
        .fetch_optional(db.pool())
        .await?;
        row.map(|row| {
            Ok(DataDate {
                published: row.try_get("data_date")?,
                imported_at: row.try_get("imported_at")?,
            })
        })
        .transpose()
    }

    async fn domains(
        db: &Db,
        table: &str,
        owner: &str,
        id: &str,
    ) -> Result<Vec<DomainPair>, sqlx::Error> {
        sqlx::query(&format!(
            "SELECT domaine, sous_domaine FROM {table} WHERE {owner} = $1 ORDER BY position"
        ))
        .bind(id)
        .fetch_all(db.pool())
        .await?
        .iter()
        .map(|row| {
            Ok(DomainPair {
                domaine: row.try_get("domaine")?,
                sous_domaine: row.try_get("sous_domaine")?,
            })
        })
        .collect()
    }

    /// A métier's page; `NotFound` when ONISEP's data never had it.
    pub async fn metier_page(
        db: &Db,
        links: &impl LinkedItems,
        id: MetierId,
    ) -> Result<MetierPage, GuidanceError> {
        read_metier(db, links, id)
            .await?
            .ok_or(GuidanceError::NotFound)
    }

    /// A formation's page; `NotFound` when ONISEP's data never had it. Its offers: those of
    /// the académie `asked` for, else of the pupil's `home` académie.
    pub async fn formation_page(
        db: &Db,
        links: &impl LinkedItems,
        id: FormationId,
        asked: Option<&str>,
        home: Option<&str>,
    ) -> Result<FormationPage, GuidanceError> {
        let mut page = read_formation(db, links, id)
            .await?
            .ok_or(GuidanceError::NotFound)?;
        page.offers = offers(db, id, asked, home).await?;
        Ok(page)
    }

    async fn read_metier(
        db: &Db,
        links: &impl LinkedItems,
        id: MetierId,
    ) -> Result<Option<MetierPage>, sqlx::Error> {
        let key = id.to_string();
        let Some(row) = sqlx::query(
            "SELECT label, link, gfe, created_on, modified_on, withdrawn_at \
             FROM onisep_metiers WHERE id = $1",
        )
        .bind(&key)
        .fetch_optional(db.pool())
        .await?
        else {
            return Ok(None);
        };
        let withdrawn: Option<i64> = row.try_get("withdrawn_at")?;
        let romes = sqlx::query(
            "SELECT code, label, link FROM onisep_metier_romes WHERE metier_id = $1 ORDER BY position",
        )
        .bind(&key)
        .fetch_all(db.pool())
        .await?
        .iter()
        .map(|r| {
            Ok(Rome {
                code: r.try_get("code")?,
                label: r.try_get("label")?,
                link: r.try_get("link")?,
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
        let publications = sqlx::query(
            "SELECT name, collection, year, gencod FROM onisep_metier_publications \
             WHERE metier_id = $1 ORDER BY position",
        )
        .bind(&key)
        .fetch_all(db.pool())
        .await?
        .iter()
        .map(|r| {
            let year: Option<i64> = r.try_get("year")?;
            Ok(Publication {
                name: r.try_get("name")?,
                collection: r.try_get("collection")?,
                year: year.and_then(|y| u16::try_from(y).ok()),
                gencod: r.try_get("gencod")?,
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
        let metier = Metier {
            id,
            label: row.try_get("label")?,
            link: row.try_get("link")?,
            gfe: row.try_get("gfe")?,
            romes,
            domains: domains(db, "onisep_metier_domains", "metier_id", &key).await?,
            publications,
            created_on: date(&row, "created_on")?,
            modified_on: date(&row, "modified_on")?,
        };
        let (formations, formations_total) = links.formations_sharing(&metier.domains);
        Ok(Some(MetierPage {
            metier,
            withdrawn: withdrawn.is_some(),
            formations,
            formations_total,
            source: data_date(db, Dataset::Metiers).await?,
        }))
    }

    /// Where a formation is taught: the académies with their counts, and the offers of the
    /// one `asked` for (any spelling), else of the pupil's `home` académie when it teaches it.
    pub async fn offers(
        db: &Db,
        id: FormationId,
        asked: Option<&str>,
        home: Option<&str>,
    ) -> Result<Offers, sqlx::Error> {
        let key = id.to_string();
        let mut academies = Vec::new();
        let mut keys = Vec::new();
        for row in sqlx::query(
            "SELECT academie_key, MIN(academie) AS academie, COUNT(*) AS offers \
             FROM onisep_offers WHERE formation_id = $1 GROUP BY academie_key",
        )
        .bind(&key)
        .fetch_all(db.pool())
        .await?
        {
            let count: i64 = row.try_get("offers")?;
            keys.push(row.try_get::<String, _>("academie_key")?);
            academies.push(AcademieOffers {
                academie: row.try_get("academie")?,
                count: usize::try_from(count).unwrap_or(0),
            });
        }
        let total = academies.iter().map(|a| a.count).sum();
        let find = |wanted: Option<&str>| {
            let wanted = crate::guidance::onisep::academie_key(wanted?);
            keys.iter().position(|k| *k == wanted)
        };
        let (chosen, shown_is_home) = match (find(asked), asked) {
            (Some(at), _) => (Some(at), false),
            (None, Some(_)) => (None, false),
            (None, None) => (find(home), find(home).is_some()),
        };
        let mut lines = Vec::new();
        let mut offers_total = 0;
        if let Some(at) = chosen {
            offers_total = academies[at].count;
            for row in sqlx::query(
                "SELECT school_name, school_status, commune, postal_code, web, page, boarding, \
                 duration, schooling FROM onisep_offers \
                 WHERE formation_id = $1 AND academie_key = $2",
            )
            .bind(&key)
            .bind(&keys[at])
            .fetch_all(db.pool())
            .await?
            {
                let page: String = row.try_get("page")?;
                let web: String = row.try_get("web")?;
                lines.push(OfferLine {
                    school: row.try_get("school_name")?,
                    status: row.try_get("school_status")?,
                    commune: row.try_get("commune")?,
                    postal_code: row.try_get("postal_code")?,
                    link: if page.is_empty() { web } else { page },
                    boarding: row.try_get("boarding")?,
                    duration: row.try_get("duration")?,
                    schooling: row.try_get("schooling")?,
                });
            }
            lines.sort_by_cached_key(|l| {
                (crate::text::fold(&l.commune), crate::text::fold(&l.school))
            });
            lines.truncate(OFFERS_SHOWN);
        }
        let shown = chosen.map(|at| academies[at].academie.clone());
        academies.sort_by_cached_key(|a| crate::text::fold(&a.academie));
        Ok(Offers {
            academies,
            shown,
            shown_is_home,
            offers: lines,
            offers_total,
            total,
            source: if total > 0 {
                data_date(db, Dataset::Offers).await?
            } else {
                None
            },
        })
    }

    async fn read_formation(
        db: &Db,
        links: &impl LinkedItems,
        id: FormationId,
    ) -> Result<Option<FormationPage>, sqlx::Error> {
        let key = id.to_string();
        let Some(row) = sqlx::query(
            "SELECT label, link, type_sigle, type_label, sigle, duration, exit_level, rncp, \
             certification_code, certification_label, tutelle, nsf, school_code, created_on, \
             modified_on, withdrawn_at FROM onisep_formations WHERE id = $1",
        )
        .bind(&key)
        .fetch_optional(db.pool())
        .await?
        else {
            return Ok(None);
        };
        let withdrawn: Option<i64> = row.try_get("withdrawn_at")?;
        let nsf: String = row.try_get("nsf")?;
        let formation = Formation {
            id,
            label: row.try_get("label")?,
            link: row.try_get("link")?,
            type_sigle: row.try_get("type_sigle")?,
            type_label: row.try_get("type_label")?,
            sigle: row.try_get("sigle")?,
            duration: row.try_get("duration")?,
            exit_level: row.try_get("exit_level")?,
            rncp: row.try_get("rncp")?,
            certification_code: row.try_get("certification_code")?,
            certification_label: row.try_get("certification_label")?,
            tutelle: row.try_get("tutelle")?,
            nsf: nsf
                .split('|')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_owned)
                .collect(),
            school_code: row.try_get("school_code")?,
            domains: domains(db, "onisep_formation_domains", "formation_id", &key).await?,
            created_on: date(&row, "created_on")?,
            modified_on: date(&row, "modified_on")?,
        };
        let (metiers, metiers_total) = links.metiers_sharing(&formation.domains);
        Ok(Some(FormationPage {
            formation,
            withdrawn: withdrawn.is_some(),
            metiers,
            metiers_total,
            source: data_date(db, Dataset::Formations).await?,
            offers: Offers::default(),
        }))
    }
}

#[cfg(feature = "server")]
pub use read::{data_date, formation_page, metier_page, offers};
