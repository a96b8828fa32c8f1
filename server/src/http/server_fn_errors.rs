//! Server functions answer every error with a 500, including arguments that do not parse (a
//! missing or malformed field: the client's fault). `PortalError::BadRequest` marks those;
//! this turns their 500 into the 400 it is, so a bad request is not logged or alerted on as a
//! server failure.

use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;

/// Server-function error bodies are short JSON; anything longer is not one of ours.
const MAX_ERROR_BODY: usize = 16 * 1024;

pub async fn bad_arguments_are_400(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_ERROR_BODY).await else {
        return Response::from_parts(parts, Body::empty());
    };
    if bytes.starts_with(br#"{"BadRequest""#) {
        tracing::info!("server function called with arguments that do not parse");
        parts.status = StatusCode::BAD_REQUEST;
    } else if bytes.starts_with(br#"{"Vault":"Conflict""#)
        || bytes.starts_with(br#"{"Vault":"Replayed""#)
    {
        // A stale or replayed vault write: the client's copy is behind the stored one.
        parts.status = StatusCode::CONFLICT;
    } else if bytes.starts_with(br#"{"Vault""#) {
        // The vault refused what was sent (not an envelope, bad parameters…).
        parts.status = StatusCode::BAD_REQUEST;
    }
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::routing::get;
    use axum::Router;
    use tower::ServiceExt;

    async fn status_of(body: &'static str) -> StatusCode {
        let app = Router::new()
            .route(
                "/",
                get(move || async move { (StatusCode::INTERNAL_SERVER_ERROR, body) }),
            )
            .layer(axum::middleware::from_fn(bad_arguments_are_400));
        let response = app
            .oneshot(Request::builder().uri("/").body(Body::empty()).unwrap())
            .await
            .unwrap();
        response.status()
    }

    #[tokio::test]
    async fn only_bad_arguments_become_400() {
        assert_eq!(
            status_of(r#"{"BadRequest":"missing field `id`"}"#).await,
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            status_of(r#""Unavailable""#).await,
            StatusCode::INTERNAL_SERVER_ERROR
        );
    }
}
