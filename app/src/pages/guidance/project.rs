//! « Mon projet d'orientation » (`/orientation/projet`): the pupil's favourite métiers and
//! formations with their notes; and the favourite form of a métier's or formation's page.
//! Pupils' data, the pupil's alone (no one else reads it until sharing comes).

use super::item_href;
use super::texts::{guidance_texts, GuidanceTexts};
use crate::error::PortalError;
use crate::i18n::texts;
use crate::pages::layout::{load_failure, Page};
use domain::guidance::plan::{Favourite, ItemId, NOTE_MAX_CHARS};
use domain::guidance::strengths::Evidence;
use domain::guidance::suggest::{Reason, Suggestion};
use leptos::form::ActionForm;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[cfg(feature = "ssr")]
const REFUSED_FAVOURITE: &str = "favourite";

/// Why a favourite form was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FavouriteProblem {
    NoteTooLong { max: usize },
    TooMany { max: usize },
}

/// What became of a favourite form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FavouriteOutcome {
    Saved,
    Refused(FavouriteProblem),
}

/// The favourite form of an item's page, for its reader.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FavouriteState {
    /// Whether the reader keeps a plan (pupils do).
    pub can_plan: bool,
    /// The pupil's note, when the item is one of their favourites.
    pub note: Option<String>,
    /// A form refused on this item: what was typed, and why.
    pub refused: Option<(String, FavouriteProblem)>,
    /// A counsellor's form to recommend the item to a pupil who shares her plan with them.
    pub recommend: Option<super::shared_api::RecommendState>,
}

#[server(prefix = "/api", endpoint = "guidance_favourite_state")]
pub async fn get_favourite_state(item: String) -> Result<FavouriteState, PortalError> {
    let me = crate::ssr::SignedIn::from_request().await?;
    let item = ItemId::parse(&item).ok_or(PortalError::NotFound)?;
    if !me.allowed(domain::policy::Action::PlanOwnGuidance) {
        return Ok(FavouriteState {
            can_plan: false,
            note: None,
            refused: None,
            recommend: super::shared_api::recommend_state(&me, item).await?,
        });
    }
    let crate::ssr::SignedIn {
        portal,
        account,
        session,
    } = me;
    let refused: Option<(String, String, FavouriteProblem)> =
        crate::ssr::flash_take(&session, REFUSED_FAVOURITE).await;
    Ok(FavouriteState {
        can_plan: true,
        note: domain::guidance::plan::store::favourite_note(&portal.db, account.id, item).await?,
        refused: refused
            .filter(|(on, ..)| *on == item.to_string())
            .map(|(_, note, problem)| (note, problem)),
        recommend: None,
    })
}

#[server(prefix = "/api", endpoint = "guidance_favourite_save")]
pub async fn save_favourite(item: String, note: String) -> Result<FavouriteOutcome, PortalError> {
    use domain::guidance::plan::store::{self, PlanError};
    use domain::guidance::plan::{FavouriteNote, NoteProblem, FAVOURITES_MAX};
    // Taken before the first await: the request's context is not always reachable after it.
    let plain_form = crate::ssr::without_javascript();
    let crate::ssr::SignedIn {
        portal,
        account,
        session,
    } = crate::ssr::SignedIn::acting(domain::policy::Action::PlanOwnGuidance).await?;
    let item = ItemId::parse(&item).ok_or(PortalError::NotFound)?;
    let problem = match FavouriteNote::parse(&note) {
        Err(NoteProblem::TooLong { max }) => Some(FavouriteProblem::NoteTooLong { max }),
        Ok(parsed) => match store::save_favourite(&portal.db, account.id, item, &parsed).await {
            Ok(()) => None,
            Err(PlanError::TooMany) => Some(FavouriteProblem::TooMany {
                max: FAVOURITES_MAX,
            }),
            Err(other) => return Err(other.into()),
        },
    };
    let back = format!("{}#favori", item_href(item));
    match problem {
        None => {
            leptos_axum::redirect(&back);
            Ok(FavouriteOutcome::Saved)
        }
        Some(problem) if plain_form => {
            // The page shows the problem next to the field, with what was typed.
            crate::ssr::flash_put(
                &session,
                REFUSED_FAVOURITE,
                &(item.to_string(), note, problem),
            )
            .await?;
            leptos_axum::redirect(&back);
            Ok(FavouriteOutcome::Refused(problem))
        }
        // A caller that is not the page's form (an API client) reads why, with a 400.
        Some(problem) => Err(PortalError::BadRequest(
            crate::i18n::Bilingual::of(|lang| problem_text(guidance_texts(lang), problem))
                .to_string(),
        )),
    }
}

#[server(prefix = "/api", endpoint = "guidance_favourite_remove")]
pub async fn remove_favourite(
    item: String,
    from_project: Option<String>,
) -> Result<(), PortalError> {
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(domain::policy::Action::PlanOwnGuidance).await?;
    let item = ItemId::parse(&item).ok_or(PortalError::NotFound)?;
    domain::guidance::plan::store::remove_favourite(&portal.db, account.id, item).await?;
    leptos_axum::redirect(&match from_project {
        Some(_) => "/orientation/projet".to_owned(),
        None => format!("{}#favori", item_href(item)),
    });
    Ok(())
}

/// « Mon projet »: what the pupil likes, what Sillage suggests from it and why, what she
/// dismissed, and her favourites.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectData {
    pub favourites: Vec<Favourite>,
    /// The domaines she chose, and all those she may choose from.
    pub interests: Vec<String>,
    pub domaines: Vec<String>,
    pub suggestions: Vec<Suggestion>,
    pub dismissed: Vec<(ItemId, String)>,
}

#[server(prefix = "/api", endpoint = "guidance_project")]
pub async fn get_my_project() -> Result<ProjectData, PortalError> {
    use domain::guidance::plan::store;
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(domain::policy::Action::PlanOwnGuidance).await?;
    let (db, me) = (&portal.db, account.id);
    Ok(ProjectData {
        favourites: store::favourites(db, me).await?,
        interests: store::interests(db, me).await?,
        domaines: store::onisep_domaines(db).await?,
        suggestions: store::suggestions(db, me, domain::guidance::suggest::SUGGESTIONS_SHOWN)
            .await?,
        dismissed: store::dismissed(db, me).await?,
    })
}

/// The domaines ticked in the interests form (`interests[<domaine>]=on`; none ticked, none
/// sent).
#[server(prefix = "/api", endpoint = "guidance_interests")]
pub async fn save_interests(
    interests: Option<BTreeMap<String, String>>,
) -> Result<(), PortalError> {
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(domain::policy::Action::PlanOwnGuidance).await?;
    let chosen: Vec<String> = interests.unwrap_or_default().into_keys().collect();
    domain::guidance::plan::store::save_interests(&portal.db, account.id, &chosen).await?;
    leptos_axum::redirect("/orientation/projet#suggestions");
    Ok(())
}

/// « Ne plus voir » a suggestion (`restore`: see it again).
#[server(prefix = "/api", endpoint = "guidance_dismiss")]
pub async fn dismiss_suggestion(item: String, restore: Option<String>) -> Result<(), PortalError> {
    use domain::guidance::plan::store;
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(domain::policy::Action::PlanOwnGuidance).await?;
    let item = ItemId::parse(&item).ok_or(PortalError::NotFound)?;
    match restore {
        Some(_) => store::restore(&portal.db, account.id, item).await?,
        None => store::dismiss(&portal.db, account.id, item).await?,
    }
    leptos_axum::redirect("/orientation/projet#suggestions");
    Ok(())
}

fn reason_text(t: &'static GuidanceTexts, reason: &Reason) -> String {
    match reason {
        Reason::ChosenDomaine { domaine } => t.reason_chosen_domaine(domaine),
        Reason::NearFavourite {
            favourite,
            sous_domaine,
        } => t.reason_near_favourite(favourite, sous_domaine),
        Reason::Strength {
            competence,
            evidence,
        } => {
            use crate::i18n::Named;
            let name = domain::portfolio::frameworks::Frameworks::shipped()
                .find(competence)
                .map(|(_, found)| found.name(t.lang).to_owned())
                .unwrap_or_else(|| competence.to_string());
            match evidence {
                Evidence::Portfolio { entry } => t.reason_portfolio(name, entry),
                Evidence::Pix { level } => t.reason_pix(name, level),
            }
        }
    }
}

#[component]
fn Interests(
    t: &'static GuidanceTexts,
    domaines: Vec<String>,
    chosen: Vec<String>,
) -> impl IntoView {
    let save = ServerAction::<SaveInterests>::new();
    view! {
        <section aria-labelledby="interets" class="card">
            <h2 id="interets">{t.interests_heading()}</h2>
            <ActionForm action=save>
                <fieldset class="plain">
                    <legend class="hint">{t.interests_intro()}</legend>
                    <ul class="choices interests" data-testid="interests">
                        {domaines.into_iter().enumerate().map(|(n, domaine)| {
                            let id = format!("interet-{n}");
                            let checked = chosen.contains(&domaine);
                            view! {
                                <li>
                                    <input type="checkbox" id=id.clone() name=format!("interests[{domaine}]") value="on" checked=checked/>
                                    " "<label for=id lang="fr">{domaine.clone()}</label>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </fieldset>
                <button type="submit" class="button button-primary" data-testid="interests-save">{t.interests_save()}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn Suggestions(
    t: &'static GuidanceTexts,
    suggestions: Vec<Suggestion>,
    dismissed: Vec<(ItemId, String)>,
) -> impl IntoView {
    let dismiss = ServerAction::<DismissSuggestion>::new();
    view! {
        <section id="suggestions" aria-labelledby="suggestions-titre">
            <h2 id="suggestions-titre">{t.suggestions_heading()}</h2>
            <p class="hint">{t.suggestions_intro()}</p>
            {if suggestions.is_empty() {
                view! { <p data-testid="suggestions-none">{t.suggestions_none()}</p> }.into_any()
            } else {
                view! {
                    <ul class="results" data-testid="suggestions">
                        {suggestions.into_iter().map(|s| {
                            let kind = match s.item {
                                ItemId::Metier(_) => t.kind_metier(),
                                ItemId::Formation(_) => t.kind_formation(),
                            };
                            view! {
                                <li data-item=s.item.to_string()>
                                    <span class="badge">{kind}</span>" "
                                    <a href=item_href(s.item) lang="fr">{s.label.clone()}</a>
                                    {(!s.type_label.is_empty()).then(|| view! { <span class="hint" lang="fr">" · "{s.type_label.clone()}</span> })}
                                    <ul class="reasons" data-testid="suggestion-reasons">
                                        {s.reasons.iter().map(|r| view! { <li>{reason_text(t, r)}</li> }).collect_view()}
                                    </ul>
                                    <ActionForm action=dismiss>
                                        <input type="hidden" name="item" value=s.item.to_string()/>
                                        <button type="submit" class="button button-secondary" data-testid="suggestion-dismiss">{t.suggestion_dismiss()}</button>
                                    </ActionForm>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
            {(!dismissed.is_empty()).then(|| view! {
                <details class="filters" data-testid="dismissed">
                    <summary>{t.dismissed_heading(dismissed.len())}</summary>
                    <ul class="results">
                        {dismissed.into_iter().map(|(item, label)| view! {
                            <li>
                                <a href=item_href(item) lang="fr">{if label.is_empty() { item.to_string() } else { label }}</a>
                                <ActionForm action=dismiss>
                                    <input type="hidden" name="item" value=item.to_string()/>
                                    <input type="hidden" name="restore" value="1"/>
                                    <button type="submit" class="button button-secondary">{t.suggestion_restore()}</button>
                                </ActionForm>
                            </li>
                        }).collect_view()}
                    </ul>
                </details>
            })}
        </section>
    }
}

fn problem_text(t: &'static GuidanceTexts, problem: FavouriteProblem) -> String {
    match problem {
        FavouriteProblem::NoteTooLong { max } => t.favourite_note_too_long(max),
        FavouriteProblem::TooMany { max } => t.favourite_too_many(max),
    }
}

/// The favourite form of a métier's or formation's page (pupils only).
#[component]
pub fn FavouriteBox(
    t: &'static GuidanceTexts,
    item: ItemId,
    state: FavouriteState,
) -> impl IntoView {
    if !state.can_plan {
        return ().into_any();
    }
    let save = ServerAction::<SaveFavourite>::new();
    let remove = ServerAction::<RemoveFavourite>::new();
    let is_favourite = state.note.is_some();
    let (typed, problem) = match state.refused {
        Some((typed, problem)) => (Some(typed), Some(problem)),
        None => (None, None),
    };
    let note = typed.or(state.note).unwrap_or_default();
    view! {
        <section id="favori" aria-labelledby="favori-titre" class="card" data-testid="favourite-box">
            <h2 id="favori-titre">{t.favourite_heading()}</h2>
            {is_favourite.then(|| view! { <p data-testid="favourite-is">{t.favourite_is()}</p> })}
            <ActionForm action=save>
                <input type="hidden" name="item" value=item.to_string()/>
                <div class="field">
                    <label for="favori-note">{t.favourite_note_label()}</label>
                    <textarea id="favori-note" name="note" rows="3" maxlength=NOTE_MAX_CHARS.to_string()
                        aria-describedby=if problem.is_some() { "favori-note-aide favori-note-probleme" } else { "favori-note-aide" }
                        aria-invalid=problem.is_some().then_some("true")>{note}</textarea>
                    <p id="favori-note-aide" class="hint">{t.favourite_note_hint(NOTE_MAX_CHARS)}</p>
                    {problem.map(|problem| view! {
                        <p id="favori-note-probleme" class="field-error" role="alert" data-testid="favourite-problem">{problem_text(t, problem)}</p>
                    })}
                </div>
                <button type="submit" class="button button-primary" data-testid="favourite-save">
                    {if is_favourite { t.favourite_save() } else { t.favourite_add() }}
                </button>
            </ActionForm>
            {is_favourite.then(|| view! {
                <ActionForm action=remove>
                    <input type="hidden" name="item" value=item.to_string()/>
                    <button type="submit" class="button button-secondary" data-testid="favourite-remove">{t.favourite_remove()}</button>
                </ActionForm>
            })}
        </section>
    }
    .into_any()
}

#[component]
pub fn ProjectPage() -> impl IntoView {
    let remove = ServerAction::<RemoveFavourite>::new();
    let favourites = Resource::new_blocking(|| (), |_| get_my_project());
    view! {
        <Page title=|t| guidance_texts(t.lang).project_title().to_owned() let:viewer>
            <h1 id="titre-page">{guidance_texts(viewer.lang).project_title()}</h1>
            <p class="lead">{guidance_texts(viewer.lang).project_intro()}</p>
            <p><a href="/orientation/plan" data-testid="plan-link">{guidance_texts(viewer.lang).plan_link()}</a></p>
            <Suspense fallback=move || view! { <p>{texts(viewer.lang).loading()}</p> }>
                {move || Suspend::new(async move {
                    let t = guidance_texts(viewer.lang);
                    let data = match favourites.await {
                        Ok(data) => data,
                        Err(error) => return load_failure(texts(viewer.lang), error),
                    };
                    let choices = view! {
                        <Interests t=t domaines=data.domaines chosen=data.interests/>
                        <Suggestions t=t suggestions=data.suggestions dismissed=data.dismissed/>
                    };
                    let favourites = data.favourites;
                    match favourites.is_empty() {
                        true => view! {
                            <h2>{t.favourite_heading()}</h2>
                            <p data-testid="project-empty">{t.project_empty()}</p>
                            <p><a href="/orientation">{t.project_search()}</a></p>
                            {choices}
                        }
                        .into_any(),
                        false => view! {
                            <h2>{t.favourites_heading(favourites.len())}</h2>
                            <ul class="results" data-testid="project-favourites">
                                {favourites.into_iter().map(|favourite| {
                                    let item = favourite.item;
                                    let kind = match item {
                                        ItemId::Metier(_) => t.kind_metier(),
                                        ItemId::Formation(_) => t.kind_formation(),
                                    };
                                    let label = if favourite.label.is_empty() { item.to_string() } else { favourite.label.clone() };
                                    view! {
                                        <li data-item=item.to_string()>
                                            <span class="badge">{kind}</span>" "
                                            <a href=item_href(item) lang="fr">{label}</a>
                                            {(!favourite.type_label.is_empty()).then(|| view! { <span class="hint" lang="fr">" · "{favourite.type_label.clone()}</span> })}
                                            {favourite.withdrawn.then(|| view! { <p class="notice" role="note">{t.withdrawn()}</p> })}
                                            {if favourite.note.is_empty() {
                                                view! { <p class="hint">{t.no_note()}</p> }.into_any()
                                            } else {
                                                view! { <p class="prose">{favourite.note.clone()}</p> }.into_any()
                                            }}
                                            <ActionForm action=remove>
                                                <input type="hidden" name="item" value=item.to_string()/>
                                                <input type="hidden" name="from_project" value="1"/>
                                                <button type="submit" class="button button-secondary">{t.favourite_remove()}</button>
                                            </ActionForm>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                            <p><a href="/orientation">{t.project_search()}</a></p>
                            {choices}
                        }
                        .into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
}
