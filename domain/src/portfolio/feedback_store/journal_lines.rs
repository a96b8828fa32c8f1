//! What the owner's journal says of a grant, a comment or a verification.

use super::*;

/// A line in the owner's journal about one of their pages or entries.
pub(super) async fn journal(
    conn: &mut AnyConnection,
    actor: AccountId,
    owner: AccountId,
    action: AuditAction,
    detail: AuditDetail,
) -> Result<(), FeedbackError> {
    audit::append(
        conn,
        &NewAuditEvent {
            actor: Some(actor),
            owner: Some(owner),
            action,
            detail,
        },
    )
    .await?;
    Ok(())
}

/// « page « titre » — Prénom Nom »: what a grant line says.
pub(super) async fn page_and_person(
    conn: &mut AnyConnection,
    page: PageId,
    person: AccountId,
) -> Result<AuditDetail, sqlx::Error> {
    let row = sqlx::query(
        "SELECT p.title, a.given_name, a.family_name FROM showcase_pages p, accounts a
         WHERE p.id = $1 AND a.id = $2",
    )
    .bind(page.get())
    .bind(person.get())
    .fetch_one(&mut *conn)
    .await?;
    Ok(AuditDetail::PageAndPerson {
        page: short(row.try_get::<String, _>("title")?),
        person: short(format!(
            "{} {}",
            row.try_get::<String, _>("given_name")?,
            row.try_get::<String, _>("family_name")?
        )),
    })
}

/// An entry's title, for a comment's or a verification's journal line.
pub(super) async fn entry_title(
    conn: &mut AnyConnection,
    entry: EntryId,
) -> Result<String, sqlx::Error> {
    let title: String = sqlx::query("SELECT title FROM portfolio_entries WHERE id = $1")
        .bind(entry.get())
        .fetch_one(&mut *conn)
        .await?
        .try_get("title")?;
    Ok(short(title))
}
