//! Every server function, called by every role and anonymously, with bodies that do not parse
//! and with no body at all: a refusal is a 4xx, never a 5xx (a 500 means a bug). The list of
//! functions is the one the server registers, so a function added later is called too.

use crate::support;

use reqwest::Method;
use support::{Browser, Engine, TestApp};

/// Bodies a careless or hostile caller sends, with the content type they claim.
const BODIES: [(&str, &[u8]); 6] = [
    ("application/x-www-form-urlencoded", b""),
    (
        "application/x-www-form-urlencoded",
        b"id=abc&page=-1&x=%ff%fe",
    ),
    ("application/json", b"{}"),
    (
        "application/json",
        b"{\"id\": \"not a number\", \"keys\": 7}",
    ),
    ("application/json", b"\xff\xfe\x00 not json"),
    ("text/plain", b"[[[[[[[[[[[[[[[[[[[["),
];

async fn every_function_refuses_with_a_4xx(engine: Engine) {
    let app = support::spawn_app(engine, support::Options::demo()).await;
    let mut paths: Vec<(String, Method)> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, method)| (path.to_owned(), method))
        .collect();
    paths.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(
        paths.len() > 30,
        "the registered server functions: {paths:?}"
    );

    let mut failures = Vec::new();
    let mut calls = 0;
    for who in ["anonyme", "eleve", "parent", "conseillere"] {
        let mut browser = if who == "anonyme" {
            Browser::new()
        } else {
            app.demo_browser(who).await
        };
        for (path, method) in &paths {
            for (content_type, body) in BODIES {
                let page = send(&mut browser, &app, path, method, content_type, body).await;
                calls += 1;
                if page.0.is_server_error() {
                    failures.push(format!(
                        "{who} {method} {path} [{content_type}]: {} {}",
                        page.0, page.1
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {calls} calls answered 5xx:\n{}",
        failures.len(),
        failures.join("\n")
    );
    app.finish().await;
}

async fn send(
    browser: &mut Browser,
    app: &TestApp,
    path: &str,
    method: &Method,
    content_type: &str,
    body: &[u8],
) -> (reqwest::StatusCode, String) {
    let url = app.url(path);
    let page = if *method == Method::GET {
        browser
            .request(Method::GET, &url, None, &[("accept", "application/json")])
            .await
    } else {
        browser
            .request_bytes(&url, body.to_vec(), content_type, &app.base)
            .await
    };
    (page.status, page.body.chars().take(200).collect())
}

on_both_engines!(every_function_refuses_with_a_4xx);
