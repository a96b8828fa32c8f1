//! `/orientation`: one search box over ONISEP's métiers and formations, with filters, as a
//! plain GET form (it works without JavaScript, and a result page is a link one can share).

use super::suggest::{SuggestWords, SuggestingSearchBox};
use super::texts::{guidance_texts, GuidanceTexts};
use super::{formation_href, metier_href, OnisepSource};
use crate::components::{IslandScripts, PreloadLazyIsland};
use crate::error::PortalError;
use crate::pages::layout::{load_failure, Page};
use domain::guidance::onisep::views::DataDate;
use domain::guidance::search::{FilterValues, Found, Kind, Search, MAX_QUERY_CHARS, PAGE_SIZE};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

/// The last page a search may ask for: beyond, the results are not worth reading.
pub const MAX_PAGE: usize = 50;

/// What the search page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExploreData {
    pub found: Found,
    pub filters: FilterValues,
    pub source: Option<DataDate>,
}

/// The form's fields as the address gives them (anyone may write an address: each is checked).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Asked {
    pub q: String,
    pub kind: Option<String>,
    pub domaine: Option<String>,
    pub diplome: Option<String>,
    pub niveau: Option<String>,
    /// Formations taught in this académie.
    pub academie: Option<String>,
    /// From 1, as the address writes it.
    pub page: Option<usize>,
}

impl Asked {
    /// The search this is, or why not.
    pub fn search(&self) -> Result<Search, PortalError> {
        let bad = |what: &str| PortalError::BadRequest(what.to_owned());
        let filter = |value: &Option<String>| -> Result<Option<String>, PortalError> {
            match value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
                None => Ok(None),
                Some(value) if value.chars().count() <= MAX_QUERY_CHARS => {
                    Ok(Some(value.to_owned()))
                }
                Some(_) => Err(bad("filter")),
            }
        };
        let kind = match self.kind.as_deref().filter(|k| !k.is_empty()) {
            None => None,
            Some(code) => Some(Kind::parse(code).ok_or_else(|| bad("type"))?),
        };
        let page = match self.page {
            None => 0,
            Some(page @ 1..=MAX_PAGE) => page - 1,
            Some(_) => return Err(bad("page")),
        };
        if self.q.chars().count() > MAX_QUERY_CHARS {
            return Err(bad("q"));
        }
        Ok(Search {
            text: self.q.clone(),
            kind,
            domaine: filter(&self.domaine)?,
            type_label: filter(&self.diplome)?,
            exit_level: filter(&self.niveau)?,
            academie: filter(&self.academie)?,
            page,
        })
    }

    /// This search's address, on another page.
    fn href(&self, page: usize) -> String {
        let mut pairs: Vec<(&str, &str)> = vec![("q", &self.q)];
        for (name, value) in [
            ("type", &self.kind),
            ("domaine", &self.domaine),
            ("diplome", &self.diplome),
            ("niveau", &self.niveau),
            ("academie", &self.academie),
        ] {
            if let Some(value) = value.as_deref().filter(|v| !v.is_empty()) {
                pairs.push((name, value));
            }
        }
        let page = page.to_string();
        pairs.push(("page", &page));
        let query: Vec<String> = pairs
            .into_iter()
            .map(|(name, value)| format!("{name}={}", urlencoding(value)))
            .collect();
        format!("/orientation?{}", query.join("&"))
    }
}

/// `application/x-www-form-urlencoded`, as a GET form writes it.
fn urlencoding(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => {
                out.push(byte as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[server(prefix = "/api", endpoint = "guidance_search")]
pub async fn search_guidance(
    q: String,
    kind: Option<String>,
    domaine: Option<String>,
    diplome: Option<String>,
    niveau: Option<String>,
    academie: Option<String>,
    page: Option<usize>,
) -> Result<ExploreData, PortalError> {
    let crate::ssr::SignedIn { portal, .. } =
        crate::ssr::SignedIn::acting(domain::policy::Action::ExploreGuidance).await?;
    let asked = Asked {
        q,
        kind,
        domaine,
        diplome,
        niveau,
        academie,
        page,
    };
    let search = asked.search()?;
    let index = portal
        .guidance_index
        .current(&portal.db)
        .await
        .map_err(domain::guidance::GuidanceError::from)?;
    let found = index
        .search(&search, PAGE_SIZE)
        .map_err(domain::guidance::GuidanceError::from)?;
    let source = domain::guidance::onisep::views::data_date(
        &portal.db,
        domain::guidance::onisep::Dataset::Formations,
    )
    .await
    .map_err(domain::guidance::GuidanceError::from)?;
    Ok(ExploreData {
        found,
        filters: index.filters().clone(),
        source,
    })
}

#[component]
pub fn ExplorePage() -> impl IntoView {
    let query = use_query_map();
    let asked = move || {
        query.with(|q| {
            let text = |name: &str| q.get(name).filter(|v| !v.is_empty());
            Asked {
                q: q.get("q").unwrap_or_default(),
                kind: text("type"),
                domaine: text("domaine"),
                diplome: text("diplome"),
                niveau: text("niveau"),
                academie: text("academie"),
                // A page that is not a number is a page that does not exist.
                page: text("page").map(|p| p.parse().unwrap_or(usize::MAX)),
            }
        })
    };
    let data = Resource::new_blocking(asked, |a| {
        search_guidance(
            a.q, a.kind, a.domaine, a.diplome, a.niveau, a.academie, a.page,
        )
    });
    view! {
        <Page title=|t| guidance_texts(t.lang).explore_title().to_owned() let:viewer>
            <h1 id="titre-page">{guidance_texts(viewer.lang).explore_title()}</h1>
            <p class="lead">{guidance_texts(viewer.lang).explore_intro()}</p>
            {viewer
                .account
                .as_ref()
                .is_some_and(|a| a.role == domain::identity::Role::Student)
                .then(|| view! {
                    <p><a href="/orientation/projet" data-testid="project-link">{guidance_texts(viewer.lang).project_title()}</a></p>
                })}
            <Suspense fallback=move || view! { <p>{crate::i18n::texts(viewer.lang).loading()}</p> }>
                {move || Suspend::new(async move {
                    let t = guidance_texts(viewer.lang);
                    let asked = asked();
                    match data.await {
                        Ok(data) => view! {
                            <SearchForm t=t asked=asked.clone() filters=data.filters/>
                            <PreloadLazyIsland island="suggesting_search_box"/>
                            <IslandScripts/>
                            <Results t=t asked=asked found=data.found/>
                            <OnisepSource lang=viewer.lang source=data.source/>
                        }
                        .into_any(),
                        Err(error) => load_failure(crate::i18n::texts(viewer.lang), error),
                    }
                })}
            </Suspense>
        </Page>
    }
}

/// A `<select>` of a filter: « all », then the values the data holds.
#[component]
fn Filter(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    all: &'static str,
    values: Vec<String>,
    chosen: Option<String>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id name=name>
                <option value="" selected=chosen.is_none()>{all}</option>
                {values
                    .into_iter()
                    .map(|value| {
                        let selected = chosen.as_deref() == Some(value.as_str());
                        view! { <option value=value.clone() selected=selected lang="fr">{value.clone()}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

#[component]
fn SearchForm(t: &'static GuidanceTexts, asked: Asked, filters: FilterValues) -> impl IntoView {
    let kind = asked.kind.clone();
    view! {
        <form method="get" action="/orientation" role="search" class="guidance-search" data-testid="guidance-search">
            <SuggestingSearchBox value=asked.q.clone() words=SuggestWords {
                label: t.search_label().to_owned(),
                hint: t.search_hint().to_owned(),
                list: t.suggestions().to_owned(),
                metier: t.kind_metier().to_owned(),
                formation: t.kind_formation().to_owned(),
            }/>
            <details class="filters" open=asked.kind.is_some() || asked.domaine.is_some() || asked.diplome.is_some() || asked.niveau.is_some() || asked.academie.is_some()>
                <summary>{t.filters()}</summary>
                <div class="field">
                    <label for="orientation-type">{t.filter_kind()}</label>
                    <select id="orientation-type" name="type">
                        <option value="" selected=kind.is_none()>{t.kind_all()}</option>
                        <option value="metier" selected=kind.as_deref() == Some("metier")>{t.kind_metiers()}</option>
                        <option value="formation" selected=kind.as_deref() == Some("formation")>{t.kind_formations()}</option>
                    </select>
                </div>
                <Filter id="orientation-domaine" name="domaine" label=t.filter_domaine() all=t.any()
                    values=filters.domaines chosen=asked.domaine.clone()/>
                <Filter id="orientation-diplome" name="diplome" label=t.filter_type() all=t.any()
                    values=filters.type_labels chosen=asked.diplome.clone()/>
                <Filter id="orientation-niveau" name="niveau" label=t.filter_level() all=t.any()
                    values=filters.exit_levels chosen=asked.niveau.clone()/>
                {(!filters.academies.is_empty()).then(|| view! {
                    <Filter id="orientation-academie" name="academie" label=t.filter_academie() all=t.any()
                        values=filters.academies chosen=asked.academie.clone()/>
                })}
            </details>
            <button type="submit" class="button">{t.search_button()}</button>
        </form>
    }
}

#[component]
fn Results(t: &'static GuidanceTexts, asked: Asked, found: Found) -> impl IntoView {
    let searched = !asked.q.trim().is_empty()
        || asked.domaine.is_some()
        || asked.diplome.is_some()
        || asked.niveau.is_some()
        || asked.academie.is_some();
    if !searched {
        return ().into_any();
    }
    if found.total == 0 {
        return view! {
            <section aria-labelledby="resultats">
                <h2 id="resultats">{t.results_heading()}</h2>
                <p role="status" data-testid="guidance-no-results">{t.no_results()}</p>
            </section>
        }
        .into_any();
    }
    let page = asked.page.unwrap_or(1);
    let pages = found.total.div_ceil(PAGE_SIZE).min(MAX_PAGE);
    view! {
        <section aria-labelledby="resultats">
            <h2 id="resultats">{t.results_heading()}</h2>
            <p role="status" data-testid="guidance-count">{t.results_count(found.total)}</p>
            <ul class="results" data-testid="guidance-results">
                {found
                    .hits
                    .into_iter()
                    .map(|hit| {
                        let (href, kind) = match hit.kind {
                            Kind::Metier => (metier_href(&hit.id), t.kind_metier()),
                            Kind::Formation => (formation_href(&hit.id), t.kind_formation()),
                        };
                        let details: Vec<String> = [hit.type_label, hit.exit_level, hit.duration]
                            .into_iter()
                            .filter(|d| !d.is_empty())
                            .collect();
                        view! {
                            <li data-kind=hit.kind.code()>
                                <span class="badge">{kind}</span>" "
                                <a href=href lang="fr">{hit.label}</a>
                                {(!details.is_empty()).then(|| view! { <span class="hint" lang="fr">" · "{details.join(" · ")}</span> })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            {(pages > 1).then(|| view! {
                <nav aria-label=t.pages() class="pager">
                    {(page > 1).then(|| view! { <a href=asked.href(page - 1) rel="prev">{t.page_previous()}</a> })}
                    " "<span>{t.page_of(page, pages)}</span>" "
                    {(page < pages).then(|| view! { <a href=asked.href(page + 1) rel="next" data-testid="guidance-next">{t.page_next()}</a> })}
                </nav>
            })}
        </section>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_is_checked() {
        let asked = |kind: Option<&str>, page: Option<usize>| Asked {
            q: "boulanger".to_owned(),
            kind: kind.map(str::to_owned),
            page,
            ..Asked::default()
        };
        assert_eq!(asked(Some("formation"), Some(2)).search().unwrap().page, 1);
        assert_eq!(asked(None, None).search().unwrap().kind, None);
        for bad in [
            asked(Some("robot"), None),
            asked(None, Some(0)),
            asked(None, Some(MAX_PAGE + 1)),
        ] {
            assert!(
                matches!(bad.search(), Err(PortalError::BadRequest(_))),
                "{bad:?}"
            );
        }
        let long = Asked {
            q: "x".repeat(MAX_QUERY_CHARS + 1),
            ..Asked::default()
        };
        assert!(long.search().is_err());
    }

    #[test]
    fn a_page_link_keeps_the_search() {
        let asked = Asked {
            q: "mécanique auto".to_owned(),
            domaine: Some("santé, social, sport".to_owned()),
            ..Asked::default()
        };
        assert_eq!(
            asked.href(2),
            "/orientation?q=m%C3%A9canique+auto&domaine=sant%C3%A9%2C+social%2C+sport&page=2"
        );
    }
}
