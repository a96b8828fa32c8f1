//! `/portfolio/competences` (every competence of the frameworks and the student's own skills,
//! with how many entries show it) and `/portfolio/competences/:framework/:code` (the entries
//! that show one competence).

use super::texts::{portfolio_texts, PortfolioTexts};
use super::{get_portfolio, PortfolioData, PortfolioNav};
use crate::components::{competence_href, EntrySummary, EvidenceItem};
use crate::error::PortalError;
use crate::i18n::{texts, Lang, Named};
use crate::pages::layout::{load_failure, set_status, Page};
use domain::portfolio::evidence::EvidenceView;
use domain::portfolio::frameworks::Frameworks;
use domain::portfolio::{CompetenceRef, CompetenceStatus, CompetenceTally, EntryView, OwnSkill};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

/// The entries linked to a competence, and the best status the student gave it.
fn entries_showing<'a>(
    entries: &'a [EntryView],
    competence: &CompetenceRef,
) -> (Vec<&'a EntryView>, Option<CompetenceStatus>) {
    let mut best = None;
    let showing = entries
        .iter()
        .filter(|entry| {
            entry
                .competences
                .iter()
                .find(|link| &link.competence == competence)
                .map(|link| best = best.max(Some(link.status)))
                .is_some()
        })
        .collect();
    (showing, best)
}

/// What the by-competence view needs: counts, not entries (it stays light for 500 entries).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompetenceOverviewData {
    pub tallies: Vec<CompetenceTally>,
    pub own_skills: Vec<OwnSkill>,
}

#[server(prefix = "/api", endpoint = "competence_overview")]
pub async fn get_competence_overview() -> Result<CompetenceOverviewData, PortalError> {
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(domain::policy::Action::ReadPortfolio).await?;
    let failed = |error: domain::portfolio::store::PortfolioError| {
        tracing::error!(%error, "could not count the competences");
        PortalError::Unavailable
    };
    Ok(CompetenceOverviewData {
        tallies: domain::portfolio::store::tally(&portal.db, account.id)
            .await
            .map_err(failed)?,
        own_skills: domain::portfolio::store::own_skills(&portal.db, account.id)
            .await
            .map_err(failed)?,
    })
}

#[component]
pub fn CompetencesPage() -> impl IntoView {
    let portfolio = Resource::new_blocking(|| (), |_| get_competence_overview());
    view! {
        <Page title=|t| portfolio_texts(t.lang).view_competences().to_owned() let:viewer>
            {
                let pt = portfolio_texts(viewer.lang);
                view! {
                    <h1 id="titre-page">{format!("{} · {}", pt.title(), pt.view_competences())}</h1>
                    <PortfolioNav pt=pt current="/portfolio/competences"/>
                }
            }
            <Suspense fallback=move || view! { <p>{texts(viewer.lang).loading()}</p> }>
                {move || Suspend::new(async move {
                    let t = texts(viewer.lang);
                    match portfolio.await {
                        Ok(data) => view! { <CompetenceOverview lang=viewer.lang data=data/> }.into_any(),
                        Err(error) => load_failure(t, error),
                    }
                })}
            </Suspense>
        </Page>
    }
}

#[component]
fn CompetenceOverview(lang: Lang, data: CompetenceOverviewData) -> impl IntoView {
    let pt = portfolio_texts(lang);
    let tallies = &data.tallies;
    let row = |competence: CompetenceRef, label: String| {
        let tally = tallies.iter().find(|t| t.competence == competence);
        let count = tally.map_or(0, |t| t.count);
        let best = tally.map(|t| t.best);
        view! {
            <li data-competence=competence.to_string() data-count=count.to_string()>
                <a href=competence_href(&competence.to_string())>{label}</a>
                <span class="muted">" — "{pt.entries_count(count)}</span>
                {best.map(|best| view! {
                    <span class="chip-status" data-status=best.as_str()>
                        {texts(lang).label_value(pt.best_status(), pt.competence_status(best))}
                    </span>
                })}
            </li>
        }
    };
    let frameworks_view = Frameworks::shipped()
        .frameworks
        .iter()
        .map(|framework| {
            let heading_id = format!("referentiel-{}", framework.code);
            let labelled_by = heading_id.clone();
            view! {
                <section aria-labelledby=labelled_by class="framework">
                    <h2 id=heading_id>{framework.name(lang).to_owned()}</h2>
                    {framework
                        .groups
                        .iter()
                        .map(|group| view! {
                            <h3>{group.name(lang).to_owned()}</h3>
                            <ul class="competence-list">
                                {group
                                    .competences
                                    .iter()
                                    .map(|c| {
                                        let competence = CompetenceRef::parse(&format!("{}:{}", framework.code, c.code));
                                        competence.map(|competence| row(competence, format!("{} {}", c.code, c.name(lang))))
                                    })
                                    .collect_view()}
                            </ul>
                        })
                        .collect_view()}
                </section>
            }
        })
        .collect_view();
    let own = (!data.own_skills.is_empty()).then(|| {
        view! {
            <section aria-labelledby="referentiel-own" class="framework">
                <h2 id="referentiel-own">{pt.own_skills()}</h2>
                <ul class="competence-list">
                    {data
                        .own_skills
                        .iter()
                        .map(|skill| row(CompetenceRef::own(skill.id), skill.name.clone()))
                        .collect_view()}
                </ul>
            </section>
        }
    });
    view! {
        <div data-testid="by-competence">
            {frameworks_view.into_any()}
            {own.map(IntoAny::into_any)}
        </div>
    }
    .into_any()
}

#[component]
pub fn CompetencePage() -> impl IntoView {
    let params = use_params_map();
    let competence = Memo::new(move |_| {
        params.with(|p| {
            CompetenceRef::parse(&format!(
                "{}:{}",
                p.get("framework").unwrap_or_default(),
                p.get("code").unwrap_or_default()
            ))
        })
    });
    let portfolio = Resource::new_blocking(|| (), |_| get_portfolio());
    view! {
        <Page title=|t| portfolio_texts(t.lang).competences().to_owned() let:viewer>
            <Suspense fallback=move || view! { <p>{texts(viewer.lang).loading()}</p> }>
                {move || Suspend::new(async move {
                    let t = texts(viewer.lang);
                    match portfolio.await {
                        Ok(data) => view! {
                            <CompetenceDetail lang=viewer.lang data=data competence=competence.get()/>
                        }.into_any(),
                        Err(error) => load_failure(t, error),
                    }
                })}
            </Suspense>
        </Page>
    }
}

/// The competence's name, or `None` when it is neither in a framework nor one of the
/// student's own skills.
fn competence_name(
    competence: &CompetenceRef,
    data: &PortfolioData,
    lang: Lang,
) -> Option<(String, String)> {
    if let Some(id) = competence.own_skill_id() {
        let skill = data.own_skills.iter().find(|s| s.id == id)?;
        return Some((
            skill.name.clone(),
            portfolio_texts(lang).own_skills().to_owned(),
        ));
    }
    let (framework, found) = Frameworks::shipped().find(competence)?;
    Some((
        format!("{} {}", found.code, found.name(lang)),
        framework.name(lang).to_owned(),
    ))
}

#[component]
fn CompetenceDetail(
    lang: Lang,
    data: PortfolioData,
    competence: Option<CompetenceRef>,
) -> impl IntoView {
    let pt: &'static PortfolioTexts = portfolio_texts(lang);
    let t = texts(lang);
    let Some((competence, (name, framework))) = competence.and_then(|c| {
        let name = competence_name(&c, &data, lang)?;
        Some((c, name))
    }) else {
        set_status(404);
        return view! {
            <h1 id="titre-page">{t.not_found_title()}</h1>
            <p role="alert">{t.not_found_body()}</p>
            <p><a href="/portfolio/competences">{pt.view_competences()}</a></p>
        }
        .into_any();
    };
    let (showing, _) = entries_showing(&data.entries, &competence);
    let showing: Vec<EntryView> = showing.into_iter().cloned().collect();
    let files: Vec<EvidenceView> = showing
        .iter()
        .flat_map(|e| e.evidence.iter().cloned())
        .collect();
    view! {
        <p class="breadcrumb"><a href="/portfolio/competences">{pt.view_competences()}</a></p>
        <h1 id="titre-page" data-testid="competence-name">{name}</h1>
        <p class="lead">{framework}</p>
        <h2>{pt.competence_entries()}</h2>
        {if showing.is_empty() {
            view! { <p>{pt.competence_none()}</p> }.into_any()
        } else {
            view! {
                <ol class="entries entries-nested" data-testid="competence-entries">
                    {showing
                        .into_iter()
                        .map(|entry| view! { <li class="entry-card"><EntrySummary pt=pt lang=lang entry=entry nested=true/></li> })
                        .collect_view()}
                </ol>
            }
            .into_any()
        }}
        <h2>{pt.evidence_title()}</h2>
        {if files.is_empty() {
            view! { <p class="muted">{pt.evidence_none()}</p> }.into_any()
        } else {
            view! {
                <ul class="evidence-list" data-testid="competence-evidence">
                    {files
                        .into_iter()
                        .map(|file| view! { <EvidenceItem lang=lang file=file read_only=true/> })
                        .collect_view()}
                </ul>
            }
            .into_any()
        }}
    }
    .into_any()
}
