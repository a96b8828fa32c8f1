//! A cap on the bodies of server functions. Leptos reads a server function's whole body
//! before calling it, with no limit of its own: without this, one request could make the
//! server buffer gigabytes. The vault's import carries many envelopes and gets a larger cap.

use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Every server function but the vault's import: a form's worth.
pub const SERVER_FN_MAX_BYTES: usize = 2 * 1024 * 1024;
/// The vault's import: up to 5,000 envelopes of a few kilobytes each.
pub const VAULT_IMPORT_MAX_BYTES: usize = 16 * 1024 * 1024;

fn too_large() -> Response {
    (
        StatusCode::PAYLOAD_TOO_LARGE,
        [(header::CONTENT_TYPE, "application/json")],
        r#"{"BadRequest":"Requête trop volumineuse. Request too large."}"#,
    )
        .into_response()
}

pub async fn cap_server_fn_bodies(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if !path.starts_with("/api/") {
        return next.run(request).await;
    }
    let limit = if path == "/api/vault/import" {
        VAULT_IMPORT_MAX_BYTES
    } else {
        SERVER_FN_MAX_BYTES
    };
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|length| length > limit) {
        tracing::info!(path, "server function body over its limit: refused");
        return too_large();
    }
    let (parts, body) = request.into_parts();
    match to_bytes(body, limit).await {
        Ok(bytes) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Err(_) => {
            tracing::info!("server function body over its limit: refused");
            too_large()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::routing::post;
    use axum::Router;
    use tower::ServiceExt;

    async fn status_of(path: &str, bytes: usize) -> StatusCode {
        let app = Router::new()
            .route(
                "/api/{*rest}",
                post(|body: String| async move { body.len().to_string() }),
            )
            .layer(axum::middleware::from_fn(cap_server_fn_bodies))
            .layer(axum::extract::DefaultBodyLimit::disable());
        let request = Request::post(path)
            .body(Body::from(vec![b'a'; bytes]))
            .unwrap();
        app.oneshot(request).await.unwrap().status()
    }

    #[tokio::test]
    async fn bodies_over_the_cap_are_refused() {
        assert_eq!(status_of("/api/my_journal", 1000).await, StatusCode::OK);
        assert_eq!(
            status_of("/api/my_journal", SERVER_FN_MAX_BYTES + 1).await,
            StatusCode::PAYLOAD_TOO_LARGE
        );
        assert_eq!(
            status_of("/api/vault/import", SERVER_FN_MAX_BYTES + 1).await,
            StatusCode::OK
        );
        assert_eq!(
            status_of("/api/vault/import", VAULT_IMPORT_MAX_BYTES + 1).await,
            StatusCode::PAYLOAD_TOO_LARGE
        );
    }
}
