//! Creating the vault, unlocking it (passphrase, recovery key, passkey), locking it.

use super::*;

/// The vault passphrase must reach the CNIL's 80 bits: it is the one password that protects all
/// the others, and an attacker holding a copy of the database can try it offline.
pub(super) const MIN_PASSPHRASE_BITS: f64 = 80.0;

pub async fn create(ctx: VaultCtx, passphrase: String, confirm: String) {
    let lang = ctx.lang;
    let Some(module) = module() else { return };
    if passphrase != confirm {
        ctx.fail(vault_texts(lang).two_passphrases_differ().to_owned());
        return;
    }
    let strong = strength(&passphrase, &ctx.personal.get_value())
        .is_some_and(|s| s.bits >= MIN_PASSPHRASE_BITS);
    if !strong {
        ctx.fail(
            vault_texts(lang)
                .this_passphrase_does_not_reach_2()
                .to_owned(),
        );
        return;
    }
    busy(ctx, vault_texts(ctx.lang).creating_vault()).await;
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
    busy(ctx, vault_texts(ctx.lang).unlocking()).await;
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
    busy(ctx, vault_texts(ctx.lang).unlocking()).await;
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
            ctx.say(vault_texts(ctx.lang).vault_opened_with_recovery_key());
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
                vault_texts(lang)
                    .this_passkey_cannot_open_vault_2()
                    .to_owned(),
            )
        }
        Err(_) => return ctx.fail(crate::i18n::texts(lang).passkey_cancelled().to_owned()),
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
pub(super) fn key_check(module: &VaultModule) -> Option<KeyCheck> {
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
        ctx.fail(vault_texts(ctx.lang).your_recovery_key_is_no().to_owned());
    }
}

/// Forgets what the open vault showed: items, the item being edited, an import read but not
/// confirmed (its plaintext must not outlive the unlocked vault).
pub(super) fn forget_plaintext(ctx: VaultCtx) {
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
    ctx.say(vault_texts(ctx.lang).vault_locked_2());
}
