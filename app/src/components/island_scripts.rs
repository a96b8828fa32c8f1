//! The scripts that make a page's islands interactive, on the pages that have islands only.
//!
//! Pages are server-rendered HTML that works without JavaScript; the few parts that JavaScript
//! improves are `#[island]`s. Leptos's loader fetches the WASM that holds the islands, so a page
//! without islands should not name it at all: the shell leaves the scripts out, and a page with
//! islands puts **one** `<IslandScripts/>` after them (two would hydrate its islands twice).
//! It is rendered where the island is, not decided by a per-request flag: a server render may
//! build a view more than once (Suspense's dry run) and keep the last.

use leptos::prelude::*;
use leptos_meta::Link;

/// The island loader: once per page, after its islands. With it, the split loader the main
/// module imports as it starts, so that both are fetched at once (see [`SplitChunks`]).
#[component]
pub fn IslandScripts() -> impl IntoView {
    #[cfg(feature = "ssr")]
    let split_loader = crate::ssr::portal()
        .ok()
        .and_then(|portal| portal.split_chunks.loader.clone())
        .map(|href| view! { <Link rel="modulepreload" href=href/> });
    #[cfg(not(feature = "ssr"))]
    let split_loader: Option<()> = None;
    (
        use_context::<LeptosOptions>()
            .map(|options| view! { <HydrationScripts options islands=true/> }),
        split_loader,
    )
}

/// The chunks of a lazy island, fetched with the page's main module instead of after it. Put
/// it beside the island; `island` is its name in snake case.
#[component]
pub fn PreloadLazyIsland(island: &'static str) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let chunks: Vec<String> = crate::ssr::portal()
        .map(|portal| {
            portal
                .split_chunks
                .of_island(island)
                .into_iter()
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    #[cfg(not(feature = "ssr"))]
    let chunks: Vec<String> = {
        let _ = island;
        Vec::new()
    };
    // `crossorigin`: the loader fetches chunks in CORS mode; a preload in another mode would be
    // fetched a second time.
    chunks
        .into_iter()
        .map(|href| {
            view! { <Link rel="preload" href=href as_="fetch" type_="application/wasm" crossorigin="anonymous"/> }
        })
        .collect_view()
}

/// The browser module's lazily loaded parts, as `cargo leptos build --split` wrote them: the
/// split loader that the main module imports as it starts, and the chunks each lazy function
/// needs. Without them named in the page, the browser learns of each only once the file before
/// it has arrived (HTML, then the main module, then the loader, then an island's chunks): a
/// round trip each on a slow link. Leptos names the chunks of lazy routes in the page, not those
/// of lazy islands, so the pages name them here.
#[cfg(feature = "ssr")]
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SplitChunks {
    /// `/pkg/__wasm_split.<hash>.js`, on a build that split its module.
    loader: Option<String>,
    /// Each lazy function's key (`<name>_<hash of its place in the source>`) and the addresses
    /// of the chunks it needs.
    by_function: std::collections::BTreeMap<String, Vec<String>>,
}

#[cfg(feature = "ssr")]
impl SplitChunks {
    /// From the split manifest (`__wasm_split_manifest[.<hash>].json`: each lazy function's key
    /// and its chunks' names without `.wasm`) and the loader's file name, both under `/{pkg_dir}`.
    pub fn from_manifest(
        pkg_dir: &str,
        loader_file: &str,
        manifest: &str,
    ) -> Result<SplitChunks, serde_json::Error> {
        let chunks: std::collections::BTreeMap<String, Vec<String>> =
            serde_json::from_str(manifest)?;
        Ok(SplitChunks {
            loader: Some(format!("/{pkg_dir}/{loader_file}")),
            by_function: chunks
                .into_iter()
                .map(|(function, names)| {
                    let urls = names
                        .into_iter()
                        .map(|name| format!("/{pkg_dir}/{name}.wasm"))
                        .collect();
                    (function, urls)
                })
                .collect(),
        })
    }

    /// The chunks of a lazy island (`#[island(lazy)]`), by its name in snake case (`vault_app`
    /// for `VaultApp`): Leptos loads it through a lazy function named `<island>_loader`.
    pub fn of_island(&self, island: &str) -> Vec<&str> {
        let prefix = format!("{island}_loader_");
        let mut urls: Vec<&str> = self
            .by_function
            .iter()
            .filter(|(function, _)| {
                function
                    .strip_prefix(&prefix)
                    .is_some_and(|hash| hash.bytes().all(|b| b.is_ascii_digit()))
            })
            .flat_map(|(_, urls)| urls.iter().map(String::as_str))
            .collect();
        urls.sort_unstable();
        urls.dedup();
        urls
    }
}

/// Called by every island once it is hydrated (from an effect: effects run in the browser
/// only): when all the page's islands are, `<html data-hydrated="true">` says so, for browser
/// tests and measurements. Lazy islands hydrate after the others, whenever their code arrives.
pub fn island_hydrated() {
    #[cfg(feature = "hydrate")]
    {
        let document = document();
        let Some(root) = document.document_element() else {
            return;
        };
        let done = root
            .get_attribute("data-islands-hydrated")
            .and_then(|n| n.parse::<u32>().ok())
            .unwrap_or(0)
            + 1;
        let _ = root.set_attribute("data-islands-hydrated", &done.to_string());
        let total = document
            .query_selector_all("leptos-island")
            .map(|islands| islands.length())
            .unwrap_or(0);
        if done >= total {
            let _ = root.set_attribute("data-hydrated", "true");
        }
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::SplitChunks;

    /// A manifest as cargo-leptos 0.3.10 writes it: two lazy functions sharing a chunk.
    const MANIFEST: &str = r#"{"open_vault_view_11215906862479155835":["chunk_3.oc2Fne-Yrs4IrYIVd-nEgw","split_open_vault_view_11215906862479155835.p1pzVgB3jy9x7w18LCaUqw"],"vault_app_loader_8511732932652050578":["chunk_3.oc2Fne-Yrs4IrYIVd-nEgw","split_vault_app_loader_8511732932652050578.Jx8kllCQ4yChr8hkdA8tmQ"]}"#;

    #[test]
    fn an_island_needs_its_own_chunk_and_the_shared_ones_only() {
        let split =
            SplitChunks::from_manifest("pkg", "__wasm_split.TioC9fp4_hgoysD0iNbusA.js", MANIFEST)
                .unwrap();
        assert_eq!(
            split.of_island("vault_app"),
            [
                "/pkg/chunk_3.oc2Fne-Yrs4IrYIVd-nEgw.wasm",
                "/pkg/split_vault_app_loader_8511732932652050578.Jx8kllCQ4yChr8hkdA8tmQ.wasm",
            ]
        );
        assert_eq!(
            split.loader.as_deref(),
            Some("/pkg/__wasm_split.TioC9fp4_hgoysD0iNbusA.js")
        );
        // Not a lazy island's loader, nor a name that merely starts like one.
        assert!(split.of_island("open_vault").is_empty());
        assert!(split.of_island("vault").is_empty());
        assert!(SplitChunks::default().of_island("vault_app").is_empty());
    }

    #[test]
    fn a_manifest_that_is_not_one_is_refused() {
        assert!(SplitChunks::from_manifest("pkg", "x.js", "[1, 2]").is_err());
        assert!(SplitChunks::from_manifest("pkg", "x.js", "").is_err());
    }
}
