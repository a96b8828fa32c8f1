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
            <h2 id="reglages">{vault_texts(lang).vault_passkeys()}</h2>
            <p>{vault_texts(lang).passkey_fingerprint_face_device_pin()}</p>
            <ul data-testid="vault-passkeys">
                {move || passkeys().into_iter().map(|p| {
                    let id = p.credential_id.clone();
                    let remove = move |_| {
                        let _ = &id;
                        in_browser! { leptos::task::spawn_local(client::remove_passkey(ctx, id.clone())); }
                    };
                    view! { <li><span>{p.label.clone()}</span>" "<button type="button" class="button button-secondary" on:click=remove>{vault_texts(lang).remove()}</button></li> }
                }).collect_view()}
            </ul>
            <form on:submit=add_passkey data-testid="add-vault-passkey">
                <div class="field">
                    <label for="vault-passkey-label">{vault_texts(lang).device_name()}</label>
                    <input id="vault-passkey-label" type="text" maxlength="80"
                        prop:value=move || label.get() on:input=move |ev| label.set(event_target_value(&ev))/>
                </div>
                <button type="submit" class="button button-secondary">{vault_texts(lang).add_passkey_to_open_vault()}</button>
            </form>
        </section>
    }
}

#[component]
pub(super) fn DeleteVault() -> impl IntoView {
    let ctx = expect_context::<VaultCtx>();
    let lang = ctx.lang;
    let typed = RwSignal::new(String::new());
    let word = vault_texts(lang).delete_2();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if typed.get_untracked().trim() == word {
            in_browser! { leptos::task::spawn_local(client::delete_vault(ctx)); }
        } else {
            ctx.fail(vault_texts(lang).type_to_confirm(word));
        }
    };
    view! {
        <form on:submit=submit class="danger-zone" data-testid="delete-vault">
            <p>{vault_texts(lang).deleting_vault_erases_all_its()}</p>
            <div class="field">
                <label for="delete-vault-word">{vault_texts(lang).type_word(word)}</label>
                <input id="delete-vault-word" type="text" prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev))/>
            </div>
            <button type="submit" class="button button-danger">{vault_texts(lang).delete_my_vault()}</button>
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
            <h2 id="changer-cle">{vault_texts(lang).passphrase_and_recovery_key()}</h2>
            <form on:submit=change data-testid="change-passphrase" novalidate>
                <div class="field">
                    <label for="new-passphrase">{vault_texts(lang).new_passphrase()}</label>
                    <input id="new-passphrase" type="text" autocomplete="off" spellcheck="false" class="mono"
                        aria-describedby="new-passphrase-strength"
                        prop:value=move || passphrase.get() on:input=move |ev| passphrase.set(event_target_value(&ev))/>
                    <StrengthMeter password=passphrase.into() id="new-passphrase-strength"/>
                </div>
                <div class="field">
                    <label for="new-passphrase-confirm">{vault_texts(lang).new_passphrase_once_more()}</label>
                    <input id="new-passphrase-confirm" type="password" autocomplete="new-password" spellcheck="false"
                        prop:value=move || confirm.get() on:input=move |ev| confirm.set(event_target_value(&ev))/>
                </div>
                <button type="submit" class="button button-secondary" disabled=move || ctx.busy.get().is_some()>{vault_texts(lang).change_passphrase()}</button>
            </form>
            <p>{vault_texts(lang).new_recovery_key_replaces_old()}</p>
            <button type="button" class="button button-secondary" on:click=new_recovery data-testid="new-recovery-key">{vault_texts(lang).make_new_recovery_key()}</button>
        </section>
    }
}
