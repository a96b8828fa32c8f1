//! `/journal`: "Mon journal d'accès" — who signed in to my account and who looked at my data.

use super::texts::audit_texts;
use crate::error::PortalError;
use crate::i18n::{texts, Texts};
use crate::pages::layout::{load_failure, Page};
use domain::audit::{Actor, AuditAction, AuditEntryView};
use domain::time::format_paris;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// How many lines a page of the journal shows; older ones are a link away.
pub const JOURNAL_PAGE_SIZE: i64 = 50;

/// A page of my journal: the lines older than `before` (none: the newest), of one `kind`
/// (an action's code) or all.
#[server(prefix = "/api", endpoint = "my_journal")]
pub async fn get_my_journal(
    before: Option<i64>,
    kind: Option<String>,
) -> Result<Vec<AuditEntryView>, PortalError> {
    // Only the owner reads their journal: the account comes from the session, never a parameter.
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(domain::policy::Action::ReadJournal).await?;
    let action = match kind.as_deref().filter(|k| !k.is_empty()) {
        None => None,
        Some(code) => Some(AuditAction::parse(code).ok_or_else(|| {
            PortalError::BadRequest("Type de ligne inconnu. Unknown kind of line.".to_owned())
        })?),
    };
    // The views counted in hours that are over are written first, so the owner reads them.
    if let Err(error) = domain::audit::flush_coalesced(&portal.db, Some(account.id)).await {
        tracing::warn!(%error, "could not journal the coalesced views");
    }
    let query = domain::audit::JournalQuery {
        before,
        action,
        limit: JOURNAL_PAGE_SIZE,
    };
    domain::audit::for_owner(&portal.db, account.id, query)
        .await
        .map_err(|error| {
            tracing::error!(%error, "could not read the journal");
            PortalError::Unavailable
        })
}

#[component]
pub fn JournalPage() -> impl IntoView {
    let query = use_query_map();
    let asked = move || {
        query.with(|q| {
            let before = q.get("avant").and_then(|v| v.parse::<i64>().ok());
            // Only a known kind is kept: the address is anyone's to write.
            let kind = q.get("type").filter(|k| AuditAction::parse(k).is_some());
            (before, kind)
        })
    };
    let journal = Resource::new_blocking(asked, |(before, kind)| get_my_journal(before, kind));
    view! {
        <Page title=|t| t.journal_title().to_owned() let:viewer>
            <h1 id="titre-page">{texts(viewer.lang).journal_title()}</h1>
            <p class="lead">{texts(viewer.lang).journal_intro()}</p>
            <JournalFilter t=texts(viewer.lang) kind=asked().1/>
            <p><a href="/journal.csv" download="" rel="external" data-testid="journal-csv">{texts(viewer.lang).journal_csv()}</a></p>
            <Suspense fallback=move || view! { <p>{texts(viewer.lang).loading()}</p> }>
                {move || Suspend::new(async move {
                    let t = texts(viewer.lang);
                    let (before, kind) = asked();
                    match journal.await {
                        Ok(entries) => {
                            // A full page may have older lines behind it.
                            let older = (entries.len() as i64 == JOURNAL_PAGE_SIZE)
                                .then(|| entries.last().map(|e| e.seq))
                                .flatten();
                            let kind_query = kind.map(|k| format!("&type={k}")).unwrap_or_default();
                            view! {
                                <JournalTable t=t entries=entries/>
                                <p class="actions">
                                    {older.map(|seq| view! {
                                        <a class="button" href=format!("/journal?avant={seq}{kind_query}") data-testid="journal-older">{t.journal_older()}</a>
                                    })}
                                    {before.is_some().then(|| view! { <a href="/journal">{t.journal_newest()}</a> })}
                                </p>
                            }
                            .into_any()
                        }
                        Err(error) => load_failure(t, error),
                    }
                })}
            </Suspense>
        </Page>
    }
}

/// A plain GET form: filtering works without JavaScript.
#[component]
fn JournalFilter(t: &'static Texts, kind: Option<String>) -> impl IntoView {
    view! {
        <form method="get" action="/journal" class="journal-filter" data-testid="journal-filter">
            <label for="journal-type">{t.journal_filter()}</label>" "
            <select id="journal-type" name="type">
                <option value="" selected=kind.is_none()>{t.journal_all_kinds()}</option>
                {AuditAction::ALL
                    .iter()
                    .copied()
                    .map(|action| {
                        let selected = kind.as_deref() == Some(action.as_str());
                        view! { <option value=action.as_str() selected=selected>{t.audit_action(action)}</option> }
                    })
                    .collect_view()}
            </select>" "
            <button type="submit" class="button">{t.journal_show()}</button>
        </form>
    }
}

#[component]
fn JournalTable(t: &'static Texts, entries: Vec<AuditEntryView>) -> impl IntoView {
    if entries.is_empty() {
        return view! { <p>{t.journal_empty()}</p> }.into_any();
    }
    view! {
        <div class="table-scroll" role="region" aria-labelledby="journal-caption" tabindex="0">
            <table class="journal" data-testid="journal">
                <caption id="journal-caption">{t.journal_caption()}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.journal_when()}</th>
                        <th scope="col">{t.journal_what()}</th>
                        <th scope="col">{t.journal_who()}</th>
                        <th scope="col">{t.journal_detail()}</th>
                    </tr>
                </thead>
                <tbody>
                    {entries
                        .into_iter()
                        .map(|entry| view! {
                            <tr data-action=entry.action.as_str()>
                                <td>{format_paris(entry.occurred_at)}</td>
                                <td>{t.audit_action(entry.action)}</td>
                                <td>
                                    {match entry.actor {
                                        Actor::Owner => t.journal_yourself().to_owned(),
                                        Actor::Other(name) => name,
                                        Actor::Administration => t.journal_administration().to_owned(),
                                        Actor::LinkHolder => t.journal_link_holder().to_owned(),
                                    }}
                                </td>
                                <td>{audit_texts(t.lang).detail(&entry.detail)}</td>
                            </tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
