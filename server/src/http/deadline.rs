//! A deadline on page renders.
//!
//! Pages are rendered whole before their first byte is sent (`SsrMode::Async`). A render that
//! waits for something that never comes (a database that stopped answering, a resource whose
//! wake-up was lost: leptos-rs/leptos#4773 was one, and #4851 reports others under load) would
//! hold its connection, and its share of the server, for as long as the client waits; many of
//! them, the whole server. Past the deadline the render is dropped (its futures with it, so its
//! database connections go back to the pool), the browser is told to try again (503 with
//! `Retry-After`), and the log names the page and the request id: a stuck render costs one
//! request and is seen, not guessed at.
//!
//! Requests that read (GET, HEAD) are bounded, and so are server functions (`/api/…`, whatever
//! their method): their bodies are read whole, at a minimum pace, before the deadline starts
//! (`http::body_limit`), so what is timed is the work. Other POSTs (an evidence upload, a Pix
//! export, an archive) stream their bodies over slow links, limited by their own caps instead.
//! The layer wraps the page routes, the server functions and the fallback (a "not found" page
//! is rendered too), not file downloads, which stream for as long as they need
//! (`server::router`).

use crate::telemetry::loggable_path;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use std::time::Duration;

/// How long a page may take to render (`limits.render_deadline_seconds`).
#[derive(Clone, Copy, Debug)]
pub struct RenderDeadline(Duration);

impl RenderDeadline {
    /// The configuration refuses a zero deadline (`config::LimitSettings`).
    pub fn new(deadline: Duration) -> RenderDeadline {
        RenderDeadline(deadline)
    }
}

/// What the browser gets in place of a page that did not render in time. The page has no
/// script, style or image of its own: it must show whatever state the server is in.
const TOO_SLOW: &str = "<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>Sillage : page indisponible</title></head><body><main>\
<h1>Cette page met trop de temps à se préparer</h1>\
<p>Sillage est très sollicité en ce moment. Rien de ce que vous avez enregistré n'est perdu : \
réessayez dans quelques secondes.</p>\
<p lang=\"en\">This page is taking too long to prepare. Sillage is very busy right now. Nothing \
you saved is lost: try again in a few seconds.</p>\
<p><a href=\"\">Réessayer / Try again</a></p></main></body></html>\n";

/// Seconds a browser (or a proxy) should wait before asking again.
const RETRY_AFTER_SECS: &str = "5";

fn too_slow() -> Response {
    let mut response = (StatusCode::SERVICE_UNAVAILABLE, Html(TOO_SLOW)).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::RETRY_AFTER,
        HeaderValue::from_static(RETRY_AFTER_SECS),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Answers 503 for a read whose response is not ready within the deadline (middleware).
pub async fn bound_renders(
    State(deadline): State<RenderDeadline>,
    request: Request,
    next: Next,
) -> Response {
    deadline.bound(request, |request| next.run(request)).await
}

impl RenderDeadline {
    /// Runs `render` on `request`; a read still rendering at the deadline is dropped and
    /// answered 503.
    pub async fn bound<F, Fut>(self, request: Request, render: F) -> Response
    where
        F: FnOnce(Request) -> Fut,
        Fut: std::future::Future<Output = Response>,
    {
        let is_read = matches!(*request.method(), Method::GET | Method::HEAD);
        if !is_read && !request.uri().path().starts_with("/api/") {
            return render(request).await;
        }
        let path = loggable_path(request.uri().path()).into_owned();
        let request_id = request
            .headers()
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("-")
            .to_owned();
        match tokio::time::timeout(self.0, render(request)).await {
            Ok(response) => response,
            Err(_) => {
                tracing::error!(
                    path,
                    request_id,
                    deadline_seconds = self.0.as_secs_f64(),
                    "page render past its deadline: dropped, answered 503"
                );
                too_slow()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::{to_bytes, Body};
    use axum::routing::get;
    use axum::Router;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    use tower::ServiceExt;

    /// A render that never ends, one that ends in time, and a slow POST.
    fn app(dropped: Arc<AtomicBool>) -> Router {
        struct SetOnDrop(Arc<AtomicBool>);
        impl Drop for SetOnDrop {
            fn drop(&mut self) {
                self.0.store(true, Ordering::SeqCst);
            }
        }
        Router::new()
            .route(
                "/stuck",
                get(move || {
                    let guard = SetOnDrop(dropped.clone());
                    async move {
                        std::future::pending::<()>().await;
                        drop(guard);
                        "never"
                    }
                }),
            )
            .route(
                "/quick",
                get(|| async {
                    tokio::time::sleep(Duration::from_millis(900)).await;
                    "rendered"
                }),
            )
            .route(
                "/upload",
                axum::routing::post(|| async {
                    tokio::time::sleep(Duration::from_secs(30)).await;
                    "stored"
                }),
            )
            .route(
                "/api/stuck",
                axum::routing::post(|| async {
                    std::future::pending::<()>().await;
                    "never"
                }),
            )
            .route_layer(axum::middleware::from_fn_with_state(
                RenderDeadline::new(Duration::from_secs(1)),
                bound_renders,
            ))
    }

    async fn call(app: Router, method: Method, path: &str) -> (StatusCode, Response) {
        let request = Request::builder()
            .method(method)
            .uri(path)
            .header("x-request-id", "request-under-test")
            .body(Body::empty())
            .expect("request");
        let response = app.oneshot(request).await.expect("infallible");
        (response.status(), response)
    }

    // Virtual time: the runtime jumps over the waits, and the test is as fast as it is exact.
    #[tokio::test(start_paused = true)]
    async fn a_render_that_never_ends_is_dropped_and_answered_503_at_the_deadline() {
        let (log, _logging) = Captured::start();
        let dropped = Arc::new(AtomicBool::new(false));
        let started = tokio::time::Instant::now();
        let (status, response) = call(app(dropped.clone()), Method::GET, "/stuck").await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        let waited = started.elapsed();
        assert!(
            waited >= Duration::from_secs(1) && waited < Duration::from_millis(1010),
            "answered after {waited:?}"
        );
        assert_eq!(response.headers()[header::RETRY_AFTER], "5");
        assert_eq!(response.headers()[header::CACHE_CONTROL], "no-store");
        let body = to_bytes(response.into_body(), 64 * 1024)
            .await
            .expect("body");
        let body = String::from_utf8(body.to_vec()).expect("utf-8");
        assert!(body.contains("réessayez dans quelques secondes"), "{body}");
        assert!(body.contains("try again in a few seconds"), "{body}");
        assert!(
            dropped.load(Ordering::SeqCst),
            "the stuck render was not dropped: whatever it held is still held"
        );
        // The operator learns which page and which request.
        let log = log.text();
        assert!(log.contains("page render past its deadline"), "{log}");
        assert!(log.contains("path=\"/stuck\""), "{log}");
        assert!(log.contains("request_id=\"request-under-test\""), "{log}");
    }

    /// What the server logged during a test.
    #[derive(Clone, Default)]
    struct Captured(Arc<std::sync::Mutex<Vec<u8>>>);

    impl Captured {
        /// Logs of this thread into memory. Every test of this module that reaches the
        /// deadline's log line starts one: tracing caches, per line of code, whether anyone
        /// listens, and a test thread with no subscriber would make it "nobody" for the others.
        fn start() -> (Captured, tracing::subscriber::DefaultGuard) {
            let log = Captured::default();
            let writer = log.clone();
            let guard = tracing::subscriber::set_default(
                tracing_subscriber::fmt()
                    .with_writer(move || writer.clone())
                    .with_ansi(false)
                    .finish(),
            );
            (log, guard)
        }

        fn text(&self) -> String {
            String::from_utf8_lossy(&self.0.lock().expect("log")).into_owned()
        }
    }

    impl std::io::Write for Captured {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().expect("log").extend_from_slice(bytes);
            Ok(bytes.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_render_within_the_deadline_and_a_slow_post_are_untouched() {
        let (_log, _logging) = Captured::start();
        let dropped = Arc::new(AtomicBool::new(false));
        let (status, _) = call(app(dropped.clone()), Method::GET, "/quick").await;
        assert_eq!(status, StatusCode::OK);
        // A HEAD is a read too.
        let (status, _) = call(app(dropped.clone()), Method::HEAD, "/stuck").await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        // An upload over a slow link may take longer than any render.
        let (status, response) = call(app(dropped), Method::POST, "/upload").await;
        assert_eq!(status, StatusCode::OK);
        let body = to_bytes(response.into_body(), 1024).await.expect("body");
        assert_eq!(&body[..], b"stored");
    }

    /// A server function's body is already read when the deadline starts: its work is bounded
    /// like a page's.
    #[tokio::test(start_paused = true)]
    async fn a_server_function_is_bounded_whatever_its_method() {
        let (_log, _logging) = Captured::start();
        let (status, response) = call(
            app(Arc::new(AtomicBool::new(false))),
            Method::POST,
            "/api/stuck",
        )
        .await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(response.headers().contains_key(header::RETRY_AFTER));
    }
}
