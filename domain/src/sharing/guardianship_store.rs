//! Storage of guardian invitations and links. Every change is one transaction with its journal
//! line in the student's journal.

use super::guardianship::*;
use crate::audit::{self, short, AuditAction, AuditDetail, NewAuditEvent};
use crate::db::{now_unix, Db};
use crate::identity::{AccountId, BirthDate};
use crate::portfolio::feedback::Person;
use rand::RngCore;
use sha2::{Digest, Sha256};
use sqlx::{AnyConnection, Row};

#[derive(Debug, thiserror::Error)]
pub enum GuardianshipError {
    #[error("link refused: {0:?}")]
    Refused(LinkProblem),
    #[error("no such link (introuvable)")]
    NotFound,
    #[error("database error")]
    Database(#[from] sqlx::Error),
    #[error("journal error")]
    Audit(#[from] audit::AuditError),
}

fn code_hash(code: &InvitationCode) -> String {
    hex::encode(Sha256::digest(code.as_str().as_bytes()))
}

fn new_code() -> InvitationCode {
    loop {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        // 32 bytes hold 10 usable ones except with negligible probability: draw again then.
        if let Some(code) = InvitationCode::from_random_bytes(bytes) {
            return code;
        }
    }
}

/// Today's date, `YYYY-MM-DD` (UTC, as the `live_page_grants` view compares).
pub fn today() -> String {
    iso(time::OffsetDateTime::now_utc().date())
}

fn iso(date: time::Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

fn parse_iso(raw: &str) -> Option<time::Date> {
    let date = BirthDate::parse(raw).ok()?;
    time::Date::from_calendar_date(
        i32::from(date.year()),
        time::Month::try_from(date.month()).ok()?,
        date.day(),
    )
    .ok()
}

/// The window before a link's end in which the student may renew it.
const RENEWAL_NOTICE_DAYS: i64 = 60;

fn linked_person(row: &sqlx::any::AnyRow, today: &str) -> Result<LinkedPerson, sqlx::Error> {
    let given: String = row.try_get("given_name")?;
    let family: String = row.try_get("family_name")?;
    let ends_on: Option<String> = row.try_get("ends_on")?;
    let notice = parse_iso(today)
        .map(|d| iso(d + time::Duration::days(RENEWAL_NOTICE_DAYS)))
        .unwrap_or_default();
    Ok(LinkedPerson {
        id: AccountId::from_db(row.try_get("id")?),
        name: format!("{given} {family}"),
        linked_at: row.try_get("created_at")?,
        ended: ends_on.as_deref().is_some_and(|end| end <= today),
        renewable: ends_on.as_deref().is_some_and(|end| end <= notice.as_str()),
        ends_on,
    })
}

async fn journal(
    conn: &mut AnyConnection,
    actor: AccountId,
    student: AccountId,
    action: AuditAction,
    detail: AuditDetail,
) -> Result<(), audit::AuditError> {
    audit::append(
        conn,
        &NewAuditEvent {
            actor: Some(actor),
            owner: Some(student),
            action,
            detail,
        },
    )
    .await
    .map(drop)
}

/// Makes the student's invitation code, replacing any earlier one (one live code at a time).
#[tracing::instrument(name = "guardianship.invite", skip(db))]
pub async fn invite(db: &Db, student: AccountId) -> Result<NewInvitation, GuardianshipError> {
    let code = new_code();
    let now = now_unix();
    let expires_at = now + CODE_LIFETIME_SECS;
    let mut tx = db.pool().begin().await?;
    sqlx::query("DELETE FROM guardian_invitations WHERE student_id = $1")
        .bind(student.get())
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO guardian_invitations (student_id, code_hash, created_at, expires_at)
         VALUES ($1, $2, $3, $4)",
    )
    .bind(student.get())
    .bind(code_hash(&code))
    .bind(now)
    .bind(expires_at)
    .execute(&mut *tx)
    .await?;
    journal(
        &mut tx,
        student,
        student,
        AuditAction::GuardianInvited,
        AuditDetail::Nothing,
    )
    .await?;
    tx.commit().await?;
    Ok(NewInvitation {
        code: code.display(),
        expires_at,
    })
}

/// The guardian's request: the student's code and date of birth. On success, the link exists
/// (ending on the student's 18th birthday), the code is spent, and the student's journal says
/// who linked. A wrong pair counts as a failed attempt.
#[tracing::instrument(name = "guardianship.accept", skip(db, raw_code, raw_birth_date))]
pub async fn accept(
    db: &Db,
    guardian: AccountId,
    raw_code: &str,
    raw_birth_date: &str,
) -> Result<String, GuardianshipError> {
    let refused = GuardianshipError::Refused;
    let code = InvitationCode::parse(raw_code).map_err(refused)?;
    let birth = match raw_birth_date.trim() {
        "" => return Err(refused(LinkProblem::BirthDateMissing)),
        raw => BirthDate::parse(raw).map_err(|_| refused(LinkProblem::BirthDateMalformed))?,
    };
    let now = now_unix();
    let mut tx = db.pool().begin().await?;
    // The guardian's row first (a row lock on PostgreSQL, the write lock on SQLite): attempts
    // sent at once are counted one after the other, so they cannot all pass under the limit.
    sqlx::query("UPDATE accounts SET last_sign_in_at = last_sign_in_at WHERE id = $1")
        .bind(guardian.get())
        .execute(&mut *tx)
        .await?;
    let failures: i64 = sqlx::query(
        "SELECT COUNT(*) AS n FROM guardian_link_attempts WHERE guardian_id = $1 AND attempted_at > $2",
    )
    .bind(guardian.get())
    .bind(now - ATTEMPT_WINDOW_SECS)
    .fetch_one(&mut *tx)
    .await?
    .try_get("n")?;
    if failures >= MAX_FAILED_ATTEMPTS {
        return Err(refused(LinkProblem::TooManyAttempts));
    }
    // The invitation's row is locked too (a no-op update): two guardians typing the same code
    // at once link one after the other, and the second finds it spent.
    sqlx::query(
        "UPDATE guardian_invitations SET expires_at = expires_at WHERE code_hash = $1 AND expires_at > $2",
    )
    .bind(code_hash(&code))
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let found = sqlx::query(
        "SELECT i.id, s.id AS student_id, s.birth_date, s.given_name, s.family_name
         FROM guardian_invitations i JOIN accounts s ON s.id = i.student_id
         WHERE i.code_hash = $1 AND i.expires_at > $2 AND s.role = 'student'",
    )
    .bind(code_hash(&code))
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    let matched = match &found {
        Some(row) => {
            let stored: Option<String> = row.try_get("birth_date")?;
            stored.as_deref() == Some(birth.to_string().as_str())
        }
        None => false,
    };
    let Some(row) = found.filter(|_| matched) else {
        sqlx::query(
            "INSERT INTO guardian_link_attempts (guardian_id, attempted_at) VALUES ($1, $2)",
        )
        .bind(guardian.get())
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        return Err(refused(LinkProblem::NoMatch));
    };
    let student = AccountId::from_db(row.try_get("student_id")?);
    let invitation: i64 = row.try_get("id")?;
    let child = format!(
        "{} {}",
        row.try_get::<String, _>("given_name")?,
        row.try_get::<String, _>("family_name")?
    );
    let ends_on = adulthood(birth);
    if ends_on.as_str() <= today().as_str() {
        return Err(refused(LinkProblem::StudentIsAdult));
    }
    let inserted = sqlx::query(
        "INSERT INTO guardian_links (student_id, guardian_id, created_at, ends_on)
         VALUES ($1, $2, $3, $4) ON CONFLICT (student_id, guardian_id) DO NOTHING",
    )
    .bind(student.get())
    .bind(guardian.get())
    .bind(now)
    .bind(&ends_on)
    .execute(&mut *tx)
    .await?;
    if inserted.rows_affected() == 0 {
        return Err(refused(LinkProblem::AlreadyLinked));
    }
    sqlx::query("DELETE FROM guardian_invitations WHERE id = $1")
        .bind(invitation)
        .execute(&mut *tx)
        .await?;
    journal(
        &mut tx,
        guardian,
        student,
        AuditAction::GuardianLinked,
        AuditDetail::GuardianLinked {
            until: ends_on.to_string(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(child)
}

/// The guardians linked to the student (ended links included, so they can be renewed).
pub async fn guardians_of(
    db: &Db,
    student: AccountId,
) -> Result<Vec<LinkedPerson>, GuardianshipError> {
    let rows = sqlx::query(
        "SELECT a.id, a.given_name, a.family_name, l.created_at, l.ends_on FROM guardian_links l
         JOIN accounts a ON a.id = l.guardian_id WHERE l.student_id = $1
         ORDER BY a.family_name, a.given_name",
    )
    .bind(student.get())
    .fetch_all(db.pool())
    .await?;
    let today = today();
    Ok(rows
        .iter()
        .map(|row| linked_person(row, &today))
        .collect::<Result<_, _>>()?)
}

/// The students the guardian is linked to.
pub async fn children_of(
    db: &Db,
    guardian: AccountId,
) -> Result<Vec<LinkedPerson>, GuardianshipError> {
    let rows = sqlx::query(
        "SELECT a.id, a.given_name, a.family_name, l.created_at, l.ends_on FROM guardian_links l
         JOIN accounts a ON a.id = l.student_id WHERE l.guardian_id = $1
         ORDER BY a.given_name, a.family_name",
    )
    .bind(guardian.get())
    .fetch_all(db.pool())
    .await?;
    let today = today();
    Ok(rows
        .iter()
        .map(|row| linked_person(row, &today))
        .collect::<Result<_, _>>()?)
}

/// The guardians the student may share a page with now (live links only).
pub async fn live_guardians(db: &Db, student: AccountId) -> Result<Vec<Person>, GuardianshipError> {
    Ok(guardians_of(db, student)
        .await?
        .into_iter()
        .filter(|g| !g.ended)
        .map(|g| Person {
            id: g.id,
            name: g.name,
        })
        .collect())
}

/// Ends a link: the guardian loses every page the student shared with them, at once.
#[tracing::instrument(name = "guardianship.unlink", skip(db))]
pub async fn unlink(
    db: &Db,
    student: AccountId,
    guardian: AccountId,
) -> Result<(), GuardianshipError> {
    let mut tx = db.pool().begin().await?;
    let removed =
        sqlx::query("DELETE FROM guardian_links WHERE student_id = $1 AND guardian_id = $2")
            .bind(student.get())
            .bind(guardian.get())
            .execute(&mut *tx)
            .await?;
    if removed.rows_affected() == 0 {
        return Err(GuardianshipError::NotFound);
    }
    sqlx::query(
        "DELETE FROM page_grants WHERE grantee_id = $1
           AND page_id IN (SELECT id FROM showcase_pages WHERE owner_id = $2)",
    )
    .bind(guardian.get())
    .bind(student.get())
    .execute(&mut *tx)
    .await?;
    // And the guidance plan, if she delegated it.
    sqlx::query("DELETE FROM guidance_plan_grants WHERE owner_id = $1 AND viewer_id = $2")
        .bind(student.get())
        .bind(guardian.get())
        .execute(&mut *tx)
        .await?;
    let name = crate::identity::store::display_name_in(&mut tx, guardian).await?;
    journal(
        &mut tx,
        student,
        student,
        AuditAction::GuardianUnlinked,
        AuditDetail::name(name),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Renews a link that ends (or ended) at 18, for a year from today or from its end.
#[tracing::instrument(name = "guardianship.renew", skip(db))]
pub async fn renew(
    db: &Db,
    student: AccountId,
    guardian: AccountId,
) -> Result<String, GuardianshipError> {
    let today = today();
    let link = guardians_of(db, student)
        .await?
        .into_iter()
        .find(|g| g.id == guardian && g.renewable)
        .ok_or(GuardianshipError::NotFound)?;
    let from = link
        .ends_on
        .as_deref()
        .filter(|end| *end > today.as_str())
        .unwrap_or(today.as_str());
    let until = parse_iso(from)
        .map(|d| iso(d + time::Duration::days(RENEWAL_DAYS)))
        .ok_or(GuardianshipError::NotFound)?;
    let mut tx = db.pool().begin().await?;
    sqlx::query(
        "UPDATE guardian_links SET ends_on = $1 WHERE student_id = $2 AND guardian_id = $3",
    )
    .bind(&until)
    .bind(student.get())
    .bind(guardian.get())
    .execute(&mut *tx)
    .await?;
    journal(
        &mut tx,
        student,
        student,
        AuditAction::GuardianLinked,
        AuditDetail::GuardianRenewed {
            person: short(link.name.as_str()),
            until: until.to_string(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(until)
}

/// Whether the identity provider gave the student's birth date (without it no guardian can
/// complete a link).
pub async fn has_birth_date(db: &Db, student: AccountId) -> Result<bool, GuardianshipError> {
    let row = sqlx::query("SELECT birth_date FROM accounts WHERE id = $1")
        .bind(student.get())
        .fetch_optional(db.pool())
        .await?;
    Ok(match row {
        Some(row) => row.try_get::<Option<String>, _>("birth_date")?.is_some(),
        None => false,
    })
}
