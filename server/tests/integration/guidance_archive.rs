//! The guidance data travels in the portfolio archive (`orientation.json`): exported, imported
//! into another instance, exported again, the same; what the other instance's ONISEP data
//! cannot place is left out and counted; a document of an unknown version refuses the whole
//! import, which leaves nothing behind.

use crate::support::{self, call, multipart, spawn_app, Engine, Options};
use serde_json::Value;
use std::io::{Read, Write};

fn orientation(zip_bytes: &[u8]) -> Value {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip_bytes.to_vec())).unwrap();
    let mut json = String::new();
    archive
        .by_name("orientation.json")
        .expect("orientation.json")
        .read_to_string(&mut json)
        .unwrap();
    serde_json::from_str(&json).unwrap()
}

/// The archive with its `orientation.json` replaced.
fn with_orientation(zip_bytes: &[u8], document: &Value) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip_bytes.to_vec())).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().to_owned();
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).unwrap();
        if name == "orientation.json" {
            bytes = serde_json::to_vec(document).unwrap();
        }
        out.start_file(name, options).unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap().into_inner()
}

async fn import(browser: &mut support::Browser, app: &support::TestApp, bytes: &[u8]) -> String {
    let (content_type, body) = multipart("archive", "portfolio.zip", bytes);
    let page = browser
        .request_bytes(
            &app.url("/portfolio/import"),
            body,
            &content_type,
            &app.base,
        )
        .await;
    assert_eq!(page.status.as_u16(), 303, "{}", page.body);
    page.location.expect("back to the page")
}

/// Favourites, interests and wishes sorted: what is compared whatever the order of writing.
fn sorted(mut document: Value) -> Value {
    for key in ["favourites", "interests"] {
        if let Some(list) = document[key].as_array_mut() {
            list.sort_by_key(|v| v.to_string());
        }
    }
    document
}

async fn the_guidance_data_travels_in_the_archive(engine: Engine) {
    let source = spawn_app(engine, Options::demo()).await;
    let target = spawn_app(engine, Options::demo()).await;
    let mut pupil = source.demo_browser("eleve").await;
    let form = |pairs: &[(&'static str, &'static str)]| pairs.to_vec();
    for (endpoint, fields) in [
        (
            "guidance_favourite_save",
            form(&[("item", "MET.38"), ("note", "Soigner")]),
        ),
        (
            "guidance_favourite_save",
            form(&[("item", "FOR.2246"), ("note", "")]),
        ),
        (
            "guidance_interests",
            form(&[("interests[santé, social, sport]", "on")]),
        ),
        (
            "guidance_wish_add",
            form(&[("decision", "apres-3e"), ("choice", "2de-gt")]),
        ),
        (
            "guidance_wish_add",
            form(&[("decision", "apres-3e"), ("choice", "FOR.2246")]),
        ),
        (
            "guidance_step_add",
            form(&[
                ("decision", "apres-3e"),
                ("label", "Journée portes ouvertes"),
                ("due", "2027-01-30"),
            ]),
        ),
    ] {
        let (status, _, body) = call(&mut pupil, &source, endpoint, &fields).await;
        assert!(
            status.is_success() || status.is_redirection(),
            "{endpoint}: {status} {body}"
        );
    }
    // A recommendation, accepted.
    let mut counsellor = source.demo_browser("conseillere").await;
    let counsellor_id = support::account_id(&mut counsellor, &source)
        .await
        .to_string();
    let pupil_id = support::account_id(&mut pupil, &source).await.to_string();
    call(
        &mut pupil,
        &source,
        "guidance_share",
        &[("person", &counsellor_id)],
    )
    .await;
    call(
        &mut counsellor,
        &source,
        "guidance_recommend",
        &[
            ("pupil", &pupil_id),
            ("item", "MET.17"),
            ("note", "Le pain"),
        ],
    )
    .await;
    let id: i64 = sqlx::query_scalar("SELECT id FROM guidance_recommendations")
        .fetch_one(source.db.pool())
        .await
        .unwrap();
    call(
        &mut pupil,
        &source,
        "guidance_answer",
        &[("recommendation", &id.to_string()), ("answer", "declined")],
    )
    .await;

    // A comment, a step recommended (not answered), and a portfolio entry backing a wish.
    call(
        &mut counsellor,
        &source,
        "guidance_comment",
        &[("pupil", &pupil_id), ("body", "Bonjour,\n\nBon plan.")],
    )
    .await;
    call(
        &mut counsellor,
        &source,
        "guidance_step_recommend",
        &[
            ("pupil", &pupil_id),
            ("decision", "apres-3e"),
            ("label", "Visiter le CFA"),
            ("due", "2027-03-06"),
        ],
    )
    .await;
    let entry =
        support::portfolio_entry(&source, pupil_id.parse().unwrap(), "Stage à l'hôpital", &[])
            .await;
    let (status, _, body) = call(
        &mut pupil,
        &source,
        "guidance_wish_evidence",
        &[
            ("decision", "apres-3e"),
            ("choice", "2de-gt"),
            ("entry", &entry.get().to_string()),
            ("note", "Mon stage"),
        ],
    )
    .await;
    assert!(status.is_success(), "{status} {body}");

    let first = support::export_archive(&mut pupil, &source).await;
    let document = orientation(&first);
    assert_eq!(document["format"], "sillage-guidance");
    assert_eq!(document["version"], 1);
    assert_eq!(document["favourites"].as_array().unwrap().len(), 2);
    assert_eq!(
        document["wishes"],
        serde_json::json!([{ "decision": "apres-3e", "choices": ["2de-gt", "FOR.2246"] }])
    );
    assert_eq!(document["steps"][0]["due"], "2027-01-30");
    assert_eq!(
        document["recommendations"][0]["author"],
        "Nadia Démo-Benali"
    );
    assert_eq!(document["recommendations"][0]["answer"], "declined");
    assert_eq!(document["comments"][0]["body"], "Bonjour,\n\nBon plan.");
    assert_eq!(document["recommended_steps"][0]["due"], "2027-03-06");
    assert!(document["recommended_steps"][0]["answer"].is_null());
    assert_eq!(
        document["wish_evidence"],
        serde_json::json!([{ "decision": "apres-3e", "choice": "2de-gt", "entry": 0, "note": "Mon stage" }])
    );

    // Into another instance, and out again: the same (2 favourites, 1 domaine, 2 wishes, 1 step,
    // 1 recommendation, 1 comment, 1 recommended step, 1 entry backing a wish).
    let mut other = target.demo_browser("eleve").await;
    let location = import(&mut other, &target, &first).await;
    assert!(
        location.ends_with("&orientation=10&ecartes=0"),
        "{location}"
    );
    let done = other.get(&target.url(&location)).await;
    assert!(
        done.body.contains(r#"data-testid="import-guidance""#),
        "{}",
        done.body
    );
    let second = support::export_archive(&mut other, &target).await;
    assert_eq!(sorted(orientation(&second)), sorted(document.clone()));
    let plan = other.get(&target.url("/orientation/plan")).await;
    assert!(plan.body.contains("Journée portes ouvertes") && plan.body.contains("Le pain"));

    // An id the other instance's ONISEP data does not hold: left out, and said.
    let mut unknown = document.clone();
    unknown["favourites"][0]["item"] = "MET.999999".into();
    let favourites_before = target.count("guidance_favourites").await;
    let location = import(&mut other, &target, &with_orientation(&first, &unknown)).await;
    assert!(location.contains("ecartes=1"), "{location}");
    assert_eq!(target.count("guidance_favourites").await, favourites_before);

    // A version this instance does not read, a malformed id: the whole import refused, nothing
    // written (not the portfolio's entries either).
    let entries_before = target.count("portfolio_entries").await;
    let steps_before = target.count("guidance_steps").await;
    let mut future = document.clone();
    future["version"] = 2.into();
    let mut malformed = document.clone();
    malformed["wishes"][0]["choices"][0] = "Pas un code".into();
    for bad in [future, malformed] {
        let location = import(&mut other, &target, &with_orientation(&first, &bad)).await;
        assert!(
            location.ends_with("import_erreur=orientation&n=0"),
            "{location}"
        );
    }
    let refused = other
        .get(&target.url("/portfolio/exporter?import_erreur=orientation&n=0"))
        .await;
    assert!(
        refused.body.contains("orientation.json"),
        "{}",
        refused.body
    );
    assert_eq!(target.count("portfolio_entries").await, entries_before);
    assert_eq!(target.count("guidance_steps").await, steps_before);
    source.finish().await;
    target.finish().await;
}

on_both_engines!(the_guidance_data_travels_in_the_archive);
