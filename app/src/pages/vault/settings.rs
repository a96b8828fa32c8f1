//! The vault's settings: its passkeys, a new passphrase or recovery key, deleting it.

use super::*;

#[component]
pub(super) fn VaultSettings() -> impl IntoView {
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
pub(super) fn DeleteVault() -> impl IntoView {
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
pub(super) fn ChangeKeys() -> impl IntoView {
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
