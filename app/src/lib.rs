#![recursion_limit = "256"]

//! Sillage's pages: server-rendered HTML (they work without JavaScript), with islands
//! (`#[island]`) where JavaScript improves them; see docs/architecture.md.

pub mod components;
pub mod error;
pub mod i18n;
pub mod pages;
#[cfg(feature = "hydrate")]
pub mod passkeys_client;

#[cfg(feature = "hydrate")]
pub mod upload_client;
#[cfg(feature = "hydrate")]
pub mod vault_client;
pub mod viewer;

#[cfg(feature = "ssr")]
pub mod ssr;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

use pages::audit::journal::JournalPage;
use pages::guidance::explore::ExplorePage;
use pages::guidance::item::{FormationPageView, MetierPageView};
use pages::guidance::plan::PlanPage;
use pages::guidance::project::ProjectPage;
use pages::guidance::shared::{SharedPlanPage, SharedPlansPage};
use pages::home::HomePage;
use pages::identity::devices::DevicesPage;
use pages::identity::passkeys::PasskeysPage;
use pages::identity::sign_in::SignInPage;
use pages::identity::sign_in_error::SignInErrorPage;
use pages::layout::NotFound;
use pages::pix::school::{ClassPage, ImportPreviewPage};
use pages::pix::PixPage;
use pages::portfolio::archive::{ArchivePage, PrintPage};
use pages::portfolio::competences::{CompetencePage, CompetencesPage};
use pages::portfolio::entries::{PortfolioPage, TimelinePage};
use pages::portfolio::entry::EntryPage;
use pages::portfolio::feedback::GrantedPage;
use pages::portfolio::form::{EditEntryPage, NewEntryPage};
use pages::portfolio::showcase::{PagesPage, ShowcasePage};
use pages::sharing::family::FamilyPage;
use pages::sharing::SharedPage;
use pages::vault::lessons::LessonPage;
use pages::vault::VaultPage;
use viewer::{get_viewer, ViewerResource};

/// The HTML document around the app; rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let lang = {
        set_security_policy();
        ssr::request_lang()
    };
    #[cfg(not(feature = "ssr"))]
    let lang = i18n::Lang::default();
    // No hydration scripts here: pages with islands add them (components::IslandScripts).
    // What they would also do, for every page: resources read outside islands are not sent to
    // the browser (nothing there would read them).
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    provide_context(options);
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <link rel="icon" href="/favicon.ico" sizes="any"/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The page's Content-Security-Policy, carrying this response's nonce so that only Leptos's own
/// inline hydration scripts run. `wasm-unsafe-eval` lets the browser compile our WASM, nothing else.
#[cfg(feature = "ssr")]
fn set_security_policy() {
    use leptos::nonce::use_nonce;
    if let (Some(nonce), Some(response)) =
        (use_nonce(), use_context::<leptos_axum::ResponseOptions>())
    {
        let form_action = use_context::<ssr::PortalContext>()
            .map(|portal| portal.provider_origins.join(" "))
            .unwrap_or_default();
        let policy = format!(
            "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
             style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; \
             base-uri 'none'; form-action 'self' {form_action}; frame-ancestors 'none'"
        );
        if let Ok(value) = http::HeaderValue::from_str(&policy) {
            response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
        }
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let viewer: ViewerResource = Resource::new_blocking(|| (), |_| get_viewer());
    provide_context(viewer);
    #[cfg(feature = "ssr")]
    let stylesheet = use_context::<ssr::PortalContext>()
        .map(|portal| portal.stylesheet.clone())
        .unwrap_or_else(|| "/pkg/sillage.css".to_owned());
    #[cfg(not(feature = "ssr"))]
    let stylesheet = "/pkg/sillage.css".to_owned();

    view! {
        <Stylesheet id="leptos" href=stylesheet/>
        <Router>
            <Routes fallback=NotFound>
                <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                <Route path=path!("/connexion") view=SignInPage ssr=SsrMode::Async/>
                <Route path=path!("/erreur/:code") view=SignInErrorPage ssr=SsrMode::Async/>
                <Route path=path!("/journal") view=JournalPage ssr=SsrMode::Async/>
                <Route path=path!("/appareils") view=DevicesPage ssr=SsrMode::Async/>
                <Route path=path!("/cles-d-acces") view=PasskeysPage ssr=SsrMode::Async/>
                <Route path=path!("/portfolio") view=PortfolioPage ssr=SsrMode::Async/>
                <Route path=path!("/portfolio/chronologie") view=TimelinePage ssr=SsrMode::Async/>
                <Route path=path!("/portfolio/competences") view=CompetencesPage ssr=SsrMode::Async/>
                <Route path=path!("/portfolio/competences/:framework/:code") view=CompetencePage ssr=SsrMode::Async/>
                <Route path=path!("/portfolio/entrees/nouvelle") view=NewEntryPage ssr=SsrMode::Async/>
                <Route path=path!("/portfolio/entrees/:id") view=EntryPage ssr=SsrMode::Async/>
                <Route path=path!("/portfolio/entrees/:id/modifier") view=EditEntryPage ssr=SsrMode::Async/>
                <Route path=path!("/portfolio/pages") view=PagesPage ssr=SsrMode::Async/>
                <Route path=path!("/portfolio/exporter") view=ArchivePage ssr=SsrMode::Async/>
                <Route path=path!("/portfolio/imprimer") view=PrintPage ssr=SsrMode::Async/>
                <Route path=path!("/portfolio/pages/:id") view=ShowcasePage ssr=SsrMode::Async/>
                <Route path=path!("/partage/:token") view=SharedPage ssr=SsrMode::Async/>
                <Route path=path!("/partages-recus/:id") view=GrantedPage ssr=SsrMode::Async/>
                <Route path=path!("/famille") view=FamilyPage ssr=SsrMode::Async/>
                <Route path=path!("/pix") view=PixPage ssr=SsrMode::Async/>
                <Route path=path!("/pix/classe") view=ClassPage ssr=SsrMode::Async/>
                <Route path=path!("/pix/import/:draft") view=ImportPreviewPage ssr=SsrMode::Async/>
                <Route path=path!("/orientation") view=ExplorePage ssr=SsrMode::Async/>
                <Route path=path!("/orientation/projet") view=ProjectPage ssr=SsrMode::Async/>
                <Route path=path!("/orientation/plan") view=PlanPage ssr=SsrMode::Async/>
                <Route path=path!("/orientation/eleves") view=SharedPlansPage ssr=SsrMode::Async/>
                <Route path=path!("/orientation/eleves/:id") view=SharedPlanPage ssr=SsrMode::Async/>
                <Route path=path!("/orientation/metiers/:id") view=MetierPageView ssr=SsrMode::Async/>
                <Route path=path!("/orientation/formations/:id") view=FormationPageView ssr=SsrMode::Async/>
                <Route path=path!("/coffre-fort") view=VaultPage ssr=SsrMode::Async/>
                <Route path=path!("/coffre-fort/lecons/:slug") view=LessonPage ssr=SsrMode::Async/>
            </Routes>
        </Router>
    }
}
