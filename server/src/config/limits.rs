//! `[limits]`: what one client, one account or the whole server may hold at once, and for how
//! long (`Leptos.toml` says each, with its default).

use super::positive_seconds;
use serde::Deserialize;
use std::num::{NonZeroU32, NonZeroU64};
use std::time::Duration;

#[derive(Debug, Clone, Deserialize)]
pub struct LimitSettings {
    pub sign_in_per_address_per_minute: NonZeroU32,
    pub sign_in_per_account_per_minute: NonZeroU32,
    /// Bytes of server-function bodies held in memory at once, all requests together; a body
    /// that does not fit within a few seconds is answered 503 with Retry-After.
    #[serde(default = "default_body_bytes_in_flight")]
    pub body_bytes_in_flight: NonZeroU64,
    /// The share of that budget one signed-in account may hold (at least one vault import):
    /// its bodies beyond wait on its own share, not on everyone's.
    #[serde(default = "default_body_bytes_per_account")]
    pub body_bytes_per_account: NonZeroU64,
    /// The share one address may hold before sign-in (at least one anonymous body).
    #[serde(default = "default_body_bytes_per_address")]
    pub body_bytes_per_address: NonZeroU64,
    /// How long a body may keep its server waiting: before its first byte, and behind the
    /// minimum rate after it. Past it, 408 and its share given back.
    #[serde(
        rename = "body_stall_seconds",
        default = "default_body_stall",
        deserialize_with = "positive_seconds"
    )]
    pub body_stall: Duration,
    /// The slowest a body may come, in bytes per second (after `body_stall_seconds`).
    #[serde(default = "default_body_min_bytes_per_second")]
    pub body_min_bytes_per_second: NonZeroU32,
    /// How long a connection may take to send a request's headers; past it, hyper closes it
    /// (a client trickling its headers holds nothing for long).
    #[serde(
        rename = "header_read_seconds",
        default = "default_header_read",
        deserialize_with = "positive_seconds"
    )]
    pub header_read: Duration,
    /// Evidence files sent at once through one shared link (`/partage/…`), and to one address
    /// through any; beyond, 503 with Retry-After.
    #[serde(default = "default_shared_downloads_per_link")]
    pub shared_downloads_per_link: NonZeroU32,
    #[serde(default = "default_shared_downloads_per_address")]
    pub shared_downloads_per_address: NonZeroU32,
    /// The longest a page may take to render (`http::deadline`); past it, 503 with Retry-After.
    #[serde(
        rename = "render_deadline_seconds",
        default = "default_render_deadline",
        deserialize_with = "positive_seconds"
    )]
    pub render_deadline: Duration,
}

fn default_render_deadline() -> Duration {
    Duration::from_secs(10)
}

fn default_body_bytes_in_flight() -> NonZeroU64 {
    NonZeroU64::new(64 * 1024 * 1024).expect("not zero")
}

fn default_body_bytes_per_account() -> NonZeroU64 {
    NonZeroU64::new(16 * 1024 * 1024).expect("not zero")
}

fn default_body_bytes_per_address() -> NonZeroU64 {
    NonZeroU64::new(1024 * 1024).expect("not zero")
}

fn default_body_stall() -> Duration {
    Duration::from_secs(10)
}

fn default_header_read() -> Duration {
    Duration::from_secs(10)
}

fn default_shared_downloads_per_link() -> NonZeroU32 {
    NonZeroU32::new(16).expect("not zero")
}

fn default_shared_downloads_per_address() -> NonZeroU32 {
    NonZeroU32::new(64).expect("not zero")
}

fn default_body_min_bytes_per_second() -> NonZeroU32 {
    NonZeroU32::new(8 * 1024).expect("not zero")
}
