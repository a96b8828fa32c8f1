//! The screens before the vault is open: create it (and keep its recovery key), unlock it.

use super::*;

#[component]
pub(super) fn CreateVault() -> impl IntoView {
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
pub(super) fn RecoveryKey(key: String) -> impl IntoView {
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
pub(super) fn UnlockVault() -> impl IntoView {
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
