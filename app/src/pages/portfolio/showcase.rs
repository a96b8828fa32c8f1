//! `/portfolio/pages` (the student's showcase pages) and `/portfolio/pages/:id` (compose a page
//! from entries, share it by secret link, see how often each link was used, revoke it).

use super::texts::{portfolio_texts, PortfolioTexts};
use crate::error::PortalError;
use crate::i18n::{texts, Lang};
use crate::pages::layout::{load_failure, Page};
use domain::portfolio::feedback::Person;
use domain::portfolio::showcase::{
    LinkLifetime, LinkView, PageId, PageProblem, PageSummary, PageView, RawPage,
};
use domain::time::format_paris;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

mod sharing;
pub use sharing::{CreateLink, GrantPage, RevokeLink};
use sharing::{LinksTable, PeopleSharing};

#[cfg(feature = "ssr")]
const REFUSED_PAGE: &str = "refused_page";
#[cfg(feature = "ssr")]
const NEW_LINK: &str = "new_link";

/// The problems of a page form refused without JavaScript, for page `id` (none: a new page).
#[cfg(feature = "ssr")]
async fn take_refused_page(
    session: &tower_sessions::Session,
    id: Option<PageId>,
) -> Vec<PageProblem> {
    crate::ssr::flash_take::<(Option<PageId>, Vec<PageProblem>)>(session, REFUSED_PAGE)
        .await
        .filter(|(page, _)| *page == id)
        .map(|(_, problems)| problems)
        .unwrap_or_default()
}

/// The student's pages, and the problems of a new page refused without JavaScript.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PagesData {
    pub pages: Vec<PageSummary>,
    pub refused: Vec<PageProblem>,
}

#[server(prefix = "/api", endpoint = "showcase_pages")]
pub async fn get_pages() -> Result<PagesData, PortalError> {
    let crate::ssr::SignedIn {
        portal,
        account,
        session,
    } = crate::ssr::SignedIn::acting(domain::policy::Action::ReadPortfolio).await?;
    let pages = domain::portfolio::showcase_store::list(&portal.db, account.id).await?;
    Ok(PagesData {
        pages,
        refused: take_refused_page(&session, None).await,
    })
}

/// The answer to a page form: saved (the browser goes to the page), or the problems.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PageOutcome {
    Saved(PageId),
    Invalid(Vec<PageProblem>),
}

/// Creates (`id` absent) or replaces a page of the signed-in student's.
#[server(prefix = "/api", endpoint = "showcase_save")]
pub async fn save_page(id: Option<PageId>, page: RawPage) -> Result<PageOutcome, PortalError> {
    use domain::portfolio::showcase_store::{self as store, ShowcaseError};
    let plain_form = crate::ssr::without_javascript();
    let crate::ssr::SignedIn {
        portal,
        account,
        session,
    } = crate::ssr::SignedIn::acting(domain::policy::Action::EditPortfolio).await?;
    let saved = match id {
        None => store::create(&portal.db, account.id, &page).await,
        Some(id) => store::update(&portal.db, account.id, id, &page)
            .await
            .map(|()| id),
    };
    match saved {
        Ok(id) => {
            leptos_axum::redirect(&format!("/portfolio/pages/{id}"));
            Ok(PageOutcome::Saved(id))
        }
        // A 200, as for entries: the hydrated form shows the problems; without JavaScript
        // the browser goes back to the form, which shows them from the session.
        Err(ShowcaseError::Invalid(problems)) => {
            if plain_form {
                crate::ssr::flash_put(&session, REFUSED_PAGE, &(id, problems.clone())).await?;
                leptos_axum::redirect(&match id {
                    Some(id) => format!("/portfolio/pages/{id}"),
                    None => "/portfolio/pages".to_owned(),
                });
            }
            Ok(PageOutcome::Invalid(problems))
        }
        Err(error) => Err(error.into()),
    }
}

#[server(prefix = "/api", endpoint = "showcase_delete")]
pub async fn delete_page(id: PageId) -> Result<(), PortalError> {
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(domain::policy::Action::EditPortfolio).await?;
    domain::portfolio::showcase_store::delete(&portal.db, account.id, id).await?;
    leptos_axum::redirect("/portfolio/pages");
    Ok(())
}

/// A page to edit, with the student's entries to choose from (id, title).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageEditData {
    pub page: PageView,
    /// Counsellors of the student's school and guardians linked to the student (whom the page
    /// may be shared with), and those it is shared with.
    pub counsellors: Vec<Person>,
    pub guardians: Vec<Person>,
    pub grants: Vec<Person>,
    pub entries: Vec<(i64, String)>,
    pub now: i64,
    /// Without JavaScript: the problems of the refused form, the address of the link just made.
    pub refused: Vec<PageProblem>,
    pub new_link: Option<String>,
}

#[server(prefix = "/api", endpoint = "showcase_page")]
pub async fn get_page(id: PageId) -> Result<PageEditData, PortalError> {
    let secrets = crate::ssr::OnceSecrets::from_request();
    let crate::ssr::SignedIn {
        portal,
        account,
        session,
    } = crate::ssr::SignedIn::acting(domain::policy::Action::ReadPortfolio).await?;
    let page = domain::portfolio::showcase_store::get(&portal.db, account.id, id)
        .await?
        .ok_or(PortalError::NotFound)?;
    let entries = domain::portfolio::store::list(&portal.db, account.id)
        .await
        .map_err(|error| {
            tracing::error!(%error, "could not list the entries");
            PortalError::Unavailable
        })?
        .into_iter()
        .map(|e| (e.id.get(), e.title))
        .collect();
    let counsellors = domain::portfolio::feedback_store::counsellors_for(&portal.db, account.id)
        .await
        .map_err(|error| {
            tracing::error!(%error, "could not list the counsellors");
            PortalError::Unavailable
        })?;
    let guardians = domain::sharing::guardianship_store::live_guardians(&portal.db, account.id)
        .await
        .map_err(|error| {
            tracing::error!(%error, "could not list the guardians");
            PortalError::Unavailable
        })?;
    let grants = domain::portfolio::feedback_store::grants(&portal.db, account.id, page.id)
        .await
        .map_err(|error| {
            tracing::error!(%error, "could not list the grants");
            PortalError::Unavailable
        })?;
    Ok(PageEditData {
        page,
        counsellors,
        guardians,
        grants,
        entries,
        now: domain::db::now_unix(),
        refused: take_refused_page(&session, Some(id)).await,
        new_link: secrets
            .take::<(PageId, String)>(account.id, NEW_LINK)
            .filter(|(page, _)| *page == id)
            .map(|(_, url)| url),
    })
}

fn problems_view(lang: Lang, problems: Vec<PageProblem>) -> impl IntoView {
    let pt = portfolio_texts(lang);
    (!problems.is_empty()).then(|| view! {
        <div class="error-summary" data-testid="page-errors">
            <p><strong>{pt.page_errors_title()}</strong></p>
            <ul>{problems.into_iter().map(|p| view! { <li>{portfolio_texts(lang).page_problem(p)}</li> }).collect_view()}</ul>
        </div>
    })
}

#[component]
pub fn PagesPage() -> impl IntoView {
    let create = ServerAction::<SavePage>::new();
    let data = Resource::new_blocking(|| (), |_| get_pages());
    view! {
        <Page title=|t| portfolio_texts(t.lang).pages_title().to_owned() let:viewer>
            <p class="breadcrumb"><a href="/portfolio">{portfolio_texts(viewer.lang).back_to_portfolio()}</a></p>
            <h1 id="titre-page">{portfolio_texts(viewer.lang).pages_title()}</h1>
            <p class="lead">{portfolio_texts(viewer.lang).pages_intro()}</p>
            <Suspense fallback=move || view! { <p>{texts(viewer.lang).loading()}</p> }>
                {move || Suspend::new(async move {
                    let lang = viewer.lang;
                    let pt = portfolio_texts(lang);
                    match data.await {
                        Ok(data) => {
                            let refused = data.refused;
                            let problems = move || match create.value().get() {
                                Some(Ok(PageOutcome::Invalid(problems))) => problems,
                                Some(_) => Vec::new(),
                                None => refused.clone(),
                            };
                            view! {
                                <ActionForm action=create attr:class="entry-form" attr:novalidate=true>
                                    <div role="alert">{move || problems_view(lang, problems())}</div>
                                    <div class="field">
                                        <label for="nouvelle-page-titre">{pt.page_new_title()}</label>
                                        <input id="nouvelle-page-titre" type="text" name="page[title]" maxlength="120" required=true/>
                                    </div>
                                    <button type="submit" class="button button-primary" data-testid="create-page">{pt.page_create()}</button>
                                </ActionForm>
                                {if data.pages.is_empty() {
                                    view! { <p>{pt.pages_empty()}</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="entries" data-testid="pages">
                                            {data.pages.into_iter().map(|page| view! {
                                                <li class="entry-card">
                                                    <h2 class="entry-title"><a href=format!("/portfolio/pages/{}", page.id)>{page.title}</a></h2>
                                                    <p class="entry-meta">
                                                        <span>{pt.entries_count(page.entry_count)}</span>
                                                        <span>{pt.page_active_links(page.active_links)}</span>
                                                    </p>
                                                </li>
                                            }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                            }.into_any()
                        }
                        Err(error) => load_failure(texts(lang), error),
                    }
                })}
            </Suspense>
        </Page>
    }
}

#[component]
pub fn ShowcasePage() -> impl IntoView {
    let params = use_params_map();
    let id =
        Memo::new(move |_| params.with(|p| p.get("id").and_then(|id| id.parse::<PageId>().ok())));
    let revoke = ServerAction::<RevokeLink>::new();
    let link = ServerAction::<CreateLink>::new();
    let grant = ServerAction::<GrantPage>::new();
    let save = ServerAction::<SavePage>::new();
    // Reloaded after a save that succeeded (the positions shown become the page's), not after
    // a refused one (that would wipe what was typed beside the problems).
    let saves = Memo::new(move |previous: Option<&usize>| {
        let version = save.version().get();
        match save.value().get() {
            Some(Ok(PageOutcome::Saved(_))) => version,
            _ => previous.copied().unwrap_or(0),
        }
    });
    let data = Resource::new_blocking(
        move || {
            (
                id.get(),
                revoke.version().get(),
                link.version().get(),
                grant.version().get(),
                saves.get(),
            )
        },
        |(id, _, _, _, _)| async move {
            match id {
                Some(id) => get_page(id).await,
                None => Err(PortalError::NotFound),
            }
        },
    );
    view! {
        <Page title=|t| portfolio_texts(t.lang).pages_title().to_owned() let:viewer>
            <p class="breadcrumb"><a href="/portfolio/pages">{portfolio_texts(viewer.lang).pages_title()}</a></p>
            <Suspense fallback=move || view! { <p>{texts(viewer.lang).loading()}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(data) => view! { <PageEditor lang=viewer.lang data=data save=save revoke=revoke link=link grant=grant/> }.into_any(),
                        Err(error) => view! {
                            <h1 id="titre-page">{portfolio_texts(viewer.lang).pages_title()}</h1>
                            {load_failure(texts(viewer.lang), error)}
                        }.into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
}

#[component]
fn PageEditor(
    lang: Lang,
    data: PageEditData,
    save: ServerAction<SavePage>,
    revoke: ServerAction<RevokeLink>,
    link: ServerAction<CreateLink>,
    grant: ServerAction<GrantPage>,
) -> impl IntoView {
    let pt = portfolio_texts(lang);
    let delete = ServerAction::<DeletePage>::new();
    let page = data.page;
    let id = page.id.get();
    let refused = data.refused;
    let problems = move || match save.value().get() {
        Some(Ok(PageOutcome::Invalid(problems))) => problems,
        Some(_) => Vec::new(),
        None => refused.clone(),
    };
    let made_without_javascript = data.new_link;
    let new_link = move || {
        let url = match link.value().get() {
            Some(made) => made.ok(),
            None => made_without_javascript.clone(),
        };
        url.map(|url| {
            view! {
                <div class="notice" role="status">
                    <label for="nouveau-lien">{pt.link_created()}</label>
                    <input id="nouveau-lien" type="text" readonly=true value=url class="link-output" data-testid="new-link"/>
                    <p class="hint">{pt.link_created_hint()}</p>
                </div>
            }
        })
    };
    view! {
        <h1 id="titre-page">{page.title.clone()}</h1>
        <ActionForm action=save attr:class="entry-form" attr:novalidate=true>
            <input type="hidden" name="id" value=id.to_string()/>
            <div role="alert">{move || problems_view(lang, problems())}</div>
            <div class="field">
                <label for="page-titre">{pt.entry_title()}</label>
                <input id="page-titre" type="text" name="page[title]" value=page.title.clone() maxlength="120" required=true/>
            </div>
            <div class="field">
                <label for="page-intro">{pt.page_intro_label()}</label>
                <textarea id="page-intro" name="page[intro]" rows="4" maxlength="4000">{page.intro.clone()}</textarea>
            </div>
            <fieldset class="competences">
                <legend>{pt.page_entries()}</legend>
                {if data.entries.is_empty() {
                    view! { <p>{pt.empty()}</p> }.into_any()
                } else {
                    let rows = data.entries.iter().map(|(entry, title)| {
                        let box_id = format!("page-entree-{entry}");
                        let position_id = format!("page-position-{entry}");
                        let position = page.entries.iter().position(|e| e.get() == *entry);
                        view! {
                            <div class="checkbox-row">
                                <input type="checkbox" id=box_id.clone() name=format!("page[entries][{entry}]") value="on" checked=position.is_some()/>
                                <label for=box_id class="grow">{title.clone()}</label>
                                <label for=position_id.clone() class="position-label">
                                    {pt.page_position()}
                                    <span class="visually-hidden">{format!(" — {title}")}</span>
                                </label>
                                <input
                                    type="number"
                                    id=position_id
                                    class="position-input"
                                    name=format!("page[order][{entry}]")
                                    min="1"
                                    max="10000"
                                    inputmode="numeric"
                                    value=position.map(|p| (p + 1).to_string()).unwrap_or_default()
                                />
                            </div>
                        }
                    }).collect_view();
                    view! {
                        <p class="hint">{pt.page_order_hint()}</p>
                        {rows}
                    }.into_any()
                }}
            </fieldset>
            <div class="checkbox-row">
                <input type="checkbox" id="page-pix" name="page[pix]" value="on" checked=page.shows_pix/>
                <label for="page-pix">{crate::pages::pix::texts::pix_texts(lang).show_on_page()}</label>
            </div>
            <div class="checkbox-row">
                <input type="checkbox" id="page-plan" name="page[plan]" value="on" checked=page.shows_plan/>
                <label for="page-plan">{crate::pages::guidance::texts::guidance_texts(lang).plan_show_on_page()}</label>
            </div>
            <button type="submit" class="button button-primary" data-testid="save-page">{pt.save()}</button>
        </ActionForm>

        <PeopleSharing lang=lang page=id counsellors=data.counsellors guardians=data.guardians grants=data.grants grant=grant/>

        <section aria-labelledby="partage-titre" class="sharing">
            <h2 id="partage-titre">{pt.share_title()}</h2>
            <p>{pt.share_intro()}</p>
            <ActionForm action=link attr:class="inline-form">
                <input type="hidden" name="id" value=id.to_string()/>
                <label for="duree-lien">{pt.link_lifetime_label()}</label>
                <select id="duree-lien" name="lifetime">
                    {LinkLifetime::ALL.iter().copied().map(|l| view! {
                        <option value=format!("{l:?}") selected=l == LinkLifetime::Month>{portfolio_texts(lang).link_lifetime(l)}</option>
                    }).collect_view()}
                </select>
                <button type="submit" class="button" data-testid="create-link">{pt.link_create()}</button>
            </ActionForm>
            {new_link}
            <LinksTable lang=lang links=page.links now=data.now revoke=revoke/>
        </section>

        <details class="danger-zone">
            <summary>{pt.page_delete()}</summary>
            <p>{pt.delete_confirm_intro()}</p>
            <ActionForm action=delete>
                <input type="hidden" name="id" value=id.to_string()/>
                <button type="submit" class="button button-danger">{pt.delete_confirm()}</button>
            </ActionForm>
        </details>
    }
}
