//! Storage of portfolio entries. Every statement names the owner: an entry id from a request
//! never reaches another student's rows, whatever it is.

use super::*;
use crate::db::{now_unix, Db};
use crate::identity::AccountId;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};
use std::collections::HashMap;

mod write;
pub use write::{create, delete, move_entry, update};
pub(crate) use write::{insert_draft, own_skill_id};

#[derive(Debug, thiserror::Error)]
pub enum PortfolioError {
    #[error("no such entry (entrée introuvable)")]
    NotFound,
    #[error("the entry has invalid fields (l'entrée contient des champs invalides)")]
    Invalid(Vec<FieldError>),
    #[error("database error")]
    Database(#[from] sqlx::Error),
}

const ENTRY_COLUMNS: &str = "id, kind, title, started_on, ended_on, place, description, \
                             reflection, position, updated_at";

fn entry_from_row(row: &AnyRow) -> Result<EntryView, sqlx::Error> {
    let decode = |column: &str, what: &str| sqlx::Error::ColumnDecode {
        index: column.to_owned(),
        source: format!("stored {what} is invalid").into(),
    };
    let kind: String = row.try_get("kind")?;
    let started_on: String = row.try_get("started_on")?;
    let ended_on: Option<String> = row.try_get("ended_on")?;
    Ok(EntryView {
        id: EntryId::from_db(row.try_get("id")?),
        kind: EntryKind::parse(&kind).ok_or_else(|| decode("kind", "kind"))?,
        title: row.try_get("title")?,
        started_on: SchoolDate::parse(&started_on).ok_or_else(|| decode("started_on", "date"))?,
        ended_on: match ended_on {
            Some(d) => Some(SchoolDate::parse(&d).ok_or_else(|| decode("ended_on", "date"))?),
            None => None,
        },
        place: row.try_get("place")?,
        description: row.try_get("description")?,
        reflection: row.try_get("reflection")?,
        position: row.try_get("position")?,
        updated_at: row.try_get("updated_at")?,
        competences: Vec::new(),
        evidence: Vec::new(),
    })
}

/// The competence links of the owner's entries (all of them, or one), by entry.
/// Which of the owner's entries a query reads: one, or those whose positions are in a range
/// (all of them: the whole range).
#[derive(Debug, Clone, Copy)]
enum Scope {
    One(EntryId),
    Positions(i64, i64),
}

impl Scope {
    const ALL: Scope = Scope::Positions(i64::MIN, i64::MAX);

    /// The values of `($2 = 0 OR e.id = $2) AND e.position BETWEEN $3 AND $4`.
    fn binds(self) -> (i64, i64, i64) {
        match self {
            Scope::One(id) => (id.get(), i64::MIN, i64::MAX),
            Scope::Positions(from, to) => (0, from, to),
        }
    }
}

async fn links(
    conn: &mut AnyConnection,
    owner: AccountId,
    scope: Scope,
) -> Result<HashMap<i64, Vec<CompetenceLinkView>>, sqlx::Error> {
    let (entry, from, to) = scope.binds();
    let rows = sqlx::query(
        "SELECT c.entry_id, c.framework, c.code, c.status, c.level, s.name AS own_name
         FROM entry_competences c
         JOIN portfolio_entries e ON e.id = c.entry_id
         LEFT JOIN own_skills s ON c.framework = 'own' AND s.owner_id = e.owner_id
                               AND CAST(s.id AS TEXT) = c.code
         WHERE e.owner_id = $1 AND ($2 = 0 OR e.id = $2) AND e.position BETWEEN $3 AND $4
         ORDER BY c.entry_id, c.framework, c.code",
    )
    .bind(owner.get())
    .bind(entry)
    .bind(from)
    .bind(to)
    .fetch_all(&mut *conn)
    .await?;
    let mut by_entry: HashMap<i64, Vec<CompetenceLinkView>> = HashMap::new();
    for row in &rows {
        let framework: String = row.try_get("framework")?;
        let code: String = row.try_get("code")?;
        let status: String = row.try_get("status")?;
        let level: Option<i64> = row.try_get("level")?;
        let (Some(competence), Some(status)) = (
            CompetenceRef::parse(&format!("{framework}:{code}")),
            CompetenceStatus::parse(&status),
        ) else {
            tracing::warn!(%framework, %code, "skipping an unreadable competence link");
            continue;
        };
        by_entry
            .entry(row.try_get("entry_id")?)
            .or_default()
            .push(CompetenceLinkView {
                competence,
                status,
                level: level.and_then(|l| u8::try_from(l).ok()),
                own_name: row.try_get("own_name")?,
            });
    }
    Ok(by_entry)
}

/// The evidence files of the owner's entries (all of them, or one), by entry.
async fn evidence(
    conn: &mut AnyConnection,
    owner: AccountId,
    scope: Scope,
) -> Result<HashMap<i64, Vec<super::evidence::EvidenceView>>, sqlx::Error> {
    use super::evidence_store::{evidence_from_row, EVIDENCE_COLUMNS};
    let (entry, from, to) = scope.binds();
    let rows = sqlx::query(&format!(
        "SELECT {EVIDENCE_COLUMNS} FROM evidence ev JOIN portfolio_entries e ON e.id = ev.entry_id
         WHERE ev.owner_id = $1 AND ($2 = 0 OR ev.entry_id = $2) AND e.position BETWEEN $3 AND $4
         ORDER BY ev.entry_id, ev.id"
    ))
    .bind(owner.get())
    .bind(entry)
    .bind(from)
    .bind(to)
    .fetch_all(&mut *conn)
    .await?;
    let mut by_entry: HashMap<i64, Vec<_>> = HashMap::new();
    for row in &rows {
        by_entry
            .entry(row.try_get("entry_id")?)
            .or_default()
            .push(evidence_from_row(row)?);
    }
    Ok(by_entry)
}

/// The owner's entries in their own order, with their competences and evidence.
#[tracing::instrument(name = "portfolio.list", skip(db))]
pub async fn list(db: &Db, owner: AccountId) -> Result<Vec<EntryView>, PortfolioError> {
    let mut conn = db.pool().acquire().await?;
    let rows = sqlx::query(&format!(
        "SELECT {ENTRY_COLUMNS} FROM portfolio_entries WHERE owner_id = $1 ORDER BY position, id"
    ))
    .bind(owner.get())
    .fetch_all(&mut *conn)
    .await?;
    let mut links = links(&mut conn, owner, Scope::ALL).await?;
    let mut files = evidence(&mut conn, owner, Scope::ALL).await?;
    rows.iter()
        .map(|row| {
            let mut entry = entry_from_row(row)?;
            entry.competences = links.remove(&entry.id.get()).unwrap_or_default();
            entry.evidence = files.remove(&entry.id.get()).unwrap_or_default();
            Ok(entry)
        })
        .collect()
}

/// One page of the owner's entries in their own order (`page` from 0), and how many there are
/// in all: a long portfolio is read a page at a time (phones, slow links).
#[tracing::instrument(name = "portfolio.list_page", skip(db))]
pub async fn list_page(
    db: &Db,
    owner: AccountId,
    page: u32,
    per_page: u32,
) -> Result<(Vec<EntryView>, i64), PortfolioError> {
    let mut conn = db.pool().acquire().await?;
    let total: i64 = sqlx::query("SELECT COUNT(*) AS n FROM portfolio_entries WHERE owner_id = $1")
        .bind(owner.get())
        .fetch_one(&mut *conn)
        .await?
        .try_get("n")?;
    let rows = sqlx::query(&format!(
        "SELECT {ENTRY_COLUMNS} FROM portfolio_entries WHERE owner_id = $1
         ORDER BY position, id LIMIT $2 OFFSET $3"
    ))
    .bind(owner.get())
    .bind(i64::from(per_page))
    .bind(i64::from(page) * i64::from(per_page))
    .fetch_all(&mut *conn)
    .await?;
    let mut entries = rows
        .iter()
        .map(entry_from_row)
        .collect::<Result<Vec<_>, _>>()?;
    let (Some(first), Some(last)) = (entries.first(), entries.last()) else {
        return Ok((entries, total));
    };
    let scope = Scope::Positions(first.position, last.position);
    let mut links = links(&mut conn, owner, scope).await?;
    let mut files = evidence(&mut conn, owner, scope).await?;
    for entry in &mut entries {
        entry.competences = links.remove(&entry.id.get()).unwrap_or_default();
        entry.evidence = files.remove(&entry.id.get()).unwrap_or_default();
    }
    Ok((entries, total))
}

/// For each competence the owner's entries show: how many, and the best status (one grouped
/// query, whatever the portfolio's size).
#[tracing::instrument(name = "portfolio.tally", skip(db))]
pub async fn tally(db: &Db, owner: AccountId) -> Result<Vec<CompetenceTally>, PortfolioError> {
    let rows = sqlx::query(
        "SELECT c.framework, c.code, COUNT(*) AS n,
                MAX(CASE c.status WHEN 'acquired' THEN 3 WHEN 'in_progress' THEN 2 ELSE 1 END) AS best
         FROM entry_competences c JOIN portfolio_entries e ON e.id = c.entry_id
         WHERE e.owner_id = $1 GROUP BY c.framework, c.code",
    )
    .bind(owner.get())
    .fetch_all(db.pool())
    .await?;
    let mut tallies = Vec::with_capacity(rows.len());
    for row in &rows {
        let framework: String = row.try_get("framework")?;
        let code: String = row.try_get("code")?;
        let best: i32 = row.try_get("best")?;
        let Some(competence) = CompetenceRef::parse(&format!("{framework}:{code}")) else {
            continue;
        };
        tallies.push(CompetenceTally {
            competence,
            count: row.try_get("n")?,
            best: match best {
                3 => CompetenceStatus::Acquired,
                2 => CompetenceStatus::InProgress,
                _ => CompetenceStatus::Begun,
            },
        });
    }
    Ok(tallies)
}

/// One of the owner's entries; `None` for a missing entry and for another student's alike.
#[tracing::instrument(name = "portfolio.get", skip(db))]
pub async fn get(
    db: &Db,
    owner: AccountId,
    id: EntryId,
) -> Result<Option<EntryView>, PortfolioError> {
    let mut conn = db.pool().acquire().await?;
    let Some(row) = sqlx::query(&format!(
        "SELECT {ENTRY_COLUMNS} FROM portfolio_entries WHERE id = $1 AND owner_id = $2"
    ))
    .bind(id.get())
    .bind(owner.get())
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let mut entry = entry_from_row(&row)?;
    entry.competences = links(&mut conn, owner, Scope::One(id))
        .await?
        .remove(&id.get())
        .unwrap_or_default();
    entry.evidence = evidence(&mut conn, owner, Scope::One(id))
        .await?
        .remove(&id.get())
        .unwrap_or_default();
    Ok(Some(entry))
}

/// The skills the owner named themself, by name.
#[tracing::instrument(name = "portfolio.own_skills", skip(db))]
pub async fn own_skills(db: &Db, owner: AccountId) -> Result<Vec<OwnSkill>, PortfolioError> {
    let rows = sqlx::query("SELECT id, name FROM own_skills WHERE owner_id = $1 ORDER BY name_key")
        .bind(owner.get())
        .fetch_all(db.pool())
        .await?;
    rows.iter()
        .map(|row| {
            Ok(OwnSkill {
                id: row.try_get("id")?,
                name: row.try_get("name")?,
            })
        })
        .collect()
}
