//! The security journal: what the owner reads, and the hash chain that shows tampering.

mod support;

use domain::audit::{self, AuditAction, ChainStatus, NewAuditEvent};
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
        audit::verify(&app.db).await.unwrap(),
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
        audit::verify(&app.db).await.unwrap(),
        ChainStatus::BrokenAt { seq: 2, .. }
    ));
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
                        detail: format!("parallel {i}"),
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
        audit::verify(&app.db).await.unwrap(),
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
    the_owner_reads_their_own_journal_only,
    the_journal_needs_a_signed_in_owner,
    the_chain_shows_an_edited_or_deleted_row,
    concurrent_appends_keep_one_chain,
    admins_promote_staff_and_attach_schools,
);
