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

#[cfg(feature = "ssr")]
fn showcase_failure(error: domain::portfolio::showcase_store::ShowcaseError) -> PortalError {
    use domain::portfolio::showcase_store::ShowcaseError as E;
    match error {
        E::NotFound => PortalError::NotFound,
        E::Invalid(_) => PortalError::Unavailable,
        error => {
            tracing::error!(%error, "showcase storage failed");
            PortalError::Unavailable
        }
    }
}

#[cfg(feature = "ssr")]
const REFUSED_PAGE: &str = "refused_page";
#[cfg(feature = "ssr")]
const NEW_LINK: &str = "new_link";

/// The problems of a page form refused without JavaScript, for page `id` (none: a new page).
#[cfg(feature = "ssr")]
async fn take_refused_page(session: &tower_sessions::Session, id: Option<i64>) -> Vec<PageProblem> {
    crate::ssr::flash_take::<(Option<i64>, Vec<PageProblem>)>(session, REFUSED_PAGE)
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
    let (portal, account, session) =
        crate::ssr::acting_in_session(domain::policy::Action::ReadPortfolio).await?;
    let pages = domain::portfolio::showcase_store::list(&portal.db, account.id)
        .await
        .map_err(showcase_failure)?;
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
pub async fn save_page(id: Option<i64>, page: RawPage) -> Result<PageOutcome, PortalError> {
    use domain::portfolio::showcase_store::{self as store, ShowcaseError};
    let plain_form = crate::ssr::without_javascript();
    let (portal, account, session) =
        crate::ssr::acting_in_session(domain::policy::Action::EditPortfolio).await?;
    let saved = match id {
        None => store::create(&portal.db, account.id, &page).await,
        Some(id) => {
            let id = PageId::from_db(id);
            store::update(&portal.db, account.id, id, &page)
                .await
                .map(|()| id)
        }
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
        Err(error) => Err(showcase_failure(error)),
    }
}

#[server(prefix = "/api", endpoint = "showcase_delete")]
pub async fn delete_page(id: i64) -> Result<(), PortalError> {
    let (portal, account) = crate::ssr::acting(domain::policy::Action::EditPortfolio).await?;
    domain::portfolio::showcase_store::delete(&portal.db, account.id, PageId::from_db(id))
        .await
        .map_err(showcase_failure)?;
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
pub async fn get_page(id: i64) -> Result<PageEditData, PortalError> {
    let secrets = crate::ssr::OnceSecrets::from_request();
    let (portal, account, session) =
        crate::ssr::acting_in_session(domain::policy::Action::ReadPortfolio).await?;
    let page = domain::portfolio::showcase_store::get(&portal.db, account.id, PageId::from_db(id))
        .await
        .map_err(showcase_failure)?
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
            .take::<(i64, String)>(NEW_LINK)
            .filter(|(page, _)| *page == id)
            .map(|(_, url)| url),
    })
}

/// Creates a secret link; answers its address, shown once.
#[server(prefix = "/api", endpoint = "showcase_link")]
pub async fn create_link(id: i64, lifetime: LinkLifetime) -> Result<String, PortalError> {
    let plain_form = crate::ssr::without_javascript();
    let secrets = crate::ssr::OnceSecrets::from_request();
    let (portal, account) = crate::ssr::acting(domain::policy::Action::SharePortfolio).await?;
    let token = domain::portfolio::showcase_store::create_link(
        &portal.db,
        account.id,
        PageId::from_db(id),
        lifetime,
    )
    .await
    .map_err(showcase_failure)?;
    let url = format!(
        "{}/partage/{token}",
        portal.public_url.trim_end_matches('/')
    );
    // Without JavaScript the browser reloads the page, which shows the link once from here.
    if plain_form {
        secrets.put(NEW_LINK, &(id, url.clone()))?;
    }
    Ok(url)
}

/// Shares the page with a counsellor of the student's school or a linked guardian (`share`
/// true), or stops.
#[server(prefix = "/api", endpoint = "showcase_grant")]
pub async fn grant_page(id: i64, grantee: i64, share: bool) -> Result<(), PortalError> {
    use domain::portfolio::feedback_store as store;
    let (portal, account) = crate::ssr::acting(domain::policy::Action::SharePortfolio).await?;
    let page = PageId::from_db(id);
    let done = if share {
        store::grant(&portal.db, account.id, page, grantee).await
    } else {
        store::revoke_grant(&portal.db, account.id, page, grantee).await
    };
    done.map_err(|error| match error {
        store::FeedbackError::NotFound => PortalError::NotFound,
        error => {
            tracing::error!(%error, "could not change a page grant");
            PortalError::Unavailable
        }
    })
}

#[server(prefix = "/api", endpoint = "showcase_revoke")]
pub async fn revoke_link(link: i64) -> Result<(), PortalError> {
    let (portal, account) = crate::ssr::acting(domain::policy::Action::SharePortfolio).await?;
    domain::portfolio::showcase_store::revoke_link(&portal.db, account.id, link)
        .await
        .map_err(showcase_failure)?;
    Ok(())
}

fn problems_view(lang: Lang, problems: Vec<PageProblem>) -> impl IntoView {
    let pt = portfolio_texts(lang);
    (!problems.is_empty()).then(|| view! {
        <div class="error-summary" data-testid="page-errors">
            <p><strong>{pt.page_errors_title}</strong></p>
            <ul>{problems.into_iter().map(|p| view! { <li>{p.message(lang)}</li> }).collect_view()}</ul>
        </div>
    })
}

#[component]
pub fn PagesPage() -> impl IntoView {
    let create = ServerAction::<SavePage>::new();
    let data = Resource::new_blocking(|| (), |_| get_pages());
    view! {
        <Page title=|t| portfolio_texts(t.lang).pages_title.to_owned() let:viewer>
            <p class="breadcrumb"><a href="/portfolio">{portfolio_texts(viewer.lang).back_to_portfolio}</a></p>
            <h1 id="titre-page">{portfolio_texts(viewer.lang).pages_title}</h1>
            <p class="lead">{portfolio_texts(viewer.lang).pages_intro}</p>
            <Suspense fallback=move || view! { <p>{texts(viewer.lang).loading}</p> }>
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
                                        <label for="nouvelle-page-titre">{pt.page_new_title}</label>
                                        <input id="nouvelle-page-titre" type="text" name="page[title]" maxlength="120" required=true/>
                                    </div>
                                    <button type="submit" class="button button-primary" data-testid="create-page">{pt.page_create}</button>
                                </ActionForm>
                                {if data.pages.is_empty() {
                                    view! { <p>{pt.pages_empty}</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="entries" data-testid="pages">
                                            {data.pages.into_iter().map(|page| view! {
                                                <li class="entry-card">
                                                    <h2 class="entry-title"><a href=format!("/portfolio/pages/{}", page.id)>{page.title}</a></h2>
                                                    <p class="entry-meta">
                                                        <span>{format!("{} {}", page.entry_count, pt.entries_count)}</span>
                                                        <span>{format!("{} {}", page.active_links, pt.page_active_links)}</span>
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
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok())));
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
        <Page title=|t| portfolio_texts(t.lang).pages_title.to_owned() let:viewer>
            <p class="breadcrumb"><a href="/portfolio/pages">{portfolio_texts(viewer.lang).pages_title}</a></p>
            <Suspense fallback=move || view! { <p>{texts(viewer.lang).loading}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(data) => view! { <PageEditor lang=viewer.lang data=data save=save revoke=revoke link=link grant=grant/> }.into_any(),
                        Err(error) => view! {
                            <h1 id="titre-page">{portfolio_texts(viewer.lang).pages_title}</h1>
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
                    <label for="nouveau-lien">{pt.link_created}</label>
                    <input id="nouveau-lien" type="text" readonly=true value=url class="link-output" data-testid="new-link"/>
                    <p class="hint">{pt.link_created_hint}</p>
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
                <label for="page-titre">{pt.entry_title}</label>
                <input id="page-titre" type="text" name="page[title]" value=page.title.clone() maxlength="120" required=true/>
            </div>
            <div class="field">
                <label for="page-intro">{pt.page_intro_label}</label>
                <textarea id="page-intro" name="page[intro]" rows="4" maxlength="4000">{page.intro.clone()}</textarea>
            </div>
            <fieldset class="competences">
                <legend>{pt.page_entries}</legend>
                {if data.entries.is_empty() {
                    view! { <p>{pt.empty}</p> }.into_any()
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
                                    {pt.page_position}
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
                        <p class="hint">{pt.page_order_hint}</p>
                        {rows}
                    }.into_any()
                }}
            </fieldset>
            <div class="checkbox-row">
                <input type="checkbox" id="page-pix" name="page[pix]" value="on" checked=page.shows_pix/>
                <label for="page-pix">{crate::pages::pix::texts::pix_texts(lang).show_on_page}</label>
            </div>
            <button type="submit" class="button button-primary" data-testid="save-page">{pt.save}</button>
        </ActionForm>

        <PeopleSharing lang=lang page=id counsellors=data.counsellors guardians=data.guardians grants=data.grants grant=grant/>

        <section aria-labelledby="partage-titre" class="sharing">
            <h2 id="partage-titre">{pt.share_title}</h2>
            <p>{pt.share_intro}</p>
            <ActionForm action=link attr:class="inline-form">
                <input type="hidden" name="id" value=id.to_string()/>
                <label for="duree-lien">{pt.link_lifetime}</label>
                <select id="duree-lien" name="lifetime">
                    {LinkLifetime::ALL.into_iter().map(|l| view! {
                        <option value=format!("{l:?}") selected=l == LinkLifetime::Month>{l.label(lang)}</option>
                    }).collect_view()}
                </select>
                <button type="submit" class="button" data-testid="create-link">{pt.link_create}</button>
            </ActionForm>
            {new_link}
            <LinksTable lang=lang links=page.links now=data.now revoke=revoke/>
        </section>

        <details class="danger-zone">
            <summary>{pt.page_delete}</summary>
            <p>{pt.delete_confirm_intro}</p>
            <ActionForm action=delete>
                <input type="hidden" name="id" value=id.to_string()/>
                <button type="submit" class="button button-danger">{pt.delete_confirm}</button>
            </ActionForm>
        </details>
    }
}

/// Sharing with counsellors of the student's school (who can then comment and verify) and
/// with linked guardians (who can read).
#[component]
fn PeopleSharing(
    lang: Lang,
    page: i64,
    counsellors: Vec<Person>,
    guardians: Vec<Person>,
    grants: Vec<Person>,
    grant: ServerAction<GrantPage>,
) -> impl IntoView {
    let pt = portfolio_texts(lang);
    let not_granted = |people: Vec<Person>| -> Vec<Person> {
        people
            .into_iter()
            .filter(|c| !grants.iter().any(|g| g.id == c.id))
            .collect()
    };
    let counsellors = not_granted(counsellors);
    let guardians = not_granted(guardians);
    let options = |label: &'static str, people: Vec<Person>| {
        (!people.is_empty()).then(|| view! {
            <optgroup label=label>
                {people.into_iter().map(|c| view! { <option value=c.id.to_string()>{c.name}</option> }).collect_view()}
            </optgroup>
        })
    };
    view! {
        <section aria-labelledby="partage-conseil" class="sharing">
            <h2 id="partage-conseil">{pt.share_with_title}</h2>
            <p>{pt.share_with_intro}</p>
            {if grants.is_empty() {
                view! { <p class="muted">{pt.share_with_nobody}</p> }.into_any()
            } else {
                view! {
                    <ul data-testid="grants">
                        {grants.clone().into_iter().map(|person| {
                            let label = format!("{} : {}", pt.unshare, person.name);
                            view! {
                                <li>
                                    <span>{person.name.clone()}</span>
                                    <ActionForm action=grant attr:class="inline-form">
                                        <input type="hidden" name="id" value=page.to_string()/>
                                        <input type="hidden" name="grantee" value=person.id.to_string()/>
                                        <input type="hidden" name="share" value="false"/>
                                        <button type="submit" class="button button-secondary">{label}</button>
                                    </ActionForm>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {if counsellors.is_empty() && guardians.is_empty() {
                view! { <p class="muted">{pt.share_with_none}</p> }.into_any()
            } else {
                view! {
                    <ActionForm action=grant attr:class="inline-form">
                        <input type="hidden" name="id" value=page.to_string()/>
                        <input type="hidden" name="share" value="true"/>
                        <label for="conseiller">{pt.share_with_label}</label>
                        <select id="conseiller" name="grantee">
                            {options(pt.share_group_counsellors, counsellors)}
                            {options(pt.share_group_guardians, guardians)}
                        </select>
                        <button type="submit" class="button" data-testid="grant-page">{pt.share_with_button}</button>
                    </ActionForm>
                }.into_any()
            }}
            <p class="hint"><a href="/famille">{pt.share_family_hint}</a></p>
        </section>
    }
}

#[component]
fn LinksTable(
    lang: Lang,
    links: Vec<LinkView>,
    now: i64,
    revoke: ServerAction<RevokeLink>,
) -> impl IntoView {
    let pt: &'static PortfolioTexts = portfolio_texts(lang);
    if links.is_empty() {
        return view! { <p class="muted">{pt.links_none}</p> }.into_any();
    }
    view! {
        <div class="table-scroll" role="region" aria-labelledby="liens-legende" tabindex="0">
            <table class="journal" data-testid="links">
                <caption id="liens-legende">{pt.links_caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{pt.link_created_at}</th>
                        <th scope="col">{pt.link_state}</th>
                        <th scope="col">{pt.link_views}</th>
                        <th scope="col"><span class="visually-hidden">{pt.link_revoke}</span></th>
                    </tr>
                </thead>
                <tbody>
                    {links.into_iter().map(|link| {
                        let active = link.is_active(now);
                        let state = match (link.revoked_at, link.expires_at) {
                            (Some(at), _) => format!("{} {}", pt.link_revoked, format_paris(at)),
                            (None, Some(at)) if at <= now => format!("{} {}", pt.link_expired, format_paris(at)),
                            (None, Some(at)) => format!("{} {}", pt.link_expires, format_paris(at)),
                            (None, None) => pt.link_no_end.to_owned(),
                        };
                        let views = match link.last_viewed_at {
                            Some(at) => format!("{} ({} {})", link.views, pt.link_last_view, format_paris(at)),
                            None => link.views.to_string(),
                        };
                        let label = format!("{} ({})", pt.link_revoke, format_paris(link.created_at));
                        view! {
                            <tr data-active=active.to_string()>
                                <td>{format_paris(link.created_at)}</td>
                                <td>{state}</td>
                                <td>{views}</td>
                                <td>
                                    {active.then(|| view! {
                                        <ActionForm action=revoke attr:class="inline-form">
                                            <input type="hidden" name="link" value=link.id.to_string()/>
                                            <button type="submit" class="button button-secondary">{label}</button>
                                        </ActionForm>
                                    })}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
