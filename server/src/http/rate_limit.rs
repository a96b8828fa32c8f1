//! Rate limits on the sign-in endpoints: per client address (middleware) and per account
//! (checked in the handlers once the account is known). Fixed one-minute windows kept in
//! memory: each app server limits on its own, which bounds a burst per instance; that is the
//! purpose here (slowing guessing and retry storms), not exact global accounting.

use axum::extract::{ConnectInfo, Request, State};
use axum::http::header::{CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const WINDOW: Duration = Duration::from_secs(60);
/// Past this many tracked keys, stale windows are swept on the next check.
const SWEEP_ABOVE: usize = 10_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Requests to `/auth/*` from one client address.
    Address,
    /// Sign-ins of one account, whatever the address.
    Account,
}

#[derive(Debug)]
struct Window {
    started: Instant,
    count: u32,
}

#[derive(Debug, Clone)]
pub struct RateLimiter {
    per_address: u32,
    per_account: u32,
    windows: Arc<Mutex<HashMap<(Scope, String), Window>>>,
}

/// How long to wait before trying again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryAfter(pub u64);

impl RateLimiter {
    pub fn new(per_address_per_minute: u32, per_account_per_minute: u32) -> RateLimiter {
        RateLimiter {
            per_address: per_address_per_minute,
            per_account: per_account_per_minute,
            windows: Arc::new(Mutex::new(HashMap::new())),
        }
    }

    pub fn check(&self, scope: Scope, key: &str) -> Result<(), RetryAfter> {
        self.check_at(scope, key, Instant::now())
    }

    fn check_at(&self, scope: Scope, key: &str, now: Instant) -> Result<(), RetryAfter> {
        let limit = match scope {
            Scope::Address => self.per_address,
            Scope::Account => self.per_account,
        };
        // A poisoned lock only means another request panicked mid-update; the counts are
        // still usable.
        let mut windows = self.windows.lock().unwrap_or_else(|p| p.into_inner());
        if windows.len() > SWEEP_ABOVE {
            windows.retain(|_, w| now.duration_since(w.started) < WINDOW);
        }
        let window = windows.entry((scope, key.to_owned())).or_insert(Window {
            started: now,
            count: 0,
        });
        if now.duration_since(window.started) >= WINDOW {
            *window = Window {
                started: now,
                count: 0,
            };
        }
        if window.count >= limit {
            let left = WINDOW.saturating_sub(now.duration_since(window.started));
            return Err(RetryAfter(left.as_secs().max(1)));
        }
        window.count += 1;
        Ok(())
    }
}

/// The answer past a limit: 429, `Retry-After`, and a page in French and English.
pub fn too_many(retry: RetryAfter) -> Response {
    let body = format!(
        "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Trop de tentatives · Sillage</title></head><body><main>\
         <h1>Trop de tentatives</h1>\
         <p>Trop de tentatives de connexion en peu de temps. Réessayez dans {s} secondes.</p>\
         <p lang=\"en\">Too many sign-in attempts in a short time. Try again in {s} seconds.</p>\
         <p><a href=\"/connexion\">Connexion / Sign in</a></p></main></body></html>",
        s = retry.0
    );
    let mut response = (StatusCode::TOO_MANY_REQUESTS, body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    if let Ok(value) = HeaderValue::from_str(&retry.0.to_string()) {
        headers.insert(RETRY_AFTER, value);
    }
    response
}

/// The client's address: the connection's peer, or the first `X-Forwarded-For` hop when the
/// portal runs behind a proxy it trusts (`site.trust_forwarded_for`).
fn client_address(request: &Request, trust_forwarded_for: bool) -> Option<IpAddr> {
    if trust_forwarded_for {
        let forwarded = request
            .headers()
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .and_then(|ip| ip.trim().parse().ok());
        if forwarded.is_some() {
            return forwarded;
        }
    }
    request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip())
}

#[derive(Debug, Clone)]
pub struct AddressLimit {
    pub limiter: RateLimiter,
    pub trust_forwarded_for: bool,
}

pub async fn limit_by_address(
    State(limit): State<AddressLimit>,
    request: Request,
    next: Next,
) -> Response {
    if let Some(address) = client_address(&request, limit.trust_forwarded_for) {
        if let Err(retry) = limit.limiter.check(Scope::Address, &address.to_string()) {
            tracing::warn!(%address, retry_after = retry.0, "sign-in rate limit reached");
            return too_many(retry);
        }
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_allows_its_limit_then_refuses_until_it_ends() {
        let limiter = RateLimiter::new(3, 2);
        let start = Instant::now();
        for _ in 0..3 {
            assert!(limiter.check_at(Scope::Address, "10.0.0.1", start).is_ok());
        }
        let refused = limiter.check_at(Scope::Address, "10.0.0.1", start + Duration::from_secs(20));
        assert_eq!(refused, Err(RetryAfter(40)));
        // Another address and another scope have their own counts.
        assert!(limiter.check_at(Scope::Address, "10.0.0.2", start).is_ok());
        assert!(limiter.check_at(Scope::Account, "10.0.0.1", start).is_ok());
        // A new window starts afresh.
        assert!(limiter
            .check_at(Scope::Address, "10.0.0.1", start + WINDOW)
            .is_ok());
    }

    #[test]
    fn accounts_have_their_own_limit() {
        let limiter = RateLimiter::new(100, 2);
        let now = Instant::now();
        assert!(limiter.check_at(Scope::Account, "a", now).is_ok());
        assert!(limiter.check_at(Scope::Account, "a", now).is_ok());
        assert!(limiter.check_at(Scope::Account, "a", now).is_err());
    }
}
