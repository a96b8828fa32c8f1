//! The keys that open the vault: passkeys, the passphrase, the recovery key; deleting the vault.

use super::*;

pub async fn add_passkey(ctx: VaultCtx, label: String) {
    let lang = ctx.lang;
    let Some(module) = module() else { return };
    let label = if label.trim().is_empty() {
        vault_texts(lang).my_device().to_owned()
    } else {
        label.trim().to_owned()
    };
    if !browser::webauthn_available() {
        return ctx.fail(vault_texts(lang).this_browser_does_not_support().to_owned());
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
        Ok(None) => {
            return ctx.fail(
                vault_texts(lang)
                    .this_passkey_cannot_open_vault()
                    .to_owned(),
            )
        }
        Err(_) => return ctx.fail(crate::i18n::texts(lang).passkey_cancelled().to_owned()),
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
    let Some(check) = key_check(&module) else {
        return ctx.fail(call_message(lang, &VaultCallError("locked".into())));
    };
    match api::add_vault_passkey(passkey.clone(), check).await {
        Ok(()) => {
            ctx.state.update(|s| {
                if let Some(s) = s {
                    s.passkeys.push(passkey);
                }
            });
            ctx.say(vault_texts(ctx.lang).passkey_added_it_can_now());
        }
        Err(error) => ctx.fail(server_message(lang, &error)),
    }
}

pub async fn remove_passkey(ctx: VaultCtx, credential_id: String) {
    let Some(check) = module().as_ref().and_then(key_check) else {
        return ctx.fail(call_message(ctx.lang, &VaultCallError("locked".into())));
    };
    match api::remove_vault_passkey(credential_id.clone(), check).await {
        Ok(()) => {
            ctx.state.update(|s| {
                if let Some(s) = s {
                    s.passkeys.retain(|p| p.credential_id != credential_id);
                }
            });
            ctx.say(vault_texts(ctx.lang).passkey_removed_from_vault());
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
            ctx.say(vault_texts(ctx.lang).vault_deleted_you_can_create());
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
        return ctx.fail(vault_texts(lang).two_passphrases_differ().to_owned());
    }
    if !strength(&new, &ctx.personal.get_value()).is_some_and(|s| s.bits >= MIN_PASSPHRASE_BITS) {
        return ctx.fail(
            vault_texts(lang)
                .this_passphrase_does_not_reach()
                .to_owned(),
        );
    }
    busy(ctx, vault_texts(ctx.lang).changing_passphrase()).await;
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
            ctx.say(vault_texts(ctx.lang).passphrase_changed_old_one_no());
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
