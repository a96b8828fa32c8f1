//! Storage of portfolio entries. Every statement names the owner: an entry id from a request
//! never reaches another student's rows, whatever it is.

use super::*;
use crate::db::{now_unix, Db};
use crate::identity::AccountId;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};
use std::collections::HashMap;

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

/// Parses the form against the frameworks and the owner's own skills.
async fn parse_draft(
    conn: &mut AnyConnection,
    owner: AccountId,
    raw: &RawEntry,
    frameworks: &Frameworks,
) -> Result<EntryDraft, PortfolioError> {
    let own: Vec<i64> = sqlx::query("SELECT id FROM own_skills WHERE owner_id = $1")
        .bind(owner.get())
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|row| row.try_get("id"))
        .collect::<Result<_, _>>()?;
    EntryDraft::parse(raw, frameworks, &own).map_err(PortfolioError::Invalid)
}

/// Writes the draft's competence links (and its new own skill) for an entry.
async fn write_links(
    conn: &mut AnyConnection,
    owner: AccountId,
    entry: EntryId,
    draft: &EntryDraft,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM entry_competences WHERE entry_id = $1")
        .bind(entry.get())
        .execute(&mut *conn)
        .await?;
    let mut claims = draft.claims().to_vec();
    if let Some((name, status)) = draft.new_skill() {
        let id = own_skill_id(conn, owner, name).await?;
        let competence = CompetenceRef::own(id);
        claims.retain(|c| c.competence != competence);
        claims.push(CompetenceClaim {
            competence,
            status,
            level: None,
        });
    }
    for claim in &claims {
        sqlx::query(
            "INSERT INTO entry_competences (entry_id, framework, code, status, level)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(entry.get())
        .bind(claim.competence.framework())
        .bind(claim.competence.code())
        .bind(claim.status.as_str())
        .bind(claim.level.map(i64::from))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Creates an entry at the end of the owner's order, in one transaction.
#[tracing::instrument(name = "portfolio.create", skip(db, raw, frameworks))]
pub async fn create(
    db: &Db,
    owner: AccountId,
    raw: &RawEntry,
    frameworks: &Frameworks,
) -> Result<EntryId, PortfolioError> {
    let mut tx = db.pool().begin().await?;
    let draft = parse_draft(&mut tx, owner, raw, frameworks).await?;
    let id = insert_draft(&mut tx, owner, &draft).await?;
    tx.commit().await?;
    Ok(id)
}

/// Inserts a checked entry and its links at the end of the owner's order, in the caller's
/// transaction.
pub(crate) async fn insert_draft(
    conn: &mut AnyConnection,
    owner: AccountId,
    draft: &EntryDraft,
) -> Result<EntryId, sqlx::Error> {
    let now = now_unix();
    let row = sqlx::query(
        "INSERT INTO portfolio_entries
           (owner_id, kind, title, started_on, ended_on, place, description, reflection,
            position, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8,
            (SELECT COALESCE(MAX(position), 0) + 1 FROM portfolio_entries WHERE owner_id = $1),
            $9, $9)
         RETURNING id",
    )
    .bind(owner.get())
    .bind(draft.kind().as_str())
    .bind(draft.title())
    .bind(draft.started_on().to_string())
    .bind(draft.ended_on().map(|d| d.to_string()))
    .bind(draft.place())
    .bind(draft.description())
    .bind(draft.reflection())
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    let id = EntryId::from_db(row.try_get("id")?);
    write_links(conn, owner, id, draft).await?;
    Ok(id)
}

/// The id of the owner's skill of this name (any case), created if it is new.
pub(crate) async fn own_skill_id(
    conn: &mut AnyConnection,
    owner: AccountId,
    name: &str,
) -> Result<i64, sqlx::Error> {
    let key = name.to_lowercase();
    let existing = sqlx::query("SELECT id FROM own_skills WHERE owner_id = $1 AND name_key = $2")
        .bind(owner.get())
        .bind(&key)
        .fetch_optional(&mut *conn)
        .await?;
    match existing {
        Some(row) => row.try_get("id"),
        None => sqlx::query(
            "INSERT INTO own_skills (owner_id, name, name_key, created_at)
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(owner.get())
        .bind(name)
        .bind(&key)
        .bind(now_unix())
        .fetch_one(&mut *conn)
        .await?
        .try_get("id"),
    }
}

/// Replaces an entry's fields and links, in one transaction.
#[tracing::instrument(name = "portfolio.update", skip(db, raw, frameworks))]
pub async fn update(
    db: &Db,
    owner: AccountId,
    id: EntryId,
    raw: &RawEntry,
    frameworks: &Frameworks,
) -> Result<(), PortfolioError> {
    let mut tx = db.pool().begin().await?;
    let draft = parse_draft(&mut tx, owner, raw, frameworks).await?;
    let updated = sqlx::query(
        "UPDATE portfolio_entries SET kind = $1, title = $2, started_on = $3, ended_on = $4,
           place = $5, description = $6, reflection = $7, updated_at = $8
         WHERE id = $9 AND owner_id = $10",
    )
    .bind(draft.kind().as_str())
    .bind(draft.title())
    .bind(draft.started_on().to_string())
    .bind(draft.ended_on().map(|d| d.to_string()))
    .bind(draft.place())
    .bind(draft.description())
    .bind(draft.reflection())
    .bind(now_unix())
    .bind(id.get())
    .bind(owner.get())
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Err(PortfolioError::NotFound);
    }
    write_links(&mut tx, owner, id, &draft).await?;
    tx.commit().await?;
    Ok(())
}

/// Deletes an entry with its links and evidence rows, in one transaction; returns the storage
/// keys of its files, for the caller to delete once the rows are gone.
#[tracing::instrument(name = "portfolio.delete", skip(db))]
pub async fn delete(db: &Db, owner: AccountId, id: EntryId) -> Result<Vec<String>, PortfolioError> {
    let mut tx = db.pool().begin().await?;
    let keys: Vec<String> =
        sqlx::query("SELECT storage_key FROM evidence WHERE entry_id = $1 AND owner_id = $2")
            .bind(id.get())
            .bind(owner.get())
            .fetch_all(&mut *tx)
            .await?
            .iter()
            .map(|row| row.try_get("storage_key"))
            .collect::<Result<_, _>>()?;
    sqlx::query("DELETE FROM portfolio_entries WHERE id = $1 AND owner_id = $2 RETURNING id")
        .bind(id.get())
        .bind(owner.get())
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(PortfolioError::NotFound)?;
    // The files outlive their rows until the caller deletes them: in flux until then.
    super::evidence_store::mark_pending_in(&mut tx, &keys).await?;
    tx.commit().await?;
    Ok(keys)
}

/// Swaps an entry with its neighbour in the owner's order (nothing happens at either end).
#[tracing::instrument(name = "portfolio.move", skip(db))]
pub async fn move_entry(
    db: &Db,
    owner: AccountId,
    id: EntryId,
    direction: Move,
) -> Result<(), PortfolioError> {
    let mut tx = db.pool().begin().await?;
    let position: i64 =
        sqlx::query("SELECT position FROM portfolio_entries WHERE id = $1 AND owner_id = $2")
            .bind(id.get())
            .bind(owner.get())
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(PortfolioError::NotFound)?
            .try_get("position")?;
    let neighbour = match direction {
        Move::Up => {
            "SELECT id, position FROM portfolio_entries
             WHERE owner_id = $1 AND position < $2 ORDER BY position DESC LIMIT 1"
        }
        Move::Down => {
            "SELECT id, position FROM portfolio_entries
             WHERE owner_id = $1 AND position > $2 ORDER BY position LIMIT 1"
        }
    };
    if let Some(row) = sqlx::query(neighbour)
        .bind(owner.get())
        .bind(position)
        .fetch_optional(&mut *tx)
        .await?
    {
        let other_id: i64 = row.try_get("id")?;
        let other_position: i64 = row.try_get("position")?;
        for (entry, new_position) in [(id.get(), other_position), (other_id, position)] {
            sqlx::query(
                "UPDATE portfolio_entries SET position = $1 WHERE id = $2 AND owner_id = $3",
            )
            .bind(new_position)
            .bind(entry)
            .bind(owner.get())
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}
