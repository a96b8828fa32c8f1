//! The scripts that make a page's islands interactive, on the pages that have islands only.
//!
//! Pages are server-rendered HTML that works without JavaScript; the few parts that JavaScript
//! improves are `#[island]`s. Leptos's loader fetches the WASM that holds the islands, so a page
//! without islands should not name it at all: the shell leaves the scripts out, and a page with
//! islands puts **one** `<IslandScripts/>` after them (two would hydrate its islands twice).
//! It is rendered where the island is, not decided by a per-request flag: a server render may
//! build a view more than once (Suspense's dry run) and keep the last.

use leptos::prelude::*;

/// The island loader: once per page, after its islands.
#[component]
pub fn IslandScripts() -> impl IntoView {
    use_context::<LeptosOptions>().map(|options| view! { <HydrationScripts options islands=true/> })
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
