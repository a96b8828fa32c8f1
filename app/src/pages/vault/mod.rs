//! `/coffre-fort`: the student's password vault. Zero-knowledge: the page loads the vault's
//! own WASM module (only here), which derives keys and encrypts in the browser; the server
//! functions of [`api`] store envelopes. Without JavaScript the page says why it cannot work
//! (the encryption has to happen on the student's device) and links to the lessons, which are
//! plain pages.

pub mod api;
#[cfg(feature = "hydrate")]
mod client;
pub mod lessons;

use crate::components::{island_hydrated, IslandScripts, PreloadLazyIsland};
use crate::i18n::Lang;
use crate::pages::layout::Page;
use domain::identity::Role;
use domain::vault::items::{ItemKind, VaultItem};
use domain::vault::FirstScreen;
use leptos::prelude::*;

/// Runs `f` in the browser only (the server renders the page's first state).
macro_rules! in_browser {
    ($($body:tt)*) => {
        #[cfg(feature = "hydrate")]
        {
            $($body)*
        }
    };
}

mod items;
mod settings;
mod state;
mod strength;
pub(crate) mod texts;
mod tools;
mod unlock;

use items::OpenVault;
use settings::{ChangeKeys, DeleteVault, VaultSettings};
pub use state::{
    Editing, Generated, Opened, Report, Stage, Strength, VaultCtx, AUTO_LOCK_SECS,
    CLIPBOARD_CLEAR_SECS,
};
use strength::StrengthMeter;
pub(crate) use texts::vault_texts;
use tools::{Generator, HygieneReport, ImportExport};
use unlock::{CreateVault, RecoveryKey, UnlockVault};

#[component]
pub fn VaultPage() -> impl IntoView {
    // Made here, outside `<Page>`'s Suspense, and only awaited inside it (see
    // `crate::viewer::role_resource`). Students only: nobody else has a vault to ask about, and
    // asking would log a refusal on every visit. Unknown (the read failed): the island finds out
    // itself.
    let first_screen = crate::viewer::role_resource(
        |role| role == Role::Student,
        || async { api::get_vault_first_screen().await.ok() },
    );
    view! {
        <Page title=|t| t.tile_vault().to_owned() let:viewer>
            {
                let lang = viewer.lang;
                match viewer.account.clone() {
                    None => view! {
                        <h1 id="titre-page">{vault_texts(lang).password_vault()}</h1>
                        <p role="alert"><a href="/connexion">{crate::i18n::texts(lang).sign_in()}</a></p>
                    }.into_any(),
                    Some(account) if account.role != Role::Student => view! {
                        <h1 id="titre-page">{vault_texts(lang).password_vault()}</h1>
                        <p data-testid="vault-students-only">{vault_texts(lang).password_vault_is_space_for()}</p>
                    }.into_any(),
                    Some(account) => {
                        let personal = vec![account.given_name.clone(), account.family_name.clone()];
                        let name = format!("{} {}", account.given_name, account.family_name);
                        view! { <StudentVault lang=lang personal=personal display_name=name first_screen=first_screen/> }.into_any()
                    }
                }
            }
        </Page>
    }
}

/// A student's vault page: what it shows first is read with the page.
#[component]
fn StudentVault(
    lang: Lang,
    personal: Vec<String>,
    display_name: String,
    first_screen: Resource<Option<Option<FirstScreen>>>,
) -> impl IntoView {
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let personal = personal.clone();
                let display_name = display_name.clone();
                Suspend::new(async move {
                    let first = first_screen.await.flatten();
                    view! {
                        <VaultApp lang=lang personal=personal display_name=display_name first=first/>
                        <PreloadLazyIsland island="vault_app"/>
                        <LessonLinks lang=lang/>
                        <IslandScripts/>
                    }
                })
            }}
        </Suspense>
    }
}

/// Everything the vault does happens in the browser: the page's one island. Its props are the
/// signed-in pupil's own name (for the strength meter's « contains your name » finding) and
/// what the page shows first: its form is in the page as sent, so it is painted with the page
/// and nothing moves when the vault module arrives; it is usable once the module is ready.
/// Lazy: its code is a chunk of its own (`cargo leptos build --split`), fetched by this page
/// only, so the islands of other pages stay small.
#[island(lazy)]
fn VaultApp(
    lang: Lang,
    personal: Vec<String>,
    display_name: String,
    first: Option<FirstScreen>,
) -> impl IntoView {
    let ctx = VaultCtx {
        lang,
        stage: RwSignal::new(match first {
            Some(first) if first.has_vault => Stage::Locked,
            Some(_) => Stage::NoVault,
            None => Stage::Loading,
        }),
        ready: RwSignal::new(false),
        first_has_passkey: first.is_some_and(|first| first.has_passkey),
        state: RwSignal::new(None),
        items: RwSignal::new(Vec::new()),
        notice: RwSignal::new(None),
        alert: RwSignal::new(None),
        busy: RwSignal::new(None),
        editing: RwSignal::new(None),
        personal: StoredValue::new(personal),
        display_name: StoredValue::new(display_name),
    };
    provide_context(ctx);
    Effect::new(move |_| {
        in_browser! { client::start(ctx); }
        island_hydrated();
    });
    view! {
        <h1 id="titre-page">{vault_texts(lang).my_password_vault()}</h1>
        <p class="lead">{vault_texts(lang).your_passwords_encrypted_in_your()}</p>
        <noscript>
            <p class="notice-warning">{vault_texts(lang).vault_needs_javascript_encryption_happens()}</p>
        </noscript>
        <div role="status" aria-live="polite" class="vault-status" data-testid="vault-notice">
            {move || ctx.notice.get().map(|n| view! { <p>{n}</p> })}
            {move || ctx.busy.get().map(|b| view! { <p class="loading">{b}</p> })}
        </div>
        <div role="alert" data-testid="vault-alert">
            {move || ctx.alert.get().map(|a| view! { <p class="form-error">{a}</p> })}
        </div>
        {move || match ctx.stage.get() {
            Stage::Loading => view! {
                <p class="loading" data-testid="vault-loading">{vault_texts(lang).opening_vault()}</p>
            }.into_any(),
            Stage::Failed(message) => view! { <p role="alert">{message}</p> }.into_any(),
            Stage::NoVault => view! { <CreateVault/> }.into_any(),
            Stage::Recovery(key) => view! { <RecoveryKey key=key/> }.into_any(),
            Stage::Locked => view! { <UnlockVault/> }.into_any(),
            Stage::Unlocked => view! { <OpenVaultLazily/> }.into_any(),
        }}
    }
}

/// The open vault (its list, editor, generator, report, import and settings) is most of the
/// vault's code and is needed only once the vault is open: `#[lazy]` puts it in a chunk of its
/// own, so the page comes with the unlock (or create) screen only. Its fetch starts when the
/// pupil asks to unlock ([`preload_open_vault`]), while the key is derived.
#[lazy]
fn open_vault_view() -> AnyView {
    view! { <OpenVault/> }.into_any()
}

/// Starts fetching the open vault's chunk (once; later calls find it loaded).
fn preload_open_vault() {
    let _loaded = lazy_preload!(open_vault_view);
}

#[component]
fn OpenVaultLazily() -> impl IntoView {
    let lang = expect_context::<VaultCtx>().lang;
    view! {
        <Suspense fallback=move || view! {
            <p class="loading" data-testid="vault-opening">{vault_texts(lang).opening_vault()}</p>
        }>
            {move || Suspend::new(async move { open_vault_view().await })}
        </Suspense>
    }
}

#[component]
fn LessonLinks(lang: Lang) -> impl IntoView {
    view! {
        <section aria-labelledby="lecons" class="card">
            <h2 id="lecons">{vault_texts(lang).learning_to_protect_your_accounts()}</h2>
            <ul>
                {lessons::LESSONS.iter().map(|lesson| view! {
                    <li><a href=format!("/coffre-fort/lecons/{}", lesson.slug)>{lesson.title(lang)}</a></li>
                }).collect_view()}
            </ul>
        </section>
    }
}
