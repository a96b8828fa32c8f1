//! No secret in the logs: every line the server writes (at `debug`, more than production's
//! `info`) while pupils and guardians sign in, share a page by secret link, open it, and link a
//! guardian is captured, and none holds a session cookie, a link token or an invitation code.

mod support;

use reqwest::StatusCode;
use serde_json::json;
use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};
use support::mock_idp::Person;
use support::{call, create_entry, spawn_app, Browser, Engine, Options};

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The process's log lines. Installed before any server starts (the server's own `init`
/// then finds a subscriber and leaves it).
fn captured() -> &'static Captured {
    static CAPTURED: OnceLock<Captured> = OnceLock::new();
    CAPTURED.get_or_init(|| {
        let captured = Captured::default();
        let writer = captured.clone();
        tracing_subscriber::fmt()
            .with_env_filter("debug,sqlx=info,hyper=info,h2=info,rustls=info")
            .with_writer(move || writer.clone())
            .with_ansi(false)
            // Every span is written when it closes, with all its fields (a handler's
            // arguments included): what `tracing::instrument` records is checked too.
            .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
            .json()
            .with_current_span(true)
            .with_span_list(true)
            .init();
        captured
    })
}

async fn no_secret_in_the_logs(engine: Engine) {
    let logs = captured();
    let app = spawn_app(
        engine,
        Options {
            with_idp: true,
            ..Options::demo()
        },
    )
    .await;
    let mut secrets: Vec<String> = Vec::new();

    // A pupil through the identity provider (authorisation code, tokens, cookies).
    app.idp().login_as(Person::new(
        "sub-lina",
        "Lina",
        "Moreau",
        json!({
            "FrEduCtId": "fe-lina",
            "FrEduCtPersonAffiliation": "eleve2d",
            "FrEduCtEleveUAI": "0750001A",
            "FrEduCtDateNaissance": "2010-05-17"
        }),
    ));
    let mut pupil = Browser::new();
    let start = pupil.get(&app.url("/auth/connexion/educonnect")).await;
    secrets.push(pupil.session_cookie().cloned().expect("pre-auth session"));
    let (home, _) = pupil.follow(&app.base, start).await;
    assert!(home.body.contains("Bonjour Lina"));
    secrets.push(pupil.session_cookie().cloned().expect("session"));

    // A secret link, opened.
    let entry = create_entry(&mut pupil, &app, "Exposé").await;
    let key = format!("page[entries][{entry}]");
    let (_, location, _) = call(
        &mut pupil,
        &app,
        "showcase_save",
        &[("page[title]", "Pour le stage"), (key.as_str(), "on")],
    )
    .await;
    let page = location.unwrap().rsplit('/').next().unwrap().to_owned();
    let (_, _, url) = call(
        &mut pupil,
        &app,
        "showcase_link",
        &[("id", &page), ("lifetime", "Week")],
    )
    .await;
    let url = url.as_str().unwrap().to_owned();
    secrets.push(url.rsplit('/').next().unwrap().to_owned());
    assert_eq!(Browser::new().get(&url).await.status, StatusCode::OK);

    // A guardian (demo account) linked by code.
    let mut parent = app.demo_browser("parent").await;
    secrets.push(parent.session_cookie().cloned().expect("session"));
    let (_, _, invitation) = call(&mut pupil, &app, "guardian_invite", &[]).await;
    let code = invitation["code"].as_str().unwrap().to_owned();
    secrets.push(code.clone());
    secrets.push(code.replace('-', ""));
    let (_, _, outcome) = call(
        &mut parent,
        &app,
        "link_child",
        &[("code", &code), ("birth_date", "2010-05-17")],
    )
    .await;
    assert_eq!(outcome, json!({ "Linked": "Lina Moreau" }));
    app.finish().await;

    let text = String::from_utf8_lossy(&logs.0.lock().unwrap()).into_owned();
    assert!(
        text.contains("/api/link_child")
            && text.contains("guardianship.accept")
            && text.contains("/partage/…"),
        "the capture works"
    );
    for secret in &secrets {
        assert!(secret.len() >= 10, "{secret}");
        assert!(
            !text.contains(secret.as_str()),
            "a secret reached the logs: {secret}"
        );
    }
}

on_both_engines!(no_secret_in_the_logs);
