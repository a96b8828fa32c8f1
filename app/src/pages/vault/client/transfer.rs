//! Importing other managers' exports and exporting the vault.

use super::*;
use crate::pages::vault::texts::import_problem;
use domain::vault::items::ImportProblem;

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
            return ctx.fail(vault_texts(lang).file_is_over_5_mb().to_owned())
        }
        Err(_) => return ctx.fail(vault_texts(lang).file_could_not_be_read().to_owned()),
    };
    match module.json::<Imported>("import_file", &[text.into()]) {
        Ok(imported) if imported.items.is_empty() => {
            ctx.fail(vault_texts(lang).this_file_holds_no_login().to_owned())
        }
        Ok(imported) => {
            pending.set(Some((imported.items.len(), imported.skipped)));
            PENDING_IMPORT.with(|p| *p.borrow_mut() = (imported.items, imported.format));
            ctx.alert.set(None);
        }
        // A refused file: the module names the problem, the page words it. Worded here, not in
        // `call_message`: the words and their parsing then travel with the open vault's chunk,
        // not with the first screen's.
        Err(error) => ctx.fail(match serde_json::from_str::<ImportProblem>(&error.0) {
            Ok(problem) => import_problem(lang, &problem),
            Err(_) => call_message(lang, &error),
        }),
    }
}

pub async fn confirm_import(ctx: VaultCtx, pending: RwSignal<Option<(usize, usize)>>) {
    let lang = ctx.lang;
    let Some(module) = module() else { return };
    let (items, format) = PENDING_IMPORT.with(|p| std::mem::take(&mut *p.borrow_mut()));
    busy(ctx, vault_texts(ctx.lang).encrypting_imported_items()).await;
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
                format!(" {}", vault_texts(lang).items_too_long(refused))
            } else {
                String::new()
            };
            ctx.notice.set(Some(format!(
                "{}{refused}",
                vault_texts(lang).items_imported(count)
            )));
        }
        Err(error) => ctx.fail(server_message(lang, &error)),
    }
}

pub async fn export(ctx: VaultCtx, format: String, passphrase: String, field: RwSignal<String>) {
    let lang = ctx.lang;
    let (Some(module), Some(keys)) = (module(), keys_json(ctx)) else {
        return;
    };
    busy(ctx, vault_texts(ctx.lang).checking_passphrase()).await;
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
                ctx.say(vault_texts(ctx.lang).export_ready_this_file_is());
            }
        }
        Err(error) => ctx.fail(call_message(lang, &error)),
    }
}
