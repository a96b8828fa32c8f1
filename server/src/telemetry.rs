//! Structured logs: JSON lines in production (`SILLAGE_LOG_FORMAT=json`), readable text in a
//! terminal; level from `RUST_LOG` (default `info`). Every request runs in a span carrying its
//! request id, so every line a request causes can be found with it.

use tracing_subscriber::{fmt, EnvFilter};

pub fn init() {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_sessions=warn"));
    let json = std::env::var("SILLAGE_LOG_FORMAT").is_ok_and(|f| f.eq_ignore_ascii_case("json"));
    let builder = fmt().with_env_filter(filter).with_target(true);
    // `try_init`: tests start several servers in one process; the first one wins.
    let _ = if json {
        builder.json().with_current_span(true).try_init()
    } else {
        builder.compact().try_init()
    };
}
