//! "Mes appareils connectés": listing my sessions and ending one, and only mine.

use crate::support;

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

/// The session cookie a response sets, as the browser receives it.
fn session_set_cookie(page: &support::Page) -> String {
    page.headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("__Host-sillage="))
        .unwrap_or_else(|| panic!("no session cookie in {:?}", page.headers))
}

/// The stored deadline and data of every session, in one list.
async fn stored_sessions(app: &support::TestApp) -> Vec<(String, i64, serde_json::Value)> {
    let rows: Vec<(String, i64, String)> =
        sqlx::query_as("SELECT id, expires_at, data FROM sessions ORDER BY expires_at")
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    rows.into_iter()
        .map(|(id, at, data)| (id, at, serde_json::from_str(&data).unwrap()))
        .collect()
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

async fn the_cookie_ends_with_the_browser_unless_i_stay_and_use_keeps_it_alive(engine: Engine) {
    let app = spawn_app(engine, Options::demo()).await;
    let idle = server::config::whole_seconds(app.settings.session.idle_timeout);

    // A shared computer: the cookie has no lifetime of its own, the browser forgets it.
    let mut shared = Browser::new();
    let page = shared
        .post_form(&app.url("/auth/demo"), &[("compte", "eleve")], &app.base)
        .await;
    assert_eq!(page.location.as_deref(), Some("/"));
    let cookie = session_set_cookie(&page).to_ascii_lowercase();
    assert!(
        !cookie.contains("max-age") && !cookie.contains("expires"),
        "{cookie}"
    );

    // « Rester connecté·e » on a personal device: the cookie lasts the idle timeout.
    let mut personal = Browser::new();
    let page = personal
        .post_form(
            &app.url("/auth/demo"),
            &[("compte", "eleve"), ("rester", "1")],
            &app.base,
        )
        .await;
    assert_eq!(page.location.as_deref(), Some("/"));
    let cookie = session_set_cookie(&page);
    assert!(cookie.contains(&format!("Max-Age={idle}")), "{cookie}");
    assert_eq!(stored_sessions(&app).await.len(), 2);

    // Either way the server ends a session after the idle timeout counted from its last use,
    // not from its sign-in: push both back in time, as if 25 minutes had passed unused.
    let past = now() - 25 * 60;
    for (id, _, mut data) in stored_sessions(&app).await {
        data["touched_at"] = serde_json::json!(past);
        sqlx::query("UPDATE sessions SET expires_at = $1, data = $2 WHERE id = $3")
            .bind(past + idle)
            .bind(data.to_string())
            .bind(&id)
            .execute(app.db.pool())
            .await
            .unwrap();
    }
    let page = shared.get(&app.url("/portfolio")).await;
    assert_eq!(page.status, StatusCode::OK);
    let cookie = session_set_cookie(&page).to_ascii_lowercase();
    assert!(
        !cookie.contains("max-age"),
        "still a browser-session cookie: {cookie}"
    );
    let page = personal.get(&app.url("/portfolio")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        session_set_cookie(&page).contains(&format!("Max-Age={idle}")),
        "the personal device's cookie is renewed"
    );
    for (_, expires_at, _) in stored_sessions(&app).await {
        assert!(
            expires_at >= now() + idle - 60,
            "used now: ends {idle} s from now, not {} s",
            expires_at - now()
        );
    }
    // A second request within the minute writes nothing (no cookie, deadline unchanged).
    let before = stored_sessions(&app).await;
    let page = shared.get(&app.url("/portfolio")).await;
    assert!(
        page.headers.get("set-cookie").is_none(),
        "{:?}",
        page.headers
    );
    assert_eq!(stored_sessions(&app).await, before);

    // A session left unused past its deadline is over.
    sqlx::query("UPDATE sessions SET expires_at = $1")
        .bind(now() - 1)
        .execute(app.db.pool())
        .await
        .unwrap();
    let page = personal.get(&app.url("/portfolio")).await;
    assert_eq!(
        page.status,
        StatusCode::UNAUTHORIZED,
        "signed out: {}",
        page.body
    );
    app.finish().await;
}

/// The account is read with the session in one statement (no second query per request): what
/// a page shows is the account as it is now, the copy read with the session is never written
/// into the session's stored data, and an account that is gone ends the session.
async fn the_account_read_with_the_session_is_fresh_and_never_stored(engine: Engine) {
    let app = spawn_app(engine, Options::demo()).await;
    let mut pupil = app.demo_browser("eleve").await;
    let home = pupil.get(&app.url("/")).await;
    assert!(home.body.contains("Bonjour Camille"), "{}", home.body);

    // A request that writes the session (the idle deadline pushed back) after the account was
    // read with it: the copy stays out of the stored data.
    let (id, data): (i64, String) = {
        let row: (String, String) = sqlx::query_as(
            "SELECT CAST(account_id AS TEXT), data FROM sessions WHERE account_id IS NOT NULL",
        )
        .fetch_one(app.db.pool())
        .await
        .unwrap();
        (row.0.parse().unwrap(), row.1)
    };
    let mut stored: serde_json::Value = serde_json::from_str(&data).unwrap();
    stored["touched_at"] = serde_json::json!(0);
    sqlx::query("UPDATE sessions SET data = $1 WHERE account_id = $2")
        .bind(stored.to_string())
        .bind(id)
        .execute(app.db.pool())
        .await
        .unwrap();
    assert_eq!(pupil.get(&app.url("/")).await.status, StatusCode::OK);
    for (_, _, data) in stored_sessions(&app).await {
        assert!(
            data.get("account_snapshot").is_none()
                && data.get("touched_at") != Some(&serde_json::json!(0)),
            "the session was written back, without the account read with it: {data}"
        );
    }

    // The account changes between two requests: the next page shows it as it is now.
    sqlx::query("UPDATE accounts SET given_name = 'Camila' WHERE id = $1")
        .bind(id)
        .execute(app.db.pool())
        .await
        .unwrap();
    let home = pupil.get(&app.url("/")).await;
    assert!(home.body.contains("Bonjour Camila"), "{}", home.body);

    // A session whose row names no account (written before the column existed): the account
    // is read on its own, the person is still signed in.
    sqlx::query("UPDATE sessions SET account_id = NULL")
        .execute(app.db.pool())
        .await
        .unwrap();
    let home = pupil.get(&app.url("/")).await;
    assert!(home.body.contains("Bonjour Camila"), "{}", home.body);

    // Gone (erased by an operator): the session is over, the page asks to sign in.
    sqlx::query("DELETE FROM accounts WHERE id = $1")
        .bind(id)
        .execute(app.db.pool())
        .await
        .unwrap();
    let page = pupil.get(&app.url("/portfolio")).await;
    assert_eq!(page.status, StatusCode::UNAUTHORIZED, "{}", page.body);
    app.finish().await;
}

on_both_engines!(
    i_see_my_devices_and_end_one,
    the_account_read_with_the_session_is_fresh_and_never_stored,
    the_cookie_ends_with_the_browser_unless_i_stay_and_use_keeps_it_alive,
);
