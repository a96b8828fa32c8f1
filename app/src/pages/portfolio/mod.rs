//! The skills portfolio's pages: the student's entries in their own order, as a timeline, by
//! competence, one entry, and the entry form. Server functions here authorise, then call
//! `domain::portfolio`.

pub mod archive;
pub mod competences;
pub mod entries;
pub mod entry;
pub mod feedback;
pub mod form;
pub mod showcase;
pub mod texts;

use crate::error::PortalError;
use domain::portfolio::{EntryId, EntryView, FieldError, Move, OwnSkill, RawEntry};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use texts::PortfolioTexts;

/// What the portfolio pages show: the entries and the student's own skills.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortfolioData {
    pub entries: Vec<EntryView>,
    pub own_skills: Vec<OwnSkill>,
}

#[server(prefix = "/api", endpoint = "portfolio")]
pub async fn get_portfolio() -> Result<PortfolioData, PortalError> {
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(domain::policy::Action::ReadPortfolio).await?;
    let entries = domain::portfolio::store::list(&portal.db, account.id).await?;
    let own_skills = domain::portfolio::store::own_skills(&portal.db, account.id).await?;
    Ok(PortfolioData {
        entries,
        own_skills,
    })
}

/// The instance's evidence limits, as the upload form states them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceSettings {
    pub max_bytes: u64,
    pub max_per_entry: u64,
}

/// An entry's page: the entry, the student's own skills (for the edit form), the limits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryPageData {
    pub entry: EntryView,
    pub own_skills: Vec<OwnSkill>,
    pub evidence_limits: EvidenceSettings,
    pub feedback: feedback::EntryFeedback,
}

/// How many entries `/portfolio` shows at a time.
pub const ENTRIES_PER_PAGE: u32 = 50;

/// A page of the signed-in student's entries, in their order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntriesPage {
    pub entries: Vec<EntryView>,
    /// The first entry's rank in the whole portfolio (0-based), and how many there are.
    pub offset: i64,
    pub total: i64,
}

#[server(prefix = "/api", endpoint = "portfolio_page")]
pub async fn get_entries_page(page: u32) -> Result<EntriesPage, PortalError> {
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(domain::policy::Action::ReadPortfolio).await?;
    let (entries, total) =
        domain::portfolio::store::list_page(&portal.db, account.id, page, ENTRIES_PER_PAGE).await?;
    Ok(EntriesPage {
        entries,
        offset: i64::from(page) * i64::from(ENTRIES_PER_PAGE),
        total,
    })
}

/// One entry of the signed-in student's. Another student's entry is `NotFound`, exactly like
/// a missing one.
#[server(prefix = "/api", endpoint = "portfolio_entry")]
pub async fn get_entry(id: EntryId) -> Result<EntryPageData, PortalError> {
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(domain::policy::Action::ReadPortfolio).await?;
    let entry = domain::portfolio::store::get(&portal.db, account.id, id)
        .await?
        .ok_or(PortalError::NotFound)?;
    let own_skills = domain::portfolio::store::own_skills(&portal.db, account.id).await?;
    let feedback = feedback::owner_feedback(&portal.db, account.id, entry.id).await?;
    Ok(EntryPageData {
        feedback,
        entry,
        own_skills,
        evidence_limits: EvidenceSettings {
            max_bytes: portal.evidence_limits.max_bytes,
            max_per_entry: portal.evidence_limits.max_per_entry,
        },
    })
}

/// The answer to the entry form: saved (the browser is sent to the entry), or the problems.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SaveOutcome {
    Saved(EntryId),
    Invalid(Vec<FieldError>),
}

/// An entry form refused without JavaScript: what was typed and why, shown again by the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefusedEntry {
    pub id: Option<EntryId>,
    pub entry: RawEntry,
    pub problems: Vec<FieldError>,
}

#[cfg(feature = "ssr")]
const REFUSED_ENTRY: &str = "refused_entry";

/// The entry form refused without JavaScript for this entry (`id`) or a new one, if any.
#[server(prefix = "/api", endpoint = "portfolio_refused_entry")]
pub async fn take_refused_entry(id: Option<EntryId>) -> Result<Option<RefusedEntry>, PortalError> {
    let crate::ssr::SignedIn { session, .. } =
        crate::ssr::SignedIn::acting(domain::policy::Action::EditPortfolio).await?;
    Ok(
        crate::ssr::flash_take::<RefusedEntry>(&session, REFUSED_ENTRY)
            .await
            .filter(|refused| refused.id == id),
    )
}

/// Creates (`id` absent) or replaces an entry of the signed-in student's.
#[server(prefix = "/api", endpoint = "portfolio_save")]
pub async fn save_entry(id: Option<EntryId>, entry: RawEntry) -> Result<SaveOutcome, PortalError> {
    use domain::portfolio::store::{self, PortfolioError};
    let plain_form = crate::ssr::without_javascript();
    let crate::ssr::SignedIn {
        portal,
        account,
        session,
    } = crate::ssr::SignedIn::acting(domain::policy::Action::EditPortfolio).await?;
    let saved = match id {
        None => {
            store::create(
                &portal.db,
                account.id,
                &entry,
                domain::portfolio::frameworks::Frameworks::shipped(),
            )
            .await
        }
        Some(id) => store::update(
            &portal.db,
            account.id,
            id,
            &entry,
            domain::portfolio::frameworks::Frameworks::shipped(),
        )
        .await
        .map(|()| id),
    };
    match saved {
        Ok(id) => {
            leptos_axum::redirect(&format!("/portfolio/entrees/{id}"));
            Ok(SaveOutcome::Saved(id))
        }
        // A 200: the hydrated form's client reads any other status as a failed call and
        // would not show the problems. Without JavaScript the browser goes back to the form,
        // which shows what was typed and why it was refused.
        Err(PortfolioError::Invalid(errors)) => {
            if plain_form {
                let refused = RefusedEntry {
                    id,
                    entry,
                    problems: errors.clone(),
                };
                crate::ssr::flash_put(&session, REFUSED_ENTRY, &refused).await?;
                leptos_axum::redirect(&match id {
                    Some(id) => format!("/portfolio/entrees/{id}/modifier"),
                    None => "/portfolio/entrees/nouvelle".to_owned(),
                });
            }
            Ok(SaveOutcome::Invalid(errors))
        }
        Err(error) => Err(error.into()),
    }
}

#[server(prefix = "/api", endpoint = "portfolio_delete")]
pub async fn delete_entry(id: EntryId) -> Result<(), PortalError> {
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(domain::policy::Action::EditPortfolio).await?;
    let files = domain::portfolio::store::delete(&portal.db, account.id, id).await?;
    // The rows are gone (committed): now the files they named.
    domain::portfolio::evidence_store::delete_files(&portal.db, &portal.evidence, &files).await;
    leptos_axum::redirect("/portfolio?supprime=1");
    Ok(())
}

#[server(prefix = "/api", endpoint = "portfolio_move")]
pub async fn move_entry(id: EntryId, direction: Move) -> Result<(), PortalError> {
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(domain::policy::Action::EditPortfolio).await?;
    Ok(domain::portfolio::store::move_entry(&portal.db, account.id, id, direction).await?)
}

/// The links between the portfolio's views.
#[component]
pub fn PortfolioNav(pt: &'static PortfolioTexts, current: &'static str) -> impl IntoView {
    let links = [
        ("/portfolio", pt.view_order()),
        ("/portfolio/chronologie", pt.view_timeline()),
        ("/portfolio/competences", pt.view_competences()),
        ("/portfolio/pages", pt.pages_title()),
        ("/portfolio/exporter", pt.archive_title()),
    ];
    view! {
        <nav class="view-switch" aria-label=pt.views_label()>
            <ul>
                {links
                    .into_iter()
                    .map(|(href, label)| {
                        let here = (href == current).then_some("page");
                        view! { <li><a href=href aria-current=here>{label}</a></li> }
                    })
                    .collect_view()}
            </ul>
            <p><a class="button button-primary" href="/portfolio/entrees/nouvelle">{pt.new_entry()}</a></p>
        </nav>
    }
}
