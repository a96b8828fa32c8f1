//! A page render that never ends costs one request, not the server: the real server binary is
//! started with every page's first read stopped for good (the fault point `page.viewer`, where
//! each page asks who is signed in) and a render deadline of 1 s. Anonymous and signed-in pages,
//! several at once, are answered 503 with `Retry-After` and a message in French and English at
//! the deadline; the server, its database pool and everything that is not a page render go on
//! working. (The log line that names each one is the unit test's: `server::http::deadline`.)

use crate::support;

use reqwest::StatusCode;
use std::time::{Duration, Instant};
use support::{spawn_process, Engine, Options};

async fn stuck_renders_are_answered_503_and_the_server_goes_on(engine: Engine) {
    let mut app = spawn_process(
        engine,
        Options {
            env: vec![("SILLAGE_LIMITS__RENDER_DEADLINE_SECONDS".into(), "1".into())],
            ..Options::demo()
        },
        Some("page.viewer"),
    )
    .await;
    // Signing in is not a page render: it works, and so does what it leads to apart from pages.
    let pupil = app.demo_browser("eleve").await;

    let started = Instant::now();
    let client = reqwest::Client::new();
    let mut pages = tokio::task::JoinSet::new();
    for path in ["/", "/connexion", "/portfolio", "/pix", "/journal"] {
        let request = client
            .get(app.url(path))
            .header("cookie", pupil.cookie_header())
            .header("accept-language", "fr");
        pages.spawn(async move { (path, request.send().await.expect("an answer")) });
    }
    while let Some(answer) = pages.join_next().await {
        let (path, response) = answer.expect("request task");
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE, "{path}");
        assert_eq!(
            response.headers().get("retry-after").map(|v| v.as_bytes()),
            Some(&b"5"[..]),
            "{path}"
        );
        let body = response.text().await.expect("body");
        assert!(
            body.contains("réessayez dans quelques secondes"),
            "{path}: {body}"
        );
        assert!(
            body.contains("try again in a few seconds"),
            "{path}: {body}"
        );
    }
    // All five waited for the same deadline, side by side, not one after the other.
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_secs(1) && waited < Duration::from_secs(5),
        "five stuck renders answered after {waited:?}"
    );
    // The server still answers, its database included (`/healthz` asks it).
    let health = client
        .get(app.url("/healthz"))
        .send()
        .await
        .expect("health");
    assert_eq!(health.status(), StatusCode::OK);
    // A signed-in download (not a page render) reads the session and the database as usual.
    let journal = client
        .get(app.url("/journal.csv"))
        .header("cookie", pupil.cookie_header())
        .send()
        .await
        .expect("journal download");
    assert_eq!(journal.status(), StatusCode::OK);
    assert!(journal.text().await.expect("csv").starts_with('\u{feff}'));

    // Started again without the fault, the same pages render.
    app.restart(None).await;
    let mut pupil = app.demo_browser("eleve").await;
    for path in ["/", "/portfolio", "/journal"] {
        let page = pupil.get(&app.url(path)).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(page.body.contains("</html>"), "{path}");
    }
    app.finish().await;
}

on_both_engines!(stuck_renders_are_answered_503_and_the_server_goes_on);
