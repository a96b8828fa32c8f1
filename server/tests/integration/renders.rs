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
