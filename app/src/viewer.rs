//! Who is looking at the page, in which language, on which kind of instance: what every page
//! needs before it renders. Loaded once per full page load and shared through context.

use crate::error::PortalError;
use crate::i18n::Lang;
use domain::identity::{AccountView, Role};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub lang: Lang,
    pub demo_mode: bool,
    pub account: Option<AccountView>,
}

/// A way to sign in, as the sign-in page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderOption {
    pub id: String,
    pub label: String,
}

/// A demo account offered on the sign-in page of a demo instance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoAccountOption {
    pub key: String,
    pub given_name: String,
    pub family_name: String,
    pub role: Role,
    /// A demo pupil's birth date, shown so the demo guardian can link to her.
    pub birth_date: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct SignInOptions {
    pub providers: Vec<ProviderOption>,
    pub demo_accounts: Vec<DemoAccountOption>,
    /// Whether this instance offers passkeys (it needs a host name, not an IP address).
    pub passkeys: bool,
}

pub type ViewerResource = Resource<Result<Viewer, PortalError>>;

#[server(prefix = "/api", endpoint = "viewer")]
pub async fn get_viewer() -> Result<Viewer, PortalError> {
    // Every page asks who is signed in: where the render-deadline test stops them all.
    domain::fault::point("page.viewer").await;
    let portal = crate::ssr::portal()?;
    let lang = crate::ssr::request_lang();
    let account = crate::ssr::current_account(&portal).await?;
    if let Some(account) = &account {
        crate::ssr::authorize(account, domain::policy::Action::ReadProfile, account.id)?;
    }
    Ok(Viewer {
        lang,
        demo_mode: portal.demo_mode,
        account,
    })
}

#[server(prefix = "/api", endpoint = "sign_in_options")]
pub async fn get_sign_in_options() -> Result<SignInOptions, PortalError> {
    // Public by nature: the sign-in page lists the ways in to anyone.
    Ok(crate::ssr::portal()?.sign_in.clone())
}
