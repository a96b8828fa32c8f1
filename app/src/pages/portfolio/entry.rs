//! `/portfolio/entrees/:id`: one entry, whole, with its competences; edit and delete.

use super::texts::portfolio_texts;
use super::{entry_dates, get_entry, CompetenceChips, DeleteEntry};
use crate::i18n::{texts, Lang};
use crate::pages::layout::{load_failure, Page};
use domain::portfolio::EntryView;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The `:id` of the route, if it is a number (anything else is a missing entry).
pub fn entry_id_param() -> Memo<Option<i64>> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|p| p.get("id").and_then(|id| id.parse().ok())))
}

#[component]
pub fn EntryPage() -> impl IntoView {
    let id = entry_id_param();
    let entry = Resource::new_blocking(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => get_entry(id).await,
                None => Err(crate::error::PortalError::NotFound),
            }
        },
    );
    view! {
        <Page title=|t| portfolio_texts(t.lang).title.to_owned() let:viewer>
            <Suspense fallback=move || view! { <p>{texts(viewer.lang).loading}</p> }>
                {move || Suspend::new(async move {
                    let t = texts(viewer.lang);
                    match entry.await {
                        Ok((entry, _)) => view! { <EntryDetail lang=viewer.lang entry=entry/> }.into_any(),
                        Err(error) => view! {
                            <h1 id="titre-page">{portfolio_texts(viewer.lang).title}</h1>
                            {load_failure(t, error)}
                            <p><a href="/portfolio">{portfolio_texts(viewer.lang).back_to_portfolio}</a></p>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
}

#[component]
fn EntryDetail(lang: Lang, entry: EntryView) -> impl IntoView {
    let pt = portfolio_texts(lang);
    let delete_action = ServerAction::<DeleteEntry>::new();
    let id = entry.id.get();
    let dates = entry_dates(&entry, pt, lang);
    view! {
        <p class="breadcrumb"><a href="/portfolio">{pt.back_to_portfolio}</a></p>
        <article class="entry" data-testid="entry" aria-labelledby="titre-page">
            <h1 id="titre-page">{entry.title.clone()}</h1>
            <p class="entry-meta">
                <span class="entry-kind">{entry.kind.label(lang)}</span>
                <span data-testid="entry-dates">{dates}</span>
                {(!entry.place.is_empty()).then(|| view! { <span>{entry.place.clone()}</span> })}
            </p>
            {(!entry.description.is_empty()).then(|| view! {
                <section aria-labelledby="ce-que-j-ai-fait">
                    <h2 id="ce-que-j-ai-fait">{pt.description}</h2>
                    <p class="prose" data-testid="entry-description">{entry.description.clone()}</p>
                </section>
            })}
            {(!entry.reflection.is_empty()).then(|| view! {
                <section aria-labelledby="ce-que-j-ai-appris">
                    <h2 id="ce-que-j-ai-appris">{pt.what_i_learned}</h2>
                    <p class="prose" data-testid="entry-reflection">{entry.reflection.clone()}</p>
                </section>
            })}
            <section aria-labelledby="competences-entree">
                <h2 id="competences-entree">{pt.competences}</h2>
                <CompetenceChips pt=pt lang=lang links=entry.competences.clone()/>
            </section>
        </article>
        <div class="actions">
            <a class="button" href=format!("/portfolio/entrees/{id}/modifier")>{pt.edit}</a>
            <details class="danger-zone">
                <summary>{pt.delete}</summary>
                <p>{pt.delete_confirm_intro}</p>
                <ActionForm action=delete_action>
                    <input type="hidden" name="id" value=id.to_string()/>
                    <button type="submit" class="button button-danger" data-testid="delete-entry">
                        {pt.delete_confirm}
                    </button>
                </ActionForm>
            </details>
        </div>
    }
}
