//! The plan of the year (/orientation/plan): a pupil lists her wishes for each decision of the
//! calendar in her order (add, add again, move, remove, add back), at most the decision's
//! number, only what the year's calendar offers; she gives herself steps (add, refused, done,
//! not done, removed); the year's deadlines show ahead of time. A counsellor has no plan; no
//! pupil reaches another's steps; signed out, nothing.

use crate::support::{self, call, spawn_app, Engine, Options};
use domain::guidance::calendar::{self, SchoolYear};

async fn wishes(app: &support::TestApp, decision: &str) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT choice FROM guidance_wishes WHERE decision = $1 ORDER BY position, choice",
    )
    .bind(decision)
    .fetch_all(app.db.pool())
    .await
    .expect("wishes")
}

async fn steps(app: &support::TestApp) -> Vec<(i64, String, Option<String>, i64)> {
    sqlx::query_as("SELECT id, label, due_on, done FROM guidance_steps ORDER BY id")
        .fetch_all(app.db.pool())
        .await
        .expect("steps")
}

async fn wish(
    pupil: &mut support::Browser,
    app: &support::TestApp,
    decision: &str,
    choice: &str,
) -> support::Page {
    support::post_plain(
        pupil,
        app,
        "guidance_wish_add",
        &[("decision", decision), ("choice", choice)],
    )
    .await
}

async fn wishes_keep_her_order_and_the_calendar_s_rules(engine: Engine) {
    let app = spawn_app(
        engine,
        Options {
            with_idp: true,
            ..Options::demo()
        },
    )
    .await;
    // The demo pupil is in 3e: « après la 3e » comes first, as this year's decision.
    let mut pupil = app.demo_browser("eleve").await;
    let page = pupil.get(&app.url("/orientation/plan")).await;
    assert_eq!(page.status.as_u16(), 200, "{}", page.body);
    let this_year = page
        .body
        .split_once("Votre décision cette année")
        .expect("this year's decision")
        .1;
    assert!(
        this_year.find(r#"data-decision="apres-3e""#)
            < this_year.find(r#"data-decision="specialites-1re""#)
    );
    assert!(page.body.contains(r#"data-testid="wishes-none""#));
    // The deadlines of the year, when the calendar has this school year.
    let today = domain::time::paris_day(domain::db::now_unix());
    let (_, dated) = calendar::for_year(SchoolYear::of(today));
    assert_eq!(page.body.contains(r#"data-testid="plan-deadlines""#), dated);
    assert!(page.body.contains("Après la 3e") && page.body.contains("Parcoursup"));

    // Three wishes, as the plain form posts them; the same one twice is one wish.
    for choice in ["2de-gt", "cap", "2de-pro", "cap"] {
        let added = wish(&mut pupil, &app, "apres-3e", choice).await;
        assert_eq!(
            added.location.as_deref(),
            Some("/orientation/plan#apres-3e")
        );
    }
    assert_eq!(wishes(&app, "apres-3e").await, ["2de-gt", "cap", "2de-pro"]);
    // Moved up; the first moved up stays first.
    let moves = [("2de-pro", "up"), ("2de-gt", "up"), ("2de-gt", "down")];
    for (choice, direction) in moves {
        let moved = support::post_plain(
            &mut pupil,
            &app,
            "guidance_wish_move",
            &[
                ("decision", "apres-3e"),
                ("choice", choice),
                ("direction", direction),
            ],
        )
        .await;
        assert_eq!(
            moved.location.as_deref(),
            Some("/orientation/plan#apres-3e")
        );
    }
    assert_eq!(wishes(&app, "apres-3e").await, ["2de-pro", "2de-gt", "cap"]);
    // A direction the page never sends is a malformed request, said in both languages; the
    // order stays.
    let (status, _, body) = call(
        &mut pupil,
        &app,
        "guidance_wish_move",
        &[
            ("decision", "apres-3e"),
            ("choice", "cap"),
            ("direction", "sideways"),
        ],
    )
    .await;
    let said = body.to_string();
    assert_eq!(status.as_u16(), 400, "{said}");
    assert!(
        said.contains("Requête invalide") && said.contains("Bad request"),
        "{said}"
    );
    assert_eq!(wishes(&app, "apres-3e").await, ["2de-pro", "2de-gt", "cap"]);
    // A formation of ONISEP's data, after 3e (a CAP).
    wish(&mut pupil, &app, "apres-3e", "FOR.2246").await;
    let page = pupil.get(&app.url("/orientation/plan")).await;
    let listed = page
        .body
        .split_once(r#"data-testid="plan-wishes""#)
        .expect("the wishes")
        .1;
    let at = |text: &str| listed.find(text).unwrap_or_else(|| panic!("{text}"));
    assert!(at("2de professionnelle") < at("2de générale et technologique"));
    assert!(at("1re année de CAP") < at("CAP boulanger"));

    // What the decision does not offer, a formation where it takes none, an unknown
    // formation, an unknown decision, a malformed wish: refused, nothing written.
    let refused = [
        ("apres-3e", "maths", 400),
        ("specialites-1re", "FOR.2246", 400),
        ("parcoursup", "FOR.999999", 404),
        ("apres-4e", "2de-gt", 404),
        ("apres-3e", "Pas un code", 400),
    ];
    for (decision, choice, status) in refused {
        let (got, _, _) = call(
            &mut pupil,
            &app,
            "guidance_wish_add",
            &[("decision", decision), ("choice", choice)],
        )
        .await;
        assert_eq!(got.as_u16(), status, "{decision} {choice}");
    }
    assert_eq!(app.count("guidance_wishes").await, 4);

    // Terminale keeps two of three spécialités: a fourth wish is refused next to the list
    // (plain form), or with a 400 that says why in both languages (API).
    for choice in ["maths", "pc", "nsi"] {
        wish(&mut pupil, &app, "specialites-terminale", choice).await;
    }
    let fourth = wish(&mut pupil, &app, "specialites-terminale", "svt").await;
    assert_eq!(
        fourth.location.as_deref(),
        Some("/orientation/plan#specialites-terminale")
    );
    let page = pupil.get(&app.url("/orientation/plan")).await;
    assert!(
        page.body.contains(r#"data-testid="wish-problem""#),
        "{}",
        page.body
    );
    assert!(page.body.contains("Vous avez déjà 3 vœux"), "{}", page.body);
    let (status, _, body) = call(
        &mut pupil,
        &app,
        "guidance_wish_add",
        &[("decision", "specialites-terminale"), ("choice", "svt")],
    )
    .await;
    assert_eq!(status.as_u16(), 400);
    let said = body.to_string();
    assert!(
        said.contains("3 vœux") && said.contains("3 wishes"),
        "{said}"
    );
    assert_eq!(
        wishes(&app, "specialites-terminale").await,
        ["maths", "pc", "nsi"]
    );
    // Shown once.
    let page = pupil.get(&app.url("/orientation/plan")).await;
    assert!(!page.body.contains(r#"data-testid="wish-problem""#));
    // Removed, then another in its place, then the first back (the third use).
    support::post_plain(
        &mut pupil,
        &app,
        "guidance_wish_remove",
        &[("decision", "specialites-terminale"), ("choice", "pc")],
    )
    .await;
    wish(&mut pupil, &app, "specialites-terminale", "svt").await;
    assert_eq!(
        wishes(&app, "specialites-terminale").await,
        ["maths", "nsi", "svt"]
    );
    support::post_plain(
        &mut pupil,
        &app,
        "guidance_wish_remove",
        &[("decision", "specialites-terminale"), ("choice", "svt")],
    )
    .await;
    wish(&mut pupil, &app, "specialites-terminale", "pc").await;
    assert_eq!(
        wishes(&app, "specialites-terminale").await,
        ["maths", "nsi", "pc"]
    );

    // Another pupil sees none of it, and moving a wish she does not have is a 404.
    let mut other = support::idp_pupil_browser(&app, "year-other", "Alex").await;
    let page = other.get(&app.url("/orientation/plan")).await;
    assert!(!page.body.contains(r#"data-testid="plan-wishes""#));
    assert!(
        page.body.contains("Sillage ne connaît pas votre classe"),
        "{}",
        page.body
    );
    let (status, _, _) = call(
        &mut other,
        &app,
        "guidance_wish_move",
        &[
            ("decision", "apres-3e"),
            ("choice", "cap"),
            ("direction", "up"),
        ],
    )
    .await;
    assert_eq!(status.as_u16(), 404);
    assert_eq!(wishes(&app, "apres-3e").await.len(), 4);

    // A counsellor keeps no plan; signed out, sign in first.
    let mut counsellor = app.demo_browser("conseillere").await;
    assert_eq!(
        counsellor
            .get(&app.url("/orientation/plan"))
            .await
            .status
            .as_u16(),
        403
    );
    let (status, _, _) = call(
        &mut counsellor,
        &app,
        "guidance_wish_add",
        &[("decision", "apres-3e"), ("choice", "cap")],
    )
    .await;
    assert_eq!(status.as_u16(), 403);
    let mut visitor = support::Browser::new();
    assert_eq!(
        visitor
            .get(&app.url("/orientation/plan"))
            .await
            .status
            .as_u16(),
        401
    );
    app.finish().await;
}

async fn steps_are_added_refused_done_undone_and_removed(engine: Engine) {
    let app = spawn_app(
        engine,
        Options {
            with_idp: true,
            ..Options::demo()
        },
    )
    .await;
    let mut pupil = app.demo_browser("eleve").await;
    let step = |label: &'static str, due: &'static str| {
        [("decision", "apres-3e"), ("label", label), ("due", due)]
    };
    let added = support::post_plain(
        &mut pupil,
        &app,
        "guidance_step_add",
        &step("  Journée portes   ouvertes du lycée ", "2027-01-30"),
    )
    .await;
    assert_eq!(
        added.location.as_deref(),
        Some("/orientation/plan#apres-3e-etapes")
    );
    support::post_plain(
        &mut pupil,
        &app,
        "guidance_step_add",
        &step("Rencontrer la Psy-EN", ""),
    )
    .await;
    let stored = steps(&app).await;
    assert_eq!(
        stored
            .iter()
            .map(|(_, label, due, done)| (label.as_str(), due.as_deref(), *done))
            .collect::<Vec<_>>(),
        [
            ("Journée portes ouvertes du lycée", Some("2027-01-30"), 0),
            ("Rencontrer la Psy-EN", None, 0)
        ]
    );
    let page = pupil.get(&app.url("/orientation/plan")).await;
    assert!(page.body.contains(r#"data-testid="plan-steps""#));
    assert!(page.body.contains("pour le 30/01/2027"), "{}", page.body);

    // Refused next to its field, with what was typed: an empty step, a date that does not
    // exist; from an API client, a 400 in both languages. Nothing written.
    let refused = support::post_plain(
        &mut pupil,
        &app,
        "guidance_step_add",
        &step(" ", "2027-03-01"),
    )
    .await;
    assert_eq!(
        refused.location.as_deref(),
        Some("/orientation/plan#apres-3e")
    );
    let page = pupil.get(&app.url("/orientation/plan")).await;
    assert!(page.body.contains(r#"data-testid="step-problem""#));
    assert!(page.body.contains("Écrivez l'étape."), "{}", page.body);
    assert!(
        page.body.contains(r#"value="2027-03-01""#),
        "the date typed"
    );
    support::post_plain(
        &mut pupil,
        &app,
        "guidance_step_add",
        &step("Stage d'observation", "2027-02-30"),
    )
    .await;
    let page = pupil.get(&app.url("/orientation/plan")).await;
    assert!(page.body.contains("Cette date n'existe pas"));
    assert!(
        page.body.contains(r#"value="Stage d'observation""#),
        "{}",
        page.body
    );
    let long = "x".repeat(121);
    let (status, _, body) = call(
        &mut pupil,
        &app,
        "guidance_step_add",
        &[("decision", "apres-3e"), ("label", &long), ("due", "")],
    )
    .await;
    assert_eq!(status.as_u16(), 400);
    let said = body.to_string();
    assert!(
        said.contains("120 caractères") && said.contains("120 characters"),
        "{said}"
    );
    assert_eq!(steps(&app).await.len(), 2);

    // Done, not done (the second use), done again.
    let first = stored[0].0.to_string();
    for (done, expected) in [(true, 1), (false, 0), (true, 1)] {
        let mut form = vec![("decision", "apres-3e"), ("step", first.as_str())];
        if done {
            form.push(("done", "1"));
        }
        let marked = support::post_plain(&mut pupil, &app, "guidance_step_done", &form).await;
        assert_eq!(
            marked.location.as_deref(),
            Some("/orientation/plan#apres-3e-etapes")
        );
        assert_eq!(steps(&app).await[0].3, expected);
    }

    // No one else reaches her steps: another pupil's mark and removal are 404s.
    let mut other = support::idp_pupil_browser(&app, "steps-other", "Alex").await;
    for endpoint in ["guidance_step_done", "guidance_step_remove"] {
        let (status, _, _) = call(
            &mut other,
            &app,
            endpoint,
            &[("decision", "apres-3e"), ("step", &first), ("done", "1")],
        )
        .await;
        assert_eq!(status.as_u16(), 404, "{endpoint}");
    }
    let (status, _, _) = call(
        &mut pupil,
        &app,
        "guidance_step_done",
        &[("decision", "apres-3e"), ("step", "pas-un-nombre")],
    )
    .await;
    assert_eq!(status.as_u16(), 404);
    assert_eq!(steps(&app).await.len(), 2);

    // Removed, then a step added again.
    support::post_plain(
        &mut pupil,
        &app,
        "guidance_step_remove",
        &[("decision", "apres-3e"), ("step", &first)],
    )
    .await;
    assert_eq!(steps(&app).await.len(), 1);
    support::post_plain(
        &mut pupil,
        &app,
        "guidance_step_add",
        &step("Salon de l'orientation", "2027-01-16"),
    )
    .await;
    assert_eq!(steps(&app).await.len(), 2);
    app.finish().await;
}

on_both_engines!(
    wishes_keep_her_order_and_the_calendar_s_rules,
    steps_are_added_refused_done_undone_and_removed
);
