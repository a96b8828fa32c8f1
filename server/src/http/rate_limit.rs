//! Rate limits on the sign-in endpoints: per client address (middleware) and per account
//! (checked in the handlers once the account is known). Fixed one-minute windows kept in
//! memory: each app server limits on its own, which bounds a burst per instance; that is the
//! purpose here (slowing guessing and retry storms), not exact global accounting.

use axum::extract::{ConnectInfo, Request, State};
use axum::http::header::{CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use ipnet::IpNet;
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const WINDOW: Duration = Duration::from_secs(60);
/// Past this many tracked keys, stale windows are swept on the next check.
const SWEEP_ABOVE: usize = 10_000;
/// The table never holds more keys than this (about 10 MB): past it, after a sweep, the
/// oldest window makes room. Addresses spoofed by the million cannot grow it without end.
const MAX_KEYS: usize = 100_000;

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
    windows: Arc<Mutex<Windows>>,
}

#[derive(Debug, Default)]
struct Windows {
    by_key: HashMap<(Scope, String), Window>,
    /// Sweeps happen at most once a window: a table full of live keys is not rescanned on
    /// every request.
    last_sweep: Option<Instant>,
}

/// How long to wait before trying again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryAfter(pub u64);

impl RateLimiter {
    pub fn new(per_address_per_minute: u32, per_account_per_minute: u32) -> RateLimiter {
        RateLimiter {
            per_address: per_address_per_minute,
            per_account: per_account_per_minute,
            windows: Arc::new(Mutex::new(Windows::default())),
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
        let mut table = self.windows.lock().unwrap_or_else(|p| p.into_inner());
        let due = table
            .last_sweep
            .is_none_or(|at| now.duration_since(at) >= WINDOW);
        if table.by_key.len() > SWEEP_ABOVE && due {
            table
                .by_key
                .retain(|_, w| now.duration_since(w.started) < WINDOW);
            table.last_sweep = Some(now);
        }
        let windows = &mut table.by_key;
        let key = (scope, key.to_owned());
        while windows.len() >= MAX_KEYS && !windows.contains_key(&key) {
            let oldest = windows
                .iter()
                .min_by_key(|(_, w)| w.started)
                .map(|(k, _)| k.clone());
            match oldest {
                Some(oldest) => windows.remove(&oldest),
                None => break,
            };
        }
        let window = windows.entry(key).or_insert(Window {
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

/// The client's address. A request from a trusted proxy carries the chain of hops in
/// `X-Forwarded-For`, each proxy appending the address it received from: the client is the
/// right-most hop that is not a trusted proxy (anything to its left was written by the client,
/// and is not believed). A request from anywhere else is its connection's address.
pub(crate) fn client_address(request: &Request, trusted: &[IpNet]) -> Option<IpAddr> {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip())?;
    Some(client_behind(peer, request.headers(), trusted))
}

fn client_behind(peer: IpAddr, headers: &axum::http::HeaderMap, trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    let hops: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .map(|v| v.to_str().unwrap_or(""))
        .flat_map(|v| v.split(','))
        .collect();
    // From the right (the nearest proxy's writing) to the first hop that is not a trusted
    // proxy. A hop that is not an address stops the walk: what lies to its left was not
    // written by a trusted proxy and is not believed, so the client is the last hop known.
    let mut client = peer;
    for hop in hops.into_iter().rev() {
        match hop.trim().parse::<IpAddr>() {
            Ok(hop) if is_trusted(&hop) => client = hop,
            Ok(hop) => return hop,
            Err(_) => return client,
        }
    }
    client
}

/// The key an address is limited under: an IPv6 client controls a whole /64 (one address per
/// request costs it nothing), so its /64 is one key.
pub(crate) fn limit_key(address: IpAddr) -> String {
    match address {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

#[derive(Debug, Clone)]
pub struct AddressLimit {
    pub limiter: RateLimiter,
    pub trusted_proxies: Arc<Vec<IpNet>>,
}

pub async fn limit_by_address(
    State(limit): State<AddressLimit>,
    request: Request,
    next: Next,
) -> Response {
    if let Some(address) = client_address(&request, &limit.trusted_proxies) {
        if let Err(retry) = limit.limiter.check(Scope::Address, &limit_key(address)) {
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

    fn forwarded(chain: &str) -> axum::http::HeaderMap {
        let mut headers = axum::http::HeaderMap::new();
        headers.insert("x-forwarded-for", chain.parse().unwrap());
        headers
    }

    #[test]
    fn the_client_is_the_right_most_hop_that_is_not_a_trusted_proxy() {
        let trusted: Vec<IpNet> = vec!["10.0.0.0/8".parse().unwrap()];
        let proxy: IpAddr = "10.0.0.2".parse().unwrap();
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        // The client wrote "1.2.3.4" itself; the proxy appended what it saw.
        assert_eq!(
            client_behind(proxy, &forwarded("1.2.3.4, 203.0.113.9"), &trusted),
            ip("203.0.113.9")
        );
        // Two proxies in a row.
        assert_eq!(
            client_behind(proxy, &forwarded("203.0.113.9, 10.0.0.7"), &trusted),
            ip("203.0.113.9")
        );
        // From an untrusted peer the header is ignored.
        let outsider = ip("198.51.100.1");
        assert_eq!(
            client_behind(outsider, &forwarded("1.2.3.4"), &trusted),
            outsider
        );
        // No proxies configured: never believed.
        assert_eq!(client_behind(proxy, &forwarded("1.2.3.4"), &[]), proxy);
        // A header that does not parse: the proxy itself.
        assert_eq!(client_behind(proxy, &forwarded("garbage"), &trusted), proxy);
        // A hop that is not an address stops the walk: the client cannot choose its key by
        // writing one before an address of its choice (issue 29, § 6).
        assert_eq!(
            client_behind(proxy, &forwarded("6.6.6.6, garbage, 203.0.113.9"), &trusted),
            "203.0.113.9".parse::<IpAddr>().unwrap()
        );
        assert_eq!(
            client_behind(proxy, &forwarded("6.6.6.6, garbage, 10.0.0.7"), &trusted),
            "10.0.0.7".parse::<IpAddr>().unwrap()
        );
    }

    #[test]
    fn ipv6_clients_are_limited_per_64() {
        let a = limit_key("2001:db8:1:2:aaaa::1".parse().unwrap());
        let b = limit_key("2001:db8:1:2:bbbb::9".parse().unwrap());
        let other = limit_key("2001:db8:1:3::1".parse().unwrap());
        assert_eq!(a, b);
        assert_ne!(a, other);
        assert_eq!(limit_key("::ffff:192.0.2.1".parse().unwrap()), "192.0.2.1");
    }

    #[test]
    fn the_table_stays_bounded() {
        let limiter = RateLimiter::new(5, 5);
        let now = Instant::now();
        for i in 0..(MAX_KEYS + 50) {
            assert!(limiter
                .check_at(Scope::Address, &i.to_string(), now)
                .is_ok());
        }
        assert!(limiter.windows.lock().unwrap().by_key.len() <= MAX_KEYS);
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
