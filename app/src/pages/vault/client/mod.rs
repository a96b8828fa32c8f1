//! The vault page's browser side: every step that touches a key, a passphrase or a plaintext
//! happens here and in the vault module, never in a server function.

use super::api;
use super::texts::vault_problem;
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

mod items;
mod keys;
mod tools;
mod transfer;
mod unlock;

use items::store_item;
pub use items::{copy_text, delete_item, save_item};
pub use keys::{add_passkey, change_passphrase, delete_vault, new_recovery_key, remove_passkey};
pub use tools::{
    generate_passphrase, generate_password, hygiene, print, strength, suggest_passphrase,
};
pub use transfer::{confirm_import, export, read_import};
pub use unlock::{create, lock, unlock_with_passkey, unlock_with_passphrase, unlock_with_recovery};
use unlock::{forget_plaintext, key_check, MIN_PASSPHRASE_BITS};

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
        _ => tr(lang, "Votre navigateur n'a pas pu faire cette opération.", "Your browser could not do this."),
    };
    text.to_owned()
}

fn server_message(lang: Lang, error: &PortalError) -> String {
    match error {
        PortalError::Vault(problem) => vault_problem(lang, *problem).to_owned(),
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

async fn busy(ctx: VaultCtx, fr: &'static str, en: &'static str) {
    ctx.alert.set(None);
    ctx.notice.set(None);
    ctx.busy.set(Some(tr(ctx.lang, fr, en)));
    // Let the browser show the message before the key derivation holds the thread.
    browser::next_paint().await;
}
