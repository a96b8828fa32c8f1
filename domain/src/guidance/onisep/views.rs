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

    /// One side of a link: the items of one kind, their pairs, and the other kind's pairs.
    struct Side {
        items: &'static str,
        /// An item's type label (`''` for a métier).
        type_label: &'static str,
        pairs: &'static str,
        owner: &'static str,
        /// The page's item's pairs, and its column.
        from_pairs: &'static str,
        from_owner: &'static str,
    }

    /// The formations sharing a `domaine/sous-domaine` pair with a métier.
    const FORMATIONS_OF_A_METIER: Side = Side {
        items: "onisep_formations",
        type_label: "i.type_label",
        pairs: "onisep_formation_domains",
        owner: "formation_id",
        from_pairs: "onisep_metier_domains",
        from_owner: "metier_id",
    };

    /// The métiers sharing a pair with a formation.
    const METIERS_OF_A_FORMATION: Side = Side {
        items: "onisep_metiers",
        type_label: "''",
        pairs: "onisep_metier_domains",
        owner: "metier_id",
        from_pairs: "onisep_formation_domains",
        from_owner: "formation_id",
    };

    /// The items linked to `key`: counted and grouped in SQL by the items' primary key (the
    /// label depends on it, for PostgreSQL as for SQLite; one row an item, not one a pair:
    /// a national métier's sous-domaines hold thousands of formations), ordered the most shared
    /// first, then by folded label; the pairs read for the first [`LINKED_SHOWN`] only.
    async fn linked(db: &Db, side: &Side, key: &str) -> Result<(Vec<Linked>, usize), sqlx::Error> {
        let Side {
            items,
            type_label,
            pairs,
            owner,
            from_pairs,
            from_owner,
        } = side;
        let counted = format!(
            "SELECT i.id, i.label, {type_label} AS type_label, COUNT(*) AS shared \
             FROM {from_pairs} k \
             JOIN {pairs} d ON d.domaine = k.domaine AND d.sous_domaine = k.sous_domaine \
             JOIN {items} i ON i.id = d.{owner} AND i.withdrawn_at IS NULL \
             WHERE k.{from_owner} = $1 GROUP BY i.id"
        );
        let rows = sqlx::query(&counted).bind(key).fetch_all(db.pool()).await?;
        let mut found: Vec<(i64, Linked)> = Vec::with_capacity(rows.len());
        for row in rows {
            found.push((
                row.try_get("shared")?,
                Linked {
                    id: row.try_get("id")?,
                    label: row.try_get("label")?,
                    type_label: row.try_get("type_label")?,
                    shared: Vec::new(),
                },
            ));
        }
        let total = found.len();
        let mut shown = top(found);
        if shown.is_empty() {
            return Ok((shown, total));
        }
        let list = (2..shown.len() + 2)
            .map(|n| format!("${n}"))
            .collect::<Vec<_>>()
            .join(", ");
        let shared_pairs = format!(
            "SELECT d.{owner} AS id, d.domaine, d.sous_domaine FROM {pairs} d \
             JOIN {from_pairs} k ON k.domaine = d.domaine AND k.sous_domaine = d.sous_domaine \
             WHERE k.{from_owner} = $1 AND d.{owner} IN ({list}) ORDER BY d.{owner}, d.position"
        );
        let mut query = sqlx::query(&shared_pairs).bind(key);
        for item in &shown {
            query = query.bind(item.id.clone());
        }
        let at: HashMap<String, usize> = shown
            .iter()
            .enumerate()
            .map(|(index, item)| (item.id.clone(), index))
            .collect();
        for row in query.fetch_all(db.pool()).await? {
            let id: String = row.try_get("id")?;
            if let Some(&index) = at.get(&id) {
                shown[index].shared.push(DomainPair {
                    domaine: row.try_get("domaine")?,
                    sous_domaine: row.try_get("sous_domaine")?,
                });
            }
        }
        Ok((shown, total))
    }

    /// The first [`LINKED_SHOWN`] of the items found with how many pairs each shares: the
    /// most shared first, then by folded label (folded once an item).
    fn top(mut found: Vec<(i64, Linked)>) -> Vec<Linked> {
        found.sort_by_cached_key(|(shared, l)| {
            (
                std::cmp::Reverse(*shared),
                crate::text::fold(&l.label),
                l.id.clone(),
            )
        });
        found.truncate(LINKED_SHOWN);
        found.into_iter().map(|(_, linked)| linked).collect()
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
        let (formations, formations_total) = linked(db, &FORMATIONS_OF_A_METIER, &key).await?;
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
        let (metiers, metiers_total) = linked(db, &METIERS_OF_A_FORMATION, &key).await?;
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
