//! Where a formation is taught (ONISEP's Idéo-Actions de formation initiale): the demo loads the
//! shipped offers; a formation's page opens on the pupil's own académie and lists another one
//! asked for by a plain GET form; the search filters by académie; `server admin onisep import`
//! takes both universes' files together, leaves the same file unchanged, updates, adds and
//! removes from a newer one, and refuses a file with a problem whole.

use crate::support::{self, spawn_app, Engine, Options, TestApp};
use server::admin::{self, AdminError};
use std::path::Path;

const SHIPPED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../domain/data/onisep/ideo-actions-formation-initiale.json"
);

async fn import(app: &TestApp, files: &[&Path]) -> Result<String, AdminError> {
    let mut line = vec!["onisep".to_owned(), "import".to_owned()];
    line.extend(files.iter().map(|f| f.display().to_string()));
    admin::run(&app.settings, &line).await
}

/// The shipped offers as JSON values, to write newer files from.
fn shipped() -> Vec<serde_json::Value> {
    serde_json::from_str(&std::fs::read_to_string(SHIPPED).unwrap()).unwrap()
}

fn write(dir: &Path, name: &str, rows: &[serde_json::Value]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_vec(rows).unwrap()).unwrap();
    path
}

async fn a_pupil_finds_where_a_formation_is_taught(engine: Engine) {
    let app = spawn_app(engine, Options::demo()).await;
    assert_eq!(app.count("onisep_offers").await, 46);
    let mut pupil = app.demo_browser("eleve").await;

    // Her school is in the académie of Montpellier: the CAP boulanger's page opens there.
    let page = pupil
        .get(&app.url("/orientation/formations/FOR.2246"))
        .await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains(r#"data-testid="formation-offers""#)
            && page.body.contains("Dans votre académie (Montpellier)")
            && page
                .body
                .contains("Lycée des métiers Démo du Goût (fictif)")
            && page.body.contains("Nîmes (30000)")
            && page.body.contains("Perpignan (66000)")
            && !page
                .body
                .contains("Lycée professionnel Démo Belleville (fictif)"),
        "{}",
        page.body
    );
    // Every académie teaching it, with its count, in the form's list.
    assert!(
        page.body.contains("Paris (1 établissement)"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("Montpellier (3 établissements)"),
        "{}",
        page.body
    );

    // Another académie, asked for as the GET form writes it (any case, accents or not).
    for asked in ["Paris", "paris", "PARIS"] {
        let page = pupil
            .get(&app.url(&format!(
                "/orientation/formations/FOR.2246?academie={asked}"
            )))
            .await;
        assert!(
            page.body.contains("Dans l'académie de Paris")
                && page
                    .body
                    .contains("Lycée professionnel Démo Belleville (fictif)")
                && !page.body.contains("Nîmes (30000)"),
            "{asked}: {}",
            page.body
        );
    }
    // An académie that does not teach it: the list to choose from, no school.
    let page = pupil
        .get(&app.url("/orientation/formations/FOR.2246?academie=Mayotte"))
        .await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("Choisissez une académie")
            && !page.body.contains(r#"data-testid="offers-list""#),
        "{}",
        page.body
    );
    // An address nobody's form writes: a 400, said in both languages by the error table.
    let long = "x".repeat(61);
    let page = pupil
        .get(&app.url(&format!("/orientation/formations/FOR.2246?academie={long}")))
        .await;
    assert_eq!(page.status, 400, "{}", page.body);
    // A formation taught nowhere in the data: no section at all.
    let page = pupil
        .get(&app.url("/orientation/formations/FOR.1398"))
        .await;
    assert!(!page.body.contains(r#"data-testid="formation-offers""#));

    // The search: formations taught in the académie of Lyon (the bac pro boulanger-pâtissier
    // is, the CAP is not).
    let page = pupil
        .get(&app.url("/orientation?q=boulanger&type=formation&academie=Lyon"))
        .await;
    assert!(
        page.body.contains("bac pro boulanger-pâtissier") && !page.body.contains(">CAP boulanger<"),
        "{}",
        page.body
    );
    let page = pupil
        .get(&app.url("/orientation?q=boulanger&type=formation"))
        .await;
    assert!(page.body.contains(">CAP boulanger<"), "{}", page.body);
    assert!(page.body.contains(r#"id="orientation-academie""#));

    // The suggestions the box fetches as she types: a GET, the same search's first six.
    let page = pupil
        .get(&app.url("/api/guidance_suggest?q=infirmiere"))
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    let found: Vec<serde_json::Value> = serde_json::from_str(&page.body).unwrap();
    assert!(!found.is_empty() && found.len() <= 6, "{found:?}");
    assert_eq!(found[0]["label"], "infirmier / infirmière");
    assert_eq!(found[0]["href"], "/orientation/metiers/MET.38");
    let long = "x".repeat(201);
    let page = pupil
        .get(&app.url(&format!("/api/guidance_suggest?q={long}")))
        .await;
    assert_eq!(page.status, 400, "{}", page.body);
    // Nobody signed in: refused, nothing found.
    let mut anonymous = support::Browser::new();
    let page = anonymous
        .get(&app.url("/api/guidance_suggest?q=infirmiere"))
        .await;
    assert!(page.status.is_client_error(), "{}", page.body);
    assert!(!page.body.contains("infirmier"), "{}", page.body);
    app.finish().await;
}

async fn the_offers_load_again_and_again(engine: Engine) {
    let app = spawn_app(engine, Options::demo()).await;
    let dir = tempfile::tempdir().unwrap();

    // The same file again: nothing changes.
    let said = import(&app, &[Path::new(SHIPPED)])
        .await
        .expect("same file");
    assert!(
        said.contains("Idéo-Actions de formation initiale (JSON")
            && said.contains("Created: 0, updated: 0, unchanged: 46"),
        "{said}"
    );

    // Newer files, both universes in one import: in the lycée's, one offer gone and one
    // changed; the higher-education one adds an offer and repeats one of the lycée's.
    let mut lycee = shipped();
    let gone = lycee.remove(0);
    lycee[0]["ens_commune"] = "Nîmes-Centre".into();
    let mut added = lycee[1].clone();
    added["action_de_formation_af_identifiant_onisep"] = "AF.777".into();
    added["ens_academie"] = "Lyon".into();
    let superieur = vec![added, lycee[2].clone()];
    let lycee_file = write(dir.path(), "lycee.json", &lycee);
    let sup_file = write(dir.path(), "superieur.json", &superieur);
    let said = import(&app, &[&lycee_file, &sup_file])
        .await
        .expect("newer");
    assert!(
        said.contains("Created: 0, updated: 1, unchanged: 44")
            && said.contains(
                "Created: 1, updated: 0, unchanged: 0, removed (in none of the import's files): 1"
            ),
        "{said}"
    );
    assert_eq!(app.count("onisep_offers").await, 46);
    let gone_id = gone["action_de_formation_af_identifiant_onisep"]
        .as_str()
        .unwrap();
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM onisep_offers WHERE id = $1")
        .bind(gone_id)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(left, 0);

    // The lycée's file alone: the higher-education offer goes, the removed one comes back.
    let said = import(&app, &[Path::new(SHIPPED)])
        .await
        .expect("older again");
    assert!(
        said.contains("Created: 1, updated: 1, unchanged: 44"),
        "{said}"
    );
    assert_eq!(app.count("onisep_offers").await, 46);

    // A problem in one row: refused whole, said by record and key, nothing written.
    let mut broken = shipped();
    broken[3]["for_url_et_id_onisep"] = "FOR-2246".into();
    let broken_file = write(dir.path(), "broken.json", &broken);
    let imports = app.count("onisep_imports").await;
    let refused = import(&app, &[&broken_file]).await;
    let Err(AdminError::Onisep(text)) = refused else {
        panic!("{refused:?}");
    };
    assert!(
        text.contains("Enregistrement 4, clé «\u{202f}for_url_et_id_onisep\u{202f}»")
            && text.contains("Record 4, key « for_url_et_id_onisep »: not an onisep.fr link"),
        "{text}"
    );
    assert_eq!(app.count("onisep_imports").await, imports);
    app.finish().await;
}

/// A wished formation says on her plan how many schools of her académie teach it, and leads to
/// them; a formation ONISEP's offers place nowhere says nothing (not « nowhere near you »).
async fn a_wish_says_how_many_schools_near_her_teach_it(engine: Engine) {
    let app = spawn_app(engine, Options::demo()).await;
    let mut pupil = app.demo_browser("eleve").await;
    for choice in ["FOR.2246", "FOR.2378"] {
        let page = support::post_plain(
            &mut pupil,
            &app,
            "guidance_wish_add",
            &[("decision", "apres-3e"), ("choice", choice)],
        )
        .await;
        assert!(page.status.is_redirection(), "{choice}: {}", page.body);
    }
    let plan = pupil.get(&app.url("/orientation/plan")).await;
    assert_eq!(plan.status, 200);
    let nearby = |body: &str| body.matches(r#"data-testid="wish-taught-nearby""#).count();
    assert_eq!(nearby(&plan.body), 1, "{}", plan.body);
    assert!(
        plan.body
            .contains("Enseignée dans 3 établissements de votre académie (Montpellier)")
            && plan
                .body
                .contains(r#"href="/orientation/formations/FOR.2246#ou-se-former""#),
        "{}",
        plan.body
    );
    // Her school in another académie: none there, said, and the link shows where it is.
    sqlx::query("UPDATE schools SET academie = 'Corse'")
        .execute(app.db.pool())
        .await
        .unwrap();
    let plan = pupil.get(&app.url("/orientation/plan")).await;
    assert!(
        plan.body.contains(
            "Enseignée dans aucun établissement de votre académie (Corse)\u{202f}: voir où elle l'est"
        ),
        "{}",
        plan.body
    );
    // Her académie unknown: nothing said.
    sqlx::query("UPDATE schools SET academie = NULL")
        .execute(app.db.pool())
        .await
        .unwrap();
    let plan = pupil.get(&app.url("/orientation/plan")).await;
    assert_eq!(nearby(&plan.body), 0);
    app.finish().await;
}

on_both_engines!(
    a_pupil_finds_where_a_formation_is_taught,
    the_offers_load_again_and_again,
    a_wish_says_how_many_schools_near_her_teach_it
);
