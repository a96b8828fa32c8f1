//! A pupil's guidance plan on a page she shows (link, counsellor, guardian): what she chose and
//! wrote, read-only. `domain::guidance::plan::on_page` decides what is in it.

use crate::i18n::{school_date, Lang};
use crate::pages::guidance::texts::guidance_texts;
use crate::pages::guidance::ODBL_URL;
use domain::guidance::plan::on_page::PlanOnPage;
use domain::guidance::plan::ItemId;
use leptos::prelude::*;

/// The plan as a section of a shared page.
#[component]
pub fn SharedGuidancePlan(lang: Lang, plan: PlanOnPage) -> impl IntoView {
    let t = guidance_texts(lang);
    let empty = plan.is_empty();
    view! {
        <section class="shared-plan" aria-labelledby="projet-partage" data-testid="page-plan">
            <h2 id="projet-partage">{t.plan_on_page_title()}</h2>
            {empty.then(|| view! { <p>{t.plan_on_page_empty()}</p> })}
            {(!plan.interests.is_empty()).then(|| view! {
                <h3>{t.interests_heading()}</h3>
                <ul>{plan.interests.into_iter().map(|d| view! { <li lang="fr">{d}</li> }).collect_view()}</ul>
            })}
            {(!plan.favourites.is_empty()).then(|| view! {
                <h3>{t.favourite_heading()}</h3>
                <ul class="results" data-testid="page-plan-favourites">
                    {plan.favourites.into_iter().map(|f| {
                        let kind = match f.item {
                            ItemId::Metier(_) => t.kind_metier(),
                            ItemId::Formation(_) => t.kind_formation(),
                        };
                        let label = if f.label.is_empty() { f.item.to_string() } else { f.label.clone() };
                        view! {
                            <li>
                                <span class="badge">{kind}</span>" "<span lang="fr">{label}</span>
                                {(!f.type_label.is_empty()).then(|| view! { <span class="hint" lang="fr">" · "{f.type_label.clone()}</span> })}
                                {f.withdrawn.then(|| view! { <p class="hint">{t.withdrawn()}</p> })}
                                {(!f.note.is_empty()).then(|| view! { <p class="prose">{f.note.clone()}</p> })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
            {plan.decisions.into_iter().map(|d| view! {
                <h3>{t.decision_title(d.decision)}</h3>
                {(!d.wishes.is_empty()).then(|| view! {
                    <p>{t.plan_on_page_wishes()}</p>
                    <ol class="wishes" data-testid="page-plan-wishes">
                        {d.wishes.into_iter().map(|w| view! {
                            <li>
                                <span lang="fr">{if w.type_label.is_empty() { w.label } else { format!("{} ({})", w.label, w.type_label) }}</span>
                                {w.withdrawn.then(|| view! { <p class="hint">{t.withdrawn()}</p> })}
                            </li>
                        }).collect_view()}
                    </ol>
                })}
                {(!d.steps.is_empty()).then(|| view! {
                    <p>{t.steps_heading()}</p>
                    <ul class="steps">
                        {d.steps.into_iter().map(|s| view! {
                            <li class=if s.done { "step done" } else { "step" }>
                                <span class="badge">{if s.done { t.step_done() } else { t.step_to_do() }}</span>" "<span>{s.label}</span>
                                {s.due.map(|due| view! { <span class="hint">" · "{t.step_due_on(school_date(due, lang))}</span> })}
                            </li>
                        }).collect_view()}
                    </ul>
                })}
            }).collect_view()}
            {(!empty).then(|| view! {
                <p class="source">{t.source()}" "<a href=ODBL_URL rel="license external">{t.licence()}</a></p>
            })}
        </section>
    }
}
