//! Pages render to their end while other servers of the same process start: the hang that kept
//! the integration tests one at a time. Starting a server lists the app's routes, and Leptos
//! lists them with resources suppressed through a process-global flag; a page whose data was
//! first asked for at that moment waited forever (leptos-rs/leptos#4773). The routes are now
//! listed once per process (`server::route_list`).

use crate::support;

use reqwest::StatusCode;
use std::sync::atomic::{AtomicBool, Ordering};
use support::{bounded, spawn_app, Engine, Options};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_render_while_other_servers_start() {
    bounded(async {
        let app = spawn_app(Engine::Sqlite, Options::demo()).await;
        let mut pupil = app.demo_browser("eleve").await;
        let starting = AtomicBool::new(true);
        let starts = async {
            for _ in 0..25 {
                spawn_app(Engine::Sqlite, Options::demo())
                    .await
                    .finish()
                    .await;
            }
            starting.store(false, Ordering::SeqCst);
        };
        let renders = async {
            let mut renders = 0;
            // Each request fails the test if it is not answered in full within 30 s.
            while starting.load(Ordering::SeqCst) {
                for path in ["/portfolio", "/portfolio/competences", "/pix", "/journal"] {
                    let page = pupil.get(&app.url(path)).await;
                    assert_eq!(page.status, StatusCode::OK, "{path}");
                    assert!(
                        page.body.contains("</html>"),
                        "{path} cut short: {}",
                        &page.body[page.body.len().saturating_sub(300)..]
                    );
                    renders += 1;
                }
            }
            renders
        };
        let ((), renders) = tokio::join!(starts, renders);
        assert!(
            renders >= 25,
            "only {renders} pages rendered while servers started"
        );
        app.finish().await;
    })
    .await;
}

/// Each role's home and the vault page render in full under many requests at once. Their data
/// was once read by resources made inside `<Page>`'s Suspense (not at the page's top), and one
/// render in about 600 then waited forever under load (leptos-rs/leptos#4866): the release
/// binary stalled 31 of 19,800 such requests, 16 at a time, and none of 24,000 once the
/// resources were made at the top (`app::viewer::role_resource`). The intermittent failures of
/// the authorization and guardians scenarios on `/` were this.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn role_pages_render_under_concurrent_load() {
    const ROUNDS: usize = 60;
    bounded(async {
        let options = Options {
            env: vec![(
                "SILLAGE_LIMITS__SIGN_IN_PER_ACCOUNT_PER_MINUTE".to_owned(),
                "1000".to_owned(),
            )],
            ..Options::demo()
        };
        let app = spawn_app(Engine::Sqlite, options).await;
        let mut requests = tokio::task::JoinSet::new();
        for key in ["eleve", "parent", "conseillere"] {
            for _ in 0..4 {
                let mut browser = app.demo_browser(key).await;
                let base = app.base.clone();
                requests.spawn(async move {
                    for _ in 0..ROUNDS {
                        for path in ["/", "/coffre-fort"] {
                            let page = browser.get(&format!("{base}{path}")).await;
                            assert_eq!(page.status, StatusCode::OK, "{key} {path}: {}", page.body);
                            assert!(page.body.contains("</html>"), "{key} {path} cut short");
                        }
                    }
                });
            }
        }
        while let Some(done) = requests.join_next().await {
            done.expect("a browser's requests");
        }
        app.finish().await;
    })
    .await;
}
