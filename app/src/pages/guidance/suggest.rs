//! Suggestions as the pupil types in `/orientation`'s search box: an island around the box.
//! Without JavaScript the box is the plain GET form's field, as the server renders it; with it,
//! from the second letter, the first métiers and formations the search finds are listed under
//! the box as links (a list of links, not a combobox: Tab reaches them, nothing to learn), and a
//! polite status says how many. Its words come as props: the catalogue stays on the server.
//! The page names the island's chunks (`PreloadLazyIsland`) so that a slow link fetches them
//! with the module, not after it.

use crate::components::island_hydrated;
use domain::guidance::search::MAX_QUERY_CHARS;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// Suggestions listed under the box.
pub const SUGGESTIONS: usize = 6;

/// One suggestion: where it leads and what it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub href: String,
    pub label: String,
    /// `metier` or `formation`.
    pub kind: String,
}

/// The first métiers and formations a search finds: what the box lists. A GET (the island
/// fetches it as the pupil types; it changes nothing).
#[server(prefix = "/api", endpoint = "guidance_suggest", input = GetUrl)]
pub async fn suggest_guidance(q: String) -> Result<Vec<Suggestion>, crate::error::PortalError> {
    use domain::guidance::search::{Kind, Search};
    let crate::ssr::SignedIn { portal, .. } =
        crate::ssr::SignedIn::acting(domain::policy::Action::ExploreGuidance).await?;
    if q.chars().count() > MAX_QUERY_CHARS {
        return Err(crate::error::PortalError::BadRequest("q".to_owned()));
    }
    let index = portal
        .guidance_index
        .current(&portal.db)
        .await
        .map_err(domain::guidance::GuidanceError::from)?;
    let search = Search {
        text: q,
        ..Search::default()
    };
    let found = index
        .search(&search, SUGGESTIONS)
        .map_err(domain::guidance::GuidanceError::from)?;
    Ok(found
        .hits
        .into_iter()
        .map(|hit| Suggestion {
            href: match hit.kind {
                Kind::Metier => super::metier_href(&hit.id),
                Kind::Formation => super::formation_href(&hit.id),
            },
            label: hit.label,
            kind: hit.kind.code().to_owned(),
        })
        .collect())
}

/// The box's words, in the reader's language (the island has no catalogue).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuggestWords {
    pub label: String,
    pub hint: String,
    /// « Suggestions », the list's name.
    pub list: String,
    pub metier: String,
    pub formation: String,
}

/// The search box, suggesting as the pupil types. Lazy: its code is a chunk of its own
/// (`--split`) that this page fetches with the island module, so the other pages' islands
/// (the vault's first screen above all) do not carry it.
#[island(lazy)]
pub fn SuggestingSearchBox(value: String, words: SuggestWords) -> impl IntoView {
    let suggestions = RwSignal::new(Vec::<Suggestion>::new());
    // Each keystroke's request has a number; an answer to an older one is dropped.
    let asked = StoredValue::new(0_u32);
    Effect::new(|_| island_hydrated());
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        asked.update_value(|n| *n = n.wrapping_add(1));
        let mine = asked.get_value();
        if text.trim().chars().count() < 2 {
            suggestions.set(Vec::new());
            return;
        }
        // A pause in the typing, then one request: not one a keystroke on a slow link.
        set_timeout(
            move || {
                if asked.get_value() == mine {
                    fetch(text, mine, asked, suggestions);
                }
            },
            std::time::Duration::from_millis(180),
        );
    };
    let SuggestWords {
        label,
        hint,
        list,
        metier,
        formation,
    } = words;
    let status_list = list.clone();
    view! {
        <div class="field suggesting">
            <label for="orientation-q">{label}</label>
            <input id="orientation-q" name="q" type="search" value=value
                maxlength=MAX_QUERY_CHARS.to_string() autocomplete="off"
                aria-describedby="orientation-q-aide" on:input=on_input/>
            <p id="orientation-q-aide" class="hint">{hint}</p>
            <p role="status" class="visually-hidden" data-testid="guidance-suggestions-status">
                {move || {
                    let count = suggestions.with(Vec::len);
                    if count == 0 { String::new() } else { format!("{status_list} ({count})") }
                }}
            </p>
            <ul class="suggestions" aria-label=list data-testid="guidance-suggestions"
                hidden=move || suggestions.with(Vec::is_empty)>
                {move || suggestions
                    .get()
                    .into_iter()
                    .map(|s| {
                        let kind = if s.kind == "metier" { metier.clone() } else { formation.clone() };
                        view! {
                            <li><a href=s.href lang="fr">{s.label}</a>" "<span class="hint">{kind}</span></li>
                        }
                    })
                    .collect_view()}
            </ul>
        </div>
    }
}

fn fetch(text: String, mine: u32, asked: StoredValue<u32>, suggestions: RwSignal<Vec<Suggestion>>) {
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(async move {
        // A failed request leaves the list as it was: the form still works.
        if let Ok(found) = get_suggestions(&text).await {
            if asked.get_value() == mine {
                suggestions.set(found);
            }
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (text, mine, asked, suggestions);
}

#[cfg(feature = "hydrate")]
async fn get_suggestions(text: &str) -> Result<Vec<Suggestion>, wasm_bindgen::JsValue> {
    use js_sys::{Function, Object, Promise, Reflect};
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    let get = |target: &JsValue, key: &str| Reflect::get(target, &JsValue::from_str(key));
    let global = js_sys::global();
    let fetch: Function = get(&global, "fetch")?.dyn_into()?;
    let init = Object::new();
    Reflect::set(&init, &"credentials".into(), &"same-origin".into())?;
    let headers = Object::new();
    Reflect::set(&headers, &"accept".into(), &"application/json".into())?;
    Reflect::set(&init, &"headers".into(), &headers)?;
    let query: String = js_sys::encode_uri_component(text).into();
    let url = format!("/api/guidance_suggest?q={query}");
    let promise: Promise = fetch.call2(&global, &url.into(), &init)?.dyn_into()?;
    let response = JsFuture::from(promise).await?;
    if get(&response, "ok")?.as_bool() != Some(true) {
        return Err(JsValue::NULL);
    }
    let body: Function = get(&response, "text")?.dyn_into()?;
    let promise: Promise = body.call0(&response)?.dyn_into()?;
    let text = JsFuture::from(promise)
        .await?
        .as_string()
        .unwrap_or_default();
    serde_json::from_str(&text).map_err(|_| JsValue::NULL)
}
