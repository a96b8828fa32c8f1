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
                ctx.say(vault_texts(ctx.lang).passphrase_was_suggested_copy_it());
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
            <h2 id="creer">{vault_texts(lang).create_my_vault()}</h2>
            <p>{vault_texts(lang).choose_passphrase_several_random_words()}</p>
            <form on:submit=submit data-testid="create-vault" novalidate>
                <fieldset class="plain" disabled=move || !ctx.ready.get()>
                <div class="field">
                    <label for="vault-passphrase">{vault_texts(lang).passphrase()}</label>
                    <input id="vault-passphrase" type="text" autocomplete="off" spellcheck="false" class="mono"
                        aria-describedby="vault-passphrase-strength"
                        prop:value=move || passphrase.get() on:input=move |ev| passphrase.set(event_target_value(&ev))/>
                    <StrengthMeter password=passphrase.into() id="vault-passphrase-strength"/>
                    <button type="button" class="button button-secondary" on:click=suggest data-testid="suggest-passphrase">
                        {vault_texts(lang).suggest_passphrase()}
                    </button>
                </div>
                <div class="field">
                    <label for="vault-confirm">{vault_texts(lang).passphrase_once_more()}</label>
                    <input id="vault-confirm" type="password" autocomplete="new-password" spellcheck="false"
                        prop:value=move || confirm.get() on:input=move |ev| confirm.set(event_target_value(&ev))/>
                </div>
                <button type="submit" class="button" disabled=move || ctx.busy.get().is_some()>{vault_texts(lang).create_vault()}</button>
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
            <h2 id="secours">{vault_texts(lang).your_recovery_key()}</h2>
            <p>{vault_texts(lang).if_you_forget_your_passphrase()}</p>
            <p class="recovery-key"><code data-testid="recovery-key">{key}</code></p>
            <button type="button" class="button button-secondary" on:click=print>{vault_texts(lang).print()}</button>
            <div class="field checkbox">
                <input id="written" type="checkbox" on:change=move |ev| written.set(event_target_checked(&ev))/>
                <label for="written">{vault_texts(lang).i_wrote_my_recovery_key()}</label>
            </div>
            <button type="button" class="button" data-testid="recovery-done" disabled=move || !written.get()
                on:click=move |_| { ctx.stage.set(Stage::Unlocked); }>
                {vault_texts(lang).open_my_vault()}
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
            <h2 id="deverrouiller">{vault_texts(lang).vault_locked()}</h2>
            <form on:submit=unlock data-testid="unlock-passphrase">
                <fieldset class="plain" disabled=move || !ctx.ready.get()>
                <div class="field">
                    <label for="unlock-passphrase">{vault_texts(lang).passphrase()}</label>
                    <input id="unlock-passphrase" type="password" autocomplete="current-password" spellcheck="false"
                        prop:value=move || passphrase.get() on:input=move |ev| passphrase.set(event_target_value(&ev))/>
                </div>
                <button type="submit" class="button" disabled=move || ctx.busy.get().is_some()>{vault_texts(lang).unlock()}</button>
                </fieldset>
            </form>
            {move || has_passkey.get().then(|| view! {
                <p><button type="button" class="button button-secondary" on:click=unlock_passkey data-testid="unlock-passkey"
                    disabled=move || !ctx.ready.get()>
                    {vault_texts(lang).unlock_with_my_passkey()}
                </button></p>
            })}
            <details>
                <summary>{vault_texts(lang).i_forgot_my_passphrase()}</summary>
                <form on:submit=unlock_recovery data-testid="unlock-recovery">
                    <fieldset class="plain" disabled=move || !ctx.ready.get()>
                    <div class="field">
                        <label for="unlock-recovery-key">{vault_texts(lang).recovery_key_32_characters()}</label>
                        <input id="unlock-recovery-key" type="text" autocomplete="off" spellcheck="false" class="mono"
                            prop:value=move || recovery.get() on:input=move |ev| recovery.set(event_target_value(&ev))/>
                    </div>
                    <button type="submit" class="button button-secondary">{vault_texts(lang).open_with_recovery_key()}</button>
                    </fieldset>
                </form>
                <p data-testid="vault-lost">{vault_texts(lang).without_passphrase_or_recovery_key()}</p>
            </details>
        </section>
    }
}
