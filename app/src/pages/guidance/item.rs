//! `/orientation/metiers/:id` and `/orientation/formations/:id`: a métier (its domaines, ROME
//! codes, ONISEP publications, the formations that lead to it and why) and a formation (its
//! type, level, duration, certification, the métiers it leads to and why, and where it is
//! taught: the offers of one académie, the pupil's own first, the others a plain GET form away).

use super::project::{get_favourite_state, FavouriteBox};
use super::texts::{guidance_texts, GuidanceTexts};
use super::{formation_href, metier_href, OnisepSource};
use crate::error::PortalError;
use crate::i18n::texts;
use crate::pages::layout::{load_failure, Page};
use domain::guidance::onisep::views::{FormationPage, Linked, MetierPage, Offers};
use domain::guidance::onisep::DomainPair;
use domain::guidance::plan::ItemId;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The longest académie asked for in an address (the longest is « Clermont-Ferrand »).
#[cfg(feature = "ssr")]
const ACADEMIE_MAX_CHARS: usize = 60;

#[server(prefix = "/api", endpoint = "guidance_metier")]
pub async fn get_metier(id: String) -> Result<MetierPage, PortalError> {
    let crate::ssr::SignedIn { portal, .. } =
        crate::ssr::SignedIn::acting(domain::policy::Action::ExploreGuidance).await?;
    // A malformed id is a page that does not exist.
    let id = domain::guidance::onisep::MetierId::parse(&id).ok_or(PortalError::NotFound)?;
    let index = portal
        .guidance_index
        .current(&portal.db)
        .await
        .map_err(domain::guidance::GuidanceError::from)?;
    Ok(domain::guidance::onisep::views::metier_page(&portal.db, index.links(), id).await?)
}

#[server(prefix = "/api", endpoint = "guidance_formation")]
pub async fn get_formation(
    id: String,
    academie: Option<String>,
) -> Result<FormationPage, PortalError> {
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(domain::policy::Action::ExploreGuidance).await?;
    let id = domain::guidance::onisep::FormationId::parse(&id).ok_or(PortalError::NotFound)?;
    let asked = academie.as_deref().map(str::trim).filter(|a| !a.is_empty());
    if asked.is_some_and(|a| a.chars().count() > ACADEMIE_MAX_CHARS) {
        return Err(PortalError::BadRequest("academie".to_owned()));
    }
    // The pupil's own académie (her school's, from the Annuaire de l'éducation) comes first.
    let home = domain::identity::store::school_academie(&portal.db, account.id)
        .await
        .map_err(domain::guidance::GuidanceError::from)?;
    let index = portal
        .guidance_index
        .current(&portal.db)
        .await
        .map_err(domain::guidance::GuidanceError::from)?;
    Ok(domain::guidance::onisep::views::formation_page(
        &portal.db,
        index.links(),
        id,
        asked,
        home.as_deref(),
    )
    .await?)
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
    /// What a page adds after the linked items (a formation: where it is taught).
    more: AnyView,
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
        {frame.more}
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
                        more: ().into_any(),
                        source: page.source,
                    })
                })}
            </Suspense>
        </Page>
    }
}

/// « Nîmes (30000) », one text.
fn place(commune: &str, postal_code: &str) -> String {
    if postal_code.is_empty() {
        commune.to_owned()
    } else {
        format!("{commune} ({postal_code})")
    }
}

/// « Où se former »: the académies teaching the formation (a GET form: it works without
/// JavaScript), and the schools of the one shown.
#[component]
fn OffersSection(t: &'static GuidanceTexts, offers: Offers) -> impl IntoView {
    if offers.total == 0 {
        return ().into_any();
    }
    let shown = offers.shown.clone();
    let heading = match (&offers.shown, offers.shown_is_home) {
        (Some(academie), true) => t.offers_heading_home(academie.clone()),
        (Some(academie), false) => t.offers_heading_in(academie.clone()),
        (None, _) => t.offers_heading().to_owned(),
    };
    let more = offers.offers_total.saturating_sub(offers.offers.len());
    view! {
        <section aria-labelledby="ou-se-former" data-testid="formation-offers">
            <h2 id="ou-se-former">{t.offers_title()}</h2>
            <p class="hint">{t.offers_intro(offers.academies.len(), offers.total)}</p>
            <form method="get" action="#ou-se-former" class="inline-form" data-testid="offers-academie-form">
                <div class="field">
                    <label for="offres-academie">{t.offers_academie()}</label>
                    <select id="offres-academie" name="academie">
                        <option value="" selected=shown.is_none()>{t.offers_pick()}</option>
                        {offers.academies.iter().map(|a| {
                            let selected = shown.as_deref() == Some(a.academie.as_str());
                            view! { <option value=a.academie.clone() selected=selected lang="fr">{t.offers_academie_count(a.academie.clone(), a.count)}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="button secondary">{t.offers_show()}</button>
            </form>
            {offers.shown.is_some().then(|| view! {
                <h3 data-testid="offers-heading">{heading}</h3>
                <ul class="results" data-testid="offers-list">
                    {offers.offers.into_iter().map(|o| {
                        let details: Vec<String> = [o.status, o.schooling, o.duration, o.boarding]
                            .into_iter()
                            .filter(|d| !d.is_empty())
                            .collect();
                        view! {
                            <li>
                                {if o.link.is_empty() {
                                    view! { <strong lang="fr">{o.school}</strong> }.into_any()
                                } else {
                                    view! { <a href=o.link rel="external noopener noreferrer" lang="fr">{o.school}</a> }.into_any()
                                }}
                                <br/>
                                <span lang="fr">{place(&o.commune, &o.postal_code)}</span>
                                {(!details.is_empty()).then(|| view! { <span class="hint" lang="fr">" · "{details.join(" · ")}</span> })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
                {(more > 0).then(|| view! { <p class="hint">{t.offers_more(more)}</p> })}
            })}
            {offers.source.map(|source| view! { <p class="hint">{t.offers_dated(super::onisep_day(source, t.lang))}</p> })}
        </section>
    }
    .into_any()
}

#[component]
pub fn FormationPageView() -> impl IntoView {
    let id = id_param();
    let query = use_query_map();
    let asked = move || {
        (
            id(),
            query.with(|q| q.get("academie").filter(|a| !a.is_empty())),
        )
    };
    let page = Resource::new_blocking(asked, |(id, academie)| get_formation(id, academie));
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
                    let offers = page.offers;
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
                        more: view! { <OffersSection t=t offers=offers/> }.into_any(),
                        source: page.source,
                    })
                })}
            </Suspense>
        </Page>
    }
}
