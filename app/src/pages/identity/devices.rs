//! `/appareils`: where I am signed in, and ending a session I do not recognise.

use crate::error::PortalError;
use crate::i18n::{texts, Texts};
use crate::pages::layout::{load_failure, Page, SignOutForm};
use domain::identity::sessions::SessionView;
use domain::time::format_paris;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "my_sessions")]
pub async fn get_my_sessions() -> Result<Vec<SessionView>, PortalError> {
    let crate::ssr::SignedIn {
        portal,
        account,
        session,
    } = crate::ssr::SignedIn::acting(domain::policy::Action::ListSessions).await?;
    let current = session
        .id()
        .map(|id| domain::identity::sessions::session_key(&id.to_string()));
    domain::identity::sessions::list_for_account(
        &portal.db,
        account.id,
        portal.session_idle_secs,
        current.as_deref(),
    )
    .await
    .map_err(|error| {
        tracing::error!(%error, "could not list the sessions");
        PortalError::Unavailable
    })
}

#[component]
pub fn DevicesPage() -> impl IntoView {
    let sessions = Resource::new_blocking(|| (), |_| get_my_sessions());
    view! {
        <Page title=|t| t.devices_title().to_owned() let:viewer>
            <h1 id="titre-page">{texts(viewer.lang).devices_title()}</h1>
            <p class="lead">{texts(viewer.lang).devices_intro()}</p>
            <Suspense fallback=move || view! { <p>{texts(viewer.lang).loading()}</p> }>
                {move || Suspend::new(async move {
                    let t = texts(viewer.lang);
                    match sessions.await {
                        Ok(sessions) => view! { <SessionsTable t=t sessions=sessions/> }.into_any(),
                        Err(error) => load_failure(t, error),
                    }
                })}
            </Suspense>
        </Page>
    }
}

#[component]
fn SessionsTable(t: &'static Texts, sessions: Vec<SessionView>) -> impl IntoView {
    view! {
        <div class="table-scroll" role="region" aria-labelledby="devices-caption" tabindex="0">
            <table class="journal" data-testid="sessions">
                <caption id="devices-caption">{t.devices_caption()}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.devices_device()}</th>
                        <th scope="col">{t.devices_signed_in()}</th>
                        <th scope="col">{t.devices_last_seen()}</th>
                        <th scope="col"><span class="visually-hidden">{t.devices_end()}</span></th>
                    </tr>
                </thead>
                <tbody>
                    {sessions
                        .into_iter()
                        .map(|session| {
                            let label = t.devices_end_device(&session.device);
                            view! {
                                <tr data-current=session.current.to_string()>
                                    <td>
                                        // Elements, not bare text, side by side: adjacent text
                                        // nodes merge in the HTML and hydration cannot find them.
                                        <span>{session.device.clone()}</span>
                                        {session.current.then(|| view! {
                                            <strong class="badge-current">{t.devices_this_one()}</strong>
                                        })}
                                    </td>
                                    <td>{format_paris(session.signed_in_at)}</td>
                                    <td>{format_paris(session.last_seen)}</td>
                                    <td>
                                        {(!session.current).then(|| view! {
                                            <form method="post" action="/auth/sessions/fermer" class="inline-form">
                                                <input type="hidden" name="session" value=session.key.clone()/>
                                                <button type="submit" class="button button-secondary">{label}</button>
                                            </form>
                                        })}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
        // A div, not a p: a form inside a p is moved out by the HTML parser, and hydration fails.
        <div class="actions"><SignOutForm lang=t.lang everywhere=true/></div>
    }
}
