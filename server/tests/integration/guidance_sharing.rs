//! The plan with the counsellor: the pupil shares it with a counsellor of her school (twice is
//! once), the counsellor reads it and recommends from an item's page, the pupil accepts one
//! (a favourite) and declines another, takes the plan back (the counsellor loses it at once)
//! and shares it again; every step is a line of her journal. No one else reaches any of it.

use crate::support::{self, account_id, call, spawn_app, Engine, Options};

/// The pupil's journal lines of guidance, in order.
async fn journal(app: &support::TestApp, pupil: i64) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT action FROM audit_events WHERE owner_id = $1 AND action LIKE 'guidance%' ORDER BY seq",
    )
    .bind(pupil)
    .fetch_all(app.db.pool())
    .await
    .expect("journal")
}

async fn recommendation_ids(app: &support::TestApp) -> Vec<i64> {
    sqlx::query_scalar("SELECT id FROM guidance_recommendations ORDER BY id")
        .fetch_all(app.db.pool())
        .await
        .expect("recommendations")
}

async fn a_counsellor_recommends_on_a_shared_plan_and_loses_it_when_taken_back(engine: Engine) {
    let app = spawn_app(
        engine,
        Options {
            with_idp: true,
            ..Options::demo()
        },
    )
    .await;
    let mut pupil = app.demo_browser("eleve").await;
    let mut counsellor = app.demo_browser("conseillere").await;
    let pupil_id = account_id(&mut pupil, &app).await;
    let counsellor_id = account_id(&mut counsellor, &app).await.to_string();
    let plan_url = app.url(&format!("/orientation/eleves/{pupil_id}"));
    let recommend = |note: &'static str| {
        let pupil = pupil_id.to_string();
        move |item: &'static str| {
            vec![
                ("pupil", pupil.clone()),
                ("item", item.to_owned()),
                ("note", note.to_owned()),
            ]
        }
    };

    // Not shared yet: the counsellor has nothing, and reaches nothing.
    let list = counsellor.get(&app.url("/orientation/eleves")).await;
    assert!(
        list.body.contains(r#"data-testid="shared-plans-none""#),
        "{}",
        list.body
    );
    assert_eq!(counsellor.get(&plan_url).await.status.as_u16(), 404);
    let form = recommend("")("MET.38");
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, _, _) = call(&mut counsellor, &app, "guidance_recommend", &form).await;
    assert_eq!(status.as_u16(), 404);
    let page = pupil.get(&app.url("/orientation/plan")).await;
    assert!(page.body.contains(r#"data-testid="plan-sharing""#));
    assert!(page.body.contains("Démo-Benali"), "{}", page.body);
    assert!(!page.body.contains(r#"data-testid="shared-on""#));

    // Shared (twice: one grant, one line).
    for _ in 0..2 {
        let shared = support::post_plain(
            &mut pupil,
            &app,
            "guidance_share",
            &[("person", &counsellor_id)],
        )
        .await;
        assert_eq!(
            shared.location.as_deref(),
            Some("/orientation/plan#partage")
        );
    }
    assert_eq!(app.count("guidance_plan_grants").await, 1);
    assert_eq!(journal(&app, pupil_id).await, ["guidance_plan_shared"]);
    let page = pupil.get(&app.url("/orientation/plan")).await;
    assert!(page.body.contains(r#"data-testid="shared-on""#));

    // The counsellor reads it: her favourite and its note; the view is in her journal.
    support::post_plain(
        &mut pupil,
        &app,
        "guidance_favourite_save",
        &[("item", "FOR.2246"), ("note", "Le pain, le matin")],
    )
    .await;
    let list = counsellor.get(&app.url("/orientation/eleves")).await;
    assert!(
        list.body.contains(&format!(r#"data-pupil="{pupil_id}""#)),
        "{}",
        list.body
    );
    let read = counsellor.get(&plan_url).await;
    assert_eq!(read.status.as_u16(), 200, "{}", read.body);
    assert!(read.body.contains("CAP boulanger") && read.body.contains("Le pain, le matin"));
    assert!(
        !read.body.contains(r#"data-testid="wish-add""#),
        "read-only"
    );
    assert!(journal(&app, pupil_id)
        .await
        .contains(&"guidance_plan_viewed".to_owned()));

    // She recommends two items from their pages; a note too long is refused next to the field
    // (plain form) or with a 400 in both languages (API), and an unknown item is a 404.
    let page = counsellor
        .get(&app.url("/orientation/metiers/MET.38"))
        .await;
    assert!(
        page.body.contains(r#"data-testid="recommend-box""#),
        "{}",
        page.body
    );
    for item in ["MET.38", "FOR.2378"] {
        let form = recommend("Tu parles souvent de soigner.")(item);
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let sent = support::post_plain(&mut counsellor, &app, "guidance_recommend", &form).await;
        assert!(sent
            .location
            .as_deref()
            .is_some_and(|l| l.ends_with("#recommander")));
    }
    let page = counsellor
        .get(&app.url("/orientation/formations/FOR.2378"))
        .await;
    assert!(
        page.body.contains(r#"data-testid="recommend-sent""#),
        "{}",
        page.body
    );
    let long = "x".repeat(501);
    let form = [
        ("pupil", pupil_id.to_string()),
        ("item", "MET.38".into()),
        ("note", long.clone()),
    ];
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    support::post_plain(&mut counsellor, &app, "guidance_recommend", &form).await;
    let page = counsellor
        .get(&app.url("/orientation/metiers/MET.38"))
        .await;
    assert!(
        page.body.contains(r#"data-testid="recommend-problem""#),
        "{}",
        page.body
    );
    assert!(page.body.contains(&long));
    let (status, _, body) = call(&mut counsellor, &app, "guidance_recommend", &form).await;
    assert_eq!(status.as_u16(), 400);
    let said = body.to_string();
    assert!(
        said.contains("500 caractères") && said.contains("500 characters"),
        "{said}"
    );
    let form = recommend("")("FOR.999999");
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, _, _) = call(&mut counsellor, &app, "guidance_recommend", &form).await;
    assert_eq!(status.as_u16(), 404);
    let ids = recommendation_ids(&app).await;
    assert_eq!(ids.len(), 2);

    // The pupil reads them with who and why; accepts the métier (a favourite), declines the
    // formation; a second answer is a 404, and so is another pupil's.
    let page = pupil.get(&app.url("/orientation/plan")).await;
    assert!(page.body.contains(r#"data-testid="recommendations""#));
    assert!(page.body.contains("Tu parles souvent de soigner."));
    assert!(
        page.body.contains("Recommandé par Nadia Démo-Benali"),
        "{}",
        page.body
    );
    let (first, second) = (ids[0].to_string(), ids[1].to_string());
    let answered = support::post_plain(
        &mut pupil,
        &app,
        "guidance_answer",
        &[("recommendation", &first), ("answer", "accepted")],
    )
    .await;
    assert_eq!(
        answered.location.as_deref(),
        Some("/orientation/plan#recommandations")
    );
    support::post_plain(
        &mut pupil,
        &app,
        "guidance_answer",
        &[("recommendation", &second), ("answer", "declined")],
    )
    .await;
    let favourites: Vec<String> =
        sqlx::query_scalar("SELECT item_id FROM guidance_favourites ORDER BY item_id")
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    assert_eq!(favourites, ["FOR.2246", "MET.38"]);
    let (status, _, _) = call(
        &mut pupil,
        &app,
        "guidance_answer",
        &[("recommendation", &first), ("answer", "declined")],
    )
    .await;
    assert_eq!(status.as_u16(), 404);
    let mut other = support::idp_pupil_browser(&app, "sharing-other", "Alex").await;
    let (status, _, _) = call(
        &mut other,
        &app,
        "guidance_answer",
        &[("recommendation", &second), ("answer", "accepted")],
    )
    .await;
    assert_eq!(status.as_u16(), 404);
    // Her own favourite's note stays when a recommendation of it is accepted.
    let note: String =
        sqlx::query_scalar("SELECT note FROM guidance_favourites WHERE item_id = 'FOR.2246'")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(note, "Le pain, le matin");

    // Taken back: the counsellor loses the plan at once; shared again, it is back.
    support::post_plain(
        &mut pupil,
        &app,
        "guidance_share",
        &[("person", &counsellor_id), ("stop", "1")],
    )
    .await;
    assert_eq!(counsellor.get(&plan_url).await.status.as_u16(), 404);
    let form = recommend("")("MET.17");
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, _, _) = call(&mut counsellor, &app, "guidance_recommend", &form).await;
    assert_eq!(status.as_u16(), 404);
    support::post_plain(
        &mut pupil,
        &app,
        "guidance_share",
        &[("person", &counsellor_id)],
    )
    .await;
    assert_eq!(counsellor.get(&plan_url).await.status.as_u16(), 200);
    assert_eq!(
        journal(&app, pupil_id)
            .await
            .into_iter()
            .filter(|a| a != "guidance_plan_viewed")
            .collect::<Vec<_>>(),
        [
            "guidance_plan_shared",
            "guidance_recommended",
            "guidance_recommended",
            "guidance_recommendation_accepted",
            "guidance_recommendation_declined",
            "guidance_plan_unshared",
            "guidance_plan_shared"
        ]
    );

    // Sharing with someone who is not a counsellor of her school: refused. A pupil and a
    // guardian have no shared plans to read; signed out, nothing.
    let other_id = account_id(&mut other, &app).await.to_string();
    let (status, _, _) = call(&mut pupil, &app, "guidance_share", &[("person", &other_id)]).await;
    assert_eq!(status.as_u16(), 404);
    assert_eq!(
        other
            .get(&app.url("/orientation/eleves"))
            .await
            .status
            .as_u16(),
        403
    );
    assert_eq!(other.get(&plan_url).await.status.as_u16(), 404);
    // A parent not linked to her: nothing shared, nothing reached, and no sharing of her own.
    let mut parent = app.demo_browser("parent").await;
    let list = parent.get(&app.url("/orientation/eleves")).await;
    assert!(
        list.body.contains(r#"data-testid="shared-plans-none""#),
        "{}",
        list.body
    );
    assert_eq!(parent.get(&plan_url).await.status.as_u16(), 404);
    let (status, _, _) = call(
        &mut parent,
        &app,
        "guidance_share",
        &[("person", &counsellor_id)],
    )
    .await;
    assert_eq!(status.as_u16(), 403);
    let mut visitor = support::Browser::new();
    assert_eq!(visitor.get(&plan_url).await.status.as_u16(), 401);
    app.finish().await;
}

/// A guardian reads the plan the pupil delegates to her, read-only, only while she delegates it
/// and while their link lives.
async fn a_guardian_reads_the_delegated_plan_and_loses_it_with_the_link(engine: Engine) {
    let app = spawn_app(engine, Options::demo()).await;
    let mut pupil = app.demo_browser("eleve").await;
    let mut parent = app.demo_browser("parent").await;
    let pupil_id = account_id(&mut pupil, &app).await;
    let parent_id = account_id(&mut parent, &app).await;
    let plan_url = app.url(&format!("/orientation/eleves/{pupil_id}"));
    let parent_form = parent_id.to_string();
    // Not linked yet: she is not someone the pupil may share with.
    let (status, _, _) = call(
        &mut pupil,
        &app,
        "guidance_share",
        &[("person", &parent_form)],
    )
    .await;
    assert_eq!(status.as_u16(), 404);
    // Linked (as the family page does), then delegated.
    let invitation = domain::sharing::guardianship_store::invite(
        &app.db,
        domain::identity::AccountId::from_db(pupil_id),
    )
    .await
    .unwrap();
    domain::sharing::guardianship_store::accept(
        &app.db,
        domain::identity::AccountId::from_db(parent_id),
        &invitation.code,
        server::identity::demo::DEMO_PUPIL_BIRTH_DATE,
    )
    .await
    .unwrap();
    assert_eq!(
        parent.get(&plan_url).await.status.as_u16(),
        404,
        "linked is not delegated"
    );
    let page = pupil.get(&app.url("/orientation/plan")).await;
    assert!(
        page.body.contains(&format!(r#"data-person="{parent_id}""#)),
        "{}",
        page.body
    );
    support::post_plain(
        &mut pupil,
        &app,
        "guidance_wish_add",
        &[("decision", "apres-3e"), ("choice", "2de-gt")],
    )
    .await;
    support::post_plain(
        &mut pupil,
        &app,
        "guidance_share",
        &[("person", &parent_form)],
    )
    .await;

    // Read-only: her wish, no form, no recommendation; a recommendation is refused.
    let list = parent.get(&app.url("/orientation/eleves")).await;
    assert!(
        list.body.contains(&format!(r#"data-pupil="{pupil_id}""#)),
        "{}",
        list.body
    );
    let read = parent.get(&plan_url).await;
    assert_eq!(read.status.as_u16(), 200, "{}", read.body);
    assert!(read.body.contains("2de générale et technologique"));
    assert!(!read.body.contains(r#"data-testid="wish-add""#));
    assert!(
        !read.body.contains(r#"<a href="/orientation">"#),
        "no search to recommend from"
    );
    let (status, _, _) = call(
        &mut parent,
        &app,
        "guidance_recommend",
        &[
            ("pupil", &pupil_id.to_string()),
            ("item", "MET.38"),
            ("note", ""),
        ],
    )
    .await;
    assert_eq!(status.as_u16(), 404);
    assert_eq!(app.count("guidance_recommendations").await, 0);

    // Taken back, then delegated again; then the link ends: the plan goes with it.
    support::post_plain(
        &mut pupil,
        &app,
        "guidance_share",
        &[("person", &parent_form), ("stop", "1")],
    )
    .await;
    assert_eq!(parent.get(&plan_url).await.status.as_u16(), 404);
    support::post_plain(
        &mut pupil,
        &app,
        "guidance_share",
        &[("person", &parent_form)],
    )
    .await;
    assert_eq!(parent.get(&plan_url).await.status.as_u16(), 200);
    domain::sharing::guardianship_store::unlink(
        &app.db,
        domain::identity::AccountId::from_db(pupil_id),
        domain::identity::AccountId::from_db(parent_id),
    )
    .await
    .unwrap();
    assert_eq!(parent.get(&plan_url).await.status.as_u16(), 404);
    assert_eq!(app.count("guidance_plan_grants").await, 0);
    app.finish().await;
}

on_both_engines!(
    a_counsellor_recommends_on_a_shared_plan_and_loses_it_when_taken_back,
    a_guardian_reads_the_delegated_plan_and_loses_it_with_the_link
);
