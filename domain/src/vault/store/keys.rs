//! The keys that open a vault: creating it, changing a wrapping, passkeys, the key check, deleting it.

use super::*;

/// What the server keeps of a key check: its SHA-256 (hex).
pub(super) fn key_check_digest(check: &KeyCheck) -> String {
    use sha2::Digest as _;
    hex::encode(sha2::Sha256::digest(check.bytes()))
}

/// Refuses unless `check` is the one stored for the account's vault (in the transaction the
/// change is made in). A vault made before key checks has none: it must be given one first
/// ([`set_key_check`], which the page does at the first unlock).
pub(super) async fn require_key_check(
    conn: &mut AnyConnection,
    account: AccountId,
    check: &KeyCheck,
) -> Result<(), VaultError> {
    let stored: Option<String> =
        sqlx::query("SELECT key_check_hash FROM vault_keys WHERE account_id = $1")
            .bind(account.get())
            .fetch_optional(&mut *conn)
            .await?
            .ok_or(VaultError::Refused(VaultProblem::NoVault))?
            .try_get("key_check_hash")?;
    match stored {
        Some(stored) if stored == key_check_digest(check) => Ok(()),
        _ => Err(VaultProblem::KeyProofRequired.into()),
    }
}

/// Gives a vault made before key checks its check (once: a vault that has one keeps it, and
/// a different one is refused).
#[tracing::instrument(name = "vault.set_key_check", skip_all, fields(account = %account))]
pub async fn set_key_check(
    db: &Db,
    account: AccountId,
    check: &KeyCheck,
) -> Result<(), VaultError> {
    let mut tx = db.pool().begin().await?;
    require_vault(&mut tx, account).await?;
    sqlx::query(
        "UPDATE vault_keys SET key_check_hash = $2 WHERE account_id = $1 AND key_check_hash IS NULL",
    )
    .bind(account.get())
    .bind(key_check_digest(check))
    .execute(&mut *tx)
    .await?;
    require_key_check(&mut tx, account, check).await?;
    tx.commit().await?;
    Ok(())
}

/// Creates the account's vault (its keys; items come after).
#[tracing::instrument(name = "vault.create", skip_all, fields(account = %account))]
pub async fn create(
    db: &Db,
    account: AccountId,
    keys: &VaultKeys,
    check: &KeyCheck,
) -> Result<(), VaultError> {
    let mut tx = db.pool().begin().await?;
    let exists = sqlx::query("SELECT 1 FROM vault_keys WHERE account_id = $1")
        .bind(account.get())
        .fetch_optional(&mut *tx)
        .await?
        .is_some();
    if exists {
        return Err(VaultProblem::AlreadyExists.into());
    }
    let now = now_unix();
    sqlx::query(
        "INSERT INTO vault_keys (account_id, kdf_memory_kib, kdf_iterations, kdf_parallelism, salt,
             by_passphrase, recovery_salt, by_recovery, recovery_stale, key_check_hash,
             created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9, $10, $10)",
    )
    .bind(account.get())
    .bind(i64::from(keys.kdf.memory_kib()))
    .bind(i64::from(keys.kdf.iterations()))
    .bind(i64::from(keys.kdf.parallelism()))
    .bind(String::from(keys.salt.clone()))
    .bind(keys.by_passphrase.as_text())
    .bind(String::from(keys.recovery_salt.clone()))
    .bind(keys.by_recovery.as_text())
    .bind(key_check_digest(check))
    .bind(now)
    .execute(&mut *tx)
    .await?;
    journal(
        &mut tx,
        account,
        AuditAction::VaultCreated,
        AuditDetail::Nothing,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

#[tracing::instrument(name = "vault.change_key", skip_all, fields(account = %account))]
pub async fn change_key(
    db: &Db,
    account: AccountId,
    change: &KeyChange,
    check: &KeyCheck,
) -> Result<(), VaultError> {
    let mut tx = db.pool().begin().await?;
    require_key_check(&mut tx, account, check).await?;
    let now = now_unix();
    let (result, detail) = match change {
        KeyChange::Passphrase { kdf, salt, wrapped } => (
            sqlx::query(
                "UPDATE vault_keys SET kdf_memory_kib = $2, kdf_iterations = $3, kdf_parallelism = $4,
                     salt = $5, by_passphrase = $6, updated_at = $7 WHERE account_id = $1",
            )
            .bind(account.get())
            .bind(i64::from(kdf.memory_kib()))
            .bind(i64::from(kdf.iterations()))
            .bind(i64::from(kdf.parallelism()))
            .bind(String::from(salt.clone()))
            .bind(wrapped.as_text())
            .bind(now)
            .execute(&mut *tx)
            .await?,
            AuditDetail::VaultPassphrase {
                memory_mib: kdf.memory_kib() / 1024,
                iterations: kdf.iterations(),
                parallelism: kdf.parallelism(),
            },
        ),
        KeyChange::Recovery { salt, wrapped } => (
            sqlx::query(
                "UPDATE vault_keys SET recovery_salt = $2, by_recovery = $3, recovery_stale = 0,
                     updated_at = $4 WHERE account_id = $1",
            )
            .bind(account.get())
            .bind(String::from(salt.clone()))
            .bind(wrapped.as_text())
            .bind(now)
            .execute(&mut *tx)
            .await?,
            AuditDetail::VaultRecoveryKey,
        ),
    };
    if result.rows_affected() == 0 {
        return Err(VaultProblem::NoVault.into());
    }
    journal(&mut tx, account, AuditAction::VaultKeysChanged, detail).await?;
    tx.commit().await?;
    Ok(())
}

/// Adds a passkey that opens the vault, with the vault key's proof.
#[tracing::instrument(name = "vault.add_passkey", skip_all, fields(account = %account))]
pub async fn add_passkey(
    db: &Db,
    account: AccountId,
    passkey: &VaultPasskey,
    check: &KeyCheck,
) -> Result<(), VaultError> {
    passkey.check()?;
    let mut tx = db.pool().begin().await?;
    require_vault(&mut tx, account).await?;
    require_key_check(&mut tx, account, check).await?;
    sqlx::query("DELETE FROM vault_passkeys WHERE account_id = $1 AND credential_id = $2")
        .bind(account.get())
        .bind(&passkey.credential_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO vault_passkeys (account_id, credential_id, prf_salt, wrapped, label, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(account.get())
    .bind(&passkey.credential_id)
    .bind(String::from(passkey.prf_salt.clone()))
    .bind(passkey.wrapped.as_text())
    .bind(passkey.label.trim())
    .bind(now_unix())
    .execute(&mut *tx)
    .await?;
    journal(
        &mut tx,
        account,
        AuditAction::VaultPasskeyAdded,
        AuditDetail::name(passkey.label.trim()),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Removes a passkey's way into the vault, with the vault key's proof.
#[tracing::instrument(name = "vault.remove_passkey", skip(db, check), fields(account = %account))]
pub async fn remove_passkey(
    db: &Db,
    account: AccountId,
    credential_id: &str,
    check: &KeyCheck,
) -> Result<(), VaultError> {
    let mut tx = db.pool().begin().await?;
    require_key_check(&mut tx, account, check).await?;
    let row = sqlx::query(
        "DELETE FROM vault_passkeys WHERE account_id = $1 AND credential_id = $2 RETURNING label",
    )
    .bind(account.get())
    .bind(credential_id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(VaultError::NotFound)?;
    let label: String = row.try_get("label")?;
    journal(
        &mut tx,
        account,
        AuditAction::VaultPasskeyRemoved,
        AuditDetail::name(label),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Deletes the whole vault, by a student who holds its key (`check`), or — `check` none —
/// by an administrator for a student who lost both passphrase and recovery key
/// (`server admin reset-vault`).
#[tracing::instrument(name = "vault.delete", skip(db, check), fields(account = %account))]
pub async fn delete_vault(
    db: &Db,
    account: AccountId,
    check: Option<&KeyCheck>,
) -> Result<(), VaultError> {
    let mut tx = db.pool().begin().await?;
    require_vault(&mut tx, account).await?;
    if let Some(check) = check {
        require_key_check(&mut tx, account, check).await?;
    }
    let items = sqlx::query("DELETE FROM vault_items WHERE account_id = $1")
        .bind(account.get())
        .execute(&mut *tx)
        .await?
        .rows_affected();
    for table in ["vault_passkeys", "vault_keys"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE account_id = $1"))
            .bind(account.get())
            .execute(&mut *tx)
            .await?;
    }
    journal(
        &mut tx,
        account,
        AuditAction::VaultDeleted,
        AuditDetail::VaultDeleted {
            items: u32::try_from(items).unwrap_or(u32::MAX),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
