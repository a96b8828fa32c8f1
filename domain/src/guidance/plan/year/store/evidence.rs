//! What backs a wish: her portfolio entries attached to it, with what each showed her. Every
//! statement names the owner and checks the wish and the entry are hers.

use super::super::WISH_EVIDENCE_MAX;
use crate::db::{now_unix, Db};
use crate::guidance::calendar::Decision;
use crate::guidance::plan::store::PlanError;
use crate::guidance::plan::year::WishChoice;
use crate::guidance::plan::FavouriteNote;
use crate::identity::AccountId;
use crate::portfolio::EntryId;

/// Attaches one of her portfolio entries to one of her wishes, with what it showed her (again:
/// the note changes). Not her wish: `UnknownWish`; not her entry: `UnknownEntry`; at most
/// [`WISH_EVIDENCE_MAX`] a wish (`TooMuchEvidence`). One transaction.
pub async fn attach_entry(
    db: &Db,
    owner: AccountId,
    decision: Decision,
    choice: &WishChoice,
    entry: EntryId,
    note: &FavouriteNote,
) -> Result<(), PlanError> {
    let mut tx = db.pool().begin().await?;
    attach_entry_in(&mut tx, owner, decision, choice, entry, note).await?;
    tx.commit().await?;
    Ok(())
}

/// [`attach_entry`] inside the caller's transaction.
pub(crate) async fn attach_entry_in(
    tx: &mut sqlx::AnyConnection,
    owner: AccountId,
    decision: Decision,
    choice: &WishChoice,
    entry: EntryId,
    note: &FavouriteNote,
) -> Result<(), PlanError> {
    let wish = sqlx::query(
        "SELECT 1 AS ok FROM guidance_wishes WHERE owner_id = $1 AND decision = $2 AND choice = $3",
    )
    .bind(owner.get())
    .bind(decision.key())
    .bind(choice.to_string())
    .fetch_optional(&mut *tx)
    .await?;
    if wish.is_none() {
        return Err(PlanError::UnknownWish);
    }
    let hers = sqlx::query("SELECT 1 AS ok FROM portfolio_entries WHERE id = $1 AND owner_id = $2")
        .bind(entry.get())
        .bind(owner.get())
        .fetch_optional(&mut *tx)
        .await?;
    if hers.is_none() {
        return Err(PlanError::UnknownEntry);
    }
    let others: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM guidance_wish_evidence \
         WHERE owner_id = $1 AND decision = $2 AND choice = $3 AND entry_id <> $4",
    )
    .bind(owner.get())
    .bind(decision.key())
    .bind(choice.to_string())
    .bind(entry.get())
    .fetch_one(&mut *tx)
    .await?;
    if others as usize >= WISH_EVIDENCE_MAX {
        return Err(PlanError::TooMuchEvidence {
            max: WISH_EVIDENCE_MAX,
        });
    }
    sqlx::query(
        "INSERT INTO guidance_wish_evidence (owner_id, decision, choice, entry_id, note, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (owner_id, decision, choice, entry_id) DO UPDATE SET note = excluded.note",
    )
    .bind(owner.get())
    .bind(decision.key())
    .bind(choice.to_string())
    .bind(entry.get())
    .bind(note.as_str())
    .bind(now_unix())
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Detaches an entry from a wish of hers; not attached: `UnknownEntry`.
pub async fn detach_entry(
    db: &Db,
    owner: AccountId,
    decision: Decision,
    choice: &WishChoice,
    entry: EntryId,
) -> Result<(), PlanError> {
    let removed = sqlx::query(
        "DELETE FROM guidance_wish_evidence \
         WHERE owner_id = $1 AND decision = $2 AND choice = $3 AND entry_id = $4",
    )
    .bind(owner.get())
    .bind(decision.key())
    .bind(choice.to_string())
    .bind(entry.get())
    .execute(db.pool())
    .await?
    .rows_affected();
    if removed == 0 {
        return Err(PlanError::UnknownEntry);
    }
    Ok(())
}
