//! Showcase pages and their secret links through the real server: the link holder sees the
//! page and nothing else; every view is journaled; revoked, expired and wrong links all answer
//! the same 404; another account can neither read nor share nor revoke.

use crate::support;

use reqwest::StatusCode;
use serde_json::Value;
use support::{
    account_id, call, create_entry, evidence_ids, spawn_app, upload_pdf, Browser, Engine, Options,
};

async fn showcase_pages_and_secret_links(engine: Engine) {
    let app = spawn_app(engine, Options::demo()).await;
    let mut pupil = app.demo_browser("eleve").await;
    let shown = create_entry(&mut pupil, &app, "Exposé sur les abeilles").await;
    let hidden = create_entry(&mut pupil, &app, "Journal intime du club").await;
    let also_shown = create_entry(&mut pupil, &app, "Stage en boulangerie").await;
    upload_pdf(&mut pupil, &app, shown, "abeilles.pdf").await;
    upload_pdf(&mut pupil, &app, hidden, "secret.pdf").await;
    let shown_file = evidence_ids(&mut pupil, &app, shown).await[0];
    let hidden_file = evidence_ids(&mut pupil, &app, hidden).await[0];
    let (others_entry, _) = support::another_pupils_portfolio(&app, "Entrée d'un autre").await;

    // A page is composed from the pupil's own entries only, with a title.
    let foreign = format!("page[entries][{others_entry}]");
    let (status, _, body) = call(
        &mut pupil,
        &app,
        "showcase_save",
        &[("page[title]", " "), (foreign.as_str(), "on")],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        body,
        serde_json::json!({"Invalid": ["TitleMissing", "UnknownEntry"]})
    );
    assert_eq!(app.count("showcase_pages").await, 0);
    let (shown_key, also_key) = (
        format!("page[entries][{shown}]"),
        format!("page[entries][{also_shown}]"),
    );
    let (status, location, body) = call(
        &mut pupil,
        &app,
        "showcase_save",
        &[
            ("page[title]", "Pour mon stage de 3e"),
            ("page[intro]", "Bonjour !"),
            (shown_key.as_str(), "on"),
            (also_key.as_str(), "on"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let page_id: String = location
        .expect("to the page")
        .rsplit('/')
        .next()
        .unwrap()
        .to_owned();
    let editor = pupil
        .get(&app.url(&format!("/portfolio/pages/{page_id}")))
        .await;
    assert_eq!(editor.status, StatusCode::OK);
    assert!(editor.body.contains("Pour mon stage de 3e"));

    // The pupil orders the page (positions), or it follows the portfolio's order.
    let page_order = |data: &serde_json::Value| -> Vec<i64> {
        data["page"]["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e.as_i64().unwrap())
            .collect()
    };
    let (_, _, data) = call(&mut pupil, &app, "showcase_page", &[("id", &page_id)]).await;
    assert_eq!(page_order(&data), [shown, also_shown]);
    let (also_position, shown_position) = (
        format!("page[order][{also_shown}]"),
        format!("page[order][{shown}]"),
    );
    let reordered = |positions: [&'static str; 2]| {
        vec![
            ("id", page_id.clone()),
            ("page[title]", "Pour mon stage de 3e".to_owned()),
            ("page[intro]", "Bonjour !".to_owned()),
            (shown_key.as_str(), "on".to_owned()),
            (also_key.as_str(), "on".to_owned()),
            (also_position.as_str(), positions[0].to_owned()),
            (shown_position.as_str(), positions[1].to_owned()),
        ]
    };
    let form = reordered(["1", "2"]);
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, _, body) = call(&mut pupil, &app, "showcase_save", &form).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, _, data) = call(&mut pupil, &app, "showcase_page", &[("id", &page_id)]).await;
    assert_eq!(page_order(&data), [also_shown, shown]);
    let form = reordered(["premier", "2"]);
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (_, _, body) = call(&mut pupil, &app, "showcase_save", &form).await;
    assert_eq!(body, serde_json::json!({"Invalid": ["OrderInvalid"]}));
    let (_, _, data) = call(&mut pupil, &app, "showcase_page", &[("id", &page_id)]).await;
    assert_eq!(page_order(&data), [also_shown, shown], "nothing changed");

    // A link: its address once, its hash only in the database.
    let (status, _, url) = call(
        &mut pupil,
        &app,
        "showcase_link",
        &[("id", &page_id), ("lifetime", "Month")],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{url}");
    let url = url.as_str().unwrap().to_owned();
    let token = url.rsplit('/').next().unwrap().to_owned();
    assert!(url.starts_with(&format!("{}/partage/", app.base)), "{url}");
    assert_eq!(token.len(), 43, "256 bits, base64url");
    let stored: i64 = {
        use sqlx::Row;
        sqlx::query("SELECT COUNT(*) AS n FROM share_links WHERE token_hash = $1")
            .bind(&token)
            .fetch_one(app.db.pool())
            .await
            .unwrap()
            .try_get("n")
            .unwrap()
    };
    assert_eq!(stored, 0, "the token itself is not stored");

    // The holder sees the page, its entries and their files, and nothing else.
    let mut stranger = Browser::new();
    let page = stranger.get(&url).await;
    assert_eq!(page.status, StatusCode::OK);
    for expected in [
        "Pour mon stage de 3e",
        "Page de Camille",
        "Bonjour !",
        "Exposé sur les abeilles",
        "Stage en boulangerie",
        "abeilles.pdf",
    ] {
        assert!(
            page.body.contains(expected),
            "shared page lacks {expected:?}"
        );
    }
    for absent in [
        "Journal intime du club",
        "secret.pdf",
        "/portfolio/entrees/",
    ] {
        assert!(!page.body.contains(absent), "shared page shows {absent:?}");
    }
    assert_eq!(page.headers["x-robots-tag"], "noindex, nofollow");
    assert_eq!(page.headers["cache-control"], "no-store");
    let file = stranger
        .get(&app.url(&format!("/partage/{token}/preuves/{shown_file}")))
        .await;
    assert_eq!(file.status, StatusCode::OK);
    assert!(file.body.starts_with("%PDF-1.4 abeilles.pdf"));
    assert!(file.headers["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("sandbox"));
    let other_file = stranger
        .get(&app.url(&format!("/partage/{token}/preuves/{hidden_file}")))
        .await;
    assert_eq!(
        other_file.status,
        StatusCode::NOT_FOUND,
        "a file of an entry not on the page"
    );
    let direct = stranger
        .get(&app.url(&format!("/preuves/{shown_file}")))
        .await;
    assert_eq!(
        direct.location.as_deref(),
        Some("/connexion"),
        "the owner's address needs the owner"
    );

    // The view is counted and in the pupil's journal, as someone with the link.
    let (_, _, journal) = call(&mut pupil, &app, "my_journal", &[]).await;
    let viewed: Vec<&Value> = journal
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "SharedPageViewed")
        .collect();
    assert_eq!(viewed.len(), 1, "{journal}");
    assert_eq!(viewed[0]["actor"], "LinkHolder");
    assert_eq!(
        viewed[0]["detail"]["Typed"]["page"], "Pour mon stage de 3e",
        "{journal}"
    );
    // The file opened through the link too: by someone with the link, never « l'administration »
    // (issue 29, § 3).
    let file_views: Vec<&Value> = journal
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "EvidenceViewed")
        .collect();
    assert_eq!(file_views.len(), 1, "{journal}");
    assert_eq!(file_views[0]["actor"], "LinkHolder", "{journal}");
    let (_, _, data) = call(&mut pupil, &app, "showcase_page", &[("id", &page_id)]).await;
    assert_eq!(data["page"]["links"][0]["views"], 1);
    let link_id = data["page"]["links"][0]["id"].as_i64().unwrap().to_string();

    // Wrong tokens: the same 404 as a revoked one.
    for wrong in [
        // The same token but its last character (whatever that was).
        format!(
            "{}{}",
            &token[..42],
            if token.ends_with('A') { 'B' } else { 'A' }
        ),
        "court".into(),
        format!("{token}/../1"),
    ] {
        let page = stranger.get(&app.url(&format!("/partage/{wrong}"))).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{wrong}");
        assert!(!page.body.contains("Pour mon stage"));
    }

    // Another account can neither read, nor share, nor revoke.
    for (endpoint, form) in [
        ("showcase_page", vec![("id", page_id.as_str())]),
        (
            "showcase_link",
            vec![("id", page_id.as_str()), ("lifetime", "Week")],
        ),
        ("showcase_revoke", vec![("link", link_id.as_str())]),
        ("showcase_delete", vec![("id", page_id.as_str())]),
    ] {
        // A parent has no pages of their own to share (only pupils do).
        let mut parent = app.demo_browser("parent").await;
        let (_, _, body) = call(&mut parent, &app, endpoint, &form).await;
        assert_eq!(body, Value::String("Forbidden".into()), "parent {endpoint}");
    }
    let (_, _, body) = call(&mut Browser::new(), &app, "showcase_pages", &[]).await;
    assert_eq!(body, Value::String("NotSignedIn".into()));
    assert_eq!(
        stranger.get(&url).await.status,
        StatusCode::OK,
        "still live"
    );

    // Revoked: the page and its files are gone for the holder.
    let (status, _, _) = call(&mut pupil, &app, "showcase_revoke", &[("link", &link_id)]).await;
    assert_eq!(status, StatusCode::OK);
    let page = stranger.get(&url).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page
        .body
        .contains("Ce lien n'existe pas, a expiré ou a été retiré"));
    let file = stranger
        .get(&app.url(&format!("/partage/{token}/preuves/{shown_file}")))
        .await;
    assert_eq!(file.status, StatusCode::NOT_FOUND);

    // Expired: the same.
    let (_, _, url) = call(
        &mut pupil,
        &app,
        "showcase_link",
        &[("id", &page_id), ("lifetime", "Week")],
    )
    .await;
    let url = url.as_str().unwrap().to_owned();
    assert_eq!(stranger.get(&url).await.status, StatusCode::OK);
    sqlx::query("UPDATE share_links SET expires_at = $1 WHERE revoked_at IS NULL")
        .bind(domain::db::now_unix() - 1)
        .execute(app.db.pool())
        .await
        .unwrap();
    assert_eq!(
        stranger.get(&url).await.status,
        StatusCode::NOT_FOUND,
        "expired"
    );

    // Deleting the page deletes its links.
    let (_, _, url) = call(
        &mut pupil,
        &app,
        "showcase_link",
        &[("id", &page_id), ("lifetime", "Unlimited")],
    )
    .await;
    let url = url.as_str().unwrap().to_owned();
    assert_eq!(stranger.get(&url).await.status, StatusCode::OK);
    let (status, location, _) =
        call(&mut pupil, &app, "showcase_delete", &[("id", &page_id)]).await;
    assert_eq!(
        (status, location.as_deref()),
        (StatusCode::OK, Some("/portfolio/pages"))
    );
    assert_eq!(stranger.get(&url).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.count("share_links").await, 0);
    app.finish().await;
}

async fn counsellor_feedback(engine: Engine) {
    let app = spawn_app(engine, Options::demo()).await;
    let mut pupil = app.demo_browser("eleve").await;
    let mut counsellor = app.demo_browser("conseillere").await;
    let mut parent = app.demo_browser("parent").await;
    let counsellor_id = account_id(&mut counsellor, &app).await.to_string();
    let parent_id = account_id(&mut parent, &app).await.to_string();
    let on_page = create_entry(&mut pupil, &app, "Stage au laboratoire").await;
    let off_page = create_entry(&mut pupil, &app, "Brouillon personnel").await;
    upload_pdf(&mut pupil, &app, on_page, "rapport.pdf").await;
    upload_pdf(&mut pupil, &app, off_page, "brouillon.pdf").await;
    let (on_file, off_file) = (
        evidence_ids(&mut pupil, &app, on_page).await[0],
        evidence_ids(&mut pupil, &app, off_page).await[0],
    );
    let key = format!("page[entries][{on_page}]");
    let (_, location, _) = call(
        &mut pupil,
        &app,
        "showcase_save",
        &[("page[title]", "Bilan de stage"), (key.as_str(), "on")],
    )
    .await;
    let page = location.unwrap().rsplit('/').next().unwrap().to_owned();

    // The pupil may share with the counsellors of their school (and linked guardians) only.
    let (_, _, data) = call(&mut pupil, &app, "showcase_page", &[("id", &page)]).await;
    assert_eq!(
        data["counsellors"][0]["name"], "Nadia Démo-Benali",
        "{data}"
    );
    let (_, _, body) = call(
        &mut pupil,
        &app,
        "showcase_grant",
        &[("id", &page), ("grantee", &parent_id), ("share", "true")],
    )
    .await;
    assert_eq!(
        body,
        Value::String("NotFound".into()),
        "neither a counsellor of the school nor a linked guardian"
    );
    let (status, _, _) = call(
        &mut pupil,
        &app,
        "showcase_grant",
        &[
            ("id", &page),
            ("grantee", &counsellor_id),
            ("share", "true"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (_, _, data) = call(&mut pupil, &app, "showcase_page", &[("id", &page)]).await;
    assert_eq!(data["grants"][0]["name"], "Nadia Démo-Benali");

    // The counsellor finds it, reads it (journaled under her name) and nothing off the page.
    let (_, _, received) = call(&mut counsellor, &app, "received_pages", &[]).await;
    assert_eq!(received[0]["title"], "Bilan de stage");
    assert_eq!(received[0]["student"], "Camille Démo-Martin");
    let home = counsellor.get(&app.url("/")).await;
    assert!(home.body.contains("Camille Démo-Martin — Bilan de stage"));
    let view = counsellor
        .get(&app.url(&format!("/partages-recus/{page}")))
        .await;
    assert_eq!(view.status, StatusCode::OK);
    assert!(
        view.body.contains("Stage au laboratoire") && !view.body.contains("Brouillon personnel")
    );
    let (_, _, journal) = call(&mut pupil, &app, "my_journal", &[]).await;
    let seen = journal
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "DataViewed")
        .expect("journaled");
    assert_eq!(seen["actor"]["Other"], "Nadia Démo-Benali");
    let file = counsellor
        .get(&app.url(&format!("/partages-recus/{page}/preuves/{on_file}")))
        .await;
    assert_eq!(file.status, StatusCode::OK);
    let file = counsellor
        .get(&app.url(&format!("/partages-recus/{page}/preuves/{off_file}")))
        .await;
    assert_eq!(file.status, StatusCode::NOT_FOUND);

    // Comments: on the shared entry only, never empty; the pupil answers.
    let (on, off) = (on_page.to_string(), off_page.to_string());
    let (_, _, body) = call(
        &mut counsellor,
        &app,
        "comment",
        &[
            ("entry", &on),
            ("body", "Très bon rapport, précise la méthode."),
        ],
    )
    .await;
    assert_eq!(body, "Posted");
    let (_, _, body) = call(
        &mut counsellor,
        &app,
        "comment",
        &[("entry", &off), ("body", "Intrusion")],
    )
    .await;
    assert_eq!(
        body,
        Value::String("NotFound".into()),
        "an entry not on a shared page"
    );
    let (_, _, body) = call(
        &mut counsellor,
        &app,
        "comment",
        &[("entry", &on), ("body", "   ")],
    )
    .await;
    assert_eq!(body, serde_json::json!({"Invalid": "Empty"}));
    let (_, _, body) = call(
        &mut pupil,
        &app,
        "comment",
        &[("entry", &on), ("body", "Merci, je complète.")],
    )
    .await;
    assert_eq!(body, "Posted");
    assert_eq!(app.count("entry_comments").await, 2);

    // « Vérifié »: by the counsellor, not by the pupil; the pupil sees it and the conversation.
    let (status, _, _) = call(
        &mut counsellor,
        &app,
        "verify",
        &[("entry", &on), ("verified", "true")],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (_, _, body) = call(
        &mut pupil,
        &app,
        "verify",
        &[("entry", &on), ("verified", "true")],
    )
    .await;
    assert_eq!(body, Value::String("Forbidden".into()));
    let (_, _, body) = call(
        &mut counsellor,
        &app,
        "verify",
        &[("entry", &off), ("verified", "true")],
    )
    .await;
    assert_eq!(body, Value::String("NotFound".into()));
    let (_, _, feedback) = call(&mut pupil, &app, "entry_feedback", &[("entry", &on)]).await;
    assert_eq!(feedback["verified"]["by"], "Nadia Démo-Benali");
    assert_eq!(feedback["comments"][0]["by_student"], false);
    assert_eq!(feedback["comments"][1]["by_student"], true);
    let entry_page = pupil
        .get(&app.url(&format!("/portfolio/entrees/{on}")))
        .await;
    assert!(
        entry_page
            .body
            .contains("Très bon rapport, précise la méthode.")
            && entry_page.body.contains("Vérifié")
    );
    let (_, _, body) = call(&mut counsellor, &app, "entry_feedback", &[("entry", &on)]).await;
    assert_eq!(
        body,
        Value::String("Forbidden".into()),
        "the entry's own page is the student's"
    );

    // A guardian the page is not shared with sees nothing of it, and no guardian comments.
    let (_, _, body) = call(&mut parent, &app, "received_pages", &[]).await;
    assert_eq!(body, serde_json::json!([]));
    let (_, _, body) = call(&mut parent, &app, "granted_page", &[("page", &page)]).await;
    assert_eq!(body, Value::String("NotFound".into()));
    for (endpoint, form) in [
        ("comment", vec![("entry", on.as_str()), ("body", "Bonjour")]),
        ("verify", vec![("entry", on.as_str()), ("verified", "true")]),
    ] {
        let (_, _, body) = call(&mut parent, &app, endpoint, &form).await;
        assert_eq!(body, Value::String("Forbidden".into()), "parent {endpoint}");
    }

    // Unshared: the counsellor loses the page, its files, its comments and the mark.
    call(
        &mut pupil,
        &app,
        "showcase_grant",
        &[
            ("id", &page),
            ("grantee", &counsellor_id),
            ("share", "false"),
        ],
    )
    .await;
    let (_, _, body) = call(&mut counsellor, &app, "granted_page", &[("page", &page)]).await;
    assert_eq!(body, Value::String("NotFound".into()));
    assert_eq!(
        counsellor
            .get(&app.url(&format!("/partages-recus/{page}")))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        counsellor
            .get(&app.url(&format!("/partages-recus/{page}/preuves/{on_file}")))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let (_, _, body) = call(
        &mut counsellor,
        &app,
        "comment",
        &[("entry", &on), ("body", "Encore ?")],
    )
    .await;
    assert_eq!(body, Value::String("NotFound".into()));
    let (_, _, body) = call(
        &mut counsellor,
        &app,
        "verify",
        &[("entry", &on), ("verified", "false")],
    )
    .await;
    assert_eq!(body, Value::String("NotFound".into()));
    app.finish().await;
}

on_both_engines!(showcase_pages_and_secret_links, counsellor_feedback);
