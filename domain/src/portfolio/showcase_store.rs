//! Storage of showcase pages and their secret links. Owner-side statements name the owner;
//! the link-holder side starts from the token's hash and reaches only that page's entries.

use super::evidence::EvidenceView;
use super::evidence_store::{evidence_from_row, StorageKey, EVIDENCE_COLUMNS};
use super::showcase::*;
use super::store::PortfolioError;
use super::EntryId;

pub(crate) mod shared_view;
use crate::audit::{self, short, AuditAction, AuditDetail, NewAuditEvent};
use crate::db::{now_unix, Db};
use crate::identity::AccountId;
use base64::Engine as _;
use rand::RngCore;
use sha2::{Digest, Sha256};
use sqlx::{AnyConnection, Row};

#[derive(Debug, thiserror::Error)]
pub enum ShowcaseError {
    #[error("no such page or link (introuvable)")]
    NotFound,
    #[error("the page has invalid fields (champs invalides)")]
    Invalid(Vec<PageProblem>),
    #[error("database error")]
    Database(#[from] sqlx::Error),
    #[error("journal error")]
    Audit(#[from] audit::AuditError),
    /// The guidance plan of a page that shows it could not be read.
    #[error(transparent)]
    Plan(#[from] crate::guidance::plan::store::PlanError),
}

impl From<PortfolioError> for ShowcaseError {
    fn from(error: PortfolioError) -> Self {
        match error {
            PortfolioError::NotFound | PortfolioError::Invalid(_) => ShowcaseError::NotFound,
            PortfolioError::Database(e) => ShowcaseError::Database(e),
        }
    }
}

/// The stored form of a link token.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// A token has the shape we mint (43 base64url characters); anything else is not looked up.
fn plausible_token(token: &str) -> bool {
    token.len() == 43
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

async fn own_entry_ids(
    conn: &mut AnyConnection,
    owner: AccountId,
) -> Result<Vec<EntryId>, sqlx::Error> {
    sqlx::query("SELECT id FROM portfolio_entries WHERE owner_id = $1 ORDER BY position, id")
        .bind(owner.get())
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|row| row.try_get("id").map(EntryId::from_db))
        .collect()
}

async fn write_items(
    conn: &mut AnyConnection,
    page: PageId,
    draft: &PageDraft,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM showcase_items WHERE page_id = $1")
        .bind(page.get())
        .execute(&mut *conn)
        .await?;
    for (position, entry) in draft.entries().iter().enumerate() {
        sqlx::query("INSERT INTO showcase_items (page_id, entry_id, position) VALUES ($1, $2, $3)")
            .bind(page.get())
            .bind(entry.get())
            .bind(position as i64 + 1)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

#[tracing::instrument(name = "showcase.create", skip(db, raw))]
pub async fn create(db: &Db, owner: AccountId, raw: &RawPage) -> Result<PageId, ShowcaseError> {
    let mut tx = db.pool().begin().await?;
    let own = own_entry_ids(&mut tx, owner).await?;
    let draft = PageDraft::parse(raw, &own).map_err(ShowcaseError::Invalid)?;
    let page = insert_page(&mut tx, owner, &draft).await?;
    tx.commit().await?;
    Ok(page)
}

/// Inserts a checked page in the caller's transaction.
pub(crate) async fn insert_page(
    conn: &mut AnyConnection,
    owner: AccountId,
    draft: &PageDraft,
) -> Result<PageId, sqlx::Error> {
    let now = now_unix();
    let id: i64 = sqlx::query(
        "INSERT INTO showcase_pages (owner_id, title, intro, shows_pix, shows_plan, created_at,
                                     updated_at)
         VALUES ($1, $2, $3, $5, $6, $4, $4) RETURNING id",
    )
    .bind(owner.get())
    .bind(draft.title())
    .bind(draft.intro())
    .bind(now)
    .bind(i64::from(draft.shows_pix()))
    .bind(i64::from(draft.shows_plan()))
    .fetch_one(&mut *conn)
    .await?
    .try_get("id")?;
    let page = PageId::from_db(id);
    write_items(conn, page, draft).await?;
    Ok(page)
}

#[tracing::instrument(name = "showcase.update", skip(db, raw))]
pub async fn update(
    db: &Db,
    owner: AccountId,
    page: PageId,
    raw: &RawPage,
) -> Result<(), ShowcaseError> {
    let mut tx = db.pool().begin().await?;
    let own = own_entry_ids(&mut tx, owner).await?;
    let draft = PageDraft::parse(raw, &own).map_err(ShowcaseError::Invalid)?;
    let updated = sqlx::query(
        "UPDATE showcase_pages SET title = $1, intro = $2, updated_at = $3, shows_pix = $6,
                shows_plan = $7
         WHERE id = $4 AND owner_id = $5",
    )
    .bind(draft.title())
    .bind(draft.intro())
    .bind(now_unix())
    .bind(page.get())
    .bind(owner.get())
    .bind(i64::from(draft.shows_pix()))
    .bind(i64::from(draft.shows_plan()))
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Err(ShowcaseError::NotFound);
    }
    write_items(&mut tx, page, &draft).await?;
    tx.commit().await?;
    Ok(())
}

#[tracing::instrument(name = "showcase.delete", skip(db))]
pub async fn delete(db: &Db, owner: AccountId, page: PageId) -> Result<(), ShowcaseError> {
    sqlx::query("DELETE FROM showcase_pages WHERE id = $1 AND owner_id = $2 RETURNING id")
        .bind(page.get())
        .bind(owner.get())
        .fetch_optional(db.pool())
        .await?
        .ok_or(ShowcaseError::NotFound)?;
    Ok(())
}

#[tracing::instrument(name = "showcase.list", skip(db))]
pub async fn list(db: &Db, owner: AccountId) -> Result<Vec<PageSummary>, ShowcaseError> {
    let rows = sqlx::query(
        "SELECT p.id, p.title,
                (SELECT COUNT(*) FROM showcase_items i WHERE i.page_id = p.id) AS entry_count,
                (SELECT COUNT(*) FROM share_links l WHERE l.page_id = p.id AND l.revoked_at IS NULL
                   AND (l.expires_at IS NULL OR l.expires_at > $2)) AS active_links
         FROM showcase_pages p WHERE p.owner_id = $1 ORDER BY p.updated_at DESC, p.id DESC",
    )
    .bind(owner.get())
    .bind(now_unix())
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| {
            Ok(PageSummary {
                id: PageId::from_db(row.try_get("id")?),
                title: row.try_get("title")?,
                entry_count: row.try_get("entry_count")?,
                active_links: row.try_get("active_links")?,
            })
        })
        .collect()
}

#[tracing::instrument(name = "showcase.get", skip(db))]
pub async fn get(
    db: &Db,
    owner: AccountId,
    page: PageId,
) -> Result<Option<PageView>, ShowcaseError> {
    let mut conn = db.pool().acquire().await?;
    let Some(row) = sqlx::query(
        "SELECT id, title, intro, shows_pix, shows_plan FROM showcase_pages
         WHERE id = $1 AND owner_id = $2",
    )
    .bind(page.get())
    .bind(owner.get())
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let entries =
        sqlx::query("SELECT entry_id FROM showcase_items WHERE page_id = $1 ORDER BY position")
            .bind(page.get())
            .fetch_all(&mut *conn)
            .await?
            .iter()
            .map(|r| r.try_get("entry_id").map(EntryId::from_db))
            .collect::<Result<_, _>>()?;
    let links = sqlx::query(
        "SELECT id, created_at, expires_at, revoked_at, views, last_viewed_at
         FROM share_links WHERE page_id = $1 ORDER BY id DESC",
    )
    .bind(page.get())
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| {
        Ok(LinkView {
            id: super::showcase::ShareLinkId::from_db(r.try_get("id")?),
            created_at: r.try_get("created_at")?,
            expires_at: r.try_get("expires_at")?,
            revoked_at: r.try_get("revoked_at")?,
            views: r.try_get("views")?,
            last_viewed_at: r.try_get("last_viewed_at")?,
        })
    })
    .collect::<Result<_, sqlx::Error>>()?;
    Ok(Some(PageView {
        id: page,
        title: row.try_get("title")?,
        intro: row.try_get("intro")?,
        entries,
        links,
        shows_pix: row.try_get::<i64, _>("shows_pix")? != 0,
        shows_plan: row.try_get::<i64, _>("shows_plan")? != 0,
    }))
}

/// Creates a secret link to one of the owner's pages; returns the token, which is never
/// stored nor shown again.
#[tracing::instrument(name = "showcase.create_link", skip(db))]
pub async fn create_link(
    db: &Db,
    owner: AccountId,
    page: PageId,
    lifetime: LinkLifetime,
) -> Result<String, ShowcaseError> {
    let token = new_token();
    let now = now_unix();
    let mut tx = db.pool().begin().await?;
    let inserted = sqlx::query(
        "INSERT INTO share_links (page_id, owner_id, token_hash, created_at, expires_at, views)
         SELECT id, owner_id, $1, $2, $3, 0 FROM showcase_pages WHERE id = $4 AND owner_id = $5
         RETURNING id",
    )
    .bind(token_hash(&token))
    .bind(now)
    .bind(lifetime.seconds().map(|s| now + s))
    .bind(page.get())
    .bind(owner.get())
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(ShowcaseError::NotFound)?;
    let link: i64 = inserted.try_get("id")?;
    journal_link(&mut tx, owner, page, link, AuditAction::ShareLinkCreated).await?;
    tx.commit().await?;
    Ok(token)
}

/// A line in the owner's journal about one of their links (its page's title and number).
async fn journal_link(
    conn: &mut AnyConnection,
    owner: AccountId,
    page: PageId,
    link: i64,
    action: AuditAction,
) -> Result<(), ShowcaseError> {
    let title: String = sqlx::query("SELECT title FROM showcase_pages WHERE id = $1")
        .bind(page.get())
        .fetch_one(&mut *conn)
        .await?
        .try_get("title")?;
    audit::append(
        conn,
        &NewAuditEvent {
            actor: Some(owner),
            owner: Some(owner),
            action,
            detail: AuditDetail::ShareLink {
                page: short(title),
                link,
            },
        },
    )
    .await?;
    Ok(())
}

/// Revokes one of the owner's links (revoking twice changes nothing); returns its page.
#[tracing::instrument(name = "showcase.revoke_link", skip(db))]
pub async fn revoke_link(
    db: &Db,
    owner: AccountId,
    link: super::showcase::ShareLinkId,
) -> Result<PageId, ShowcaseError> {
    let link = link.get();
    let mut tx = db.pool().begin().await?;
    let row =
        sqlx::query("SELECT page_id, revoked_at FROM share_links WHERE id = $1 AND owner_id = $2")
            .bind(link)
            .bind(owner.get())
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(ShowcaseError::NotFound)?;
    let page = PageId::from_db(row.try_get("page_id")?);
    if row.try_get::<Option<i64>, _>("revoked_at")?.is_none() {
        sqlx::query("UPDATE share_links SET revoked_at = $1 WHERE id = $2")
            .bind(now_unix())
            .bind(link)
            .execute(&mut *tx)
            .await?;
        journal_link(&mut tx, owner, page, link, AuditAction::ShareLinkRevoked).await?;
    }
    tx.commit().await?;
    Ok(page)
}

/// The live link a token names: (link id, page, owner). Wrong, expired and revoked tokens are
/// all `None`: the holder learns nothing about which.
async fn resolve(
    conn: &mut AnyConnection,
    token: &str,
) -> Result<Option<(i64, PageId, AccountId)>, sqlx::Error> {
    if !plausible_token(token) {
        return Ok(None);
    }
    let row = sqlx::query(
        "SELECT id, page_id, owner_id FROM share_links
         WHERE token_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2)",
    )
    .bind(token_hash(token))
    .bind(now_unix())
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|r| {
        Ok((
            r.try_get("id")?,
            PageId::from_db(r.try_get("page_id")?),
            AccountId::from_db(r.try_get("owner_id")?),
        ))
    })
    .transpose()
}

/// What a link holder sees; counts the view and writes it to the owner's journal, in one
/// transaction.
#[tracing::instrument(name = "showcase.view_shared", skip_all)]
pub async fn view_shared(db: &Db, token: &str) -> Result<SharedPageView, ShowcaseError> {
    let mut tx = db.pool().begin().await?;
    let (link, page, owner) = resolve(&mut tx, token)
        .await?
        .ok_or(ShowcaseError::NotFound)?;
    let title: String = sqlx::query_scalar("SELECT title FROM showcase_pages WHERE id = $1")
        .bind(page.get())
        .fetch_one(&mut *tx)
        .await?;
    sqlx::query("UPDATE share_links SET views = views + 1, last_viewed_at = $1 WHERE id = $2")
        .bind(now_unix())
        .bind(link)
        .execute(&mut *tx)
        .await?;
    audit::count_view(
        &mut tx,
        owner,
        None,
        AuditAction::SharedPageViewed,
        &AuditDetail::ShareLink {
            page: short(title.as_str()),
            link,
        },
    )
    .await?;
    tx.commit().await?;
    shared_view::read(db, owner, page).await
}

/// An evidence file of an entry on the token's page (any other file is `None`).
#[tracing::instrument(name = "showcase.shared_evidence", skip_all, fields(evidence = id))]
pub async fn shared_evidence(
    db: &Db,
    token: &str,
    id: i64,
) -> Result<Option<(EvidenceView, StorageKey)>, ShowcaseError> {
    let mut conn = db.pool().acquire().await?;
    let Some((_, page, owner)) = resolve(&mut conn, token).await? else {
        return Ok(None);
    };
    let row = sqlx::query(&format!(
        "SELECT {EVIDENCE_COLUMNS}, ev.storage_key FROM evidence ev
         JOIN showcase_items i ON i.entry_id = ev.entry_id
         WHERE ev.id = $1 AND i.page_id = $2 AND ev.owner_id = $3"
    ))
    .bind(id)
    .bind(page.get())
    .bind(owner.get())
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let key: String = row.try_get("storage_key")?;
    let view = evidence_from_row(&row)?;
    drop(conn);
    // A file opened through the link: in the owner's journal (coalesced per hour and file).
    let mut tx = db.pool().begin().await?;
    audit::count_view(
        &mut tx,
        owner,
        None,
        AuditAction::EvidenceViewed,
        &AuditDetail::EvidenceFile {
            file: short(view.file_name.as_str()),
            by_link: true,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(StorageKey::parse(&key).map(|key| (view, key)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_256_bits_and_stored_hashed() {
        let token = new_token();
        assert!(plausible_token(&token), "{token}");
        assert_ne!(token, new_token());
        assert_eq!(token_hash(&token).len(), 64);
        assert_ne!(token_hash(&token), token);
        for bad in ["", "abc", &"a".repeat(44), &format!("{}=", &token[..42])] {
            assert!(!plausible_token(bad), "{bad}");
        }
    }
}
