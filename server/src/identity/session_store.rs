//! Server-side sessions in our own database (SQLite or PostgreSQL through the `Any` pool).
//!
//! The table keys rows on the SHA-256 of the session id, so a copy of the database does not
//! hand out live cookies. The signed-in account is copied to its own column so that "sign out
//! everywhere" is one indexed `DELETE`.

use app::ssr::{SESSION_ACCOUNT_ID, SESSION_ACCOUNT_SNAPSHOT};
use async_trait::async_trait;
use domain::db::{now_unix, Db};
use domain::identity::sessions::session_key;
use domain::identity::store;
use sqlx::Row;
use std::collections::HashMap;
use time::OffsetDateTime;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};

#[derive(Debug, Clone)]
pub struct DbSessionStore {
    db: Db,
    /// A session unused this long is over, whatever its cookie says (a cookie that ends with
    /// the browser gives tower-sessions no deadline of its own).
    idle_secs: i64,
}

fn key(id: &Id) -> String {
    session_key(&id.to_string())
}

fn backend(e: impl std::fmt::Display) -> session_store::Error {
    session_store::Error::Backend(e.to_string())
}

/// The session's data as stored: everything but the account read with it (the snapshot is of
/// this request only; the next one reads the account afresh).
fn stored_data(record: &Record) -> session_store::Result<String> {
    let kept: HashMap<&str, &serde_json::Value> = record
        .data
        .iter()
        .filter(|(key, _)| key.as_str() != SESSION_ACCOUNT_SNAPSHOT)
        .map(|(key, value)| (key.as_str(), value))
        .collect();
    serde_json::to_string(&kept).map_err(backend)
}

fn account_of(record: &Record) -> Option<i64> {
    record.data.get(SESSION_ACCOUNT_ID).and_then(|v| v.as_i64())
}

impl DbSessionStore {
    pub fn new(db: Db, idle_secs: i64) -> DbSessionStore {
        DbSessionStore { db, idle_secs }
    }

    /// When a session saved now ends on the server: its idle deadline.
    fn expires_at(&self, record: &Record) -> i64 {
        record
            .expiry_date
            .unix_timestamp()
            .min(now_unix() + self.idle_secs)
    }

    /// Ends every session of an account ("sign out everywhere"). Returns how many ended.
    #[tracing::instrument(name = "sessions.delete_for_account", skip(self))]
    pub async fn delete_for_account(&self, account_id: i64) -> Result<u64, sqlx::Error> {
        let done = sqlx::query("DELETE FROM sessions WHERE account_id = $1")
            .bind(account_id)
            .execute(self.db.pool())
            .await?;
        Ok(done.rows_affected())
    }

    /// Removes expired rows; run periodically.
    pub async fn delete_expired(&self) -> Result<u64, sqlx::Error> {
        let done = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(now_unix())
            .execute(self.db.pool())
            .await?;
        Ok(done.rows_affected())
    }

    pub async fn count_for_account(&self, account_id: i64) -> Result<i64, sqlx::Error> {
        let row = sqlx::query(
            "SELECT COUNT(*) AS n FROM sessions WHERE account_id = $1 AND expires_at > $2",
        )
        .bind(account_id)
        .bind(now_unix())
        .fetch_one(self.db.pool())
        .await?;
        row.try_get("n")
    }
}

#[async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        // A fresh random id collides with an existing one with negligible probability; when it
        // does, draw again rather than overwrite someone's session.
        loop {
            let data = stored_data(record)?;
            let inserted = sqlx::query(
                "INSERT INTO sessions (id, account_id, data, expires_at) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (id) DO NOTHING",
            )
            .bind(key(&record.id))
            .bind(account_of(record))
            .bind(data)
            .bind(self.expires_at(record))
            .execute(self.db.pool())
            .await
            .map_err(backend)?;
            if inserted.rows_affected() == 1 {
                return Ok(());
            }
            record.id = Id::default();
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let data = stored_data(record)?;
        sqlx::query(
            "INSERT INTO sessions (id, account_id, data, expires_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (id) DO UPDATE SET account_id = excluded.account_id,
                 data = excluded.data, expires_at = excluded.expires_at",
        )
        .bind(key(&record.id))
        .bind(account_of(record))
        .bind(data)
        .bind(self.expires_at(record))
        .execute(self.db.pool())
        .await
        .map_err(backend)?;
        Ok(())
    }

    /// Reads the session and its account in one statement; the account travels in the record
    /// under [`SESSION_ACCOUNT_SNAPSHOT`] for `app::ssr::SignedIn`, and is never written
    /// back ([`stored_data`]).
    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let Some(stored) = store::find_session(&self.db, &key(id), now_unix())
            .await
            .map_err(backend)?
        else {
            return Ok(None);
        };
        let mut data: HashMap<String, serde_json::Value> = serde_json::from_str(&stored.data)
            .map_err(|e| session_store::Error::Decode(e.to_string()))?;
        if let Some(account) = stored.account {
            data.insert(
                SESSION_ACCOUNT_SNAPSHOT.to_owned(),
                serde_json::to_value(account).map_err(backend)?,
            );
        }
        Ok(Some(Record {
            id: *id,
            data,
            expiry_date: OffsetDateTime::from_unix_timestamp(stored.expires_at).map_err(backend)?,
        }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        sqlx::query("DELETE FROM sessions WHERE id = $1")
            .bind(key(id))
            .execute(self.db.pool())
            .await
            .map_err(backend)?;
        Ok(())
    }
}

/// How often a signed-in session's idle deadline is pushed back: at most one write a minute
/// per session, however many requests it makes.
const TOUCH_EVERY_SECS: i64 = 60;

/// Keeps a signed-in session alive while it is used (the idle timeout counts from the last
/// request, not from the sign-in), and gives the cookie of a person who asked to stay signed
/// in a lifetime of its own; every other session cookie ends with the browser (a shared
/// computer at school forgets it when it is closed).
pub async fn keep_alive(
    axum::extract::State(idle): axum::extract::State<time::Duration>,
    session: tower_sessions::Session,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use app::ssr::{SESSION_STAY, SESSION_TOUCHED_AT};
    // Static files (the WASM, styles) are not a use of the session: no read for them.
    let path = request.uri().path();
    if path.starts_with("/pkg/") || path == "/favicon.ico" || path == "/robots.txt" {
        return next.run(request).await;
    }
    let response = next.run(request).await;
    if !matches!(session.get::<i64>(SESSION_ACCOUNT_ID).await, Ok(Some(_))) {
        return response;
    }
    let now = now_unix();
    let touched = session
        .get::<i64>(SESSION_TOUCHED_AT)
        .await
        .ok()
        .flatten()
        .unwrap_or(0);
    if now - touched >= TOUCH_EVERY_SECS {
        if let Err(error) = session.insert(SESSION_TOUCHED_AT, now).await {
            tracing::warn!(%error, "could not push the session's idle deadline back");
        }
    }
    let stays = matches!(session.get::<bool>(SESSION_STAY).await, Ok(Some(true)));
    if stays && session.is_modified() {
        session.set_expiry(Some(tower_sessions::Expiry::OnInactivity(idle)));
    }
    response
}
