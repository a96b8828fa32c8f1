//! Who is looking at the page, in which language, on which kind of instance: what every page
//! needs before it renders. Loaded once per full page load and shared through context.

use crate::error::PortalError;
use crate::i18n::Lang;
use domain::identity::{AccountView, SignInOptions};
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
