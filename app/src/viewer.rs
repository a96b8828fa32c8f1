//! Who is looking at the page, in which language, on which kind of instance: what every page
//! needs before it renders. Loaded once per full page load and shared through context.

use crate::error::PortalError;
use crate::i18n::Lang;
use domain::identity::{AccountView, Role, SignInOptions};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub lang: Lang,
    pub demo_mode: bool,
    pub account: Option<AccountView>,
}

pub type ViewerResource = Resource<Result<Viewer, PortalError>>;

#[server(prefix = "/api", endpoint = "viewer")]
pub async fn get_viewer() -> Result<Viewer, PortalError> {
    // Every page asks who is signed in: where the render-deadline test stops them all.
    domain::fault::point("page.viewer").await;
    let portal = crate::ssr::portal()?;
    let lang = crate::ssr::request_lang();
    let me = crate::ssr::SignedIn::if_any().await?;
    if let Some(me) = &me {
        me.may(domain::policy::Action::ReadProfile)?;
    }
    Ok(Viewer {
        lang,
        demo_mode: portal.demo_mode,
        account: me.map(|me| me.account),
    })
}

/// The ways into this instance, for the sign-in page.
#[server(prefix = "/api", endpoint = "sign_in_options")]
pub async fn get_sign_in_options() -> Result<SignInOptions, PortalError> {
    // Public by nature: the sign-in page lists the ways in to anyone.
    Ok(crate::ssr::portal()?.sign_in.clone())
}

/// What [`role_resource`] makes: `None` for a role that does not read it.
pub type RoleResource<T> = Resource<Option<T>>;

/// A resource of a page that only some roles read: `None` for the others (and for a visitor),
/// without asking the server.
///
/// A page makes its resources at its top, outside `<Page>`'s Suspense, and only awaits them
/// inside. A resource made inside a Suspense's children is made again each time the Suspense
/// walks them, and under load a render could then wait for one of them forever
/// (leptos-rs/leptos#4866): the integration tests saw it as `/` and `/coffre-fort` answering
/// the render deadline's 503 now and then, only on the pages that did so.
pub fn role_resource<T, F, Fut>(reads: fn(Role) -> bool, fetch: F) -> RoleResource<T>
where
    T: Clone + Send + Sync + Serialize + serde::de::DeserializeOwned + 'static,
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = T> + Send + 'static,
{
    let viewer = expect_context::<ViewerResource>();
    Resource::new_blocking(
        || (),
        move |_| {
            // A future does nothing until it is awaited: only the roles that read it ask.
            let fetch = fetch();
            async move {
                let viewer = viewer.await;
                let role = viewer.ok().and_then(|v| v.account).map(|a| a.role);
                match role {
                    Some(role) if reads(role) => Some(fetch.await),
                    _ => None,
                }
            }
        },
    )
}
