//! Storage of « mon projet »: one row per favourite, the pupil's; every statement names the
//! owner, so a pupil reaches only their own.

use super::{Favourite, FavouriteNote, ItemId, FAVOURITES_MAX};
use crate::db::{now_unix, Db};
use crate::identity::AccountId;
use sqlx::Row;

#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    /// ONISEP's data has no such métier or formation (never had: a withdrawn one may stay).
    #[error("no such métier or formation")]
    UnknownItem,
    #[error("at most {FAVOURITES_MAX} favourites")]
    TooMany,
    #[error("the plan could not be stored: {0}")]
    Database(#[from] sqlx::Error),
}

/// Whether ONISEP's data holds the item (withdrawn or not).
async fn exists(conn: &mut sqlx::AnyConnection, item: ItemId) -> Result<bool, sqlx::Error> {
    let table = match item {
        ItemId::Metier(_) => "onisep_metiers",
        ItemId::Formation(_) => "onisep_formations",
    };
    let found: Option<String> =
        sqlx::query_scalar(&format!("SELECT id FROM {table} WHERE id = $1"))
            .bind(item.to_string())
            .fetch_optional(conn)
            .await?;
    Ok(found.is_some())
}

/// Adds a favourite, or changes its note: one transaction.
pub async fn save_favourite(
    db: &Db,
    owner: AccountId,
    item: ItemId,
    note: &FavouriteNote,
) -> Result<(), PlanError> {
    let mut tx = db.pool().begin().await?;
    if !exists(&mut tx, item).await? {
        return Err(PlanError::UnknownItem);
    }
    let now = now_unix();
    let updated = sqlx::query(
        "UPDATE guidance_favourites SET note = $1, updated_at = $2 WHERE owner_id = $3 AND item_id = $4",
    )
    .bind(note.as_str())
    .bind(now)
    .bind(owner.get())
    .bind(item.to_string())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if updated == 0 {
        let count: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM guidance_favourites WHERE owner_id = $1")
                .bind(owner.get())
                .fetch_one(&mut *tx)
                .await?;
        if count as usize >= FAVOURITES_MAX {
            return Err(PlanError::TooMany);
        }
        sqlx::query(
            "INSERT INTO guidance_favourites (owner_id, item_id, note, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $4)",
        )
        .bind(owner.get())
        .bind(item.to_string())
        .bind(note.as_str())
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Removes a favourite (nothing when it is not one).
pub async fn remove_favourite(db: &Db, owner: AccountId, item: ItemId) -> Result<(), PlanError> {
    sqlx::query("DELETE FROM guidance_favourites WHERE owner_id = $1 AND item_id = $2")
        .bind(owner.get())
        .bind(item.to_string())
        .execute(db.pool())
        .await?;
    Ok(())
}

/// The pupil's note on an item, when it is one of their favourites.
pub async fn favourite_note(
    db: &Db,
    owner: AccountId,
    item: ItemId,
) -> Result<Option<String>, PlanError> {
    Ok(sqlx::query_scalar(
        "SELECT note FROM guidance_favourites WHERE owner_id = $1 AND item_id = $2",
    )
    .bind(owner.get())
    .bind(item.to_string())
    .fetch_optional(db.pool())
    .await?)
}

/// The pupil's favourites, the most recently changed first.
pub async fn favourites(db: &Db, owner: AccountId) -> Result<Vec<Favourite>, PlanError> {
    let rows = sqlx::query(
        "SELECT g.item_id, g.note, g.updated_at, \
                COALESCE(m.label, f.label, '') AS label, COALESCE(f.type_label, '') AS type_label, \
                COALESCE(m.withdrawn_at, f.withdrawn_at) AS withdrawn_at \
         FROM guidance_favourites g \
         LEFT JOIN onisep_metiers m ON m.id = g.item_id \
         LEFT JOIN onisep_formations f ON f.id = g.item_id \
         WHERE g.owner_id = $1 ORDER BY g.updated_at DESC, g.item_id",
    )
    .bind(owner.get())
    .fetch_all(db.pool())
    .await?;
    let mut favourites = Vec::with_capacity(rows.len());
    for row in rows {
        let id: String = row.try_get("item_id")?;
        // A row of another shape cannot be written by this module; skip rather than fail.
        let Some(item) = ItemId::parse(&id) else {
            continue;
        };
        let withdrawn: Option<i64> = row.try_get("withdrawn_at")?;
        let label: String = row.try_get("label")?;
        favourites.push(Favourite {
            item,
            withdrawn: withdrawn.is_some() || label.is_empty(),
            label,
            type_label: row.try_get("type_label")?,
            note: row.try_get("note")?,
            updated_at: row.try_get("updated_at")?,
        });
    }
    Ok(favourites)
}
