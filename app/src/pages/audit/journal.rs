//! `/journal`: "Mon journal d'accès" — who signed in to my account and who looked at my data.

use crate::error::PortalError;
use crate::i18n::{texts, Texts};
use crate::pages::layout::{load_failure, Page};
use crate::time::format_paris;
use domain::audit::{Actor, AuditEntryView};
use leptos::prelude::*;

/// How many lines the page shows (the newest).
pub const JOURNAL_PAGE_SIZE: i64 = 200;

#[server(prefix = "/api", endpoint = "my_journal")]
pub async fn get_my_journal() -> Result<Vec<AuditEntryView>, PortalError> {
    let portal = crate::ssr::portal()?;
    // Only the owner reads their journal: the account comes from the session, never a parameter.
    let account = crate::ssr::require_account(&portal).await?;
    crate::ssr::authorize(&account, domain::policy::Action::ReadJournal, account.id)?;
    domain::audit::for_owner(&portal.db, account.id, JOURNAL_PAGE_SIZE)
        .await
        .map_err(|error| {
            tracing::error!(%error, "could not read the journal");
            PortalError::Unavailable
        })
}

#[component]
pub fn JournalPage() -> impl IntoView {
    let journal = Resource::new_blocking(|| (), |_| get_my_journal());
    view! {
        <Page title=|t| t.journal_title.to_owned() let:viewer>
            <h1 id="titre-page">{texts(viewer.lang).journal_title}</h1>
            <p class="lead">{texts(viewer.lang).journal_intro}</p>
            <Suspense fallback=move || view! { <p>{texts(viewer.lang).loading}</p> }>
                {move || Suspend::new(async move {
                    let t = texts(viewer.lang);
                    match journal.await {
                        Ok(entries) => view! { <JournalTable t=t entries=entries/> }.into_any(),
                        Err(error) => load_failure(t, error),
                    }
                })}
            </Suspense>
        </Page>
    }
}

#[component]
fn JournalTable(t: &'static Texts, entries: Vec<AuditEntryView>) -> impl IntoView {
    if entries.is_empty() {
        return view! { <p>{t.journal_empty}</p> }.into_any();
    }
    view! {
        <div class="table-scroll" role="region" aria-labelledby="journal-caption" tabindex="0">
            <table class="journal" data-testid="journal">
                <caption id="journal-caption">{t.journal_caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.journal_when}</th>
                        <th scope="col">{t.journal_what}</th>
                        <th scope="col">{t.journal_who}</th>
                        <th scope="col">{t.journal_detail}</th>
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
                                        Actor::Owner => t.journal_yourself.to_owned(),
                                        Actor::Other(name) => name,
                                        Actor::Administration => t.journal_administration.to_owned(),
                                        Actor::LinkHolder => t.journal_link_holder.to_owned(),
                                    }}
                                </td>
                                <td>{entry.detail}</td>
                            </tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
