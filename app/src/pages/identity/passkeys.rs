//! `/cles-d-acces`: my passkeys — add one (WebAuthn in the browser), rename, revoke. And the
//! passkey button of the sign-in page.

use crate::components::{island_hydrated, IslandScripts};
use crate::error::PortalError;
use crate::i18n::{texts, Lang, Texts};
use crate::pages::layout::{load_failure, Page};
use domain::identity::passkeys::PasskeyView;
use domain::time::format_paris;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "my_passkeys")]
pub async fn get_my_passkeys() -> Result<Vec<PasskeyView>, PortalError> {
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(domain::policy::Action::ManagePasskeys).await?;
    domain::identity::passkeys::list(&portal.db, account.id)
        .await
        .map_err(|error| {
            tracing::error!(%error, "could not list passkeys");
            PortalError::Unavailable
        })
}

#[component]
pub fn PasskeysPage() -> impl IntoView {
    let passkeys = Resource::new_blocking(|| (), |_| get_my_passkeys());
    view! {
        <Page title=|t| t.passkeys_title().to_owned() let:viewer>
            <h1 id="titre-page">{texts(viewer.lang).passkeys_title()}</h1>
            <p class="lead">{texts(viewer.lang).passkeys_intro()}</p>
            <Suspense fallback=move || view! { <p>{texts(viewer.lang).loading()}</p> }>
                {move || Suspend::new(async move {
                    let t = texts(viewer.lang);
                    match passkeys.await {
                        Ok(passkeys) => view! {
                            <PasskeyList t=t passkeys=passkeys/>
                            <AddPasskey lang=t.lang/>
                            <IslandScripts/>
                        }
                            .into_any(),
                        Err(error) => load_failure(t, error),
                    }
                })}
            </Suspense>
        </Page>
    }
}

#[component]
fn PasskeyList(t: &'static Texts, passkeys: Vec<PasskeyView>) -> impl IntoView {
    if passkeys.is_empty() {
        return view! { <p data-testid="no-passkey">{t.passkeys_none()}</p> }.into_any();
    }
    view! {
        <ul class="choices" data-testid="passkeys">
            {passkeys
                .into_iter()
                .map(|passkey| {
                    let field_id = format!("nom-cle-{}", passkey.id);
                    let delete_label = t.passkeys_delete_named(&passkey.name);
                    view! {
                        <li class="card passkey">
                            <h2 class="passkey-name">{passkey.name.clone()}</h2>
                            <p>
                                {t.passkeys_created(format_paris(passkey.created_at))}
                                <br/>
                                {format!(
                                    "{} : {}",
                                    t.passkeys_last_used(),
                                    passkey.last_used_at.map(format_paris).unwrap_or_else(|| t.passkeys_never().to_owned()),
                                )}
                            </p>
                            <form method="post" action="/auth/cles/renommer" class="inline-form">
                                <input type="hidden" name="id" value=passkey.id.to_string()/>
                                <label for=field_id.clone()>{t.passkeys_name_label()}</label>
                                <input id=field_id type="text" name="nom" required maxlength="60" value=passkey.name.clone()/>
                                <button type="submit" class="button button-secondary">{t.passkeys_rename()}</button>
                            </form>
                            <form method="post" action="/auth/cles/supprimer" class="inline-form">
                                <input type="hidden" name="id" value=passkey.id.to_string()/>
                                <button type="submit" class="button">{delete_label}</button>
                            </form>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// Adding a passkey is a WebAuthn ceremony in the browser: an island. Without JavaScript it says
/// so (`<noscript>`); the list above is plain server HTML.
#[island]
fn AddPasskey(lang: Lang) -> impl IntoView {
    let t = texts(lang);
    let name = RwSignal::new(t.passkeys_default_name().to_owned());
    let message = RwSignal::new(String::new());
    let add = move |_| start_registration(lang, name.get_untracked(), message);
    Effect::new(|_| island_hydrated());
    view! {
        <section class="card" aria-labelledby="ajouter-cle">
            <h2 id="ajouter-cle">{t.passkeys_add_title()}</h2>
            <label for="nom-nouvelle-cle">{t.passkeys_name_label()}</label>
            <input
                id="nom-nouvelle-cle"
                type="text"
                maxlength="60"
                prop:value=move || name.get()
                on:input=move |ev| name.set(event_target_value(&ev))
            />
            <button type="button" class="button button-primary" on:click=add>{t.passkeys_add()}</button>
            <noscript><p>{t.passkeys_needs_js()}</p></noscript>
            <p role="status" aria-live="polite" data-testid="passkey-message">{move || message.get()}</p>
        </section>
    }
}

fn start_registration(lang: Lang, name: String, message: RwSignal<String>) {
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(async move {
        match crate::passkeys_client::register(name).await {
            // Reload: the list is rendered by the server, and works without JavaScript.
            Ok(()) => crate::passkeys_client::go_to("/cles-d-acces"),
            Err(error) => message.set(error.message(lang)),
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (lang, name, message);
}

/// The sign-in page's passkey button: an island inside the sign-in form, which reads the form's
/// « Rester connecté·e » box when pressed.
#[island]
pub fn PasskeySignIn(lang: Lang) -> impl IntoView {
    let t = texts(lang);
    let message = RwSignal::new(String::new());
    let sign_in = move |ev: leptos::ev::MouseEvent| {
        start_sign_in(lang, message, stay_signed_in(&ev));
    };
    Effect::new(|_| island_hydrated());
    view! {
        <section class="card" aria-labelledby="cle-acces">
            <h2 id="cle-acces">{t.passkey_sign_in_title()}</h2>
            <button type="button" class="button button-primary" on:click=sign_in>{t.passkey_sign_in()}</button>
            <p role="status" aria-live="polite" data-testid="passkey-message">{move || message.get()}</p>
        </section>
    }
}

/// Whether the « Rester connecté·e » box of the pressed button's form is ticked.
fn stay_signed_in(ev: &leptos::ev::MouseEvent) -> bool {
    #[cfg(feature = "hydrate")]
    {
        use js_sys::Reflect;
        use wasm_bindgen::JsValue;
        let get = |target: &JsValue, key: &str| Reflect::get(target, &JsValue::from_str(key)).ok();
        ev.target()
            .map(JsValue::from)
            .and_then(|button| get(&button, "form"))
            .and_then(|form| get(&form, "rester"))
            .and_then(|field| get(&field, "checked"))
            .and_then(|checked| checked.as_bool())
            .unwrap_or(false)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = ev;
        false
    }
}

fn start_sign_in(lang: Lang, message: RwSignal<String>, stay: bool) {
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(async move {
        match crate::passkeys_client::sign_in(stay).await {
            Ok(next) => crate::passkeys_client::go_to(&next),
            Err(error) => message.set(error.message(lang)),
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (lang, message, stay);
}
