//! `/partage/:token`: a showcase page as the holder of its secret link sees it — the page and
//! its entries, nothing else of the student's. Wrong, expired and revoked links all get the
//! same "no such page".

pub mod family;

use crate::components::{ReadOnlyEntry, SharedGuidancePlan, SharedPix};
use crate::error::PortalError;
use crate::i18n::{texts, Lang};
use crate::pages::layout::{set_status, Page};
use crate::pages::portfolio::texts::portfolio_texts;
use domain::portfolio::showcase::SharedPageView;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[server(prefix = "/api", endpoint = "shared_page")]
pub async fn get_shared_page(token: String) -> Result<SharedPageView, PortalError> {
    let portal = crate::ssr::portal()?;
    // Not a search result, not kept by a shared computer's cache.
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(
            http::header::HeaderName::from_static("x-robots-tag"),
            http::HeaderValue::from_static("noindex, nofollow"),
        );
        response.insert_header(
            http::header::CACHE_CONTROL,
            http::HeaderValue::from_static("no-store"),
        );
    }
    domain::portfolio::showcase_store::view_shared(&portal.db, &token)
        .await
        .map_err(|error| match error {
            domain::portfolio::showcase_store::ShowcaseError::NotFound => PortalError::NotFound,
            error => {
                tracing::error!(%error, "could not show a shared page");
                PortalError::Unavailable
            }
        })
}

#[component]
pub fn SharedPage() -> impl IntoView {
    let params = use_params_map();
    let token = Memo::new(move |_| params.with(|p| p.get("token").unwrap_or_default()));
    let page = Resource::new_blocking(move || token.get(), get_shared_page);
    view! {
        <Page title=|t| portfolio_texts(t.lang).shared_title().to_owned() let:viewer>
            <Suspense fallback=move || view! { <p>{texts(viewer.lang).loading()}</p> }>
                {move || Suspend::new(async move {
                    let lang = viewer.lang;
                    match page.await {
                        Ok(shared) => view! { <SharedView lang=lang shared=shared token=token.get_untracked()/> }.into_any(),
                        Err(PortalError::NotFound) => {
                            set_status(404);
                            view! {
                                <h1 id="titre-page">{portfolio_texts(lang).shared_title()}</h1>
                                <p role="alert" data-testid="shared-gone">{portfolio_texts(lang).shared_gone()}</p>
                            }.into_any()
                        }
                        Err(_) => view! { <p role="alert">{texts(lang).unavailable()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
}

#[component]
fn SharedView(lang: Lang, shared: SharedPageView, token: String) -> impl IntoView {
    let pt = portfolio_texts(lang);
    view! {
        <article data-testid="shared-page" aria-labelledby="titre-page">
            <h1 id="titre-page">{shared.title.clone()}</h1>
            <p class="lead">{pt.shared_by(&shared.author)}</p>
            {(!shared.intro.is_empty()).then(|| view! { <p class="prose">{shared.intro.clone()}</p> })}
            <ol class="entries">
                {shared.entries.into_iter().map(|entry| view! {
                    <li class="entry-card">
                        <ReadOnlyEntry lang=lang entry=entry files_base=format!("/partage/{token}/preuves")/>
                    </li>
                }).collect_view()}
            </ol>
            {shared.pix.map(|history| view! { <SharedPix lang=lang history=history/> })}
            {shared.plan.map(|plan| view! { <SharedGuidancePlan lang=lang plan=plan/> })}
        </article>
    }
}
