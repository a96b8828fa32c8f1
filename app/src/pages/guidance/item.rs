//! `/orientation/metiers/:id` and `/orientation/formations/:id`: a métier (its domaines, ROME
//! codes, ONISEP publications, the formations that lead to it and why) and a formation (its
//! type, level, duration, certification, and the métiers it leads to and why).

use super::project::{get_favourite_state, FavouriteBox};
use super::texts::{guidance_texts, GuidanceTexts};
use super::{formation_href, metier_href, OnisepSource};
use crate::error::PortalError;
use crate::i18n::texts;
use crate::pages::layout::{load_failure, Page};
use domain::guidance::onisep::views::{FormationPage, Linked, MetierPage};
use domain::guidance::onisep::DomainPair;
use domain::guidance::plan::ItemId;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[server(prefix = "/api", endpoint = "guidance_metier")]
pub async fn get_metier(id: String) -> Result<MetierPage, PortalError> {
    let crate::ssr::SignedIn { portal, .. } =
        crate::ssr::SignedIn::acting(domain::policy::Action::ExploreGuidance).await?;
    // A malformed id is a page that does not exist.
    let id = domain::guidance::onisep::MetierId::parse(&id).ok_or(PortalError::NotFound)?;
    Ok(domain::guidance::onisep::views::metier_page(&portal.db, id).await?)
}

#[server(prefix = "/api", endpoint = "guidance_formation")]
pub async fn get_formation(id: String) -> Result<FormationPage, PortalError> {
    let crate::ssr::SignedIn { portal, .. } =
        crate::ssr::SignedIn::acting(domain::policy::Action::ExploreGuidance).await?;
    let id = domain::guidance::onisep::FormationId::parse(&id).ok_or(PortalError::NotFound)?;
    Ok(domain::guidance::onisep::views::formation_page(&portal.db, id).await?)
}

fn id_param() -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let params = use_params_map();
    move || params.with(|p| p.get("id").unwrap_or_default())
}

fn pairs(pairs: &[DomainPair]) -> String {
    pairs
        .iter()
        .map(|p| format!("{} › {}", p.domaine, p.sous_domaine))
        .collect::<Vec<_>>()
        .join(" ; ")
}

#[component]
fn Withdrawn(t: &'static GuidanceTexts, withdrawn: bool) -> impl IntoView {
    withdrawn.then(|| view! { <p class="notice" role="note" data-testid="onisep-withdrawn">{t.withdrawn()}</p> })
}

/// The items linked to the one shown, each with why.
#[component]
fn LinkedList(
    t: &'static GuidanceTexts,
    items: Vec<Linked>,
    total: usize,
    href: fn(&str) -> String,
    testid: &'static str,
) -> impl IntoView {
    if items.is_empty() {
        return view! { <p>{t.linked_none()}</p> }.into_any();
    }
    let more = total.saturating_sub(items.len());
    view! {
        <ul class="results" data-testid=testid>
            {items
                .into_iter()
                .map(|item| view! {
                    <li>
                        <a href=href(&item.id) lang="fr">{item.label}</a>
                        {(!item.type_label.is_empty()).then(|| view! { <span class="hint" lang="fr">" · "{item.type_label.clone()}</span> })}
                        <br/>
                        <span class="hint">{t.linked_because()}" "<span lang="fr">{pairs(&item.shared)}</span></span>
                    </li>
                })
                .collect_view()}
        </ul>
        {(more > 0).then(|| view! { <p class="hint">{t.linked_more(more)}</p> })}
    }
    .into_any()
}

/// The list of linked items under a page's facts: the formations of a métier, the métiers of a
/// formation.
struct LinkedSection {
    id: &'static str,
    heading: &'static str,
    why: &'static str,
    items: Vec<Linked>,
    total: usize,
    href: fn(&str) -> String,
    testid: &'static str,
}

/// What a métier's and a formation's pages share around their own facts: the way back, the
/// title, ONISEP's mark of a withdrawn item, the onisep.fr link, the pupil's favourite form,
/// what it is linked to and why, and « Source : Onisep ».
struct Frame {
    item: ItemId,
    label: String,
    kind: &'static str,
    title_testid: &'static str,
    withdrawn: bool,
    link: String,
    facts: AnyView,
    favourite: super::project::FavouriteState,
    linked: LinkedSection,
    source: Option<domain::guidance::onisep::views::DataDate>,
}

fn item_frame(lang: crate::i18n::Lang, frame: Frame) -> AnyView {
    let t = guidance_texts(lang);
    let linked = frame.linked;
    view! {
        <p><a href="/orientation">{t.back_to_search()}</a></p>
        <h1 id="titre-page" lang="fr" data-testid=frame.title_testid>{frame.label}</h1>
        <p class="badge">{frame.kind}</p>
        <Withdrawn t=t withdrawn=frame.withdrawn/>
        <dl class="facts">{frame.facts}</dl>
        <p><a href=frame.link rel="external" data-testid="onisep-link">{t.onisep_page()}</a></p>
        <super::shared::RecommendBox t=t item=frame.item state=frame.favourite.recommend.clone()/>
        <FavouriteBox t=t item=frame.item state=frame.favourite/>
        <section aria-labelledby=linked.id>
            <h2 id=linked.id>{linked.heading}</h2>
            <p class="hint">{linked.why}</p>
            <LinkedList t=t items=linked.items total=linked.total href=linked.href testid=linked.testid/>
        </section>
        <OnisepSource lang=lang source=frame.source/>
    }
    .into_any()
}

/// One fact of a page, when ONISEP gives it.
fn fact(label: &'static str, value: String) -> impl IntoView {
    (!value.is_empty()).then(|| view! { <div><dt>{label}</dt><dd lang="fr">{value}</dd></div> })
}

#[component]
pub fn MetierPageView() -> impl IntoView {
    let id = id_param();
    let page = Resource::new_blocking(id, get_metier);
    let favourite = Resource::new_blocking(id, get_favourite_state);
    view! {
        <Page title=|t| guidance_texts(t.lang).metier_title().to_owned() let:viewer>
            <Suspense fallback=move || view! { <p>{texts(viewer.lang).loading()}</p> }>
                {move || Suspend::new(async move {
                    let t = guidance_texts(viewer.lang);
                    let (page, favourite) = match (page.await, favourite.await) {
                        (Ok(page), Ok(favourite)) => (page, favourite),
                        (Err(error), _) | (_, Err(error)) => return load_failure(texts(viewer.lang), error),
                    };
                    let metier = page.metier;
                    let facts = view! {
                        {fact(t.gfe(), metier.gfe.clone())}
                        {fact(t.domaines(), pairs(&metier.domains))}
                        {(!metier.romes.is_empty()).then(|| view! {
                            <div>
                                <dt>{t.romes()}</dt>
                                <dd>
                                    <ul>
                                        {metier.romes.iter().map(|rome| view! {
                                            <li><a href=rome.link.clone() rel="external">{rome.code.clone()}</a>" "<span lang="fr">{rome.label.clone()}</span></li>
                                        }).collect_view()}
                                    </ul>
                                </dd>
                            </div>
                        })}
                        {(!metier.publications.is_empty()).then(|| view! {
                            <div>
                                <dt>{t.publications()}</dt>
                                <dd>
                                    <ul>
                                        {metier.publications.iter().map(|p| view! {
                                            <li lang="fr">{p.name.clone()}{p.year.map(|y| format!(" ({y})"))}" · "{p.collection.clone()}</li>
                                        }).collect_view()}
                                    </ul>
                                </dd>
                            </div>
                        })}
                    }
                    .into_any();
                    let linked = LinkedSection {
                        id: "formations-liees",
                        heading: t.formations_heading(),
                        why: t.formations_why(),
                        items: page.formations,
                        total: page.formations_total,
                        href: formation_href,
                        testid: "metier-formations",
                    };
                    item_frame(viewer.lang, Frame {
                        item: ItemId::Metier(metier.id),
                        label: metier.label,
                        kind: t.kind_metier(),
                        title_testid: "metier-title",
                        withdrawn: page.withdrawn,
                        link: metier.link,
                        facts,
                        favourite,
                        linked,
                        source: page.source,
                    })
                })}
            </Suspense>
        </Page>
    }
}

#[component]
pub fn FormationPageView() -> impl IntoView {
    let id = id_param();
    let page = Resource::new_blocking(id, get_formation);
    let favourite = Resource::new_blocking(id, get_favourite_state);
    view! {
        <Page title=|t| guidance_texts(t.lang).formation_title().to_owned() let:viewer>
            <Suspense fallback=move || view! { <p>{texts(viewer.lang).loading()}</p> }>
                {move || Suspend::new(async move {
                    let t = guidance_texts(viewer.lang);
                    let (page, favourite) = match (page.await, favourite.await) {
                        (Ok(page), Ok(favourite)) => (page, favourite),
                        (Err(error), _) | (_, Err(error)) => return load_failure(texts(viewer.lang), error),
                    };
                    let f = page.formation;
                    let facts = view! {
                        {fact(t.type_of_formation(), f.type_label.clone())}
                        {fact(t.exit_level(), f.exit_level.clone())}
                        {fact(t.duration(), f.duration.clone())}
                        {fact(t.certification(), f.certification_label.clone())}
                        {fact(t.rncp(), f.rncp.clone())}
                        {fact(t.tutelle(), f.tutelle.clone())}
                        {fact(t.domaines(), pairs(&f.domains))}
                    }
                    .into_any();
                    let linked = LinkedSection {
                        id: "metiers-lies",
                        heading: t.metiers_heading(),
                        why: t.metiers_why(),
                        items: page.metiers,
                        total: page.metiers_total,
                        href: metier_href,
                        testid: "formation-metiers",
                    };
                    item_frame(viewer.lang, Frame {
                        item: ItemId::Formation(f.id),
                        label: f.label,
                        kind: t.kind_formation(),
                        title_testid: "formation-title",
                        withdrawn: page.withdrawn,
                        link: f.link,
                        facts,
                        favourite,
                        linked,
                        source: page.source,
                    })
                })}
            </Suspense>
        </Page>
    }
}
