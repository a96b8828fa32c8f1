//! `/portfolio` (the student's entries in their own order, with up/down) and
//! `/portfolio/chronologie` (the same entries by date, newest first, grouped by year).

use super::texts::{portfolio_texts, PortfolioTexts};
use super::{
    get_entries_page, get_portfolio, EntriesPage, MoveEntry, PortfolioNav, ENTRIES_PER_PAGE,
};
use crate::components::EntrySummary;
use crate::i18n::{texts, Lang};
use crate::pages::layout::{load_failure, Page};
use domain::portfolio::{EntryView, Move};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn PortfolioPage() -> impl IntoView {
    let move_action = ServerAction::<MoveEntry>::new();
    let query = use_query_map();
    // `?page=2` is the second page of ENTRIES_PER_PAGE (1 when absent or not a number).
    let page = Memo::new(move |_| {
        query.with(|q| {
            q.get("page")
                .and_then(|p| p.parse::<u32>().ok())
                .unwrap_or(1)
                .max(1)
                - 1
        })
    });
    // Reloads after each move, so the list shows the new order without a full page load.
    let portfolio = Resource::new_blocking(
        move || (page.get(), move_action.version().get()),
        |(page, _)| get_entries_page(page),
    );
    let deleted = move || query.with(|q| q.get("supprime").is_some());
    view! {
        <Page title=|t| portfolio_texts(t.lang).title().to_owned() let:viewer>
            {
                let pt = portfolio_texts(viewer.lang);
                view! {
                    <h1 id="titre-page">{pt.title()}</h1>
                    <p class="lead">{pt.intro()}</p>
                    {deleted().then(|| view! { <p class="notice" role="status">{pt.deleted()}</p> })}
                    <PortfolioNav pt=pt current="/portfolio"/>
                }
            }
            <Suspense fallback=move || view! { <p>{texts(viewer.lang).loading()}</p> }>
                {move || Suspend::new(async move {
                    let t = texts(viewer.lang);
                    match portfolio.await {
                        Ok(data) => view! { <OrderedEntries lang=viewer.lang data=data move_action=move_action/> }.into_any(),
                        Err(error) => load_failure(t, error),
                    }
                })}
            </Suspense>
        </Page>
    }
}

#[component]
fn OrderedEntries(
    lang: Lang,
    data: EntriesPage,
    move_action: ServerAction<MoveEntry>,
) -> impl IntoView {
    let pt = portfolio_texts(lang);
    let (offset, total) = (data.offset, data.total);
    if data.entries.is_empty() && total > 0 {
        // Past the last page (an old link after deletions): back to the first.
        let back = pt.pager_first(total.min(i64::from(ENTRIES_PER_PAGE)));
        return view! { <p><a href="/portfolio">{back}</a></p> }.into_any();
    }
    if data.entries.is_empty() {
        return view! { <p data-testid="portfolio-empty">{pt.empty()}</p> }.into_any();
    }
    view! {
        <ol class="entries" data-testid="entries">
            {data
                .entries
                .into_iter()
                .enumerate()
                .map(|(index, entry)| {
                    let id = entry.id.get();
                    let title = entry.title.clone();
                    view! {
                        <li class="entry-card" data-entry-id=id.to_string()>
                            <EntrySummary pt=pt lang=lang entry=entry/>
                            <div class="entry-actions">
                                {(offset + index as i64 > 0).then(|| view! {
                                    <MoveButton pt=pt id=id title=title.clone() direction=Move::Up move_action=move_action/>
                                })}
                                {(offset + (index as i64) + 1 < total).then(|| view! {
                                    <MoveButton pt=pt id=id title=title.clone() direction=Move::Down move_action=move_action/>
                                })}
                                <a class="button button-secondary" href=format!("/portfolio/entrees/{id}/modifier")>
                                    {pt.edit()}<span class="visually-hidden">{texts(lang).colon_value(&title)}</span>
                                </a>
                            </div>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
        <Pager pt=pt offset=offset total=total/>
    }
    .into_any()
}

/// « Entrées 51–100 sur 500 », with links to the pages before and after.
#[component]
fn Pager(pt: &'static PortfolioTexts, offset: i64, total: i64) -> impl IntoView {
    let per_page = i64::from(ENTRIES_PER_PAGE);
    if total <= per_page {
        return ().into_any();
    }
    let page = offset / per_page + 1;
    let last = (offset + per_page).min(total);
    let previous = (page > 1).then(|| format!("/portfolio?page={}", page - 1));
    let next = (last < total).then(|| format!("/portfolio?page={}", page + 1));
    view! {
        <nav class="pager" aria-label=pt.pager_label()>
            <p>{pt.pager_entries(offset + 1, last, total)}</p>
            <p>
                {previous.map(|href| view! { <a href=href rel="prev">{pt.pager_previous()}</a> })}
                {next.map(|href| view! { <a href=href rel="next">{pt.pager_next()}</a> })}
            </p>
        </nav>
    }
    .into_any()
}

#[component]
fn MoveButton(
    pt: &'static PortfolioTexts,
    id: i64,
    title: String,
    direction: Move,
    move_action: ServerAction<MoveEntry>,
) -> impl IntoView {
    let (label, value) = match direction {
        Move::Up => (pt.move_up(), "Up"),
        Move::Down => (pt.move_down(), "Down"),
    };
    view! {
        <ActionForm action=move_action attr:class="inline-form">
            <input type="hidden" name="id" value=id.to_string()/>
            <input type="hidden" name="direction" value=value/>
            <button type="submit" class="button button-secondary" data-move=value>
                {label}<span class="visually-hidden">{texts(pt.lang).colon_value(&title)}</span>
            </button>
        </ActionForm>
    }
}

#[component]
pub fn TimelinePage() -> impl IntoView {
    let portfolio = Resource::new_blocking(|| (), |_| get_portfolio());
    view! {
        <Page title=|t| portfolio_texts(t.lang).view_timeline().to_owned() let:viewer>
            {
                let pt = portfolio_texts(viewer.lang);
                view! {
                    <h1 id="titre-page">{format!("{} · {}", pt.title(), pt.view_timeline())}</h1>
                    <PortfolioNav pt=pt current="/portfolio/chronologie"/>
                }
            }
            <Suspense fallback=move || view! { <p>{texts(viewer.lang).loading()}</p> }>
                {move || Suspend::new(async move {
                    let t = texts(viewer.lang);
                    match portfolio.await {
                        Ok(data) => view! { <Timeline lang=viewer.lang entries=data.entries/> }.into_any(),
                        Err(error) => load_failure(t, error),
                    }
                })}
            </Suspense>
        </Page>
    }
}

#[component]
fn Timeline(lang: Lang, mut entries: Vec<EntryView>) -> impl IntoView {
    let pt = portfolio_texts(lang);
    if entries.is_empty() {
        return view! { <p>{pt.empty()}</p> }.into_any();
    }
    entries.sort_by(|a, b| b.started_on.cmp(&a.started_on).then(b.id.cmp(&a.id)));
    let mut years: Vec<(u16, Vec<EntryView>)> = Vec::new();
    for entry in entries {
        let year = entry.started_on.year();
        match years.last_mut() {
            Some((y, list)) if *y == year => list.push(entry),
            _ => years.push((year, vec![entry])),
        }
    }
    view! {
        <div class="timeline" data-testid="timeline">
            {years
                .into_iter()
                .map(|(year, entries)| view! {
                    <section aria-labelledby=format!("annee-{year}")>
                        <h2 id=format!("annee-{year}") class="timeline-year">{year.to_string()}</h2>
                        <ol class="entries">
                            {entries
                                .into_iter()
                                .map(|entry| view! {
                                    <li class="entry-card"><EntrySummary pt=pt lang=lang entry=entry nested=true/></li>
                                })
                                .collect_view()}
                        </ol>
                    </section>
                })
                .collect_view()}
        </div>
    }
    .into_any()
}
