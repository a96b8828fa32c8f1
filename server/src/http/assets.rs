//! The built assets under `/pkg`: named by their content, compressed once at build time, cached
//! by browsers for a year.
//!
//! `cargo leptos build --release --precompress` writes `sillage.<hash>.{css,js,wasm}` with a
//! `.br` (quality 11) and a `.gz` beside each, and `hash.txt` next to the server's binary;
//! `scripts/build-vault` does the same for the vault's module. A file whose name holds its
//! content's hash never changes, so it is `immutable`; any other (a development build) is
//! re-validated on every use. Nothing here is compressed per request.

use app::components::SplitChunks;
use axum::http::{header, HeaderValue, Request};
use axum::response::Response;
use std::path::{Path, PathBuf};
use tower_http::services::ServeDir;

/// The names the pages use for the stylesheet and the split module's parts, and whether the
/// build hashed its file names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssetNames {
    /// `/pkg/sillage.<hash>.css` (or `/pkg/sillage.css` unhashed).
    pub stylesheet: String,
    /// Whether `hash.txt` was found: Leptos then names the hashed JS and WASM itself.
    pub hashed: bool,
    /// The split loader and lazy chunks (`cargo leptos build --split`); none on another build.
    pub split_chunks: SplitChunks,
}

impl AssetNames {
    /// Reads `hash.txt` beside the running binary, where cargo-leptos writes it, and the split
    /// manifest it names under `site_root/pkg_dir`.
    pub fn of_this_build(site_root: &str, pkg_dir: &str, output_name: &str) -> Self {
        let hash_file = std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(|dir| dir.join("hash.txt")));
        let hashes = hash_file.and_then(|path| std::fs::read_to_string(path).ok());
        let pkg = PathBuf::from(site_root).join(pkg_dir);
        Self::from_hash_file(hashes.as_deref(), pkg_dir, output_name, |name| {
            std::fs::read_to_string(pkg.join(name)).ok()
        })
    }

    fn from_hash_file(
        hashes: Option<&str>,
        pkg_dir: &str,
        output_name: &str,
        read_pkg_file: impl Fn(&str) -> Option<String>,
    ) -> Self {
        let hash_of = |wanted: &str| {
            hashes.and_then(|text| {
                text.lines()
                    .filter_map(|line| line.split_once(':'))
                    .find(|(kind, _)| kind.trim() == wanted)
                    .map(|(_, hash)| hash.trim().to_owned())
                    .filter(|hash| !hash.is_empty())
            })
        };
        let stylesheet = match hash_of("css") {
            Some(hash) => format!("/{pkg_dir}/{output_name}.{hash}.css"),
            None => format!("/{pkg_dir}/{output_name}.css"),
        };
        // cargo-leptos's names for the split module's loader and manifest (leptos's own
        // `HydrationScripts` finds them the same way).
        let (loader, manifest) = match (hash_of("split"), hash_of("manifest")) {
            (Some(split), Some(manifest)) => (
                format!("__wasm_split.{split}.js"),
                format!("__wasm_split_manifest.{manifest}.json"),
            ),
            _ => (
                "__wasm_split.______________________.js".to_owned(),
                "__wasm_split_manifest.json".to_owned(),
            ),
        };
        let split_chunks = match read_pkg_file(&manifest) {
            None => SplitChunks::default(),
            Some(text) => SplitChunks::from_manifest(pkg_dir, &loader, &text).unwrap_or_else(|error| {
                tracing::warn!(%error, manifest, "split manifest unreadable: lazy chunks will not be preloaded");
                SplitChunks::default()
            }),
        };
        Self {
            stylesheet,
            hashed: hashes.is_some(),
            split_chunks,
        }
    }
}

/// The service of `/pkg/*`: files as built, their `.br`/`.gz` twin when the browser takes it.
pub fn service(site_root: &str, pkg_dir: &str) -> ServeDir {
    ServeDir::new(PathBuf::from(site_root).join(pkg_dir))
        .precompressed_br()
        .precompressed_gzip()
}

/// `Cache-Control` of an asset answer: a year for content-hashed names, re-validation for
/// the others, and `Vary: Accept-Encoding`. Errors are not cached.
pub async fn cache_control(
    request: Request<axum::body::Body>,
    next: axum::middleware::Next,
) -> Response {
    let immutable = is_content_hashed(Path::new(request.uri().path()));
    let mut response = next.run(request).await;
    if response.status().is_success() || response.status() == axum::http::StatusCode::NOT_MODIFIED {
        let value = if immutable {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        let headers = response.headers_mut();
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
        // The same address answers with a `.br`, a `.gz` or the plain file by the request's
        // Accept-Encoding: a shared cache must key on it, or serve Brotli to a browser that
        // asked for none.
        if !headers.contains_key(header::VARY) {
            headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        }
    } else {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// `name.<22 characters of base64url MD5>.ext`, as cargo-leptos and `scripts/build-vault` name
/// the files they hash.
fn is_content_hashed(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|name| name.to_str()) else {
        return false;
    };
    let mut parts = name.split('.');
    let _stem = parts.next();
    parts.next().is_some_and(|hash| {
        hash.len() == 22
            && hash
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    }) && parts.next().is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_are_told_from_plain_ones() {
        assert!(is_content_hashed(Path::new(
            "/pkg/sillage.Xc2-k7V_Pp3H1y9lUZtqKw.wasm"
        )));
        assert!(is_content_hashed(Path::new(
            "/pkg/vault/sillage_vault.Xc2-k7V_Pp3H1y9lUZtqKw.js"
        )));
        assert!(!is_content_hashed(Path::new("/pkg/sillage.wasm")));
        assert!(!is_content_hashed(Path::new("/pkg/sillage_bg.wasm")));
        assert!(!is_content_hashed(Path::new("/pkg/sillage.short.css")));
        assert!(!is_content_hashed(Path::new("/pkg/Xc2-k7V_Pp3H1y9lUZtqKw")));
    }

    #[test]
    fn the_stylesheet_follows_the_hash_file() {
        let no_files = |_: &str| None;
        let hashed = AssetNames::from_hash_file(
            Some("js: aaaaaaaaaaaaaaaaaaaaaa\nwasm: bbbbbbbbbbbbbbbbbbbbbb\ncss: cccccccccccccccccccccc\n"),
            "pkg",
            "sillage",
            no_files,
        );
        assert_eq!(hashed.stylesheet, "/pkg/sillage.cccccccccccccccccccccc.css");
        assert!(hashed.hashed);
        assert_eq!(hashed.split_chunks, SplitChunks::default());
        let plain = AssetNames::from_hash_file(None, "pkg", "sillage", no_files);
        assert_eq!(plain.stylesheet, "/pkg/sillage.css");
        assert!(!plain.hashed);
    }

    #[test]
    fn the_split_manifest_is_the_one_the_hash_file_names() {
        let hashes = "css: cccccccccccccccccccccc\nmanifest: mmmmmmmmmmmmmmmmmmmmmm\nsplit: ssssssssssssssssssssss\n";
        let manifest = r#"{"vault_app_loader_85":["chunk_3.kkkkkkkkkkkkkkkkkkkkkk"]}"#;
        let files = |name: &str| {
            (name == "__wasm_split_manifest.mmmmmmmmmmmmmmmmmmmmmm.json")
                .then(|| manifest.to_owned())
        };
        let names = AssetNames::from_hash_file(Some(hashes), "pkg", "sillage", files);
        assert_eq!(
            names.split_chunks,
            SplitChunks::from_manifest("pkg", "__wasm_split.ssssssssssssssssssssss.js", manifest)
                .unwrap()
        );
        assert_eq!(
            names.split_chunks.of_island("vault_app"),
            ["/pkg/chunk_3.kkkkkkkkkkkkkkkkkkkkkk.wasm"]
        );
        // A manifest that cannot be read leaves the pages without preloads, not the server down.
        let broken = AssetNames::from_hash_file(Some(hashes), "pkg", "sillage", |_: &str| {
            Some("{".to_owned())
        });
        assert_eq!(broken.split_chunks, SplitChunks::default());
    }
}
