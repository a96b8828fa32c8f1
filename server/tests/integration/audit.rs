//! The security journal: what the owner reads, and the hash chain that shows tampering.

use crate::support;

use domain::audit::{self, AuditAction, ChainStatus, NewAuditEvent};
use domain::i18n::Lang;
use domain::identity::AccountId;
use reqwest::StatusCode;
use server::admin::{self, AdminError};
use support::{spawn_app, Browser, Engine, Options, TestApp};

async fn demo_app(engine: Engine) -> TestApp {
    spawn_app(engine, Options::demo()).await
}

fn args(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| w.to_string()).collect()
}

async fn the_owner_reads_their_own_journal_only(engine: Engine) {
    let app = demo_app(engine).await;
    let mut pupil = app.demo_browser("eleve").await;
    let out = pupil
        .post_form(&app.url("/auth/deconnexion"), &[], &app.base)
        .await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    let mut pupil = app.demo_browser("eleve").await;
    let journal = pupil.get(&app.url("/journal")).await;
    assert_eq!(journal.status, StatusCode::OK);
    assert!(
        journal.body.contains("Mon journal d&#x27;accès")
            || journal.body.contains("Mon journal d'accès")
    );
    assert_eq!(
        journal.body.matches("data-action=\"signed_in\"").count(),
        2,
        "{}",
        journal.body
    );
    assert_eq!(
        journal.body.matches("data-action=\"signed_out\"").count(),
        1
    );
    assert!(journal.body.contains("démo"));

    // The parent's journal holds the parent's sign-in, not the pupil's.
    let mut parent = app.demo_browser("parent").await;
    let journal = parent.get(&app.url("/journal")).await;
    assert_eq!(journal.body.matches("data-action=\"signed_in\"").count(), 1);
    assert_eq!(
        journal.body.matches("data-action=\"signed_out\"").count(),
        0
    );
    app.finish().await;
}

/// A long journal is read a page at a time, newest first, to its very first line; filtered
/// by kind; and downloaded whole as CSV.
async fn the_whole_journal_pages_filters_and_downloads(engine: Engine) {
    let app = demo_app(engine).await;
    let mut pupil = app.demo_browser("eleve").await;
    let me = support::account_id(&mut pupil, &app).await;
    for i in 0..120 {
        audit::record(
            &app.db,
            &NewAuditEvent {
                actor: Some(AccountId::from_db(me)),
                owner: Some(AccountId::from_db(me)),
                action: if i % 3 == 0 {
                    AuditAction::PasskeyAdded
                } else {
                    AuditAction::SignedOut
                },
                detail: audit::AuditDetail::name(format!("ligne {i}")),
            },
        )
        .await
        .unwrap();
    }
    // 121 lines: the demo sign-in, then 120.
    let mut seen = Vec::new();
    let mut before: Option<i64> = None;
    loop {
        let before_text = before.map(|b| b.to_string()).unwrap_or_default();
        let form: Vec<(&str, &str)> = if before.is_some() {
            vec![("before", &before_text)]
        } else {
            vec![]
        };
        let (status, _, page) = support::call(&mut pupil, &app, "my_journal", &form).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        let page = page.as_array().unwrap().clone();
        seen.extend(page.iter().map(|e| e["seq"].as_i64().unwrap()));
        if page.len() < 50 {
            break;
        }
        before = page.last().and_then(|e| e["seq"].as_i64());
    }
    assert_eq!(seen.len(), 121, "every line, once");
    assert!(seen.windows(2).all(|w| w[0] > w[1]), "newest first");
    // The page shows a link to the older lines.
    let page = pupil.get(&app.url("/journal")).await;
    assert!(page.body.contains("journal-older"));
    let page = pupil
        .get(&app.url(&format!("/journal?avant={}", seen[49])))
        .await;
    assert_eq!(page.body.matches("data-action=").count(), 50);

    // One kind only; an unknown kind is a clear refusal.
    let (_, _, passkeys) =
        support::call(&mut pupil, &app, "my_journal", &[("kind", "passkey_added")]).await;
    assert_eq!(passkeys.as_array().unwrap().len(), 40);
    assert!(passkeys
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["action"] == "PasskeyAdded"));
    let (status, _, _) = support::call(&mut pupil, &app, "my_journal", &[("kind", "nope")]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let page = pupil.get(&app.url("/journal?type=passkey_added")).await;
    assert_eq!(
        page.body.matches("data-action=\"passkey_added\"").count(),
        40
    );

    // The whole journal as CSV: a header and 121 lines.
    let csv = pupil.get(&app.url("/journal.csv")).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    assert!(csv.body.starts_with('\u{feff}'));
    assert_eq!(csv.body.lines().count(), 122, "{}", &csv.body[..300]);
    assert!(csv.body.contains("\"ligne 0\""));
    let mut stranger = Browser::new();
    let page = stranger.get(&app.url("/journal.csv")).await;
    assert_eq!(page.location.as_deref(), Some("/connexion"));
    app.finish().await;
}

/// Views by the hundred: the first of the hour is a journal line at once, the others only a
/// count, written as one line when the hour is over (here: made to be over).
async fn views_are_coalesced_per_hour(engine: Engine) {
    let app = demo_app(engine).await;
    let mut pupil = app.demo_browser("eleve").await;
    let me = AccountId::from_db(support::account_id(&mut pupil, &app).await);
    for _ in 0..5 {
        let mut tx = app.db.pool().begin().await.unwrap();
        audit::count_view(
            &mut tx,
            me,
            None,
            AuditAction::SharedPageViewed,
            &audit::AuditDetail::ShareLink {
                page: "Ma page".into(),
                link: 1,
            },
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
    }
    let lines = |journal: &serde_json::Value| -> Vec<String> {
        journal
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["action"] == "SharedPageViewed")
            .map(|e| {
                let detail = serde_json::from_value(e["detail"].clone()).unwrap();
                app::pages::audit::texts::audit_texts(Lang::Fr).detail(&detail)
            })
            .collect()
    };
    let (_, _, journal) = support::call(&mut pupil, &app, "my_journal", &[]).await;
    assert_eq!(
        lines(&journal),
        ["page «\u{202f}Ma page\u{202f}» (lien n° 1)"],
        "one line for the hour so far"
    );
    sqlx::query("UPDATE audit_coalesced SET hour = hour - 1")
        .execute(app.db.pool())
        .await
        .unwrap();
    let (_, _, journal) = support::call(&mut pupil, &app, "my_journal", &[]).await;
    let seen = lines(&journal);
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert!(seen[0].contains("4 fois de plus"), "{seen:?}");
    assert_eq!(app.count("audit_coalesced").await, 0);
    let ok = admin::run(&app.settings, &args(&["verify-audit"])).await;
    assert!(ok.is_ok(), "{ok:?}");
    app.finish().await;
}

async fn the_journal_needs_a_signed_in_owner(engine: Engine) {
    let app = demo_app(engine).await;
    let mut stranger = Browser::new();
    let page = stranger.get(&app.url("/journal")).await;
    assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    assert!(page.body.contains("href=\"/connexion\""));
    assert!(!page.body.contains("data-testid=\"journal\""));
    // The server function itself refuses, whatever the page does.
    let api = stranger
        .request(
            reqwest::Method::POST,
            &app.url("/api/my_journal"),
            Some(&[]),
            &[],
        )
        .await;
    assert!(!api.status.is_success(), "{}", api.status);
    assert!(api.body.contains("NotSignedIn"), "{}", api.body);
    app.finish().await;
}

async fn the_chain_shows_an_edited_or_deleted_row(engine: Engine) {
    let app = demo_app(engine).await;
    for key in ["eleve", "parent", "conseillere"] {
        app.demo_browser(key).await;
    }
    let ok = admin::run(&app.settings, &args(&["verify-audit"]))
        .await
        .unwrap();
    assert_eq!(ok, "journal intact: 3 rows");

    // Someone with database access hides a sign-in by rewriting its detail.
    sqlx::query("UPDATE audit_events SET detail = 'rien' WHERE seq = 2")
        .execute(app.db.pool())
        .await
        .unwrap();
    let broken = admin::run(&app.settings, &args(&["verify-audit"])).await;
    assert!(
        matches!(broken, Err(AdminError::ChainBroken { seq: 2, .. })),
        "{broken:?}"
    );
    assert_eq!(
        audit::verify(&app.db, Some(&app.settings.audit_key().unwrap()), None)
            .await
            .unwrap(),
        ChainStatus::BrokenAt {
            seq: 2,
            reason: "row content does not match its hash"
        }
    );
    app.finish().await;

    let app = demo_app(engine).await;
    for key in ["eleve", "parent"] {
        app.demo_browser(key).await;
    }
    sqlx::query("DELETE FROM audit_events WHERE seq = 2")
        .execute(app.db.pool())
        .await
        .unwrap();
    assert!(matches!(
        audit::verify(&app.db, Some(&app.settings.audit_key().unwrap()), None)
            .await
            .unwrap(),
        ChainStatus::BrokenAt { seq: 2, .. }
    ));
    app.finish().await;
}

/// A journal row as stored: seq, time, actor, owner, action, detail.
type JournalRow = (i64, i64, Option<i64>, Option<i64>, String, String);

/// Someone with write access to the database rewrites a row and recomputes the chain the way
/// the old plain SHA-256 chain was made (head included): the key catches it. Someone who cuts
/// the end of the journal and moves the head back: the checkpoint kept outside catches it.
async fn a_rewritten_chain_is_caught_by_the_key_and_checkpoints(engine: Engine) {
    let app = demo_app(engine).await;
    for key in ["eleve", "parent", "conseillere"] {
        app.demo_browser(key).await;
    }
    let checkpoint = admin::run(&app.settings, &args(&["audit-checkpoint"]))
        .await
        .unwrap();
    assert!(checkpoint.starts_with("3:k1:"), "{checkpoint}");
    let ok = admin::run(&app.settings, &args(&["verify-audit", &checkpoint])).await;
    assert_eq!(ok.unwrap(), "journal intact: 3 rows");
    // A checkpoint signed with another key (or typed by hand) is refused.
    let forged = format!("{}0", &checkpoint[..checkpoint.len() - 1]);
    let forged = if forged == checkpoint {
        format!("{}1", &checkpoint[..checkpoint.len() - 1])
    } else {
        forged
    };
    assert!(matches!(
        admin::run(&app.settings, &args(&["verify-audit", &forged])).await,
        Err(AdminError::BadCheckpoint)
    ));

    // Rewrite row 2 and recompute every hash from there as plain SHA-256, head included.
    rewrite_as_plain_chain(&app, Some(2)).await;
    // Without the key the forgery holds; with it, it does not.
    assert!(matches!(
        audit::verify(&app.db, None, None).await.unwrap(),
        ChainStatus::Intact { .. }
    ));
    let broken = admin::run(&app.settings, &args(&["verify-audit", &checkpoint])).await;
    assert!(
        matches!(broken, Err(AdminError::ChainBroken { .. })),
        "{broken:?}"
    );
    app.finish().await;

    // Cutting the last line and moving the head back: only a checkpoint can tell.
    let app = demo_app(engine).await;
    for key in ["eleve", "parent", "conseillere"] {
        app.demo_browser(key).await;
    }
    let checkpoint = admin::run(&app.settings, &args(&["audit-checkpoint"]))
        .await
        .unwrap();
    let second: (String,) = sqlx::query_as("SELECT hash FROM audit_events WHERE seq = 2")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    sqlx::query("DELETE FROM audit_events WHERE seq = 3")
        .execute(app.db.pool())
        .await
        .unwrap();
    sqlx::query("UPDATE audit_head SET seq = 2, hash = $1 WHERE id = 1")
        .bind(&second.0)
        .execute(app.db.pool())
        .await
        .unwrap();
    assert!(admin::run(&app.settings, &args(&["verify-audit"]))
        .await
        .is_ok());
    let cut = admin::run(&app.settings, &args(&["verify-audit", &checkpoint])).await;
    assert!(
        matches!(cut, Err(AdminError::ChainBroken { seq: 3, .. })),
        "{cut:?}"
    );
    app.finish().await;
}

/// Recomputes every row's hash as the old plain SHA-256 chain (head included), with row
/// `changed`'s detail rewritten: what someone with write access to the database can do.
async fn rewrite_as_plain_chain(app: &TestApp, changed: Option<i64>) {
    let rows: Vec<JournalRow> = sqlx::query_as(
        "SELECT seq, occurred_at, actor_id, owner_id, action, detail FROM audit_events ORDER BY seq",
    )
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    let mut prev = audit::GENESIS_HASH.to_owned();
    for (seq, at, actor, owner, action, detail) in rows {
        let detail = if Some(seq) == changed {
            "rien".to_owned()
        } else {
            detail
        };
        let hash = audit::chain_hash(&prev, seq, at, actor, owner, &action, &detail);
        sqlx::query(
            "UPDATE audit_events SET detail = $1, prev_hash = $2, hash = $3 WHERE seq = $4",
        )
        .bind(&detail)
        .bind(&prev)
        .bind(&hash)
        .bind(seq)
        .execute(app.db.pool())
        .await
        .unwrap();
        prev = hash;
    }
    sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1")
        .bind(&prev)
        .execute(app.db.pool())
        .await
        .unwrap();
}

/// The record of when the journal was keyed, as stored.
async fn keying_record(app: &TestApp) -> Option<String> {
    sqlx::query_scalar::<_, Option<String>>("SELECT keyed_since FROM audit_head WHERE id = 1")
        .fetch_one(app.db.pool())
        .await
        .unwrap()
}

/// A start again on the same database (what a restart does to the journal).
async fn start_again(app: &TestApp) {
    let again = server::Application::build(app.settings.clone())
        .await
        .expect("a second start");
    drop(again);
}

/// Issue 29, § 4: a start never re-keys. A journal rewritten as a plain chain stays caught
/// after a restart; a journal written before its key is re-keyed once, by the command, which
/// then refuses; plain rows after that are tampering, reported at start and by `verify-audit`.
async fn a_restart_never_rekeys_the_journal(engine: Engine) {
    let app = demo_app(engine).await;
    for key in ["eleve", "parent", "conseillere"] {
        app.demo_browser(key).await;
    }
    // The first start recorded that the journal is keyed from its first row.
    assert!(keying_record(&app)
        .await
        .is_some_and(|r| r.starts_with("1:")));
    let refused = admin::run(&app.settings, &args(&["audit-rechain"])).await;
    assert!(
        matches!(
            refused,
            Err(AdminError::RechainRefused(
                audit::RechainRefused::AlreadyKeyed { since: 1 }
            ))
        ),
        "{refused:?}"
    );

    // Someone rewrites the journal as a plain chain, then the server restarts: still caught.
    rewrite_as_plain_chain(&app, Some(2)).await;
    start_again(&app).await;
    let broken = admin::run(&app.settings, &args(&["verify-audit"])).await;
    assert!(
        matches!(&broken, Err(AdminError::ChainBroken { seq: 1, reason }) if reason.contains("tampering")),
        "{broken:?}"
    );
    assert!(matches!(
        admin::run(&app.settings, &args(&["audit-rechain"])).await,
        Err(AdminError::RechainRefused(_))
    ));
    // A record written by someone else is no record.
    sqlx::query("UPDATE audit_head SET keyed_since = '1:00' WHERE id = 1")
        .execute(app.db.pool())
        .await
        .unwrap();
    let forged = admin::run(&app.settings, &args(&["verify-audit"])).await;
    assert!(
        matches!(forged, Err(AdminError::ChainBroken { seq: 0, .. })),
        "{forged:?}"
    );
    app.finish().await;

    // A journal written before its key (plain rows, no record): a start leaves it as it is,
    // verify says what to do, the command re-keys it once and refuses a second time.
    let app = demo_app(engine).await;
    for key in ["eleve", "parent", "conseillere"] {
        app.demo_browser(key).await;
    }
    rewrite_as_plain_chain(&app, None).await;
    sqlx::query("UPDATE audit_head SET keyed_since = NULL WHERE id = 1")
        .execute(app.db.pool())
        .await
        .unwrap();
    start_again(&app).await;
    assert_eq!(
        keying_record(&app).await,
        None,
        "a start writes no record over plain rows"
    );
    let pending = admin::run(&app.settings, &args(&["verify-audit"])).await;
    assert!(
        matches!(&pending, Err(AdminError::ChainBroken { seq: 1, reason }) if reason.contains("audit-rechain")),
        "{pending:?}"
    );
    let done = admin::run(&app.settings, &args(&["audit-rechain"]))
        .await
        .unwrap();
    assert!(done.contains("rows of the journal re-chained"), "{done}");
    let intact = admin::run(&app.settings, &args(&["verify-audit"]))
        .await
        .unwrap();
    assert!(intact.starts_with("journal intact"), "{intact}");
    assert!(matches!(
        admin::run(&app.settings, &args(&["audit-rechain"])).await,
        Err(AdminError::RechainRefused(
            audit::RechainRefused::AlreadyKeyed { since: 1 }
        ))
    ));
    app.finish().await;
}

/// Issue 29, § 4: the server writes the journal's signed checkpoint outside the database on
/// its timer (at start, then every ten minutes when the journal moved); an operator gives a
/// line back to `verify-audit`.
async fn the_server_keeps_checkpoints_outside_the_database(engine: Engine) {
    let folder = tempfile::tempdir().expect("a folder");
    let file = folder.path().join("checkpoints.txt");
    let app = spawn_app(
        engine,
        Options {
            env: vec![(
                "SILLAGE_AUDIT__CHECKPOINT_FILE".into(),
                file.display().to_string(),
            )],
            ..Options::demo()
        },
    )
    .await;
    // The timer's first round runs as the server starts; wait for its line, within a bound.
    let until = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let mut written = String::new();
    while written.is_empty() && std::time::Instant::now() < until {
        written = std::fs::read_to_string(&file).unwrap_or_default();
        tokio::task::yield_now().await;
    }
    let line = written.lines().last().expect("a checkpoint line");
    let checkpoint = line.rsplit(' ').next().unwrap();
    assert!(
        audit::parse_checkpoint(&app.settings.audit_key().unwrap(), checkpoint).is_some(),
        "{line}"
    );
    let intact = admin::run(&app.settings, &args(&["verify-audit", checkpoint]))
        .await
        .unwrap();
    assert!(intact.starts_with("journal intact"), "{intact}");
    app.finish().await;
}

async fn concurrent_appends_keep_one_chain(engine: Engine) {
    let app = demo_app(engine).await;
    let tasks: Vec<_> = (0..24)
        .map(|i| {
            let db = app.db.clone();
            tokio::spawn(async move {
                audit::record(
                    &db,
                    &NewAuditEvent {
                        actor: Some(AccountId::from_db(1)),
                        owner: Some(AccountId::from_db(1)),
                        action: AuditAction::SignedIn,
                        detail: audit::AuditDetail::name(format!("parallel {i}")),
                    },
                )
                .await
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap().expect("append");
    }
    assert_eq!(
        audit::verify(&app.db, Some(&app.settings.audit_key().unwrap()), None)
            .await
            .unwrap(),
        ChainStatus::Intact { rows: 24 }
    );
    app.finish().await;
}

async fn admins_promote_staff_and_attach_schools(engine: Engine) {
    let app = demo_app(engine).await;
    let issuer = "urn:sillage:demo";
    let done = admin::run(
        &app.settings,
        &args(&["promote", issuer, "demo-conseillere", "admin"]),
    )
    .await
    .unwrap();
    assert!(done.ends_with("is now admin"), "{done}");

    for (words, expected) in [
        (vec!["promote", issuer, "demo-eleve", "admin"], "NotStaff"),
        (vec!["promote", issuer, "nobody", "admin"], "NoSuchAccount"),
        (vec!["promote", issuer, "demo-conseillere", "king"], "Usage"),
        (vec!["attach-school", "2", "75001"], "Usage"),
        (vec!["attach-school", "x", "0750001A"], "Usage"),
        (vec!["frobnicate"], "Usage"),
    ] {
        let error = admin::run(&app.settings, &args(&words)).await.unwrap_err();
        assert!(
            format!("{error:?}").contains(expected),
            "{words:?}: {error:?}"
        );
    }

    let counsellor = domain::identity::store::find_by_subject(&app.db, issuer, "demo-conseillere")
        .await
        .unwrap()
        .unwrap();
    let id = counsellor.id.to_string();
    let first = admin::run(&app.settings, &args(&["attach-school", &id, "0750001a"]))
        .await
        .unwrap();
    assert!(first.contains("attached to 0750001A"), "{first}");
    let again = admin::run(&app.settings, &args(&["attach-school", &id, "0750001A"]))
        .await
        .unwrap();
    assert!(again.contains("already"), "{again}");
    let pupil = domain::identity::store::find_by_subject(&app.db, issuer, "demo-eleve")
        .await
        .unwrap()
        .unwrap();
    let refused = admin::run(
        &app.settings,
        &args(&["attach-school", &pupil.id.to_string(), "0750001A"]),
    )
    .await;
    assert!(matches!(refused, Err(AdminError::Role(_))), "{refused:?}");
    assert_eq!(
        domain::identity::store::schools_of(&app.db, counsellor.id)
            .await
            .unwrap(),
        // The demo counsellor also serves the demo school (seeded).
        vec!["0750001A".to_owned(), "0999999Z".to_owned()]
    );

    // The admin sees both changes in their journal, made by the administration.
    let mut admin_browser = app.demo_browser("conseillere").await;
    let journal = admin_browser.get(&app.url("/journal")).await;
    assert!(
        journal.body.contains("data-action=\"role_changed\""),
        "{}",
        journal.body
    );
    assert!(journal.body.contains("data-action=\"school_attached\""));
    assert!(
        journal.body.contains("l&#x27;administration de Sillage")
            || journal.body.contains("l'administration de Sillage")
    );
    // A demo sign-in later does not demote the admin.
    let home = admin_browser.get(&app.url("/")).await;
    assert!(
        home.body.contains("Administrateur·rice") || home.body.contains("Administration de l"),
        "{}",
        home.body
    );
    assert_eq!(
        admin::run(&app.settings, &args(&["verify-audit"]))
            .await
            .unwrap(),
        "journal intact: 3 rows"
    );
    app.finish().await;
}

on_both_engines!(
    a_rewritten_chain_is_caught_by_the_key_and_checkpoints,
    a_restart_never_rekeys_the_journal,
    the_server_keeps_checkpoints_outside_the_database,
    the_whole_journal_pages_filters_and_downloads,
    views_are_coalesced_per_hour,
    the_owner_reads_their_own_journal_only,
    the_journal_needs_a_signed_in_owner,
    the_chain_shows_an_edited_or_deleted_row,
    concurrent_appends_keep_one_chain,
    admins_promote_staff_and_attach_schools,
);
