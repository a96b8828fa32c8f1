//! Adding, changing, deleting and copying items of the open vault.

use super::*;

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
            ctx.say(vault_texts(ctx.lang).saved_encrypted_in_your_browser());
        }
        Err(message) => ctx.fail(message),
    }
}

/// Seals `item` for the revision it will be stored as (`revision` is the one it was edited
/// from, none for a new item), stores it, and shows it; the error is said to the pupil.
pub(super) async fn store_item(
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
    let check = key_check(&module)
        .ok_or_else(|| call_message(lang, &VaultCallError("locked".to_owned())))?;
    let new_revision = api::save_vault_item(item_id.clone(), parsed.clone(), revision, check)
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
    let Some(check) = module().as_ref().and_then(key_check) else {
        return ctx.fail(call_message(ctx.lang, &VaultCallError("locked".to_owned())));
    };
    match api::delete_vault_item(item_id, check).await {
        Ok(()) | Err(PortalError::NotFound) => {
            ctx.state.update(|s| {
                if let Some(s) = s {
                    s.items.retain(|i| i.id.as_str() != id);
                }
            });
            remember(ctx, |seen| seen.deleted(&id));
            ctx.items.update(|items| items.retain(|o| o.id != id));
            ctx.say(vault_texts(ctx.lang).item_deleted());
        }
        Err(error) => ctx.fail(server_message(ctx.lang, &error)),
    }
}

pub async fn copy_text(ctx: VaultCtx, text: String, secret: bool) {
    if !browser::copy(&text).await {
        return ctx.fail(
            vault_texts(ctx.lang)
                .your_browser_refused_to_copy()
                .to_owned(),
        );
    }
    if secret {
        ctx.say(vault_texts(ctx.lang).copied_clipboard_will_be_emptied());
        set_timeout(
            move || {
                leptos::task::spawn_local(async move { browser::clear_clipboard_if(&text).await })
            },
            Duration::from_secs(u64::from(CLIPBOARD_CLEAR_SECS)),
        );
    } else {
        ctx.say(vault_texts(ctx.lang).copied());
    }
}
