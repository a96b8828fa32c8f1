//! The vault page's browser side: every step that touches a key, a passphrase or a plaintext
//! happens here and in the vault module, never in a server function.

use super::api;
use super::{
    tr, Generated, Opened, Report, Stage, Strength, VaultCtx, AUTO_LOCK_SECS, CLIPBOARD_CLEAR_SECS,
};
use crate::error::PortalError;
use crate::i18n::Lang;
use crate::vault_client::{self as browser, VaultCallError, VaultModule};
use domain::vault::items::VaultItem;
use domain::vault::{
    Envelope, ItemId, KeyChange, KeyCheck, Salt, SeenRevisions, VaultKeys, VaultPasskey, WrappedKey,
};
use leptos::prelude::*;
use serde::Deserialize;
use std::cell::{Cell, RefCell};
use std::time::Duration;
use wasm_bindgen::JsValue;

thread_local! {
    static MODULE: RefCell<Option<VaultModule>> = const { RefCell::new(None) };
    static LAST_ACTIVITY: Cell<f64> = const { Cell::new(0.0) };
    static PENDING_IMPORT: RefCell<(Vec<VaultItem>, String)> = const { RefCell::new((Vec::new(), String::new())) };
}

fn module() -> Option<VaultModule> {
    MODULE.with(|m| m.borrow().clone())
}

fn call_message(lang: Lang, error: &VaultCallError) -> String {
    let text = match error.0.as_str() {
        "wrong_passphrase" => tr(lang, "Phrase de passe incorrecte. Vérifiez les majuscules et les espaces.", "Wrong passphrase. Check capitals and spaces."),
        "wrong_recovery_key" => tr(lang, "Cette clé de secours ne correspond pas à ce coffre-fort.", "This recovery key does not match this vault."),
        "recovery_key_form" => tr(lang, "Une clé de secours a 32 caractères (lettres et chiffres), en 8 groupes de 4.", "A recovery key has 32 characters (letters and digits), in 8 groups of 4."),
        "wrong_passkey" => tr(lang, "Cette clé d'accès n'ouvre pas ce coffre-fort.", "This passkey does not open this vault."),
        "locked" => tr(lang, "Le coffre-fort est verrouillé.", "The vault is locked."),
        "module_unavailable" => tr(lang, "Le module de chiffrement n'a pas pu être chargé. Vérifiez votre connexion, puis rechargez la page.", "The encryption module could not be loaded. Check your connection, then reload the page."),
        "undecryptable" => tr(lang, "Des données du coffre ne se déchiffrent pas : elles ont été modifiées.", "Some vault data does not decrypt: it was changed."),
        other if other.starts_with('{') => {
            #[derive(Deserialize)]
            struct Bilingual {
                fr: String,
                en: String,
            }
            return serde_json::from_str::<Bilingual>(other)
                .map(|b| if lang == Lang::Fr { b.fr } else { b.en })
                .unwrap_or_default();
        }
        _ => tr(lang, "Votre navigateur n'a pas pu faire cette opération.", "Your browser could not do this."),
    };
    text.to_owned()
}

fn server_message(lang: Lang, error: &PortalError) -> String {
    match error {
        PortalError::Vault(problem) => if lang == Lang::Fr {
            problem.message_fr()
        } else {
            problem.message_en()
        }
        .to_owned(),
        PortalError::NotSignedIn => tr(
            lang,
            "Votre session a pris fin : reconnectez-vous, rien n'a été enregistré.",
            "Your session ended: sign in again, nothing was saved.",
        )
        .to_owned(),
        PortalError::NotFound => tr(
            lang,
            "Cet élément n'existe plus : rechargez la page.",
            "This item no longer exists: reload the page.",
        )
        .to_owned(),
        _ => tr(
            lang,
            "Le service est indisponible : rien n'a été enregistré, réessayez dans un instant.",
            "The service is unavailable: nothing was saved, try again in a moment.",
        )
        .to_owned(),
    }
}

/// Loads the module and the vault; installs the inactivity lock.
pub fn start(ctx: VaultCtx) {
    touch();
    let activity = [
        window_event_listener(leptos::ev::pointerdown, |_| touch()),
        window_event_listener(leptos::ev::keydown, |_| touch()),
    ];
    let timer = set_interval_with_handle(
        move || {
            let idle = browser::now_ms() - LAST_ACTIVITY.with(Cell::get);
            if idle > f64::from(AUTO_LOCK_SECS) * 1000.0
                && ctx.stage.try_get_untracked() == Some(Stage::Unlocked)
            {
                lock(ctx);
                ctx.say(
                    "Le coffre-fort s'est verrouillé après 5 minutes sans activité.",
                    "The vault locked itself after 5 minutes without activity.",
                );
            }
        },
        Duration::from_secs(10),
    )
    .ok();
    on_cleanup(move || {
        for handle in activity {
            handle.remove();
        }
        if let Some(timer) = timer {
            timer.clear();
        }
        // Leaving the page locks the vault: the key does not outlive the page that shows it.
        if let Some(module) = module() {
            let _ = module.unit("lock", &[]);
        }
        PENDING_IMPORT.with(|p| *p.borrow_mut() = (Vec::new(), String::new()));
    });
    leptos::task::spawn_local(async move {
        let loaded = VaultModule::load().await;
        let module = match loaded {
            Ok(module) => module,
            Err(error) => {
                ctx.stage.set(Stage::Failed(call_message(ctx.lang, &error)));
                return;
            }
        };
        MODULE.with(|m| *m.borrow_mut() = Some(module));
        refresh(ctx).await;
        ctx.ready.set(true);
    });
}

/// Shows a stage; a page that already shows it is left as it is (the page comes with its first
/// screen, and drawing that form again would only make it flicker).
fn show(ctx: VaultCtx, stage: Stage) {
    ctx.stage.maybe_update(|shown| {
        if *shown == stage {
            false
        } else {
            *shown = stage;
            true
        }
    });
}

fn touch() {
    LAST_ACTIVITY.with(|last| last.set(browser::now_ms()));
}

/// Reads the vault from the server and shows the stage it is in.
async fn refresh(ctx: VaultCtx) {
    match api::get_vault_state().await {
        Ok(state) => {
            let has_keys = state.keys.is_some();
            ctx.state.set(Some(state));
            if !has_keys {
                show(ctx, Stage::NoVault);
            } else if module().is_some_and(|m| m.boolean("is_unlocked", &[]).unwrap_or(false)) {
                open_items(ctx);
            } else {
                show(ctx, Stage::Locked);
            }
        }
        Err(error) => ctx
            .stage
            .set(Stage::Failed(server_message(ctx.lang, &error))),
    }
}

fn account_id(ctx: VaultCtx) -> String {
    ctx.state.with_untracked(|s| {
        s.as_ref()
            .map(|s| s.account_id.to_string())
            .unwrap_or_default()
    })
}

fn keys_json(ctx: VaultCtx) -> Option<String> {
    ctx.state.with_untracked(|s| {
        s.as_ref()
            .and_then(|s| s.keys.as_ref())
            .and_then(|k| serde_json::to_string(k).ok())
    })
}

/// Where this browser keeps the revisions it saw of this account's items.
fn seen_key(ctx: VaultCtx) -> String {
    format!("sillage-coffre-vu-{}", account_id(ctx))
}

fn seen(ctx: VaultCtx) -> SeenRevisions {
    browser::local_get(&seen_key(ctx))
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// Records in this browser's memory what it has just seen, saved or deleted.
fn remember(ctx: VaultCtx, change: impl FnOnce(&mut SeenRevisions)) {
    let mut seen = seen(ctx);
    change(&mut seen);
    if let Ok(text) = serde_json::to_string(&seen) {
        browser::local_set(&seen_key(ctx), &text);
    }
}

#[derive(Deserialize)]
struct OpenedVault {
    items: Vec<Opened>,
    seen: SeenRevisions,
}

/// Decrypts the stored items into the page (the vault module is unlocked), refusing what is
/// older than this browser saw; items sealed before revisions were bound are sealed again.
fn open_items(ctx: VaultCtx) {
    let Some(module) = module() else { return };
    let stored = ctx.state.with_untracked(|s| {
        s.as_ref()
            .map(|s| serde_json::to_string(&s.items).unwrap_or_default())
    });
    let seen = serde_json::to_string(&seen(ctx)).unwrap_or_default();
    match module.json::<OpenedVault>(
        "open_items",
        &[stored.unwrap_or_else(|| "[]".into()).into(), seen.into()],
    ) {
        Ok(opened) => {
            remember(ctx, |seen| *seen = opened.seen);
            let legacy: Vec<Opened> = opened
                .items
                .iter()
                .filter(|o| o.legacy && o.item.is_some())
                .cloned()
                .collect();
            ctx.items.set(opened.items);
            ctx.stage.set(Stage::Unlocked);
            if !legacy.is_empty() {
                leptos::task::spawn_local(seal_again(ctx, legacy));
            }
        }
        Err(error) => ctx.fail(call_message(ctx.lang, &error)),
    }
}

/// Items stored before their revision was bound into their envelope, stored again with it
/// (quietly: nothing changes for the pupil).
async fn seal_again(ctx: VaultCtx, items: Vec<Opened>) {
    for opened in items {
        let Some(item) = opened.item else { continue };
        if let Err(error) = store_item(ctx, opened.id, Some(opened.revision), item).await {
            return ctx.fail(error);
        }
    }
}

pub fn strength(password: &str, personal: &[String]) -> Option<Strength> {
    let personal = serde_json::to_string(personal).ok()?;
    module()?
        .json("strength", &[password.into(), personal.into()])
        .ok()
}

pub fn generate_passphrase(words: u32) -> Option<Generated> {
    module()?
        .json("generate_passphrase", &[JsValue::from(words), "-".into()])
        .ok()
}

pub fn suggest_passphrase() -> Option<Generated> {
    let words = module()?.number("words_for_target", &[]).ok()? as u32;
    generate_passphrase(words)
}

pub fn generate_password(length: u32, symbols: bool) -> Option<Generated> {
    module()?
        .json(
            "generate_password",
            &[JsValue::from(length), JsValue::from(symbols)],
        )
        .ok()
}

pub fn hygiene(items: &[Opened], personal: &[String]) -> Option<Report> {
    let pairs: Vec<(&str, &VaultItem)> = items
        .iter()
        .filter_map(|o| o.item.as_ref().map(|i| (o.id.as_str(), i)))
        .collect();
    let items = serde_json::to_string(&pairs).ok()?;
    let personal = serde_json::to_string(personal).ok()?;
    module()?
        .json(
            "hygiene_report",
            &[items.into(), browser::today().into(), personal.into()],
        )
        .ok()
}

pub fn print() {
    let global = js_sys::global();
    if let Ok(print) = js_sys::Reflect::get(&global, &"print".into()) {
        if let Ok(print) = wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(print) {
            let _ = print.call0(&global);
        }
    }
}

async fn busy(ctx: VaultCtx, fr: &'static str, en: &'static str) {
    ctx.alert.set(None);
    ctx.notice.set(None);
    ctx.busy.set(Some(tr(ctx.lang, fr, en)));
    // Let the browser show the message before the key derivation holds the thread.
    browser::next_paint().await;
}

/// The vault passphrase must reach the CNIL's 80 bits: it is the one password that protects all
/// the others, and an attacker holding a copy of the database can try it offline.
const MIN_PASSPHRASE_BITS: f64 = 80.0;

pub async fn create(ctx: VaultCtx, passphrase: String, confirm: String) {
    let lang = ctx.lang;
    let Some(module) = module() else { return };
    if passphrase != confirm {
        ctx.fail(
            tr(
                lang,
                "Les deux phrases de passe ne sont pas identiques.",
                "The two passphrases differ.",
            )
            .to_owned(),
        );
        return;
    }
    let strong = strength(&passphrase, &ctx.personal.get_value())
        .is_some_and(|s| s.bits >= MIN_PASSPHRASE_BITS);
    if !strong {
        ctx.fail(tr(lang,
            "Cette phrase de passe n'atteint pas 80 bits : ajoutez des mots pris au hasard, ou utilisez « Me proposer une phrase de passe ».",
            "This passphrase does not reach 80 bits: add random words, or use “Suggest a passphrase”.").to_owned());
        return;
    }
    busy(ctx, "Création du coffre-fort…", "Creating the vault…").await;
    #[derive(Deserialize)]
    struct Created {
        keys: VaultKeys,
        key_check: KeyCheck,
        recovery_key: String,
    }
    let created = module.json::<Created>(
        "create",
        &[account_id(ctx).into(), passphrase.as_str().into()],
    );
    ctx.busy.set(None);
    let created = match created {
        Ok(created) => created,
        Err(error) => return ctx.fail(call_message(lang, &error)),
    };
    match api::create_vault(created.keys.clone(), created.key_check).await {
        Ok(()) => {
            ctx.state.update(|s| {
                if let Some(s) = s {
                    s.keys = Some(created.keys);
                    s.key_check_set = true;
                }
            });
            ctx.items.set(Vec::new());
            ctx.stage.set(Stage::Recovery(created.recovery_key));
        }
        Err(error) => {
            let _ = module.unit("lock", &[]);
            ctx.fail(server_message(lang, &error));
        }
    }
}

pub async fn unlock_with_passphrase(ctx: VaultCtx, passphrase: String) {
    let (Some(module), Some(keys)) = (module(), keys_json(ctx)) else {
        return;
    };
    busy(ctx, "Déverrouillage…", "Unlocking…").await;
    #[derive(Deserialize)]
    struct Upgrade {
        kdf: domain::vault::KdfParams,
        salt: Salt,
        wrapped: WrappedKey,
    }
    let result = module.json::<Option<Upgrade>>(
        "unlock_with_passphrase",
        &[
            account_id(ctx).into(),
            keys.into(),
            passphrase.as_str().into(),
        ],
    );
    ctx.busy.set(None);
    match result {
        Ok(upgrade) => {
            register_key_check(ctx, &module).await;
            if let Some(Upgrade { kdf, salt, wrapped }) = upgrade {
                // Stronger parameters than when the vault was made: saved now, used next time.
                let change = KeyChange::Passphrase {
                    kdf,
                    salt: salt.clone(),
                    wrapped: wrapped.clone(),
                };
                let saved = match key_check(&module) {
                    Some(check) => api::change_vault_key(change, check).await.is_ok(),
                    None => false,
                };
                if saved {
                    ctx.state.update(|s| {
                        if let Some(keys) = s.as_mut().and_then(|s| s.keys.as_mut()) {
                            keys.kdf = kdf;
                            keys.salt = salt;
                            keys.by_passphrase = wrapped;
                        }
                    });
                }
            }
            opened(ctx).await;
        }
        Err(error) => ctx.fail(call_message(ctx.lang, &error)),
    }
}

pub async fn unlock_with_recovery(ctx: VaultCtx, recovery: String) {
    let (Some(module), Some(keys)) = (module(), keys_json(ctx)) else {
        return;
    };
    busy(ctx, "Déverrouillage…", "Unlocking…").await;
    let result = module.unit(
        "unlock_with_recovery",
        &[
            account_id(ctx).into(),
            keys.into(),
            recovery.as_str().into(),
        ],
    );
    ctx.busy.set(None);
    match result {
        Ok(()) => {
            register_key_check(ctx, &module).await;
            ctx.say("Coffre-fort ouvert avec la clé de secours. Pensez à choisir une nouvelle phrase de passe si vous avez oublié l'ancienne.",
                "Vault opened with the recovery key. Choose a new passphrase if you forgot the old one.");
            opened(ctx).await;
        }
        Err(error) => ctx.fail(call_message(ctx.lang, &error)),
    }
}

pub async fn unlock_with_passkey(ctx: VaultCtx) {
    let lang = ctx.lang;
    let Some(module) = module() else { return };
    let passkeys = ctx
        .state
        .with_untracked(|s| s.as_ref().map(|s| s.passkeys.clone()).unwrap_or_default());
    let offered: Vec<(String, Vec<u8>)> = passkeys
        .iter()
        .map(|p| (p.credential_id.clone(), p.prf_salt.bytes().to_vec()))
        .collect();
    ctx.alert.set(None);
    let answer = browser::unlock_prf(&offered).await;
    let (used, output) = match answer {
        Ok(Some(answer)) => answer,
        Ok(None) => {
            return ctx.fail(
                tr(
                    lang,
                    "Cette clé d'accès ne sait pas ouvrir le coffre (pas d'extension PRF).",
                    "This passkey cannot open the vault (no PRF extension).",
                )
                .to_owned(),
            )
        }
        Err(_) => return ctx.fail(crate::i18n::texts(lang).passkey_cancelled.to_owned()),
    };
    let Some(passkey) = passkeys.into_iter().find(|p| p.credential_id == used) else {
        return ctx.fail(call_message(lang, &VaultCallError("wrong_passkey".into())));
    };
    let passkey_json = serde_json::to_string(&passkey).unwrap_or_default();
    let result = module.unit(
        "unlock_with_prf",
        &[
            account_id(ctx).into(),
            passkey_json.into(),
            browser::bytes(&output),
        ],
    );
    match result {
        Ok(()) => {
            register_key_check(ctx, &module).await;
            opened(ctx).await;
        }
        Err(error) => ctx.fail(call_message(lang, &error)),
    }
}

/// The open vault's key check, which the server asks for before the keys change or the vault
/// is deleted.
fn key_check(module: &VaultModule) -> Option<KeyCheck> {
    module
        .text("key_check", &[])
        .ok()
        .and_then(|text| KeyCheck::parse(&text).ok())
}

/// A vault made before key checks gets its check at its first unlock.
async fn register_key_check(ctx: VaultCtx, module: &VaultModule) {
    let missing = ctx
        .state
        .with_untracked(|s| s.as_ref().is_some_and(|s| !s.key_check_set));
    if !missing {
        return;
    }
    if let Some(check) = key_check(module) {
        if api::set_vault_key_check(check).await.is_ok() {
            ctx.state.update(|s| {
                if let Some(s) = s {
                    s.key_check_set = true;
                }
            });
        }
    }
}

/// The vault is unlocked: show its items, and say so if its recovery key may no longer work
/// (a vault made before each wrapping had its own salt, whose passphrase changed since).
async fn opened(ctx: VaultCtx) {
    open_items(ctx);
    let stale = ctx.state.with_untracked(|s| {
        s.as_ref()
            .and_then(|s| s.keys.as_ref())
            .is_some_and(|k| k.recovery_stale)
    });
    if stale {
        ctx.fail(
            tr(
                ctx.lang,
                "Votre clé de secours n'est plus valable : créez-en une nouvelle (« Faire une nouvelle clé de secours », plus bas) et gardez-la en lieu sûr.",
                "Your recovery key is no longer valid: make a new one (“Make a new recovery key”, below) and keep it somewhere safe.",
            )
            .to_owned(),
        );
    }
}

/// Forgets what the open vault showed: items, the item being edited, an import read but not
/// confirmed (its plaintext must not outlive the unlocked vault).
fn forget_plaintext(ctx: VaultCtx) {
    PENDING_IMPORT.with(|p| *p.borrow_mut() = (Vec::new(), String::new()));
    ctx.items.set(Vec::new());
    ctx.editing.set(None);
}

pub fn lock(ctx: VaultCtx) {
    if let Some(module) = module() {
        let _ = module.unit("lock", &[]);
    }
    forget_plaintext(ctx);
    ctx.stage.set(Stage::Locked);
    ctx.say("Coffre-fort verrouillé.", "Vault locked.");
}

pub async fn save_item(
    ctx: VaultCtx,
    id: Option<String>,
    revision: Option<i64>,
    mut item: VaultItem,
) {
    let lang = ctx.lang;
    let Some(module) = module() else { return };
    if item.password_changed_on.is_empty() {
        item.password_changed_on = browser::today();
    }
    let id = match id {
        Some(id) => id,
        None => match module.text("new_item_id", &[]) {
            Ok(id) => id,
            Err(error) => return ctx.fail(call_message(lang, &error)),
        },
    };
    match store_item(ctx, id, revision, item).await {
        Ok(()) => {
            ctx.editing.set(None);
            ctx.say(
                "Enregistré (chiffré dans votre navigateur).",
                "Saved (encrypted in your browser).",
            );
        }
        Err(message) => ctx.fail(message),
    }
}

/// Seals `item` for the revision it will be stored as (`revision` is the one it was edited
/// from, none for a new item), stores it, and shows it; the error is said to the pupil.
async fn store_item(
    ctx: VaultCtx,
    id: String,
    revision: Option<i64>,
    item: VaultItem,
) -> Result<(), String> {
    let lang = ctx.lang;
    let module = module()
        .ok_or_else(|| call_message(lang, &VaultCallError("module_unavailable".to_owned())))?;
    let plaintext = serde_json::to_string(&item).unwrap_or_default();
    let stored_as = revision.map_or(1, |r| r + 1);
    let envelope = module
        .text(
            "seal_item",
            &[
                id.as_str().into(),
                JsValue::from_f64(stored_as as f64),
                plaintext.into(),
            ],
        )
        .map_err(|error| call_message(lang, &error))?;
    let (Ok(item_id), Ok(parsed)) = (ItemId::parse(&id), Envelope::parse(&envelope)) else {
        return Err(call_message(lang, &VaultCallError("internal".to_owned())));
    };
    let new_revision = api::save_vault_item(item_id.clone(), parsed.clone(), revision)
        .await
        .map_err(|error| server_message(lang, &error))?;
    remember(ctx, |seen| seen.saw(&id, new_revision, true));
    let stored = domain::vault::StoredItem {
        id: item_id,
        envelope: parsed,
        revision: new_revision,
    };
    ctx.state.update(|s| {
        if let Some(s) = s {
            s.items.retain(|i| i.id != stored.id);
            s.items.push(stored);
        }
    });
    ctx.items.update(|items| {
        items.retain(|o| o.id != id);
        items.push(Opened {
            id: id.clone(),
            revision: new_revision,
            item: Some(item),
            stale: false,
            legacy: false,
        });
    });
    Ok(())
}

pub async fn delete_item(ctx: VaultCtx, id: String) {
    let Ok(item_id) = ItemId::parse(&id) else {
        return;
    };
    match api::delete_vault_item(item_id).await {
        Ok(()) | Err(PortalError::NotFound) => {
            ctx.state.update(|s| {
                if let Some(s) = s {
                    s.items.retain(|i| i.id.as_str() != id);
                }
            });
            remember(ctx, |seen| seen.deleted(&id));
            ctx.items.update(|items| items.retain(|o| o.id != id));
            ctx.say("Élément supprimé.", "Item deleted.");
        }
        Err(error) => ctx.fail(server_message(ctx.lang, &error)),
    }
}

pub async fn copy_text(ctx: VaultCtx, text: String, secret: bool) {
    if !browser::copy(&text).await {
        return ctx.fail(
            tr(
                ctx.lang,
                "Votre navigateur a refusé la copie.",
                "Your browser refused to copy.",
            )
            .to_owned(),
        );
    }
    if secret {
        ctx.say(
            "Copié. Le presse-papiers sera vidé dans 30 secondes.",
            "Copied. The clipboard will be emptied in 30 seconds.",
        );
        set_timeout(
            move || {
                leptos::task::spawn_local(async move { browser::clear_clipboard_if(&text).await })
            },
            Duration::from_secs(u64::from(CLIPBOARD_CLEAR_SECS)),
        );
    } else {
        ctx.say("Copié.", "Copied.");
    }
}

#[derive(Deserialize)]
struct Imported {
    format: String,
    items: Vec<VaultItem>,
    skipped: usize,
}

pub async fn read_import(ctx: VaultCtx, input: JsValue, pending: RwSignal<Option<(usize, usize)>>) {
    let lang = ctx.lang;
    let Some(module) = module() else { return };
    pending.set(None);
    let text = match browser::read_file(&input).await {
        Ok((text, _)) => text,
        Err(error) if error.as_string().as_deref() == Some("too_big") => {
            return ctx.fail(
                tr(
                    lang,
                    "Le fichier dépasse 5 Mo : ce n'est pas un export de mots de passe.",
                    "The file is over 5 MB: it is not a password export.",
                )
                .to_owned(),
            )
        }
        Err(_) => {
            return ctx.fail(
                tr(
                    lang,
                    "Le fichier n'a pas pu être lu (est-ce bien du texte ?).",
                    "The file could not be read (is it text?).",
                )
                .to_owned(),
            )
        }
    };
    match module.json::<Imported>("import_file", &[text.into()]) {
        Ok(imported) if imported.items.is_empty() => ctx.fail(
            tr(
                lang,
                "Ce fichier ne contient aucun identifiant ni note.",
                "This file holds no login or note.",
            )
            .to_owned(),
        ),
        Ok(imported) => {
            pending.set(Some((imported.items.len(), imported.skipped)));
            PENDING_IMPORT.with(|p| *p.borrow_mut() = (imported.items, imported.format));
            ctx.alert.set(None);
        }
        Err(error) => ctx.fail(call_message(lang, &error)),
    }
}

pub async fn confirm_import(ctx: VaultCtx, pending: RwSignal<Option<(usize, usize)>>) {
    let lang = ctx.lang;
    let Some(module) = module() else { return };
    let (items, format) = PENDING_IMPORT.with(|p| std::mem::take(&mut *p.borrow_mut()));
    busy(
        ctx,
        "Chiffrement des éléments importés…",
        "Encrypting the imported items…",
    )
    .await;
    let mut sealed = Vec::with_capacity(items.len());
    let mut opened = Vec::with_capacity(items.len());
    let mut refused = 0;
    for mut item in items {
        // An app address (`androidapp://…`) is not a web link: it is kept in the notes.
        let url = item.url.trim().to_ascii_lowercase();
        if !url.is_empty() && !url.starts_with("https://") && !url.starts_with("http://") {
            item.notes = format!("{}\n{}", item.url.trim(), item.notes)
                .trim()
                .to_owned();
            item.url = String::new();
        }
        let item = match item.checked() {
            Ok(item) => item,
            Err(_) => {
                refused += 1;
                continue;
            }
        };
        let sealed_item = module.text("new_item_id", &[]).and_then(|id| {
            let plaintext = serde_json::to_string(&item).unwrap_or_default();
            module
                .text(
                    "seal_item",
                    &[id.as_str().into(), JsValue::from_f64(1.0), plaintext.into()],
                )
                .map(|envelope| (id, envelope))
        });
        match sealed_item {
            Ok((id, envelope)) => {
                if let (Ok(item_id), Ok(envelope)) =
                    (ItemId::parse(&id), Envelope::parse(&envelope))
                {
                    sealed.push((item_id, envelope));
                    opened.push(Opened {
                        id,
                        revision: 1,
                        item: Some(item),
                        stale: false,
                        legacy: false,
                    });
                }
            }
            Err(error) => {
                ctx.busy.set(None);
                return ctx.fail(call_message(lang, &error));
            }
        }
    }
    let count = sealed.len();
    let result = api::import_vault_items(sealed.clone(), format).await;
    ctx.busy.set(None);
    match result {
        Ok(_) => {
            ctx.state.update(|s| {
                if let Some(s) = s {
                    s.items.extend(sealed.into_iter().map(|(id, envelope)| {
                        domain::vault::StoredItem {
                            id,
                            envelope,
                            revision: 1,
                        }
                    }));
                }
            });
            remember(ctx, |seen| {
                for item in &opened {
                    seen.saw(&item.id, 1, true);
                }
            });
            ctx.items.update(|items| items.extend(opened));
            pending.set(None);
            let refused = if refused > 0 {
                format!(
                    " {refused} {}",
                    tr(
                        lang,
                        "élément(s) trop long(s) laissé(s) de côté.",
                        "item(s) too long left out."
                    )
                )
            } else {
                String::new()
            };
            ctx.notice.set(Some(format!("{count} {}{refused}", tr(lang, "élément(s) importé(s). Supprimez maintenant le fichier d'export de votre appareil.", "item(s) imported. Now delete the export file from your device."))));
        }
        Err(error) => ctx.fail(server_message(lang, &error)),
    }
}

pub async fn export(ctx: VaultCtx, format: String, passphrase: String, field: RwSignal<String>) {
    let lang = ctx.lang;
    let (Some(module), Some(keys)) = (module(), keys_json(ctx)) else {
        return;
    };
    busy(
        ctx,
        "Vérification de la phrase de passe…",
        "Checking the passphrase…",
    )
    .await;
    let checked = module.boolean(
        "check_passphrase",
        &[keys.into(), passphrase.as_str().into()],
    );
    ctx.busy.set(None);
    field.set(String::new());
    match checked {
        Ok(true) => {}
        Ok(false) => {
            return ctx.fail(call_message(
                lang,
                &VaultCallError("wrong_passphrase".into()),
            ))
        }
        Err(error) => return ctx.fail(call_message(lang, &error)),
    }
    if let Err(error) = api::allow_vault_export(format.clone()).await {
        return ctx.fail(server_message(lang, &error));
    }
    let pairs: Vec<(String, VaultItem)> = ctx.items.with_untracked(|items| {
        items
            .iter()
            .filter_map(|o| o.item.clone().map(|i| (o.id.clone(), i)))
            .collect()
    });
    let items = serde_json::to_string(&pairs).unwrap_or_default();
    match module.text("export_file", &[format.as_str().into(), items.into()]) {
        Ok(text) => {
            let (name, mime) = match format.as_str() {
                "bitwarden-json" => ("sillage-coffre-fort-bitwarden.json", "application/json"),
                "bitwarden-csv" => ("sillage-coffre-fort-bitwarden.csv", "text/csv"),
                _ => ("sillage-coffre-fort.csv", "text/csv"),
            };
            if browser::download(name, mime, &text).is_ok() {
                ctx.say(
                    "Export prêt. Ce fichier n'est pas chiffré : importez-le puis supprimez-le.",
                    "Export ready. This file is not encrypted: import it, then delete it.",
                );
            }
        }
        Err(error) => ctx.fail(call_message(lang, &error)),
    }
}

pub async fn add_passkey(ctx: VaultCtx, label: String) {
    let lang = ctx.lang;
    let Some(module) = module() else { return };
    let label = if label.trim().is_empty() {
        tr(lang, "Mon appareil", "My device").to_owned()
    } else {
        label.trim().to_owned()
    };
    if !browser::webauthn_available() {
        return ctx.fail(
            tr(
                lang,
                "Ce navigateur ne gère pas les clés d'accès.",
                "This browser does not support passkeys.",
            )
            .to_owned(),
        );
    }
    let Ok(salt_text) = module.text("new_prf_salt", &[]) else {
        return;
    };
    let Ok(salt) = Salt::parse(&salt_text) else {
        return;
    };
    let created = browser::create_prf_passkey(&ctx.display_name.get_value(), salt.bytes()).await;
    let (credential_id, output) = match created {
        Ok(Some(created)) => created,
        Ok(None) => return ctx.fail(tr(lang, "Cette clé d'accès ne sait pas ouvrir un coffre (extension PRF absente) : gardez votre phrase de passe.", "This passkey cannot open a vault (no PRF extension): keep using your passphrase.").to_owned()),
        Err(_) => return ctx.fail(crate::i18n::texts(lang).passkey_cancelled.to_owned()),
    };
    let wrapped = module.text(
        "wrap_for_passkey",
        &[
            credential_id.as_str().into(),
            salt_text.as_str().into(),
            browser::bytes(&output),
        ],
    );
    let Ok(Ok(wrapped)) = wrapped.map(|w| WrappedKey::parse(&w)) else {
        return ctx.fail(call_message(lang, &VaultCallError("locked".into())));
    };
    let passkey = VaultPasskey {
        credential_id,
        prf_salt: salt,
        wrapped,
        label,
    };
    match api::add_vault_passkey(passkey.clone()).await {
        Ok(()) => {
            ctx.state.update(|s| {
                if let Some(s) = s {
                    s.passkeys.push(passkey);
                }
            });
            ctx.say(
                "Clé d'accès ajoutée : elle peut maintenant ouvrir le coffre-fort.",
                "Passkey added: it can now open the vault.",
            );
        }
        Err(error) => ctx.fail(server_message(lang, &error)),
    }
}

pub async fn remove_passkey(ctx: VaultCtx, credential_id: String) {
    match api::remove_vault_passkey(credential_id.clone()).await {
        Ok(()) => {
            ctx.state.update(|s| {
                if let Some(s) = s {
                    s.passkeys.retain(|p| p.credential_id != credential_id);
                }
            });
            ctx.say(
                "Clé d'accès retirée du coffre-fort.",
                "Passkey removed from the vault.",
            );
        }
        Err(error) => ctx.fail(server_message(ctx.lang, &error)),
    }
}

pub async fn delete_vault(ctx: VaultCtx) {
    let Some(module) = module() else { return };
    let Some(check) = key_check(&module) else {
        return ctx.fail(server_message(
            ctx.lang,
            &PortalError::Vault(domain::vault::VaultProblem::KeyProofRequired),
        ));
    };
    match api::delete_vault(check).await {
        Ok(()) => {
            let _ = module.unit("lock", &[]);
            forget_plaintext(ctx);
            refresh(ctx).await;
            ctx.say(
                "Coffre-fort supprimé. Vous pouvez en créer un nouveau.",
                "Vault deleted. You can create a new one.",
            );
        }
        Err(error) => ctx.fail(server_message(ctx.lang, &error)),
    }
}

/// Re-wraps the open vault's key under a new passphrase (the items do not change).
pub async fn change_passphrase(
    ctx: VaultCtx,
    passphrase: RwSignal<String>,
    confirm: RwSignal<String>,
) {
    let lang = ctx.lang;
    let Some(module) = module() else { return };
    let (new, again) = (passphrase.get_untracked(), confirm.get_untracked());
    if new != again {
        return ctx.fail(
            tr(
                lang,
                "Les deux phrases de passe ne sont pas identiques.",
                "The two passphrases differ.",
            )
            .to_owned(),
        );
    }
    if !strength(&new, &ctx.personal.get_value()).is_some_and(|s| s.bits >= MIN_PASSPHRASE_BITS) {
        return ctx.fail(
            tr(
                lang,
                "Cette phrase de passe n'atteint pas 80 bits : ajoutez des mots pris au hasard.",
                "This passphrase does not reach 80 bits: add random words.",
            )
            .to_owned(),
        );
    }
    busy(
        ctx,
        "Changement de la phrase de passe…",
        "Changing the passphrase…",
    )
    .await;
    #[derive(Deserialize)]
    struct Wrap {
        kdf: domain::vault::KdfParams,
        salt: Salt,
        wrapped: WrappedKey,
    }
    let wrap = module.json::<Wrap>("change_passphrase", &[new.as_str().into()]);
    ctx.busy.set(None);
    let wrap = match wrap {
        Ok(wrap) => wrap,
        Err(error) => return ctx.fail(call_message(lang, &error)),
    };
    let change = KeyChange::Passphrase {
        kdf: wrap.kdf,
        salt: wrap.salt.clone(),
        wrapped: wrap.wrapped.clone(),
    };
    let Some(check) = key_check(&module) else {
        return ctx.fail(call_message(lang, &VaultCallError("locked".into())));
    };
    match api::change_vault_key(change, check).await {
        Ok(()) => {
            ctx.state.update(|s| {
                if let Some(keys) = s.as_mut().and_then(|s| s.keys.as_mut()) {
                    keys.kdf = wrap.kdf;
                    keys.salt = wrap.salt;
                    keys.by_passphrase = wrap.wrapped;
                }
            });
            passphrase.set(String::new());
            confirm.set(String::new());
            ctx.say(
                "Phrase de passe changée : l'ancienne n'ouvre plus le coffre-fort.",
                "Passphrase changed: the old one no longer opens the vault.",
            );
        }
        Err(error) => ctx.fail(server_message(lang, &error)),
    }
}

/// A new recovery key for the open vault, shown once.
pub async fn new_recovery_key(ctx: VaultCtx) {
    let lang = ctx.lang;
    let Some(module) = module() else { return };
    #[derive(Deserialize)]
    struct NewRecovery {
        salt: Salt,
        wrapped: WrappedKey,
        recovery_key: String,
    }
    let made = match module.json::<NewRecovery>("new_recovery_key", &[]) {
        Ok(made) => made,
        Err(error) => return ctx.fail(call_message(lang, &error)),
    };
    let Some(check) = key_check(&module) else {
        return ctx.fail(call_message(lang, &VaultCallError("locked".into())));
    };
    let change = KeyChange::Recovery {
        salt: made.salt.clone(),
        wrapped: made.wrapped.clone(),
    };
    match api::change_vault_key(change, check).await {
        Ok(()) => {
            ctx.state.update(|s| {
                if let Some(keys) = s.as_mut().and_then(|s| s.keys.as_mut()) {
                    keys.recovery_salt = made.salt;
                    keys.by_recovery = made.wrapped;
                    keys.recovery_stale = false;
                }
            });
            ctx.editing.set(None);
            ctx.stage.set(Stage::Recovery(made.recovery_key));
        }
        Err(error) => ctx.fail(server_message(lang, &error)),
    }
}
