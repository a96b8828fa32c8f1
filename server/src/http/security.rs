//! Security headers on every response, and the refusal of cross-site state-changing requests.

use app::error::refusal;
use app::i18n::catalogue::RefusalsTexts;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{self, HeaderValue};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use url::Url;

#[derive(Clone, Debug)]
pub struct SecurityPolicy {
    /// `scheme://host[:port]` as browsers send it in `Origin`.
    pub origin: std::sync::Arc<str>,
    pub hsts: bool,
}

impl SecurityPolicy {
    pub fn new(public_url: &Url) -> SecurityPolicy {
        SecurityPolicy {
            origin: public_url.origin().ascii_serialization().into(),
            hsts: public_url.scheme() == "https",
        }
    }
}

/// A strict default for responses that set no policy of their own (pages set theirs, with a
/// per-response nonce, in `app::shell`).
const DEFAULT_CSP: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/// Whether a path is one of the compiled or public assets, the same for everyone: everything
/// else (pages, server functions, evidence files, exports) may be someone's own data.
fn is_shared_asset(path: &str) -> bool {
    path.starts_with("/pkg/") || matches!(path, "/favicon.ico" | "/robots.txt")
}

/// Headers every response carries whatever it is; `router.rs` sets each with tower-http's
/// `SetResponseHeaderLayer`.
pub mod fixed {
    pub const NOSNIFF: &str = "nosniff";
    /// Never to other sites (a shared page's address holds its secret token); to our own pages
    /// yes: a form posted without JavaScript is sent back to the page it came from.
    pub const REFERRER_POLICY: &str = "same-origin";
    pub const FRAME_OPTIONS: &str = "DENY";
    pub const PERMISSIONS_POLICY: &str = "camera=(), microphone=(), geolocation=(), payment=()";
    pub const OPENER_POLICY: &str = "same-origin";
    /// Over https only (`SecurityPolicy::hsts`).
    pub const HSTS: &str = "max-age=63072000; includeSubDomains";
}

/// The content security policy of a response that sets none of its own.
pub fn default_csp() -> HeaderValue {
    HeaderValue::from_static(DEFAULT_CSP)
}

/// A page, an API answer or a file of a signed-in person must not stay in the browser's cache
/// (a shared computer: the next pupil presses Back) nor in a proxy's: `no-store` unless the
/// response says otherwise or is a shared asset.
pub async fn no_store_by_default(request: Request, next: Next) -> Response {
    let shared_asset = is_shared_asset(request.uri().path());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if !shared_asset && !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// Refuses a state-changing request that a browser says comes from another site. Browsers send
/// `Sec-Fetch-Site` (and `Origin` on POST); non-browser clients send neither and are not a CSRF
/// vector. This comes on top of SameSite=Lax session cookies.
pub async fn refuse_cross_site(
    State(policy): State<SecurityPolicy>,
    request: Request,
    next: Next,
) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if !safe {
        let headers = request.headers();
        let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
        let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
        let cross_site = match (fetch_site, origin) {
            (Some("same-origin" | "none"), _) => false,
            (Some(_), _) => true,
            (None, Some(origin)) => origin != &*policy.origin,
            (None, None) => false,
        };
        if cross_site {
            tracing::warn!(?fetch_site, ?origin, "cross-site request refused");
            return (
                StatusCode::FORBIDDEN,
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                Body::from(refusal(RefusalsTexts::cross_site).lines()),
            )
                .into_response();
        }
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::routing::get;
    use axum::Router;
    use tower::ServiceExt;

    async fn cache_control(path: &str) -> Option<String> {
        let app = Router::new()
            .fallback(get(|| async { "x" }))
            .layer(axum::middleware::from_fn(no_store_by_default));
        let response = app
            .oneshot(Request::builder().uri(path).body(Body::empty()).unwrap())
            .await
            .unwrap();
        response
            .headers()
            .get(header::CACHE_CONTROL)
            .map(|v| v.to_str().unwrap().to_owned())
    }

    #[tokio::test]
    async fn only_shared_assets_may_be_cached() {
        for path in [
            "/",
            "/portfolio",
            "/api/my_journal",
            "/preuves/3",
            "/portfolio/export.zip",
            "/partage/abc",
        ] {
            assert_eq!(
                cache_control(path).await.as_deref(),
                Some("no-store"),
                "{path}"
            );
        }
        for path in ["/pkg/sillage.wasm", "/favicon.ico"] {
            assert_eq!(cache_control(path).await, None, "{path}");
        }
    }
}
