//! Passkeys as the portal keeps them: a name the owner chose, when it was added and last used.
//! The WebAuthn credential itself is opaque here (JSON produced and read by the server's
//! WebAuthn library).

use super::types::InvalidValue;
use serde::{Deserialize, Serialize};

/// At most this many passkeys per account (a phone, a computer, a spare key… not a collection).
pub const MAX_PASSKEYS: i64 = 10;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasskeyView {
    pub id: i64,
    pub name: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
}

/// The name of a passkey: "Téléphone", "Ordinateur du CDI"…
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasskeyName(String);

impl PasskeyName {
    pub const MAX_CHARS: usize = 60;

    pub fn parse(raw: &str) -> Result<PasskeyName, InvalidValue> {
        let name = raw.trim();
        if name.is_empty() {
            return Err(InvalidValue {
                what: "passkey name",
                why: "empty",
            });
        }
        if name.chars().count() > Self::MAX_CHARS || name.chars().any(char::is_control) {
            return Err(InvalidValue {
                what: "passkey name",
                why: "too long or unexpected characters",
            });
        }
        Ok(PasskeyName(name.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(feature = "server")]
pub use store::*;

#[cfg(feature = "server")]
mod store {
    use super::{PasskeyName, PasskeyView};
    use crate::db::{now_unix, Db};
    use crate::identity::AccountId;
    use sqlx::{AnyConnection, Row};

    /// The account's WebAuthn user handle, created with `fresh` on first use.
    pub async fn ensure_handle(
        db: &Db,
        account: AccountId,
        fresh: &str,
    ) -> Result<String, sqlx::Error> {
        sqlx::query(
            "INSERT INTO webauthn_handles (account_id, handle) VALUES ($1, $2)
             ON CONFLICT (account_id) DO NOTHING",
        )
        .bind(account.get())
        .bind(fresh)
        .execute(db.pool())
        .await?;
        sqlx::query("SELECT handle FROM webauthn_handles WHERE account_id = $1")
            .bind(account.get())
            .fetch_one(db.pool())
            .await?
            .try_get("handle")
    }

    pub async fn account_for_handle(
        db: &Db,
        handle: &str,
    ) -> Result<Option<AccountId>, sqlx::Error> {
        let row = sqlx::query("SELECT account_id FROM webauthn_handles WHERE handle = $1")
            .bind(handle)
            .fetch_optional(db.pool())
            .await?;
        row.map(|r| r.try_get::<i64, _>("account_id").map(AccountId::from_db))
            .transpose()
    }

    pub async fn list(db: &Db, account: AccountId) -> Result<Vec<PasskeyView>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT id, name, created_at, last_used_at FROM passkeys
             WHERE account_id = $1 ORDER BY created_at, id",
        )
        .bind(account.get())
        .fetch_all(db.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(PasskeyView {
                    id: r.try_get("id")?,
                    name: r.try_get("name")?,
                    created_at: r.try_get("created_at")?,
                    last_used_at: r.try_get("last_used_at")?,
                })
            })
            .collect()
    }

    /// (row id, credential JSON) of every passkey of the account.
    pub async fn credentials(
        db: &Db,
        account: AccountId,
    ) -> Result<Vec<(i64, String)>, sqlx::Error> {
        let rows = sqlx::query("SELECT id, passkey FROM passkeys WHERE account_id = $1")
            .bind(account.get())
            .fetch_all(db.pool())
            .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("id")?, r.try_get("passkey")?)))
            .collect()
    }

    /// One passkey of the account by its credential id: (row id, credential JSON).
    pub async fn credential_by_id(
        db: &Db,
        account: AccountId,
        credential_id: &str,
    ) -> Result<Option<(i64, String)>, sqlx::Error> {
        let row = sqlx::query(
            "SELECT id, passkey FROM passkeys WHERE account_id = $1 AND credential_id = $2",
        )
        .bind(account.get())
        .bind(credential_id)
        .fetch_optional(db.pool())
        .await?;
        row.map(|r| Ok((r.try_get("id")?, r.try_get("passkey")?)))
            .transpose()
    }

    pub async fn count(conn: &mut AnyConnection, account: AccountId) -> Result<i64, sqlx::Error> {
        sqlx::query("SELECT COUNT(*) AS n FROM passkeys WHERE account_id = $1")
            .bind(account.get())
            .fetch_one(&mut *conn)
            .await?
            .try_get("n")
    }

    pub async fn insert(
        conn: &mut AnyConnection,
        account: AccountId,
        credential_id: &str,
        name: &PasskeyName,
        passkey_json: &str,
    ) -> Result<i64, sqlx::Error> {
        sqlx::query(
            "INSERT INTO passkeys (account_id, credential_id, name, passkey, created_at)
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(account.get())
        .bind(credential_id)
        .bind(name.as_str())
        .bind(passkey_json)
        .bind(now_unix())
        .fetch_one(&mut *conn)
        .await?
        .try_get("id")
    }

    /// Stores the credential as updated by a sign-in (signature counter, backup state).
    pub async fn record_use(db: &Db, id: i64, passkey_json: &str) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE passkeys SET passkey = $1, last_used_at = $2 WHERE id = $3")
            .bind(passkey_json)
            .bind(now_unix())
            .bind(id)
            .execute(db.pool())
            .await?;
        Ok(())
    }

    pub async fn rename(
        db: &Db,
        account: AccountId,
        id: i64,
        name: &PasskeyName,
    ) -> Result<bool, sqlx::Error> {
        let done = sqlx::query("UPDATE passkeys SET name = $1 WHERE id = $2 AND account_id = $3")
            .bind(name.as_str())
            .bind(id)
            .bind(account.get())
            .execute(db.pool())
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Deletes one of the account's passkeys; returns its name when there was one.
    pub async fn delete(
        conn: &mut AnyConnection,
        account: AccountId,
        id: i64,
    ) -> Result<Option<String>, sqlx::Error> {
        let row =
            sqlx::query("DELETE FROM passkeys WHERE id = $1 AND account_id = $2 RETURNING name")
                .bind(id)
                .bind(account.get())
                .fetch_optional(&mut *conn)
                .await?;
        row.map(|r| r.try_get("name")).transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::PasskeyName;

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(
            PasskeyName::parse("  Téléphone ").unwrap().as_str(),
            "Téléphone"
        );
        assert!(PasskeyName::parse("").is_err());
        assert!(PasskeyName::parse(&"x".repeat(61)).is_err());
        assert!(PasskeyName::parse("a\nb").is_err());
    }
}
