//! Storage of the vault: wrapped keys, KDF parameters and item envelopes, nothing readable.
//! Every function acts on the vault of the account it is given, which server functions take
//! from the session: there is no way to name another person's vault, so no delegation, page,
//! counsellor view or export made by someone else can reach it.

use super::{
    Envelope, FirstScreen, ItemId, KdfParams, KeyChange, KeyCheck, Salt, StoredItem, VaultKeys,
    VaultPasskey, VaultProblem, VaultState, WrappedKey, MAX_ITEMS,
};
use crate::audit::{self, AuditAction, AuditDetail, NewAuditEvent};
use crate::db::{now_unix, values_placeholders, Db};
use crate::identity::AccountId;
use sqlx::{AnyConnection, Row};

mod keys;
pub use keys::{add_passkey, change_key, create, delete_vault, remove_passkey, set_key_check};

#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    #[error("refused: {0}")]
    Refused(#[from] VaultProblem),
    #[error("no such item (introuvable)")]
    NotFound,
    #[error("database error")]
    Database(#[from] sqlx::Error),
    #[error("journal error")]
    Audit(#[from] audit::AuditError),
}

async fn journal(
    conn: &mut AnyConnection,
    account: AccountId,
    action: AuditAction,
    detail: AuditDetail,
) -> Result<(), audit::AuditError> {
    audit::append(
        conn,
        &NewAuditEvent {
            actor: Some(account),
            owner: Some(account),
            action,
            detail,
        },
    )
    .await
    .map(|_| ())
}

/// A column holding one of the vault's shapes, parsed again on the way out: a row that does
/// not parse is a corrupt database, reported as such.
fn parsed<T>(
    row: &sqlx::any::AnyRow,
    column: &str,
    parse: fn(&str) -> Result<T, VaultProblem>,
) -> Result<T, sqlx::Error> {
    parse_or_corrupt(parse(&row.try_get::<String, _>(column)?), column)
}

fn parse_or_corrupt<T>(value: Result<T, VaultProblem>, column: &str) -> Result<T, sqlx::Error> {
    value.map_err(|problem| sqlx::Error::Decode(format!("vault column {column}: {problem}").into()))
}

/// Whether the account has a vault, and a passkey that opens it: one statement, without the
/// items (see [`FirstScreen`]).
#[tracing::instrument(name = "vault.first_screen", skip(db))]
pub async fn first_screen(db: &Db, account: AccountId) -> Result<FirstScreen, VaultError> {
    let row = sqlx::query(
        "SELECT (SELECT COUNT(*) FROM vault_keys WHERE account_id = $1) AS vaults,
                (SELECT COUNT(*) FROM vault_passkeys WHERE account_id = $2) AS passkeys",
    )
    .bind(account.get())
    .bind(account.get())
    .fetch_one(db.pool())
    .await?;
    Ok(FirstScreen {
        has_vault: row.try_get::<i64, _>("vaults")? > 0,
        has_passkey: row.try_get::<i64, _>("passkeys")? > 0,
    })
}

/// The account's vault as the browser needs it to open it (keys absent: no vault yet).
#[tracing::instrument(name = "vault.state", skip(db))]
pub async fn state(db: &Db, account: AccountId) -> Result<VaultState, VaultError> {
    let mut conn = db.pool().acquire().await?;
    let row = sqlx::query(
        "SELECT kdf_memory_kib, kdf_iterations, kdf_parallelism, salt, by_passphrase,
                recovery_salt, by_recovery, recovery_stale, key_check_hash
         FROM vault_keys WHERE account_id = $1",
    )
    .bind(account.get())
    .fetch_optional(&mut *conn)
    .await?;
    let key_check_set = match &row {
        Some(row) => row
            .try_get::<Option<String>, _>("key_check_hash")?
            .is_some(),
        None => false,
    };
    let keys = row
        .map(|row| -> Result<VaultKeys, sqlx::Error> {
            let kdf = KdfParams::new(
                row.try_get::<i64, _>("kdf_memory_kib")? as u32,
                row.try_get::<i64, _>("kdf_iterations")? as u32,
                row.try_get::<i64, _>("kdf_parallelism")? as u32,
            );
            Ok(VaultKeys {
                kdf: parse_or_corrupt(kdf, "kdf")?,
                salt: parsed(&row, "salt", Salt::parse)?,
                by_passphrase: parsed(&row, "by_passphrase", WrappedKey::parse)?,
                recovery_salt: parsed(&row, "recovery_salt", Salt::parse)?,
                by_recovery: parsed(&row, "by_recovery", WrappedKey::parse)?,
                recovery_stale: row.try_get::<i64, _>("recovery_stale")? != 0,
            })
        })
        .transpose()?;
    let items = sqlx::query(
        "SELECT item_id, envelope, revision FROM vault_items WHERE account_id = $1 ORDER BY created_at, item_id",
    )
    .bind(account.get())
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|row| -> Result<StoredItem, sqlx::Error> {
        Ok(StoredItem {
            id: parsed(row, "item_id", ItemId::parse)?,
            envelope: parsed(row, "envelope", Envelope::parse)?,
            revision: row.try_get("revision")?,
        })
    })
    .collect::<Result<Vec<_>, _>>()?;
    let passkeys = sqlx::query(
        "SELECT credential_id, prf_salt, wrapped, label FROM vault_passkeys WHERE account_id = $1 ORDER BY created_at",
    )
    .bind(account.get())
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|row| -> Result<VaultPasskey, sqlx::Error> {
        Ok(VaultPasskey {
            credential_id: row.try_get("credential_id")?,
            prf_salt: parsed(row, "prf_salt", Salt::parse)?,
            wrapped: parsed(row, "wrapped", WrappedKey::parse)?,
            label: row.try_get("label")?,
        })
    })
    .collect::<Result<Vec<_>, _>>()?;
    Ok(VaultState {
        account_id: account.get(),
        keys,
        items,
        passkeys,
        key_check_set,
    })
}

async fn require_vault(conn: &mut AnyConnection, account: AccountId) -> Result<(), VaultError> {
    sqlx::query("SELECT 1 FROM vault_keys WHERE account_id = $1")
        .bind(account.get())
        .fetch_optional(&mut *conn)
        .await?
        .map(|_| ())
        .ok_or(VaultError::Refused(VaultProblem::NoVault))
}

/// Stores an item: a new one (`base_revision` none) or a new version of the one at
/// `base_revision`. Returns the stored revision. A request made from an older version
/// (`Conflict`) or carrying the envelope already stored (`Replayed`) changes nothing. Only
/// with the vault key's proof (`check`): whoever holds the HTTP session alone cannot
/// overwrite an item.
#[tracing::instrument(name = "vault.save_item", skip(db, envelope, check), fields(account = %account))]
pub async fn save_item(
    db: &Db,
    account: AccountId,
    id: &ItemId,
    envelope: &Envelope,
    base_revision: Option<i64>,
    check: &KeyCheck,
) -> Result<i64, VaultError> {
    let mut tx = db.pool().begin().await?;
    require_vault(&mut tx, account).await?;
    keys::require_key_check(&mut tx, account, check).await?;
    let current = sqlx::query(
        "SELECT envelope, revision FROM vault_items WHERE account_id = $1 AND item_id = $2",
    )
    .bind(account.get())
    .bind(id.as_str())
    .fetch_optional(&mut *tx)
    .await?;
    let now = now_unix();
    let revision = match (current, base_revision) {
        (None, None) => {
            let count: i64 =
                sqlx::query("SELECT COUNT(*) AS n FROM vault_items WHERE account_id = $1")
                    .bind(account.get())
                    .fetch_one(&mut *tx)
                    .await?
                    .try_get("n")?;
            if count as usize >= MAX_ITEMS {
                return Err(VaultProblem::TooManyItems.into());
            }
            sqlx::query(
                "INSERT INTO vault_items (account_id, item_id, envelope, revision, created_at, updated_at)
                 VALUES ($1, $2, $3, 1, $4, $4)",
            )
            .bind(account.get())
            .bind(id.as_str())
            .bind(envelope.as_text())
            .bind(now)
            .execute(&mut *tx)
            .await?;
            1
        }
        (None, Some(_)) => return Err(VaultError::NotFound),
        (Some(_), None) => return Err(VaultProblem::Conflict.into()),
        (Some(row), Some(base)) => {
            let stored: String = row.try_get("envelope")?;
            let revision: i64 = row.try_get("revision")?;
            // The same nonce twice is an envelope sent again, never a new encryption.
            let stored_nonce = Envelope::parse(&stored)
                .map(|e| e.nonce().to_vec())
                .unwrap_or_default();
            if stored_nonce == envelope.nonce() {
                return Err(VaultProblem::Replayed.into());
            }
            if revision != base {
                return Err(VaultProblem::Conflict.into());
            }
            sqlx::query(
                "UPDATE vault_items SET envelope = $3, revision = revision + 1, updated_at = $4
                 WHERE account_id = $1 AND item_id = $2",
            )
            .bind(account.get())
            .bind(id.as_str())
            .bind(envelope.as_text())
            .bind(now)
            .execute(&mut *tx)
            .await?;
            revision + 1
        }
    };
    tx.commit().await?;
    Ok(revision)
}

/// Deletes an item, with the vault key's proof; journaled (the server knows no item's name:
/// the line says an item went, and when).
#[tracing::instrument(name = "vault.delete_item", skip(db, check), fields(account = %account))]
pub async fn delete_item(
    db: &Db,
    account: AccountId,
    id: &ItemId,
    check: &KeyCheck,
) -> Result<(), VaultError> {
    let mut tx = db.pool().begin().await?;
    keys::require_key_check(&mut tx, account, check).await?;
    let result = sqlx::query("DELETE FROM vault_items WHERE account_id = $1 AND item_id = $2")
        .bind(account.get())
        .bind(id.as_str())
        .execute(&mut *tx)
        .await?;
    if result.rows_affected() == 0 {
        return Err(VaultError::NotFound);
    }
    journal(
        &mut tx,
        account,
        AuditAction::VaultItemDeleted,
        AuditDetail::Nothing,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Adds many new items at once (an import), in one transaction: all or nothing.
#[tracing::instrument(name = "vault.import", skip_all, fields(account = %account, items = items.len()))]
pub async fn import(
    db: &Db,
    account: AccountId,
    items: &[(ItemId, Envelope)],
    source: &str,
) -> Result<usize, VaultError> {
    let mut tx = db.pool().begin().await?;
    require_vault(&mut tx, account).await?;
    let count: i64 = sqlx::query("SELECT COUNT(*) AS n FROM vault_items WHERE account_id = $1")
        .bind(account.get())
        .fetch_one(&mut *tx)
        .await?
        .try_get("n")?;
    if count as usize + items.len() > MAX_ITEMS {
        return Err(VaultProblem::TooManyItems.into());
    }
    let mut ids: Vec<&str> = items.iter().map(|(id, _)| id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.len() != items.len() {
        return Err(VaultProblem::BadItemId.into());
    }
    let now = now_unix();
    for batch in items.chunks(100) {
        let sql = format!(
            "INSERT INTO vault_items (account_id, item_id, envelope, revision, created_at, updated_at) VALUES {}",
            values_placeholders(batch.len(), 6)
        );
        let mut query = sqlx::query(&sql);
        for (id, envelope) in batch {
            query = query
                .bind(account.get())
                .bind(id.as_str())
                .bind(envelope.as_text())
                .bind(1_i64)
                .bind(now)
                .bind(now);
        }
        // An id already in the vault breaks the primary key: the whole import rolls back.
        query
            .execute(&mut *tx)
            .await
            .map_err(|error| match &error {
                sqlx::Error::Database(db) if db.is_unique_violation() => {
                    VaultError::Refused(VaultProblem::BadItemId)
                }
                _ => VaultError::Database(error),
            })?;
    }
    let source: String = source
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .take(30)
        .collect();
    journal(
        &mut tx,
        account,
        AuditAction::VaultItemsImported,
        AuditDetail::VaultItemsImported {
            count: u32::try_from(items.len()).unwrap_or(u32::MAX),
            source,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(items.len())
}

/// Journals an export (the browser decrypts and writes the file; the server only learns it).
#[tracing::instrument(name = "vault.exported", skip(db), fields(account = %account))]
pub async fn record_export(db: &Db, account: AccountId, format: &str) -> Result<(), VaultError> {
    let mut tx = db.pool().begin().await?;
    require_vault(&mut tx, account).await?;
    let format: String = format
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .take(30)
        .collect();
    journal(
        &mut tx,
        account,
        AuditAction::VaultExported,
        AuditDetail::VaultExported { format },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
