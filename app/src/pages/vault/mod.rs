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
use domain::vault::{FirstScreen, VaultState};
use leptos::prelude::*;
use serde::Deserialize;

/// The page's words: French, then English, side by side where they are used.
pub(crate) fn tr(lang: Lang, fr: &'static str, en: &'static str) -> &'static str {
    if lang == Lang::Fr {
        fr
    } else {
        en
    }
}

/// Inactivity after which the vault locks itself.
pub const AUTO_LOCK_SECS: u32 = 5 * 60;
/// Time after which a copied password is wiped from the clipboard.
pub const CLIPBOARD_CLEAR_SECS: u32 = 30;

#[derive(Debug, Clone, PartialEq)]
pub enum Stage {
    Loading,
    Failed(String),
    NoVault,
    /// Just created: the recovery key, shown once.
    Recovery(String),
    Locked,
    Unlocked,
}

/// An item after unlock; `item` is `None` when its envelope does not decrypt, or is older than
/// what this browser saw (`stale`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Opened {
    pub id: String,
    pub revision: i64,
    pub item: Option<VaultItem>,
    /// The server gave an older version than this browser last saw (or a deleted item).
    #[serde(default)]
    pub stale: bool,
    /// Sealed before revisions were bound: sealed again after unlock.
    #[serde(default)]
    pub legacy: bool,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Editing {
    pub id: Option<String>,
    pub revision: Option<i64>,
    pub item: VaultItem,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Strength {
    pub bits: f64,
    pub level: String,
    pub findings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Generated {
    pub text: String,
    pub bits: f64,
}

pub use domain::vault::report::HygieneReport as Report;

/// The page's state, shared by its parts.
#[derive(Clone, Copy)]
pub struct VaultCtx {
    pub lang: Lang,
    pub stage: RwSignal<Stage>,
    /// The vault module is loaded and the vault read: the forms can be used.
    pub ready: RwSignal<bool>,
    /// Whether a passkey opens the vault, as the page said before the vault was read.
    pub first_has_passkey: bool,
    pub state: RwSignal<Option<VaultState>>,
    pub items: RwSignal<Vec<Opened>>,
    pub notice: RwSignal<Option<String>>,
    pub alert: RwSignal<Option<String>>,
    pub busy: RwSignal<Option<&'static str>>,
    pub editing: RwSignal<Option<Editing>>,
    pub personal: StoredValue<Vec<String>>,
    pub display_name: StoredValue<String>,
}

impl VaultCtx {
    pub fn say(&self, fr: &'static str, en: &'static str) {
        self.alert.set(None);
        self.notice.set(Some(tr(self.lang, fr, en).to_owned()));
    }

    pub fn fail(&self, message: String) {
        self.notice.set(None);
        self.alert.set(Some(message));
    }
}

/// Runs `f` in the browser only (the server renders the page's first state).
macro_rules! in_browser {
    ($($body:tt)*) => {
        #[cfg(feature = "hydrate")]
        {
            $($body)*
        }
    };
}

#[component]
pub fn VaultPage() -> impl IntoView {
    view! {
        <Page title=|t| t.tile_vault.to_owned() let:viewer>
            {
                let lang = viewer.lang;
                match viewer.account.clone() {
                    None => view! {
                        <h1 id="titre-page">{tr(lang, "Coffre-fort", "Password vault")}</h1>
                        <p role="alert"><a href="/connexion">{crate::i18n::texts(lang).sign_in}</a></p>
                    }.into_any(),
                    Some(account) if account.role != Role::Student => view! {
                        <h1 id="titre-page">{tr(lang, "Coffre-fort", "Password vault")}</h1>
                        <p data-testid="vault-students-only">{tr(lang,
                            "Le coffre-fort de mots de passe est un espace des élèves. Il n'est jamais partagé : ni avec les responsables légaux, ni avec l'équipe éducative.",
                            "The password vault is a space for students. It is never shared: not with parents, not with school staff.")}</p>
                    }.into_any(),
                    Some(account) => {
                        let personal = vec![account.given_name.clone(), account.family_name.clone()];
                        let name = format!("{} {}", account.given_name, account.family_name);
                        view! { <StudentVault lang=lang personal=personal display_name=name/> }.into_any()
                    }
                }
            }
        </Page>
    }
}

/// A student's vault page: what it shows first is read with the page (students only: nobody
/// else has a vault to ask about, and asking would log a refusal on every visit).
#[component]
fn StudentVault(lang: Lang, personal: Vec<String>, display_name: String) -> impl IntoView {
    let first_screen = Resource::new_blocking(|| (), |_| api::get_vault_first_screen());
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let personal = personal.clone();
                let display_name = display_name.clone();
                Suspend::new(async move {
                    // Unknown (the read failed): the island finds out itself.
                    let first = first_screen.await.ok();
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
        <h1 id="titre-page">{tr(lang, "Mon coffre-fort", "My password vault")}</h1>
        <p class="lead">{tr(lang,
            "Vos mots de passe, chiffrés dans votre navigateur : le serveur de Sillage ne peut pas les lire, et personne d'autre que vous n'y a accès (ni parents, ni professeurs).",
            "Your passwords, encrypted in your browser: Sillage's server cannot read them, and nobody but you can open them (not parents, not teachers).")}</p>
        <noscript>
            <p class="notice-warning">{tr(lang,
                "Le coffre-fort a besoin de JavaScript : le chiffrement se fait sur votre appareil, jamais sur le serveur.",
                "The vault needs JavaScript: encryption happens on your device, never on the server.")}</p>
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
                <p class="loading" data-testid="vault-loading">{tr(lang, "Ouverture du coffre-fort…", "Opening the vault…")}</p>
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
            <p class="loading" data-testid="vault-opening">{tr(lang, "Ouverture du coffre-fort…", "Opening the vault…")}</p>
        }>
            {move || Suspend::new(async move { open_vault_view().await })}
        </Suspense>
    }
}

#[component]
fn LessonLinks(lang: Lang) -> impl IntoView {
    view! {
        <section aria-labelledby="lecons" class="card">
            <h2 id="lecons">{tr(lang, "Apprendre à protéger ses comptes", "Learning to protect your accounts")}</h2>
            <ul>
                {lessons::LESSONS.iter().map(|lesson| view! {
                    <li><a href=format!("/coffre-fort/lecons/{}", lesson.slug)>{lesson.title(lang)}</a></li>
                }).collect_view()}
            </ul>
        </section>
    }
}

/// The meter under a password field: bits against the CNIL's 80, in words.
#[component]
fn StrengthMeter(password: Signal<String>, id: &'static str) -> impl IntoView {
    let ctx = expect_context::<VaultCtx>();
    let lang = ctx.lang;
    let strength = Memo::new(move |_| {
        let password = password.get();
        if password.is_empty() {
            return None;
        }
        #[cfg(feature = "hydrate")]
        {
            client::strength(&password, &ctx.personal.get_value())
        }
        #[cfg(not(feature = "hydrate"))]
        {
            None::<Strength>
        }
    });
    view! {
        <div class="strength" id=id aria-live="polite" data-testid="strength">
            {move || strength.get().map(|s| {
                let (word, explain) = level_words(lang, &s.level);
                let bits = s.bits.round() as i64;
                let findings: Vec<&'static str> = s.findings.iter().filter_map(|f| finding_words(lang, f)).collect();
                view! {
                    <meter min="0" max="100" low="50" high="80" optimum="100" value=s.bits.min(100.0).to_string()
                        aria-label=tr(lang, "Solidité du mot de passe", "Password strength")>{bits}</meter>
                    <p>
                        <strong data-testid="strength-level" data-level=s.level.clone()>{word}</strong>
                        <span>{format!(" — {} {} / 80 {}. ", tr(lang, "environ", "about"), bits, tr(lang, "bits (objectif de la CNIL pour un mot de passe seul)", "bits (the CNIL's target for a password alone)"))}</span>
                        <span>{explain}</span>
                    </p>
                    {(!findings.is_empty()).then(|| view! {
                        <ul class="strength-findings">{findings.into_iter().map(|f| view! { <li>{f}</li> }).collect_view()}</ul>
                    })}
                }
            })}
        </div>
    }
}

fn level_words(lang: Lang, level: &str) -> (&'static str, &'static str) {
    match level {
        "very_weak" => (
            tr(lang, "Très faible", "Very weak"),
            tr(
                lang,
                "Un programme le devine en moins d'une seconde.",
                "A program guesses it in under a second.",
            ),
        ),
        "weak" => (
            tr(lang, "Faible", "Weak"),
            tr(
                lang,
                "Un ordinateur le trouve en quelques heures ou jours.",
                "A computer finds it in hours or days.",
            ),
        ),
        "medium" => (
            tr(lang, "Moyen", "Medium"),
            tr(
                lang,
                "Suffisant seulement si le site bloque les essais répétés.",
                "Enough only if the site blocks repeated attempts.",
            ),
        ),
        "good" => (
            tr(lang, "Bon", "Good"),
            tr(
                lang,
                "Bien, avec la double authentification ; encore un ou deux mots pour l'objectif.",
                "Good with two-factor authentication; one or two more words reach the target.",
            ),
        ),
        _ => (
            tr(lang, "Solide", "Strong"),
            tr(
                lang,
                "Il atteint l'objectif de la CNIL : même seul, il résiste.",
                "It reaches the CNIL's target: even alone, it holds.",
            ),
        ),
    }
}

fn finding_words(lang: Lang, finding: &str) -> Option<&'static str> {
    Some(match finding {
        "common_password" => tr(
            lang,
            "C'est l'un des mots de passe les plus utilisés : on l'essaie en premier.",
            "It is one of the most used passwords: it is tried first.",
        ),
        "word" => tr(
            lang,
            "Il contient des mots du dictionnaire : ajoutez-en d'autres, au hasard.",
            "It contains dictionary words: add more, picked at random.",
        ),
        "personal_info" => tr(
            lang,
            "Il contient votre nom ou prénom : c'est la première chose qu'on essaie.",
            "It contains your name: that is the first thing tried.",
        ),
        "date" => tr(
            lang,
            "Il contient une date ou une année : elles sont faciles à deviner.",
            "It contains a date or a year: they are easy to guess.",
        ),
        "keyboard_row" => tr(
            lang,
            "Il suit une rangée du clavier (azerty…).",
            "It follows a keyboard row (qwerty…).",
        ),
        "sequence" => tr(
            lang,
            "Il contient une suite (abc, 123…).",
            "It contains a sequence (abc, 123…).",
        ),
        "repeat" => tr(
            lang,
            "Il répète le même caractère.",
            "It repeats the same character.",
        ),
        "short" => tr(
            lang,
            "Il est court : la longueur compte plus que les symboles.",
            "It is short: length counts more than symbols.",
        ),
        "one_kind_of_character" => tr(
            lang,
            "Il n'utilise qu'une sorte de caractères.",
            "It uses one kind of character only.",
        ),
        _ => return None,
    })
}

#[component]
fn CreateVault() -> impl IntoView {
    let ctx = expect_context::<VaultCtx>();
    let lang = ctx.lang;
    let passphrase = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let suggest = move |_| {
        in_browser! {
            if let Some(generated) = client::suggest_passphrase() {
                passphrase.set(generated.text.clone());
                confirm.set(String::new());
                ctx.say("Une phrase de passe a été proposée : recopiez-la sur papier, puis tapez-la dans le champ de confirmation.",
                    "A passphrase was suggested: copy it on paper, then type it in the confirmation field.");
            }
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        preload_open_vault();
        in_browser! { leptos::task::spawn_local(client::create(ctx, passphrase.get_untracked(), confirm.get_untracked())); }
    };
    view! {
        <section aria-labelledby="creer" class="card">
            <h2 id="creer">{tr(lang, "Créer mon coffre-fort", "Create my vault")}</h2>
            <p>{tr(lang,
                "Choisissez une phrase de passe : plusieurs mots pris au hasard, faciles à retenir pour vous, impossibles à deviner pour les autres. Elle ne peut pas être récupérée par Sillage : si vous l'oubliez, seule la clé de secours (donnée à l'étape suivante) rouvre le coffre.",
                "Choose a passphrase: several random words, easy for you to remember, impossible for others to guess. Sillage cannot recover it: if you forget it, only the recovery key (given at the next step) reopens the vault.")}</p>
            <form on:submit=submit data-testid="create-vault" novalidate>
                <fieldset class="plain" disabled=move || !ctx.ready.get()>
                <div class="field">
                    <label for="vault-passphrase">{tr(lang, "Phrase de passe", "Passphrase")}</label>
                    <input id="vault-passphrase" type="text" autocomplete="off" spellcheck="false" class="mono"
                        aria-describedby="vault-passphrase-strength"
                        prop:value=move || passphrase.get() on:input=move |ev| passphrase.set(event_target_value(&ev))/>
                    <StrengthMeter password=passphrase.into() id="vault-passphrase-strength"/>
                    <button type="button" class="button button-secondary" on:click=suggest data-testid="suggest-passphrase">
                        {tr(lang, "Me proposer une phrase de passe", "Suggest a passphrase")}
                    </button>
                </div>
                <div class="field">
                    <label for="vault-confirm">{tr(lang, "Phrase de passe, encore une fois", "Passphrase, once more")}</label>
                    <input id="vault-confirm" type="password" autocomplete="new-password" spellcheck="false"
                        prop:value=move || confirm.get() on:input=move |ev| confirm.set(event_target_value(&ev))/>
                </div>
                <button type="submit" class="button" disabled=move || ctx.busy.get().is_some()>{tr(lang, "Créer le coffre-fort", "Create the vault")}</button>
                </fieldset>
            </form>
        </section>
    }
}

#[component]
fn RecoveryKey(key: String) -> impl IntoView {
    let ctx = expect_context::<VaultCtx>();
    let lang = ctx.lang;
    let written = RwSignal::new(false);
    let print = move |_| {
        in_browser! { client::print(); }
    };
    view! {
        <section aria-labelledby="secours" class="card recovery">
            <h2 id="secours">{tr(lang, "Votre clé de secours", "Your recovery key")}</h2>
            <p>{tr(lang,
                "Si vous oubliez votre phrase de passe, cette clé est le seul moyen de rouvrir votre coffre-fort. Écrivez-la sur papier ou imprimez-la, et rangez-la chez vous. Elle ne sera plus jamais affichée.",
                "If you forget your passphrase, this key is the only way to reopen your vault. Write it on paper or print it, and keep it at home. It will never be shown again.")}</p>
            <p class="recovery-key"><code data-testid="recovery-key">{key}</code></p>
            <button type="button" class="button button-secondary" on:click=print>{tr(lang, "Imprimer", "Print")}</button>
            <div class="field checkbox">
                <input id="written" type="checkbox" on:change=move |ev| written.set(event_target_checked(&ev))/>
                <label for="written">{tr(lang, "J'ai noté ma clé de secours en lieu sûr.", "I wrote my recovery key down somewhere safe.")}</label>
            </div>
            <button type="button" class="button" data-testid="recovery-done" disabled=move || !written.get()
                on:click=move |_| { ctx.stage.set(Stage::Unlocked); }>
                {tr(lang, "Ouvrir mon coffre-fort", "Open my vault")}
            </button>
        </section>
    }
}

#[component]
fn UnlockVault() -> impl IntoView {
    let ctx = expect_context::<VaultCtx>();
    let lang = ctx.lang;
    let passphrase = RwSignal::new(String::new());
    let recovery = RwSignal::new(String::new());
    let has_passkey = Memo::new(move |_| {
        ctx.state.with(|s| match s {
            Some(state) => !state.passkeys.is_empty(),
            None => ctx.first_has_passkey,
        })
    });
    let unlock = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        preload_open_vault();
        in_browser! { leptos::task::spawn_local(client::unlock_with_passphrase(ctx, passphrase.get_untracked())); }
    };
    let unlock_recovery = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        preload_open_vault();
        in_browser! { leptos::task::spawn_local(client::unlock_with_recovery(ctx, recovery.get_untracked())); }
    };
    let unlock_passkey = move |_| {
        preload_open_vault();
        in_browser! { leptos::task::spawn_local(client::unlock_with_passkey(ctx)); }
    };
    view! {
        <section aria-labelledby="deverrouiller" class="card">
            <h2 id="deverrouiller">{tr(lang, "Coffre-fort verrouillé", "Vault locked")}</h2>
            <form on:submit=unlock data-testid="unlock-passphrase">
                <fieldset class="plain" disabled=move || !ctx.ready.get()>
                <div class="field">
                    <label for="unlock-passphrase">{tr(lang, "Phrase de passe", "Passphrase")}</label>
                    <input id="unlock-passphrase" type="password" autocomplete="current-password" spellcheck="false"
                        prop:value=move || passphrase.get() on:input=move |ev| passphrase.set(event_target_value(&ev))/>
                </div>
                <button type="submit" class="button" disabled=move || ctx.busy.get().is_some()>{tr(lang, "Déverrouiller", "Unlock")}</button>
                </fieldset>
            </form>
            {move || has_passkey.get().then(|| view! {
                <p><button type="button" class="button button-secondary" on:click=unlock_passkey data-testid="unlock-passkey"
                    disabled=move || !ctx.ready.get()>
                    {tr(lang, "Déverrouiller avec ma clé d'accès", "Unlock with my passkey")}
                </button></p>
            })}
            <details>
                <summary>{tr(lang, "J'ai oublié ma phrase de passe", "I forgot my passphrase")}</summary>
                <form on:submit=unlock_recovery data-testid="unlock-recovery">
                    <fieldset class="plain" disabled=move || !ctx.ready.get()>
                    <div class="field">
                        <label for="unlock-recovery-key">{tr(lang, "Clé de secours (32 caractères)", "Recovery key (32 characters)")}</label>
                        <input id="unlock-recovery-key" type="text" autocomplete="off" spellcheck="false" class="mono"
                            prop:value=move || recovery.get() on:input=move |ev| recovery.set(event_target_value(&ev))/>
                    </div>
                    <button type="submit" class="button button-secondary">{tr(lang, "Ouvrir avec la clé de secours", "Open with the recovery key")}</button>
                    </fieldset>
                </form>
                <p data-testid="vault-lost">{tr(lang,
                    "Sans phrase de passe ni clé de secours, personne (pas même Sillage) ne peut rouvrir le coffre. Pour repartir d'un coffre vide, demandez à l'administrateur Sillage de votre établissement de le réinitialiser : son contenu sera perdu.",
                    "Without the passphrase or the recovery key, nobody (not even Sillage) can reopen the vault. To start again with an empty vault, ask your school's Sillage administrator to reset it: its content will be lost.")}</p>
            </details>
        </section>
    }
}

#[component]
fn OpenVault() -> impl IntoView {
    let ctx = expect_context::<VaultCtx>();
    let lang = ctx.lang;
    let query = RwSignal::new(String::new());
    let lock = move |_| {
        in_browser! { client::lock(ctx); }
    };
    let add = move |kind: ItemKind| {
        move |_| {
            ctx.editing.set(Some(Editing {
                item: VaultItem {
                    kind,
                    ..VaultItem::default()
                },
                ..Editing::default()
            }))
        }
    };
    let shown = Memo::new(move |_| {
        let q = query.get();
        let mut items: Vec<Opened> = ctx
            .items
            .get()
            .into_iter()
            .filter(|o| o.item.as_ref().is_none_or(|item| item.matches(&q)))
            .collect();
        items.sort_by_key(|o| o.item.as_ref().map(|i| domain::vault::items::fold(&i.name)));
        items
    });
    view! {
        <div class="vault-toolbar">
            <button type="button" class="button button-secondary" on:click=lock data-testid="lock">{tr(lang, "Verrouiller", "Lock")}</button>
            <button type="button" class="button" on:click=add(ItemKind::Login) data-testid="add-login">{tr(lang, "Ajouter un identifiant", "Add a login")}</button>
            <button type="button" class="button" on:click=add(ItemKind::Note) data-testid="add-note">{tr(lang, "Ajouter une note secrète", "Add a secure note")}</button>
        </div>
        <p class="hint">{tr(lang, "Le coffre se verrouille seul après 5 minutes sans activité.", "The vault locks itself after 5 minutes without activity.")}</p>
        {move || ctx.editing.get().map(|editing| view! { <ItemForm editing=editing/> })}
        <section aria-labelledby="elements">
            <h2 id="elements">{tr(lang, "Mes comptes et notes", "My accounts and notes")}</h2>
            <div class="field">
                <label for="vault-search">{tr(lang, "Rechercher", "Search")}</label>
                <input id="vault-search" type="search" data-testid="vault-search"
                    prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev))/>
            </div>
            <ul class="vault-items" data-testid="vault-items">
                <For each=move || shown.get() key=|o| (o.id.clone(), o.revision) let:opened>
                    <ItemCard opened=opened/>
                </For>
            </ul>
            {move || ctx.items.with(Vec::is_empty).then(|| view! {
                <p data-testid="vault-empty">{tr(lang, "Votre coffre-fort est vide : ajoutez un identifiant, ou importez ceux d'un autre gestionnaire.", "Your vault is empty: add a login, or import those of another manager.")}</p>
            })}
        </section>
        <Generator/>
        <HygieneReport/>
        <ImportExport/>
        <ChangeKeys/>
        <DeleteVault/>
        <VaultSettings/>
    }
}

#[component]
fn ItemCard(opened: Opened) -> impl IntoView {
    let ctx = expect_context::<VaultCtx>();
    let lang = ctx.lang;
    let id = opened.id.clone();
    let Some(item) = opened.item.clone() else {
        let remove = move |_| {
            let _ = &id;
            in_browser! { leptos::task::spawn_local(client::delete_item(ctx, id.clone())); }
        };
        let why = if opened.stale {
            tr(lang,
                "Cet élément est plus ancien que la version déjà vue sur cet appareil (ou il avait été supprimé) : le serveur a pu remettre une version périmée. Il n'est pas affiché ; les autres éléments ne sont pas touchés.",
                "This item is older than the version this device already saw (or it had been deleted): the server may have put back an outdated version. It is not shown; the other items are not affected.")
        } else {
            tr(lang,
                "Cet élément ne peut pas être déchiffré : il a été modifié ou déplacé depuis son enregistrement. Les autres éléments ne sont pas touchés.",
                "This item cannot be decrypted: it was changed or moved since it was saved. The other items are not affected.")
        };
        return view! {
            <li class="vault-item damaged" data-testid="damaged-item">
                <p>{why}</p>
                <button type="button" class="button button-secondary" on:click=remove>{tr(lang, "Supprimer cet élément", "Delete this item")}</button>
            </li>
        }.into_any();
    };
    let revealed = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let password = StoredValue::new(item.password.clone());
    let username = StoredValue::new(item.username.clone());
    let copy = move |secret: bool| {
        move |_| {
            let text = if secret {
                password.get_value()
            } else {
                username.get_value()
            };
            let _ = &text;
            in_browser! { leptos::task::spawn_local(client::copy_text(ctx, text, secret)); }
        }
    };
    let edit_item = item.clone();
    let edit_id = opened.id.clone();
    let revision = opened.revision;
    let edit = move |_| {
        ctx.editing.set(Some(Editing {
            id: Some(edit_id.clone()),
            revision: Some(revision),
            item: edit_item.clone(),
        }))
    };
    let delete_id = opened.id.clone();
    let delete = move |_| {
        let _ = &delete_id;
        in_browser! { leptos::task::spawn_local(client::delete_item(ctx, delete_id.clone())); }
    };
    let is_login = item.kind == ItemKind::Login;
    view! {
        <li class="vault-item" data-testid="vault-item" data-name=item.name.clone()>
            <h3>{item.name.clone()}</h3>
            {(!item.url.is_empty()).then(|| {
                let url = item.url.clone();
                view! { <p class="item-url"><a href=url.clone() rel="noopener noreferrer" target="_blank">{url.clone()}</a></p> }
            })}
            {is_login.then(|| view! {
                <dl class="item-fields">
                    <div><dt>{tr(lang, "Identifiant", "Username")}</dt><dd data-testid="item-username">{item.username.clone()}</dd></div>
                    <div>
                        <dt>{tr(lang, "Mot de passe", "Password")}</dt>
                        <dd class="mono" data-testid="item-password">
                            {move || if revealed.get() { password.get_value() } else { "••••••••".to_owned() }}
                        </dd>
                    </div>
                </dl>
                <div class="item-actions">
                    <button type="button" class="button button-secondary" aria-pressed=move || revealed.get().to_string()
                        on:click=move |_| revealed.update(|r| *r = !*r) data-testid="reveal">{tr(lang, "Afficher le mot de passe", "Show the password")}</button>
                    <button type="button" class="button button-secondary" on:click=copy(false)>{tr(lang, "Copier l'identifiant", "Copy the username")}</button>
                    <button type="button" class="button button-secondary" on:click=copy(true) data-testid="copy-password">{tr(lang, "Copier le mot de passe", "Copy the password")}</button>
                </div>
                {(!item.two_factor).then(|| view! { <p class="hint">{tr(lang, "Double authentification : non activée (ou pas notée).", "Two-factor authentication: not on (or not noted).")}</p> })}
            })}
            {(!item.notes.is_empty()).then(|| view! { <p class="item-notes">{item.notes.clone()}</p> })}
            <div class="item-actions">
                <button type="button" class="button button-secondary" on:click=edit data-testid="edit">{tr(lang, "Modifier", "Edit")}</button>
                {move || if confirming.get() {
                    view! {
                        <span>{tr(lang, "Supprimer pour de bon ?", "Delete for good?")}</span>
                        <button type="button" class="button button-danger" on:click=delete.clone() data-testid="confirm-delete">{tr(lang, "Oui, supprimer", "Yes, delete")}</button>
                        <button type="button" class="button button-secondary" on:click=move |_| confirming.set(false)>{tr(lang, "Non", "No")}</button>
                    }.into_any()
                } else {
                    view! { <button type="button" class="button button-secondary" on:click=move |_| confirming.set(true) data-testid="delete">{tr(lang, "Supprimer", "Delete")}</button> }.into_any()
                }}
            </div>
        </li>
    }.into_any()
}

#[component]
fn ItemForm(editing: Editing) -> impl IntoView {
    let ctx = expect_context::<VaultCtx>();
    let lang = ctx.lang;
    let kind = editing.item.kind;
    let name = RwSignal::new(editing.item.name.clone());
    let url = RwSignal::new(editing.item.url.clone());
    let username = RwSignal::new(editing.item.username.clone());
    let password = RwSignal::new(editing.item.password.clone());
    let notes = RwSignal::new(editing.item.notes.clone());
    let two_factor = RwSignal::new(editing.item.two_factor);
    let original = StoredValue::new(editing.clone());
    let problems = RwSignal::new(Vec::<domain::vault::items::ItemProblem>::new());
    let generate = move |_| {
        in_browser! {
            if let Some(generated) = client::generate_password(20, true) { password.set(generated.text); }
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let before = original.get_value();
        let mut item = VaultItem {
            kind,
            name: name.get_untracked(),
            url: url.get_untracked(),
            username: username.get_untracked(),
            password: password.get_untracked(),
            notes: notes.get_untracked(),
            two_factor: two_factor.get_untracked(),
            password_changed_on: before.item.password_changed_on.clone(),
        };
        if item.password != before.item.password || before.id.is_none() {
            item.password_changed_on = String::new();
        }
        match item.checked() {
            Err(found) => problems.set(found),
            Ok(item) => {
                problems.set(Vec::new());
                let _ = &item;
                in_browser! { leptos::task::spawn_local(client::save_item(ctx, before.id.clone(), before.revision, item)); }
            }
        }
    };
    let title = match (kind, editing.id.is_some()) {
        (ItemKind::Login, false) => tr(lang, "Nouvel identifiant", "New login"),
        (ItemKind::Note, false) => tr(lang, "Nouvelle note secrète", "New secure note"),
        (_, true) => tr(lang, "Modifier l'élément", "Edit the item"),
    };
    let is_login = kind == ItemKind::Login;
    let has = move |p: domain::vault::items::ItemProblem| problems.with(|all| all.contains(&p));
    view! {
        <section aria-labelledby="formulaire-element" class="card">
            <h2 id="formulaire-element">{title}</h2>
            <form on:submit=submit data-testid="item-form" novalidate>
                {move || (!problems.get().is_empty()).then(|| view! {
                    <ul role="alert" class="form-errors">{problems.get().into_iter().map(|p| view! { <li>{p.message(lang == Lang::Fr)}</li> }).collect_view()}</ul>
                })}
                <div class="field">
                    <label for="item-name">{tr(lang, "Nom du service", "Service name")}</label>
                    <input id="item-name" type="text" required aria-invalid=move || has(domain::vault::items::ItemProblem::NameMissing).to_string()
                        prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                </div>
                {is_login.then(|| view! {
                    <div class="field">
                        <label for="item-url">{tr(lang, "Adresse du site (facultatif)", "Site address (optional)")}</label>
                        <input id="item-url" type="url" inputmode="url" aria-invalid=move || has(domain::vault::items::ItemProblem::UrlNotWeb).to_string()
                            prop:value=move || url.get() on:input=move |ev| url.set(event_target_value(&ev))/>
                    </div>
                    <div class="field">
                        <label for="item-username">{tr(lang, "Identifiant", "Username")}</label>
                        <input id="item-username" type="text" autocomplete="off"
                            prop:value=move || username.get() on:input=move |ev| username.set(event_target_value(&ev))/>
                    </div>
                    <div class="field">
                        <label for="item-password">{tr(lang, "Mot de passe", "Password")}</label>
                        <input id="item-password" type="text" autocomplete="off" spellcheck="false" class="mono"
                            aria-describedby="item-password-strength"
                            prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev))/>
                        <StrengthMeter password=password.into() id="item-password-strength"/>
                        <button type="button" class="button button-secondary" on:click=generate data-testid="generate-into-form">{tr(lang, "Générer un mot de passe", "Generate a password")}</button>
                    </div>
                    <div class="field checkbox">
                        <input id="item-2fa" type="checkbox" prop:checked=move || two_factor.get() on:change=move |ev| two_factor.set(event_target_checked(&ev))/>
                        <label for="item-2fa">{tr(lang, "La double authentification est activée sur ce compte", "Two-factor authentication is on for this account")}</label>
                    </div>
                })}
                <div class="field">
                    <label for="item-notes">{tr(lang, "Notes", "Notes")}</label>
                    <textarea id="item-notes" rows="3" prop:value=move || notes.get() on:input=move |ev| notes.set(event_target_value(&ev))></textarea>
                </div>
                <button type="submit" class="button" disabled=move || ctx.busy.get().is_some()>{tr(lang, "Enregistrer", "Save")}</button>
                <button type="button" class="button button-secondary" on:click=move |_| ctx.editing.set(None)>{tr(lang, "Annuler", "Cancel")}</button>
            </form>
        </section>
    }
}

#[component]
fn Generator() -> impl IntoView {
    let ctx = expect_context::<VaultCtx>();
    let lang = ctx.lang;
    let words = RwSignal::new(8u32);
    let length = RwSignal::new(20u32);
    let symbols = RwSignal::new(true);
    let result = RwSignal::new(None::<Generated>);
    let make_passphrase = move |_| {
        in_browser! { result.set(client::generate_passphrase(words.get_untracked())); }
    };
    let make_password = move |_| {
        in_browser! { result.set(client::generate_password(length.get_untracked(), symbols.get_untracked())); }
    };
    let copy = move |_| {
        if let Some(generated) = result.get_untracked() {
            let _ = &generated;
            in_browser! { leptos::task::spawn_local(client::copy_text(ctx, generated.text, true)); }
        }
    };
    view! {
        <section aria-labelledby="generateur" class="card">
            <h2 id="generateur">{tr(lang, "Générateur", "Generator")}</h2>
            <p>{tr(lang,
                "Une phrase de passe (des mots français tirés au hasard) se retient facilement ; un mot de passe aléatoire va dans le coffre et ne se retient pas.",
                "A passphrase (random French words) is easy to remember; a random password goes in the vault and need not be remembered.")}</p>
            <div class="field">
                <label for="gen-words">{tr(lang, "Nombre de mots", "Number of words")}</label>
                <input id="gen-words" type="number" min="4" max="12" prop:value=move || words.get().to_string()
                    on:input=move |ev| words.set(event_target_value(&ev).parse().unwrap_or(8))/>
            </div>
            <button type="button" class="button" on:click=make_passphrase data-testid="gen-passphrase">{tr(lang, "Phrase de passe", "Passphrase")}</button>
            <div class="field">
                <label for="gen-length">{tr(lang, "Longueur du mot de passe", "Password length")}</label>
                <input id="gen-length" type="number" min="8" max="64" prop:value=move || length.get().to_string()
                    on:input=move |ev| length.set(event_target_value(&ev).parse().unwrap_or(20))/>
            </div>
            <div class="field checkbox">
                <input id="gen-symbols" type="checkbox" prop:checked=move || symbols.get() on:change=move |ev| symbols.set(event_target_checked(&ev))/>
                <label for="gen-symbols">{tr(lang, "Avec des symboles (!#$…)", "With symbols (!#$…)")}</label>
            </div>
            <button type="button" class="button" on:click=make_password data-testid="gen-password">{tr(lang, "Mot de passe aléatoire", "Random password")}</button>
            {move || result.get().map(|g| view! {
                <p class="generated"><code data-testid="generated">{g.text.clone()}</code></p>
                <p>{format!("{} {} bits{}", tr(lang, "Entropie exacte :", "Exact entropy:"), g.bits.floor(), if g.bits >= 80.0 { tr(lang, " — objectif de la CNIL atteint.", " — the CNIL's target is reached.") } else { tr(lang, " — sous l'objectif de 80 bits de la CNIL.", " — below the CNIL's 80-bit target.") })}</p>
                <button type="button" class="button button-secondary" on:click=copy>{tr(lang, "Copier", "Copy")}</button>
            })}
        </section>
    }
}

#[component]
fn HygieneReport() -> impl IntoView {
    let ctx = expect_context::<VaultCtx>();
    let lang = ctx.lang;
    let report = Memo::new(move |_| {
        let items = ctx.items.get();
        let _ = &items;
        #[cfg(feature = "hydrate")]
        {
            client::hygiene(&items, &ctx.personal.get_value())
        }
        #[cfg(not(feature = "hydrate"))]
        {
            None::<Report>
        }
    });
    let names = move |ids: &[String]| -> String {
        ctx.items.with(|items| {
            ids.iter()
                .filter_map(|id| {
                    items
                        .iter()
                        .find(|o| &o.id == id)
                        .and_then(|o| o.item.as_ref())
                        .map(|i| i.name.clone())
                })
                .collect::<Vec<_>>()
                .join(", ")
        })
    };
    view! {
        <section aria-labelledby="bilan" class="card" data-testid="hygiene">
            <h2 id="bilan">{tr(lang, "Bilan de mes mots de passe", "My password check-up")}</h2>
            <p class="hint">{tr(lang, "Calculé dans votre navigateur : le serveur n'en sait rien.", "Computed in your browser: the server knows nothing of it.")}</p>
            {move || report.get().map(|r| {
                let lines: Vec<(&'static str, String, &'static str, &'static str)> = vec![
                    ("reused", r.reused.iter().map(|group| names(group)).collect::<Vec<_>>().join(" ; "),
                        tr(lang, "Même mot de passe sur plusieurs comptes", "Same password on several accounts"), "un-compte-un-mot-de-passe"),
                    ("weak", names(&r.weak), tr(lang, "Mots de passe faibles (moins de 50 bits)", "Weak passwords (under 50 bits)"), "phrase-de-passe"),
                    ("below-target", names(&r.below_target), tr(lang, "Sous l'objectif de 80 bits (à renforcer, ou avec double authentification)", "Below the 80-bit target (strengthen, or use two-factor)"), "phrase-de-passe"),
                    ("old", names(&r.old), tr(lang, "Mots de passe de plus d'un an", "Passwords over a year old"), "changer-ses-mots-de-passe"),
                    ("no-2fa", names(&r.no_two_factor), tr(lang, "Comptes sans double authentification notée", "Accounts with no two-factor noted"), "double-authentification"),
                ];
                let clean = lines.iter().all(|l| l.1.is_empty());
                view! {
                    <p>{format!("{} {}", r.logins, tr(lang, "identifiant(s) vérifié(s).", "login(s) checked."))}</p>
                    {clean.then(|| view! { <p data-testid="hygiene-clean">{tr(lang, "Rien à signaler : bravo !", "Nothing to report: well done!")}</p> })}
                    <ul class="hygiene">
                        {lines.into_iter().filter(|l| !l.1.is_empty()).map(|(key, who, label, lesson)| view! {
                            <li data-testid=format!("hygiene-{key}")>
                                <strong>{label}</strong>" : "<span>{who}</span>" — "
                                <a href=format!("/coffre-fort/lecons/{lesson}")>{tr(lang, "Pourquoi et comment faire", "Why and how")}</a>
                            </li>
                        }).collect_view()}
                    </ul>
                }
            })}
        </section>
    }
}

#[component]
fn ImportExport() -> impl IntoView {
    let ctx = expect_context::<VaultCtx>();
    let lang = ctx.lang;
    let format = RwSignal::new("bitwarden-json".to_owned());
    let passphrase = RwSignal::new(String::new());
    let file_input = NodeRef::<leptos::html::Input>::new();
    let pending = RwSignal::new(None::<(usize, usize)>);
    let choose = move |_| {
        in_browser! { if let Some(input) = file_input.get_untracked() { leptos::task::spawn_local(client::read_import(ctx, input.into(), pending)); } }
    };
    let confirm = move |_| {
        in_browser! { leptos::task::spawn_local(client::confirm_import(ctx, pending)); }
    };
    let export = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        in_browser! { leptos::task::spawn_local(client::export(ctx, format.get_untracked(), passphrase.get_untracked(), passphrase)); }
    };
    view! {
        <section aria-labelledby="importer" class="card">
            <h2 id="importer">{tr(lang, "Importer et exporter", "Import and export")}</h2>
            <p>{tr(lang,
                "Importez l'export non chiffré de Bitwarden (JSON ou CSV) ou un CSV de navigateur (name,url,username,password,note). Le fichier est lu dans votre navigateur ; supprimez-le ensuite de votre appareil.",
                "Import Bitwarden's unencrypted export (JSON or CSV) or a browser CSV (name,url,username,password,note). The file is read in your browser; delete it from your device afterwards.")}</p>
            <div class="field">
                <label for="import-file">{tr(lang, "Fichier à importer (5 Mo au plus)", "File to import (5 MB at most)")}</label>
                <input id="import-file" type="file" accept=".json,.csv,application/json,text/csv" node_ref=file_input on:change=choose data-testid="import-file"/>
            </div>
            {move || pending.get().map(|(count, skipped)| view! {
                <p data-testid="import-preview">{format!("{count} {}{}", tr(lang, "élément(s) prêt(s) à importer.", "item(s) ready to import."),
                    if skipped > 0 { format!(" {skipped} {}", tr(lang, "autre(s) ignoré(s) (cartes bancaires, identités).", "other(s) skipped (bank cards, identities).")) } else { String::new() })}</p>
                <button type="button" class="button" on:click=confirm data-testid="confirm-import">{tr(lang, "Importer", "Import")}</button>
            })}
            <h3>{tr(lang, "Exporter", "Export")}</h3>
            <p>{tr(lang,
                "Pour emporter vos comptes en quittant l'établissement. Le fichier n'est pas chiffré : gardez-le sur votre appareil et importez-le vite dans votre nouveau gestionnaire. Votre phrase de passe est demandée, et une connexion de moins de 15 minutes.",
                "To take your accounts with you when you leave school. The file is not encrypted: keep it on your device and import it soon into your new manager. Your passphrase is asked, and a sign-in less than 15 minutes old.")}</p>
            <form on:submit=export data-testid="export-form">
                <div class="field">
                    <label for="export-format">{tr(lang, "Format", "Format")}</label>
                    <select id="export-format" on:change=move |ev| format.set(event_target_value(&ev))>
                        <option value="bitwarden-json" selected>"Bitwarden (JSON)"</option>
                        <option value="bitwarden-csv">"Bitwarden (CSV)"</option>
                        <option value="csv">{tr(lang, "CSV de navigateur (identifiants seulement)", "Browser CSV (logins only)")}</option>
                    </select>
                </div>
                <div class="field">
                    <label for="export-passphrase">{tr(lang, "Phrase de passe du coffre", "Vault passphrase")}</label>
                    <input id="export-passphrase" type="password" autocomplete="current-password"
                        prop:value=move || passphrase.get() on:input=move |ev| passphrase.set(event_target_value(&ev))/>
                </div>
                <button type="submit" class="button button-secondary" disabled=move || ctx.busy.get().is_some()>{tr(lang, "Exporter", "Export")}</button>
            </form>
        </section>
    }
}

#[component]
fn VaultSettings() -> impl IntoView {
    let ctx = expect_context::<VaultCtx>();
    let lang = ctx.lang;
    let label = RwSignal::new(String::new());
    let add_passkey = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        in_browser! { leptos::task::spawn_local(client::add_passkey(ctx, label.get_untracked())); }
    };
    let passkeys = move || {
        ctx.state
            .with(|s| s.as_ref().map(|s| s.passkeys.clone()).unwrap_or_default())
    };
    view! {
        <section aria-labelledby="reglages" class="card">
            <h2 id="reglages">{tr(lang, "Clés d'accès du coffre", "Vault passkeys")}</h2>
            <p>{tr(lang,
                "Une clé d'accès (empreinte, visage, code de l'appareil) peut ouvrir le coffre sans taper la phrase de passe, si votre appareil sait le faire (extension « PRF »). La clé secrète qu'elle produit ne quitte jamais votre navigateur.",
                "A passkey (fingerprint, face, device PIN) can open the vault without typing the passphrase, if your device can (the “PRF” extension). The secret it produces never leaves your browser.")}</p>
            <ul data-testid="vault-passkeys">
                {move || passkeys().into_iter().map(|p| {
                    let id = p.credential_id.clone();
                    let remove = move |_| {
                        let _ = &id;
                        in_browser! { leptos::task::spawn_local(client::remove_passkey(ctx, id.clone())); }
                    };
                    view! { <li><span>{p.label.clone()}</span>" "<button type="button" class="button button-secondary" on:click=remove>{tr(lang, "Retirer", "Remove")}</button></li> }
                }).collect_view()}
            </ul>
            <form on:submit=add_passkey data-testid="add-vault-passkey">
                <div class="field">
                    <label for="vault-passkey-label">{tr(lang, "Nom de l'appareil", "Device name")}</label>
                    <input id="vault-passkey-label" type="text" maxlength="80"
                        prop:value=move || label.get() on:input=move |ev| label.set(event_target_value(&ev))/>
                </div>
                <button type="submit" class="button button-secondary">{tr(lang, "Ajouter une clé d'accès pour ouvrir le coffre", "Add a passkey to open the vault")}</button>
            </form>
        </section>
    }
}

#[component]
fn DeleteVault() -> impl IntoView {
    let ctx = expect_context::<VaultCtx>();
    let lang = ctx.lang;
    let typed = RwSignal::new(String::new());
    let word = tr(lang, "SUPPRIMER", "DELETE");
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if typed.get_untracked().trim() == word {
            in_browser! { leptos::task::spawn_local(client::delete_vault(ctx)); }
        } else {
            ctx.fail(format!(
                "{} {word}",
                tr(lang, "Pour confirmer, tapez", "To confirm, type")
            ));
        }
    };
    view! {
        <form on:submit=submit class="danger-zone" data-testid="delete-vault">
            <p>{tr(lang,
                "Supprimer le coffre-fort efface tous ses éléments, sans retour possible. Il faut s'être connecté·e il y a moins de 5 minutes.",
                "Deleting the vault erases all its items, for good. You must have signed in less than 5 minutes ago.")}</p>
            <div class="field">
                <label for="delete-vault-word">{format!("{} {word}", tr(lang, "Tapez", "Type"))}</label>
                <input id="delete-vault-word" type="text" prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev))/>
            </div>
            <button type="submit" class="button button-danger">{tr(lang, "Supprimer mon coffre-fort", "Delete my vault")}</button>
        </form>
    }
}

#[component]
fn ChangeKeys() -> impl IntoView {
    let ctx = expect_context::<VaultCtx>();
    let lang = ctx.lang;
    let passphrase = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let change = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        in_browser! { leptos::task::spawn_local(client::change_passphrase(ctx, passphrase, confirm)); }
    };
    let new_recovery = move |_| {
        in_browser! { leptos::task::spawn_local(client::new_recovery_key(ctx)); }
    };
    view! {
        <section aria-labelledby="changer-cle" class="card">
            <h2 id="changer-cle">{tr(lang, "Phrase de passe et clé de secours", "Passphrase and recovery key")}</h2>
            <form on:submit=change data-testid="change-passphrase" novalidate>
                <div class="field">
                    <label for="new-passphrase">{tr(lang, "Nouvelle phrase de passe", "New passphrase")}</label>
                    <input id="new-passphrase" type="text" autocomplete="off" spellcheck="false" class="mono"
                        aria-describedby="new-passphrase-strength"
                        prop:value=move || passphrase.get() on:input=move |ev| passphrase.set(event_target_value(&ev))/>
                    <StrengthMeter password=passphrase.into() id="new-passphrase-strength"/>
                </div>
                <div class="field">
                    <label for="new-passphrase-confirm">{tr(lang, "Nouvelle phrase de passe, encore une fois", "New passphrase, once more")}</label>
                    <input id="new-passphrase-confirm" type="password" autocomplete="new-password" spellcheck="false"
                        prop:value=move || confirm.get() on:input=move |ev| confirm.set(event_target_value(&ev))/>
                </div>
                <button type="submit" class="button button-secondary" disabled=move || ctx.busy.get().is_some()>{tr(lang, "Changer de phrase de passe", "Change the passphrase")}</button>
            </form>
            <p>{tr(lang,
                "Une nouvelle clé de secours remplace l'ancienne, qui n'ouvrira plus le coffre (utile si vous l'avez perdue ou montrée).",
                "A new recovery key replaces the old one, which will no longer open the vault (useful if you lost it or showed it).")}</p>
            <button type="button" class="button button-secondary" on:click=new_recovery data-testid="new-recovery-key">{tr(lang, "Faire une nouvelle clé de secours", "Make a new recovery key")}</button>
        </section>
    }
}
