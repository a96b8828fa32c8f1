//! `/connexion`: the ways in — identity providers, and the demo accounts on a demo instance.

use crate::components::IslandScripts;
use crate::i18n::{texts, Texts};
use crate::pages::identity::passkeys::PasskeySignIn;
use crate::pages::layout::Page;
use crate::viewer::get_sign_in_options;
use domain::identity::SignInOptions;
use leptos::prelude::*;

#[component]
pub fn SignInPage() -> impl IntoView {
    let options = Resource::new_blocking(|| (), |_| get_sign_in_options());
    view! {
        <Page title=|t| t.sign_in_title().to_owned() let:viewer>
            <h1 id="titre-page">{texts(viewer.lang).sign_in_title()}</h1>
            <p>{texts(viewer.lang).sign_in_intro()}</p>
            <Suspense fallback=move || view! { <p>{texts(viewer.lang).loading()}</p> }>
                {move || Suspend::new(async move {
                    let t = texts(viewer.lang);
                    match options.await {
                        Ok(options) => view! { <SignInChoices t=t options=options/> }.into_any(),
                        Err(_) => view! { <p role="alert">{t.unavailable()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
}

/// Every way in is a button of one form, so the « Rester connecté·e » box travels with
/// whichever is chosen, with or without JavaScript: providers are `GET /auth/connexion/{id}`,
/// demo accounts `POST /auth/demo`, and the passkey button reads the box itself.
#[component]
fn SignInChoices(t: &'static Texts, options: SignInOptions) -> impl IntoView {
    let no_provider = options.providers.is_empty();
    let demo = (!options.demo_accounts.is_empty()).then(|| {
        view! {
            <section class="card demo-accounts" aria-labelledby="comptes-demo">
                <h2 id="comptes-demo">
                    {t.demo_accounts_title()}" "<span class="badge">{t.demo_badge()}</span>
                </h2>
                <p>{t.demo_accounts_intro()}</p>
                <ul class="choices">
                    {options
                        .demo_accounts
                        .into_iter()
                        .map(|account| {
                            let born = account.birth_date.clone().map(|date| {
                                view! { <span class="hint">" "{t.demo_born_on(date)}</span> }
                            });
                            let label = format!(
                                "{} {} {} ({}, {})",
                                t.demo_sign_in_as(),
                                account.given_name,
                                account.family_name,
                                t.role(account.role),
                                t.demo_badge(),
                            );
                            view! {
                                <li>
                                    <button
                                        type="submit"
                                        class="button"
                                        name="compte"
                                        value=account.key
                                        formaction="/auth/demo"
                                        formmethod="post"
                                    >
                                        {label}
                                    </button>
                                    {born}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    });
    view! {
        <form method="get" action="/auth/demo" class="sign-in-choices">
            <p class="stay-signed-in">
                <input
                    type="checkbox"
                    id="rester"
                    name="rester"
                    value="1"
                    aria-describedby="rester-aide"
                />
                " "
                <label for="rester">{t.stay_signed_in()}</label>
                <br/>
                <span class="hint" id="rester-aide">{t.stay_signed_in_hint()}</span>
            </p>
            {options.passkeys.then(|| view! { <PasskeySignIn lang=t.lang/><IslandScripts/> })}
            <section class="card" aria-labelledby="services-identite">
                <h2 id="services-identite">{t.sign_in_with()}</h2>
                {no_provider.then(|| view! { <p>{t.no_provider_configured()}</p> })}
                <ul class="choices">
                    {options
                        .providers
                        .into_iter()
                        .map(|provider| view! {
                            <li>
                                <button
                                    type="submit"
                                    class="button button-primary"
                                    formaction=format!("/auth/connexion/{}", provider.id)
                                    formmethod="get"
                                >
                                    {t.sign_in_with_provider(&provider.label)}
                                </button>
                            </li>
                        })
                        .collect_view()}
                </ul>
            </section>
            {demo}
        </form>
    }
}
