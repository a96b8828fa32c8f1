//! Caps on the bodies of server functions. Leptos reads a server function's whole body before
//! calling it, with no limit of its own: without these, one request (or many at once) could
//! make the server buffer gigabytes.
//!
//! - Who asks comes first: the session is read before a byte of the body, and a caller who is
//!   not signed in gets a form's worth ([`ANONYMOUS_MAX_BYTES`]); a signed-in one 2 MiB, and the
//!   vault's import (many envelopes) 16 MiB.
//! - All bodies together stay within a budget of bytes in flight ([`BodyBudget`]): a body
//!   reserves its size (declared, or its cap when it declares none) before it is read, and gives
//!   it back when its answer is made. One that cannot reserve within [`BUDGET_WAIT`] is answered
//!   503 with `Retry-After`.

use app::error::refusal;
use app::i18n::catalogue::RefusalsTexts;
use app::ssr::SESSION_ACCOUNT_ID;
use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;
use tower_sessions::Session;

/// Before sign-in: the few public functions (sign-in options, a shared page) take small forms.
pub const ANONYMOUS_MAX_BYTES: usize = 64 * 1024;
/// Every server function but the vault's import: a form's worth.
pub const SERVER_FN_MAX_BYTES: usize = 2 * 1024 * 1024;
/// The vault's import: up to 5,000 envelopes of a few kilobytes each.
pub const VAULT_IMPORT_MAX_BYTES: usize = 16 * 1024 * 1024;
/// How long a body waits for room in the budget before it is refused.
pub const BUDGET_WAIT: Duration = Duration::from_secs(3);

/// The bytes of server-function bodies all requests may hold at once.
#[derive(Clone, Debug)]
pub struct BodyBudget {
    bytes: Arc<Semaphore>,
    total: usize,
}

impl BodyBudget {
    pub fn new(total: u64) -> BodyBudget {
        // A budget smaller than the largest body would refuse that body forever.
        let total = usize::try_from(total)
            .unwrap_or(usize::MAX)
            .clamp(VAULT_IMPORT_MAX_BYTES, Semaphore::MAX_PERMITS);
        BodyBudget {
            bytes: Arc::new(Semaphore::new(total)),
            total,
        }
    }

    /// Bytes reserved by the bodies being read or answered now.
    pub fn in_flight(&self) -> usize {
        self.total - self.bytes.available_permits()
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
    response
}

fn too_large() -> Response {
    refused(StatusCode::PAYLOAD_TOO_LARGE, RefusalsTexts::too_large)
}

pub async fn cap_server_fn_bodies(
    State(budget): State<BodyBudget>,
    session: Session,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    if !path.starts_with("/api/") {
        return next.run(request).await;
    }
    let signed_in = matches!(session.get::<i64>(SESSION_ACCOUNT_ID).await, Ok(Some(_)));
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
    // At least one byte, so that even empty bodies wait their turn when the budget is spent.
    let reserve = declared.unwrap_or(limit).max(1);
    let Ok(reserve) = u32::try_from(reserve) else {
        return too_large();
    };
    let permit = match tokio::time::timeout(
        BUDGET_WAIT,
        budget.bytes.clone().acquire_many_owned(reserve),
    )
    .await
    {
        Ok(Ok(permit)) => permit,
        _ => {
            tracing::warn!(
                path,
                in_flight = budget.in_flight(),
                "server function bodies over the budget: 503"
            );
            return refused(StatusCode::SERVICE_UNAVAILABLE, RefusalsTexts::busy);
        }
    };
    let (parts, body) = request.into_parts();
    let response = match to_bytes(body, limit).await {
        Ok(bytes) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Err(_) => {
            tracing::info!("server function body over its limit, or cut short: refused");
            too_large()
        }
    };
    drop(permit);
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

    #[tokio::test]
    async fn the_budget_is_given_back() {
        let budget = BodyBudget::new(0);
        assert_eq!(budget.total, VAULT_IMPORT_MAX_BYTES, "never below one body");
        let held = budget.bytes.clone().acquire_many_owned(1000).await.unwrap();
        assert_eq!(budget.in_flight(), 1000);
        drop(held);
        assert_eq!(budget.in_flight(), 0);
    }
}
