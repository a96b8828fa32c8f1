//! `/erreur/{motif}`: why a sign-in was refused, in words a pupil understands. Served with 400.

use crate::i18n::texts;
use crate::pages::layout::{set_status, Page};
use domain::identity::SignInFailure;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn SignInErrorPage() -> impl IntoView {
    let params = use_params_map();
    let failure = params
        .read_untracked()
        .get("code")
        .and_then(|c| SignInFailure::from_slug(&c));
    set_status(400);
    view! {
        <Page title=|t| t.error_title().to_owned() let:viewer>
            <h1 id="titre-page">{texts(viewer.lang).error_title()}</h1>
            <p role="alert" data-testid="sign-in-error" data-failure=failure.map(SignInFailure::slug)>
                {failure
                    .map(|f| texts(viewer.lang).sign_in_failure(f))
                    .unwrap_or(texts(viewer.lang).unavailable())}
            </p>
            <p><a class="button button-primary" href="/connexion">{texts(viewer.lang).error_try_again()}</a></p>
        </Page>
    }
}
