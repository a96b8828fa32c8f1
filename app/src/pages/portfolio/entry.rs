//! `/portfolio/entrees/:id`: one entry, whole, with its competences; edit and delete.

use super::texts::portfolio_texts;
use super::{get_entry, DeleteEntry, EvidenceSettings};
use crate::components::{entry_dates, CompetenceChips, EvidenceItem};
use crate::i18n::human_size;
use crate::i18n::{texts, Lang};
use crate::pages::layout::{load_failure, Page};
use domain::portfolio::evidence::{EvidenceView, MediaType, Refusal};
use domain::portfolio::EntryView;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The `:id` of the route, if it is a number (anything else is a missing entry).
pub fn entry_id_param() -> Memo<Option<domain::portfolio::EntryId>> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|p| p.get("id").and_then(|id| id.parse().ok())))
}

#[component]
pub fn EntryPage() -> impl IntoView {
    let id = entry_id_param();
    // One resource for the whole page (entry, files, comments): a comment reloads it.
    let post = ServerAction::<super::feedback::PostComment>::new();
    let entry = Resource::new_blocking(
        move || (id.get(), post.version().get()),
        |(id, _)| async move {
            match id {
                Some(id) => get_entry(id).await,
                None => Err(crate::error::PortalError::NotFound),
            }
        },
    );
    view! {
        <Page title=|t| portfolio_texts(t.lang).title().to_owned() let:viewer>
            <Suspense fallback=move || view! { <p>{texts(viewer.lang).loading()}</p> }>
                {move || Suspend::new(async move {
                    let t = texts(viewer.lang);
                    match entry.await {
                        Ok(data) => view! {
                            <EntryDetail lang=viewer.lang entry=data.entry limits=data.evidence_limits feedback=data.feedback post=post/>
                        }.into_any(),
                        Err(error) => view! {
                            <h1 id="titre-page">{portfolio_texts(viewer.lang).title()}</h1>
                            {load_failure(t, error)}
                            <p><a href="/portfolio">{portfolio_texts(viewer.lang).back_to_portfolio()}</a></p>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
}

#[component]
fn EntryDetail(
    lang: Lang,
    entry: EntryView,
    limits: EvidenceSettings,
    feedback: super::feedback::EntryFeedback,
    post: ServerAction<super::feedback::PostComment>,
) -> impl IntoView {
    let pt = portfolio_texts(lang);
    let delete_action = ServerAction::<DeleteEntry>::new();
    let id = entry.id.get();
    let dates = entry_dates(&entry, pt, lang);
    view! {
        <p class="breadcrumb"><a href="/portfolio">{pt.back_to_portfolio()}</a></p>
        <article class="entry" data-testid="entry" aria-labelledby="titre-page">
            <h1 id="titre-page">{entry.title.clone()}</h1>
            <p class="entry-meta">
                <span class="entry-kind">{portfolio_texts(lang).entry_kind(entry.kind)}</span>
                <span data-testid="entry-dates">{dates}</span>
                {(!entry.place.is_empty()).then(|| view! { <span>{entry.place.clone()}</span> })}
            </p>
            {(!entry.description.is_empty()).then(|| view! {
                <section aria-labelledby="ce-que-j-ai-fait">
                    <h2 id="ce-que-j-ai-fait">{pt.description()}</h2>
                    <p class="prose" data-testid="entry-description">{entry.description.clone()}</p>
                </section>
            })}
            {(!entry.reflection.is_empty()).then(|| view! {
                <section aria-labelledby="ce-que-j-ai-appris">
                    <h2 id="ce-que-j-ai-appris">{pt.what_i_learned()}</h2>
                    <p class="prose" data-testid="entry-reflection">{entry.reflection.clone()}</p>
                </section>
            })}
            <section aria-labelledby="competences-entree">
                <h2 id="competences-entree">{pt.competences()}</h2>
                <CompetenceChips pt=pt lang=lang links=entry.competences.clone()/>
            </section>
            <EvidenceSection lang=lang entry_id=id evidence=entry.evidence.clone() limits=limits/>
            <super::feedback::EntryFeedbackSection lang=lang entry=id feedback=feedback post=post/>
        </article>
        <div class="actions">
            <a class="button" href=format!("/portfolio/entrees/{id}/modifier")>{pt.edit()}</a>
            <details class="danger-zone">
                <summary>{pt.delete()}</summary>
                <p>{pt.delete_confirm_intro()}</p>
                <ActionForm action=delete_action>
                    <input type="hidden" name="id" value=id.to_string()/>
                    <button type="submit" class="button button-danger" data-testid="delete-entry">
                        {pt.delete_confirm()}
                    </button>
                </ActionForm>
            </details>
        </div>
    }
}

/// The entry's evidence: each file shown as what it is, removable; the upload form (plain
/// multipart, so it works without JavaScript); what became of the last upload.
#[component]
fn EvidenceSection(
    lang: Lang,
    entry_id: i64,
    evidence: Vec<EvidenceView>,
    limits: EvidenceSettings,
) -> impl IntoView {
    let pt = portfolio_texts(lang);
    let query = use_query_map();
    let max_size = human_size(i64::try_from(limits.max_bytes).unwrap_or(i64::MAX), lang);
    let hint = pt.evidence_hint(&max_size);
    let outcome = move || {
        query.with(|q| {
            if let Some(code) = q.get("preuve_refusee") {
                let refusal = Refusal::from_code(&code).unwrap_or(Refusal::UnknownType);
                let message = pt.refusal(refusal, &max_size, limits.max_per_entry);
                Some(view! { <p class="field-error" role="alert" data-testid="evidence-refused">{message}</p> }.into_any())
            } else {
                match q.get("preuve").as_deref() {
                    Some("ajoutee") => Some(view! { <p class="notice" role="status">{pt.evidence_added()}</p> }.into_any()),
                    Some("supprimee") => Some(view! { <p class="notice" role="status">{pt.evidence_removed()}</p> }.into_any()),
                    _ => None,
                }
            }
        })
    };
    let full = evidence.len() as u64 >= limits.max_per_entry;
    view! {
        <section id="preuves" aria-labelledby="preuves-titre" class="evidence">
            <h2 id="preuves-titre">{pt.evidence_title()}</h2>
            {outcome}
            {if evidence.is_empty() {
                view! { <p class="muted">{pt.evidence_none()}</p> }.into_any()
            } else {
                view! {
                    <ul class="evidence-list" data-testid="evidence">
                        {evidence
                            .into_iter()
                            .map(|file| view! { <EvidenceItem lang=lang file=file/> })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            }}
            {(!full).then(|| view! {
                <form
                    method="post"
                    action=format!("/portfolio/entrees/{entry_id}/preuves")
                    enctype="multipart/form-data"
                    class="evidence-form"
                >
                    <div class="field">
                        <label for="preuve-fichier">{pt.evidence_file_label()}</label>
                        <p class="hint" id="preuve-fichier-aide">{hint.clone()}</p>
                        <input
                            id="preuve-fichier"
                            type="file"
                            name="fichier"
                            accept=MediaType::accept_attribute()
                            aria-describedby="preuve-fichier-aide"
                            required=true
                        />
                    </div>
                    <button type="submit" class="button" data-testid="upload-evidence">{pt.evidence_upload()}</button>
                </form>
            })}
        </section>
    }
}
