//! The frame every page shares: skip link, header with language switch and account, the demo
//! banner, the main landmark, the footer.

use crate::error::PortalError;
use crate::i18n::{texts, Lang, Texts};
use crate::viewer::{Viewer, ViewerResource};
use domain::identity::Role;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

/// Sets the HTTP status of the server-rendered response (no effect in the browser).
pub fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(status)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(code),
    ) {
        response.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

/// A page: waits for the viewer, then renders the frame around `children(viewer)`.
#[component]
pub fn Page<F, V>(
    /// The page's title, in the viewer's language.
    title: fn(&'static Texts) -> String,
    children: F,
) -> impl IntoView
where
    F: Fn(Viewer) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let viewer = expect_context::<ViewerResource>();
    let children = std::sync::Arc::new(children);
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Chargement… / Loading…"</p> }>
            {move || {
                let children = children.clone();
                Suspend::new(async move {
                    match viewer.await {
                        Ok(viewer) => {
                            let lang = viewer.lang;
                            let t = texts(lang);
                            let page_title = format!("{} · {}", title(t), t.site_name());
                            view! {
                                <Title text=page_title/>
                                <Header viewer=viewer.clone()/>
                                <main id="contenu" tabindex="-1">
                                    {children(viewer)}
                                </main>
                                <Footer lang=lang/>
                            }
                                .into_any()
                        }
                        Err(error) => view! { <Unavailable error=error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// What an owner-only page shows when its data could not be loaded: a way to sign in (401), or
/// "try again" when the service failed.
pub fn load_failure(t: &'static Texts, error: PortalError) -> AnyView {
    match error {
        PortalError::NotSignedIn => {
            set_status(401);
            view! { <p role="alert"><a href="/connexion">{t.sign_in()}</a></p> }.into_any()
        }
        PortalError::NotFound => {
            set_status(404);
            view! { <p role="alert">{t.not_found_body()}</p> }.into_any()
        }
        PortalError::BadRequest(_) => {
            set_status(400);
            view! { <p role="alert">{t.bad_request()}</p> }.into_any()
        }
        PortalError::Forbidden => {
            set_status(403);
            view! { <p role="alert">{t.forbidden()}</p> }.into_any()
        }
        _ => {
            set_status(503);
            view! { <p role="alert">{t.unavailable()}</p> }.into_any()
        }
    }
}

#[component]
fn Unavailable(error: PortalError) -> impl IntoView {
    set_status(503);
    #[cfg(feature = "ssr")]
    tracing::warn!(%error, "page rendered without its viewer");
    #[cfg(not(feature = "ssr"))]
    let _ = error;
    view! {
        <Title text="Sillage"/>
        <main id="contenu">
            <h1>"Sillage"</h1>
            <p role="alert" lang="fr">{texts(Lang::Fr).unavailable()}</p>
            <p role="alert" lang="en">{texts(Lang::En).unavailable()}</p>
        </main>
    }
}

/// One link of a role's navigation.
struct NavLink {
    href: &'static str,
    label: &'static str,
    /// What the test suites find it by.
    key: &'static str,
}

/// Every page a role has, in the order its header shows them: the role's own pages first
/// (`main`), then the account's (`account`).
fn nav_links(t: &'static Texts, role: Role) -> (Vec<NavLink>, Vec<NavLink>) {
    let link = |href, label, key| NavLink { href, label, key };
    let main = match role {
        Role::Student => vec![
            link("/", t.home(), "home"),
            link("/portfolio", t.nav_portfolio(), "portfolio"),
            link("/pix", t.nav_pix(), "pix"),
            link("/orientation", t.nav_guidance(), "guidance"),
            link("/coffre-fort", t.nav_vault(), "vault"),
            link("/famille", t.nav_family(), "family"),
        ],
        Role::Guardian => vec![
            link("/", t.nav_children(), "home"),
            link("/orientation/eleves", t.nav_shared_plans(), "shared-plans"),
        ],
        Role::Counsellor | Role::Admin => vec![
            link("/", t.nav_shared_with_me(), "home"),
            link("/pix/classe", t.nav_class_pix(), "pix-class"),
            link("/orientation", t.nav_guidance(), "guidance"),
            link("/orientation/eleves", t.nav_shared_plans(), "shared-plans"),
        ],
    };
    let account = vec![
        link("/journal", t.nav_journal(), "journal"),
        link("/appareils", t.nav_devices(), "devices"),
        link("/cles-d-acces", t.nav_passkeys(), "passkeys"),
    ];
    (main, account)
}

/// `aria-current` for a link: `page` on the page itself, `true` on a page inside its section
/// (an entry is in « Portfolio »), nothing elsewhere.
fn current(href: &str, path: &str) -> Option<&'static str> {
    let path = path.trim_end_matches('/');
    let href_trimmed = href.trim_end_matches('/');
    if path == href_trimmed {
        Some("page")
    } else if !href_trimmed.is_empty() && path.starts_with(&format!("{href_trimmed}/")) {
        Some("true")
    } else {
        None
    }
}

fn nav_list(links: Vec<NavLink>, path: String) -> impl IntoView {
    view! {
        <ul class="nav-list">
            {links
                .into_iter()
                .map(|link| {
                    view! {
                        <li>
                            <a
                                href=link.href
                                aria-current=current(link.href, &path)
                                data-nav=link.key
                            >
                                {link.label}
                            </a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

#[component]
fn Header(viewer: Viewer) -> impl IntoView {
    let t = texts(viewer.lang);
    let location = use_location();
    let other = viewer.lang.other();
    // Where to come back after switching language: this page, never another site.
    let switch_href = move || {
        let path = location.pathname.get();
        let query = location.search.get();
        let here = if query.is_empty() {
            path
        } else {
            format!("{path}?{query}")
        };
        format!("/langue/{}?retour={}", other.code(), urlencode(&here))
    };
    let path = location.pathname.get_untracked();
    let account = viewer.account.clone();
    let tagline = match account.as_ref().map(|a| a.role) {
        Some(Role::Guardian) => t.tagline_guardian(),
        Some(Role::Counsellor | Role::Admin) => t.tagline_counsellor(),
        Some(Role::Student) | None => t.tagline(),
    };
    view! {
        <a class="skip-link" href="#contenu">{t.skip_to_content()}</a>
        <header class="site-header">
            {viewer.demo_mode.then(|| view! {
                <p class="demo-banner" data-testid="demo-banner">
                    <strong class="badge">{t.demo_badge()}</strong>" "{t.demo_banner()}
                </p>
            })}
            <div class="header-row">
                <a class="brand" href="/">
                    <span class="brand-name">{t.site_name()}</span>
                    <span class="brand-tagline" data-testid="tagline">{tagline}</span>
                </a>
                <div class="header-tools">
                    <a
                        href=switch_href
                        rel="external"
                        hreflang=other.code()
                        lang=other.code()
                        class="lang-switch"
                        data-testid="lang-switch"
                    >
                        <span class="visually-hidden">{t.label_colon(t.switch_language_label())}" "</span>
                        {t.other_language_name()}
                    </a>
                    {match account.clone() {
                        Some(account) => view! {
                            <span class="who" data-testid="who">
                                <span class="visually-hidden">{t.signed_in_as()}" "</span>
                                {format!("{} {}", account.given_name, account.family_name)}
                            </span>
                            <SignOutForm lang=viewer.lang everywhere=false/>
                        }.into_any(),
                        None => view! {
                            <a href="/connexion" class="button">{t.sign_in()}</a>
                        }.into_any(),
                    }}
                </div>
            </div>
            {account.map(|account| {
                let (main, mine) = nav_links(t, account.role);
                view! {
                    <div class="nav-row">
                        <nav aria-label=t.main_nav() class="main-nav" data-testid="main-nav">
                            {nav_list(main, path.clone())}
                        </nav>
                        <nav aria-label=t.account_nav() class="account-nav" data-testid="account-nav">
                            {nav_list(mine, path)}
                        </nav>
                    </div>
                }
            })}
        </header>
    }
}

/// A plain form so that signing out works without JavaScript; the server handler checks origin.
#[component]
pub fn SignOutForm(lang: Lang, everywhere: bool) -> impl IntoView {
    let t = texts(lang);
    let (label, class) = if everywhere {
        (t.sign_out_everywhere(), "button button-secondary")
    } else {
        (t.sign_out(), "button")
    };
    view! {
        <form method="post" action="/auth/deconnexion" class="inline-form">
            {everywhere.then(|| view! { <input type="hidden" name="partout" value="1"/> })}
            <button type="submit" class=class>{label}</button>
        </form>
    }
}

#[component]
fn Footer(lang: Lang) -> impl IntoView {
    let t = texts(lang);
    view! {
        <footer class="site-footer">
            // The summit's name is French in both languages: marked so, for screen readers.
            <p>{t.footer_rights()}" "<cite lang="fr">"États généraux du numérique pour l'éducation"</cite></p>
        </footer>
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    set_status(404);
    view! {
        <Page title=|t| t.not_found_title().to_owned() let:viewer>
            <h1>{texts(viewer.lang).not_found_title()}</h1>
            <p>{texts(viewer.lang).not_found_body()}</p>
            <p><a href="/">{texts(viewer.lang).home()}</a></p>
        </Page>
    }
}

/// Percent-encodes a value for a query string (RFC 3986 unreserved characters pass).
pub fn urlencode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{current, nav_links, urlencode};
    use crate::i18n::{texts, Lang};
    use domain::identity::Role;

    #[test]
    fn the_current_page_and_its_section_are_marked() {
        assert_eq!(current("/", "/"), Some("page"));
        assert_eq!(current("/", "/portfolio"), None);
        assert_eq!(current("/portfolio", "/portfolio"), Some("page"));
        assert_eq!(current("/portfolio", "/portfolio/entrees/3"), Some("true"));
        assert_eq!(current("/pix", "/pix/classe"), Some("true"));
        assert_eq!(current("/pix/classe", "/pix"), None);
        assert_eq!(current("/portfolio", "/portfolio-x"), None);
    }

    #[test]
    fn each_role_reaches_every_page_it_has() {
        let hrefs = |role| {
            let (main, account) = nav_links(texts(Lang::Fr), role);
            main.iter()
                .chain(&account)
                .map(|l| l.href)
                .collect::<Vec<_>>()
        };
        let account = ["/journal", "/appareils", "/cles-d-acces"];
        assert_eq!(
            hrefs(Role::Student),
            [
                &[
                    "/",
                    "/portfolio",
                    "/pix",
                    "/orientation",
                    "/coffre-fort",
                    "/famille"
                ][..],
                &account
            ]
            .concat()
        );
        assert_eq!(
            hrefs(Role::Guardian),
            [&["/", "/orientation/eleves"][..], &account].concat()
        );
        assert_eq!(
            hrefs(Role::Counsellor),
            [
                &["/", "/pix/classe", "/orientation", "/orientation/eleves"][..],
                &account
            ]
            .concat()
        );
    }

    #[test]
    fn urlencode_keeps_paths_readable_and_escapes_the_rest() {
        assert_eq!(urlencode("/connexion"), "/connexion");
        assert_eq!(urlencode("/a?b=c&d"), "/a%3Fb%3Dc%26d");
        assert_eq!(urlencode("/é"), "/%C3%A9");
    }
}
