//! Writing entries: creating, changing, deleting and moving them, with their competence links, each in one transaction.

use super::*;

/// Parses the form against the frameworks and the owner's own skills.
pub(super) async fn parse_draft(
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
pub(super) async fn write_links(
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
