//! The vault page's browser side: every step that touches a key, a passphrase or a plaintext
//! happens here and in the vault module, never in a server function.

use super::api;
use super::texts::{vault_problem, vault_texts};
use super::{
    Generated, Opened, Report, Stage, Strength, VaultCtx, AUTO_LOCK_SECS, CLIPBOARD_CLEAR_SECS,
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
        "wrong_passphrase" => vault_texts(lang).wrong_passphrase_check_capitals_and(),
        "wrong_recovery_key" => vault_texts(lang).this_recovery_key_does_not(),
        "recovery_key_form" => vault_texts(lang).recovery_key_has_32_characters(),
        "wrong_passkey" => vault_texts(lang).this_passkey_does_not_open(),
        "locked" => vault_texts(lang).vault_is_locked(),
        "module_unavailable" => vault_texts(lang).encryption_module_could_not_be(),
        "undecryptable" => vault_texts(lang).some_vault_data_does_not(),
        _ => vault_texts(lang).your_browser_could_not_do(),
    };
    text.to_owned()
}

fn server_message(lang: Lang, error: &PortalError) -> String {
    match error {
        PortalError::Vault(problem) => vault_problem(lang, *problem).to_owned(),
        PortalError::NotSignedIn => vault_texts(lang).your_session_ended_sign_in().to_owned(),
        PortalError::NotFound => vault_texts(lang).this_item_no_longer_exists().to_owned(),
        _ => vault_texts(lang)
            .service_is_unavailable_nothing_was()
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
                ctx.say(vault_texts(ctx.lang).vault_locked_itself_after_5());
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

async fn busy(ctx: VaultCtx, text: &'static str) {
    ctx.alert.set(None);
    ctx.notice.set(None);
    ctx.busy.set(Some(text));
    // Let the browser show the message before the key derivation holds the thread.
    browser::next_paint().await;
}
