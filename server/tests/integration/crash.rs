//! Crash safety: the real server binary, in a process of its own, is killed with SIGKILL in the
//! middle of an evidence upload, a portfolio import and a Pix import's confirmation (each
//! stopped at a fault point of `domain::fault`, after its files or rows are written and before
//! its commit), then started again on the same database and files. Each time the database holds
//! none of the action, no file is left that no row names, the journal's chain is intact, and
//! the same action then succeeds.

use crate::support;

use domain::audit::{self, ChainStatus};
use reqwest::StatusCode;
use support::{
    call, create_entry, export_archive, files_in, multipart, spawn_process, upload_pdf, Browser,
    Engine, Options, TestApp,
};

const PIX_EXPORT: &str = include_str!("../../../docs/exemple-pix-orga.csv");

/// Sends a request that will never be answered (its server stops at a fault point and is
/// killed): nobody waits for it.
fn fire(app: &TestApp, browser: &Browser, path: &str, content_type: &str, body: Vec<u8>) {
    let request = reqwest::Client::new()
        .post(app.url(path))
        .header("cookie", browser.cookie_header())
        .header("origin", &app.base)
        .header("accept", "application/json")
        .header("content-type", content_type)
        .body(body);
    tokio::spawn(async move {
        let _ = request.send().await;
    });
}

/// Waits until the server stops at `fault`, then kills it and starts it again (stopping next at
/// `next_fault`, if any).
async fn kill_at(app: &mut TestApp, fault: &str, next_fault: Option<&str>) {
    app.process()
        .wait_for_line(&format!("SILLAGE_FAULT_PAUSED {fault}"))
        .await;
    app.process().kill().await;
    app.restart(next_fault).await;
}

async fn chain_is_intact(app: &TestApp) {
    let key = app.settings.audit_key().expect("journal key");
    let status = audit::verify(&app.db, Some(&key), None)
        .await
        .expect("read the journal");
    assert!(
        matches!(status, ChainStatus::Intact { .. }),
        "journal chain after the crash: {status:?}"
    );
}

/// Nothing in flux, and as many files on disk as rows name.
async fn files_match_rows(app: &TestApp, rows: i64) {
    assert_eq!(app.count("evidence").await, rows, "evidence rows");
    assert_eq!(
        files_in(&app.database.evidence_dir) as i64,
        rows,
        "files on disk (an orphan is left?)"
    );
    assert_eq!(app.count("evidence_pending").await, 0, "keys left in flux");
}

async fn a_killed_server_keeps_all_or_nothing(engine: Engine) {
    let mut app = spawn_process(
        engine,
        Options {
            // Keys left in flux by a crash are settled at the next start, at once.
            env: vec![(
                "SILLAGE_PORTFOLIO__PENDING_GRACE_SECONDS".into(),
                "0".into(),
            )],
            ..Options::demo()
        },
        Some("evidence.upload.stored"),
    )
    .await;
    let mut pupil = app.demo_browser("eleve").await;
    let entry = create_entry(&mut pupil, &app, "Stage en pharmacie").await;

    // 1. An evidence upload killed after its file is stored, before its row commits.
    let (content_type, body) = multipart("fichier", "rapport.pdf", b"%PDF-1.4 rapport");
    fire(
        &app,
        &pupil,
        &format!("/portfolio/entrees/{entry}/preuves"),
        &content_type,
        body,
    );
    app.process()
        .wait_for_line("SILLAGE_FAULT_PAUSED evidence.upload.stored")
        .await;
    assert_eq!(
        files_in(&app.database.evidence_dir),
        1,
        "the file was written before the kill"
    );
    app.process().kill().await;
    app.restart(Some("portfolio.import.stored")).await;
    files_match_rows(&app, 0).await;
    chain_is_intact(&app).await;
    // The pupil's session outlived the crash; the same upload now works.
    upload_pdf(&mut pupil, &app, entry, "rapport.pdf").await;
    files_match_rows(&app, 1).await;

    // 2. A portfolio import killed after its first file is stored.
    let archive = export_archive(&mut pupil, &app).await;
    let entries_before = app.count("portfolio_entries").await;
    let journal_before = app.count("audit_events").await;
    let (zip_type, zip_body) = multipart("archive", "portfolio.zip", &archive);
    fire(
        &app,
        &pupil,
        "/portfolio/import",
        &zip_type,
        zip_body.clone(),
    );
    kill_at(
        &mut app,
        "portfolio.import.stored",
        Some("pix.confirm.written"),
    )
    .await;
    assert_eq!(app.count("portfolio_entries").await, entries_before);
    files_match_rows(&app, 1).await;
    chain_is_intact(&app).await;

    // 3. A Pix import's confirmation killed after every row and journal line is written.
    let mut counsellor = app.demo_browser("conseillere").await;
    let (content_type, upload) = multipart("export", "export.csv", PIX_EXPORT.as_bytes());
    let page = counsellor
        .request_bytes(&app.url("/pix/import"), upload, &content_type, &app.base)
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let draft = page
        .location
        .as_deref()
        .and_then(|l| l.strip_prefix("/pix/import/"))
        .expect("a preview")
        .to_owned();
    let journal_before_confirm = app.count("audit_events").await;
    fire(
        &app,
        &counsellor,
        "/api/pix_confirm",
        "application/x-www-form-urlencoded",
        format!("draft={draft}").into_bytes(),
    );
    kill_at(&mut app, "pix.confirm.written", None).await;
    assert_eq!(app.count("pix_results").await, 0, "no result of the import");
    assert_eq!(app.count("pix_import_drafts").await, 1, "the draft is kept");
    assert_eq!(
        app.count("audit_events").await,
        journal_before_confirm,
        "no journal line of the import"
    );
    chain_is_intact(&app).await;

    // After the crashes, each action succeeds, once.
    let (status, _, summary) =
        call(&mut counsellor, &app, "pix_confirm", &[("draft", &draft)]).await;
    assert_eq!(status, StatusCode::OK, "{summary}");
    assert_eq!(summary["created"], 1, "{summary}");
    assert_eq!(app.count("pix_results").await, 1);
    let page = pupil
        .request_bytes(
            &app.url("/portfolio/import"),
            zip_body,
            &zip_type,
            &app.base,
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert!(
        page.location
            .as_deref()
            .unwrap_or_default()
            .contains("import=ok"),
        "{:?}",
        page.location
    );
    assert_eq!(app.count("portfolio_entries").await, entries_before + 1);
    files_match_rows(&app, 2).await;
    assert!(app.count("audit_events").await > journal_before);
    chain_is_intact(&app).await;
    app.finish().await;
}

on_both_engines!(a_killed_server_keeps_all_or_nothing);
