//! « Mon projet d'orientation » on a showcase page (issue 15, § 4: "a showcase page can include
//! the plan"): ticked, the page shows what the pupil chose and wrote to a link holder and to the
//! counsellor she gives the page to, never what counsellors wrote; unticked, nothing of it;
//! ticked again, back; the choice travels in the portfolio archive.

use crate::support::{self, call, spawn_app, Browser, Engine, Options};
use reqwest::StatusCode;

/// What she wrote of a plan, and what a counsellor said of it.
async fn a_plan_with_a_counsellors_words(
    app: &support::TestApp,
    pupil: &mut Browser,
    counsellor: &mut Browser,
) {
    for (endpoint, fields) in [
        (
            "guidance_favourite_save",
            vec![("item", "FOR.2246"), ("note", "Le fournil me plaît.")],
        ),
        (
            "guidance_interests",
            vec![("interests[santé, social, sport]", "on")],
        ),
        (
            "guidance_wish_add",
            vec![("decision", "apres-3e"), ("choice", "FOR.2246")],
        ),
        (
            "guidance_wish_add",
            vec![("decision", "apres-3e"), ("choice", "2de-gt")],
        ),
        (
            "guidance_step_add",
            vec![
                ("decision", "apres-3e"),
                ("label", "Journée portes ouvertes du CFA"),
                ("due", "2027-01-30"),
            ],
        ),
    ] {
        let (status, _, body) = call(pupil, app, endpoint, &fields).await;
        assert!(status.is_success(), "{endpoint}: {status} {body}");
    }
    let counsellor_id = support::account_id(counsellor, app).await.to_string();
    let pupil_id = support::account_id(pupil, app).await.to_string();
    call(pupil, app, "guidance_share", &[("person", &counsellor_id)]).await;
    let (status, _, _) = call(
        counsellor,
        app,
        "guidance_comment",
        &[
            ("pupil", &pupil_id),
            ("body", "Entre nous : parle à ta famille."),
        ],
    )
    .await;
    assert!(status.is_success());
    let (status, _, _) = call(
        counsellor,
        app,
        "guidance_recommend",
        &[
            ("pupil", &pupil_id),
            ("item", "MET.17"),
            ("note", "Une idée de conseillère"),
        ],
    )
    .await;
    assert!(status.is_success());
}

/// The page's secret link, as a path.
async fn link(app: &support::TestApp, pupil: &mut Browser, page: &str) -> String {
    let (_, _, url) = call(
        pupil,
        app,
        "showcase_link",
        &[("id", page), ("lifetime", "Week")],
    )
    .await;
    let url = url.as_str().expect("a link").to_owned();
    url[url.find("/partage/").expect("a sharing path")..].to_owned()
}

fn shows_her_plan_only(body: &str) {
    assert!(body.contains("data-testid=\"page-plan\""), "{body}");
    for hers in [
        "Mon projet d'orientation",
        "Le fournil me plaît.",
        "CAP boulanger",
        "2de générale et technologique",
        "Journée portes ouvertes du CFA",
        "santé, social, sport",
        "Source\u{202f}: Onisep.",
    ] {
        assert!(body.contains(hers), "{hers}: {body}");
    }
    for theirs in ["Entre nous", "Une idée de conseillère"] {
        assert!(!body.contains(theirs), "{theirs} shown");
    }
}

async fn the_plan_shows_on_a_page_when_she_ticks_it(engine: Engine) {
    let app = spawn_app(engine, Options::demo()).await;
    let mut pupil = app.demo_browser("eleve").await;
    let mut counsellor = app.demo_browser("conseillere").await;
    a_plan_with_a_counsellors_words(&app, &mut pupil, &mut counsellor).await;

    let save = |plan: bool| {
        let mut fields = vec![("page[title]", "Mon projet"), ("page[intro]", "Bonjour")];
        if plan {
            fields.push(("page[plan]", "on"));
        }
        fields
    };
    let (status, _, saved) = call(&mut pupil, &app, "showcase_save", &save(true)).await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    let page = saved["Saved"].as_i64().expect("a page id").to_string();
    let path = link(&app, &mut pupil, &page).await;

    // A link holder reads her plan, not the counsellor's words.
    let mut visitor = Browser::new();
    let shared = visitor.get(&app.url(&path)).await;
    assert_eq!(shared.status, StatusCode::OK);
    shows_her_plan_only(&shared.body);
    // Her own page's form has the box ticked.
    let (_, _, mine) = call(&mut pupil, &app, "showcase_page", &[("id", &page)]).await;
    assert_eq!(mine["page"]["shows_plan"], true, "{mine}");

    // The counsellor she gives the page to reads the same.
    let counsellor_id = support::account_id(&mut counsellor, &app).await.to_string();
    let (status, _, body) = call(
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
    assert_eq!(status, StatusCode::OK, "{body}");
    let granted = counsellor
        .get(&app.url(&format!("/partages-recus/{page}")))
        .await;
    assert_eq!(granted.status, StatusCode::OK);
    shows_her_plan_only(&granted.body);

    // Unticked: nothing of the plan; ticked again: back, with what she changed since.
    call(
        &mut pupil,
        &app,
        "showcase_save",
        &[&[("id", page.as_str())][..], &save(false)].concat(),
    )
    .await;
    let shared = visitor.get(&app.url(&path)).await;
    assert_eq!(shared.status, StatusCode::OK);
    assert!(!shared.body.contains("page-plan"));
    assert!(!shared.body.contains("Le fournil me plaît."));
    call(
        &mut pupil,
        &app,
        "guidance_favourite_save",
        &[("item", "FOR.2246"), ("note", "Toujours le fournil.")],
    )
    .await;
    call(
        &mut pupil,
        &app,
        "showcase_save",
        &[&[("id", page.as_str())][..], &save(true)].concat(),
    )
    .await;
    let shared = visitor.get(&app.url(&path)).await;
    assert!(
        shared.body.contains("Toujours le fournil."),
        "{}",
        shared.body
    );

    // The choice travels in the archive, and the other instance's page shows the plan it
    // imported with it.
    let archive = support::export_archive(&mut pupil, &app).await;
    let target = spawn_app(engine, Options::demo()).await;
    let mut there = target.demo_browser("eleve").await;
    let (content_type, body) = support::multipart("archive", "portfolio.zip", &archive);
    let imported = there
        .request_bytes(
            &target.url("/portfolio/import"),
            body,
            &content_type,
            &target.base,
        )
        .await;
    assert_eq!(imported.status.as_u16(), 303, "{}", imported.body);
    let shows: Vec<(String, i64)> =
        sqlx::query_as("SELECT title, shows_plan FROM showcase_pages ORDER BY id")
            .fetch_all(target.db.pool())
            .await
            .unwrap();
    assert_eq!(shows, [("Mon projet".to_owned(), 1)]);
    let (_, _, pages) = call(&mut there, &target, "showcase_pages", &[]).await;
    let there_page = pages["pages"][0]["id"].to_string();
    let there_path = link(&target, &mut there, &there_page).await;
    let shared = Browser::new().get(&target.url(&there_path)).await;
    assert!(
        shared.body.contains("Toujours le fournil."),
        "{}",
        shared.body
    );
    target.finish().await;
    app.finish().await;
}

/// Ticked before she wrote anything: the page says so, in her reader's words.
async fn an_empty_plan_says_so(engine: Engine) {
    let app = spawn_app(engine, Options::demo()).await;
    let mut pupil = app.demo_browser("eleve").await;
    let (_, _, saved) = call(
        &mut pupil,
        &app,
        "showcase_save",
        &[("page[title]", "Vide"), ("page[plan]", "on")],
    )
    .await;
    let page = saved["Saved"].as_i64().expect("a page id").to_string();
    let path = link(&app, &mut pupil, &page).await;
    let shared = Browser::new().get(&app.url(&path)).await;
    assert_eq!(shared.status, StatusCode::OK);
    assert!(
        shared.body.contains("Pas encore de projet d'orientation."),
        "{}",
        shared.body
    );
    assert!(!shared.body.contains("page-plan-wishes"));
    app.finish().await;
}

crate::on_both_engines!(
    the_plan_shows_on_a_page_when_she_ticks_it,
    an_empty_plan_says_so
);
