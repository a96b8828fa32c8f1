//! Exports, downloads and uploads (issue 29, §§ 2, 3 and 6): an export is a line of the
//! pupil's journal and runs one at a time per account; evidence files are streamed, and
//! downloads through one shared link are limited in number at once; uploads sent at once stay
//! within the quota. Connections that read nothing hold their answer open
//! (a file larger than the sockets' buffers), as a slow phone or a malicious client would.

use crate::support::{self, call, spawn_app, Browser, Engine, Options, TestApp};
use reqwest::StatusCode;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// A PDF of `size` bytes that no compression shrinks (so an archive holding it is as large).
fn large_pdf(size: usize) -> Vec<u8> {
    let mut bytes = b"%PDF-1.4\n".to_vec();
    let mut state: u64 = 0x2545_4446_2d31_2e34;
    while bytes.len() < size {
        // xorshift: cheap bytes that look random to deflate.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        bytes.extend_from_slice(&state.to_le_bytes());
    }
    bytes.truncate(size);
    bytes
}

/// An entry of the pupil's with one large file; the entry's and the file's ids.
async fn entry_with_a_large_file(app: &TestApp, pupil: &mut Browser) -> (i64, i64) {
    let entry = support::create_entry(pupil, app, "Mon film de stage").await;
    support::upload_evidence(pupil, app, entry, "film.pdf", &large_pdf(9_000_000)).await;
    let file = support::evidence_ids(pupil, app, entry).await[0];
    (entry, file)
}

/// A GET that reads the answer's status line and headers, then nothing: the server's body
/// waits on the socket. Answers the status line, and the connection to drop later.
async fn a_reader_that_stops(
    app: &TestApp,
    path: &str,
    cookie: &str,
) -> (String, tokio::net::TcpStream) {
    let address = app.base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(address)
        .await
        .expect("connect");
    let request = format!("GET {path} HTTP/1.1\r\nHost: {address}\r\nCookie: {cookie}\r\n\r\n");
    stream.write_all(request.as_bytes()).await.expect("send");
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        let read = tokio::time::timeout(std::time::Duration::from_secs(30), stream.read(&mut byte))
            .await
            .expect("an answer");
        match read {
            Ok(1) => head.push(byte[0]),
            _ => break,
        }
    }
    let status = String::from_utf8_lossy(&head)
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned();
    (status, stream)
}

/// Asks `path` until it answers `wanted` (the server saw a dropped connection), within a bound.
async fn until_status(
    browser: &mut Browser,
    app: &TestApp,
    path: &str,
    wanted: StatusCode,
) -> bool {
    let until = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while std::time::Instant::now() < until {
        if browser.get(&app.url(path)).await.status == wanted {
            return true;
        }
    }
    false
}

async fn an_export_is_journaled_and_runs_once_at_a_time(engine: Engine) {
    let app = spawn_app(engine, Options::demo()).await;
    let mut pupil = app.demo_browser("eleve").await;
    entry_with_a_large_file(&app, &mut pupil).await;
    let cookie = pupil.cookie_header();

    // An export its reader does not read holds the pupil's turn: a second one is refused.
    let (status, first) = a_reader_that_stops(&app, "/portfolio/export.zip", &cookie).await;
    assert!(status.contains(" 200 "), "{status}");
    let second = pupil.get(&app.url("/portfolio/export.zip")).await;
    assert_eq!(second.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(second.body.contains("déjà en cours"), "{}", second.body);
    assert!(second.body.contains("already under way"), "{}", second.body);
    // Once her reader goes, her next export runs.
    drop(first);
    assert!(
        until_status(&mut pupil, &app, "/portfolio/export.zip", StatusCode::OK).await,
        "her turn never came back"
    );
    // Every export is in her journal.
    let (_, _, journal) = call(&mut pupil, &app, "my_journal", &[]).await;
    let exported = journal
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "PortfolioExported")
        .count();
    assert_eq!(exported, 2, "{journal}");
    app.finish().await;
}

async fn shared_downloads_are_streamed_and_counted_per_link(engine: Engine) {
    let app = spawn_app(
        engine,
        Options {
            env: vec![(
                "SILLAGE_LIMITS__SHARED_DOWNLOADS_PER_LINK".into(),
                "2".into(),
            )],
            ..Options::demo()
        },
    )
    .await;
    let mut pupil = app.demo_browser("eleve").await;
    let (entry, file) = entry_with_a_large_file(&app, &mut pupil).await;
    let entry = entry.to_string();
    let (_, _, saved) = call(
        &mut pupil,
        &app,
        "showcase_save",
        &[
            ("page[title]", "Mon film"),
            (&format!("page[entries][{entry}]"), "on"),
        ],
    )
    .await;
    let page = saved["Saved"].as_i64().expect("a page").to_string();
    let (_, _, url) = call(
        &mut pupil,
        &app,
        "showcase_link",
        &[("id", &page), ("lifetime", "Week")],
    )
    .await;
    let url = url.as_str().unwrap().to_owned();
    let path = format!("{}/preuves/{file}", &url[url.find("/partage/").unwrap()..]);

    // Streamed: its length is said before a byte of it is read.
    let mut readers = Vec::new();
    for _ in 0..2 {
        let (status, stream) = a_reader_that_stops(&app, &path, "").await;
        assert!(status.contains(" 200 "), "{status}");
        readers.push(stream);
    }
    // Two readers hold the link's downloads: a third is told to come back.
    let mut visitor = Browser::new();
    let busy = visitor.get(&app.url(&path)).await;
    assert_eq!(busy.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(busy.headers.contains_key("retry-after"));
    // The owner's own download is not counted against the link.
    let own = pupil.get(&app.url(&format!("/preuves/{file}"))).await;
    assert_eq!(own.status, StatusCode::OK);
    assert_eq!(own.headers["content-length"], "9000000");
    // A reader goes: the link serves again, the whole file.
    drop(readers.pop());
    assert!(
        until_status(&mut visitor, &app, &path, StatusCode::OK).await,
        "the link's place never came back"
    );
    app.finish().await;
}

/// Six uploads at once to six entries, each within the quota alone, twice over it together:
/// two are stored, the others refused, and the files kept stay within the quota (the account's
/// row counts them one after the other, on PostgreSQL as on SQLite).
async fn uploads_at_once_stay_within_the_quota(engine: Engine) {
    let app = spawn_app(
        engine,
        Options {
            env: vec![(
                "SILLAGE_PORTFOLIO__MAX_BYTES_PER_ACCOUNT".into(),
                "250000".into(),
            )],
            ..Options::demo()
        },
    )
    .await;
    let mut pupil = app.demo_browser("eleve").await;
    let mut entries = Vec::new();
    for i in 0..6 {
        entries.push(support::create_entry(&mut pupil, &app, &format!("Projet {i}")).await);
    }
    let mut uploads = tokio::task::JoinSet::new();
    for entry in entries {
        let mut tab = pupil.tab();
        let url = app.url(&format!("/portfolio/entrees/{entry}/preuves"));
        let base = app.base.clone();
        uploads.spawn(async move {
            let (content_type, body) =
                support::multipart("fichier", "rapport.pdf", &large_pdf(100_000));
            tab.request_bytes(&url, body, &content_type, &base)
                .await
                .location
                .unwrap_or_default()
        });
    }
    let mut stored = 0;
    while let Some(location) = uploads.join_next().await {
        let location = location.expect("an upload");
        assert!(
            location.contains("preuve=ajoutee") || location.contains("quota"),
            "{location}"
        );
        stored += usize::from(location.contains("preuve=ajoutee"));
    }
    assert_eq!(stored, 2);
    let used: i64 = sqlx::query_scalar("SELECT CAST(SUM(size) AS BIGINT) FROM evidence")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(used, 200_000);
    app.finish().await;
}

crate::on_both_engines!(
    an_export_is_journaled_and_runs_once_at_a_time,
    shared_downloads_are_streamed_and_counted_per_link,
    uploads_at_once_stay_within_the_quota
);
