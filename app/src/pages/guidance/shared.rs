//! The plan with the counsellor: the pupil shares it with counsellors of her school (and takes
//! it back) and answers their recommendations, on `/orientation/plan`; a counsellor lists the
//! plans shared with them (`/orientation/eleves`), reads one (`/orientation/eleves/:id`) and
//! recommends a métier or a formation from its page, with a note. Each step is a line of the
//! pupil's journal.

use super::counsel::{CommentsSection, RecommendStepForm, RecommendedSteps};
use super::counsel_api::CounselRefusal;
use super::evidence::EvidenceList;
use super::item_href;
use super::shared_api::{
    get_shared_plan, get_shared_plans, recommend_problem_text, AnswerRecommendation, Recommend,
    RecommendState, SharePlan, SharedPlans, SharingData,
};
use super::texts::{guidance_texts, GuidanceTexts};
use crate::i18n::{texts, Lang};
use crate::pages::layout::{load_failure, Page};
use domain::guidance::plan::cohort::{Cohort, SMALLEST_GROUP};
use domain::guidance::plan::sharing::{Answer, Recommendation};
use domain::guidance::plan::year::WishChoice;
use domain::guidance::plan::{ItemId, NOTE_MAX_CHARS};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

fn item_label(item: ItemId, label: &str) -> String {
    if label.is_empty() {
        item.to_string()
    } else {
        label.to_owned()
    }
}

/// The counsellor's form on an item's page.
#[component]
pub fn RecommendBox(
    t: &'static GuidanceTexts,
    item: ItemId,
    state: Option<RecommendState>,
) -> impl IntoView {
    let Some(state) = state else {
        return ().into_any();
    };
    let send = ServerAction::<Recommend>::new();
    let (chosen, typed, problem) = match state.refused {
        Some((pupil, note, problem)) => (Some(pupil), note, Some(problem)),
        None => (None, String::new(), None),
    };
    view! {
        <section id="recommander" aria-labelledby="recommander-titre" class="card" data-testid="recommend-box">
            <h2 id="recommander-titre">{t.recommend_heading()}</h2>
            {state.sent_to.map(|name| view! { <p class="notice" role="status" data-testid="recommend-sent">{t.recommend_sent(name)}</p> })}
            {if state.pupils.is_empty() {
                view! { <p class="hint">{t.recommend_nobody()}</p> }.into_any()
            } else {
                view! {
                    <ActionForm action=send>
                        <input type="hidden" name="item" value=item.to_string()/>
                        <div class="field">
                            <label for="recommander-eleve">{t.recommend_pupil()}</label>
                            <select id="recommander-eleve" name="pupil" data-testid="recommend-pupil">
                                {state.pupils.into_iter().map(|(id, name)| view! {
                                    <option value=id.to_string() selected=chosen == Some(id)>{name}</option>
                                }).collect_view()}
                            </select>
                        </div>
                        <div class="field">
                            <label for="recommander-note">{t.recommend_note()}</label>
                            <textarea id="recommander-note" name="note" rows="3" maxlength=NOTE_MAX_CHARS.to_string()
                                aria-describedby=if problem.is_some() { "recommander-aide recommander-probleme" } else { "recommander-aide" }
                                aria-invalid=problem.is_some().then_some("true")>{typed}</textarea>
                            <p id="recommander-aide" class="hint">{t.recommend_note_hint(NOTE_MAX_CHARS)}</p>
                            {problem.map(|problem| view! {
                                <p id="recommander-probleme" class="field-error" role="alert" data-testid="recommend-problem">{recommend_problem_text(t, problem)}</p>
                            })}
                        </div>
                        <button type="submit" class="button button-primary" data-testid="recommend-send">{t.recommend_send()}</button>
                    </ActionForm>
                }
                .into_any()
            }}
        </section>
    }
    .into_any()
}

/// A recommendation's words: what, by whom, the note.
fn recommendation_body(t: &'static GuidanceTexts, r: &Recommendation) -> impl IntoView {
    let kind = match r.item {
        ItemId::Metier(_) => t.kind_metier(),
        ItemId::Formation(_) => t.kind_formation(),
    };
    let author = if r.author.is_empty() {
        t.recommend_author_gone().to_owned()
    } else {
        r.author.clone()
    };
    view! {
        <span class="badge">{kind}</span>" "
        <a href=item_href(r.item) lang="fr">{item_label(r.item, &r.label)}</a>
        {(!r.type_label.is_empty()).then(|| view! { <span class="hint" lang="fr">" · "{r.type_label.clone()}</span> })}
        <p class="hint">{t.recommended_by(author)}</p>
        {(!r.note.is_empty()).then(|| view! { <p class="prose">{r.note.clone()}</p> })}
    }
}

fn answer_text(t: &'static GuidanceTexts, answer: Option<Answer>) -> &'static str {
    match answer {
        None => t.recommendation_waiting(),
        Some(Answer::Accepted) => t.recommendation_accepted(),
        Some(Answer::Declined) => t.recommendation_declined(),
    }
}

/// On the pupil's plan: with whom she shares it, and what they recommended.
#[component]
pub fn SharingSection(t: &'static GuidanceTexts, data: SharingData) -> impl IntoView {
    let lang = t.lang;
    let share = ServerAction::<SharePlan>::new();
    let answer = ServerAction::<AnswerRecommendation>::new();
    view! {
        <section id="partage" aria-labelledby="partage-titre" class="card" data-testid="plan-sharing">
            <h2 id="partage-titre">{t.share_heading()}</h2>
            <p class="hint">{t.share_intro()}</p>
            {if data.people.is_empty() {
                view! { <p>{t.share_nobody()}</p> }.into_any()
            } else {
                view! {
                    <ul class="results">
                        {data.people.into_iter().map(|(person, on)| view! {
                            <li data-person=person.id.to_string()>
                                <span>{person.name.clone()}</span>" "
                                {on.then(|| view! { <span class="badge" data-testid="shared-on">{t.share_on()}</span> })}
                                <ActionForm action=share>
                                    <input type="hidden" name="person" value=person.id.to_string()/>
                                    {on.then(|| view! { <input type="hidden" name="stop" value="1"/> })}
                                    <button type="submit" class="button button-secondary" data-testid="share-toggle">
                                        {if on { t.share_stop() } else { t.share_start() }}
                                        <span class="visually-hidden">{texts(lang).colon_value(&person.name)}</span>
                                    </button>
                                </ActionForm>
                            </li>
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
        <section id="recommandations" aria-labelledby="recommandations-titre">
            <h2 id="recommandations-titre">{t.recommendations_heading()}</h2>
            {if data.recommendations.is_empty() && data.steps.is_empty() {
                view! { <p class="hint" data-testid="recommendations-none">{t.recommendations_none()}</p> }.into_any()
            } else if data.recommendations.is_empty() {
                ().into_any()
            } else {
                view! {
                    <ul class="results" data-testid="recommendations">
                        {data.recommendations.into_iter().map(|r| {
                            let id = r.id.to_string();
                            let label = item_label(r.item, &r.label);
                            let (accept_id, decline_id) = (id.clone(), id.clone());
                            let (accept_label, decline_label) = (label.clone(), label);
                            view! {
                                <li data-recommendation=id>
                                    {recommendation_body(t, &r)}
                                    <p><strong>{answer_text(t, r.answer)}</strong></p>
                                    {r.answer.is_none().then(|| view! {
                                        <div class="row-actions">
                                            <ActionForm action=answer>
                                                <input type="hidden" name="recommendation" value=accept_id/>
                                                <input type="hidden" name="answer" value="accepted"/>
                                                <button type="submit" class="button button-primary" data-testid="recommendation-accept">
                                                    {t.recommendation_accept()}<span class="visually-hidden" lang="fr">{texts(lang).colon_value(&accept_label)}</span>
                                                </button>
                                            </ActionForm>
                                            <ActionForm action=answer>
                                                <input type="hidden" name="recommendation" value=decline_id/>
                                                <input type="hidden" name="answer" value="declined"/>
                                                <button type="submit" class="button button-secondary" data-testid="recommendation-decline">
                                                    {t.recommendation_decline()}<span class="visually-hidden" lang="fr">{texts(lang).colon_value(&decline_label)}</span>
                                                </button>
                                            </ActionForm>
                                        </div>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
            {(!data.steps.is_empty()).then(|| view! {
                <h3>{t.step_recommendations_heading()}</h3>
                <RecommendedSteps t=t steps=data.steps answerable=true with_decision=true/>
            })}
        </section>
        <CommentsSection t=t comments=data.comments form=None/>
    }
}

/// `/orientation/eleves`: the plans shared with the counsellor.
#[component]
pub fn SharedPlansPage() -> impl IntoView {
    let plans = Resource::new_blocking(|| (), |_| get_shared_plans());
    view! {
        <Page title=|t| guidance_texts(t.lang).shared_plans_title().to_owned() let:viewer>
            <h1 id="titre-page">{guidance_texts(viewer.lang).shared_plans_title()}</h1>
            <p class="lead">{guidance_texts(viewer.lang).shared_plans_intro()}</p>
            <Suspense fallback=move || view! { <p>{texts(viewer.lang).loading()}</p> }>
                {move || Suspend::new(async move {
                    let t = guidance_texts(viewer.lang);
                    let SharedPlans { plans, cohort } = match plans.await {
                        Ok(plans) => plans,
                        Err(error) => return load_failure(texts(viewer.lang), error),
                    };
                    if plans.is_empty() {
                        return view! { <p data-testid="shared-plans-none">{t.shared_plans_none()}</p> }.into_any();
                    }
                    view! {
                        {cohort.map(|cohort| view! { <CohortView t=t cohort=cohort/> })}
                        <h2>{t.shared_plans_list()}</h2>
                        <ul class="results" data-testid="shared-plans">
                            {plans.into_iter().map(|plan| view! {
                                <li data-pupil=plan.pupil.to_string()>
                                    <a href=format!("/orientation/eleves/{}", plan.pupil)>{plan.name.clone()}</a>
                                    {plan.level.clone().map(|level| view! { <span class="hint">" · "{level}</span> })}
                                    <p class="hint">{t.shared_plan_counts(plan.favourites, plan.unanswered, plan.wishes)}</p>
                                </li>
                            }).collect_view()}
                        </ul>
                    }
                    .into_any()
                })}
            </Suspense>
        </Page>
    }
}

/// The counsellor's overview by level; small groups and rare domaines are not counted.
#[component]
fn CohortView(t: &'static GuidanceTexts, cohort: Cohort) -> impl IntoView {
    let lang = t.lang;
    view! {
        <section aria-labelledby="ensemble-titre" class="card" data-testid="cohort">
            <h2 id="ensemble-titre">{t.cohort_heading()}</h2>
            <p class="hint">{t.cohort_intro(SMALLEST_GROUP)}</p>
            <ul class="results">
                {cohort.groups.into_iter().map(|group| {
                    let level = group.level.clone().unwrap_or_else(|| t.cohort_no_level().to_owned());
                    view! {
                        <li data-level=group.level.clone().unwrap_or_default()>
                            <strong>{level}</strong>
                            {group.decision.map(|d| view! { <span class="hint">" · "{t.decision_title(d)}</span> })}
                            {match group.counts {
                                None => view! { <p class="hint" data-testid="cohort-hidden">{t.cohort_too_few(SMALLEST_GROUP)}</p> }.into_any(),
                                Some(counts) => view! {
                                    <p>{t.cohort_counts(counts.pupils, counts.with_steps, counts.with_wishes)}</p>
                                    {counts.next_deadline.map(|next| {
                                        let date = crate::i18n::school_date(next.date, lang);
                                        view! { <p data-testid="cohort-deadline">{t.cohort_unprepared(date, t.milestone(next.milestone), counts.unprepared)}</p> }
                                    })}
                                }.into_any(),
                            }}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <h3>{t.cohort_domaines()}</h3>
            {if cohort.domaines.is_empty() {
                view! { <p class="hint">{t.cohort_domaines_none(SMALLEST_GROUP)}</p> }.into_any()
            } else {
                view! {
                    <ul data-testid="cohort-domaines">
                        {cohort.domaines.into_iter().map(|(domaine, n)| view! { <li><span lang="fr">{domaine}</span>{texts(lang).colon_value(n)}</li> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}

fn wish_text(wish: &domain::guidance::plan::year::Wish) -> String {
    match (&wish.choice, wish.label.is_empty()) {
        (WishChoice::Formation(id), true) => id.to_string(),
        _ if wish.type_label.is_empty() => wish.label.clone(),
        _ => format!("{} ({})", wish.label, wish.type_label),
    }
}

/// `/orientation/eleves/:id`: a pupil's plan, read-only, for a counsellor she shares it with.
#[component]
pub fn SharedPlanPage() -> impl IntoView {
    let params = use_params_map();
    let pupil = move || params.with(|p| p.get("id").unwrap_or_default());
    let data = Resource::new_blocking(pupil, get_shared_plan);
    view! {
        <Page title=|t| guidance_texts(t.lang).shared_plan_title().to_owned() let:viewer>
            <Suspense fallback=move || view! { <p>{texts(viewer.lang).loading()}</p> }>
                {move || Suspend::new(async move {
                    let lang: Lang = viewer.lang;
                    let t = guidance_texts(lang);
                    let view_of = match data.await {
                        Ok(view_of) => view_of,
                        Err(error) => return load_failure(texts(lang), error),
                    };
                    let today = view_of.plan.today;
                    let pupil = view_of.pupil;
                    let can_recommend = view_of.can_recommend;
                    let (comment_refused, step_refused) = match view_of.refused.clone() {
                        Some(CounselRefusal::Comment { body, problem }) => (Some((body, problem)), None),
                        Some(CounselRefusal::Step { decision, label, due, problem }) => (None, Some((decision, label, due, problem))),
                        None => (None, None),
                    };
                    let recommended_steps = view_of.steps.clone();
                    let current = view_of.plan.current;
                    view! {
                        <p><a href="/orientation/eleves">{t.shared_plans_back()}</a></p>
                        <h1 id="titre-page" data-testid="shared-plan-title">{t.shared_plan_of(view_of.name.clone())}</h1>
                        {view_of.level.clone().map(|level| view! { <p class="lead">{level}</p> })}
                        <p class="hint">{t.shared_plan_intro()}</p>
                        <h2>{t.interests_heading()}</h2>
                        {if view_of.interests.is_empty() {
                            view! { <p class="hint">{t.shared_plan_nothing()}</p> }.into_any()
                        } else {
                            view! { <ul>{view_of.interests.into_iter().map(|d| view! { <li lang="fr">{d}</li> }).collect_view()}</ul> }.into_any()
                        }}
                        <h2>{t.favourite_heading()}</h2>
                        {if view_of.favourites.is_empty() {
                            view! { <p class="hint">{t.shared_plan_nothing()}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="results" data-testid="shared-favourites">
                                    {view_of.favourites.into_iter().map(|f| view! {
                                        <li>
                                            <a href=item_href(f.item) lang="fr">{item_label(f.item, &f.label)}</a>
                                            {(!f.note.is_empty()).then(|| view! { <p class="prose">{f.note.clone()}</p> })}
                                        </li>
                                    }).collect_view()}
                                </ul>
                            }
                            .into_any()
                        }}
                        {view_of.plan.decisions.into_iter()
                            // What she wrote or was recommended; and for a counsellor her
                            // grade's decision (every one when her class is unknown), to
                            // recommend a step in.
                            .filter(|d| {
                                !d.wishes.is_empty() || !d.steps.is_empty()
                                    || recommended_steps.iter().any(|r| r.decision == d.decision())
                                    || (can_recommend && current.is_none_or(|c| c == d.decision()))
                            })
                            .map(|d| {
                                let decision = d.decision();
                                let recommended: Vec<_> = recommended_steps.iter().filter(|r| r.decision == decision).cloned().collect();
                                let refused = step_refused.clone()
                                    .filter(|(on, ..)| *on == decision)
                                    .map(|(_, label, due, problem)| (label, due, problem));
                                view! {
                                    <section class="card" data-decision=decision.key()>
                                        <h2>{t.decision_title(decision)}</h2>
                                        {(!d.wishes.is_empty()).then(|| view! {
                                            <h3>{t.wishes_heading(d.wishes.len(), d.rules.wishes_max)}</h3>
                                            <ol class="wishes" data-testid="shared-wishes">
                                                {d.wishes.iter().map(|w| view! { <li><span lang="fr">{wish_text(w)}</span><EvidenceList t=t evidence=w.evidence.clone()/></li> }).collect_view()}
                                            </ol>
                                        })}
                                        {(!d.steps.is_empty()).then(|| view! {
                                            <h3>{t.steps_heading()}</h3>
                                            <ul class="steps">
                                                {d.steps.iter().map(|s| {
                                                    let late = !s.done && s.due.is_some_and(|due| due < today);
                                                    let status = if s.done { t.step_done() } else if late { t.step_late() } else { t.step_to_do() };
                                                    view! {
                                                        <li class=if s.done { "step done" } else { "step" }>
                                                            <span class="badge">{status}</span>" "<span>{s.label.clone()}</span>
                                                            {s.due.map(|due| view! { <span class="hint">" · "{t.step_due_on(crate::i18n::school_date(due, lang))}</span> })}
                                                        </li>
                                                    }
                                                }).collect_view()}
                                            </ul>
                                        })}
                                        {(!recommended.is_empty()).then(|| view! {
                                            <h3>{t.step_recommendations_heading()}</h3>
                                            <RecommendedSteps t=t steps=recommended answerable=false with_decision=false/>
                                        })}
                                        {can_recommend.then(|| view! { <RecommendStepForm t=t pupil=pupil decision=decision refused=refused/> })}
                                    </section>
                                }
                            }).collect_view()}
                        <h2>{t.recommendations_heading()}</h2>
                        {view_of.can_recommend.then(|| view! { <p><a href="/orientation">{t.recommend_search()}</a></p> })}
                        {if view_of.recommendations.is_empty() {
                            view! { <p class="hint">{t.recommendations_none()}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="results" data-testid="shared-recommendations">
                                    {view_of.recommendations.iter().map(|r| view! {
                                        <li>{recommendation_body(t, r)}<p><strong>{answer_text(t, r.answer)}</strong></p></li>
                                    }).collect_view()}
                                </ul>
                            }
                            .into_any()
                        }}
                        <CommentsSection t=t comments=view_of.comments form=can_recommend.then_some((pupil, comment_refused))/>
                    }
                    .into_any()
                })}
            </Suspense>
        </Page>
    }
}
