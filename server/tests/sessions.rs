//! "Mes appareils connectés": listing my sessions and ending one, and only mine.

mod support;

use reqwest::StatusCode;
use support::{spawn_app, Browser, Engine, Options};

fn session_keys(body: &str) -> Vec<String> {
    body.split("name=\"session\" value=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next().map(str::to_owned))
        .collect()
}

async fn i_see_my_devices_and_end_one(engine: Engine) {
    let app = spawn_app(engine, Options::demo()).await;
    let mut laptop = app.demo_browser("eleve").await;
    let mut phone = app.demo_browser("eleve").await;
    let mut parent = app.demo_browser("parent").await;

    let page = laptop.get(&app.url("/appareils")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.body.matches("<tr data-current=").count(),
        2,
        "{}",
        page.body
    );
    assert_eq!(page.body.matches("data-current=\"true\"").count(), 1);
    let keys = session_keys(&page.body);
    assert_eq!(
        keys.len(),
        1,
        "only the other session can be ended from here"
    );

    // The parent cannot end the pupil's session, even knowing its key.
    let attempt = parent
        .post_form(
            &app.url("/auth/sessions/fermer"),
            &[("session", &keys[0])],
            &app.base,
        )
        .await;
    assert_eq!(attempt.location.as_deref(), Some("/appareils"));
    assert!(phone
        .get(&app.url("/"))
        .await
        .body
        .contains("Bonjour Camille"));

    // The pupil can.
    let ended = laptop
        .post_form(
            &app.url("/auth/sessions/fermer"),
            &[("session", &keys[0])],
            &app.base,
        )
        .await;
    assert_eq!(ended.location.as_deref(), Some("/appareils"));
    assert!(phone
        .get(&app.url("/"))
        .await
        .body
        .contains("Bienvenue sur Sillage"));
    assert!(laptop
        .get(&app.url("/"))
        .await
        .body
        .contains("Bonjour Camille"));
    let journal = laptop.get(&app.url("/journal")).await;
    assert_eq!(
        journal
            .body
            .matches("data-action=\"session_revoked\"")
            .count(),
        1
    );

    // Bad input: no key, a made-up key, or no session at all.
    for form in [&[][..], &[("session", "not-a-key")][..]] {
        let page = laptop
            .post_form(&app.url("/auth/sessions/fermer"), form, &app.base)
            .await;
        assert_eq!(page.location.as_deref(), Some("/appareils"));
    }
    let mut stranger = Browser::new();
    let page = stranger
        .post_form(
            &app.url("/auth/sessions/fermer"),
            &[("session", "x")],
            &app.base,
        )
        .await;
    assert_eq!(page.location.as_deref(), Some("/connexion"));
    let page = stranger.get(&app.url("/appareils")).await;
    assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    assert!(laptop
        .get(&app.url("/"))
        .await
        .body
        .contains("Bonjour Camille"));
    app.finish().await;
}

on_both_engines!(i_see_my_devices_and_end_one);
