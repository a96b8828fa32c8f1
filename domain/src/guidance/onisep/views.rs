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
}

#[cfg(feature = "server")]
mod read {
    use super::*;
    use crate::db::Db;
    use crate::guidance::onisep::{Dataset, FormationId, MetierId, Publication, Rome};
    use crate::guidance::GuidanceError;
    use crate::portfolio::SchoolDate;
    use sqlx::Row;
    use std::collections::HashMap;

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

    /// The formations sharing a `domaine/sous-domaine` pair with a métier (one row a pair).
    const FORMATIONS_OF_A_METIER: &str =
        "SELECT f.id, f.label, f.type_label, fd.domaine, fd.sous_domaine \
         FROM onisep_metier_domains md \
         JOIN onisep_formation_domains fd \
           ON fd.domaine = md.domaine AND fd.sous_domaine = md.sous_domaine \
         JOIN onisep_formations f ON f.id = fd.formation_id AND f.withdrawn_at IS NULL \
         WHERE md.metier_id = $1 ORDER BY f.id, fd.position";

    /// The métiers sharing a pair with a formation.
    const METIERS_OF_A_FORMATION: &str =
        "SELECT m.id, m.label, '' AS type_label, md.domaine, md.sous_domaine \
         FROM onisep_formation_domains fd \
         JOIN onisep_metier_domains md \
           ON md.domaine = fd.domaine AND md.sous_domaine = fd.sous_domaine \
         JOIN onisep_metiers m ON m.id = md.metier_id AND m.withdrawn_at IS NULL \
         WHERE fd.formation_id = $1 ORDER BY m.id, md.position";

    /// The items one of those queries finds for `key`, grouped: the most shared first, then by
    /// label; the first [`LINKED_SHOWN`], and how many in all.
    async fn linked(db: &Db, query: &str, key: &str) -> Result<(Vec<Linked>, usize), sqlx::Error> {
        let rows = sqlx::query(query).bind(key).fetch_all(db.pool()).await?;
        gather(rows)
    }

    fn gather(rows: Vec<sqlx::any::AnyRow>) -> Result<(Vec<Linked>, usize), sqlx::Error> {
        let mut linked: Vec<Linked> = Vec::new();
        let mut at: HashMap<String, usize> = HashMap::new();
        for row in rows {
            let id: String = row.try_get("id")?;
            let pair = DomainPair {
                domaine: row.try_get("domaine")?,
                sous_domaine: row.try_get("sous_domaine")?,
            };
            match at.get(&id) {
                Some(&index) => linked[index].shared.push(pair),
                None => {
                    at.insert(id.clone(), linked.len());
                    linked.push(Linked {
                        id,
                        label: row.try_get("label")?,
                        type_label: row.try_get("type_label")?,
                        shared: vec![pair],
                    });
                }
            }
        }
        // The folded label once per item: folded in the comparison, a national métier's few
        // thousand formations cost tens of thousands of allocations per page.
        linked.sort_by_cached_key(|l| {
            (
                std::cmp::Reverse(l.shared.len()),
                crate::text::fold(&l.label),
            )
        });
        let total = linked.len();
        linked.truncate(LINKED_SHOWN);
        Ok((linked, total))
    }

    /// A métier's page; `NotFound` when ONISEP's data never had it.
    pub async fn metier_page(db: &Db, id: MetierId) -> Result<MetierPage, GuidanceError> {
        read_metier(db, id).await?.ok_or(GuidanceError::NotFound)
    }

    /// A formation's page; `NotFound` when ONISEP's data never had it.
    pub async fn formation_page(db: &Db, id: FormationId) -> Result<FormationPage, GuidanceError> {
        read_formation(db, id).await?.ok_or(GuidanceError::NotFound)
    }

    async fn read_metier(db: &Db, id: MetierId) -> Result<Option<MetierPage>, sqlx::Error> {
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
        let (formations, formations_total) = linked(db, FORMATIONS_OF_A_METIER, &key).await?;
        Ok(Some(MetierPage {
            metier,
            withdrawn: withdrawn.is_some(),
            formations,
            formations_total,
            source: data_date(db, Dataset::Metiers).await?,
        }))
    }

    async fn read_formation(
        db: &Db,
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
        let (metiers, metiers_total) = linked(db, METIERS_OF_A_FORMATION, &key).await?;
        Ok(Some(FormationPage {
            formation,
            withdrawn: withdrawn.is_some(),
            metiers,
            metiers_total,
            source: data_date(db, Dataset::Formations).await?,
        }))
    }
}

#[cfg(feature = "server")]
pub use read::{data_date, formation_page, metier_page};
