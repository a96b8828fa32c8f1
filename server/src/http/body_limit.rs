//! Caps on the bodies of server functions. Leptos reads a server function's whole body before
//! calling it, with no limit of its own: without these, one request (or many at once) could
//! make the server buffer gigabytes, or hold its memory budget by sending nothing.
//!
//! - Who asks comes first: the session is read before a byte of the body, and a caller who is
//!   not signed in gets a form's worth ([`ANONYMOUS_MAX_BYTES`]); a signed-in one 2 MiB, and the
//!   vault's import (many envelopes) 16 MiB.
//! - All bodies together stay within a budget of bytes in flight ([`BodyBudget`]): a body
//!   reserves its size (declared, or its cap when it declares none) before it is read, and gives
//!   it back when its answer is made. One that cannot reserve within [`BUDGET_WAIT`] is answered
//!   503 with `Retry-After`.
//! - Each caller (a signed-in account, else an address) reserves from **its own share** first:
//!   one person's stalled bodies wait on their share, and the rest of the budget stays for
//!   everyone else.
//! - A body must **keep coming** ([`Pace`]): it may stall `body_stall_seconds`, then must arrive
//!   at `body_min_bytes_per_second`; one that falls behind is cut with 408 and its bytes given
//!   back at once.

use crate::http::rate_limit::{client_address, limit_key};
use app::error::refusal;
use app::i18n::catalogue::RefusalsTexts;
use app::ssr::SESSION_ACCOUNT_ID;
use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tower_sessions::Session;

/// Before sign-in: the few public functions (sign-in options, a shared page) take small forms.
pub const ANONYMOUS_MAX_BYTES: usize = 64 * 1024;
/// Every server function but the vault's import: a form's worth.
pub const SERVER_FN_MAX_BYTES: usize = 2 * 1024 * 1024;
/// The vault's import: up to 5,000 envelopes of a few kilobytes each.
pub const VAULT_IMPORT_MAX_BYTES: usize = 16 * 1024 * 1024;
/// How long a body waits for room in its share and in the budget before it is refused.
pub const BUDGET_WAIT: Duration = Duration::from_secs(3);

/// How fast a body must come: it may stall `stall`, then must keep up with `min_rate` bytes a
/// second (the byte `n` is due `stall + n / min_rate` after the request began).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pace {
    pub stall: Duration,
    pub min_rate: u32,
}

impl Pace {
    /// When the body should have sent `received` bytes, from its start.
    fn due(self, received: usize) -> Duration {
        self.stall + Duration::from_secs_f64(received as f64 / f64::from(self.min_rate.max(1)))
    }
}

/// Who a reservation is counted against.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Caller {
    Account(i64),
    /// An address's key (`rate_limit::limit_key`: an IPv6 /64 is one).
    Address(String),
}

/// The bytes of server-function bodies all requests may hold at once, and each caller's share.
#[derive(Clone, Debug)]
pub struct BodyBudget {
    bytes: Arc<Semaphore>,
    total: usize,
    per_account: usize,
    per_address: usize,
    /// Each caller with a body under way, and what their share has left.
    shares: Arc<Mutex<HashMap<Caller, Arc<Semaphore>>>>,
    pace: Pace,
    trusted_proxies: Arc<Vec<ipnet::IpNet>>,
}

/// The budget's settings (`[limits]` in `Leptos.toml`).
#[derive(Clone, Debug)]
pub struct BudgetSettings {
    pub total: u64,
    pub per_account: u64,
    pub per_address: u64,
    pub pace: Pace,
    pub trusted_proxies: Arc<Vec<ipnet::IpNet>>,
}

fn clamp(bytes: u64, at_least: usize) -> usize {
    usize::try_from(bytes)
        .unwrap_or(usize::MAX)
        .clamp(at_least, Semaphore::MAX_PERMITS)
}

impl BodyBudget {
    pub fn new(settings: BudgetSettings) -> BodyBudget {
        // A budget or share smaller than the largest body would refuse that body forever.
        let total = clamp(settings.total, VAULT_IMPORT_MAX_BYTES);
        BodyBudget {
            bytes: Arc::new(Semaphore::new(total)),
            total,
            per_account: clamp(settings.per_account, VAULT_IMPORT_MAX_BYTES).min(total),
            per_address: clamp(settings.per_address, ANONYMOUS_MAX_BYTES).min(total),
            shares: Arc::default(),
            pace: settings.pace,
            trusted_proxies: settings.trusted_proxies,
        }
    }

    /// Bytes reserved by the bodies being read or answered now.
    pub fn in_flight(&self) -> usize {
        self.total - self.bytes.available_permits()
    }

    /// The caller's share, made when their first body arrives.
    fn share_of(&self, caller: &Caller) -> Arc<Semaphore> {
        let size = match caller {
            Caller::Account(_) => self.per_account,
            Caller::Address(_) => self.per_address,
        };
        let mut shares = self
            .shares
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        shares
            .entry(caller.clone())
            .or_insert_with(|| Arc::new(Semaphore::new(size)))
            .clone()
    }

    /// Forgets a share nobody holds or waits on any more (the map would otherwise grow with
    /// every caller ever seen). Shares are only cloned under the lock: a count of one is final.
    fn tidy(&self, caller: &Caller) {
        let mut shares = self
            .shares
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if shares
            .get(caller)
            .is_some_and(|share| Arc::strong_count(share) == 1)
        {
            shares.remove(caller);
        }
    }

    /// Reserves `bytes` from the caller's share, then from the whole budget, each within
    /// [`BUDGET_WAIT`] (together).
    async fn reserve(
        &self,
        caller: &Caller,
        bytes: u32,
    ) -> Option<(OwnedSemaphorePermit, OwnedSemaphorePermit)> {
        let share = self.share_of(caller);
        let both = async {
            let own = share.acquire_many_owned(bytes).await.ok()?;
            let all = self.bytes.clone().acquire_many_owned(bytes).await.ok()?;
            Some((own, all))
        };
        tokio::time::timeout(BUDGET_WAIT, both).await.ok().flatten()
    }
}

/// The largest body `path` accepts from this caller.
pub fn limit_for(path: &str, signed_in: bool) -> usize {
    match (signed_in, path) {
        (false, _) => ANONYMOUS_MAX_BYTES,
        (true, "/api/vault/import") => VAULT_IMPORT_MAX_BYTES,
        (true, _) => SERVER_FN_MAX_BYTES,
    }
}

/// Answered the way a server function answers a bad request (`PortalError`'s JSON), in both
/// languages.
fn refused(status: StatusCode, words: fn(&RefusalsTexts) -> &'static str) -> Response {
    let message = refusal(words).to_string();
    let mut response = (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        serde_json::json!({ "BadRequest": message }).to_string(),
    )
        .into_response();
    if status == StatusCode::SERVICE_UNAVAILABLE {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, header::HeaderValue::from_static("5"));
    }
    if status == StatusCode::REQUEST_TIMEOUT {
        // The rest of the body may still come: the connection is not reused for it.
        response.headers_mut().insert(
            header::CONNECTION,
            header::HeaderValue::from_static("close"),
        );
    }
    response
}

fn too_large() -> Response {
    refused(StatusCode::PAYLOAD_TOO_LARGE, RefusalsTexts::too_large)
}

/// Why a body was not read whole.
#[derive(Debug, PartialEq, Eq)]
enum Unread {
    TooLarge,
    TooSlow,
    /// The client went away or broke the protocol mid-body.
    Broken,
}

/// Reads the body whole, at most `limit` bytes, at the pace asked.
async fn read_at_pace(mut body: Body, limit: usize, pace: Pace) -> Result<Bytes, Unread> {
    let start = tokio::time::Instant::now();
    let mut bytes = Vec::new();
    loop {
        let frame = std::future::poll_fn(|cx| std::pin::Pin::new(&mut body).poll_frame(cx));
        match tokio::time::timeout_at(start + pace.due(bytes.len()), frame).await {
            Err(_) => return Err(Unread::TooSlow),
            Ok(None) => return Ok(Bytes::from(bytes)),
            Ok(Some(Err(_))) => return Err(Unread::Broken),
            Ok(Some(Ok(frame))) => {
                if let Ok(data) = frame.into_data() {
                    if bytes.len() + data.len() > limit {
                        return Err(Unread::TooLarge);
                    }
                    bytes.extend_from_slice(&data);
                }
            }
        }
    }
}

pub async fn cap_server_fn_bodies(
    State(budget): State<BodyBudget>,
    session: Session,
    request: Request,
    next: Next,
) -> Response {
    if !request.uri().path().starts_with("/api/") {
        return next.run(request).await;
    }
    let path = request.uri().path().to_owned();
    let path = path.as_str();
    let account = session.get::<i64>(SESSION_ACCOUNT_ID).await.ok().flatten();
    let signed_in = account.is_some();
    let limit = limit_for(path, signed_in);
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|length| length > limit) {
        tracing::info!(
            path,
            signed_in,
            "server function body over its limit: refused"
        );
        return too_large();
    }
    let caller = match account {
        Some(id) => Caller::Account(id),
        None => Caller::Address(
            client_address(&request, &budget.trusted_proxies)
                .map(limit_key)
                .unwrap_or_default(),
        ),
    };
    // At least one byte, so that even empty bodies wait their turn when the budget is spent.
    let reserve = declared.unwrap_or(limit).max(1);
    let Ok(reserve) = u32::try_from(reserve) else {
        return too_large();
    };
    let Some(permits) = budget.reserve(&caller, reserve).await else {
        budget.tidy(&caller);
        tracing::warn!(
            path,
            signed_in,
            in_flight = budget.in_flight(),
            "server function bodies over the caller's share or the budget: 503"
        );
        return refused(StatusCode::SERVICE_UNAVAILABLE, RefusalsTexts::busy);
    };
    let (parts, body) = request.into_parts();
    let response = match read_at_pace(body, limit, budget.pace).await {
        Ok(bytes) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Err(Unread::TooSlow) => {
            tracing::info!(path, signed_in, "server function body too slow: cut (408)");
            refused(StatusCode::REQUEST_TIMEOUT, RefusalsTexts::too_slow)
        }
        Err(unread) => {
            tracing::info!(
                path,
                ?unread,
                "server function body over its limit, or cut short"
            );
            too_large()
        }
    };
    drop(permits);
    budget.tidy(&caller);
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn who_asks_decides_the_cap() {
        assert_eq!(limit_for("/api/viewer", false), ANONYMOUS_MAX_BYTES);
        assert_eq!(limit_for("/api/vault/import", false), ANONYMOUS_MAX_BYTES);
        assert_eq!(limit_for("/api/my_journal", true), SERVER_FN_MAX_BYTES);
        assert_eq!(limit_for("/api/vault/import", true), VAULT_IMPORT_MAX_BYTES);
    }

    fn budget(total: u64, per_account: u64, per_address: u64) -> BodyBudget {
        BodyBudget::new(BudgetSettings {
            total,
            per_account,
            per_address,
            pace: Pace {
                stall: Duration::from_millis(200),
                min_rate: 1000,
            },
            trusted_proxies: Arc::default(),
        })
    }

    #[tokio::test]
    async fn the_budget_is_given_back() {
        let budget = budget(0, 0, 0);
        assert_eq!(budget.total, VAULT_IMPORT_MAX_BYTES, "never below one body");
        assert_eq!(budget.per_account, VAULT_IMPORT_MAX_BYTES);
        assert_eq!(budget.per_address, ANONYMOUS_MAX_BYTES);
        let caller = Caller::Account(1);
        let held = budget.reserve(&caller, 1000).await.unwrap();
        assert_eq!(budget.in_flight(), 1000);
        drop(held);
        budget.tidy(&caller);
        assert_eq!(budget.in_flight(), 0);
        assert!(
            budget.shares.lock().unwrap().is_empty(),
            "a share nobody holds is forgotten"
        );
    }

    /// One caller's spent share leaves the rest of the budget to the others.
    #[tokio::test(start_paused = true)]
    async fn a_caller_waits_on_their_own_share() {
        let sixteen = VAULT_IMPORT_MAX_BYTES as u64;
        let budget = budget(4 * sixteen, sixteen, 64 * 1024);
        let pupil = Caller::Account(1);
        let held = budget.reserve(&pupil, 16 * 1024 * 1024).await.unwrap();
        // Her next body waits on her share, then is refused; nobody else's does.
        assert!(budget.reserve(&pupil, 1).await.is_none());
        assert!(budget
            .reserve(&Caller::Account(2), 16 * 1024 * 1024)
            .await
            .is_some());
        let stranger = Caller::Address("203.0.113.9".into());
        let first = budget.reserve(&stranger, 64 * 1024).await.unwrap();
        assert!(budget.reserve(&stranger, 1).await.is_none());
        assert!(budget
            .reserve(&Caller::Address("198.51.100.1".into()), 1)
            .await
            .is_some());
        drop((held, first));
        assert!(budget.reserve(&pupil, 1).await.is_some());
    }

    /// A body that sends nothing is cut after the stall; one that keeps pace is read whole;
    /// one that falls behind is cut.
    #[tokio::test(start_paused = true)]
    async fn a_body_must_keep_coming() {
        let pace = Pace {
            stall: Duration::from_secs(2),
            min_rate: 100,
        };
        let (_sender, silent) = body_channel();
        assert_eq!(read_at_pace(silent, 1000, pace).await, Err(Unread::TooSlow));

        // 100 bytes a second, as asked: 500 bytes in 5 s, read.
        let (sender, steady) = body_channel();
        tokio::spawn(async move {
            for _ in 0..5 {
                tokio::time::sleep(Duration::from_secs(1)).await;
                if sender.send(Ok(Bytes::from(vec![b'a'; 100]))).await.is_err() {
                    return;
                }
            }
        });
        assert_eq!(
            read_at_pace(steady, 1000, pace).await.map(|b| b.len()),
            Ok(500)
        );

        // 10 bytes a second: behind after the stall's slack.
        let (sender, trickle) = body_channel();
        tokio::spawn(async move {
            for _ in 0..100 {
                tokio::time::sleep(Duration::from_secs(1)).await;
                if sender.send(Ok(Bytes::from(vec![b'a'; 10]))).await.is_err() {
                    return;
                }
            }
        });
        assert_eq!(
            read_at_pace(trickle, 1000, pace).await,
            Err(Unread::TooSlow)
        );

        // Over the limit, whatever the pace.
        let (sender, large) = body_channel();
        sender
            .send(Ok(Bytes::from(vec![b'a'; 1001])))
            .await
            .unwrap();
        assert_eq!(read_at_pace(large, 1000, pace).await, Err(Unread::TooLarge));
    }

    type Chunk = Result<Bytes, std::io::Error>;

    /// A body fed from a channel: its sender decides when each chunk comes.
    fn body_channel() -> (tokio::sync::mpsc::Sender<Chunk>, Body) {
        let (sender, receiver) = tokio::sync::mpsc::channel::<Chunk>(4);
        let stream = tokio_stream::wrappers::ReceiverStream::new(receiver);
        (sender, Body::from_stream(stream))
    }
}
