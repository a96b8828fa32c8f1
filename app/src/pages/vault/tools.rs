//! The open vault's tools: the generator, the hygiene report, import and export.

use super::*;

#[component]
pub(super) fn Generator() -> impl IntoView {
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
            <h2 id="generateur">{vault_texts(lang).generator()}</h2>
            <p>{vault_texts(lang).passphrase_random_french_words_is()}</p>
            <div class="field">
                <label for="gen-words">{vault_texts(lang).number_of_words()}</label>
                <input id="gen-words" type="number" min="4" max="12" prop:value=move || words.get().to_string()
                    on:input=move |ev| words.set(event_target_value(&ev).parse().unwrap_or(8))/>
            </div>
            <button type="button" class="button" on:click=make_passphrase data-testid="gen-passphrase">{vault_texts(lang).passphrase()}</button>
            <div class="field">
                <label for="gen-length">{vault_texts(lang).password_length()}</label>
                <input id="gen-length" type="number" min="8" max="64" prop:value=move || length.get().to_string()
                    on:input=move |ev| length.set(event_target_value(&ev).parse().unwrap_or(20))/>
            </div>
            <div class="field checkbox">
                <input id="gen-symbols" type="checkbox" prop:checked=move || symbols.get() on:change=move |ev| symbols.set(event_target_checked(&ev))/>
                <label for="gen-symbols">{vault_texts(lang).with_symbols()}</label>
            </div>
            <button type="button" class="button" on:click=make_password data-testid="gen-password">{vault_texts(lang).random_password()}</button>
            {move || result.get().map(|g| view! {
                <p class="generated"><code data-testid="generated">{g.text.clone()}</code></p>
                <p>{if g.bits >= 80.0 { vault_texts(lang).entropy_reached(g.bits.floor()) } else { vault_texts(lang).entropy_below(g.bits.floor()) }}</p>
                <button type="button" class="button button-secondary" on:click=copy>{vault_texts(lang).copy()}</button>
            })}
        </section>
    }
}

#[component]
pub(super) fn HygieneReport() -> impl IntoView {
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
            <h2 id="bilan">{vault_texts(lang).my_password_check_up()}</h2>
            <p class="hint">{vault_texts(lang).computed_in_your_browser_server()}</p>
            {move || report.get().map(|r| {
                let lines: Vec<(&'static str, String, &'static str, &'static str)> = vec![
                    ("reused", r.reused.iter().map(|group| names(group)).collect::<Vec<_>>().join(" ; "),
                        vault_texts(lang).same_password_on_several_accounts(), "un-compte-un-mot-de-passe"),
                    ("weak", names(&r.weak), vault_texts(lang).weak_passwords_under_50_bits(), "phrase-de-passe"),
                    ("below-target", names(&r.below_target), vault_texts(lang).below_80_bit_target_strengthen(), "phrase-de-passe"),
                    ("old", names(&r.old), vault_texts(lang).passwords_over_year_old(), "changer-ses-mots-de-passe"),
                    ("no-2fa", names(&r.no_two_factor), vault_texts(lang).accounts_with_no_two_factor(), "double-authentification"),
                ];
                let clean = lines.iter().all(|l| l.1.is_empty());
                view! {
                    <p>{vault_texts(lang).logins_checked(r.logins)}</p>
                    {clean.then(|| view! { <p data-testid="hygiene-clean">{vault_texts(lang).nothing_to_report_well_done()}</p> })}
                    <ul class="hygiene">
                        {lines.into_iter().filter(|l| !l.1.is_empty()).map(|(key, who, label, lesson)| view! {
                            <li data-testid=format!("hygiene-{key}")>
                                <strong>{crate::i18n::texts(lang).label_colon(label)}</strong>" "<span>{who}</span>" — "
                                <a href=format!("/coffre-fort/lecons/{lesson}")>{vault_texts(lang).why_and_how()}</a>
                            </li>
                        }).collect_view()}
                    </ul>
                }
            })}
        </section>
    }
}

#[component]
pub(super) fn ImportExport() -> impl IntoView {
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
            <h2 id="importer">{vault_texts(lang).import_and_export()}</h2>
            <p>{vault_texts(lang).import_bitwardens_unencrypted_export_json()}</p>
            <div class="field">
                <label for="import-file">{vault_texts(lang).file_to_import_5_mb()}</label>
                <input id="import-file" type="file" accept=".json,.csv,application/json,text/csv" node_ref=file_input on:change=choose data-testid="import-file"/>
            </div>
            {move || pending.get().map(|(count, skipped)| view! {
                <p data-testid="import-preview">{vault_texts(lang).items_ready(count)}
                    {(skipped > 0).then(|| format!(" {}", vault_texts(lang).items_skipped(skipped)))}</p>
                <button type="button" class="button" on:click=confirm data-testid="confirm-import">{vault_texts(lang).import()}</button>
            })}
            <h3>{vault_texts(lang).export()}</h3>
            <p>{vault_texts(lang).to_take_your_accounts_with()}</p>
            <form on:submit=export data-testid="export-form">
                <div class="field">
                    <label for="export-format">{vault_texts(lang).format()}</label>
                    <select id="export-format" on:change=move |ev| format.set(event_target_value(&ev))>
                        <option value="bitwarden-json" selected>"Bitwarden (JSON)"</option>
                        <option value="bitwarden-csv">"Bitwarden (CSV)"</option>
                        <option value="csv">{vault_texts(lang).browser_csv_logins_only()}</option>
                    </select>
                </div>
                <div class="field">
                    <label for="export-passphrase">{vault_texts(lang).vault_passphrase()}</label>
                    <input id="export-passphrase" type="password" autocomplete="current-password"
                        prop:value=move || passphrase.get() on:input=move |ev| passphrase.set(event_target_value(&ev))/>
                </div>
                <button type="submit" class="button button-secondary" disabled=move || ctx.busy.get().is_some()>{vault_texts(lang).export()}</button>
            </form>
        </section>
    }
}
