//! Every page speaks one language: rendered in English it holds none of the common French words
//! below, and rendered in French none of the common English ones. The words come from the
//! catalogue (`locales/`), so a sentence left out of it, or glued from two languages, shows up
//! here. A new pupil and a new parent sign in, and the demo's counsellor with no story told (the
//! story is written in French on purpose), so what the pages show is the portal's words and the
//! framework's names, in the reader's language.

use crate::support;

use reqwest::StatusCode;
use support::mock_idp::Person;
use support::{idp_pupil_browser, spawn_app, Browser, Engine, Options};

/// Words that are French and not English (short ones that could be either are left out).
const FRENCH: &[&str] = &[
    "le",
    "la",
    "une",
    "des",
    "du",
    "est",
    "sont",
    "vous",
    "votre",
    "vos",
    "mes",
    "mon",
    "pour",
    "avec",
    "dans",
    "sur",
    "aucun",
    "aucune",
    "cette",
    "ces",
    "chaque",
    "encore",
    "été",
    "être",
    "ici",
    "élève",
    "élèves",
    "fichier",
    "compte",
    "connexion",
    "supprimer",
    "enregistrer",
    "retour",
    "accueil",
    "résultats",
    "niveau",
    "compétences",
    "entrée",
    "entrées",
    "coffre",
    "clé",
    "clés",
    "appareil",
    "appareils",
    "mot",
    "passe",
    "ajouter",
    "créer",
    "moi",
];

/// Words that are English and not French.
const ENGLISH: &[&str] = &[
    "the", "your", "you", "with", "this", "that", "and", "not", "are", "is", "of", "my", "sign",
    "delete", "save", "back", "home", "results", "level", "skills", "entry", "entries", "vault",
    "key", "keys", "device", "devices", "password", "add", "create", "no", "yet",
];

/// The pages a pupil reaches from the menu (and the lessons the vault links to).
const PUPIL_PAGES: &[&str] = &[
    "/",
    "/portfolio",
    "/portfolio/chronologie",
    "/portfolio/competences",
    "/portfolio/competences/crcn/1.1",
    "/portfolio/entrees/nouvelle",
    "/portfolio/pages",
    "/portfolio/exporter",
    "/pix",
    "/orientation",
    "/orientation?q=infirmiere",
    "/orientation?q=zzzzqqqq",
    "/orientation/metiers/MET.38",
    "/orientation/formations/FOR.2378",
    "/orientation/projet",
    "/orientation/plan",
    "/famille",
    "/coffre-fort",
    "/coffre-fort/lecons/phrase-de-passe",
    "/journal",
    "/appareils",
    "/cles-d-acces",
];

/// The pages a parent reaches before any child shares anything.
const GUARDIAN_PAGES: &[&str] = &[
    "/",
    "/orientation/eleves",
    "/journal",
    "/appareils",
    "/cles-d-acces",
];

/// A counsellor's pages, before any pupil shares anything.
const COUNSELLOR_PAGES: &[&str] = &[
    "/",
    "/pix/classe",
    "/orientation/eleves",
    "/journal",
    "/appareils",
    "/cles-d-acces",
];

/// A pupil's pages that answer something else than 200.
const PUPIL_REFUSALS: &[(&str, u16)] = &[
    ("/orientation/metiers/MET.999999", 404),
    ("/orientation/formations/pas-un-id", 404),
    ("/orientation?page=0", 400),
];

/// Pages that answer something else than 200, and say why in the reader's language.
const REFUSALS: &[(&str, u16)] = &[
    ("/famille", 401),
    ("/n-existe-pas", 404),
    ("/coffre-fort/lecons/n-existe-pas", 404),
    ("/erreur/profil-non-pris-en-charge", 400),
];

/// What a reader sees or hears of a page: its text and the attributes read aloud or shown,
/// without scripts, styles, and what is marked as written in the other language (`lang="…"`).
/// On an English page, what stands between « and » is left out too: the names of French-only
/// services' buttons, quoted as the reader will find them (« Exporter les résultats » in Pix
/// Orga).
fn visible_words(html: &str, other: &str) -> Vec<String> {
    let document = scraper::Html::parse_document(html);
    let mut words = Vec::new();
    let quotes_are_french = other == "fr";
    let mut add = |text: &str| {
        let mut kept = String::with_capacity(text.len());
        let mut quoted = false;
        for c in text.chars() {
            match c {
                '«' if quotes_are_french => quoted = true,
                '»' if quotes_are_french => quoted = false,
                c if !quoted => kept.push(c),
                _ => {}
            }
        }
        words.extend(
            kept.split(|c: char| !c.is_alphabetic())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase),
        )
    };
    let all = scraper::Selector::parse("body *").expect("a selector");
    let marked = format!("[lang={other}], [lang={other}] *, script, style, script *, style *");
    let skipped = scraper::Selector::parse(&marked).expect("a selector");
    let skipped: std::collections::HashSet<_> = document.select(&skipped).map(|e| e.id()).collect();
    if let Some(title) = document
        .select(&scraper::Selector::parse("title").expect("a selector"))
        .next()
    {
        add(&title.text().collect::<String>());
    }
    for element in document.select(&all) {
        if skipped.contains(&element.id()) {
            continue;
        }
        for text in element.children().filter_map(|c| c.value().as_text()) {
            add(text);
        }
        for attribute in ["aria-label", "title", "placeholder", "alt"] {
            if let Some(value) = element.value().attr(attribute) {
                add(value);
            }
        }
        if element.value().name() == "input"
            && matches!(element.value().attr("type"), Some("submit" | "button"))
        {
            add(element.value().attr("value").unwrap_or_default());
        }
    }
    words
}

async fn pages_in(browser: &mut Browser, app: &support::TestApp, code: &str, paths: &[&str]) {
    let with_status: Vec<(&str, u16)> = paths.iter().map(|p| (*p, 200)).collect();
    answers_in(browser, app, code, &with_status).await;
}

async fn answers_in(
    browser: &mut Browser,
    app: &support::TestApp,
    code: &str,
    paths: &[(&str, u16)],
) {
    let other = if code == "en" { "fr" } else { "en" };
    let foreign = if code == "en" { FRENCH } else { ENGLISH };
    let switched = browser.get(&app.url(&format!("/langue/{code}"))).await;
    assert_eq!(switched.status, StatusCode::SEE_OTHER);
    let mut problems = Vec::new();
    for &(path, status) in paths {
        let page = browser.get(&app.url(path)).await;
        assert_eq!(page.status.as_u16(), status, "{path}: {}", page.body);
        assert!(
            page.body.contains(&format!("<html lang=\"{code}\"")),
            "{path} is not marked {code}"
        );
        let words = visible_words(&page.body, other);
        let mut found: Vec<&str> = foreign
            .iter()
            .copied()
            .filter(|w| words.iter().any(|seen| seen == w))
            .collect();
        found.dedup();
        if !found.is_empty() {
            problems.push(format!("{path}: {found:?}"));
        }
    }
    assert!(
        problems.is_empty(),
        "words of the other language on pages rendered in {code}:\n{}",
        problems.join("\n")
    );
}

on_both_engines!(every_page_speaks_the_readers_language);

async fn every_page_speaks_the_readers_language(engine: Engine) {
    let app = spawn_app(engine, Options::default()).await;
    // Signed out: the landing page and the sign-in page.
    let mut visitor = Browser::new();
    pages_in(&mut visitor, &app, "en", &["/", "/connexion"]).await;
    pages_in(&mut visitor, &app, "fr", &["/", "/connexion"]).await;

    answers_in(&mut visitor, &app, "en", REFUSALS).await;
    answers_in(&mut visitor, &app, "fr", REFUSALS).await;

    // ONISEP's data, loaded after the server started (as `server admin onisep import` would):
    // the search notices it.
    assert!(
        domain::guidance::onisep::store::load_shipped_if_empty(&app.db)
            .await
            .unwrap()
    );
    let mut pupil = idp_pupil_browser(&app, "lang-pupil", "Alex").await;
    pages_in(&mut pupil, &app, "en", PUPIL_PAGES).await;
    pages_in(&mut pupil, &app, "fr", PUPIL_PAGES).await;
    answers_in(&mut pupil, &app, "en", PUPIL_REFUSALS).await;
    answers_in(&mut pupil, &app, "fr", PUPIL_REFUSALS).await;

    app.idp().login_as(Person::new(
        "lang-parent",
        "Sam",
        "Parent",
        serde_json::json!({"FrEduCtId": "fe-lang-parent", "FrEduCtPersonAffiliation": "resp2d"}),
    ));
    let mut parent = Browser::new();
    let start = parent.get(&app.url("/auth/connexion/educonnect")).await;
    let (home, _) = parent.follow(&app.base, start).await;
    assert_eq!(home.status, StatusCode::OK, "{}", home.body);
    pages_in(&mut parent, &app, "en", GUARDIAN_PAGES).await;
    pages_in(&mut parent, &app, "fr", GUARDIAN_PAGES).await;
    // A pupil's page, for a parent: why not, and nothing of what a pupil does there.
    answers_in(&mut parent, &app, "en", &[("/famille", 403)]).await;
    let refused = parent.get(&app.url("/famille")).await;
    assert!(
        !refused.body.contains("invite-guardian"),
        "{}",
        refused.body
    );
    app.finish().await;

    // A counsellor: the demo's (no story is told in tests, so its classes are empty).
    let demo = spawn_app(engine, Options::demo()).await;
    let mut counsellor = demo.demo_browser("conseillere").await;
    pages_in(&mut counsellor, &demo, "en", COUNSELLOR_PAGES).await;
    pages_in(&mut counsellor, &demo, "fr", COUNSELLOR_PAGES).await;
    demo.finish().await;
}

#[test]
fn the_word_lists_catch_what_they_name() {
    let english = visible_words(
        "<html><body><p>Mes résultats</p><p lang=\"fr\">Coffre-fort</p></body></html>",
        "fr",
    );
    assert!(english.contains(&"mes".to_owned()));
    assert!(!english.contains(&"coffre".to_owned()));
    let aria = visible_words(
        "<html><body><nav aria-label=\"Your pages\"></nav><script>var the = 1;</script></body></html>",
        "en",
    );
    assert_eq!(aria, ["your", "pages"]);
    let quoted = visible_words(
        "<html><body><p>Then « Exporter les résultats »: upload it.</p></body></html>",
        "fr",
    );
    assert_eq!(quoted, ["then", "upload", "it"]);
}
