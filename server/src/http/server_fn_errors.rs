//! Server functions answer every error with a 500, refusals included (not signed in, another
//! role's function, arguments that do not parse). The error's body is the `PortalError` the
//! function returned; this reads it back and answers the status of the one table in
//! `PortalError::status`, so a refusal is a 4xx and only a failure of ours is logged as a 5xx.

use app::error::PortalError;
use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;

/// Server-function error bodies are short JSON; anything longer is not one of ours.
const MAX_ERROR_BODY: usize = 16 * 1024;

pub async fn refusals_are_4xx(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_ERROR_BODY).await else {
        return Response::from_parts(parts, Body::empty());
    };
    if let Ok(error) = serde_json::from_slice::<PortalError>(&bytes) {
        if let Ok(status) = StatusCode::from_u16(error.status()) {
            if status.is_client_error() {
                tracing::info!(%status, "server function refused the request");
            }
            parts.status = status;
        }
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
            .layer(axum::middleware::from_fn(refusals_are_4xx));
        let response = app
            .oneshot(Request::builder().uri("/").body(Body::empty()).unwrap())
            .await
            .unwrap();
        response.status()
    }

    #[tokio::test]
    async fn refusals_take_their_status_from_the_table() {
        assert_eq!(
            status_of(r#"{"BadRequest":"missing field `id`"}"#).await,
            StatusCode::BAD_REQUEST
        );
        assert_eq!(status_of(r#""Forbidden""#).await, StatusCode::FORBIDDEN);
        assert_eq!(
            status_of(r#""NotSignedIn""#).await,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(status_of(r#""NotFound""#).await, StatusCode::NOT_FOUND);
        assert_eq!(
            status_of(r#"{"Vault":"Conflict"}"#).await,
            StatusCode::CONFLICT
        );
        assert_eq!(
            status_of(r#"{"Transport":"boom"}"#).await,
            StatusCode::INTERNAL_SERVER_ERROR
        );
        assert_eq!(
            status_of(r#""Unavailable""#).await,
            StatusCode::SERVICE_UNAVAILABLE
        );
    }
}
