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

/// A request's path as logs may show it: a secret link's token is a password (whoever has it
/// reads the page), so `/partage/<token>/…` is logged as `/partage/…/…`.
pub fn loggable_path(path: &str) -> std::borrow::Cow<'_, str> {
    match path.strip_prefix("/partage/") {
        Some(rest) => {
            let after_token = rest.find('/').map_or("", |i| &rest[i..]);
            format!("/partage/…{after_token}").into()
        }
        None => path.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::loggable_path;

    #[test]
    fn share_tokens_never_reach_the_logs() {
        let token = "aBcD0123456789_-aBcD0123456789_-aBcD012345";
        assert_eq!(loggable_path(&format!("/partage/{token}")), "/partage/…");
        assert_eq!(
            loggable_path(&format!("/partage/{token}/preuves/7")),
            "/partage/…/preuves/7"
        );
        assert_eq!(loggable_path("/portfolio/pages/3"), "/portfolio/pages/3");
    }
}
