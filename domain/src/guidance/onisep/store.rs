//! Loading clean ONISEP files: every file of one import in one transaction; a row already
//! there and unchanged is left alone, a changed one is rewritten, and a métier or formation
//! that the new file no longer holds is kept, marked withdrawn (pupils may still refer to it).
//! Offers (where a formation is taught) are nobody's: one that the import's offers files no
//! longer hold is removed. ONISEP publishes them in two files (the lycée and the higher-education
//! universes) with the same columns: an import takes both together, and an offer is removed
//! when neither holds it.

use super::{Contents, Dataset, Form, Formation, Metier, Offer, Reading};
use crate::db::{now_unix, Db};
use sha2::{Digest, Sha256};
use sqlx::Row;
use std::collections::HashMap;

#[derive(Debug, thiserror::Error)]
pub enum OnisepStoreError {
    /// Two files of Idéo-Métiers (or of Idéo-Formations) in one import: the second would
    /// withdraw the first's rows. (Several offers files are one set: they are loaded together.)
    #[error("two files of one dataset ({}) in one import", .0.code())]
    SameDatasetTwice(Dataset),
    #[error("the ONISEP data could not be stored: {0}")]
    Database(#[from] sqlx::Error),
}

/// A clean file, ready to load.
#[derive(Debug, Clone)]
pub struct ImportFile {
    pub form: Form,
    pub sha256: String,
    pub rows: usize,
    pub contents: Contents,
}

impl ImportFile {
    /// The file, when its reading found no problem.
    pub fn from_reading(bytes: &[u8], reading: Reading) -> Option<ImportFile> {
        let form = reading.form?;
        let rows = reading.rows;
        let contents = reading.contents?;
        Some(ImportFile {
            form,
            sha256: hex::encode(Sha256::digest(bytes)),
            rows,
            contents,
        })
    }
}

/// What one file's import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportOutcome {
    pub dataset: Dataset,
    pub form: Form,
    /// Métiers, formations or offers in the file (Idéo-Métiers has a row per publication).
    pub items: usize,
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
    /// Métiers and formations marked withdrawn; offers removed (said on the import's last
    /// offers file: they are gone from all of them).
    pub withdrawn: u64,
}

/// Loads the files in one transaction: nothing is written unless all are.
pub async fn import(db: &Db, files: &[ImportFile]) -> Result<Vec<ImportOutcome>, OnisepStoreError> {
    for (i, file) in files.iter().enumerate() {
        let dataset = file.contents.dataset();
        if dataset != Dataset::Offers && files[..i].iter().any(|f| f.contents.dataset() == dataset)
        {
            return Err(OnisepStoreError::SameDatasetTwice(dataset));
        }
    }
    let now = now_unix();
    let mut tx = db.pool().begin().await?;
    let mut outcomes = Vec::new();
    let last_offers = files
        .iter()
        .rposition(|f| f.contents.dataset() == Dataset::Offers);
    let mut offers_seen = OffersSeen::default();
    for (i, file) in files.iter().enumerate() {
        let mut outcome = ImportOutcome {
            dataset: file.contents.dataset(),
            form: file.form,
            items: file.contents.len(),
            created: 0,
            updated: 0,
            unchanged: 0,
            withdrawn: 0,
        };
        match &file.contents {
            Contents::Metiers(metiers) => load_metiers(&mut tx, metiers, now, &mut outcome).await?,
            Contents::Formations(formations) => {
                load_formations(&mut tx, formations, now, &mut outcome).await?
            }
            Contents::Offers(offers) => {
                load_offers(&mut tx, offers, now, &mut offers_seen, &mut outcome).await?;
                if Some(i) == last_offers {
                    outcome.withdrawn = remove_missing_offers(&mut tx, &offers_seen).await?;
                }
            }
        }
        sqlx::query(
            "INSERT INTO onisep_imports (dataset, form, sha256, data_date, rows_read, created, \
             updated, unchanged, withdrawn, imported_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(outcome.dataset.code())
        .bind(file.form.code())
        .bind(&file.sha256)
        .bind(file.contents.data_date().map(|d| d.to_string()))
        .bind(file.rows as i64)
        .bind(outcome.created as i64)
        .bind(outcome.updated as i64)
        .bind(outcome.unchanged as i64)
        .bind(outcome.withdrawn as i64)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        outcomes.push(outcome);
    }
    tx.commit().await?;
    Ok(outcomes)
}

/// Loads the shipped extract when no ONISEP data was ever imported (a demo's first start).
pub async fn load_shipped_if_empty(db: &Db) -> Result<bool, OnisepStoreError> {
    let imports: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM onisep_imports")
        .fetch_one(db.pool())
        .await?;
    if imports > 0 {
        return Ok(false);
    }
    let files: Vec<ImportFile> = super::SHIPPED
        .iter()
        .filter_map(|(_, bytes)| ImportFile::from_reading(bytes, super::read(bytes)))
        .collect();
    debug_assert_eq!(
        files.len(),
        super::SHIPPED.len(),
        "the shipped extract reads clean"
    );
    import(db, &files).await?;
    Ok(true)
}

/// What storage holds of a table: each id's fingerprint, and whether it is withdrawn.
async fn known(
    tx: &mut sqlx::AnyConnection,
    table: &str,
) -> Result<HashMap<String, (String, bool)>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "SELECT id, fingerprint, withdrawn_at FROM {table}"
    ))
    .fetch_all(tx)
    .await?;
    rows.iter()
        .map(|row| {
            let withdrawn: Option<i64> = row.try_get("withdrawn_at")?;
            Ok((
                row.try_get("id")?,
                (row.try_get("fingerprint")?, withdrawn.is_some()),
            ))
        })
        .collect()
}

fn fingerprint(item: &impl serde::Serialize) -> String {
    // Serialising plain structs of strings and numbers cannot fail.
    let bytes = serde_json::to_vec(item).unwrap_or_default();
    hex::encode(Sha256::digest(bytes))
}

/// What to do with an item: `None` when it is there unchanged.
fn change(
    known: &HashMap<String, (String, bool)>,
    id: &str,
    print: &str,
    outcome: &mut ImportOutcome,
) -> Option<bool> {
    match known.get(id) {
        None => {
            outcome.created += 1;
            Some(false)
        }
        Some((old, false)) if old == print => {
            outcome.unchanged += 1;
            None
        }
        Some(_) => {
            outcome.updated += 1;
            Some(true)
        }
    }
}

async fn withdraw_missing(
    tx: &mut sqlx::AnyConnection,
    table: &str,
    known: &HashMap<String, (String, bool)>,
    present: &std::collections::HashSet<String>,
    now: i64,
) -> Result<u64, sqlx::Error> {
    let mut withdrawn = 0;
    for (id, (_, already)) in known {
        if !already && !present.contains(id) {
            sqlx::query(&format!(
                "UPDATE {table} SET withdrawn_at = $1, updated_at = $1 WHERE id = $2"
            ))
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
            withdrawn += 1;
        }
    }
    Ok(withdrawn)
}

async fn load_metiers(
    tx: &mut sqlx::AnyConnection,
    metiers: &[Metier],
    now: i64,
    outcome: &mut ImportOutcome,
) -> Result<(), sqlx::Error> {
    let known = known(tx, "onisep_metiers").await?;
    let mut present = std::collections::HashSet::new();
    for metier in metiers {
        let id = metier.id.to_string();
        let print = fingerprint(metier);
        let change = change(&known, &id, &print, outcome);
        present.insert(id.clone());
        let Some(existed) = change else { continue };
        sqlx::query(
            "INSERT INTO onisep_metiers (id, label, link, gfe, created_on, modified_on, \
             fingerprint, withdrawn_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, $8) \
             ON CONFLICT (id) DO UPDATE SET label = excluded.label, link = excluded.link, \
             gfe = excluded.gfe, created_on = excluded.created_on, \
             modified_on = excluded.modified_on, fingerprint = excluded.fingerprint, \
             withdrawn_at = NULL, updated_at = excluded.updated_at",
        )
        .bind(&id)
        .bind(&metier.label)
        .bind(&metier.link)
        .bind(&metier.gfe)
        .bind(metier.created_on.map(|d| d.to_string()))
        .bind(metier.modified_on.map(|d| d.to_string()))
        .bind(&print)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if existed {
            for table in [
                "onisep_metier_romes",
                "onisep_metier_publications",
                "onisep_metier_domains",
            ] {
                sqlx::query(&format!("DELETE FROM {table} WHERE metier_id = $1"))
                    .bind(&id)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        for (position, rome) in metier.romes.iter().enumerate() {
            sqlx::query(
                "INSERT INTO onisep_metier_romes (metier_id, position, code, label, link) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(&id)
            .bind(position as i64)
            .bind(&rome.code)
            .bind(&rome.label)
            .bind(&rome.link)
            .execute(&mut *tx)
            .await?;
        }
        for (position, publication) in metier.publications.iter().enumerate() {
            sqlx::query(
                "INSERT INTO onisep_metier_publications (metier_id, position, name, collection, \
                 year, gencod) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(&id)
            .bind(position as i64)
            .bind(&publication.name)
            .bind(&publication.collection)
            .bind(publication.year.map(i64::from))
            .bind(publication.gencod.as_deref())
            .execute(&mut *tx)
            .await?;
        }
        insert_domains(
            tx,
            "onisep_metier_domains",
            "metier_id",
            &id,
            &metier.domains,
        )
        .await?;
    }
    outcome.withdrawn = withdraw_missing(tx, "onisep_metiers", &known, &present, now).await?;
    Ok(())
}

async fn load_formations(
    tx: &mut sqlx::AnyConnection,
    formations: &[Formation],
    now: i64,
    outcome: &mut ImportOutcome,
) -> Result<(), sqlx::Error> {
    let known = known(tx, "onisep_formations").await?;
    let mut present = std::collections::HashSet::new();
    for formation in formations {
        let id = formation.id.to_string();
        let print = fingerprint(formation);
        let change = change(&known, &id, &print, outcome);
        present.insert(id.clone());
        let Some(existed) = change else { continue };
        sqlx::query(
            "INSERT INTO onisep_formations (id, label, link, type_sigle, type_label, sigle, \
             duration, exit_level, rncp, certification_code, certification_label, tutelle, nsf, \
             school_code, created_on, modified_on, fingerprint, withdrawn_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, \
             NULL, $18) \
             ON CONFLICT (id) DO UPDATE SET label = excluded.label, link = excluded.link, \
             type_sigle = excluded.type_sigle, type_label = excluded.type_label, \
             sigle = excluded.sigle, duration = excluded.duration, \
             exit_level = excluded.exit_level, rncp = excluded.rncp, \
             certification_code = excluded.certification_code, \
             certification_label = excluded.certification_label, tutelle = excluded.tutelle, \
             nsf = excluded.nsf, school_code = excluded.school_code, \
             created_on = excluded.created_on, modified_on = excluded.modified_on, \
             fingerprint = excluded.fingerprint, withdrawn_at = NULL, \
             updated_at = excluded.updated_at",
        )
        .bind(&id)
        .bind(&formation.label)
        .bind(&formation.link)
        .bind(&formation.type_sigle)
        .bind(&formation.type_label)
        .bind(&formation.sigle)
        .bind(&formation.duration)
        .bind(&formation.exit_level)
        .bind(&formation.rncp)
        .bind(&formation.certification_code)
        .bind(&formation.certification_label)
        .bind(&formation.tutelle)
        .bind(formation.nsf.join(" | "))
        .bind(&formation.school_code)
        .bind(formation.created_on.map(|d| d.to_string()))
        .bind(formation.modified_on.map(|d| d.to_string()))
        .bind(&print)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if existed {
            sqlx::query("DELETE FROM onisep_formation_domains WHERE formation_id = $1")
                .bind(&id)
                .execute(&mut *tx)
                .await?;
        }
        insert_domains(
            tx,
            "onisep_formation_domains",
            "formation_id",
            &id,
            &formation.domains,
        )
        .await?;
    }
    outcome.withdrawn = withdraw_missing(tx, "onisep_formations", &known, &present, now).await?;
    Ok(())
}

/// What the import's offers files hold, across them.
#[derive(Default)]
struct OffersSeen {
    /// What storage held before the import (read with the first file).
    known: Option<HashMap<String, (String, bool)>>,
    present: std::collections::HashSet<String>,
}

async fn load_offers(
    tx: &mut sqlx::AnyConnection,
    offers: &[Offer],
    now: i64,
    seen: &mut OffersSeen,
    outcome: &mut ImportOutcome,
) -> Result<(), sqlx::Error> {
    if seen.known.is_none() {
        seen.known = Some(known(tx, "onisep_offers").await?);
    }
    let OffersSeen {
        known: Some(known),
        present,
    } = seen
    else {
        return Ok(());
    };
    for offer in offers {
        let id = offer.id.to_string();
        // The same offer in both universes' files: the first file's row is kept.
        if !present.insert(id.clone()) {
            continue;
        }
        let print = fingerprint(offer);
        if change(known, &id, &print, outcome).is_none() {
            continue;
        }
        let school = &offer.school;
        sqlx::query(
            "INSERT INTO onisep_offers (id, formation_id, formation_label, school_id, school_uai, \
             school_name, school_status, address, postal_code, commune, departement, academie, \
             academie_key, region, web, boarding, duration, schooling, page, modified_on, \
             fingerprint, withdrawn_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, \
             $18, $19, $20, $21, NULL, $22) \
             ON CONFLICT (id) DO UPDATE SET formation_id = excluded.formation_id, \
             formation_label = excluded.formation_label, school_id = excluded.school_id, \
             school_uai = excluded.school_uai, school_name = excluded.school_name, \
             school_status = excluded.school_status, address = excluded.address, \
             postal_code = excluded.postal_code, commune = excluded.commune, \
             departement = excluded.departement, academie = excluded.academie, \
             academie_key = excluded.academie_key, region = excluded.region, web = excluded.web, \
             boarding = excluded.boarding, duration = excluded.duration, \
             schooling = excluded.schooling, page = excluded.page, \
             modified_on = excluded.modified_on, fingerprint = excluded.fingerprint, \
             updated_at = excluded.updated_at",
        )
        .bind(&id)
        .bind(offer.formation.to_string())
        .bind(&offer.formation_label)
        .bind(school.id.map(|id| id.to_string()).unwrap_or_default())
        .bind(&school.uai)
        .bind(&school.name)
        .bind(&school.status)
        .bind(&school.address)
        .bind(&school.postal_code)
        .bind(&school.commune)
        .bind(&school.departement)
        .bind(&school.academie)
        .bind(super::academie_key(&school.academie))
        .bind(&school.region)
        .bind(&school.web)
        .bind(&school.boarding)
        .bind(&offer.duration)
        .bind(&offer.schooling)
        .bind(&offer.page)
        .bind(offer.modified_on.map(|d| d.to_string()))
        .bind(&print)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}

/// Removes the offers that none of the import's offers files holds.
async fn remove_missing_offers(
    tx: &mut sqlx::AnyConnection,
    seen: &OffersSeen,
) -> Result<u64, sqlx::Error> {
    let mut removed = 0;
    for id in seen.known.iter().flat_map(HashMap::keys) {
        if !seen.present.contains(id) {
            sqlx::query("DELETE FROM onisep_offers WHERE id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            removed += 1;
        }
    }
    Ok(removed)
}

async fn insert_domains(
    tx: &mut sqlx::AnyConnection,
    table: &str,
    owner: &str,
    id: &str,
    domains: &[super::DomainPair],
) -> Result<(), sqlx::Error> {
    for (position, pair) in domains.iter().enumerate() {
        sqlx::query(&format!(
            "INSERT INTO {table} ({owner}, position, domaine, sous_domaine) VALUES ($1, $2, $3, $4)"
        ))
        .bind(id)
        .bind(position as i64)
        .bind(&pair.domaine)
        .bind(&pair.sous_domaine)
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}
