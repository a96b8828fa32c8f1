//! Passkey endpoints against bad input: no session, malformed or replayed payloads, expired
//! ceremonies, stale sign-ins. (The full ceremony with a real authenticator runs in Chromium:
//! end2end/tests/passkeys.spec.ts.)

use crate::support;

use reqwest::{Method, StatusCode};
use serde_json::Value;
use sqlx::Row;
use support::{spawn_app, Browser, Engine, Options, TestApp};

async fn passkey_app(engine: Engine) -> TestApp {
    spawn_app(
        engine,
        Options {
            demo: "on",
            with_idp: false,
            // A host name: WebAuthn refuses IP addresses. No browser here, so no Origin header
            // is sent and the origin check lets these requests through.
            env: vec![("SILLAGE_SITE__PUBLIC_URL".into(), "http://localhost".into())],
        },
    )
    .await
}

async fn post(
    browser: &mut Browser,
    app: &TestApp,
    path: &str,
    body: Option<&str>,
) -> (StatusCode, Value) {
    let page = match body {
        None => {
            browser
                .request(Method::POST, &app.url(path), None, &[])
                .await
        }
        Some(body) => {
            browser
                .request_with_body(&app.url(path), body, "application/json")
                .await
        }
    };
    let json = serde_json::from_str(&page.body).unwrap_or(Value::Null);
    (page.status, json)
}

async fn signed_in_pupil(app: &TestApp) -> Browser {
    let mut browser = Browser::new();
    let page = browser
        .request(
            Method::POST,
            &app.url("/auth/demo"),
            Some(&[("compte", "eleve")]),
            &[],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some("/"));
    browser
}

const GENERIC_FR: &str = "La clé d'accès n'a pas pu être vérifiée. Réessayez.";

async fn passkeys_are_off_when_the_site_is_reached_by_ip(engine: Engine) {
    let app = spawn_app(
        engine,
        Options {
            env: vec![(
                "SILLAGE_SITE__PUBLIC_URL".into(),
                "http://192.0.2.10:3000".into(),
            )],
            ..Options::default()
        },
    )
    .await;
    let mut browser = Browser::new();
    let (status, body) = post(&mut browser, &app, "/auth/cles/connexion/debut", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["error"], "unavailable");
    assert!(!browser
        .get(&app.url("/connexion"))
        .await
        .body
        .contains("Se connecter avec une clé d'accès"));
    app.finish().await;
}

async fn registration_refuses_bad_input_and_keeps_nothing(engine: Engine) {
    let app = passkey_app(engine).await;
    let mut anonymous = Browser::new();
    let (status, body) = post(&mut anonymous, &app, "/auth/cles/inscription/debut", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["error"], "not_signed_in");
    assert!(body["fr"].as_str().unwrap().contains("Connectez-vous"));
    assert!(body["en"].as_str().unwrap().contains("Sign in"));

    let mut pupil = signed_in_pupil(&app).await;
    let (status, options) = post(&mut pupil, &app, "/auth/cles/inscription/debut", None).await;
    assert_eq!(status, StatusCode::OK, "{options}");
    let public_key = &options["publicKey"];
    assert_eq!(public_key["rp"]["id"], "localhost");
    assert_eq!(
        public_key["authenticatorSelection"]["residentKey"],
        "required"
    );
    assert_eq!(
        public_key["authenticatorSelection"]["userVerification"],
        "required"
    );
    assert!(public_key["challenge"]
        .as_str()
        .is_some_and(|c| c.len() >= 32));

    // Garbage: refused, journaled, and the ceremony is spent.
    let (status, body) = post(
        &mut pupil,
        &app,
        "/auth/cles/inscription/fin",
        Some("{not json"),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], "malformed");
    assert_eq!(body["fr"], GENERIC_FR);
    let well_formed = r#"{"name":"Téléphone","credential":{"id":"AAAA","rawId":"AAAA","type":"public-key","response":{"attestationObject":"AAAA","clientDataJSON":"AAAA"}}}"#;
    let (status, body) = post(
        &mut pupil,
        &app,
        "/auth/cles/inscription/fin",
        Some(well_formed),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body["error"], "ceremony_expired",
        "a spent ceremony cannot be replayed"
    );

    // A forged attestation within a live ceremony.
    post(&mut pupil, &app, "/auth/cles/inscription/debut", None).await;
    let (status, body) = post(
        &mut pupil,
        &app,
        "/auth/cles/inscription/fin",
        Some(well_formed),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], "refused");

    // A name that is not one.
    post(&mut pupil, &app, "/auth/cles/inscription/debut", None).await;
    let unnamed = well_formed.replace("Téléphone", "   ");
    let (status, body) = post(
        &mut pupil,
        &app,
        "/auth/cles/inscription/fin",
        Some(&unnamed),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], "bad_name");

    assert_eq!(app.count("passkeys").await, 0);
    let journal = pupil.get(&app.url("/journal")).await.body;
    assert_eq!(
        journal.matches("data-action=\"passkey_refused\"").count(),
        3,
        "{journal}"
    );
    app.finish().await;
}

async fn adding_a_passkey_needs_a_recent_sign_in(engine: Engine) {
    let app = passkey_app(engine).await;
    let mut pupil = signed_in_pupil(&app).await;
    // Age the sign-in by an hour, as if the pupil had left the computer signed in.
    support::age_sign_ins(&app, 3600).await;
    let (status, body) = post(&mut pupil, &app, "/auth/cles/inscription/debut", None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["error"], "reauth_required");
    assert!(body["fr"].as_str().unwrap().contains("reconnectez-vous"));
    app.finish().await;
}

async fn sign_in_refuses_bad_assertions_with_one_message(engine: Engine) {
    let app = passkey_app(engine).await;
    let mut browser = Browser::new();
    let assertion = r#"{"id":"AAAA","rawId":"AAAA","type":"public-key","response":{"authenticatorData":"AAAA","clientDataJSON":"AAAA","signature":"AAAA","userHandle":"AAAA"}}"#;
    // No ceremony, malformed, forged: the same message every time.
    let (status, body) = post(
        &mut browser,
        &app,
        "/auth/cles/connexion/fin",
        Some(assertion),
    )
    .await;
    assert_eq!(
        (status, body["fr"].as_str()),
        (StatusCode::BAD_REQUEST, Some(GENERIC_FR))
    );
    let (status, options) = post(&mut browser, &app, "/auth/cles/connexion/debut", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(options["publicKey"]["userVerification"], "required");
    assert!(options.get("mediation").is_none());
    let (status, body) = post(&mut browser, &app, "/auth/cles/connexion/fin", Some("[]")).await;
    assert_eq!(
        (status, body["fr"].as_str()),
        (StatusCode::BAD_REQUEST, Some(GENERIC_FR))
    );
    post(&mut browser, &app, "/auth/cles/connexion/debut", None).await;
    let (status, body) = post(
        &mut browser,
        &app,
        "/auth/cles/connexion/fin",
        Some(assertion),
    )
    .await;
    assert_eq!(
        (status, body["fr"].as_str()),
        (StatusCode::BAD_REQUEST, Some(GENERIC_FR))
    );
    assert!(
        browser.session_cookie().is_none()
            || browser
                .get(&app.url("/"))
                .await
                .body
                .contains("Bienvenue sur Sillage")
    );
    app.finish().await;
}

async fn managing_someone_elses_passkey_does_nothing(engine: Engine) {
    let app = passkey_app(engine).await;
    // A passkey row of the pupil, as registration would store it.
    let pupil_id: i64 = sqlx::query("SELECT id FROM accounts WHERE subject = 'demo-eleve'")
        .fetch_one(app.db.pool())
        .await
        .unwrap()
        .try_get("id")
        .unwrap();
    let passkey_id: i64 = sqlx::query(
        "INSERT INTO passkeys (account_id, credential_id, name, passkey, created_at)
         VALUES ($1, 'cred-1', 'Téléphone', '{}', 0) RETURNING id",
    )
    .bind(pupil_id)
    .fetch_one(app.db.pool())
    .await
    .unwrap()
    .try_get("id")
    .unwrap();
    let mut parent = Browser::new();
    parent
        .request(
            Method::POST,
            &app.url("/auth/demo"),
            Some(&[("compte", "parent")]),
            &[],
        )
        .await;
    let id = passkey_id.to_string();
    for (path, form) in [
        (
            "/auth/cles/renommer",
            vec![("id", id.as_str()), ("nom", "Volé")],
        ),
        ("/auth/cles/supprimer", vec![("id", id.as_str())]),
        ("/auth/cles/supprimer", vec![("id", "pas-un-nombre")]),
        (
            "/auth/cles/renommer",
            vec![("id", id.as_str()), ("nom", "")],
        ),
    ] {
        let page = parent
            .request(Method::POST, &app.url(path), Some(&form), &[])
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{path}");
    }
    let name: String = sqlx::query("SELECT name FROM passkeys WHERE id = $1")
        .bind(passkey_id)
        .fetch_one(app.db.pool())
        .await
        .unwrap()
        .try_get("name")
        .unwrap();
    assert_eq!(name, "Téléphone");

    // Its owner can.
    let mut pupil = signed_in_pupil(&app).await;
    pupil
        .request(
            Method::POST,
            &app.url("/auth/cles/renommer"),
            Some(&[("id", id.as_str()), ("nom", " Mon téléphone ")]),
            &[],
        )
        .await;
    let page = pupil.get(&app.url("/cles-d-acces")).await;
    assert!(page.body.contains("Mon téléphone"));
    pupil
        .request(
            Method::POST,
            &app.url("/auth/cles/supprimer"),
            Some(&[("id", id.as_str())]),
            &[],
        )
        .await;
    assert_eq!(app.count("passkeys").await, 0);
    let journal = pupil.get(&app.url("/journal")).await.body;
    assert!(journal.contains("data-action=\"passkey_removed\""));
    app.finish().await;
}

on_both_engines!(
    passkeys_are_off_when_the_site_is_reached_by_ip,
    registration_refuses_bad_input_and_keeps_nothing,
    adding_a_passkey_needs_a_recent_sign_in,
    sign_in_refuses_bad_assertions_with_one_message,
    managing_someone_elses_passkey_does_nothing,
);
