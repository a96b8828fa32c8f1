//! The database handle: one pool, on SQLite (the embedded default) or PostgreSQL (production).
//!
//! Queries go through sqlx's `Any` driver with `$1` placeholders, which both engines accept, so
//! every service has one implementation; each engine has its own migration folder with the same
//! file names (see `migrations/README.md`).

use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::migrate::Migrator;
use sqlx::AnyPool;
use std::path::Path;
use std::time::Duration;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/postgres");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn from_url(url: &str) -> Result<Backend, DbError> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            Err(DbError::UnsupportedUrl)
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("the database URL must start with sqlite: or postgres:// (l'URL de base de données doit commencer par sqlite: ou postgres://)")]
    UnsupportedUrl,
    #[error("could not create the database folder {path}: {source}")]
    CreateDir {
        path: String,
        source: std::io::Error,
    },
    #[error("could not connect to the database: {0}")]
    Connect(#[source] sqlx::Error),
    #[error("could not migrate the database: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

#[derive(Debug, Clone)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
}

/// A connection that sat in the pool at least this long is pinged before it is handed out; one
/// used a moment ago is not.
///
/// sqlx pings every connection when it goes back to the pool (to flush what a cancelled query
/// left) and, by default, again when it is taken: with one query per acquire that is three round
/// trips for one answer (14.6 % of the server's CPU samples on `/` with PostgreSQL). The ping on
/// acquire is there for a connection the database ended while it was idle (a restart, an
/// operator's `pg_terminate_backend`, a proxy's idle timeout): that takes an idle connection, not
/// one that came back a millisecond ago.
pub const PING_IF_IDLE_FOR: Duration = Duration::from_secs(1);

/// Whether a connection idle for `idle_for` is pinged before use (see [`PING_IF_IDLE_FOR`]).
fn needs_ping(idle_for: Duration, threshold: Duration) -> bool {
    idle_for >= threshold
}

impl Db {
    /// Connects (creating a SQLite file and its folder on first run); does not migrate.
    pub async fn connect(url: &str, max_connections: u32) -> Result<Db, DbError> {
        Db::connect_pinging_after(url, max_connections, PING_IF_IDLE_FOR).await
    }

    /// [`Db::connect`], with the idle time after which a connection is pinged before use (tests
    /// set it to zero or an hour to see both sides).
    #[tracing::instrument(name = "db.connect", skip(url), fields(backend))]
    pub async fn connect_pinging_after(
        url: &str,
        max_connections: u32,
        ping_if_idle_for: Duration,
    ) -> Result<Db, DbError> {
        sqlx::any::install_default_drivers();
        let backend = Backend::from_url(url)?;
        tracing::Span::current().record("backend", tracing::field::debug(backend));
        let url = match backend {
            Backend::Sqlite => prepare_sqlite_url(url)?,
            Backend::Postgres => url.to_owned(),
        };
        let pool = AnyPoolOptions::new()
            .max_connections(max_connections.max(1))
            .acquire_timeout(Duration::from_secs(5))
            .test_before_acquire(false)
            .before_acquire(move |conn, meta| {
                Box::pin(async move {
                    if needs_ping(meta.idle_for, ping_if_idle_for) {
                        sqlx::Connection::ping(conn).await?;
                    }
                    Ok(true)
                })
            })
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL lets readers proceed while one writer commits; foreign keys are off
                        // by default in SQLite and our cascades depend on them.
                        sqlx::query("PRAGMA journal_mode = WAL")
                            .execute(&mut *conn)
                            .await?;
                        sqlx::query("PRAGMA foreign_keys = ON")
                            .execute(&mut *conn)
                            .await?;
                        sqlx::query("PRAGMA busy_timeout = 5000")
                            .execute(&mut *conn)
                            .await?;
                    } else {
                        // Nothing waits forever on PostgreSQL: a request that waits for a row
                        // lock (the journal's head) gives up after 10 s, and a transaction left
                        // open by a request dropped mid-way (the client went away, a page's
                        // resource was cancelled) is ended by the server within 15 s, its
                        // locks given back. PostgreSQL's defaults are "forever" for both.
                        sqlx::query("SET lock_timeout = '10s'")
                            .execute(&mut *conn)
                            .await?;
                        sqlx::query("SET idle_in_transaction_session_timeout = '15s'")
                            .execute(&mut *conn)
                            .await?;
                    }
                    Ok(())
                })
            })
            .connect(&url)
            .await
            .map_err(DbError::Connect)?;
        Ok(Db { pool, backend })
    }

    #[tracing::instrument(name = "db.migrate", skip(self))]
    pub async fn migrate(&self) -> Result<(), DbError> {
        match self.backend {
            Backend::Sqlite => SQLITE_MIGRATIONS.run(&self.pool).await?,
            Backend::Postgres => POSTGRES_MIGRATIONS.run(&self.pool).await?,
        }
        Ok(())
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// For `/healthz`: a round trip to the database.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        let _: AnyRow = sqlx::query("SELECT 1").fetch_one(&self.pool).await?;
        Ok(())
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// `sqlite://data/sillage.db` → creates `data/` and asks SQLite to create the file.
fn prepare_sqlite_url(url: &str) -> Result<String, DbError> {
    let rest = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:");
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if path != ":memory:" && !path.is_empty() {
        if let Some(dir) = Path::new(path)
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
        {
            std::fs::create_dir_all(dir).map_err(|source| DbError::CreateDir {
                path: dir.display().to_string(),
                source,
            })?;
        }
    }
    let mut url = format!("sqlite://{path}");
    let mut params: Vec<&str> = query.split('&').filter(|p| !p.is_empty()).collect();
    if !params.iter().any(|p| p.starts_with("mode=")) {
        params.push("mode=rwc");
    }
    url.push('?');
    url.push_str(&params.join("&"));
    Ok(url)
}

/// Seconds since the Unix epoch: every stored time is one of these.
/// `($1, $2), ($3, $4)` for a multi-row `INSERT … VALUES` of `rows` rows of `columns` values
/// (callers keep `rows × columns` under both engines' limit on bound parameters).
pub fn values_placeholders(rows: usize, columns: usize) -> String {
    (0..rows)
        .map(|row| {
            let values: Vec<String> = (1..=columns)
                .map(|column| format!("${}", row * columns + column))
                .collect();
            format!("({})", values.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn now_unix() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_number_every_value_row_by_row() {
        assert_eq!(values_placeholders(2, 3), "($1, $2, $3), ($4, $5, $6)");
        assert_eq!(values_placeholders(1, 1), "($1)");
    }

    #[test]
    fn only_a_connection_idle_long_enough_is_pinged() {
        let second = Duration::from_secs(1);
        assert!(!needs_ping(Duration::from_millis(3), second));
        assert!(!needs_ping(Duration::from_millis(999), second));
        assert!(needs_ping(second, second));
        assert!(needs_ping(Duration::from_secs(600), second));
        // A threshold of zero pings every time, as sqlx's default did.
        assert!(needs_ping(Duration::ZERO, Duration::ZERO));
    }

    #[test]
    fn backend_from_url() {
        assert_eq!(Backend::from_url("sqlite://x.db").unwrap(), Backend::Sqlite);
        assert_eq!(Backend::from_url("sqlite:x.db").unwrap(), Backend::Sqlite);
        assert_eq!(
            Backend::from_url("postgres://h/db").unwrap(),
            Backend::Postgres
        );
        assert!(Backend::from_url("mysql://h/db").is_err());
    }

    #[test]
    fn sqlite_url_gets_create_mode() {
        let dir = std::env::temp_dir().join(format!("sillage-db-url-{}", std::process::id()));
        let url = format!("sqlite://{}/a.db", dir.display());
        let prepared = prepare_sqlite_url(&url).unwrap();
        assert!(prepared.ends_with("/a.db?mode=rwc"), "{prepared}");
        assert!(dir.is_dir());
        assert!(prepare_sqlite_url("sqlite::memory:?mode=memory")
            .unwrap()
            .ends_with("?mode=memory"));
        std::fs::remove_dir_all(dir).unwrap();
    }
}
