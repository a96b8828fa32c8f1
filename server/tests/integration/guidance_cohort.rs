//! The counsellor's overview of the plans shared with them: by level, how many pupils have
//! wishes and steps for their decision and how many have not prepared it, the domaines most
//! chosen; fewer than five pupils, nothing counted. A guardian has no overview.

use crate::support::{self, account_id, call, spawn_app, Engine, Options};
use domain::guidance::calendar::{self, Decision, SchoolYear};

async fn the_overview_counts_only_groups_of_five_or_more(engine: Engine) {
    let app = spawn_app(
        engine,
        Options {
            with_idp: true,
            ..Options::demo()
        },
    )
    .await;
    let mut counsellor = app.demo_browser("conseillere").await;
    let counsellor_id = account_id(&mut counsellor, &app).await.to_string();
    // Six pupils of 3e of the counsellor's school share their plan with her: the demo pupil and
    // five more.
    let mut pupils = vec![app.demo_browser("eleve").await];
    for n in 0..5 {
        pupils.push(support::idp_pupil_browser(&app, &format!("cohort-{n}"), "Cohorte").await);
    }
    sqlx::query("UPDATE accounts SET school_level = '3EME' WHERE given_name = 'Cohorte'")
        .execute(app.db.pool())
        .await
        .unwrap();
    for (n, pupil) in pupils.iter_mut().enumerate() {
        let (status, _, _) =
            call(pupil, &app, "guidance_share", &[("person", &counsellor_id)]).await;
        assert!(
            status.is_success() || status.is_redirection(),
            "{n}: {status}"
        );
        // Two with wishes, one more with a step; five like health, one the arts.
        if n < 2 {
            call(
                pupil,
                &app,
                "guidance_wish_add",
                &[("decision", "apres-3e"), ("choice", "2de-gt")],
            )
            .await;
        }
        if n == 2 {
            call(
                pupil,
                &app,
                "guidance_step_add",
                &[
                    ("decision", "apres-3e"),
                    ("label", "Rencontrer la Psy-EN"),
                    ("due", ""),
                ],
            )
            .await;
        }
        let domaine = if n < 5 {
            "santé, social, sport"
        } else {
            "arts, culture, artisanat"
        };
        call(
            pupil,
            &app,
            "guidance_interests",
            &[(&format!("interests[{domaine}]"), "on")],
        )
        .await;
    }

    let page = counsellor.get(&app.url("/orientation/eleves")).await;
    assert_eq!(page.status.as_u16(), 200, "{}", page.body);
    let cohort = page
        .body
        .split_once(r#"data-testid="cohort""#)
        .expect("the overview")
        .1;
    assert!(
        cohort.contains("6 élèves\u{202f}: 2 avec des vœux, 1 avec des étapes."),
        "{cohort}"
    );
    let today = domain::time::paris_day(domain::db::now_unix());
    let (calendar, dated) = calendar::for_year(SchoolYear::of(today));
    let deadline_ahead = dated
        && domain::guidance::plan::year::upcoming(calendar, Decision::ApresTroisieme, today)
            .iter()
            .any(|d| d.days_left >= 0);
    assert_eq!(
        cohort.contains(r#"data-testid="cohort-deadline""#),
        deadline_ahead
    );
    if deadline_ahead {
        assert!(
            cohort.contains("3 élèves n'ont encore ni vœu ni étape"),
            "{cohort}"
        );
    }
    // Five chose health: shown; one chose the arts: not.
    assert!(cohort.contains("santé, social, sport"));
    assert!(!cohort.contains("arts, culture, artisanat"));

    // Two take their plan back: four left, nothing counted.
    for pupil in pupils.iter_mut().skip(4) {
        call(
            pupil,
            &app,
            "guidance_share",
            &[("person", &counsellor_id), ("stop", "1")],
        )
        .await;
    }
    let page = counsellor.get(&app.url("/orientation/eleves")).await;
    assert!(
        page.body.contains(r#"data-testid="cohort-hidden""#),
        "{}",
        page.body
    );
    assert!(!page.body.contains("4 élèves"));
    assert!(!page.body.contains(r#"data-testid="cohort-domaines""#));

    // A guardian has no overview (and, here, no plan shared with them).
    let mut parent = app.demo_browser("parent").await;
    let page = parent.get(&app.url("/orientation/eleves")).await;
    assert!(!page.body.contains(r#"data-testid="cohort""#));
    app.finish().await;
}

on_both_engines!(the_overview_counts_only_groups_of_five_or_more);
