//! A page as the people it is shown to read it (a link holder, a counsellor, a guardian): its
//! entries in its order, and the sections the student chose to add (Pix results, the guidance
//! plan), read one way whoever reads.

use super::super::showcase::{PageId, SharedPageView};
use super::super::store as entries;
use super::super::EntryId;
use super::ShowcaseError;
use crate::db::{now_unix, Db};
use crate::identity::AccountId;
use sqlx::Row;

/// The page `page` of `owner`, read after the caller checked who may see it.
pub(crate) async fn read(
    db: &Db,
    owner: AccountId,
    page: PageId,
) -> Result<SharedPageView, ShowcaseError> {
    let row = sqlx::query(
        "SELECT p.title, p.intro, p.shows_pix, p.shows_plan, a.given_name FROM showcase_pages p
         JOIN accounts a ON a.id = p.owner_id WHERE p.id = $1 AND p.owner_id = $2",
    )
    .bind(page.get())
    .bind(owner.get())
    .fetch_optional(db.pool())
    .await?
    .ok_or(ShowcaseError::NotFound)?;
    let pix = if row.try_get::<i64, _>("shows_pix")? != 0 {
        Some(pix(db, owner).await?)
    } else {
        None
    };
    let plan = if row.try_get::<i64, _>("shows_plan")? != 0 {
        let today = crate::time::paris_day(now_unix());
        Some(crate::guidance::plan::on_page::load(db, owner, today).await?)
    } else {
        None
    };
    Ok(SharedPageView {
        title: row.try_get("title")?,
        intro: row.try_get("intro")?,
        author: row.try_get("given_name")?,
        entries: entries_on_page(db, owner, page).await?,
        pix,
        plan,
    })
}

/// The student's Pix results.
async fn pix(db: &Db, owner: AccountId) -> Result<crate::pix::results::PixHistory, ShowcaseError> {
    crate::pix::store::history(db, owner)
        .await
        .map_err(|error| match error {
            crate::pix::store::PixError::Database(e) => ShowcaseError::Database(e),
            _ => ShowcaseError::NotFound,
        })
}

/// The entries a page shows, in its order (the owner's own, whatever the page's rows say).
async fn entries_on_page(
    db: &Db,
    owner: AccountId,
    page: PageId,
) -> Result<Vec<super::super::EntryView>, ShowcaseError> {
    let on_page: Vec<EntryId> =
        sqlx::query("SELECT entry_id FROM showcase_items WHERE page_id = $1 ORDER BY position")
            .bind(page.get())
            .fetch_all(db.pool())
            .await?
            .iter()
            .map(|r| r.try_get("entry_id").map(EntryId::from_db))
            .collect::<Result<_, _>>()?;
    let mut all = entries::list(db, owner).await?;
    all.retain(|e| on_page.contains(&e.id));
    all.sort_by_key(|e| on_page.iter().position(|id| *id == e.id));
    Ok(all)
}
