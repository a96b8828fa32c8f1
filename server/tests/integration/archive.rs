//! Export → import → export on two real instances gives back the same portfolio, files
//! included; every bad archive is refused with its reason and leaves nothing behind.

use crate::support;

use reqwest::StatusCode;
use serde_json::Value;
use std::io::{Read, Write};
use support::{call, multipart, postgres_url, spawn_app, Browser, Engine, Options, TestApp};
async fn post_file(
    browser: &mut Browser,
    app: &TestApp,
    path: &str,
    field: &str,
    name: &str,
    bytes: &[u8],
) -> Option<String> {
    let (content_type, body) = multipart(field, name, bytes);
    let page = browser
        .request_bytes(&app.url(path), body, &content_type, &app.base)
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{path}: {}", page.body);
    page.location
}

/// The archive's document (without its export time) and its files.
fn unpack(zip_bytes: &[u8]) -> (Value, Vec<(String, Vec<u8>)>) {
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(zip_bytes.to_vec())).expect("a zip");
    let mut document: Value = {
        let mut json = String::new();
        archive
            .by_name("portfolio.json")
            .expect("portfolio.json")
            .read_to_string(&mut json)
            .unwrap();
        serde_json::from_str(&json).unwrap()
    };
    document.as_object_mut().unwrap().remove("exported_at");
    let mut files = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        if file.name().starts_with("preuves/") {
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).unwrap();
            files.push((file.name().to_owned(), bytes));
        }
    }
    (document, files)
}

fn repack(document: &Value, files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut document = document.clone();
    if let Some(fields) = document
        .as_object_mut()
        .filter(|d| d.contains_key("format"))
    {
        fields.insert("exported_at".into(), 1_795_000_000.into());
    }
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("portfolio.json", options).unwrap();
    zip.write_all(serde_json::to_string(&document).unwrap().as_bytes())
        .unwrap();
    for (name, bytes) in files {
        zip.start_file(name.as_str(), options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\0\x05\0\x01\xff\x89\x99=\x1d\0\0\0\0IEND\xaeB`\x82";

async fn export_import_round_trip(engine: Engine) {
    let demo = || Options::demo();
    let source = spawn_app(engine, demo()).await;
    // "Another instance": the other engine when there is one.
    let target_engine = match engine {
        Engine::Sqlite if postgres_url().is_some() => Engine::Postgres,
        _ => Engine::Sqlite,
    };
    let target = spawn_app(target_engine, demo()).await;

    let mut pupil = source.demo_browser("eleve").await;
    let mut ids = Vec::new();
    for (title, extra) in [
        (
            "Mini-entreprise",
            vec![
                ("entry[competences][crcn:2.3]", "acquired"),
                ("entry[levels][crcn:2.3]", "5"),
                ("entry[new_skill]", "Vendre au marché"),
                ("entry[new_skill_status]", "in_progress"),
            ],
        ),
        (
            "Stage d'observation",
            vec![
                ("entry[competences][socle:5]", "begun"),
                ("entry[levels][socle:5]", "2"),
                ("entry[ended_on]", "2026-02-06"),
            ],
        ),
        ("Club théâtre", vec![]),
    ] {
        let mut form = vec![
            ("entry[kind]", "project"),
            ("entry[title]", title),
            ("entry[started_on]", "2026-02-02"),
            ("entry[place]", "Lyon"),
            ("entry[description]", "Ligne 1\nLigne 2"),
            ("entry[reflection]", "Appris « ça »"),
        ];
        form.extend(extra);
        let (status, location, body) = call(&mut pupil, &source, "portfolio_save", &form).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        ids.push(location.unwrap().rsplit('/').next().unwrap().to_owned());
    }
    post_file(
        &mut pupil,
        &source,
        &format!("/portfolio/entrees/{}/preuves", ids[0]),
        "fichier",
        "rapport.pdf",
        b"%PDF-1.4 rapport",
    )
    .await;
    post_file(
        &mut pupil,
        &source,
        &format!("/portfolio/entrees/{}/preuves", ids[1]),
        "fichier",
        "photo.png",
        PNG,
    )
    .await;
    let (k0, k2) = (
        format!("page[entries][{}]", ids[0]),
        format!("page[entries][{}]", ids[2]),
    );
    call(
        &mut pupil,
        &source,
        "showcase_save",
        &[
            ("page[title]", "Pour le lycée"),
            ("page[intro]", "Bonjour"),
            (k0.as_str(), "on"),
            (k2.as_str(), "on"),
        ],
    )
    .await;
    let first = support::export_archive(&mut pupil, &source).await;
    let (document, files) = unpack(&first);
    assert_eq!(document["format"], "sillage-portfolio");
    assert_eq!(document["version"], 1);
    assert_eq!(document["entries"].as_array().unwrap().len(), 3);
    assert_eq!(
        document["own_skills"],
        serde_json::json!(["Vendre au marché"])
    );
    assert_eq!(files.len(), 2);

    let mut other = target.demo_browser("eleve").await;
    let location = post_file(
        &mut other,
        &target,
        "/portfolio/import",
        "archive",
        "portfolio.zip",
        &first,
    )
    .await;
    assert_eq!(
        location.as_deref(),
        Some("/portfolio/exporter?import=ok&entrees=3&preuves=2&pages=1&orientation=0&ecartes=0")
    );
    let done = other.get(&target.url(location.as_deref().unwrap())).await;
    assert!(done
        .body
        .contains("Import terminé\u{202f}: 3 entrées, 2 preuves, 1 page."));
    let second = support::export_archive(&mut other, &target).await;
    let (document_again, files_again) = unpack(&second);
    assert_eq!(document_again, document, "nothing lost, nothing changed");
    assert_eq!(files_again, files, "the same files, byte for byte");
    let printable = other.get(&target.url("/portfolio/imprimer")).await;
    assert!(
        printable.body.contains("Stage d&#x27;observation")
            || printable.body.contains("Stage d'observation")
    );
    assert!(printable.body.contains("photo.png"));

    // Bad archives: each refused with its reason; nothing written, no file left.
    let before = (
        target.count("portfolio_entries").await,
        target.count("evidence").await,
    );
    let mut altered = files.clone();
    altered[0].1.push(b'!');
    let mut future = document.clone();
    future["version"] = 2.into();
    let mut bad_entry = document.clone();
    bad_entry["entries"][2]["title"] = "".into();
    let mut bad_date = document.clone();
    bad_date["entries"][1]["ended_on"] = "2025-01-01".into();
    let mut disguised = files.clone();
    disguised[1].1 = b"MZ\x90\0 not an image".to_vec();
    let mut disguised_document = document.clone();
    disguised_document["entries"][1]["evidence"][0]["sha256"] = {
        use sha2::Digest;
        hex::encode(sha2::Sha256::digest(&disguised[1].1)).into()
    };
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("zip", b"PK\x03\x04 this is not really a zip".to_vec()),
        (
            "format",
            repack(&serde_json::json!({"hello": "world"}), &[]),
        ),
        ("version", repack(&future, &files)),
        ("fichier", repack(&document, &altered)),
        ("fichier", repack(&document, &files[..1])),
        ("fichier", repack(&disguised_document, &disguised)),
        ("entree", repack(&bad_entry, &files)),
        ("entree", repack(&bad_date, &files)),
    ];
    for (code, bytes) in cases {
        let location = post_file(
            &mut other,
            &target,
            "/portfolio/import",
            "archive",
            "x.zip",
            &bytes,
        )
        .await
        .unwrap();
        assert!(
            location.starts_with(&format!("/portfolio/exporter?import_erreur={code}")),
            "{code}: {location}"
        );
    }
    let location = post_file(
        &mut other,
        &target,
        "/portfolio/import",
        "archive",
        "x.zip",
        &repack(&bad_entry, &files),
    )
    .await
    .unwrap();
    assert_eq!(location, "/portfolio/exporter?import_erreur=entree&n=3");
    let page = other.get(&target.url(&location)).await;
    assert!(
        page.body
            .contains("Une entrée de l&#x27;archive est invalide\u{202f}: entrée n° 3.")
            || page
                .body
                .contains("Une entrée de l'archive est invalide\u{202f}: entrée n° 3.")
    );
    assert_eq!(
        (
            target.count("portfolio_entries").await,
            target.count("evidence").await
        ),
        before,
        "nothing half-imported"
    );
    let on_disk = std::fs::read_dir(&target.database.evidence_dir)
        .map(|shards| {
            shards
                .flatten()
                .map(|s| std::fs::read_dir(s.path()).map_or(0, |f| f.count()))
                .sum::<usize>()
        })
        .unwrap_or(0);
    assert_eq!(on_disk, 2, "no file left by a refused import");

    let mut anonymous = Browser::new();
    let page = anonymous.get(&target.url("/portfolio/export.zip")).await;
    assert_eq!(page.location.as_deref(), Some("/connexion"));
    source.finish().await;
    target.finish().await;
}

fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}

/// A portfolio document with one entry per file in `files` (path, bytes).
fn document_with(files: &[(String, Vec<u8>)]) -> Value {
    let entries: Vec<Value> = files
        .iter()
        .map(|(path, bytes)| {
            serde_json::json!({
                "kind": "project", "title": "Preuve", "started_on": "2026-01-05", "ended_on": null,
                "place": "", "description": "", "reflection": "", "competences": [],
                "evidence": [{ "file": path, "file_name": "preuve.pdf", "media_type": "application/pdf",
                               "size": bytes.len(), "sha256": sha256(bytes) }]
            })
        })
        .collect();
    serde_json::json!({
        "format": "sillage-portfolio", "version": 1, "frameworks_version": 1,
        "own_skills": [], "entries": entries, "pages": []
    })
}

/// What an archive may bring is bounded by the pupil's quota (checked from the headers before
/// anything is written, then on what members really hold), a member named twice is refused,
/// uploads stop at the quota too, and nobody but a pupil imports or uploads.
async fn imports_and_uploads_stay_within_the_quota(engine: Engine) {
    let options = Options {
        env: vec![
            (
                "SILLAGE_PORTFOLIO__MAX_BYTES_PER_ACCOUNT".into(),
                "2500000".into(),
            ),
            (
                "SILLAGE_PORTFOLIO__MAX_EVIDENCE_BYTES".into(),
                "1100000".into(),
            ),
        ],
        ..Options::demo()
    };
    let app = spawn_app(engine, options).await;
    let mut pupil = app.demo_browser("eleve").await;
    let page = pupil.get(&app.url("/portfolio/exporter")).await;
    assert!(page.body.contains("storage-use"), "the space used is shown");

    // Five zero-padded PDFs of 1 MB: 5 MB, over the 2.5 MB quota; the archive itself is tiny.
    let pdf = |n: u8| {
        let mut bytes = format!("%PDF-1.4 preuve {n}\n").into_bytes();
        bytes.resize(1_000_000, 0);
        bytes
    };
    let files: Vec<(String, Vec<u8>)> = (0..5)
        .map(|n| (format!("preuves/{n}.pdf"), pdf(n)))
        .collect();
    let bomb = repack(&document_with(&files), &files);
    assert!(bomb.len() < 100_000, "deflated zeros: {} bytes", bomb.len());
    let location = post_file(
        &mut pupil,
        &app,
        "/portfolio/import",
        "archive",
        "x.zip",
        &bomb,
    )
    .await
    .unwrap();
    assert_eq!(location, "/portfolio/exporter?import_erreur=quota&n=0");
    let page = pupil.get(&app.url(&location)).await;
    assert!(
        page.body
            .contains("ne tiennent pas dans la place qui vous reste"),
        "{}",
        page.body
    );

    // A member named by two entries.
    let twice = vec![files[0].clone(), files[0].clone()];
    let location = post_file(
        &mut pupil,
        &app,
        "/portfolio/import",
        "archive",
        "x.zip",
        &repack(&document_with(&twice), &files[..1]),
    )
    .await
    .unwrap();
    assert!(
        location.starts_with("/portfolio/exporter?import_erreur=fichier"),
        "{location}"
    );
    // A member larger than its header says is refused as read (its size is checked too).
    let mut lying = document_with(&files[..1]);
    lying["entries"][0]["evidence"][0]["size"] = 10.into();
    let location = post_file(
        &mut pupil,
        &app,
        "/portfolio/import",
        "archive",
        "x.zip",
        &repack(&lying, &files[..1]),
    )
    .await
    .unwrap();
    assert!(
        location.starts_with("/portfolio/exporter?import_erreur=fichier"),
        "{location}"
    );
    // Free text in the address is not shown back.
    let page = pupil
        .get(&app.url("/portfolio/exporter?import_erreur=entree&n=%3Cb%3EPirate%3C/b%3E"))
        .await;
    let alert = page
        .body
        .split("data-testid=\"import-refused\"")
        .nth(1)
        .and_then(|rest| rest.split("</div>").next())
        .expect("the refusal is shown");
    assert!(!alert.contains("Pirate"), "{alert}");
    assert_eq!(
        (
            app.count("portfolio_entries").await,
            app.count("evidence").await
        ),
        (0, 0)
    );
    assert_eq!(
        support::files_in(&app.database.evidence_dir),
        0,
        "no file left behind"
    );

    // Two files fit; a third upload goes over the quota and is refused.
    let location = post_file(
        &mut pupil,
        &app,
        "/portfolio/import",
        "archive",
        "x.zip",
        &repack(&document_with(&files[..2]), &files[..2]),
    )
    .await
    .unwrap();
    assert!(location.contains("import=ok"), "{location}");
    let entry = support::create_entry(&mut pupil, &app, "Encore une preuve").await;
    let (content_type, body) = multipart("fichier", "gros.pdf", &pdf(9));
    let page = pupil
        .request_bytes(
            &app.url(&format!("/portfolio/entrees/{entry}/preuves")),
            body,
            &content_type,
            &app.base,
        )
        .await;
    assert!(page
        .location
        .unwrap_or_default()
        .contains("preuve_refusee=quota"));
    assert_eq!(app.count("evidence").await, 2);

    // Staff and guardians have no portfolio to import into or upload to.
    for key in ["conseillere", "parent"] {
        let mut other = app.demo_browser(key).await;
        let (content_type, body) = multipart("archive", "x.zip", &bomb);
        let page = other
            .request_bytes(
                &app.url("/portfolio/import"),
                body,
                &content_type,
                &app.base,
            )
            .await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{key}");
    }
    app.finish().await;
}

on_both_engines!(
    export_import_round_trip,
    imports_and_uploads_stay_within_the_quota
);
