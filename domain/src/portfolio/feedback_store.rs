//! Storage of page grants, comments and verifications. A counsellor reaches an entry only
//! through a live grant of a page that shows it; every statement checks that in SQL.

use super::feedback::*;
use super::showcase::{PageId, SharedPageView};
use super::showcase_store::ShowcaseError;
use super::EntryId;
use crate::audit::{self, short, AuditAction, AuditDetail, NewAuditEvent};
use crate::db::{now_unix, Db};
use crate::identity::AccountId;
use sqlx::{AnyConnection, Row};
use std::collections::HashMap;

mod journal_lines;
use journal_lines::{entry_title, journal, page_and_person};

#[derive(Debug, thiserror::Error)]
pub enum FeedbackError {
    #[error("no such page, entry or person (introuvable)")]
    NotFound,
    #[error("invalid comment: {0:?}")]
    Invalid(CommentProblem),
    #[error("database error")]
    Database(#[from] sqlx::Error),
    #[error("journal error")]
    Audit(#[from] audit::AuditError),
    #[error(transparent)]
    Showcase(#[from] ShowcaseError),
    #[error(transparent)]
    Guardianship(#[from] crate::sharing::guardianship_store::GuardianshipError),
}

fn person(row: &sqlx::any::AnyRow) -> Result<Person, sqlx::Error> {
    let given: String = row.try_get("given_name")?;
    let family: String = row.try_get("family_name")?;
    Ok(Person {
        id: AccountId::from_db(row.try_get("id")?),
        name: format!("{given} {family}"),
    })
}

/// The counsellors serving the student's school: whom they may share a page with.
#[tracing::instrument(name = "feedback.counsellors_for", skip(db))]
pub async fn counsellors_for(db: &Db, student: AccountId) -> Result<Vec<Person>, FeedbackError> {
    let rows = sqlx::query(
        "SELECT DISTINCT a.id, a.given_name, a.family_name FROM accounts a
         JOIN counsellor_schools cs ON cs.account_id = a.id
         JOIN accounts s ON s.school_uai = cs.school_uai
         WHERE s.id = $1 AND a.role IN ('counsellor', 'admin') AND a.id <> $1
         ORDER BY a.family_name, a.given_name",
    )
    .bind(student.get())
    .fetch_all(db.pool())
    .await?;
    Ok(rows.iter().map(person).collect::<Result<_, _>>()?)
}

/// Who one of the owner's pages is shared with.
pub async fn grants(db: &Db, owner: AccountId, page: PageId) -> Result<Vec<Person>, FeedbackError> {
    let rows = sqlx::query(
        "SELECT a.id, a.given_name, a.family_name FROM page_grants g
         JOIN showcase_pages p ON p.id = g.page_id JOIN accounts a ON a.id = g.grantee_id
         WHERE g.page_id = $1 AND p.owner_id = $2 ORDER BY a.family_name, a.given_name",
    )
    .bind(page.get())
    .bind(owner.get())
    .fetch_all(db.pool())
    .await?;
    Ok(rows.iter().map(person).collect::<Result<_, _>>()?)
}

/// Shares one of the owner's pages with a counsellor of their school or a guardian linked to
/// them (no one else).
#[tracing::instrument(name = "feedback.grant", skip(db))]
pub async fn grant(
    db: &Db,
    owner: AccountId,
    page: PageId,
    grantee: AccountId,
) -> Result<(), FeedbackError> {
    let counsellor = counsellors_for(db, owner)
        .await?
        .iter()
        .any(|p| p.id == grantee);
    let guardian = || async {
        crate::sharing::guardianship_store::live_guardians(db, owner)
            .await
            .map(|guardians| guardians.iter().any(|p| p.id == grantee))
    };
    if !counsellor && !guardian().await? {
        return Err(FeedbackError::NotFound);
    }
    let mut tx = db.pool().begin().await?;
    let inserted = sqlx::query(
        "INSERT INTO page_grants (page_id, grantee_id, created_at)
         SELECT id, $1, $2 FROM showcase_pages WHERE id = $3 AND owner_id = $4
         ON CONFLICT (page_id, grantee_id) DO NOTHING",
    )
    .bind(grantee.get())
    .bind(now_unix())
    .bind(page.get())
    .bind(owner.get())
    .execute(&mut *tx)
    .await?;
    if inserted.rows_affected() == 0 {
        // Nothing inserted: not the owner's page, or already shared (which is fine).
        let mine = sqlx::query("SELECT id FROM showcase_pages WHERE id = $1 AND owner_id = $2")
            .bind(page.get())
            .bind(owner.get())
            .fetch_optional(&mut *tx)
            .await?;
        return mine.map(|_| ()).ok_or(FeedbackError::NotFound);
    }
    let detail = page_and_person(&mut tx, page, grantee).await?;
    journal(&mut tx, owner, owner, AuditAction::PageGranted, detail).await?;
    tx.commit().await?;
    Ok(())
}

#[tracing::instrument(name = "feedback.revoke_grant", skip(db))]
pub async fn revoke_grant(
    db: &Db,
    owner: AccountId,
    page: PageId,
    grantee: AccountId,
) -> Result<(), FeedbackError> {
    let mut tx = db.pool().begin().await?;
    let deleted = sqlx::query(
        "DELETE FROM page_grants WHERE page_id = $1 AND grantee_id = $2
           AND page_id IN (SELECT id FROM showcase_pages WHERE owner_id = $3)",
    )
    .bind(page.get())
    .bind(grantee.get())
    .bind(owner.get())
    .execute(&mut *tx)
    .await?;
    if deleted.rows_affected() > 0 {
        let detail = page_and_person(&mut tx, page, grantee).await?;
        journal(&mut tx, owner, owner, AuditAction::PageUngranted, detail).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The pages shared with this counsellor or guardian (live grants only).
#[tracing::instrument(name = "feedback.received", skip(db))]
pub async fn received(db: &Db, viewer: AccountId) -> Result<Vec<ReceivedPage>, FeedbackError> {
    let rows = sqlx::query(
        "SELECT p.id, p.title, a.given_name, a.family_name FROM live_page_grants g
         JOIN showcase_pages p ON p.id = g.page_id JOIN accounts a ON a.id = p.owner_id
         WHERE g.grantee_id = $1 ORDER BY g.created_at DESC",
    )
    .bind(viewer.get())
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| {
            let given: String = row.try_get("given_name")?;
            let family: String = row.try_get("family_name")?;
            Ok(ReceivedPage {
                page_id: row.try_get("id")?,
                title: row.try_get("title")?,
                student: format!("{given} {family}"),
            })
        })
        .collect()
}

/// The owner of a page granted to `viewer`, if it is.
async fn granted_page_owner(
    conn: &mut AnyConnection,
    viewer: AccountId,
    page: PageId,
) -> Result<Option<(AccountId, String)>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT p.owner_id, p.title FROM live_page_grants g JOIN showcase_pages p ON p.id = g.page_id
         WHERE g.page_id = $1 AND g.grantee_id = $2",
    )
    .bind(page.get())
    .bind(viewer.get())
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|r| {
        Ok((
            AccountId::from_db(r.try_get("owner_id")?),
            r.try_get("title")?,
        ))
    })
    .transpose()
}

/// The student who owns `entry`, when `actor` may discuss it: it is theirs, or it is on a page
/// granted to them.
async fn discussion_owner(
    conn: &mut AnyConnection,
    actor: AccountId,
    entry: EntryId,
) -> Result<Option<AccountId>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT e.owner_id FROM portfolio_entries e WHERE e.id = $1 AND (e.owner_id = $2 OR EXISTS (
            SELECT 1 FROM showcase_items i JOIN live_page_grants g ON g.page_id = i.page_id
            WHERE i.entry_id = e.id AND g.grantee_id = $2))",
    )
    .bind(entry.get())
    .bind(actor.get())
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|r| r.try_get("owner_id").map(AccountId::from_db))
        .transpose()
}

/// A page as the counsellor it is shared with reads it; journaled in the student's journal
/// under the counsellor's name.
#[tracing::instrument(name = "feedback.view_granted", skip(db))]
pub async fn view_granted(
    db: &Db,
    viewer: AccountId,
    page: PageId,
) -> Result<(SharedPageView, AccountId), FeedbackError> {
    let mut tx = db.pool().begin().await?;
    let (owner, title) = granted_page_owner(&mut tx, viewer, page)
        .await?
        .ok_or(FeedbackError::NotFound)?;
    audit::append(
        &mut tx,
        &NewAuditEvent {
            actor: Some(viewer),
            owner: Some(owner),
            action: AuditAction::DataViewed,
            detail: AuditDetail::Page {
                title: short(title.as_str()),
            },
        },
    )
    .await?;
    tx.commit().await?;
    Ok((
        super::showcase_store::shared_view::read(db, owner, page).await?,
        owner,
    ))
}

/// Adds a comment to an entry the actor may discuss.
#[tracing::instrument(name = "feedback.comment", skip(db, raw))]
pub async fn comment(
    db: &Db,
    actor: AccountId,
    entry: EntryId,
    raw: &str,
) -> Result<i64, FeedbackError> {
    let body = CommentBody::parse(raw).map_err(FeedbackError::Invalid)?;
    let mut tx = db.pool().begin().await?;
    let owner = discussion_owner(&mut tx, actor, entry)
        .await?
        .ok_or(FeedbackError::NotFound)?;
    let id: i64 = sqlx::query(
        "INSERT INTO entry_comments (entry_id, author_id, body, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(entry.get())
    .bind(actor.get())
    .bind(body.as_str())
    .bind(now_unix())
    .fetch_one(&mut *tx)
    .await?
    .try_get("id")?;
    let title = entry_title(&mut tx, entry).await?;
    journal(
        &mut tx,
        actor,
        owner,
        AuditAction::EntryCommented,
        AuditDetail::Entry { title },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The comments on entries, oldest first, by entry; the caller has checked access.
pub async fn comments(
    db: &Db,
    entries: &[EntryId],
) -> Result<HashMap<i64, Vec<CommentView>>, FeedbackError> {
    let mut by_entry: HashMap<i64, Vec<CommentView>> = HashMap::new();
    for entry in entries {
        let rows = sqlx::query(
            "SELECT c.id, c.entry_id, c.body, c.created_at, a.given_name, a.family_name,
                    CASE WHEN c.author_id = e.owner_id THEN 1 ELSE 0 END AS by_student
             FROM entry_comments c JOIN accounts a ON a.id = c.author_id
             JOIN portfolio_entries e ON e.id = c.entry_id
             WHERE c.entry_id = $1 ORDER BY c.id",
        )
        .bind(entry.get())
        .fetch_all(db.pool())
        .await?;
        for row in &rows {
            let given: String = row.try_get("given_name")?;
            let family: String = row.try_get("family_name")?;
            let by_student: i32 = row.try_get("by_student")?;
            by_entry.entry(entry.get()).or_default().push(CommentView {
                id: row.try_get("id")?,
                author: format!("{given} {family}"),
                by_student: by_student == 1,
                body: row.try_get("body")?,
                created_at: row.try_get("created_at")?,
            });
        }
    }
    Ok(by_entry)
}

/// The comments on one of the actor's discussable entries.
pub async fn comments_on(
    db: &Db,
    actor: AccountId,
    entry: EntryId,
) -> Result<Vec<CommentView>, FeedbackError> {
    let mut conn = db.pool().acquire().await?;
    discussion_owner(&mut conn, actor, entry)
        .await?
        .ok_or(FeedbackError::NotFound)?;
    drop(conn);
    Ok(comments(db, &[entry])
        .await?
        .remove(&entry.get())
        .unwrap_or_default())
}

/// Marks (or unmarks) an entry « vérifié »: only a counsellor the entry is shared with, never
/// the student themself.
#[tracing::instrument(name = "feedback.verify", skip(db))]
pub async fn set_verified(
    db: &Db,
    counsellor: AccountId,
    entry: EntryId,
    verified: bool,
) -> Result<(), FeedbackError> {
    let mut tx = db.pool().begin().await?;
    let owner = discussion_owner(&mut tx, counsellor, entry)
        .await?
        .ok_or(FeedbackError::NotFound)?;
    if owner == counsellor {
        return Err(FeedbackError::NotFound);
    }
    sqlx::query("DELETE FROM entry_verifications WHERE entry_id = $1")
        .bind(entry.get())
        .execute(&mut *tx)
        .await?;
    if verified {
        sqlx::query("INSERT INTO entry_verifications (entry_id, counsellor_id, verified_at) VALUES ($1, $2, $3)")
            .bind(entry.get())
            .bind(counsellor.get())
            .bind(now_unix())
            .execute(&mut *tx)
            .await?;
    }
    let detail = AuditDetail::EntryVerified {
        entry: entry_title(&mut tx, entry).await?,
        verified,
    };
    journal(
        &mut tx,
        counsellor,
        owner,
        AuditAction::EntryVerified,
        detail,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Who verified which of these entries.
pub async fn verifications(
    db: &Db,
    owner: AccountId,
) -> Result<HashMap<i64, Verification>, FeedbackError> {
    let rows = sqlx::query(
        "SELECT v.entry_id, v.verified_at, a.given_name, a.family_name FROM entry_verifications v
         JOIN portfolio_entries e ON e.id = v.entry_id JOIN accounts a ON a.id = v.counsellor_id
         WHERE e.owner_id = $1",
    )
    .bind(owner.get())
    .fetch_all(db.pool())
    .await?;
    let mut map = HashMap::new();
    for row in &rows {
        let given: String = row.try_get("given_name")?;
        let family: String = row.try_get("family_name")?;
        map.insert(
            row.try_get("entry_id")?,
            Verification {
                by: format!("{given} {family}"),
                at: row.try_get("verified_at")?,
            },
        );
    }
    Ok(map)
}

/// An evidence file of an entry on a page granted to `viewer`.
#[tracing::instrument(name = "feedback.granted_evidence", skip(db))]
pub async fn granted_evidence(
    db: &Db,
    viewer: AccountId,
    page: PageId,
    id: i64,
) -> Result<
    Option<(
        super::evidence::EvidenceView,
        super::evidence_store::StorageKey,
    )>,
    FeedbackError,
> {
    use super::evidence_store::{evidence_from_row, StorageKey, EVIDENCE_COLUMNS};
    let row = sqlx::query(&format!(
        "SELECT {EVIDENCE_COLUMNS}, ev.storage_key, ev.owner_id AS file_owner FROM evidence ev
         JOIN showcase_items i ON i.entry_id = ev.entry_id
         JOIN live_page_grants g ON g.page_id = i.page_id
         WHERE ev.id = $1 AND i.page_id = $2 AND g.grantee_id = $3"
    ))
    .bind(id)
    .bind(page.get())
    .bind(viewer.get())
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let key: String = row.try_get("storage_key")?;
    let view = evidence_from_row(&row)?;
    let owner = AccountId::from_db(row.try_get("file_owner")?);
    let mut tx = db.pool().begin().await?;
    audit::count_view(
        &mut tx,
        owner,
        Some(viewer),
        AuditAction::EvidenceViewed,
        &AuditDetail::EvidenceFile {
            file: short(view.file_name.as_str()),
            by_link: false,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(StorageKey::parse(&key).map(|key| (view, key)))
}
