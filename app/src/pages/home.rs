//! `/`: the landing page before sign-in, then each role's home.

use super::layout::{Page, SignOutForm};
use crate::error::PortalError;
use crate::i18n::{texts, Texts};
use crate::pages::portfolio::feedback::{get_received_pages, ReceivedPages};
use crate::pages::sharing::family::{get_children, ChildrenData, GuardianFamily};
use crate::viewer::{role_resource, RoleResource, Viewer};
use domain::identity::{AccountView, Role, SchoolLevel};
use domain::portfolio::feedback::ReceivedPage;
use leptos::prelude::*;

/// What the homes read besides the viewer, each for the roles whose home shows it.
#[derive(Clone, Copy)]
struct HomeResources {
    school: RoleResource<Result<Option<String>, PortalError>>,
    children: RoleResource<Result<ChildrenData, PortalError>>,
    received: RoleResource<Result<Vec<ReceivedPage>, PortalError>>,
}

#[component]
pub fn HomePage() -> impl IntoView {
    // Made here and only awaited inside `<Page>` (see `role_resource`).
    let resources = HomeResources {
        school: role_resource(|role| role == Role::Student, get_my_school),
        children: role_resource(|role| role == Role::Guardian, get_children),
        received: role_resource(
            |role| matches!(role, Role::Guardian | Role::Counsellor | Role::Admin),
            get_received_pages,
        ),
    };
    view! {
        <Page title=|t| t.home().to_owned() let:viewer>
            {home_for(viewer, resources)}
        </Page>
    }
}

fn home_for(viewer: Viewer, resources: HomeResources) -> AnyView {
    let t = texts(viewer.lang);
    let HomeResources {
        school,
        children,
        received,
    } = resources;
    match viewer.account {
        None => view! { <Landing t=t/> }.into_any(),
        Some(account) => match account.role {
            Role::Student => view! { <StudentHome t=t account=account school=school/> }.into_any(),
            Role::Guardian => {
                view! { <GuardianHome t=t account=account children=children received=received/> }
                    .into_any()
            }
            Role::Counsellor | Role::Admin => {
                view! { <CounsellorHome t=t account=account received=received/> }.into_any()
            }
        },
    }
}

#[component]
fn Landing(t: &'static Texts) -> impl IntoView {
    view! {
        <section class="hero" aria-labelledby="titre-page">
            <h1 id="titre-page">{t.landing_title()}</h1>
            <p class="lead">{t.landing_intro()}</p>
            <p><a class="button button-primary" href="/connexion">{t.landing_cta()}</a></p>
        </section>
    }
}

/// The name of the signed-in pupil's school, when the portal knows it (else the page shows
/// its code).
#[server(prefix = "/api", endpoint = "my_school")]
pub async fn get_my_school() -> Result<Option<String>, PortalError> {
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(domain::policy::Action::ReadProfile).await?;
    let Some(uai) = account.school_uai.as_deref() else {
        return Ok(None);
    };
    domain::identity::store::school_name(&portal.db, uai)
        .await
        .map_err(|error| {
            tracing::error!(%error, "could not read the school's name");
            PortalError::Unavailable
        })
}

/// The school as a pupil reads it: its name, else its code; « not provided » without one.
fn school_line(t: &'static Texts, account: &AccountView, name: Option<String>) -> String {
    match (name, account.school_uai.as_ref()) {
        (Some(name), _) => name,
        (None, Some(uai)) => uai.clone(),
        (None, None) => t.not_provided().to_owned(),
    }
}

/// The level in words (« 3e », « Year 10 (3e) »), else as the identity provider wrote it.
fn level_line(t: &'static Texts, account: &AccountView) -> String {
    match account.school_level.as_deref() {
        None => t.not_provided().to_owned(),
        Some(raw) => match SchoolLevel::parse(raw).ok().and_then(|l| l.grade()) {
            Some(grade) => t.grade(grade).to_owned(),
            None => raw.to_owned(),
        },
    }
}

/// The profile; `school`, read for a pupil, adds their school's line.
#[component]
fn ProfileCard(
    t: &'static Texts,
    account: AccountView,
    school: Option<RoleResource<Result<Option<String>, PortalError>>>,
) -> impl IntoView {
    let full_name = format!("{} {}", account.given_name, account.family_name);
    let level = level_line(t, &account);
    let school_account = account.clone();
    view! {
        <section class="card profile" aria-labelledby="mon-profil">
            <h2 id="mon-profil">{t.my_profile()}</h2>
            <dl class="facts">
                <div><dt>{t.name_label()}</dt><dd data-testid="profile-name">{full_name}</dd></div>
                <div><dt>{t.role_label()}</dt><dd data-testid="profile-role">{t.role(account.role)}</dd></div>
                {school.map(|school| view! {
                    <div>
                        <dt>{t.school()}</dt>
                        <dd data-testid="profile-school">
                            <Suspense fallback=move || t.loading()>
                                {
                                    let account = school_account.clone();
                                    move || {
                                        let account = account.clone();
                                        Suspend::new(async move {
                                            // A failed read shows the code: the card is still useful.
                                            let name = school.await.and_then(Result::ok).flatten();
                                            school_line(t, &account, name)
                                        })
                                    }
                                }
                            </Suspense>
                        </dd>
                    </div>
                    <div>
                        <dt>{t.level()}</dt>
                        <dd data-testid="profile-level">{level}</dd>
                    </div>
                })}
            </dl>
            {account.is_demo.then(|| view! { <p class="badge">{t.demo_badge()}</p> })}
            <SignOutForm lang=t.lang everywhere=true/>
        </section>
    }
}

#[component]
fn StudentHome(
    t: &'static Texts,
    account: AccountView,
    school: RoleResource<Result<Option<String>, PortalError>>,
) -> impl IntoView {
    let tiles = [
        ("portfolio", t.tile_portfolio(), t.tile_portfolio_desc()),
        ("pix", t.tile_pix(), t.tile_pix_desc()),
        ("orientation", t.tile_guidance(), t.tile_guidance_desc()),
        ("coffre-fort", t.tile_vault(), t.tile_vault_desc()),
    ];
    view! {
        <h1 id="titre-page" data-testid="home-title">{t.hello(&account.given_name)}</h1>
        <ProfileCard t=t account=account school=Some(school)/>
        <section aria-labelledby="mes-espaces">
            <h2 id="mes-espaces">{t.my_spaces()}</h2>
            <ul class="tiles" data-testid="tiles">
                {tiles
                    .into_iter()
                    .map(|(key, title, desc)| {
                        // Areas that exist link to their page; the others say they are coming.
                        let href = match key {
                            "portfolio" => Some("/portfolio"),
                            "pix" => Some("/pix"),
                            "orientation" => Some("/orientation"),
                            "coffre-fort" => Some("/coffre-fort"),
                            _ => None,
                        };
                        view! {
                            <li class="tile" data-area=key>
                                <h3>
                                    {match href {
                                        Some(href) => view! { <a href=href>{title}</a> }.into_any(),
                                        None => view! { <span>{title}</span> }.into_any(),
                                    }}
                                </h3>
                                <p>{desc}</p>
                                {href.is_none().then(|| view! { <p class="tile-status">{t.coming_soon()}</p> })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
        <section aria-labelledby="mes-proches" class="card">
            <h2 id="mes-proches">{crate::pages::sharing::family::family_texts(t.lang).title()}</h2>
            <p>{t.family_card()}</p>
            <p><a href="/famille" data-testid="family-link">{crate::pages::sharing::family::family_texts(t.lang).title()}</a></p>
        </section>
    }
}

#[component]
fn GuardianHome(
    t: &'static Texts,
    account: AccountView,
    children: RoleResource<Result<ChildrenData, PortalError>>,
    received: RoleResource<Result<Vec<ReceivedPage>, PortalError>>,
) -> impl IntoView {
    view! {
        <h1 id="titre-page" data-testid="home-title">{t.guardian_home_title()}</h1>
        <p class="lead">{t.guardian_home_intro(&account.given_name)}</p>
        <ul class="will-see">
            {t.guardian_will_see().into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
        </ul>
        <GuardianFamily lang=t.lang children=children received=received/>
        <ProfileCard t=t account=account school=None/>
    }
}

#[component]
fn CounsellorHome(
    t: &'static Texts,
    account: AccountView,
    received: RoleResource<Result<Vec<ReceivedPage>, PortalError>>,
) -> impl IntoView {
    let admin = account.role == Role::Admin;
    view! {
        <h1 id="titre-page" data-testid="home-title">{t.counsellor_home_title()}</h1>
        <p class="lead">{t.counsellor_home_intro(&account.given_name)}</p>
        {admin.then(|| view! { <p>{t.admin_home_intro()}</p> })}
        <ReceivedPages lang=t.lang pages=received/>
        <section aria-labelledby="pix-classes" class="card">
            <h2 id="pix-classes">{crate::pages::pix::texts::pix_texts(t.lang).class_title()}</h2>
            <p>{crate::pages::pix::texts::pix_texts(t.lang).class_intro()}</p>
            <p><a href="/pix/classe" data-testid="pix-class-link">{crate::pages::pix::texts::pix_texts(t.lang).class_title()}</a></p>
        </section>
        <ul class="will-see">
            {t.counsellor_will_see().into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
        </ul>
        <ProfileCard t=t account=account school=None/>
    }
}
