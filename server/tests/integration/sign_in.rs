//! Sign-in through OpenID Connect, the demo accounts, sessions and sign-out, against the real
//! server on SQLite and on PostgreSQL.

use crate::support;

use reqwest::StatusCode;
use serde_json::json;
use support::mock_idp::{Behaviour, Person};
use support::{spawn_app, Browser, Engine, Options, TestApp};

fn pupil() -> Person {
    Person::new(
        "sub-lina",
        "Lina",
        "Moreau",
        json!({
            "FrEduCtId": "fe-lina",
            "FrEduCtPersonAffiliation": "eleve2d",
            "FrEduCtEleveUAI": "0750001A",
            "FrEduCtEleveNiveau": "2NDE GT",
            "FrEduCtDateNaissance": "2010-05-17"
        }),
    )
}

fn guardian() -> Person {
    Person::new(
        "sub-karim",
        "Karim",
        "Moreau",
        json!({"FrEduCtId": "fe-karim", "FrEduCtPersonAffiliation": "resp2d"}),
    )
}

/// Runs the whole code flow; returns the final page and the hops it took.
async fn sign_in(app: &TestApp, browser: &mut Browser) -> (support::Page, Vec<String>) {
    let start = browser.get(&app.url("/auth/connexion/educonnect")).await;
    assert_eq!(start.status, StatusCode::SEE_OTHER, "{}", start.body);
    browser.follow(&app.base, start).await
}

async fn a_pupil_signs_in_and_sees_their_home(engine: Engine) {
    let app = spawn_app(engine, Options::default()).await;
    app.idp().login_as(pupil());
    let mut browser = Browser::new();

    let start = browser.get(&app.url("/auth/connexion/educonnect")).await;
    let to_provider = start.location.clone().expect("redirect to the provider");
    assert!(to_provider.starts_with(&app.idp().issuer), "{to_provider}");
    for param in [
        "code_challenge=",
        "code_challenge_method=S256",
        "nonce=",
        "state=",
        "scope=openid",
    ] {
        assert!(
            to_provider.contains(param),
            "{param} missing from {to_provider}"
        );
    }
    let anonymous_session = browser.session_cookie().cloned().expect("pre-auth session");

    let (home, hops) = browser.follow(&app.base, start).await;
    assert!(hops.last().unwrap().ends_with('/'), "{hops:?}");
    assert_eq!(home.status, StatusCode::OK);
    let signed_in_session = browser.session_cookie().cloned().expect("session");
    assert_ne!(
        anonymous_session, signed_in_session,
        "session id must rotate at sign-in"
    );
    assert!(home.body.contains("Bonjour Lina"), "{}", home.body);
    assert!(home.body.contains("0750001A"));
    // The level in words, the school as its code (the portal has no name for it).
    assert!(home
        .body
        .contains(r#"data-testid="profile-level">Seconde<"#));
    assert!(home.body.contains("Portfolio de compétences"));
    assert_eq!(app.count("accounts").await, 1);

    // The same person again: the same account, refreshed.
    let mut other_browser = Browser::new();
    let (again, _) = sign_in(&app, &mut other_browser).await;
    assert!(again.body.contains("Bonjour Lina"));
    assert_eq!(app.count("accounts").await, 1);
    app.finish().await;
}

async fn a_guardian_lands_on_the_guardian_home(engine: Engine) {
    let app = spawn_app(engine, Options::default()).await;
    app.idp().login_as(guardian());
    let mut browser = Browser::new();
    let (home, _) = sign_in(&app, &mut browser).await;
    assert!(
        home.body.contains("Espace responsable légal"),
        "{}",
        home.body
    );
    assert!(!home.body.contains("Portfolio de compétences"));
    app.finish().await;
}

async fn a_tampered_state_is_refused(engine: Engine) {
    let app = spawn_app(engine, Options::default()).await;
    app.idp().login_as(pupil());
    let mut browser = Browser::new();
    let start = browser.get(&app.url("/auth/connexion/educonnect")).await;
    let at_provider = browser.get(start.location.as_deref().unwrap()).await;
    let callback = at_provider.location.expect("callback");
    let mut url = url::Url::parse(&callback).unwrap();
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| {
            let v = if k == "state" {
                format!("{v}x")
            } else {
                v.into_owned()
            };
            (k.into_owned(), v)
        })
        .collect();
    url.query_pairs_mut().clear().extend_pairs(pairs);

    let refused = browser.get(url.as_str()).await;
    assert_eq!(refused.location.as_deref(), Some("/erreur/etat-invalide"));
    let (page, _) = browser.follow(&app.base, refused).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(
        page.body.contains("Par sécurité, elle a été refusée"),
        "{}",
        page.body
    );
    assert_eq!(app.count("accounts").await, 0);

    // The genuine callback cannot be replayed after a failed attempt: the state was single use.
    let replay = browser.get(&callback).await;
    assert_eq!(replay.location.as_deref(), Some("/erreur/etat-expire"));
    assert_eq!(app.count("accounts").await, 0);
    let home = browser.get(&app.url("/")).await;
    assert!(
        home.body.contains("Bienvenue sur Sillage"),
        "not signed in expected"
    );
    app.finish().await;
}

async fn a_token_for_another_audience_or_nonce_is_refused(engine: Engine) {
    let app = spawn_app(engine, Options::default()).await;
    app.idp().login_as(pupil());
    for behaviour in [
        Behaviour {
            audience_override: Some("someone-else".into()),
            ..Behaviour::default()
        },
        Behaviour {
            nonce_override: Some("not-the-nonce".into()),
            ..Behaviour::default()
        },
    ] {
        app.idp().misbehave(behaviour);
        let mut browser = Browser::new();
        let (page, hops) = sign_in(&app, &mut browser).await;
        assert!(
            hops.last().unwrap().ends_with("/erreur/jeton-invalide"),
            "{hops:?}"
        );
        assert_eq!(page.status, StatusCode::BAD_REQUEST);
        assert!(page.body.contains("n'a pas pu être vérifiée"));
    }
    assert_eq!(app.count("accounts").await, 0);
    app.finish().await;
}

async fn an_unknown_affiliation_is_refused(engine: Engine) {
    let app = spawn_app(engine, Options::default()).await;
    app.idp().login_as(Person::new(
        "sub-teacher",
        "Alex",
        "Durand",
        json!({"FrEduCtPersonAffiliation": "enseignant"}),
    ));
    let mut browser = Browser::new();
    let (page, hops) = sign_in(&app, &mut browser).await;
    assert!(
        hops.last()
            .unwrap()
            .ends_with("/erreur/profil-non-pris-en-charge"),
        "{hops:?}"
    );
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert_eq!(app.count("accounts").await, 0);
    let home = browser.get(&app.url("/")).await;
    assert!(home.body.contains("Bienvenue sur Sillage"));
    app.finish().await;
}

async fn bad_callbacks_are_refused(engine: Engine) {
    let app = spawn_app(engine, Options::default()).await;
    app.idp().login_as(pupil());

    // No sign-in under way in this browser.
    let mut stranger = Browser::new();
    let page = stranger
        .get(&app.url("/auth/retour/educonnect?code=abc&state=xyz"))
        .await;
    assert_eq!(page.location.as_deref(), Some("/erreur/etat-expire"));

    // A callback without a code, and one carrying the provider's refusal.
    for (query, expected) in [
        ("", "/erreur/reponse-invalide"),
        ("&error=access_denied", "/erreur/acces-refuse"),
        (
            "&code=abc&iss=https%3A%2F%2Fother-idp.example",
            "/erreur/reponse-invalide",
        ),
    ] {
        let mut browser = Browser::new();
        let start = browser.get(&app.url("/auth/connexion/educonnect")).await;
        let location = start.location.unwrap();
        let state = url::Url::parse(&location)
            .unwrap()
            .query_pairs()
            .find(|(k, _)| k == "state")
            .map(|(_, v)| v.into_owned())
            .unwrap();
        let page = browser
            .get(&app.url(&format!("/auth/retour/educonnect?state={state}{query}")))
            .await;
        assert_eq!(page.location.as_deref(), Some(expected));
    }

    // A code the provider never issued.
    let mut browser = Browser::new();
    let start = browser.get(&app.url("/auth/connexion/educonnect")).await;
    let at_provider = browser.get(start.location.as_deref().unwrap()).await;
    let forged = at_provider
        .location
        .unwrap()
        .replace("code=code-", "code=forged-");
    let page = browser.get(&forged).await;
    assert_eq!(page.location.as_deref(), Some("/erreur/reponse-invalide"));

    // An unknown provider.
    let page = browser.get(&app.url("/auth/connexion/nope")).await;
    assert_eq!(
        page.location.as_deref(),
        Some("/erreur/fournisseur-inconnu")
    );
    assert_eq!(app.count("accounts").await, 0);
    app.finish().await;
}

async fn a_provider_that_is_down_gets_a_clear_page(engine: Engine) {
    // A port nobody listens on: bind one, note it, let it go.
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap()
    };
    let app = spawn_app(
        engine,
        Options {
            with_idp: false,
            env: vec![
                (
                    "SILLAGE_PROVIDERS__EDUCONNECT__KIND".into(),
                    "educonnect".into(),
                ),
                (
                    "SILLAGE_PROVIDERS__EDUCONNECT__LABEL".into(),
                    "ÉduConnect".into(),
                ),
                (
                    "SILLAGE_PROVIDERS__EDUCONNECT__ISSUER".into(),
                    format!("http://{closed}"),
                ),
                (
                    "SILLAGE_PROVIDERS__EDUCONNECT__CLIENT_ID".into(),
                    "x".into(),
                ),
            ],
            ..Options::default()
        },
    )
    .await;
    let mut browser = Browser::new();
    let page = browser.get(&app.url("/auth/connexion/educonnect")).await;
    assert_eq!(
        page.location.as_deref(),
        Some("/erreur/fournisseur-indisponible")
    );
    let (page, _) = browser.follow(&app.base, page).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.body.contains("ne répond pas pour le moment"));
    // The portal itself is fine.
    assert_eq!(
        browser.get(&app.url("/healthz")).await.status,
        StatusCode::OK
    );
    app.finish().await;
}

async fn sign_out_ends_this_session_or_all_of_them(engine: Engine) {
    let app = spawn_app(engine, Options::default()).await;
    app.idp().login_as(pupil());
    let mut laptop = Browser::new();
    let mut phone = Browser::new();
    let mut tablet = Browser::new();
    for browser in [&mut laptop, &mut phone, &mut tablet] {
        let (home, _) = sign_in(&app, browser).await;
        assert!(home.body.contains("Bonjour Lina"));
    }

    // Sign out on the laptop only.
    let out = laptop
        .post_form(&app.url("/auth/deconnexion"), &[], &app.base)
        .await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    let removals: Vec<&str> = out
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap())
        .filter(|v| v.starts_with("__Host-sillage=;"))
        .collect();
    assert!(
        removals
            .iter()
            .any(|c| c.contains("Max-Age=0") && c.contains("Secure")),
        "a removal browsers accept for a __Host- cookie: {removals:?}"
    );
    assert!(laptop.session_cookie().is_none());
    assert!(laptop
        .get(&app.url("/"))
        .await
        .body
        .contains("Bienvenue sur Sillage"));
    assert!(phone.get(&app.url("/")).await.body.contains("Bonjour Lina"));

    // Everywhere, from the phone: the tablet is signed out too.
    let out = phone
        .post_form(
            &app.url("/auth/deconnexion"),
            &[("partout", "1")],
            &app.base,
        )
        .await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert!(phone
        .get(&app.url("/"))
        .await
        .body
        .contains("Bienvenue sur Sillage"));
    assert!(tablet
        .get(&app.url("/"))
        .await
        .body
        .contains("Bienvenue sur Sillage"));
    app.finish().await;
}

async fn cross_site_posts_are_refused(engine: Engine) {
    let app = spawn_app(engine, Options::default()).await;
    app.idp().login_as(pupil());
    let mut browser = Browser::new();
    sign_in(&app, &mut browser).await;
    let refused = browser
        .post_form(
            &app.url("/auth/deconnexion"),
            &[("partout", "1")],
            "https://evil.example",
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(refused.body.contains("Requête refusée"));
    let refused = browser
        .request(
            reqwest::Method::POST,
            &app.url("/auth/deconnexion"),
            Some(&[]),
            &[("sec-fetch-site", "cross-site")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(
        browser
            .get(&app.url("/"))
            .await
            .body
            .contains("Bonjour Lina"),
        "still signed in"
    );
    app.finish().await;
}

async fn demo_accounts_sign_in_on_a_demo_instance_only(engine: Engine) {
    let demo = spawn_app(engine, Options::demo()).await;
    let mut browser = Browser::new();
    let page = browser.get(&demo.url("/connexion")).await;
    assert!(page.body.contains("data-testid=\"demo-banner\""));
    assert!(page.body.contains("Camille Démo-Martin"));
    assert_eq!(demo.count("accounts").await, 3);
    for (key, expected) in [
        ("eleve", "Bonjour Camille"),
        ("conseillere", "Espace conseiller·ère"),
        ("parent", "Espace responsable légal"),
    ] {
        let mut browser = Browser::new();
        let page = browser
            .post_form(&demo.url("/auth/demo"), &[("compte", key)], &demo.base)
            .await;
        let (home, _) = browser.follow(&demo.base, page).await;
        assert!(home.body.contains(expected), "{key}: {}", home.body);
        assert!(home.body.contains("data-testid=\"demo-banner\""));
    }
    for form in [&[("compte", "admin")][..], &[][..]] {
        let page = browser
            .post_form(&demo.url("/auth/demo"), form, &demo.base)
            .await;
        assert_eq!(
            page.location.as_deref(),
            Some("/erreur/fournisseur-inconnu")
        );
    }
    demo.finish().await;

    let real = spawn_app(engine, Options::default()).await;
    let mut browser = Browser::new();
    let page = browser
        .post_form(&real.url("/auth/demo"), &[("compte", "eleve")], &real.base)
        .await;
    assert_eq!(
        page.location.as_deref(),
        Some("/erreur/fournisseur-inconnu")
    );
    let page = browser.get(&real.url("/connexion")).await;
    assert!(!page.body.contains("demo-banner"));
    assert!(page.body.contains("/auth/connexion/educonnect"));
    assert_eq!(real.count("accounts").await, 0);
    real.finish().await;
}

/// What the session holds, for every session of the database (the records are JSON text).
async fn session_records(app: &TestApp) -> Vec<String> {
    sqlx::query_as::<_, (String,)>("SELECT data FROM sessions")
        .fetch_all(app.db.pool())
        .await
        .unwrap()
        .into_iter()
        .map(|(data,)| data)
        .collect()
}

/// A shared computer: a pupil signs in with ÉduConnect (the session holds the provider's id
/// token and a message kept for the next page), then, without signing out, someone else signs
/// in on the same browser: nothing of the first person's session is in the second's.
async fn a_new_sign_in_keeps_nothing_of_the_previous_session(engine: Engine) {
    let options = Options {
        demo: "on",
        with_idp: true,
        ..Options::default()
    };
    let app = spawn_app(engine, options).await;
    app.idp().login_as(pupil());
    let mut browser = Browser::new();
    let (home, _) = sign_in(&app, &mut browser).await;
    assert!(home.body.contains("Bonjour Lina"));
    // A form refused without JavaScript keeps what was typed for the next page.
    let form = [
        ("entry[kind]", "project"),
        ("entry[title]", "Stage chez Lina-Secret-Typed"),
        ("entry[started_on]", "2026-05-01"),
        ("entry[ended_on]", "2025-01-01"),
        ("entry[place]", ""),
        ("entry[description]", ""),
        ("entry[reflection]", ""),
    ];
    let refused = browser
        .request(
            reqwest::Method::POST,
            &app.url("/api/portfolio_save"),
            Some(&form),
            &[("origin", &app.base), ("accept", "text/html")],
        )
        .await;
    assert!(
        refused.status.is_redirection(),
        "{} {}",
        refused.status,
        refused.body
    );
    let records = session_records(&app).await;
    assert!(
        records.iter().any(|r| r.contains("id_token")),
        "{records:?}"
    );
    assert!(
        records.iter().any(|r| r.contains("Lina-Secret-Typed")),
        "{records:?}"
    );

    let page = browser
        .post_form(&app.url("/auth/demo"), &[("compte", "parent")], &app.base)
        .await;
    assert_eq!(page.location.as_deref(), Some("/"));
    let records = session_records(&app).await;
    assert_eq!(
        records.len(),
        1,
        "the pupil's session record is gone: {records:?}"
    );
    for secret in ["id_token", "provider", "Lina-Secret-Typed", "flash:"] {
        assert!(
            !records[0].contains(secret),
            "{secret} carried over: {}",
            records[0]
        );
    }
    app.finish().await;
}

/// Signing in again while signed in (a step-up before a sensitive action) asks the provider
/// for a fresh login; a provider that does not date it (no `auth_time`) does not make the
/// sign-in "recent" for the step-up checks.
async fn a_step_up_asks_the_provider_for_a_fresh_login(engine: Engine) {
    let app = spawn_app(engine, Options::default()).await;
    app.idp().login_as(pupil());
    let mut browser = Browser::new();
    let first = browser.get(&app.url("/auth/connexion/educonnect")).await;
    let to_provider = first.location.clone().unwrap();
    assert!(!to_provider.contains("prompt=login"), "{to_provider}");
    browser.follow(&app.base, first).await;
    let signed_in_at = || async {
        let records = session_records(&app).await;
        records
            .iter()
            .filter_map(|r| serde_json::from_str::<serde_json::Value>(r).ok())
            .filter_map(|v| v["authenticated_at"].as_i64())
            .next()
            .expect("a signed-in session")
    };
    let now = domain::db::now_unix();
    assert!(
        (signed_in_at().await - now).abs() < 60,
        "a first sign-in is now"
    );

    let again = browser.get(&app.url("/auth/connexion/educonnect")).await;
    let to_provider = again.location.clone().unwrap();
    assert!(to_provider.contains("prompt=login"), "{to_provider}");
    assert!(to_provider.contains("max_age=0"), "{to_provider}");
    let (home, hops) = browser.follow(&app.base, again).await;
    let h1 = home
        .body
        .split("<h1")
        .nth(1)
        .unwrap_or_default()
        .chars()
        .take(200)
        .collect::<String>();
    assert!(
        home.body.contains("Bonjour Lina"),
        "{} {hops:?} {h1}",
        home.status
    );
    assert!(
        signed_in_at().await < now - 3600,
        "an undated step-up is not recent"
    );
    app.finish().await;
}

on_both_engines!(
    a_pupil_signs_in_and_sees_their_home,
    a_guardian_lands_on_the_guardian_home,
    a_tampered_state_is_refused,
    a_token_for_another_audience_or_nonce_is_refused,
    an_unknown_affiliation_is_refused,
    bad_callbacks_are_refused,
    a_provider_that_is_down_gets_a_clear_page,
    sign_out_ends_this_session_or_all_of_them,
    cross_site_posts_are_refused,
    demo_accounts_sign_in_on_a_demo_instance_only,
    a_new_sign_in_keeps_nothing_of_the_previous_session,
    a_step_up_asks_the_provider_for_a_fresh_login,
);
