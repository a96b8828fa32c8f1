//! Accounts in the database.

use super::{AccountId, AccountProfile, AccountView, Role, Subject};
use crate::db::{now_unix, Db};
use sqlx::any::AnyRow;
use sqlx::Row;

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

/// Creates the account on first sign-in, or refreshes its profile from the provider.
///
/// One statement, so two first sign-ins racing each other end with one account. The provider is
/// the authority on names, school and level; an `admin` role granted locally is kept.
#[tracing::instrument(name = "identity.record_sign_in", skip_all, fields(issuer, role = profile.role.as_str()))]
pub async fn record_sign_in(
    db: &Db,
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
        .fetch_one(db.pool())
        .await?;
    account_from_row(&row)
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
