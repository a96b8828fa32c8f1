//! A portfolio entry backs a wish (« ce stage m'a confirmé … »): attached with a note, attached
//! again (the note changes), refused (a note too long, a fourth entry), detached, and gone with
//! the wish or the entry; only her own entries and wishes; the counsellor she shares her plan
//! with reads it.

use crate::support::{self, account_id, spawn_app, Engine, Options};
use domain::identity::AccountId;

async fn evidence(app: &support::TestApp) -> Vec<(String, i64, String)> {
    sqlx::query_as("SELECT choice, entry_id, note FROM guidance_wish_evidence ORDER BY entry_id")
        .fetch_all(app.db.pool())
        .await
        .expect("evidence")
}

async fn entry(app: &support::TestApp, owner: i64, title: &str) -> i64 {
    support::portfolio_entry(app, owner, title, &[]).await.get()
}

async fn a_portfolio_entry_backs_a_wish(engine: Engine) {
    let app = spawn_app(
        engine,
        Options {
            with_idp: true,
            ..Options::demo()
        },
    )
    .await;
    let mut pupil = app.demo_browser("eleve").await;
    let pupil_id = account_id(&mut pupil, &app).await;
    let placement = entry(&app, pupil_id, "Stage en boulangerie")
        .await
        .to_string();
    support::post_plain(
        &mut pupil,
        &app,
        "guidance_wish_add",
        &[("decision", "apres-3e"), ("choice", "cap")],
    )
    .await;
    let attach = |entry: &str, note: &str| {
        vec![
            ("decision", "apres-3e".to_owned()),
            ("choice", "cap".to_owned()),
            ("entry", entry.to_owned()),
            ("note", note.to_owned()),
        ]
    };
    // Attached with a note, then again: one attachment, the new note.
    let form = attach(&placement, "Ce stage m'a confirmé que j'aime le fournil.");
    let (status, location, _) =
        support::send(&mut pupil, &app, "guidance_wish_evidence", &form, true).await;
    assert_eq!(status, 302);
    assert_eq!(location.as_deref(), Some("/orientation/plan#apres-3e"));
    let form = attach(&placement, "Lever tôt : ça ne me gêne pas.");
    support::send(&mut pupil, &app, "guidance_wish_evidence", &form, true).await;
    assert_eq!(
        evidence(&app).await,
        [(
            "cap".to_owned(),
            placement.parse().unwrap(),
            "Lever tôt : ça ne me gêne pas.".to_owned()
        )]
    );
    let page = pupil.get(&app.url("/orientation/plan")).await;
    assert!(
        page.body.contains(r#"data-testid="wish-evidence""#),
        "{}",
        page.body
    );
    assert!(page.body.contains("Stage en boulangerie") && page.body.contains("Lever tôt"));

    // A note too long: next to the field (plain form), or a 400 in both languages; nothing
    // changes.
    let long = "x".repeat(501);
    let (status, ..) = support::send(
        &mut pupil,
        &app,
        "guidance_wish_evidence",
        &attach(&placement, &long),
        true,
    )
    .await;
    assert_eq!(status, 302);
    let page = pupil.get(&app.url("/orientation/plan")).await;
    assert!(
        page.body.contains(r#"data-testid="evidence-problem""#),
        "{}",
        page.body
    );
    let (status, _, said) = support::send(
        &mut pupil,
        &app,
        "guidance_wish_evidence",
        &attach(&placement, &long),
        false,
    )
    .await;
    assert_eq!(status, 400);
    assert!(
        said.contains("500 caractères") && said.contains("500 characters"),
        "{said}"
    );
    assert_eq!(evidence(&app).await[0].2, "Lever tôt : ça ne me gêne pas.");

    // Three entries a wish: a fourth is refused; one detached (twice: a 404), the fourth fits.
    let mut more = Vec::new();
    for title in [
        "Journée portes ouvertes",
        "Atelier pâtisserie",
        "Visite du CFA",
    ] {
        more.push(entry(&app, pupil_id, title).await.to_string());
    }
    for entry in &more[..2] {
        let (status, ..) = support::send(
            &mut pupil,
            &app,
            "guidance_wish_evidence",
            &attach(entry, ""),
            false,
        )
        .await;
        assert_eq!(status, 200);
    }
    let (status, _, said) = support::send(
        &mut pupil,
        &app,
        "guidance_wish_evidence",
        &attach(&more[2], ""),
        false,
    )
    .await;
    assert_eq!(status, 400);
    assert!(said.contains("3 entrées"), "{said}");
    let detach = |entry: &str| {
        vec![
            ("decision", "apres-3e".to_owned()),
            ("choice", "cap".to_owned()),
            ("entry", entry.to_owned()),
        ]
    };
    let (status, ..) = support::send(
        &mut pupil,
        &app,
        "guidance_wish_evidence_remove",
        &detach(&more[0]),
        true,
    )
    .await;
    assert_eq!(status, 302);
    let (status, ..) = support::send(
        &mut pupil,
        &app,
        "guidance_wish_evidence_remove",
        &detach(&more[0]),
        false,
    )
    .await;
    assert_eq!(status, 404);
    let (status, ..) = support::send(
        &mut pupil,
        &app,
        "guidance_wish_evidence",
        &attach(&more[2], ""),
        false,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(evidence(&app).await.len(), 3);

    // Not hers: another pupil's entry, a wish she does not have, another pupil attaching hers.
    let mut other = support::idp_pupil_browser(&app, "evidence-other", "Alex").await;
    let other_id = account_id(&mut other, &app).await;
    let theirs = entry(&app, other_id, "Leur stage").await.to_string();
    let (status, ..) = support::send(
        &mut pupil,
        &app,
        "guidance_wish_evidence",
        &attach(&theirs, ""),
        false,
    )
    .await;
    assert_eq!(status, 404);
    let mut elsewhere = attach(&placement, "");
    elsewhere[1].1 = "2de-gt".to_owned();
    let (status, ..) = support::send(
        &mut pupil,
        &app,
        "guidance_wish_evidence",
        &elsewhere,
        false,
    )
    .await;
    assert_eq!(status, 404);
    let (status, ..) = support::send(
        &mut other,
        &app,
        "guidance_wish_evidence",
        &attach(&placement, ""),
        false,
    )
    .await;
    assert_eq!(status, 404);
    assert_eq!(evidence(&app).await.len(), 3);

    // The counsellor she shares her plan with reads what backs the wish.
    let mut counsellor = app.demo_browser("conseillere").await;
    let counsellor_id = account_id(&mut counsellor, &app).await.to_string();
    support::post_plain(
        &mut pupil,
        &app,
        "guidance_share",
        &[("person", &counsellor_id)],
    )
    .await;
    let read = counsellor
        .get(&app.url(&format!("/orientation/eleves/{pupil_id}")))
        .await;
    assert!(
        read.body.contains("Stage en boulangerie") && read.body.contains("Lever tôt"),
        "{}",
        read.body
    );
    assert!(!read.body.contains(r#"data-testid="evidence-attach""#));

    // The entry deleted, its attachment goes; the wish taken out, all of its go.
    domain::portfolio::store::delete(
        &app.db,
        AccountId::from_db(pupil_id),
        domain::portfolio::EntryId::from_db(placement.parse().unwrap()),
    )
    .await
    .expect("deleted");
    assert_eq!(evidence(&app).await.len(), 2);
    support::post_plain(
        &mut pupil,
        &app,
        "guidance_wish_remove",
        &[("decision", "apres-3e"), ("choice", "cap")],
    )
    .await;
    assert!(evidence(&app).await.is_empty());
    app.finish().await;
}

on_both_engines!(a_portfolio_entry_backs_a_wish);
