//! What a counsellor writes on a plan shared with them beyond a métier or a formation: comments
//! (written, refused, taken back) and recommended steps (refused, accepted into her steps,
//! declined, limits); the pupil answers, a delegated guardian reads, no one else reaches any of
//! it, and each change is a line of the pupil's journal.

use crate::support::{self, account_id, call, spawn_app, Engine, Options};

async fn journal(app: &support::TestApp, pupil: i64) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT action FROM audit_events WHERE owner_id = $1 \
         AND (action LIKE 'guidance_comment%' OR action LIKE 'guidance_step%') ORDER BY seq",
    )
    .bind(pupil)
    .fetch_all(app.db.pool())
    .await
    .expect("journal")
}

async fn ids(app: &support::TestApp, table: &str) -> Vec<i64> {
    sqlx::query_scalar(&format!("SELECT id FROM {table} ORDER BY id"))
        .fetch_all(app.db.pool())
        .await
        .expect("ids")
}

async fn steps(app: &support::TestApp, pupil: i64) -> Vec<(String, String, Option<String>)> {
    sqlx::query_as(
        "SELECT decision, label, due_on FROM guidance_steps WHERE owner_id = $1 ORDER BY id",
    )
    .bind(pupil)
    .fetch_all(app.db.pool())
    .await
    .expect("steps")
}

async fn a_counsellor_comments_and_recommends_steps_the_pupil_answers(engine: Engine) {
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
    let pupil_form = pupil_id.to_string();
    let counsellor_id = account_id(&mut counsellor, &app).await.to_string();
    let plan_url = app.url(&format!("/orientation/eleves/{pupil_id}"));
    let comment = |body: &'static str| [("pupil", pupil_form.clone()), ("body", body.to_owned())];
    let step = |label: &'static str, due: &'static str| {
        [
            ("pupil", pupil_form.clone()),
            ("decision", "apres-3e".to_owned()),
            ("label", label.to_owned()),
            ("due", due.to_owned()),
        ]
    };
    // Not shared: the counsellor can neither comment nor recommend a step.
    let (status, ..) = support::send(
        &mut counsellor,
        &app,
        "guidance_comment",
        &comment("Bonjour"),
        false,
    )
    .await;
    assert_eq!(status, 404);
    let (status, ..) = support::send(
        &mut counsellor,
        &app,
        "guidance_step_recommend",
        &step("Visiter le CFA", ""),
        false,
    )
    .await;
    assert_eq!(status, 404);
    support::post_plain(
        &mut pupil,
        &app,
        "guidance_share",
        &[("person", &counsellor_id)],
    )
    .await;

    // Shared: her plan shows the counsellor both forms.
    let page = counsellor.get(&plan_url).await;
    assert!(
        page.body.contains(r#"data-testid="comment-body""#),
        "{}",
        page.body
    );
    assert!(page.body.contains(r#"data-testid="step-recommend-label""#));

    // A comment refused: empty (plain form: next to the field, once), too long (API: a 400 in
    // both languages); nothing written.
    let (status, location, _) = support::send(
        &mut counsellor,
        &app,
        "guidance_comment",
        &comment(" \n "),
        true,
    )
    .await;
    assert_eq!(status, 302);
    assert_eq!(
        location.as_deref(),
        Some(format!("/orientation/eleves/{pupil_id}#commentaire").as_str())
    );
    let page = counsellor.get(&plan_url).await;
    assert!(page.body.contains(r#"data-testid="comment-problem""#));
    assert!(page.body.contains("Écrivez votre commentaire."));
    let page = counsellor.get(&plan_url).await;
    assert!(
        !page.body.contains(r#"data-testid="comment-problem""#),
        "shown once"
    );
    let long: &'static str = Box::leak("x".repeat(1001).into_boxed_str());
    let (status, _, said) = support::send(
        &mut counsellor,
        &app,
        "guidance_comment",
        &comment(long),
        false,
    )
    .await;
    assert_eq!(status, 400);
    assert!(
        said.contains("1000 caractères") && said.contains("1000 characters"),
        "{said}"
    );
    assert!(ids(&app, "guidance_plan_comments").await.is_empty());

    // Written: two paragraphs; the pupil reads it, cannot take it back; the counsellor can.
    let (status, location, _) = support::send(
        &mut counsellor,
        &app,
        "guidance_comment",
        &comment("Bonjour,\r\n\r\n\r\nTon ordre me paraît juste."),
        true,
    )
    .await;
    assert_eq!(status, 302);
    assert!(location.is_some_and(|l| l.ends_with("#commentaires")));
    let page = pupil.get(&app.url("/orientation/plan")).await;
    assert!(
        page.body.contains(r#"data-testid="comments""#),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("Ton ordre me paraît juste.") && page.body.contains(">Bonjour,</p>")
    );
    assert!(!page.body.contains(r#"data-testid="comment-remove""#));
    assert!(!page.body.contains(r#"data-testid="comment-body""#));
    let page = counsellor.get(&plan_url).await;
    assert!(page.body.contains(r#"data-testid="comment-remove""#));
    let first = ids(&app, "guidance_plan_comments").await[0].to_string();
    let (status, ..) = support::send(
        &mut pupil,
        &app,
        "guidance_comment_remove",
        &[("pupil", pupil_form.clone()), ("comment", first.clone())],
        false,
    )
    .await;
    assert_eq!(status, 404, "not hers to take back");
    let (status, ..) =
        support::send(&mut pupil, &app, "guidance_comment", &comment("Moi"), false).await;
    assert_eq!(
        status, 404,
        "a pupil does not comment her own plan as a counsellor"
    );

    // A step refused: a date that does not exist (plain form: next to the field, what was
    // typed kept), an empty label (API).
    let (status, location, _) = support::send(
        &mut counsellor,
        &app,
        "guidance_step_recommend",
        &step("Visiter le CFA", "2027-02-30"),
        true,
    )
    .await;
    assert_eq!(status, 302);
    assert!(location.is_some_and(|l| l.ends_with("#etape-recommandee-apres-3e")));
    let page = counsellor.get(&plan_url).await;
    assert!(page
        .body
        .contains(r#"data-testid="step-recommend-problem""#));
    assert!(
        page.body.contains(r#"value="Visiter le CFA""#),
        "{}",
        page.body
    );
    let (status, _, said) = support::send(
        &mut counsellor,
        &app,
        "guidance_step_recommend",
        &step("  ", ""),
        false,
    )
    .await;
    assert_eq!(status, 400);
    assert!(
        said.contains("Écrivez l'étape") && said.contains("step"),
        "{said}"
    );
    let (status, ..) = support::send(
        &mut counsellor,
        &app,
        "guidance_step_recommend",
        &[
            ("pupil", pupil_form.clone()),
            ("decision", "apres-bac".to_owned()),
            ("label", "x".to_owned()),
            ("due", String::new()),
        ],
        false,
    )
    .await;
    assert_eq!(status, 404, "no such decision");
    assert!(ids(&app, "guidance_step_recommendations").await.is_empty());

    // Two steps recommended: she adds the first to her steps, declines the second; each once.
    for (label, due) in [
        ("Visiter le CFA de la boulangerie", "2027-03-06"),
        ("Stage en boulangerie", ""),
    ] {
        let (status, ..) = support::send(
            &mut counsellor,
            &app,
            "guidance_step_recommend",
            &step(label, due),
            true,
        )
        .await;
        assert_eq!(status, 302);
    }
    let page = pupil.get(&app.url("/orientation/plan")).await;
    assert!(
        page.body
            .contains(r#"data-testid="step-recommendation-accept""#),
        "{}",
        page.body
    );
    assert!(page.body.contains("Visiter le CFA de la boulangerie"));
    let recommended = ids(&app, "guidance_step_recommendations").await;
    let before = steps(&app, pupil_id).await.len();
    let answer = |id: i64, answer: &str| {
        [
            ("recommendation", id.to_string()),
            ("answer", answer.to_owned()),
        ]
    };
    let (status, location, _) = support::send(
        &mut pupil,
        &app,
        "guidance_step_answer",
        &answer(recommended[0], "accepted"),
        true,
    )
    .await;
    assert_eq!(status, 302);
    assert_eq!(
        location.as_deref(),
        Some("/orientation/plan#recommandations")
    );
    let now = steps(&app, pupil_id).await;
    assert_eq!(now.len(), before + 1);
    assert_eq!(
        now.last().unwrap(),
        &(
            "apres-3e".to_owned(),
            "Visiter le CFA de la boulangerie".to_owned(),
            Some("2027-03-06".to_owned())
        )
    );
    let (status, ..) = support::send(
        &mut pupil,
        &app,
        "guidance_step_answer",
        &answer(recommended[0], "declined"),
        false,
    )
    .await;
    assert_eq!(status, 404, "answered once");
    // Another pupil cannot answer hers.
    let mut other = support::idp_pupil_browser(&app, "counsel-other", "Alex").await;
    let (status, ..) = support::send(
        &mut other,
        &app,
        "guidance_step_answer",
        &answer(recommended[1], "accepted"),
        false,
    )
    .await;
    assert_eq!(status, 404);
    let (status, ..) = support::send(
        &mut pupil,
        &app,
        "guidance_step_answer",
        &answer(recommended[1], "declined"),
        false,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(steps(&app, pupil_id).await.len(), before + 1);
    let page = counsellor.get(&plan_url).await;
    assert!(
        page.body.contains("Ajoutée au plan") && page.body.contains("Déclinée"),
        "{}",
        page.body
    );

    // Limits: 20 steps waiting, then a 21st refused; 100 comments, then a 101st refused.
    for n in 0..20 {
        let label: &'static str = Box::leak(format!("Étape {n}").into_boxed_str());
        let (status, ..) = support::send(
            &mut counsellor,
            &app,
            "guidance_step_recommend",
            &step(label, ""),
            false,
        )
        .await;
        assert_eq!(status, 200, "{n}");
    }
    let (status, _, said) = support::send(
        &mut counsellor,
        &app,
        "guidance_step_recommend",
        &step("Une de trop", ""),
        false,
    )
    .await;
    assert_eq!(status, 400);
    assert!(said.contains("20 étapes recommandées"), "{said}");
    for n in 1..100 {
        sqlx::query(
            "INSERT INTO guidance_plan_comments (pupil_id, author_id, author_name, body, created_at) \
             VALUES ($1, NULL, 'Ancien conseiller', $2, 0)",
        )
        .bind(pupil_id)
        .bind(format!("Commentaire {n}"))
        .execute(app.db.pool())
        .await
        .unwrap();
    }
    let (status, _, said) = support::send(
        &mut counsellor,
        &app,
        "guidance_comment",
        &comment("Encore"),
        false,
    )
    .await;
    assert_eq!(status, 400);
    assert!(
        said.contains("100 commentaires") && said.contains("100 comments"),
        "{said}"
    );

    // Taken back by its author (twice: the second is a 404); a place again for one more.
    let (status, ..) = support::send(
        &mut counsellor,
        &app,
        "guidance_comment_remove",
        &[("pupil", pupil_form.clone()), ("comment", first.clone())],
        true,
    )
    .await;
    assert_eq!(status, 302);
    let (status, ..) = support::send(
        &mut counsellor,
        &app,
        "guidance_comment_remove",
        &[("pupil", pupil_form.clone()), ("comment", first.clone())],
        false,
    )
    .await;
    assert_eq!(status, 404);
    let (status, ..) = support::send(
        &mut counsellor,
        &app,
        "guidance_comment",
        &comment("Encore"),
        false,
    )
    .await;
    assert_eq!(status, 200);

    // The plan taken back: nothing more from the counsellor; what was written stays hers.
    support::post_plain(
        &mut pupil,
        &app,
        "guidance_share",
        &[("person", &counsellor_id), ("stop", "1")],
    )
    .await;
    let (status, ..) = support::send(
        &mut counsellor,
        &app,
        "guidance_comment",
        &comment("Encore"),
        false,
    )
    .await;
    assert_eq!(status, 404);
    let last = ids(&app, "guidance_plan_comments")
        .await
        .last()
        .unwrap()
        .to_string();
    let (status, ..) = support::send(
        &mut counsellor,
        &app,
        "guidance_comment_remove",
        &[("pupil", pupil_form.clone()), ("comment", last)],
        false,
    )
    .await;
    assert_eq!(status, 404);
    let page = pupil.get(&app.url("/orientation/plan")).await;
    assert!(page.body.contains("Encore"));

    let mut expected = vec![
        "guidance_commented",
        "guidance_step_recommended",
        "guidance_step_recommended",
        "guidance_step_accepted",
        "guidance_step_declined",
    ];
    expected.extend(["guidance_step_recommended"; 20]);
    expected.extend(["guidance_comment_removed", "guidance_commented"]);
    assert_eq!(journal(&app, pupil_id).await, expected);
    app.finish().await;
}

/// A guardian the pupil delegates her plan to reads the comments and the recommended steps,
/// and writes neither.
async fn a_guardian_reads_comments_and_steps_and_writes_none(engine: Engine) {
    let app = spawn_app(engine, Options::demo()).await;
    let mut pupil = app.demo_browser("eleve").await;
    let mut counsellor = app.demo_browser("conseillere").await;
    let mut parent = app.demo_browser("parent").await;
    let pupil_id = account_id(&mut pupil, &app).await;
    let parent_id = account_id(&mut parent, &app).await;
    let counsellor_id = account_id(&mut counsellor, &app).await;
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
    for person in [parent_id, counsellor_id] {
        support::post_plain(
            &mut pupil,
            &app,
            "guidance_share",
            &[("person", &person.to_string())],
        )
        .await;
    }
    let pupil_form = pupil_id.to_string();
    support::post_plain(
        &mut counsellor,
        &app,
        "guidance_comment",
        &[("pupil", &pupil_form), ("body", "Un beau projet.")],
    )
    .await;
    support::post_plain(
        &mut counsellor,
        &app,
        "guidance_step_recommend",
        &[
            ("pupil", &pupil_form),
            ("decision", "apres-3e"),
            ("label", "Salon de l'apprentissage"),
            ("due", ""),
        ],
    )
    .await;
    let read = parent
        .get(&app.url(&format!("/orientation/eleves/{pupil_id}")))
        .await;
    assert_eq!(read.status.as_u16(), 200, "{}", read.body);
    assert!(read.body.contains("Un beau projet.") && read.body.contains("Salon de l"));
    for form in [
        "comment-body",
        "comment-remove",
        "step-recommend-label",
        "step-recommendation-accept",
    ] {
        assert!(
            !read.body.contains(&format!(r#"data-testid="{form}""#)),
            "{form}"
        );
    }
    let (status, _, _) = call(
        &mut parent,
        &app,
        "guidance_comment",
        &[("pupil", &pupil_form), ("body", "Bravo")],
    )
    .await;
    assert_eq!(status.as_u16(), 404);
    let (status, _, _) = call(
        &mut parent,
        &app,
        "guidance_step_recommend",
        &[
            ("pupil", &pupil_form),
            ("decision", "apres-3e"),
            ("label", "Bravo"),
            ("due", ""),
        ],
    )
    .await;
    assert_eq!(status.as_u16(), 404);
    assert_eq!(app.count("guidance_plan_comments").await, 1);
    assert_eq!(app.count("guidance_step_recommendations").await, 1);
    let mut visitor = support::Browser::new();
    let (status, _, _) = call(
        &mut visitor,
        &app,
        "guidance_comment",
        &[("pupil", &pupil_form), ("body", "Bravo")],
    )
    .await;
    assert_eq!(status.as_u16(), 401);
    app.finish().await;
}

on_both_engines!(
    a_counsellor_comments_and_recommends_steps_the_pupil_answers,
    a_guardian_reads_comments_and_steps_and_writes_none
);
