#![recursion_limit = "256"]

// The islands are compiled from `app`; this reference keeps them linked into this crate's WASM
// (without it the loader finds no island functions: leptos-rs/leptos#2083).
#[allow(unused_imports)]
use app::*;

/// Called by Leptos's island loader, before it hydrates the page's islands.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    // Each island says when it is hydrated (app::components::island_hydrated).
}
