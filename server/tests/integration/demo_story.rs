//! The demo's story: what each demo account finds at its first visit, told once however often
//! the instance starts, and told again by `server admin demo reset` after a visitor changed it.

use crate::support::{self, files_in, spawn_app, Engine, Options, TestApp};
use server::admin::{self, AdminError};

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

async fn story_app(engine: Engine) -> TestApp {
    spawn_app(
        engine,
        Options {
            env: vec![("SILLAGE_DEMO__STORY".into(), "true".into())],
            ..Options::demo()
        },
    )
    .await
}

/// What the three roles see of the story, through their pages.
async fn assert_story_is_there(app: &TestApp) {
    // The pupil: her school and level in words, six entries, Pix results and a certification.
    let mut pupil = app.demo_browser("eleve").await;
    let home = pupil.get(&app.url("/")).await;
    assert!(
        home.body.contains("Collège Démo Jules-Ferry (fictif)"),
        "{}",
        home.body
    );
    assert!(home.body.contains(r#"data-testid="profile-level">3e<"#));
    assert!(!home.body.contains("Nom / Name") && !home.body.contains("0999999Z"));
    let portfolio = pupil.get(&app.url("/portfolio")).await;
    for title in [
        "observation de 3e — Atelier Bois",
        "Mini-entreprise",
        "Club robotique du jeudi",
        "sécurité routière",
        "les femmes dans la Résistance",
        "Bénévolat à la banque alimentaire",
    ] {
        assert!(portfolio.body.contains(title), "{title} missing");
    }
    // Her guidance plan: three favourites from her placement, with her notes.
    let plan = pupil.get(&app.url("/orientation/projet")).await;
    assert!(plan.body.contains("3 favoris"), "{}", plan.body);
    for said in [
        "menuisier / menuisière",
        "CAP menuisier installateur",
        "le sur-mesure",
    ] {
        assert!(plan.body.contains(said), "{said} missing from the plan");
    }
    // Suggestions from her interests and favourites, each saying why.
    assert!(
        plan.body.contains(r#"data-testid="suggestions""#),
        "{}",
        plan.body
    );
    assert!(plan.body.contains("Proche de votre favori"));
    // Her plan for the year: after 3e, the CAP first; an open day ahead, the Psy-EN met.
    let year = pupil.get(&app.url("/orientation/plan")).await;
    let wishes = year
        .body
        .split_once(r#"data-testid="plan-wishes""#)
        .expect("her wishes")
        .1;
    let at = |text: &str| {
        wishes
            .find(text)
            .unwrap_or_else(|| panic!("{text}: {}", year.body))
    };
    assert!(at("CAP menuisier installateur") < at("2de professionnelle"));
    assert!(year
        .body
        .contains("Journée portes ouvertes du lycée professionnel"));
    assert!(year.body.contains(r#"class="step done""#), "{}", year.body);
    // Shared with the counsellor, who recommended a métier near her favourites.
    assert_eq!(year.body.matches(r#"data-testid="shared-on""#).count(), 2);
    assert!(
        year.body.contains("décorateur / décoratrice d") && year.body.contains("Recommandé par")
    );
    // And commented on the plan, and recommended a step she has not answered yet.
    assert!(year.body.contains("garde le CAP"), "{}", year.body);
    assert!(year.body.contains("Visiter le CFA du bâtiment"));
    assert!(year
        .body
        .contains(r#"data-testid="step-recommendation-accept""#));
    // Suggestions from her portfolio too: the robotics club's programming, say.
    assert!(
        plan.body.contains("votre portfolio montre"),
        "{}",
        plan.body
    );
    let pix = pupil.get(&app.url("/pix")).await;
    assert!(pix.body.contains(r#"data-testid="pix-certified""#));
    assert!(pix.body.contains("Rentrée en 3e (démo)") && pix.body.contains("Rentrée en 4e (démo)"));
    // The journal holds the lines the story left: the counsellor's comment among them.
    let journal = pupil.get(&app.url("/journal")).await;
    assert!(
        journal.body.contains("Nadia Démo-Benali"),
        "{}",
        journal.body
    );

    // The counsellor: the page shared with her, her comment, the entry she verified.
    let mut counsellor = app.demo_browser("conseillere").await;
    let home = counsellor.get(&app.url("/")).await;
    assert!(home.body.contains("Mon parcours de 3e (démo)"));
    let link = home
        .body
        .split("href=\"/partages-recus/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a link to the page shared with her")
        .to_owned();
    let page = counsellor
        .get(&app.url(&format!("/partages-recus/{link}")))
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Très beau stage, Camille"));
    assert!(page.body.contains(r#"data-testid="verified""#));
    assert!(page.body.contains("Je passe au CDI jeudi"));

    // The parent: linked to Camille, the page delegated to her and no other.
    let mut parent = app.demo_browser("parent").await;
    let home = parent.get(&app.url("/")).await;
    assert!(home.body.contains(r#"data-testid="children""#));
    assert!(home.body.contains("Pour mes parents (démo)"));
    assert!(!home.body.contains("Mon parcours de 3e (démo)"));
}

async fn the_demo_tells_its_story_once(engine: Engine) {
    let app = story_app(engine).await;
    assert_story_is_there(&app).await;
    assert_eq!(app.count("portfolio_entries").await, 6);
    assert_eq!(app.count("evidence").await, 2);
    assert_eq!(app.count("pix_results").await, 3);
    let files = files_in(&app.database.evidence_dir);

    // A second start on the same database (a restart) tells nothing again.
    let again = server::Application::build(app.settings.clone())
        .await
        .expect("a second start");
    drop(again);
    assert_eq!(app.count("portfolio_entries").await, 6);
    assert_eq!(app.count("showcase_pages").await, 2);
    assert_eq!(app.count("pix_results").await, 3);
    assert_eq!(files_in(&app.database.evidence_dir), files);
    app.finish().await;
}

async fn a_reset_tells_the_story_again(engine: Engine) {
    let app = story_app(engine).await;
    let files = files_in(&app.database.evidence_dir);
    // A visitor changes the story: deletes the page shared with the counsellor and every Pix
    // result, and writes an entry of their own.
    sqlx::query("DELETE FROM showcase_pages WHERE title = 'Mon parcours de 3e (démo)'")
        .execute(app.db.pool())
        .await
        .unwrap();
    sqlx::query("DELETE FROM pix_results")
        .execute(app.db.pool())
        .await
        .unwrap();
    let mut visitor = app.demo_browser("eleve").await;
    support::create_entry(&mut visitor, &app, "L'entrée d'un visiteur").await;
    assert_eq!(app.count("portfolio_entries").await, 7);

    let said = admin::run(&app.settings, &args(&["demo", "reset"]))
        .await
        .expect("demo reset");
    assert!(
        said.contains("3 demo account(s)") && said.contains("story told"),
        "{said}"
    );
    // The visitor's session ended with the account it was for.
    let page = visitor.get(&app.url("/portfolio")).await;
    assert!(!page.body.contains("un visiteur"));
    assert_eq!(app.count("portfolio_entries").await, 6);
    assert_eq!(app.count("pix_results").await, 3);
    assert_eq!(app.count("accounts").await, 3);
    // The old files went with their rows: as many files as one telling leaves.
    assert_eq!(files_in(&app.database.evidence_dir), files);
    assert_story_is_there(&app).await;

    // Twice in a row: the same story, nothing doubled.
    admin::run(&app.settings, &args(&["demo", "reset"]))
        .await
        .expect("second reset");
    assert_eq!(app.count("portfolio_entries").await, 6);
    assert_eq!(app.count("evidence").await, 2);
    assert_eq!(files_in(&app.database.evidence_dir), files);
    // The journal's chain holds through both resets (its lines are kept).
    let verified = admin::run(&app.settings, &args(&["verify-audit"]))
        .await
        .expect("journal intact");
    assert!(verified.starts_with("journal intact"), "{verified}");
    app.finish().await;
}

async fn a_reset_is_refused_where_accounts_are_real(engine: Engine) {
    let app = spawn_app(engine, Options::default()).await;
    let refused = admin::run(&app.settings, &args(&["demo", "reset"])).await;
    assert!(matches!(refused, Err(AdminError::NotDemo)), "{refused:?}");
    app.finish().await;
}

on_both_engines!(
    the_demo_tells_its_story_once,
    a_reset_tells_the_story_again,
    a_reset_is_refused_where_accounts_are_real,
);
