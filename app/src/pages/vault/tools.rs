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
