//! Built assets under `/pkg` are sent as built: a content-hashed file with its brotli or gzip
//! twin made at build time (never compressed per request) and cached for a year; anything else
//! re-validated; a missing file not cached. Pages without islands carry no script at all.

use crate::support;

use reqwest::{Method, StatusCode};
use support::{spawn_app, Browser, Engine, Options};

const HASHED: &str = "sillage.Xc2-k7V_Pp3H1y9lUZtqKw.wasm";

/// A site root as `cargo leptos build --release --split --precompress` leaves it.
fn site_root() -> tempfile::TempDir {
    let root = tempfile::tempdir().expect("temporary site root");
    let pkg = root.path().join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(pkg.join(HASHED), vec![0u8; 4000]).unwrap();
    std::fs::write(pkg.join(format!("{HASHED}.br")), vec![1u8; 100]).unwrap();
    std::fs::write(pkg.join(format!("{HASHED}.gz")), vec![2u8; 200]).unwrap();
    std::fs::write(pkg.join("loader.js"), "export {};\n").unwrap();
    root
}

async fn asset(browser: &mut Browser, url: &str, accept: &str) -> support::Page {
    browser
        .request(Method::GET, url, None, &[("accept-encoding", accept)])
        .await
}

fn header<'a>(page: &'a support::Page, name: &str) -> &'a str {
    page.headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

async fn assets_are_sent_as_built(engine: Engine) {
    let root = site_root();
    let app = spawn_app(
        engine,
        Options {
            env: vec![(
                "SILLAGE_SITE__SITE_ROOT".into(),
                root.path().display().to_string(),
            )],
            ..Options::demo()
        },
    )
    .await;
    let mut browser = Browser::new();
    let url = app.url(&format!("/pkg/{HASHED}"));

    // Brotli when the browser takes it, the file made at build time, byte for byte.
    let page = asset(&mut browser, &url, "gzip, deflate, br").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(header(&page, "content-encoding"), "br");
    assert_eq!(header(&page, "content-length"), "100");
    // One address, three bodies by Accept-Encoding: shared caches are told (issue 29, § 6).
    assert_eq!(
        header(&page, "vary").to_ascii_lowercase(),
        "accept-encoding"
    );
    assert_eq!(
        header(&page, "cache-control"),
        "public, max-age=31536000, immutable"
    );
    // Gzip for a browser without brotli, again as built.
    let page = asset(&mut browser, &url, "gzip").await;
    assert_eq!(header(&page, "content-encoding"), "gzip");
    assert_eq!(header(&page, "content-length"), "200");
    assert_eq!(
        header(&page, "vary").to_ascii_lowercase(),
        "accept-encoding"
    );
    // Neither: the file itself, not compressed on the fly.
    let page = asset(&mut browser, &url, "identity").await;
    assert_eq!(header(&page, "content-encoding"), "");
    assert_eq!(header(&page, "content-length"), "4000");
    assert_eq!(
        header(&page, "vary").to_ascii_lowercase(),
        "accept-encoding"
    );
    assert_eq!(
        header(&page, "cache-control"),
        "public, max-age=31536000, immutable"
    );

    // A name without a hash may change under the same name: re-validated on each use.
    let page = asset(&mut browser, &app.url("/pkg/loader.js"), "identity").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(header(&page, "cache-control"), "no-cache");
    // A missing file is not cached, hashed name or not.
    let page = asset(
        &mut browser,
        &app.url("/pkg/sillage.AAAAAAAAAAAAAAAAAAAAAA.wasm"),
        "br",
    )
    .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert_eq!(header(&page, "cache-control"), "no-store");

    // Pages without an island are HTML and CSS only: no island, no module or WASM named (the
    // two inline lines Leptos ends every page with fetch nothing), no resource sent twice.
    let fetches_no_code = |body: &str| {
        !body.contains("<leptos-island")
            && !body.contains("modulepreload")
            && !body.contains(".wasm")
            && !body.contains("type=\"module\"")
            && !body.contains("__RESOLVED_RESOURCES[")
    };
    let landing = browser.get(&app.url("/")).await;
    assert_eq!(landing.status, StatusCode::OK);
    assert!(fetches_no_code(&landing.body), "{}", landing.body);
    let mut pupil = app.demo_browser("eleve").await;
    for path in ["/", "/portfolio", "/pix", "/journal", "/famille"] {
        let page = pupil.get(&app.url(path)).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(fetches_no_code(&page.body), "{path}: {}", page.body);
        assert_eq!(header(&page, "cache-control"), "no-store", "{path}");
    }
    // The vault page has its island, and the loader of the island module, once.
    let vault = pupil.get(&app.url("/coffre-fort")).await;
    assert!(vault.body.contains("<leptos-island"), "{}", vault.body);
    assert_eq!(vault.body.matches("rel=\"modulepreload\"").count(), 1);
    app.finish().await;
}

on_both_engines!(assets_are_sent_as_built);
