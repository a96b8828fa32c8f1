//! The skills portfolio through the real server: entries created, edited, reordered and
//! deleted through the server functions the pages use; every bad input refused with nothing
//! written; another account's entries out of reach; the pages rendered server-side.

use crate::support;

use reqwest::{Method, StatusCode};
use serde_json::Value;
use support::{call, files_in, multipart, spawn_app, Browser, Engine, Options, TestApp};

fn entry_form<'a>(
    title: &'a str,
    started_on: &'a str,
    ended_on: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("entry[kind]", "project"),
        ("entry[title]", title),
        ("entry[started_on]", started_on),
        ("entry[ended_on]", ended_on),
        ("entry[place]", "Collège Jean Moulin"),
        ("entry[description]", "Vente de semis au marché"),
        ("entry[reflection]", "Parler aux clients"),
    ]
}

/// Creates an entry; returns its id (from the page the client is sent to: the hydrated page
/// gets `Location` with a 200 and navigates itself).
async fn create(browser: &mut Browser, app: &TestApp, form: &[(&str, &str)]) -> i64 {
    let (status, location, body) = call(browser, app, "portfolio_save", form).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let location = location.expect("redirect to the entry");
    location
        .strip_prefix("/portfolio/entrees/")
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("unexpected redirect {location}"))
}

async fn titles_in_order(browser: &mut Browser, app: &TestApp) -> Vec<String> {
    let (status, _, body) = call(browser, app, "portfolio", &[]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| e["title"].as_str().unwrap().to_owned())
        .collect()
}

async fn entries_lifecycle(engine: Engine) {
    let app = spawn_app(engine, Options::demo()).await;
    let mut pupil = app.demo_browser("eleve").await;

    let mut form = entry_form(
        "Mini-entreprise « Les Pousses »",
        "2026-01-12",
        "2026-06-30",
    );
    form.extend([
        ("entry[competences][crcn:2.3]", "acquired"),
        ("entry[levels][crcn:2.3]", "3"),
        ("entry[competences][socle:5]", "in_progress"),
        ("entry[competences][crcn:1.1]", ""),
        ("entry[new_skill]", "Parler en public"),
        ("entry[new_skill_status]", "begun"),
    ]);
    let id = create(&mut pupil, &app, &form).await;

    let page = pupil
        .get(&app.url(&format!("/portfolio/entrees/{id}")))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    for expected in [
        "Mini-entreprise « Les Pousses »",
        "12/01/2026 – 30/06/2026",
        "2.3 Collaborer",
        "Acquis · Niveau 3",
        "5 Méthodes et outils pour apprendre",
        "En cours",
        "Parler en public",
        "Parler aux clients",
    ] {
        assert!(
            page.body.contains(expected),
            "entry page lacks {expected:?}"
        );
    }
    assert!(
        !page.body.contains("1.1 Mener une recherche"),
        "an empty status is no link"
    );
    assert_eq!(app.count("entry_competences").await, 3);
    assert_eq!(app.count("own_skills").await, 1);

    // Every view of the portfolio shows it.
    for (path, expected) in [
        ("/portfolio", "Mini-entreprise"),
        ("/portfolio/chronologie", "2026"),
        ("/portfolio/competences", "Parler en public"),
        ("/portfolio/competences/crcn/2.3", "Mini-entreprise"),
        ("/portfolio/entrees/nouvelle", "Nouvelle entrée"),
    ] {
        let page = pupil.get(&app.url(path)).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(page.body.contains(expected), "{path} lacks {expected:?}");
    }
    let edit = pupil
        .get(&app.url(&format!("/portfolio/entrees/{id}/modifier")))
        .await;
    assert!(
        edit.body
            .contains("value=\"Mini-entreprise « Les Pousses »\""),
        "the form is filled in"
    );
    assert!(
        edit.body.contains("<option value=\"acquired\" selected"),
        "the status is chosen"
    );
    let overview = pupil.get(&app.url("/portfolio/competences")).await.body;
    assert!(
        overview.contains("data-competence=\"crcn:2.3\" data-count=\"1\""),
        "the overview counts the entries of each competence"
    );
    assert!(overview.contains("data-competence=\"crcn:1.1\" data-count=\"0\""));
    assert!(overview.contains("Au mieux\u{202f}: Acquis"));
    let unknown = pupil.get(&app.url("/portfolio/competences/crcn/9.9")).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);

    // Editing replaces fields and links; reusing an own skill's name does not duplicate it.
    let skill_id = {
        let (_, _, body) = call(&mut pupil, &app, "portfolio", &[]).await;
        body["own_skills"][0]["id"].as_i64().unwrap()
    };
    let own_key = format!("entry[competences][own:{skill_id}]");
    let id_text = id.to_string();
    let mut form = entry_form("Mini-entreprise (bilan)", "2026-01-12", "");
    form.extend([
        ("id", id_text.as_str()),
        (own_key.as_str(), "acquired"),
        ("entry[new_skill]", "parler en PUBLIC"),
    ]);
    let (status, location, _) = call(&mut pupil, &app, "portfolio_save", &form).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        location.as_deref(),
        Some(format!("/portfolio/entrees/{id}").as_str())
    );
    let page = pupil
        .get(&app.url(&format!("/portfolio/entrees/{id}")))
        .await;
    assert!(page.body.contains("Mini-entreprise (bilan)"));
    assert!(
        page.body.contains("Depuis le 12/01/2026"),
        "no end date: ongoing"
    );
    assert!(!page.body.contains("2.3 Collaborer"), "links are replaced");
    assert_eq!(app.count("own_skills").await, 1, "same skill, another case");
    assert_eq!(app.count("entry_competences").await, 1);

    // Reordering: the third entry moved up twice comes first; moving the first up does nothing.
    let second = create(
        &mut pupil,
        &app,
        &entry_form("Stage en boulangerie", "2025-12-01", "2025-12-05"),
    )
    .await;
    let third = create(
        &mut pupil,
        &app,
        &entry_form("Club théâtre", "2025-09-15", ""),
    )
    .await;
    assert_eq!(
        titles_in_order(&mut pupil, &app).await,
        [
            "Mini-entreprise (bilan)",
            "Stage en boulangerie",
            "Club théâtre"
        ]
    );
    for _ in 0..3 {
        let third_id = third.to_string();
        let (status, _, body) = call(
            &mut pupil,
            &app,
            "portfolio_move",
            &[("id", &third_id), ("direction", "Up")],
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let second_id = second.to_string();
    call(
        &mut pupil,
        &app,
        "portfolio_move",
        &[("id", &second_id), ("direction", "Down")],
    )
    .await;
    assert_eq!(
        titles_in_order(&mut pupil, &app).await,
        [
            "Club théâtre",
            "Mini-entreprise (bilan)",
            "Stage en boulangerie"
        ]
    );
    let timeline = pupil.get(&app.url("/portfolio/chronologie")).await.body;
    let (a, b) = (
        timeline.find("Mini-entreprise").unwrap(),
        timeline.find("Club théâtre").unwrap(),
    );
    assert!(a < b, "the timeline is newest first, whatever the order");

    // Without JavaScript the form posts as HTML, and the answer is a real redirect.
    let mut form = entry_form("Sans JavaScript", "2026-04-01", "");
    form.push(("entry[competences][crcn:3.1]", "begun"));
    let page = pupil
        .request(
            Method::POST,
            &app.url("/api/portfolio_save"),
            Some(&form),
            &[
                ("origin", &app.base),
                ("accept", "text/html,application/xhtml+xml"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::FOUND);
    let (page, _) = pupil.follow(&app.base, page).await;
    assert!(
        page.body.contains("Sans JavaScript")
            && page.body.contains("3.1 Développer des documents textuels")
    );

    // Deleting: the entry and its links go; its page is then a 404.
    let (status, location, _) =
        call(&mut pupil, &app, "portfolio_delete", &[("id", &id_text)]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(location.as_deref(), Some("/portfolio?supprime=1"));
    let gone = pupil
        .get(&app.url(&format!("/portfolio/entrees/{id}")))
        .await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.count("entry_competences").await,
        1,
        "only the other entry's link"
    );
    assert_eq!(app.count("portfolio_entries").await, 3);
    app.finish().await;
}

/// A form's fields, as `reqwest` posts them.
type Form<'a> = Vec<(&'a str, &'a str)>;

async fn bad_input_writes_nothing(engine: Engine) {
    let app = spawn_app(engine, Options::demo()).await;
    let mut pupil = app.demo_browser("eleve").await;
    // Someone else's own skill, to be refused by id.
    let (_, skill) = support::another_pupils_portfolio(&app, "Réunion parents-profs").await;
    let foreign_skill = format!("entry[competences][own:{skill}]");

    let long_title = "x".repeat(201);
    let cases: Vec<(Form, &[&str])> = vec![
        (entry_form("   ", "2026-01-01", ""), &["Title"]),
        (
            entry_form("Dates", "2026-03-01", "2026-02-01"),
            &["EndedOn"],
        ),
        (entry_form("Dates", "31/12/2026", ""), &["StartedOn"]),
        (entry_form("Dates", "2026-02-30", ""), &["StartedOn"]),
        (entry_form(&long_title, "2026-01-01", ""), &["Title"]),
        (
            {
                let mut f = entry_form("Kind", "2026-01-01", "");
                f[0] = ("entry[kind]", "holiday");
                f
            },
            &["Kind"],
        ),
        (
            {
                let mut f = entry_form("Levels", "2026-01-01", "");
                f.extend([
                    ("entry[competences][socle:2]", "begun"),
                    ("entry[levels][socle:2]", "7"),
                ]);
                f
            },
            &["Competences"],
        ),
        (
            {
                let mut f = entry_form("Unknown", "2026-01-01", "");
                f.extend([
                    ("entry[competences][crcn:9.9]", "acquired"),
                    ("entry[competences][crcn:1.1]", "mastered"),
                ]);
                f
            },
            &["Competences", "Competences"],
        ),
        (
            {
                let mut f = entry_form("Foreign skill", "2026-01-01", "");
                f.push((foreign_skill.as_str(), "acquired"));
                f
            },
            &["Competences"],
        ),
    ];
    for (form, expected_fields) in cases {
        let (status, _, body) = call(&mut pupil, &app, "portfolio_save", &form).await;
        assert_eq!(status, StatusCode::OK, "{form:?}: {body}");
        let fields: Vec<&str> = body["Invalid"]
            .as_array()
            .unwrap_or_else(|| panic!("{body}"))
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        assert_eq!(fields, expected_fields, "{form:?}");
    }
    let (status, _, body) = call(
        &mut pupil,
        &app,
        "portfolio_save",
        &[("entry[title]", "no kind")],
    )
    .await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "a malformed request: {body}"
    );
    let message = body["BadRequest"].as_str().unwrap_or_default();
    assert!(
        message.contains("kind")
            && message.starts_with("Requête invalide")
            && message.contains("Bad request"),
        "said in French and English, naming the field: {body}"
    );
    let (status, _, body) = call(
        &mut pupil,
        &app,
        "portfolio_move",
        &[("id", "abc"), ("direction", "Up")],
    )
    .await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "an id that is not a number: {body}"
    );
    let (_, _, mine) = call(&mut pupil, &app, "portfolio", &[]).await;
    assert_eq!(
        mine["entries"],
        Value::Array(vec![]),
        "nothing was written for the pupil"
    );
    assert_eq!(
        app.count("portfolio_entries").await,
        1,
        "only the parent's entry"
    );
    assert_eq!(app.count("own_skills").await, 1);
    app.finish().await;
}

async fn another_accounts_entries_are_out_of_reach(engine: Engine) {
    let options = Options {
        demo: "on",
        with_idp: true,
        ..Options::default()
    };
    let app = spawn_app(engine, options).await;
    let mut pupil = app.demo_browser("eleve").await;
    let id = create(
        &mut pupil,
        &app,
        &entry_form("Mon stage", "2026-01-05", "2026-01-09"),
    )
    .await;
    let id_text = id.to_string();

    let mut anonymous = Browser::new();
    for endpoint in [
        "portfolio",
        "portfolio_entry",
        "portfolio_delete",
        "portfolio_move",
    ] {
        let (status, _, body) = call(
            &mut anonymous,
            &app,
            endpoint,
            &[("id", &id_text), ("direction", "Up")],
        )
        .await;
        assert!(!status.is_success(), "anonymous {endpoint}: {status}");
        assert_eq!(
            body,
            Value::String("NotSignedIn".into()),
            "anonymous {endpoint}"
        );
    }
    let page = anonymous
        .get(&app.url(&format!("/portfolio/entrees/{id}")))
        .await;
    assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    assert!(!page.body.contains("Mon stage"));

    // Another pupil: the entry is as missing as one that does not exist.
    let mut other_pupil = support::idp_pupil_browser(&app, "sub-noe", "Noé").await;
    let (_, _, body) = call(
        &mut other_pupil,
        &app,
        "portfolio_entry",
        &[("id", &id_text)],
    )
    .await;
    assert_eq!(body, Value::String("NotFound".into()), "another pupil");
    let page = other_pupil
        .get(&app.url(&format!("/portfolio/entrees/{id}")))
        .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(!page.body.contains("Mon stage"));
    let mut form = entry_form("Volé", "2026-01-05", "");
    form.push(("id", &id_text));
    for (endpoint, form) in [
        ("portfolio_save", form.clone()),
        ("portfolio_delete", vec![("id", id_text.as_str())]),
        (
            "portfolio_move",
            vec![("id", id_text.as_str()), ("direction", "Down")],
        ),
    ] {
        let (_, _, body) = call(&mut other_pupil, &app, endpoint, &form).await;
        assert_eq!(
            body,
            Value::String("NotFound".into()),
            "another pupil: {endpoint}"
        );
    }
    let (_, _, theirs) = call(&mut other_pupil, &app, "portfolio", &[]).await;
    assert_eq!(theirs["entries"], Value::Array(vec![]), "their own only");

    // Guardians and staff have no portfolio at all.
    for key in ["parent", "conseillere"] {
        let mut other = app.demo_browser(key).await;
        let (status, _, body) =
            call(&mut other, &app, "portfolio_entry", &[("id", &id_text)]).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{key} read");
        assert_eq!(
            body,
            Value::String("Forbidden".into()),
            "{key}: only pupils have a portfolio"
        );
        let page = other
            .get(&app.url(&format!("/portfolio/entrees/{id}")))
            .await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{key}");
        assert!(!page.body.contains("Mon stage"), "{key}");
        let mut form = entry_form("Volé", "2026-01-05", "");
        form.push(("id", &id_text));
        let (_, _, body) = call(&mut other, &app, "portfolio_save", &form).await;
        assert_eq!(body, Value::String("Forbidden".into()), "{key} edit");
        let (_, _, body) = call(&mut other, &app, "portfolio_delete", &[("id", &id_text)]).await;
        assert_eq!(body, Value::String("Forbidden".into()), "{key} delete");
        let (_, _, body) = call(
            &mut other,
            &app,
            "portfolio_move",
            &[("id", &id_text), ("direction", "Down")],
        )
        .await;
        assert_eq!(body, Value::String("Forbidden".into()), "{key} move");
        let (_, _, theirs) = call(&mut other, &app, "portfolio", &[]).await;
        assert_eq!(theirs, Value::String("Forbidden".into()), "{key} has none");
    }
    let (_, _, body) = call(&mut pupil, &app, "portfolio_entry", &[("id", &id_text)]).await;
    assert_eq!(
        body["entry"]["title"],
        Value::String("Mon stage".into()),
        "untouched"
    );
    // A cross-site form post is refused before the server function runs.
    let page = pupil
        .request(
            Method::POST,
            &app.url("/api/portfolio_delete"),
            Some(&[("id", &id_text)]),
            &[("origin", "https://evil.example")],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert_eq!(app.count("portfolio_entries").await, 1);
    app.finish().await;
}

/// Fifteen files sent at once to one entry: the per-entry limit (10) holds.
async fn uploads_sent_at_once_keep_the_per_entry_limit(engine: Engine) {
    let app = spawn_app(engine, Options::demo()).await;
    let mut pupil = app.demo_browser("eleve").await;
    let entry = create(
        &mut pupil,
        &app,
        &entry_form("Beaucoup de preuves", "2026-01-05", ""),
    )
    .await;
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..15 {
        let mut tab = pupil.tab();
        let url = app.url(&format!("/portfolio/entrees/{entry}/preuves"));
        let base = app.base.clone();
        tasks.spawn(async move {
            let (content_type, body) = multipart(
                "fichier",
                &format!("p{i}.pdf"),
                format!("%PDF-1.4 {i}").as_bytes(),
            );
            tab.request_bytes(&url, body, &content_type, &base)
                .await
                .status
        });
    }
    for status in tasks.join_all().await {
        assert!(!status.is_server_error(), "{status}");
    }
    let stored: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM evidence WHERE entry_id = $1")
        .bind(entry)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(stored.0, 10, "exactly the limit");
    assert_eq!(
        files_in(&app.database.evidence_dir),
        10,
        "no file of a refused upload left"
    );
    app.finish().await;
}

on_both_engines!(
    entries_lifecycle,
    bad_input_writes_nothing,
    another_accounts_entries_are_out_of_reach,
    evidence_files,
    image_thumbnails,
    long_portfolios_are_read_a_page_at_a_time,
    uploads_sent_at_once_keep_the_per_entry_limit
);

async fn upload(
    browser: &mut Browser,
    app: &TestApp,
    entry: i64,
    file_name: &str,
    bytes: &[u8],
) -> support::Page {
    let (content_type, body) = multipart("fichier", file_name, bytes);
    browser
        .request_bytes(
            &app.url(&format!("/portfolio/entrees/{entry}/preuves")),
            body,
            &content_type,
            &app.base,
        )
        .await
}
/// A 1×1 PNG.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\0\x05\0\x01\xff\x89\x99=\x1d\0\0\0\0IEND\xaeB`\x82";

async fn evidence_files(engine: Engine) {
    let app = spawn_app(
        engine,
        Options {
            demo: "on",
            with_idp: false,
            env: vec![
                (
                    "SILLAGE_PORTFOLIO__MAX_EVIDENCE_BYTES".into(),
                    "4096".into(),
                ),
                (
                    "SILLAGE_PORTFOLIO__MAX_EVIDENCE_PER_ENTRY".into(),
                    "3".into(),
                ),
            ],
        },
    )
    .await;
    let dir = app.database.evidence_dir.clone();
    let mut pupil = app.demo_browser("eleve").await;
    let entry = create(
        &mut pupil,
        &app,
        &entry_form("Exposé sur les abeilles", "2026-02-02", ""),
    )
    .await;
    let pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n";

    let added = format!("/portfolio/entrees/{entry}?preuve=ajoutee#preuves");
    for (name, bytes) in [("rapport.pdf", &pdf[..]), ("C:\\Photos\\ruche.png", PNG)] {
        let page = upload(&mut pupil, &app, entry, name, bytes).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{name}: {}", page.body);
        assert_eq!(page.location.as_deref(), Some(added.as_str()), "{name}");
    }
    let refused = |code: &str| format!("/portfolio/entrees/{entry}?preuve_refusee={code}#preuves");
    let svg = b"<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(document.cookie)</script></svg>";
    let mut oversize = pdf.to_vec();
    oversize.resize(5000, b' ');
    for (name, bytes, code) in [
        (
            "devoir.pdf",
            &b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff"[..],
            "executable",
        ),
        ("dessin.svg", &svg[..], "svg"),
        (
            "page.pdf",
            &b"<html><script>alert(1)</script></html>"[..],
            "type",
        ),
        ("gros.pdf", &oversize[..], "trop-gros"),
        ("vide.pdf", &b""[..], "vide"),
    ] {
        let page = upload(&mut pupil, &app, entry, name, bytes).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{name}");
        assert_eq!(
            page.location.as_deref(),
            Some(refused(code).as_str()),
            "{name}"
        );
    }
    assert_eq!(app.count("evidence").await, 2, "refused files leave no row");
    assert_eq!(files_in(&dir), 2, "refused files leave no file");

    let message = pupil.get(&app.url(&refused("executable"))).await;
    assert!(message
        .body
        .contains("Ce fichier est un programme, pas un document"));
    let message = pupil.get(&app.url(&refused("trop-gros"))).await;
    assert!(message
        .body
        .contains("Le fichier est trop gros (4,1 ko au plus)."));

    let (_, _, data) = call(
        &mut pupil,
        &app,
        "portfolio_entry",
        &[("id", &entry.to_string())],
    )
    .await;
    let files = data["entry"]["evidence"]
        .as_array()
        .expect("evidence")
        .clone();
    assert_eq!(files[0]["file_name"], "rapport.pdf");
    assert_eq!(files[1]["file_name"], "ruche.png", "no folder in the name");
    assert_eq!(files[1]["media_type"], "Png");
    let pdf_id = files[0]["id"].as_i64().unwrap();
    let png_id = files[1]["id"].as_i64().unwrap();
    let page = pupil
        .get(&app.url(&format!("/portfolio/entrees/{entry}")))
        .await;
    assert!(page.body.contains(&format!(
        "<img src=\"/preuves/{png_id}?miniature\" alt=\"ruche.png\""
    )));
    assert!(page.body.contains("rapport.pdf"));
    let competence = pupil.get(&app.url("/portfolio")).await;
    assert_eq!(competence.status, StatusCode::OK);

    let download = pupil.get(&app.url(&format!("/preuves/{pdf_id}"))).await;
    assert_eq!(download.status, StatusCode::OK);
    assert_eq!(download.headers["content-type"], "application/pdf");
    assert!(download.headers["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("sandbox"));
    assert_eq!(download.headers["x-content-type-options"], "nosniff");
    assert_eq!(download.body.as_bytes(), &pdf[..]);

    // Another account: no file of the pupil's can be read, added to or removed.
    let mut parent = app.demo_browser("parent").await;
    let stranger = parent.get(&app.url(&format!("/preuves/{pdf_id}"))).await;
    assert_eq!(stranger.status, StatusCode::NOT_FOUND);
    assert!(!stranger.body.contains("%PDF"));
    let page = upload(&mut parent, &app, entry, "intrus.pdf", pdf).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    let page = parent
        .post_form(
            &app.url(&format!("/portfolio/preuves/{pdf_id}/supprimer")),
            &[],
            &app.base,
        )
        .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert_eq!((app.count("evidence").await, files_in(&dir)), (2, 2));
    let mut anonymous = Browser::new();
    let page = anonymous.get(&app.url(&format!("/preuves/{pdf_id}"))).await;
    assert_eq!(page.location.as_deref(), Some("/connexion"));
    // A cross-site upload is refused before it is read.
    let (content_type, body) = multipart("fichier", "x.pdf", pdf);
    let page = pupil
        .request_bytes(
            &app.url(&format!("/portfolio/entrees/{entry}/preuves")),
            body,
            &content_type,
            "https://evil.example",
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);

    // At most three files per entry here.
    upload(&mut pupil, &app, entry, "troisieme.pdf", pdf).await;
    let page = upload(&mut pupil, &app, entry, "quatrieme.pdf", pdf).await;
    assert_eq!(
        page.location.as_deref(),
        Some(refused("trop-nombreux").as_str())
    );
    assert_eq!((app.count("evidence").await, files_in(&dir)), (3, 3));

    // Removing a file removes its bytes; deleting the entry removes all of them.
    let page = pupil
        .post_form(
            &app.url(&format!("/portfolio/preuves/{png_id}/supprimer")),
            &[],
            &app.base,
        )
        .await;
    assert_eq!(
        page.location.as_deref(),
        Some(format!("/portfolio/entrees/{entry}?preuve=supprimee#preuves").as_str())
    );
    assert_eq!((app.count("evidence").await, files_in(&dir)), (2, 2));
    assert_eq!(
        pupil
            .get(&app.url(&format!("/preuves/{png_id}")))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let (status, _, _) = call(
        &mut pupil,
        &app,
        "portfolio_delete",
        &[("id", &entry.to_string())],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!((app.count("evidence").await, files_in(&dir)), (0, 0));
    app.finish().await;
}

async fn image_thumbnails(engine: Engine) {
    let app = spawn_app(engine, Options::demo()).await;
    let dir = app.database.evidence_dir.clone();
    let mut pupil = app.demo_browser("eleve").await;
    let entry = create(
        &mut pupil,
        &app,
        &entry_form("Photos du chantier", "2026-02-02", ""),
    )
    .await;
    let big = {
        let image = image::RgbImage::from_pixel(1200, 900, image::Rgb([30, 90, 160]));
        let mut out = std::io::Cursor::new(Vec::new());
        image::DynamicImage::ImageRgb8(image)
            .write_to(&mut out, image::ImageFormat::Png)
            .unwrap();
        out.into_inner()
    };
    let page = upload(&mut pupil, &app, entry, "chantier.png", &big).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(files_in(&dir), 2, "the image and its thumbnail");
    let (_, _, data) = call(
        &mut pupil,
        &app,
        "portfolio_entry",
        &[("id", &entry.to_string())],
    )
    .await;
    let id = data["entry"]["evidence"][0]["id"].as_i64().unwrap();
    let html = pupil
        .get(&app.url(&format!("/portfolio/entrees/{entry}")))
        .await
        .body;
    assert!(
        html.contains(&format!("src=\"/preuves/{id}?miniature\"")),
        "pages show the thumbnail"
    );

    let cookie = pupil
        .cookies
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("; ");
    let get = |path: String| {
        let cookie = cookie.clone();
        async move {
            reqwest::Client::new()
                .get(path)
                .header("cookie", cookie)
                .send()
                .await
                .unwrap()
        }
    };
    let thumbnail = get(app.url(&format!("/preuves/{id}?miniature"))).await;
    assert_eq!(thumbnail.headers()["content-type"], "image/jpeg");
    let thumbnail = image::load_from_memory(&thumbnail.bytes().await.unwrap()).unwrap();
    assert_eq!((thumbnail.width(), thumbnail.height()), (320, 240));
    let original = get(app.url(&format!("/preuves/{id}"))).await;
    assert_eq!(original.headers()["content-type"], "image/png");
    assert_eq!(original.bytes().await.unwrap().len(), big.len());

    let page = pupil
        .post_form(
            &app.url(&format!("/portfolio/preuves/{id}/supprimer")),
            &[],
            &app.base,
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(files_in(&dir), 0, "the thumbnail goes with its image");
    app.finish().await;
}

async fn long_portfolios_are_read_a_page_at_a_time(engine: Engine) {
    let app = spawn_app(engine, Options::demo()).await;
    let mut pupil = app.demo_browser("eleve").await;
    for i in 1..=55 {
        let title = format!("Entrée numéro {i:02}");
        create(&mut pupil, &app, &entry_form(&title, "2026-01-05", "")).await;
    }
    let cards = |html: &str| html.matches("class=\"entry-card\"").count();
    let first = pupil.get(&app.url("/portfolio")).await.body;
    assert_eq!(cards(&first), 50);
    assert!(first.contains("Entrées 1–50 sur 55") && first.contains("href=\"/portfolio?page=2\""));
    assert!(first.contains("Entrée numéro 01") && !first.contains("Entrée numéro 51"));
    let second = pupil.get(&app.url("/portfolio?page=2")).await.body;
    assert_eq!(cards(&second), 5);
    assert!(
        second.contains("Entrées 51–55 sur 55") && second.contains("href=\"/portfolio?page=1\"")
    );
    assert!(second.contains("Entrée numéro 55") && !second.contains("Entrée numéro 50<"));
    // The first entry of page 2 can still move up (past the page's edge); the very last cannot go down.
    assert_eq!(second.matches("data-move=\"Up\"").count(), 5);
    assert_eq!(second.matches("data-move=\"Down\"").count(), 4);
    let junk = pupil.get(&app.url("/portfolio?page=abc")).await.body;
    assert!(
        junk.contains("Entrées 1–50 sur 55"),
        "a bad page number is the first page"
    );
    let beyond = pupil.get(&app.url("/portfolio?page=9")).await;
    assert_eq!(beyond.status, StatusCode::OK);
    app.finish().await;
}
