//! Where an account is signed in: the sessions its owner can list and end one by one.

use serde::{Deserialize, Serialize};

/// One signed-in device as its owner sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    /// The stored key (a hash of the session id: it cannot be used as a cookie).
    pub key: String,
    pub device: String,
    pub signed_in_at: i64,
    pub last_seen: i64,
    pub current: bool,
}

/// "Firefox · Android" from a User-Agent header: enough for a pupil to recognise a device,
/// nothing more is kept.
pub fn describe_user_agent(user_agent: &str) -> String {
    let ua = user_agent;
    let browser = if ua.contains("Firefox/") {
        "Firefox"
    } else if ua.contains("Edg/") {
        "Edge"
    } else if ua.contains("OPR/") {
        "Opera"
    } else if ua.contains("Chrome/") || ua.contains("Chromium/") {
        "Chrome"
    } else if ua.contains("Safari/") {
        "Safari"
    } else {
        "?"
    };
    let system = if ua.contains("Android") {
        "Android"
    } else if ua.contains("iPhone") || ua.contains("iPad") {
        "iOS"
    } else if ua.contains("CrOS") {
        "ChromeOS"
    } else if ua.contains("Windows") {
        "Windows"
    } else if ua.contains("Mac OS X") {
        "macOS"
    } else if ua.contains("Linux") {
        "Linux"
    } else {
        "?"
    };
    format!("{browser} · {system}")
}

#[cfg(feature = "server")]
pub use store::*;

#[cfg(feature = "server")]
mod store {
    use super::SessionView;
    use crate::db::{now_unix, Db};
    use crate::identity::AccountId;
    use sha2::{Digest, Sha256};
    use sqlx::Row;

    /// The stored key of a session id: its SHA-256, so a copy of the table hands out no cookie.
    pub fn session_key(session_id: &str) -> String {
        hex::encode(Sha256::digest(session_id.as_bytes()))
    }

    /// The account's live sessions, most recently used first.
    #[tracing::instrument(name = "sessions.list", skip(db, current_key))]
    pub async fn list_for_account(
        db: &Db,
        account: AccountId,
        idle_secs: i64,
        current_key: Option<&str>,
    ) -> Result<Vec<SessionView>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT id, data, expires_at FROM sessions
             WHERE account_id = $1 AND expires_at > $2 ORDER BY expires_at DESC",
        )
        .bind(account.get())
        .bind(now_unix())
        .fetch_all(db.pool())
        .await?;
        let mut sessions = Vec::with_capacity(rows.len());
        for row in &rows {
            let key: String = row.try_get("id")?;
            let data: String = row.try_get("data")?;
            let expires_at: i64 = row.try_get("expires_at")?;
            let data: serde_json::Value = serde_json::from_str(&data).unwrap_or_default();
            sessions.push(SessionView {
                current: current_key == Some(key.as_str()),
                key,
                device: data
                    .get("device")
                    .and_then(|d| d.as_str())
                    .unwrap_or("?")
                    .to_owned(),
                signed_in_at: data
                    .get("signed_in_at")
                    .and_then(|v| v.as_i64())
                    .unwrap_or(0),
                last_seen: expires_at - idle_secs,
            });
        }
        Ok(sessions)
    }

    /// Ends one of the account's sessions. Another account's session is never touched: the
    /// owner check is in the statement itself.
    #[tracing::instrument(name = "sessions.delete_one", skip(db, key))]
    pub async fn delete_one(db: &Db, account: AccountId, key: &str) -> Result<bool, sqlx::Error> {
        let done = sqlx::query("DELETE FROM sessions WHERE id = $1 AND account_id = $2")
            .bind(key)
            .bind(account.get())
            .execute(db.pool())
            .await?;
        Ok(done.rows_affected() == 1)
    }
}

#[cfg(test)]
mod tests {
    use super::describe_user_agent;

    #[test]
    fn common_devices_are_recognised() {
        for (ua, expected) in [
            ("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36", "Chrome · Android"),
            ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1", "Safari · iOS"),
            ("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0", "Firefox · Windows"),
            ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0", "Edge · Windows"),
            ("Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36", "Chrome · ChromeOS"),
            ("curl/8.0", "? · ?"),
        ] {
            assert_eq!(describe_user_agent(ua), expected, "{ua}");
        }
    }
}
