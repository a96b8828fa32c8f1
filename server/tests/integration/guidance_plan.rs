//! « Mon projet d'orientation »: a pupil keeps favourite métiers and formations with notes
//! (add, change the note, a note refused, remove, add again), reads them on
//! /orientation/projet, and still finds one ONISEP withdrew; a counsellor has no plan to keep;
//! another pupil sees nothing of hers.

use crate::support::{self, call, spawn_app, Engine, Options};
use domain::guidance::onisep::{self, store};

/// Posts the favourite form as a browser does without JavaScript.
async fn save(
    browser: &mut support::Browser,
    app: &support::TestApp,
    item: &str,
    note: &str,
) -> support::Page {
    support::post_plain(
        browser,
        app,
        "guidance_favourite_save",
        &[("item", item), ("note", note)],
    )
    .await
}

async fn notes(app: &support::TestApp) -> Vec<(String, String)> {
    sqlx::query_as("SELECT item_id, note FROM guidance_favourites ORDER BY item_id")
        .fetch_all(app.db.pool())
        .await
        .expect("favourites")
}

async fn a_pupil_keeps_her_favourites_and_their_notes(engine: Engine) {
    let app = spawn_app(
        engine,
        Options {
            with_idp: true,
            ..Options::demo()
        },
    )
    .await;
    let mut pupil = app.demo_browser("eleve").await;
    let page = pupil.get(&app.url("/orientation/metiers/MET.38")).await;
    assert!(
        page.body.contains(r#"data-testid="favourite-box""#),
        "{}",
        page.body
    );
    assert!(!page.body.contains(r#"data-testid="favourite-is""#));

    // Added as the plain form posts it: back on the page, a favourite with its note.
    let added = save(&mut pupil, &app, "MET.38", "Soigner les gens").await;
    assert_eq!(
        added.location.as_deref(),
        Some("/orientation/metiers/MET.38#favori")
    );
    let page = pupil.get(&app.url("/orientation/metiers/MET.38")).await;
    assert!(page.body.contains(r#"data-testid="favourite-is""#));
    assert!(page.body.contains("Soigner les gens"));

    // The note changed (the second use), a formation added.
    save(&mut pupil, &app, "MET.38", "  Soigner, et les horaires  ").await;
    save(&mut pupil, &app, "FOR.2246", "").await;
    assert_eq!(
        notes(&app).await,
        [
            ("FOR.2246".to_owned(), String::new()),
            ("MET.38".to_owned(), "Soigner, et les horaires".to_owned())
        ]
    );
    let project = pupil.get(&app.url("/orientation/projet")).await;
    assert_eq!(project.status.as_u16(), 200);
    assert!(project.body.contains("2 favoris"), "{}", project.body);
    assert!(project.body.contains("Soigner, et les horaires"));
    assert!(project.body.contains("CAP boulanger"));

    // A note too long: refused next to the field with what was typed, nothing changed.
    let long = "x".repeat(501);
    let refused = save(&mut pupil, &app, "MET.38", &long).await;
    assert_eq!(
        refused.location.as_deref(),
        Some("/orientation/metiers/MET.38#favori")
    );
    let page = pupil.get(&app.url("/orientation/metiers/MET.38")).await;
    assert!(
        page.body.contains(r#"data-testid="favourite-problem""#),
        "{}",
        page.body
    );
    assert!(page.body.contains("500 caractères"));
    assert!(page.body.contains(&long));
    assert_eq!(notes(&app).await[1].1, "Soigner, et les horaires");
    // The same note from an API client: a 400 that says why in both languages.
    let (status, _, body) = call(
        &mut pupil,
        &app,
        "guidance_favourite_save",
        &[("item", "MET.38"), ("note", long.as_str())],
    )
    .await;
    assert_eq!(status.as_u16(), 400, "{body}");
    let said = body.to_string();
    assert!(
        said.contains("500 caractères") && said.contains("500 characters"),
        "{said}"
    );
    assert_eq!(notes(&app).await[1].1, "Soigner, et les horaires");
    // Shown once: the next visit shows the stored note.
    let page = pupil.get(&app.url("/orientation/metiers/MET.38")).await;
    assert!(!page.body.contains(r#"data-testid="favourite-problem""#));

    // An item ONISEP never had, an id of nothing: refused, nothing written.
    for item in ["FOR.999999", "ENS.12"] {
        let (status, _, _) = call(
            &mut pupil,
            &app,
            "guidance_favourite_save",
            &[("item", item), ("note", "")],
        )
        .await;
        assert_eq!(status.as_u16(), 404, "{item}");
    }
    assert_eq!(app.count("guidance_favourites").await, 2);

    // Removed from the project page, then added again (the third use).
    let removed = pupil
        .post_form(
            &app.url("/api/guidance_favourite_remove"),
            &[("item", "MET.38"), ("from_project", "1")],
            &app.base,
        )
        .await;
    assert_eq!(removed.location.as_deref(), Some("/orientation/projet"));
    assert_eq!(app.count("guidance_favourites").await, 1);
    save(&mut pupil, &app, "MET.38", "De retour").await;
    assert_eq!(app.count("guidance_favourites").await, 2);

    // ONISEP withdraws the CAP: the favourite stays, said as such.
    let json = std::str::from_utf8(onisep::SHIPPED[1].1).unwrap();
    let records: Vec<serde_json::Value> = serde_json::from_str(json).unwrap();
    let without: Vec<_> = records
        .into_iter()
        .filter(|r| {
            !r["url_et_id_onisep"]
                .as_str()
                .unwrap()
                .ends_with("/FOR.2246")
        })
        .collect();
    let bytes = serde_json::to_vec(&without).unwrap();
    let file = store::ImportFile::from_reading(&bytes, onisep::read(&bytes)).unwrap();
    store::import(&app.db, &[file]).await.unwrap();
    let project = pupil.get(&app.url("/orientation/projet")).await;
    assert!(project.body.contains("CAP boulanger"));
    assert!(
        project
            .body
            .contains("n'existe plus dans les données de l'Onisep")
            || project
                .body
                .contains("n&#x27;existe plus dans les données de l&#x27;Onisep"),
        "{}",
        project.body
    );

    // A counsellor keeps no plan: no form, no page, no writing.
    let mut counsellor = app.demo_browser("conseillere").await;
    let page = counsellor
        .get(&app.url("/orientation/metiers/MET.38"))
        .await;
    assert_eq!(page.status.as_u16(), 200);
    assert!(!page.body.contains(r#"data-testid="favourite-box""#));
    assert_eq!(
        counsellor
            .get(&app.url("/orientation/projet"))
            .await
            .status
            .as_u16(),
        403
    );
    let (status, _, _) = call(
        &mut counsellor,
        &app,
        "guidance_favourite_save",
        &[("item", "MET.38"), ("note", "")],
    )
    .await;
    assert_eq!(status.as_u16(), 403);
    // Another pupil sees none of hers.
    let mut other = support::idp_pupil_browser(&app, "plan-other", "Alex").await;
    let project = other.get(&app.url("/orientation/projet")).await;
    assert!(
        project.body.contains(r#"data-testid="project-empty""#),
        "{}",
        project.body
    );
    let page = other.get(&app.url("/orientation/metiers/MET.38")).await;
    assert!(!page.body.contains("De retour"));
    // Signed out: sign in first.
    let mut visitor = support::Browser::new();
    assert_eq!(
        visitor
            .get(&app.url("/orientation/projet"))
            .await
            .status
            .as_u16(),
        401
    );
    app.finish().await;
}

/// Suggestions say why, come from what the pupil chose and kept, and can be set aside and
/// brought back; a domaine that is not ONISEP's is refused and changes nothing.
async fn suggestions_say_why_and_can_be_set_aside(engine: Engine) {
    let app = spawn_app(engine, Options::demo()).await;
    let mut pupil = app.demo_browser("eleve").await;
    let project = pupil.get(&app.url("/orientation/projet")).await;
    assert!(
        project.body.contains(r#"data-testid="suggestions-none""#),
        "{}",
        project.body
    );

    // Interests as the form sends them: a ticked box per domaine.
    let saved = pupil
        .post_form(
            &app.url("/api/guidance_interests"),
            &[("interests[santé, social, sport]", "on")],
            &app.base,
        )
        .await;
    assert_eq!(
        saved.location.as_deref(),
        Some("/orientation/projet#suggestions")
    );
    let project = pupil.get(&app.url("/orientation/projet")).await;
    assert!(
        project.body.contains(r#"data-testid="suggestions""#),
        "{}",
        project.body
    );
    assert!(project
        .body
        .contains("Parce que vous avez choisi le domaine"));
    // Métiers and formations alternate: both kinds are there.
    assert!(
        project.body.contains(r#"data-item="MET."#) && project.body.contains(r#"data-item="FOR."#)
    );

    // A favourite adds what is near it, and says so.
    save(&mut pupil, &app, "MET.17", "").await;
    let project = pupil.get(&app.url("/orientation/projet")).await;
    assert!(
        project.body.contains("Proche de votre favori"),
        "{}",
        project.body
    );
    // The first formation suggested: set aside, then brought back.
    let first = project
        .body
        .split(r#"<li data-item=""#)
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap_or_default().to_owned())
        .find(|id| id.starts_with("FOR.") && project.body.contains(&format!(r#"name="item" value="{id}"><button type="submit" data-testid="suggestion-dismiss""#)))
        .expect("a formation suggested");
    let item = |restore: bool| {
        let mut form = vec![("item", first.as_str())];
        if restore {
            form.push(("restore", "1"));
        }
        form
    };
    let marker = format!(r#"<li data-item="{first}">"#);
    pupil
        .post_form(&app.url("/api/guidance_dismiss"), &item(false), &app.base)
        .await;
    let project = pupil.get(&app.url("/orientation/projet")).await;
    let (suggested, set_aside) = project
        .body
        .split_once(r#"data-testid="dismissed""#)
        .expect("the list of dismissed suggestions");
    assert!(!suggested.contains(&marker), "{first} still suggested");
    assert!(set_aside.contains(&format!("/orientation/formations/{first}")));
    assert!(project.body.contains("Une suggestion écartée"));
    pupil
        .post_form(&app.url("/api/guidance_dismiss"), &item(true), &app.base)
        .await;
    let project = pupil.get(&app.url("/orientation/projet")).await;
    assert!(project.body.contains(&marker));
    assert!(!project.body.contains(r#"data-testid="dismissed""#));

    // Setting aside what ONISEP's data does not have: refused, nothing written.
    let dismissed_before = app.count("guidance_dismissed").await;
    for bad in ["FOR.999999", "MET.123456789", "nimporte"] {
        let (status, _, _) = call(&mut pupil, &app, "guidance_dismiss", &[("item", bad)]).await;
        assert_eq!(status.as_u16(), 404, "{bad}");
    }
    assert_eq!(app.count("guidance_dismissed").await, dismissed_before);

    // A domaine ONISEP's data does not have: refused, the interests as they were.
    let (status, _, _) = call(
        &mut pupil,
        &app,
        "guidance_interests",
        &[("interests[pas un domaine]", "on")],
    )
    .await;
    assert_eq!(status.as_u16(), 400);
    assert_eq!(app.count("guidance_interests").await, 1);
    // Nothing ticked: no interests; the favourite still brings its suggestions.
    pupil
        .post_form(&app.url("/api/guidance_interests"), &[], &app.base)
        .await;
    assert_eq!(app.count("guidance_interests").await, 0);
    let project = pupil.get(&app.url("/orientation/projet")).await;
    assert!(!project
        .body
        .contains("Parce que vous avez choisi le domaine"));
    assert!(project.body.contains("Proche de votre favori"));
    app.finish().await;
}

/// What the pupil showed suggests too: a competence of a portfolio entry (« en cours » or
/// « acquise ») and a Pix competence at level 3 or more, each named with where she showed it; a
/// Pix level under 3 suggests nothing; the entry deleted, its reason goes with it.
async fn suggestions_come_from_her_portfolio_and_pix_results(engine: Engine) {
    let app = spawn_app(engine, Options::demo()).await;
    let mut pupil = app.demo_browser("eleve").await;
    let pupil_id = support::account_id(&mut pupil, &app).await;
    let owner = domain::identity::AccountId::from_db(pupil_id);
    let project = pupil.get(&app.url("/orientation/projet")).await;
    assert!(project.body.contains(r#"data-testid="suggestions-none""#));

    // A robotics club entry where she is learning to program, and one where she only began.
    let club = support::portfolio_entry(
        &app,
        pupil_id,
        "Robot suiveur de ligne",
        &[("crcn:3.4", "in_progress")],
    )
    .await;
    let page = pupil.get(&app.url("/orientation/projet")).await;
    assert!(
        page.body.contains("Parce que votre portfolio montre «\u{202f}Programmer\u{202f}» («\u{202f}Robot suiveur de ligne\u{202f}»)."),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("développeur / développeuse"),
        "computing is suggested"
    );
    assert!(
        !page.body.contains("boulanger / boulangère"),
        "nothing else"
    );

    // Pix: « Programmer » at level 4 says so; « Protéger la santé… » at level 2 says nothing.
    sqlx::query(
        "INSERT INTO pix_results (student_id, taken_on, source, campaign_id, campaign_name, \
           max_level, scores, created_at, updated_at) \
         VALUES ($1, '2026-11-20', 'manual', '', '', 8, '3.4=4/40;4.3=2/20', 0, 0)",
    )
    .bind(pupil_id)
    .execute(app.db.pool())
    .await
    .expect("a Pix result");
    let page = pupil.get(&app.url("/orientation/projet")).await;
    assert!(
        page.body.contains(
            "Parce que vous avez atteint le niveau 4 sur Pix en «\u{202f}Programmer\u{202f}»."
        ),
        "{}",
        page.body
    );
    assert!(
        !page.body.contains("Protéger la santé"),
        "level 2 is not a strength"
    );

    // The entry deleted: its reason goes; Pix's stays.
    domain::portfolio::store::delete(&app.db, owner, club)
        .await
        .expect("deleted");
    let page = pupil.get(&app.url("/orientation/projet")).await;
    assert!(!page.body.contains("votre portfolio montre"));
    assert!(page.body.contains("sur Pix en «\u{202f}Programmer"));
    app.finish().await;
}

on_both_engines!(
    a_pupil_keeps_her_favourites_and_their_notes,
    suggestions_say_why_and_can_be_set_aside,
    suggestions_come_from_her_portfolio_and_pix_results
);
