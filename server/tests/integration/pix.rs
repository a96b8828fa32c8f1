//! Pix results through the real server: a counsellor uploads a Pix Orga export, reads the
//! preview (nothing stored yet), confirms (one transaction, one journal line per pupil),
//! re-imports it (nothing changes), imports a newer one (updated); bad files are reported and
//! import nothing; pupils record certifications, see their history, and show it on a page.

use crate::support;

use domain::pix::orga_csv::{self, Campaign, ParticipantRow};
use domain::pix::{CompetencePix, PixLevel};
use domain::portfolio::frameworks::Frameworks;
use reqwest::StatusCode;
use serde_json::{json, Value};
use support::{account_id, call, multipart, spawn_app, Browser, Engine, Options, TestApp};

const SCHOOL: &str = "0999999Z";

fn campaign() -> Campaign {
    Campaign {
        organisation: "Collège Démo".to_owned(),
        id: "7001".to_owned(),
        name: "Profils 3e".to_owned(),
    }
}

/// A participant who sent a profile with `pix` in every competence.
fn participant(
    line: u64,
    first: &str,
    last: &str,
    class: &str,
    id: Option<&str>,
    pix: u16,
) -> ParticipantRow {
    let framework = Frameworks::crcn().clone();
    let competences: Vec<_> = framework
        .competences()
        .map(|c| {
            (
                c.code.clone(),
                PixLevel::new((pix / 8) as u8).unwrap(),
                CompetencePix::new(pix).unwrap(),
            )
        })
        .collect();
    ParticipantRow {
        line,
        last_name: last.to_owned(),
        first_name: first.to_owned(),
        class: Some(class.to_owned()),
        student_number: None,
        external_id: id.map(str::to_owned),
        shared: true,
        shared_on: Some("2026-10-05".to_owned()),
        shared_at: None,
        total_pix: Some(pix * 16),
        certifiable: None,
        competences,
    }
}

fn export(rows: &[ParticipantRow]) -> String {
    let framework = Frameworks::crcn().clone();
    orga_csv::write(&framework, &campaign(), rows)
}

async fn add_pupil(app: &TestApp, subject: &str, given: &str, family: &str, school: &str) -> i64 {
    let row: (i64,) = sqlx::query_as(
        "INSERT INTO accounts (issuer, subject, role, given_name, family_name, school_uai, is_demo, created_at, last_sign_in_at)
         VALUES ('urn:test', $1, 'student', $2, $3, $4, 0, 0, 0) RETURNING id",
    )
    .bind(subject)
    .bind(given)
    .bind(family)
    .bind(school)
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    row.0
}

/// Uploads `text` as the export; answers where the server sent the browser.
async fn upload(browser: &mut Browser, app: &TestApp, text: &str) -> (StatusCode, String) {
    let (content_type, body) = multipart("export", "export.csv", text.as_bytes());
    let page = browser
        .request_bytes(&app.url("/pix/import"), body, &content_type, &app.base)
        .await;
    (page.status, page.location.unwrap_or_default())
}

fn draft_of(location: &str) -> String {
    location
        .strip_prefix("/pix/import/")
        .unwrap_or_else(|| panic!("not a preview: {location}"))
        .to_owned()
}

async fn stored_scores(app: &TestApp) -> Vec<String> {
    sqlx::query_scalar("SELECT scores FROM pix_results ORDER BY id")
        .fetch_all(app.db.pool())
        .await
        .unwrap()
}

/// A draft's chunks of lines, in order.
async fn draft_lines(app: &TestApp, draft: &str) -> Vec<Vec<u8>> {
    sqlx::query_scalar("SELECT lines FROM pix_draft_chunks WHERE draft_id = $1 ORDER BY seq")
        .bind(draft.parse::<i64>().unwrap())
        .fetch_all(app.db.pool())
        .await
        .unwrap()
}

async fn pix_rows(app: &TestApp) -> i64 {
    app.count("pix_results").await
}

async fn counsellor_imports_a_campaign(engine: Engine) {
    let app = spawn_app(
        engine,
        Options {
            env: vec![("SILLAGE_PIX__MAX_IMPORT_BYTES".into(), "60000".into())],
            ..Options::demo()
        },
    )
    .await;
    let mut counsellor = app.demo_browser("conseillere").await;
    let mut pupil = app.demo_browser("eleve").await;
    let camille = account_id(&mut pupil, &app).await;
    let ines = add_pupil(&app, "ines", "Inès", "Petit", SCHOOL).await;
    add_pupil(&app, "lou-1", "Lou", "Durand", SCHOOL).await;
    add_pupil(&app, "lou-2", "Lou", "Durand", SCHOOL).await;
    add_pupil(&app, "noe", "Noé", "Roux", SCHOOL).await;
    // Same name as a pupil of the demo school, but another school's: never matched.
    add_pupil(&app, "other", "Zoé", "Ailleurs", "0111111A").await;

    let mut not_shared = participant(6, "Noé", "Roux", "3e B", None, 0);
    not_shared.shared = false;
    not_shared.shared_on = None;
    not_shared.total_pix = None;
    not_shared.competences.clear();
    let file = export(&[
        participant(2, "camille", "DÉMO-MARTIN", "3e A", None, 19),
        participant(3, "Ines", "Petit", "3e A", Some(&format!("SIL-{ines}")), 27),
        participant(4, "Lou", "Durand", "3e B", None, 9),
        participant(5, "Zoé", "Ailleurs", "3e B", None, 9),
        not_shared,
    ]);

    // A pupil cannot upload; the counsellor's upload is kept as a draft, nothing imported.
    let (status, _) = upload(&mut pupil, &app, &file).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, location) = upload(&mut counsellor, &app, &file).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{location}");
    let draft = draft_of(&location);
    assert_eq!(pix_rows(&app).await, 0);
    // Read once, at upload: the draft keeps one line per participant, never the CSV, and the
    // preview and the import read those lines.
    let kept = String::from_utf8(draft_lines(&app, &draft).await.concat()).unwrap();
    assert_eq!(kept.lines().count(), 5, "{kept}");
    assert!(kept.starts_with("{\"l\":2,"), "{kept}");
    assert!(!kept.contains("Nom du Participant") && !kept.contains("Collège Démo"));

    let (status, _, preview) =
        call(&mut counsellor, &app, "pix_preview", &[("draft", &draft)]).await;
    assert_eq!(status, StatusCode::OK, "{preview}");
    assert_eq!(preview["problems"], json!([]));
    assert_eq!(
        (
            &preview["created"],
            &preview["updated"],
            &preview["skipped"],
            &preview["unresolved"]
        ),
        (&json!(2), &json!(0), &json!(1), &json!(2)),
        "{preview}"
    );
    let kinds: Vec<&Value> = preview["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| &l["outcome"])
        .collect();
    assert_eq!(kinds[0]["Create"]["by"], "Name");
    assert_eq!(kinds[1]["Create"]["by"], "SillageId");
    assert_eq!(kinds[2], &json!({"Unresolved": {"Homonyms": 2}}));
    assert_eq!(kinds[3], &json!({"Unresolved": "NoPupil"}));
    assert_eq!(kinds[4]["Skip"]["why"], "NotShared");
    assert_eq!(pix_rows(&app).await, 0);
    // The pupil cannot read the counsellor's preview, nor confirm it.
    let (_, _, body) = call(&mut pupil, &app, "pix_preview", &[("draft", &draft)]).await;
    assert_eq!(body, Value::String("Forbidden".into()));
    let (_, _, body) = call(&mut pupil, &app, "pix_confirm", &[("draft", &draft)]).await;
    assert_eq!(body, Value::String("Forbidden".into()));
    assert_eq!(pix_rows(&app).await, 0);

    let (status, location, summary) =
        call(&mut counsellor, &app, "pix_confirm", &[("draft", &draft)]).await;
    assert_eq!(status, StatusCode::OK, "{summary}");
    assert_eq!(
        summary,
        json!({"created": 2, "updated": 0, "skipped": 1, "unresolved": 2})
    );
    assert_eq!(location.as_deref(), Some("/pix/classe?importe=2-0-1-2"));
    assert_eq!(pix_rows(&app).await, 2);
    let stored = stored_scores(&app).await;
    assert_eq!(stored.len(), 2);
    assert!(stored[0].starts_with("1.1=2/19;1.2=2/19;"), "{stored:?}");
    assert_eq!(stored[0].matches('=').count(), 16);
    assert_eq!(app.count("pix_import_drafts").await, 0);
    assert_eq!(
        app.count("pix_draft_chunks").await,
        0,
        "the draft's lines went with it"
    );
    // The draft is gone: confirming again does nothing.
    let (_, _, again) = call(&mut counsellor, &app, "pix_confirm", &[("draft", &draft)]).await;
    assert_eq!(again, Value::String("NotFound".into()));

    assert_eq!(pix_rows(&app).await, 2);

    // The pupil sees the result, and who imported it in her journal.
    let (_, _, mine) = call(&mut pupil, &app, "my_pix", &[]).await;
    let results = mine["history"]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    assert_eq!(results[0]["total_pix"], 19 * 16);
    assert_eq!(results[0]["taken_on"], "2026-10-05");
    assert_eq!(
        results[0]["competences"][0],
        json!({"code": "1.1", "level": 2, "pix": 19})
    );
    assert_eq!(mine["sillage_id"], format!("SIL-{camille}"));
    let (_, _, journal) = call(&mut pupil, &app, "my_journal", &[]).await;
    let imported: Vec<&Value> = journal
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "PixResultsImported")
        .collect();
    assert_eq!(imported.len(), 1);
    assert!(imported[0]["actor"]["Other"]
        .as_str()
        .unwrap()
        .contains("Benali"));

    // The same file again: previewed as unchanged, and nothing changes.
    let (_, location) = upload(&mut counsellor, &app, &file).await;
    let draft = draft_of(&location);
    let (_, _, summary) = call(&mut counsellor, &app, "pix_confirm", &[("draft", &draft)]).await;
    assert_eq!(
        summary,
        json!({"created": 0, "updated": 0, "skipped": 3, "unresolved": 2})
    );
    assert_eq!(pix_rows(&app).await, 2);
    assert_eq!(stored_scores(&app).await, stored);

    // Camille sent her profile again, higher: her result for the campaign is updated.
    let newer = export(&[participant(2, "Camille", "Démo-Martin", "3e A", None, 35)]);
    let (_, location) = upload(&mut counsellor, &app, &newer).await;
    let draft = draft_of(&location);
    let (_, _, summary) = call(&mut counsellor, &app, "pix_confirm", &[("draft", &draft)]).await;
    assert_eq!(
        summary,
        json!({"created": 0, "updated": 1, "skipped": 0, "unresolved": 0})
    );
    assert_eq!(pix_rows(&app).await, 2);
    let (_, _, mine) = call(&mut pupil, &app, "my_pix", &[]).await;
    assert_eq!(mine["history"]["results"][0]["competences"][0]["level"], 4);

    // The class view counts both pupils, by their latest campaign result.
    let (status, _, class) = call(&mut counsellor, &app, "pix_class", &[]).await;
    assert_eq!(status, StatusCode::OK, "{class}");
    assert_eq!(class["view"]["distribution"]["pupils"], 2);
    assert_eq!(
        class["view"]["distribution"]["competences"][0],
        json!(["1.1", [0, 0, 0, 1, 1, 0, 0, 0, 0]])
    );
    assert_eq!(class["view"]["classes"], json!(["3e A"]));
    let (_, _, filtered) = call(&mut counsellor, &app, "pix_class", &[("class", "3e B")]).await;
    assert_eq!(filtered["view"]["distribution"]["pupils"], 0);
    let (_, _, body) = call(&mut pupil, &app, "pix_class", &[]).await;
    assert_eq!(body, Value::String("Forbidden".into()));

    // Nobody signed in gets anything, whatever the endpoint.
    let mut anonymous = Browser::new();
    for (endpoint, form) in [
        ("my_pix", vec![]),
        ("pix_class", vec![]),
        ("pix_preview", vec![("draft", "1")]),
        ("pix_confirm", vec![("draft", "1")]),
        ("pix_delete", vec![("id", "1")]),
        ("pix_certification", vec![("certification[score]", "1")]),
    ] {
        let (_, _, body) = call(&mut anonymous, &app, endpoint, &form).await;
        assert_eq!(body, Value::String("NotSignedIn".into()), "{endpoint}");
    }
    let (_, location) = upload(&mut anonymous, &app, &file).await;
    assert_eq!(location, "/connexion");
    app.finish().await;
}

async fn bad_exports_import_nothing(engine: Engine) {
    let app = spawn_app(
        engine,
        Options {
            env: vec![("SILLAGE_PIX__MAX_IMPORT_BYTES".into(), "60000".into())],
            ..Options::demo()
        },
    )
    .await;
    let mut counsellor = app.demo_browser("conseillere").await;
    let good = export(&[participant(2, "Camille", "Démo-Martin", "3e A", None, 19)]);

    // Re-saved by a spreadsheet with `,`: one clear problem, and the confirm refuses.
    let comma = good.replace(';', ",");
    let (status, location) = upload(&mut counsellor, &app, &comma).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let draft = draft_of(&location);
    let (_, _, preview) = call(&mut counsellor, &app, "pix_preview", &[("draft", &draft)]).await;
    assert_eq!(preview["problem_count"], 1);
    assert_eq!(preview["problems"][0]["kind"], "WrongSeparator");
    // A file with problems has no confirm button: confirming it anyway is a bad request, said
    // in both languages, and nothing is imported.
    let (status, _, refused) =
        call(&mut counsellor, &app, "pix_confirm", &[("draft", &draft)]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let words = refused["BadRequest"].as_str().unwrap_or_default();
    assert!(
        words.contains("pas valides") && words.contains("not valid"),
        "{refused}"
    );

    // Wrong on every value of 200 lines: the first 500 problems are listed, all are counted.
    let mut wrong = good.clone();
    let line = good.lines().nth(1).unwrap().replace(";2;19;", ";deux;19;");
    for _ in 0..200 {
        wrong.push_str(&line);
        wrong.push('\n');
    }
    let (_, location) = upload(&mut counsellor, &app, &wrong).await;
    let draft = draft_of(&location);
    let (_, _, preview) = call(&mut counsellor, &app, "pix_preview", &[("draft", &draft)]).await;
    let framework = Frameworks::crcn().clone();
    let all = orga_csv::read(&framework, wrong.as_bytes(), u64::MAX).problem_count;
    assert!(all > 500, "{all}");
    assert_eq!(preview["problems"].as_array().unwrap().len(), 500);
    assert_eq!(preview["problem_count"], all);
    assert_eq!(preview["lines"], json!([]));
    assert!(
        draft_lines(&app, &draft).await.is_empty(),
        "a refused file keeps no line"
    );
    let (status, _, refused) =
        call(&mut counsellor, &app, "pix_confirm", &[("draft", &draft)]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{refused}");
    assert_eq!(pix_rows(&app).await, 0);

    // A level out of range and a truncated last line: named by line and column.
    let mut broken = good.replacen(";2;19;", ";9;19;", 1);
    broken.push_str("\"Collège Démo\";7001;\"Profils 3e\";\"Petit");
    let (_, location) = upload(&mut counsellor, &app, &broken).await;
    let draft = draft_of(&location);
    let (status, _, preview) =
        call(&mut counsellor, &app, "pix_preview", &[("draft", &draft)]).await;
    assert_eq!(status, StatusCode::OK);
    let problems = preview["problems"].as_array().unwrap();
    assert!(
        problems
            .iter()
            .any(|p| p["kind"] == "LevelOutOfRange" && p["line"] == 2),
        "{preview}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p["kind"] == json!({"Syntax": "Truncated"})),
        "{preview}"
    );
    let (status, _, refused) =
        call(&mut counsellor, &app, "pix_confirm", &[("draft", &draft)]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{refused}");

    // Larger than the instance accepts: refused before anything is kept.
    let drafts = app.count("pix_import_drafts").await;
    let huge = "x".repeat(70_000);
    let (status, location) = upload(&mut counsellor, &app, &huge).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location, "/pix/classe?erreur=trop-gros");
    // An empty upload.
    let (_, location) = upload(&mut counsellor, &app, "").await;
    assert_eq!(location, "/pix/classe?erreur=vide");
    assert_eq!(app.count("pix_import_drafts").await, drafts);
    assert_eq!(pix_rows(&app).await, 0);

    // Another counsellor's draft is not found.
    let (_, _, other) = call(&mut counsellor, &app, "pix_preview", &[("draft", "999999")]).await;
    assert_eq!(other, Value::String("NotFound".into()));
    // The preview page says so in words, with a 404.
    let page = counsellor.get(&app.url("/pix/import/999999")).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(
        page.body.contains("Cet aperçu n&#x27;existe plus")
            || page.body.contains("Cet aperçu n'existe plus"),
        "{}",
        page.body
    );
    app.finish().await;
}

async fn pupils_record_certifications_and_share_them(engine: Engine) {
    let app = spawn_app(engine, Options::demo()).await;
    let mut pupil = app.demo_browser("eleve").await;
    let mut counsellor = app.demo_browser("conseillere").await;
    let mut parent = app.demo_browser("parent").await;
    let camille = account_id(&mut pupil, &app).await.to_string();

    // Every problem at once, nothing stored.
    let (status, _, outcome) = call(
        &mut pupil,
        &app,
        "pix_certification",
        &[
            ("certification[taken_on]", "2026-13-01"),
            ("certification[verification_code]", "P-12345678"),
            ("certification[score]", "2000"),
            ("certification[levels][c1.1]", "9"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{outcome}");
    assert_eq!(
        outcome,
        json!({"Invalid": ["DateInvalid", "CodeInvalid", "ScoreInvalid", {"LevelInvalid": "1.1"}]})
    );
    assert_eq!(pix_rows(&app).await, 0);

    let (_, location, outcome) = call(
        &mut pupil,
        &app,
        "pix_certification",
        &[
            ("certification[taken_on]", "2026-06-10"),
            ("certification[verification_code]", "p-3bfh7mqt"),
            ("certification[score]", "412"),
            ("certification[levels][c1.1]", "4"),
            ("certification[levels][c3.4]", ""),
        ],
    )
    .await;
    assert_eq!(outcome, json!("Saved"));
    assert_eq!(location.as_deref(), Some("/pix?certification=ok"));
    let (_, _, mine) = call(&mut pupil, &app, "my_pix", &[]).await;
    let result = &mine["history"]["results"][0];
    assert_eq!(result["certification"]["level"], "Independent4");
    assert_eq!(result["certification"]["verification_code"], "P-3BFH7MQT");
    assert_eq!(
        result["competences"],
        json!([{"code": "1.1", "level": 4, "pix": null}])
    );

    // Others cannot record for her unless they serve her school; parents never.
    let (_, _, body) = call(
        &mut parent,
        &app,
        "pix_certification",
        &[
            ("student", &camille),
            ("certification[taken_on]", "2026-06-10"),
            ("certification[verification_code]", "P-3BFH7MQT"),
            ("certification[score]", "100"),
        ],
    )
    .await;
    assert_eq!(body, Value::String("Forbidden".into()));
    let stranger = add_pupil(&app, "far", "Léo", "Loin", "0111111A")
        .await
        .to_string();
    // The policy decides on the ties it finds: a pupil of another school, an id that is no
    // one's and a pupil naming another pupil are the same refusal (it tells nothing of them).
    let classmate = add_pupil(&app, "voisin", "Noé", "Voisin", SCHOOL)
        .await
        .to_string();
    for (by_the_pupil, student) in [
        (false, stranger.as_str()),
        (false, "999999"),
        (true, classmate.as_str()),
    ] {
        let who = if by_the_pupil {
            &mut pupil
        } else {
            &mut counsellor
        };
        let (status, _, body) = call(
            who,
            &app,
            "pix_certification",
            &[
                ("student", student),
                ("certification[taken_on]", "2026-06-10"),
                ("certification[verification_code]", "P-3BFH7MQT"),
                ("certification[score]", "100"),
            ],
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{student}");
        assert_eq!(body, Value::String("Forbidden".into()), "{student}");
    }
    assert_eq!(pix_rows(&app).await, 1, "nothing recorded by a refusal");
    let (_, location, outcome) = call(
        &mut counsellor,
        &app,
        "pix_certification",
        &[
            ("student", &camille),
            ("certification[taken_on]", "2026-09-01"),
            ("certification[verification_code]", "P-4CDF8GHJ"),
            ("certification[score]", "530"),
        ],
    )
    .await;
    assert_eq!(outcome, json!("Saved"));
    assert_eq!(location.as_deref(), Some("/pix/classe?certification=ok"));
    assert_eq!(pix_rows(&app).await, 2);

    // Pupils' pages only: a counsellor cannot read her Pix page.
    let (_, _, body) = call(&mut counsellor, &app, "my_pix", &[]).await;
    assert_eq!(body, Value::String("Forbidden".into()));

    // The page shows the radar when she chooses; her Pix page draws it too.
    let page = pupil.get(&app.url("/pix")).await;
    assert!(
        page.body.contains("data-testid=\"pix-radar\""),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("Avancé 5"),
        "the latest certification is shown"
    );
    let (_, _, saved) = call(
        &mut pupil,
        &app,
        "showcase_save",
        &[("page[title]", "Mon profil numérique"), ("page[pix]", "on")],
    )
    .await;
    let page_id = saved["Saved"].as_i64().unwrap().to_string();
    let (_, _, url) = call(
        &mut pupil,
        &app,
        "showcase_link",
        &[("id", &page_id), ("lifetime", "Week")],
    )
    .await;
    let url = url.as_str().unwrap().to_owned();
    let token_path = &url[url.find("/partage/").unwrap()..];
    let mut visitor = Browser::new();
    let shared = visitor.get(&app.url(token_path)).await;
    assert_eq!(shared.status, StatusCode::OK);
    assert!(
        shared.body.contains("data-testid=\"shared-pix\""),
        "{}",
        shared.body
    );
    assert!(shared.body.contains("P-4CDF8GHJ"));
    // Without the box ticked, the page shows no Pix.
    call(
        &mut pupil,
        &app,
        "showcase_save",
        &[("id", &page_id), ("page[title]", "Mon profil numérique")],
    )
    .await;
    let shared = visitor.get(&app.url(token_path)).await;
    assert!(!shared.body.contains("shared-pix"));

    // She deletes a result; it is gone, and journaled.
    let id = mine["history"]["results"][0]["id"].to_string();
    let (_, _, body) = call(&mut counsellor, &app, "pix_delete", &[("id", &id)]).await;
    assert_eq!(body, Value::String("Forbidden".into()));
    assert_eq!(pix_rows(&app).await, 2);
    let (status, _, _) = call(&mut pupil, &app, "pix_delete", &[("id", &id)]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(pix_rows(&app).await, 1);
    let (_, _, journal) = call(&mut pupil, &app, "my_journal", &[]).await;
    assert!(journal
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["action"] == "PixResultDeleted"));
    let (_, _, body) = call(&mut pupil, &app, "pix_delete", &[("id", &id)]).await;
    assert_eq!(body, Value::String("NotFound".into()));
    app.finish().await;
}

/// Exports in the current form date each result with the Paris day and keep the time; the
/// older form keeps working; a pupil's two campaigns of one day are in the order they were sent.
async fn current_exports_keep_the_sending_time(engine: Engine) {
    let app = spawn_app(engine, Options::demo()).await;
    let mut counsellor = app.demo_browser("conseillere").await;
    let mut pupil = app.demo_browser("eleve").await;
    let at = |text: &str| domain::time::parse_paris_minute(text).unwrap().unix;
    let framework = Frameworks::crcn().clone();
    let import =
        |campaign: Campaign, row: ParticipantRow| orga_csv::write(&framework, &campaign, &[row]);

    // Sent at 00:15 in Paris on the 6th (the 5th in UTC): the pupil's day is the 6th.
    let mut late = participant(2, "Camille", "Démo-Martin", "3e A", None, 19);
    late.shared_on = Some("2026-10-06".to_owned());
    late.shared_at = Some(at("06/10/2026 00:15"));
    let file = import(campaign(), late);
    assert!(
        file.contains("\"06/10/2026 00:15\""),
        "the current exporter's form"
    );
    let (_, location) = upload(&mut counsellor, &app, &file).await;
    let draft = draft_of(&location);
    let (status, _, summary) =
        call(&mut counsellor, &app, "pix_confirm", &[("draft", &draft)]).await;
    assert_eq!(status, StatusCode::OK, "{summary}");
    assert_eq!(summary["created"], 1, "{summary}");
    // A second campaign sent later the same day (current form), then a third in the older form.
    let mut second = participant(2, "Camille", "Démo-Martin", "3e A", None, 27);
    second.shared_on = Some("2026-10-06".to_owned());
    second.shared_at = Some(at("06/10/2026 08:00"));
    let other = Campaign {
        id: "7002".to_owned(),
        name: "Profils 3e (bis)".to_owned(),
        ..campaign()
    };
    let mut older = participant(2, "Camille", "Démo-Martin", "3e A", None, 35);
    older.shared_on = Some("2026-11-02".to_owned());
    let oldest = Campaign {
        id: "7003".to_owned(),
        name: "Profils 3e (ter)".to_owned(),
        ..campaign()
    };
    for file in [import(other, second), import(oldest, older)] {
        let (_, location) = upload(&mut counsellor, &app, &file).await;
        let draft = draft_of(&location);
        let (_, _, summary) =
            call(&mut counsellor, &app, "pix_confirm", &[("draft", &draft)]).await;
        assert_eq!(summary["created"], 1, "{summary}");
    }
    let (_, _, mine) = call(&mut pupil, &app, "my_pix", &[]).await;
    let results = mine["history"]["results"].as_array().unwrap();
    let seen: Vec<(&str, Option<i64>, u64)> = results
        .iter()
        .map(|r| {
            (
                r["taken_on"].as_str().unwrap(),
                r["taken_at"].as_i64(),
                r["total_pix"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("2026-10-06", Some(at("06/10/2026 00:15")), 19 * 16),
            ("2026-10-06", Some(at("06/10/2026 08:00")), 27 * 16),
            ("2026-11-02", None, 35 * 16),
        ]
    );

    // Uploads never confirmed: a counsellor keeps three drafts at most, the newest previews.
    let file = import(
        campaign(),
        participant(2, "Camille", "Démo-Martin", "3e A", None, 19),
    );
    let mut last = String::new();
    for _ in 0..5 {
        let (_, location) = upload(&mut counsellor, &app, &file).await;
        last = draft_of(&location);
    }
    assert_eq!(
        app.count("pix_import_drafts").await,
        domain::pix::store::MAX_DRAFTS_PER_COUNSELLOR
    );
    let (status, _, preview) =
        call(&mut counsellor, &app, "pix_preview", &[("draft", &last)]).await;
    assert_eq!(status, StatusCode::OK, "{preview}");
    app.finish().await;
}

/// A campaign of 3,000 participants: its lines are kept in several chunks (the server holds
/// one at a time), and the preview and the confirmation read every one of them back.
async fn large_exports_are_kept_in_chunks(engine: Engine) {
    let app = spawn_app(engine, Options::demo()).await;
    let mut counsellor = app.demo_browser("conseillere").await;
    let many: Vec<ParticipantRow> = (0..3000)
        .map(|i| participant(i + 2, &format!("Prénom{i}"), "Inconnu", "3e B", None, 19))
        .collect();
    let (status, location) = upload(&mut counsellor, &app, &export(&many)).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{location}");
    let draft = draft_of(&location);
    let chunks = draft_lines(&app, &draft).await;
    assert!(chunks.len() >= 2, "{} chunk(s)", chunks.len());
    let lines: usize = chunks
        .iter()
        .map(|c| c.split(|b| *b == b'\n').filter(|l| !l.is_empty()).count())
        .sum();
    assert_eq!(lines, 3000);
    let (_, _, preview) = call(&mut counsellor, &app, "pix_preview", &[("draft", &draft)]).await;
    assert_eq!(
        preview["unresolved"], 3000,
        "every chunk was read: {preview}"
    );
    assert_eq!(
        preview["lines"].as_array().map(Vec::len),
        Some(500),
        "the first 500 are listed"
    );
    let (_, _, summary) = call(&mut counsellor, &app, "pix_confirm", &[("draft", &draft)]).await;
    assert_eq!(summary["unresolved"], 3000, "{summary}");
    assert_eq!(
        app.count("pix_draft_chunks").await,
        0,
        "the chunks went with the draft"
    );
    app.finish().await;
}

on_both_engines!(
    large_exports_are_kept_in_chunks,
    counsellor_imports_a_campaign,
    bad_exports_import_nothing,
    pupils_record_certifications_and_share_them,
    current_exports_keep_the_sending_time
);
