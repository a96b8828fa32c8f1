//! Accounts in the database.

use super::{AccountId, AccountProfile, AccountView, Role, Subject};
use crate::db::{now_unix, Db};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

#[derive(Debug, thiserror::Error)]
pub enum AccountStoreError {
    #[error("database error")]
    Database(#[from] sqlx::Error),
    #[error("stored account {0} has an invalid role")]
    CorruptRole(i64),
}

const ACCOUNT_COLUMNS: &str =
    "id, role, given_name, family_name, school_uai, school_level, is_demo";

fn account_from_row(row: &AnyRow) -> Result<AccountView, AccountStoreError> {
    let id: i64 = row.try_get("id")?;
    let role: String = row.try_get("role")?;
    Ok(AccountView {
        id: AccountId::from_db(id),
        role: Role::parse(&role).map_err(|_| AccountStoreError::CorruptRole(id))?,
        given_name: row.try_get("given_name")?,
        family_name: row.try_get("family_name")?,
        school_uai: row.try_get("school_uai")?,
        school_level: row.try_get("school_level")?,
        is_demo: row.try_get::<i64, _>("is_demo")? != 0,
    })
}

/// An account's name as people read it (« Nadia Morel »), inside the caller's transaction: what
/// journal lines and counsellors' recommendations keep.
pub async fn display_name_in(
    conn: &mut AnyConnection,
    account: AccountId,
) -> Result<String, sqlx::Error> {
    let row = sqlx::query("SELECT given_name, family_name FROM accounts WHERE id = $1")
        .bind(account.get())
        .fetch_one(conn)
        .await?;
    Ok(format!(
        "{} {}",
        row.try_get::<String, _>("given_name")?,
        row.try_get::<String, _>("family_name")?
    ))
}

/// Creates the account on first sign-in, or refreshes its profile from the provider, inside the
/// caller's transaction (the sign-in's journal entry commits with it).
///
/// One statement, so two first sign-ins racing each other end with one account. The provider is
/// the authority on names, school and level; an `admin` role granted locally is kept.
#[tracing::instrument(name = "identity.record_sign_in", skip_all, fields(issuer, role = profile.role.as_str()))]
pub async fn record_sign_in(
    conn: &mut AnyConnection,
    issuer: &str,
    subject: &Subject,
    profile: &AccountProfile,
    is_demo: bool,
) -> Result<AccountView, AccountStoreError> {
    let now = now_unix();
    let sql = format!(
        "INSERT INTO accounts (issuer, subject, role, given_name, family_name, birth_date,
                               school_uai, school_level, is_demo, created_at, last_sign_in_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
         ON CONFLICT (issuer, subject) DO UPDATE SET
             role = CASE WHEN accounts.role = 'admin' THEN accounts.role ELSE excluded.role END,
             given_name = excluded.given_name,
             family_name = excluded.family_name,
             birth_date = excluded.birth_date,
             school_uai = excluded.school_uai,
             school_level = excluded.school_level,
             last_sign_in_at = excluded.last_sign_in_at
         RETURNING {ACCOUNT_COLUMNS}"
    );
    let row = sqlx::query(&sql)
        .bind(issuer)
        .bind(subject.as_str())
        .bind(profile.role.as_str())
        .bind(profile.given_name.as_str())
        .bind(profile.family_name.as_str())
        .bind(profile.birth_date.map(|d| d.to_string()))
        .bind(profile.school_uai.as_ref().map(|u| u.as_str().to_owned()))
        .bind(profile.school_level.as_ref().map(|l| l.as_str().to_owned()))
        .bind(i64::from(is_demo))
        .bind(now)
        .fetch_one(&mut *conn)
        .await?;
    account_from_row(&row)
}

/// A stored session and the account signed in on it, read in one statement: what every
/// request with a session cookie needs first (two round trips were a third of a signed-in
/// page's time in the database).
#[derive(Debug)]
pub struct StoredSession {
    /// The session's data as tower-sessions serialised it (JSON).
    pub data: String,
    pub expires_at: i64,
    /// `None` when no one is signed in on it, or the account is gone.
    pub account: Option<AccountView>,
}

/// Written once: the statement's text is also the key of sqlx's per-connection cache of
/// prepared statements.
static FIND_SESSION_SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let columns = ACCOUNT_COLUMNS
        .split(", ")
        .map(|column| format!("a.{column}"))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "SELECT s.data, s.expires_at, {columns} FROM sessions s
         LEFT JOIN accounts a ON a.id = s.account_id
         WHERE s.id = $1 AND s.expires_at > $2"
    )
});

/// The live session stored under `key` (a hash of its id), with its account.
pub async fn find_session(
    db: &Db,
    key: &str,
    now: i64,
) -> Result<Option<StoredSession>, AccountStoreError> {
    let Some(row) = sqlx::query(&FIND_SESSION_SQL)
        .bind(key)
        .bind(now)
        .fetch_optional(db.pool())
        .await?
    else {
        return Ok(None);
    };
    let account = match row.try_get::<Option<i64>, _>("id")? {
        Some(_) => Some(account_from_row(&row)?),
        None => None,
    };
    Ok(Some(StoredSession {
        data: row.try_get("data")?,
        expires_at: row.try_get("expires_at")?,
        account,
    }))
}

#[tracing::instrument(name = "identity.find_account", skip(db))]
pub async fn find_account(
    db: &Db,
    id: AccountId,
) -> Result<Option<AccountView>, AccountStoreError> {
    let sql = format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE id = $1");
    let row = sqlx::query(&sql)
        .bind(id.get())
        .fetch_optional(db.pool())
        .await?;
    row.as_ref().map(account_from_row).transpose()
}

#[tracing::instrument(name = "identity.find_by_subject", skip(db, subject))]
pub async fn find_by_subject(
    db: &Db,
    issuer: &str,
    subject: &str,
) -> Result<Option<AccountView>, AccountStoreError> {
    let sql = format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE issuer = $1 AND subject = $2");
    let row = sqlx::query(&sql)
        .bind(issuer)
        .bind(subject)
        .fetch_optional(db.pool())
        .await?;
    row.as_ref().map(account_from_row).transpose()
}

pub async fn count_accounts(db: &Db) -> Result<i64, AccountStoreError> {
    let row = sqlx::query("SELECT COUNT(*) AS n FROM accounts")
        .fetch_one(db.pool())
        .await?;
    Ok(row.try_get::<i64, _>("n")?)
}

#[derive(Debug, thiserror::Error)]
pub enum RoleChangeError {
    #[error("no account for this issuer and subject (aucun compte pour cet émetteur et ce sujet)")]
    NoSuchAccount,
    #[error("only a counsellor can be made an admin, and only an admin back a counsellor (seul·e un·e conseiller·ère peut devenir admin)")]
    NotStaff,
    #[error(transparent)]
    Store(#[from] AccountStoreError),
    #[error(transparent)]
    Audit(#[from] crate::audit::AuditError),
}

/// Changes a staff account's role (counsellor ↔ admin), journaled in the same transaction.
/// Pupils and guardians get their role from ÉduConnect only.
#[tracing::instrument(name = "identity.set_staff_role", skip(db, subject))]
pub async fn set_staff_role(
    db: &Db,
    issuer: &str,
    subject: &str,
    role: Role,
) -> Result<AccountView, RoleChangeError> {
    if !matches!(role, Role::Counsellor | Role::Admin) {
        return Err(RoleChangeError::NotStaff);
    }
    let mut tx = db.pool().begin().await.map_err(AccountStoreError::from)?;
    let sql = format!(
        "UPDATE accounts SET role = $1 WHERE issuer = $2 AND subject = $3
           AND role IN ('counsellor', 'admin') RETURNING {ACCOUNT_COLUMNS}"
    );
    let row = sqlx::query(&sql)
        .bind(role.as_str())
        .bind(issuer)
        .bind(subject)
        .fetch_optional(&mut *tx)
        .await
        .map_err(AccountStoreError::from)?;
    let Some(row) = row else {
        let exists = sqlx::query("SELECT id FROM accounts WHERE issuer = $1 AND subject = $2")
            .bind(issuer)
            .bind(subject)
            .fetch_optional(&mut *tx)
            .await
            .map_err(AccountStoreError::from)?;
        return Err(if exists.is_some() {
            RoleChangeError::NotStaff
        } else {
            RoleChangeError::NoSuchAccount
        });
    };
    let account = account_from_row(&row)?;
    crate::audit::append(
        &mut tx,
        &crate::audit::NewAuditEvent {
            actor: None,
            owner: Some(account.id),
            action: crate::audit::AuditAction::RoleChanged,
            detail: crate::audit::AuditDetail::Role {
                role: role.as_str().to_owned(),
            },
        },
    )
    .await?;
    tx.commit().await.map_err(AccountStoreError::from)?;
    Ok(account)
}

/// The name of a school, when the portal knows it (`schools`).
#[tracing::instrument(name = "identity.school_name", skip(db))]
pub async fn school_name(db: &Db, uai: &str) -> Result<Option<String>, AccountStoreError> {
    let row = sqlx::query("SELECT name FROM schools WHERE uai = $1")
        .bind(uai)
        .fetch_optional(db.pool())
        .await?;
    Ok(row.map(|row| row.try_get("name")).transpose()?)
}

/// The académie of a pupil's school, when the portal knows it (`schools.academie`).
#[tracing::instrument(name = "identity.school_academie", skip(db))]
pub async fn school_academie(db: &Db, account: AccountId) -> Result<Option<String>, sqlx::Error> {
    let academie: Option<Option<String>> = sqlx::query_scalar(
        "SELECT s.academie FROM accounts a JOIN schools s ON s.uai = a.school_uai WHERE a.id = $1",
    )
    .bind(account.get())
    .fetch_optional(db.pool())
    .await?;
    Ok(academie.flatten())
}

/// Records (or renames) a school, inside the caller's transaction; an académie already known
/// is kept when none is given.
pub async fn name_school(
    conn: &mut sqlx::AnyConnection,
    uai: &super::SchoolUai,
    name: &str,
    academie: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO schools (uai, name, academie) VALUES ($1, $2, $3)
         ON CONFLICT (uai) DO UPDATE SET name = excluded.name,
         academie = COALESCE(excluded.academie, schools.academie)",
    )
    .bind(uai.as_str())
    .bind(name)
    .bind(academie)
    .execute(conn)
    .await?;
    Ok(())
}

/// Attaches a counsellor to a school (idempotent), journaled in the same transaction.
#[tracing::instrument(name = "identity.attach_school", skip(db))]
pub async fn attach_school(
    db: &Db,
    account: AccountId,
    uai: &super::SchoolUai,
) -> Result<bool, RoleChangeError> {
    let mut tx = db.pool().begin().await.map_err(AccountStoreError::from)?;
    let role: Option<String> = sqlx::query("SELECT role FROM accounts WHERE id = $1")
        .bind(account.get())
        .fetch_optional(&mut *tx)
        .await
        .map_err(AccountStoreError::from)?
        .map(|row| row.try_get("role"))
        .transpose()
        .map_err(AccountStoreError::from)?;
    match role.as_deref() {
        None => return Err(RoleChangeError::NoSuchAccount),
        Some("counsellor" | "admin") => {}
        Some(_) => return Err(RoleChangeError::NotStaff),
    }
    let inserted = sqlx::query(
        "INSERT INTO counsellor_schools (account_id, school_uai, attached_at) VALUES ($1, $2, $3)
         ON CONFLICT (account_id, school_uai) DO NOTHING",
    )
    .bind(account.get())
    .bind(uai.as_str())
    .bind(now_unix())
    .execute(&mut *tx)
    .await
    .map_err(AccountStoreError::from)?
    .rows_affected()
        == 1;
    if inserted {
        crate::audit::append(
            &mut tx,
            &crate::audit::NewAuditEvent {
                actor: None,
                owner: Some(account),
                action: crate::audit::AuditAction::SchoolAttached,
                detail: crate::audit::AuditDetail::name(uai.as_str()),
            },
        )
        .await?;
    }
    tx.commit().await.map_err(AccountStoreError::from)?;
    Ok(inserted)
}

/// What ties `actor` to `pupil`, for the policy to decide on (`policy::Subject::Pupil`): read at
/// the time of the request. A pupil who does not exist has no tie to anyone.
pub async fn ties(
    db: &Db,
    actor: AccountId,
    pupil: AccountId,
) -> Result<crate::policy::Ties, AccountStoreError> {
    let serves_their_school = sqlx::query(
        "SELECT 1 AS ok FROM accounts p
           JOIN counsellor_schools cs ON cs.school_uai = p.school_uai AND cs.account_id = $2
          WHERE p.id = $1 AND p.role = 'student'",
    )
    .bind(pupil.get())
    .bind(actor.get())
    .fetch_optional(db.pool())
    .await?
    .is_some();
    let shares_guidance_plan = sqlx::query(
        "SELECT 1 AS ok FROM guidance_plan_grants WHERE owner_id = $1 AND viewer_id = $2",
    )
    .bind(pupil.get())
    .bind(actor.get())
    .fetch_optional(db.pool())
    .await?
    .is_some();
    // A link ends on the pupil's 18th birthday unless renewed (`sharing::guardianship_store`).
    let guardian_of = sqlx::query(
        "SELECT 1 AS ok FROM guardian_links WHERE student_id = $1 AND guardian_id = $2 \
         AND (ends_on IS NULL OR ends_on > $3)",
    )
    .bind(pupil.get())
    .bind(actor.get())
    .bind(crate::time::paris_iso_date(crate::db::now_unix()))
    .fetch_optional(db.pool())
    .await?
    .is_some();
    Ok(crate::policy::Ties {
        serves_their_school,
        shares_guidance_plan,
        guardian_of,
    })
}

pub async fn schools_of(db: &Db, account: AccountId) -> Result<Vec<String>, AccountStoreError> {
    let rows = sqlx::query(
        "SELECT school_uai FROM counsellor_schools WHERE account_id = $1 ORDER BY school_uai",
    )
    .bind(account.get())
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| r.try_get("school_uai").map_err(AccountStoreError::from))
        .collect()
}
